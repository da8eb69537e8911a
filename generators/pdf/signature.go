package pdf

import (
	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
	"pilotpack/internal/pagestyle"
)

// Signature pages, as Chinese agreements have them: a line saying that no
// text follows and whose signature page this is, then each party's block:
// its designation, its full name on one line (never broken: smaller type if
// it must, else the parties stand one below the other at the full width), a
// labelled space of 42 × 42 mm for the company seal, a line for the
// signature of the legal or authorised representative, and the date. The
// signatures share one page when they fit on one; a block never splits
// across pages, and the lead line stays with the first.

var (
	sealSide   = pagestyle.MM(42) // official seals are 40–42 mm across
	partyGap   = 24.0             // between two parties side by side
	partyAfter = 18.0             // between rows of parties
	signSpace  = 26.0             // room above the signature line to sign in
	minName    = 10.5             // the smallest size a name is shrunk to
)

// signatureLead is the line before the signatures, made from the
// document's title (its cover's first line, else its metadata title). It
// is the one place to take the line from the document model instead.
func signatureLead(doc *document.Doc) string {
	title := doc.Title
	if len(doc.Blocks) > 0 {
		if t, ok := doc.Blocks[0].(*document.Title); ok && len(t.Lines) > 0 {
			title = document.PlainText(t.Lines[0].Text)
		}
	}
	if title == "" {
		return ""
	}
	if doc.Lang == "en" {
		return "(No further text below: this is the signature page of the " + title + ".)"
	}
	return "（以下无正文，为《" + title + "》之签署页）"
}

// signatoryLabel is the label of a party's signature line: the one place to
// take it from the party (a signatory named in the document model).
func signatoryLabel(_ document.Party, l document.Labels) string { return l.Signatory }

// partyLayout is one party's block set in a column.
type partyLayout struct {
	role     []setLine
	name     []setLine
	nameSize float64
	height   float64
	wide     bool // the seal beside the signature, not above it
}

func (e *engine) signature(s *document.Signature, left, width float64) {
	if len(s.Parties) == 0 {
		return
	}
	lead := bodySize * bodyLead
	body := textStyle{font: fSerif, size: bodySize}
	// Side by side when every name fits its column at a readable size;
	// a lone party (an applicant's declaration) takes the whole width, its
	// seal beside its signature.
	cols := 2
	colW := (width - partyGap) / 2
	if len(s.Parties) == 1 {
		cols, colW = 1, width
	}
	fits := func(w float64) bool {
		for _, p := range s.Parties {
			if e.spanWidth(p.Name, body)*minName/bodySize > w {
				return false
			}
		}
		return true
	}
	if !fits(colW) {
		cols, colW = 1, width
	}
	blocks := make([]partyLayout, len(s.Parties))
	for i, p := range s.Parties {
		blocks[i] = e.partyBlock(p, colW)
	}
	leadLine := signatureLead(e.doc)
	var leadLines []setLine
	leadH := 0.0
	if leadLine != "" {
		leadLines = e.lines([]document.Span{{Text: leadLine}}, body, width, 0)
		leadH = float64(len(leadLines))*lead + 12
	}
	rowH := func(i int) float64 {
		h := 0.0
		for _, b := range blocks[i:min(i+cols, len(blocks))] {
			h = max(h, b.height)
		}
		return h
	}
	// The signatures stand on one page when they fit on one, else each
	// row of parties is kept whole, the lead line with the first.
	all := leadH
	for i := 0; i < len(blocks); i += cols {
		if i > 0 {
			all += partyAfter
		}
		all += rowH(i)
	}
	e.space(18)
	if all <= bodyBottom-marginT {
		e.need(all)
	} else {
		e.need(leadH + rowH(0))
	}
	if len(leadLines) > 0 {
		indent := 0.0
		if e.zh() {
			indent = ps.IndentZh
		}
		for _, l := range leadLines {
			l.last = true
			e.drawLine(l, left+indent, e.y, width-indent, lead, document.AlignLeft)
			e.y += lead
		}
		e.unit()
		e.y += 12
	}
	for i := 0; i < len(blocks); i += cols {
		h := rowH(i)
		if i > 0 {
			e.need(partyAfter + h)
			e.space(partyAfter)
		}
		e.need(h)
		for c := 0; c < cols && i+c < len(blocks); c++ {
			e.drawParty(s.Parties[i+c], blocks[i+c], left+float64(c)*(colW+partyGap), e.y, colW)
		}
		e.unit()
		e.y += h
	}
	e.y += 12
}

