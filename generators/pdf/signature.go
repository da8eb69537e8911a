package pdf

import (
	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
	"pilotpack/internal/pagestyle"
)

// Signature pages, as Chinese agreements have them. The document model
// says what they hold: the line saying that no text follows and whose
// signature page this is (Signature.Lead), and each party's designation,
// full name, seal area and the labels of its signature and date lines
// (document.Party). The layout here decides how they stand: each name on
// one line (never broken: smaller type if it must, else the parties stand
// one below the other at the full width), the labelled seal area beside the
// signature where the column is wide enough, else above it. The signatures
// share one page when they fit on one; a block never splits across pages,
// and the lead line stays with the first.

var (
	partyGap   = 24.0 // between two parties side by side
	partyAfter = 18.0 // between rows of parties
	signSpace  = 26.0 // room above the signature line to sign in
	minName    = 10.5 // the smallest size a name is shrunk to
)

// sealBox is the width and height of a party's seal area, in points: the
// model's, and never under document.MinSeal.
func sealBox(p document.Party) (w, h float64) {
	return pagestyle.MM(max(p.Seal.Width, document.MinSeal)), pagestyle.MM(max(p.Seal.Height, document.MinSeal))
}

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
	if cols == 2 && (e.stack || !e.sideBySide(s, colW)) {
		cols, colW = 1, width
	}
	blocks := make([]partyLayout, len(s.Parties))
	for i, p := range s.Parties {
		blocks[i] = e.partyBlock(p, colW)
	}
	var leadLines []setLine
	leadH := 0.0
	if len(s.Lead) > 0 {
		indent := 0.0
		if e.zh() {
			indent = ps.IndentZh
		}
		leadLines = e.lines(s.Lead, body, width, indent)
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
		for i, l := range leadLines {
			l.last = true
			if i > 0 {
				indent = 0
			}
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

// sideBySide reports whether every party's name fits a column w wide at
// a readable size.
func (e *engine) sideBySide(s *document.Signature, w float64) bool {
	body := textStyle{font: fSerif, size: bodySize}
	for _, p := range s.Parties {
		if e.spanWidth(p.Name, body)*minName/bodySize > w {
			return false
		}
	}
	return true
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
	sealW, sealH := sealBox(p)
	b.wide = w >= 2*sealW+3*partyGap
	textW := w
	if b.wide {
		textW = w - sealW - partyGap
	}
	label := func(text string, w float64) int { return len(e.lines([]document.Span{{Text: text}}, body, w, 0)) }
	seal := float64(label(p.Seal.Label, sealW))*lead + sealH
	sign := float64(label(p.Signatory, textW)+label(p.Date, textW))*lead + signSpace
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
	sealW, sealH := sealBox(p)
	if b.wide {
		// The seal's space on the right, the signature on the left.
		textW = w - sealW - partyGap
		sealX = x + w - sealW
		below := y
		label(p.Seal.Label, sealX, sealW)
		y = below
	} else {
		// The seal goes in the space below its label.
		label(p.Seal.Label, sealX, w)
		y += sealH
	}
	label(p.Signatory, x, textW)
	y += signSpace
	e.add(page.Rule{X1: x, Y1: y - 4, X2: x + textW, Y2: y - 4, Width: 0.6, Color: page.Gray(0)})
	label(p.Date, x, textW)
}
func boldSpans(spans []document.Span) []document.Span {
	out := make([]document.Span, len(spans))
	for i, s := range spans {
		s.Bold = true
		out[i] = s
	}
	return out
}
