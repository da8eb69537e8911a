package pdf

import (
	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
	"pilotpack/internal/pagestyle"
)

type cellBox struct {
	lines []setLine
	align document.Align
}

type rowBox struct {
	cells  []cellBox
	header bool
	height float64
	lines  int
}

var tableLeadPt = tableSize * tableLead

// shortTable is the most body rows a table may have and still never be
// split between pages (when it fits on one): a contact list of four rows
// split two and two reads as two tables.
const shortTable = 6

// table sets a table across the text width. Header rows repeat at the top of
// every page the table reaches. A row moves whole to the next page when it
// fits there, and splits between lines only when it is taller than a page.
// The header starts a page with at least the first two rows below it (or
// the first lines of a row taller than a page), and the table's last row
// does not stand alone on a page: the row before it goes along. A table of
// at most shortTable rows is not split.
func (e *engine) table(t *document.Table, left, width float64) {
	ncol := len(t.Align)
	for _, r := range append(append([]document.Row{}, t.Header...), t.Body...) {
		ncol = max(ncol, len(r.Cells))
	}
	if ncol == 0 {
		return
	}
	shaped := e.shapeCells(t, ncol)
	widths := columnWidths(t, shaped, ncol, width)
	aligns := columnAligns(t, ncol)
	mk := func(cells []shapedCell, header bool) rowBox {
		rb := rowBox{header: header, lines: 1}
		for c := range ncol {
			align := aligns[c]
			if header {
				align = document.AlignCenter
			}
			ls := setLines(cells[c].segs, cells[c].styles, widths[c]-2*cellPad, 0)
			for i := range ls {
				ls[i].last = true
			}
			rb.cells = append(rb.cells, cellBox{lines: ls, align: align})
			rb.lines = max(rb.lines, len(ls))
		}
		rb.height = float64(rb.lines)*tableLeadPt + 2*cellPad
		return rb
	}
	var header, body []rowBox
	headerH := 0.0
	for i := range t.Header {
		header = append(header, mk(shaped[i], true))
		headerH += header[len(header)-1].height
	}
	for i := range t.Body {
		body = append(body, mk(shaped[len(t.Header)+i], false))
	}
	room := bodyBottom - marginT - headerH // a page's room for body rows
	e.space(6)
	// The header and the first rows, or the first lines of a row too tall
	// for any page, must fit where the table starts.
	first := headerH
	for i := 0; i < min(2, len(body)); i++ {
		if body[i].height > room {
			if i == 0 {
				first += 3*tableLeadPt + 2*cellPad
			}
			break
		}
		if first+body[i].height-headerH > room {
			break
		}
		first += body[i].height
	}
	// A short table is not split at all: it moves whole to the next page
	// when it fits on one.
	if len(body) <= shortTable {
		whole := headerH
		for _, r := range body {
			whole += r.height
		}
		if whole <= room+headerH {
			first = whole
		}
	}
	e.need(first)
	breaks := planRows(body, e.y+headerH, room)
	drawHeader := func() {
		for _, h := range header {
			e.drawRow(h, left, widths, 0, -1)
			e.unit()
		}
	}
	drawHeader()
	for i, r := range body {
		if breaks[i] {
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
			e.unit()
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

// planRows decides before which body rows a page breaks, for rows starting
// at y with room for rows on every later page: a row that does not fit
// where it would start goes to the next page, unless it is taller than a
// page and splits anyway. Then, if the last row would stand alone on its
// page, the row before it goes along.
func planRows(rows []rowBox, y, room float64) []bool {
	breaks := make([]bool, len(rows))
	top := bodyBottom - room // where rows start on a new page
	for i, r := range rows {
		switch {
		case y+r.height <= bodyBottom+0.01:
			y += r.height
		case r.height <= room:
			breaks[i] = true
			y = top + r.height
		default:
			// A row taller than a page: it runs on over pages; where it
			// ends is found when it is drawn, roughly here.
			left := r.height - (bodyBottom - y)
			for left > room {
				left -= room
			}
			y = top + left
		}
	}
	n := len(rows)
	if n >= 3 && breaks[n-1] && !breaks[n-2] && rows[n-2].height+rows[n-1].height <= room {
		// n-2 must not be the only row before the break on its page either.
		breaks[n-1], breaks[n-2] = false, true
	}
	return breaks
}

// drawRow draws lines [from, to) of a row (to < 0: all) and returns where to
// continue, or -1 when the row is done.
func (e *engine) drawRow(r rowBox, left float64, widths []float64, from, to int) int {
	n := r.lines
	next := -1
	if to < 0 || to >= n {
		to = n
	} else {
		next = to
	}
	h := float64(max(to-from, 1))*tableLeadPt + 2*cellPad
	if from == 0 && next < 0 {
		h = r.height
	}
	x := left
	headerFill := page.Gray(0.9)
	for c, cell := range r.cells {
		box := page.Box{X: x, Y: e.y, W: widths[c], H: h, Stroke: 0.5}
		if r.header {
			box.Fill = &headerFill
		}
		e.add(box)
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

// columnAligns returns each column's alignment: the author's, else right
// for a column of numbers, else left.
func columnAligns(t *document.Table, ncol int) []document.Align {
	out := make([]document.Align, ncol)
	for c := range ncol {
		if c < len(t.Align) && t.Align[c] != document.AlignDefault {
			out[c] = t.Align[c]
			continue
		}
		numeric, any := true, false
		for _, r := range t.Body {
			if c >= len(r.Cells) {
				continue
			}
			text := document.PlainText(r.Cells[c].Text)
			if text == "" {
				continue
			}
			any = true
			numeric = numeric && pagestyle.Numeric(text)
		}
		out[c] = document.AlignLeft
		if numeric && any {
			out[c] = document.AlignRight
		}
	}
	return out
}

// shapedCell is a table cell's text shaped in its style (shape's segments
// and styles): measured for the column widths, then broken into lines.
type shapedCell struct {
	segs   [][]glyph
	styles []textStyle
}

// shapeCells shapes every cell of t, the header's rows first, each row
// with ncol cells (empty where the row has fewer).
func (e *engine) shapeCells(t *document.Table, ncol int) [][]shapedCell {
	out := make([][]shapedCell, 0, len(t.Header)+len(t.Body))
	shapeRow := func(r document.Row, header bool) {
		cells := make([]shapedCell, ncol)
		for c := range cells {
			var spans []document.Span
			if c < len(r.Cells) {
				spans = r.Cells[c].Text
			}
			cells[c].segs, cells[c].styles = e.shape(spans, cellStyle(header))
		}
		out = append(out, cells)
	}
	for _, r := range t.Header {
		shapeRow(r, true)
	}
	for _, r := range t.Body {
		shapeRow(r, false)
	}
	return out
}

// columnWidths measures every column in the fonts its cells are set in
// (shaped, as shapeCells gives them) and shares the width by the page
// style's rule (pagestyle.ColumnWidths).
func columnWidths(t *document.Table, shaped [][]shapedCell, ncol int, width float64) []float64 {
	cols := make([]pagestyle.Column, ncol)
	for c := range cols {
		cols[c].Empty = true
		if len(t.Widths) == ncol {
			cols[c].Hint = t.Widths[c]
		}
	}
	for i, row := range shaped {
		header := i < len(t.Header)
		for c, cell := range row {
			for _, seg := range cell.segs {
				// Words count whole: a column as wide as its longest word
				// hyphenates only to fill a line, never to fit the word.
				short := pagestyle.KeepWhole * tableSize
				total, widest := widths(seg, short)
				if total > 0 && !header {
					cols[c].Empty = false
				}
				cols[c].Max = max(cols[c].Max, total)
				cols[c].Min = max(cols[c].Min, widest, min(total, short))
			}
		}
	}
	for c := range cols {
		// A single word wider than half the table breaks rather than
		// squeeze every other column.
		cols[c].Min = min(cols[c].Min, width/2) + 2*cellPad + 1
		cols[c].Max = max(cols[c].Max+2*cellPad+1, cols[c].Min)
	}
	return pagestyle.ColumnWidths(cols, width)
}

// cellStyle is the style a table's cells are set, and measured, in: narrow
// columns hyphenate English words rather than leave half their lines
// empty. A header's words stay whole (its column is at least as wide as
// its longest word): a centred label reads badly broken and saves nothing.
func cellStyle(header bool) textStyle {
	st := textStyle{font: fSerif, size: tableSize, hyphens: hyphenRagged}
	if header {
		st.font, st.hyphens = fSansBold, hyphenNever
	}
	return st
}