// spanWidth is the width of spans set on one line.
func (e *engine) spanWidth(spans []document.Span, st textStyle) float64 {
	segs, _ := e.shape(spans, st)
	w := 0.0
	for _, seg := range segs {
		sw := 0.0
		for _, g := range seg {
			sw += g.w
		}
		w = max(w, sw)
	}
	return w
}

// partyBlock sets a party's designation and name for a column of width w
// and measures the whole block. A column wide enough puts the seal beside
// the signature and the date rather than above them.
func (e *engine) partyBlock(p document.Party, w float64) partyLayout {
	lead := bodySize * bodyLead
	body := textStyle{font: fSerif, size: bodySize}
	var b partyLayout
	b.role = e.lines(boldSpans(p.Role), body, w, 0)
	// The name on one line: shrunk to fit down to minName, and broken
	// only if even that is too wide (a name longer than any page).
	b.nameSize = bodySize
	if nw := e.spanWidth(p.Name, body); nw > w {
		b.nameSize = max(minName, bodySize*w/nw*0.999)
	}
	b.name = e.lines(p.Name, textStyle{font: fSerif, size: b.nameSize}, w, 0)
	b.wide = w >= 2*sealSide+3*partyGap
	textW := w
	if b.wide {
		textW = w - sealSide - partyGap
	}
	label := func(text string, w float64) int { return len(e.lines([]document.Span{{Text: text}}, body, w, 0)) }
	seal := float64(label(e.labels.Seal, sealSide))*lead + sealSide
	sign := float64(label(signatoryLabel(p, e.labels), textW)+label(e.labels.Date, textW))*lead + signSpace
	b.height = float64(len(b.role)+len(b.name))*lead + seal + sign
	if b.wide {
		b.height = float64(len(b.role)+len(b.name))*lead + max(seal, sign)
	}
	return b
}

// drawParty draws a party's block at (x, top) in a column of width w.
func (e *engine) drawParty(p document.Party, b partyLayout, x, top, w float64) {
	lead := bodySize * bodyLead
	body := textStyle{font: fSerif, size: bodySize}
	y := top
	put := func(ls []setLine, x, w float64) {
		for _, l := range ls {
			l.last = true
			e.drawLine(l, x, y, w, lead, document.AlignLeft)
			y += lead
		}
	}
	label := func(text string, x, w float64) { put(e.lines([]document.Span{{Text: text}}, body, w, 0), x, w) }
	put(b.role, x, w)
	put(b.name, x, w)
	textW := w
	sealX := x
	if b.wide {
		// The seal's space on the right, the signature on the left.
		textW = w - sealSide - partyGap
		sealX = x + w - sealSide
		below := y
		label(e.labels.Seal, sealX, sealSide)
		y = below
	} else {
		// The seal goes in the space below its label.
		label(e.labels.Seal, sealX, w)
		y += sealSide
	}
	label(signatoryLabel(p, e.labels), x, textW)
	y += signSpace
	e.add(page.Rule{X1: x, Y1: y - 4, X2: x + textW, Y2: y - 4, Width: 0.6, Color: page.Gray(0)})
	label(e.labels.Date, x, textW)
}
func boldSpans(spans []document.Span) []document.Span {
	out := make([]document.Span, len(spans))
	for i, s := range spans {
		s.Bold = true
		out[i] = s
	}
	return out
}
