package pdf

import "pilotpack/internal/document"

type cellBox struct {
	lines []setLine
	align document.Align
}

type rowBox struct {
	cells  []cellBox
	header bool
	height float64
}

const tableLeadPt = tableSize * tableLead

// table sets a table across the text width. Header rows repeat at the top of
// every page the table reaches; a row moves whole to the next page when it
// fits there, and splits between lines only when it is taller than a page.
func (e *engine) table(t *document.Table, left, width float64) {
	ncol := len(t.Align)
	for _, r := range append(append([]document.Row{}, t.Header...), t.Body...) {
		ncol = max(ncol, len(r.Cells))
	}
	if ncol == 0 {
		return
	}
	widths := e.columnWidths(t, ncol, width)
	mk := func(r document.Row, header bool) rowBox {
		rb := rowBox{header: header}
		lines := 1
		for c := range ncol {
			var spans []document.Span
			if c < len(r.Cells) {
				spans = r.Cells[c].Text
			}
			st := textStyle{font: fSerif, size: tableSize, hyphens: hyphenRagged}
			align := document.AlignLeft
			if c < len(t.Align) && t.Align[c] != document.AlignDefault {
				align = t.Align[c]
			}
			if header {
				st.font, align = fSansBold, document.AlignCenter
			}
			ls := e.lines(spans, st, widths[c]-2*cellPad, 0)
			for i := range ls {
				ls[i].last = true
			}
			rb.cells = append(rb.cells, cellBox{lines: ls, align: align})
			lines = max(lines, len(ls))
		}
		rb.height = float64(lines)*tableLeadPt + 2*cellPad
		return rb
	}
	var header, body []rowBox
	headerH := 0.0
	for _, r := range t.Header {
		header = append(header, mk(r, true))
		headerH += header[len(header)-1].height
	}
	for _, r := range t.Body {
		body = append(body, mk(r, false))
	}
	drawHeader := func() {
		for _, h := range header {
			e.drawRow(h, left, widths, 0, -1)
		}
	}
	// The header must not stand alone at a page's foot: it needs the first
	// row below it, whole when rows move whole (as the loop below moves
	// them), else its first lines.
	room := bodyBottom - marginT - headerH
	first := headerH
	if len(body) > 0 {
		if body[0].height <= room {
			first += body[0].height
		} else {
			first += 3*tableLeadPt + 2*cellPad
		}
	}
	e.space(6)
	e.need(first)
	drawHeader()
	for _, r := range body {
		if e.y+r.height > bodyBottom+0.01 && r.height <= room {
			e.newPage()
			drawHeader()
		}
		for from := 0; ; {
			fit := int((bodyBottom - e.y - 2*cellPad + 0.01) / tableLeadPt)
			if fit < 1 {
				e.newPage()
				drawHeader()
				continue
			}
			to := e.drawRow(r, left, widths, from, from+fit)
			if to < 0 {
				break
			}
			from = to
			e.newPage()
			drawHeader()
		}
	}
	e.y += 8
}

// drawRow draws lines [from, to) of a row (to < 0: all) and returns where to
// continue, or -1 when the row is done.
func (e *engine) drawRow(r rowBox, left float64, widths []float64, from, to int) int {
	n := 0
	for _, c := range r.cells {
		n = max(n, len(c.lines))
	}
	next := -1
	if to < 0 || to >= n {
		to = n
	} else {
		next = to
	}
	h := float64(max(to-from, 1))*tableLeadPt + 2*cellPad
	if to < 0 || (from == 0 && next < 0) {
		h = r.height
	}
	x := left
	for c, cell := range r.cells {
		fill := -1.0
		if r.header {
			fill = 0.9
		}
		e.add(rectOp{x: x, y: e.y, w: widths[c], h: h, fill: fill, stroke: 0.5})
		y := e.y + cellPad
		for i := from; i < to && i < len(cell.lines); i++ {
			e.drawLine(cell.lines[i], x+cellPad, y, widths[c]-2*cellPad, tableLeadPt, cell.align)
			y += tableLeadPt
		}
		x += widths[c]
	}
	e.y += h
	return next
}

// columnWidths sizes columns: by the author's relative widths when given,
// else by content, each column between its widest unbreakable word and its
// text set on one line.
func (e *engine) columnWidths(t *document.Table, ncol int, width float64) []float64 {
	out := make([]float64, ncol)
	if len(t.Widths) == ncol {
		sum := 0.0
		for _, w := range t.Widths {
			sum += w
		}
		for i, w := range t.Widths {
			out[i] = width * w / sum
		}
		return out
	}
	minW, maxW := make([]float64, ncol), make([]float64, ncol)
	measure := func(r document.Row, header bool) {
		for c := 0; c < ncol && c < len(r.Cells); c++ {
			st := textStyle{font: fSerif, size: tableSize}
			if header {
				st.font = fSansBold
			}
			segs, _ := e.shape(r.Cells[c].Text, st)
			for _, seg := range segs {
				total, widest := widths(seg, 5*tableSize)
				minW[c] = max(minW[c], widest)
				maxW[c] = max(maxW[c], total)
				// A short cell (a label, a number, 项目) is never broken.
				minW[c] = max(minW[c], min(total, 5*tableSize))
			}
		}
	}
	for _, r := range t.Header {
		measure(r, true)
	}
	for _, r := range t.Body {
		measure(r, false)
	}
	sumMin, sumMax := 0.0, 0.0
	for c := range ncol {
		minW[c] = min(minW[c], width/2) + 2*cellPad + 1
		maxW[c] = max(maxW[c]+2*cellPad+1, minW[c])
		sumMin += minW[c]
		sumMax += maxW[c]
	}
	switch {
	case sumMax <= width:
		for c := range ncol {
			out[c] = maxW[c] + (width-sumMax)*maxW[c]/sumMax
		}
	case sumMin <= width:
		for c := range ncol {
			out[c] = minW[c] + (width-sumMin)*(maxW[c]-minW[c])/(sumMax-sumMin)
		}
	default:
		for c := range ncol {
			out[c] = width * minW[c] / sumMin
		}
	}
	return out
}
