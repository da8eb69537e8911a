package pdf

import (
	"strings"

	"pilotpack/internal/document"
)

// Keeps. A heading must not end a page: at least the first two lines of
// what follows it go on the same page. A table's lead-in paragraph (and a
// paragraph ending in a colon before a list, or a list whose last item
// does before a table) stays with the first rows or lines it introduces. A signature block with no lead line of its own (a
// declaration's single party) does not stand alone on a page: the last
// lines of the text it signs go along. Layout goes down the blocks once; a stretch of blocks
// that must stay together is laid out, checked where its parts landed, and
// when it ends badly rolled back and laid out again: with the lead-in's last
// lines moved over, or else from the top of the next page.

// blocks lays out a sequence of blocks, keeping each heading and lead-in
// with what follows.
func (e *engine) blocks(bs []document.Block, left, width float64, depth int, parents []int) {
	for i := 0; i < len(bs); {
		if _, ok := bs[i].(*document.Heading); ok && i > 0 && !e.atTop() {
			if _, after := bs[i-1].(*document.Signature); after {
				// A signature page ends with its signatures: a new
				// section after them starts a page of its own.
				e.newPage()
			}
		}
		j := i
		for j+1 < len(bs) && keepsWithNext(bs[j], bs[j+1]) {
			j++
		}
		if j == i {
			e.block(bs[i], left, width, depth, parents)
		} else {
			e.keepTogether(bs[i:j+1], left, width, depth, parents)
		}
		i = j + 1
	}
}

// keepsWithNext says whether block a must share a page with the start of b.
func keepsWithNext(a, b document.Block) bool {
	switch b.(type) {
	case *document.PageBreak, *document.TOC, *document.Title:
		return false
	}
	if s, ok := b.(*document.Signature); ok && len(s.Lead) == 0 {
		switch a.(type) {
		case *document.Paragraph, *document.List:
			return true
		}
	}
	switch a := a.(type) {
	case *document.Heading:
		return true
	case *document.Paragraph:
		switch b.(type) {
		case *document.Table:
			return true
		case *document.List:
			return leadsIn(a)
		}
	case *document.List:
		// An article whose text ends in a colon introduces the table
		// after it (第四十四条 ……送达下列地址：).
		if _, ok := b.(*document.Table); ok && len(a.Items) > 0 {
			if bs := a.Items[len(a.Items)-1].Blocks; len(bs) > 0 {
				p, ok := bs[len(bs)-1].(*document.Paragraph)
				return ok && leadsIn(p)
			}
		}
	}
	return false
}

// leadsIn reports whether a paragraph ends in a colon: it introduces what
// follows.
func leadsIn(p *document.Paragraph) bool {
	text := strings.TrimSpace(document.PlainText(p.Text))
	return strings.HasSuffix(text, "：") || strings.HasSuffix(text, ":")
}

// firstUnits is how many units (lines, rows) of a block must follow what
// keeps with it on the same page.
func firstUnits(b document.Block) int {
	switch b := b.(type) {
	case *document.Table:
		return len(b.Header) + 1
	case *document.Heading:
		return 1 << 20 // all its lines
	case *document.Signature, *document.Rule:
		return 1
	}
	return 2
}

// mark is the state layout can roll back to.
type mark struct {
	pages, items, units, headings, refs, missing, lines int
	y                                                   float64
	level                                               int
}

func (e *engine) mark() mark {
	m := mark{pages: len(e.pages), items: len(e.page().Items), units: len(e.units), headings: len(e.headings),
		refs: len(e.refs), missing: len(e.missing), y: e.y, level: e.level}
	if e.lineLog != nil {
		m.lines = len(*e.lineLog)
	}
	return m
}

func (e *engine) rollback(m mark) {
	e.pages, e.cover = e.pages[:m.pages], e.cover[:m.pages]
	p := e.page()
	p.Items = p.Items[:m.items]
	e.units, e.refs, e.missing = e.units[:m.units], e.refs[:m.refs], e.missing[:m.missing]
	for _, h := range e.headings[m.headings:] {
		delete(e.dests, h.ID)
	}
	e.headings = e.headings[:m.headings]
	e.y, e.level = m.y, m.level
	if e.lineLog != nil {
		*e.lineLog = (*e.lineLog)[:m.lines]
	}
	e.tail = 0
}

// keepTogether lays out blocks each of which keeps with the next.
func (e *engine) keepTogether(chain []document.Block, left, width float64, depth int, parents []int) {
	m := e.mark()
	atTop := e.atTop()
	if e.layChain(chain, left, width, depth, parents, false) || atTop {
		return
	}
	// Move the lead-in's last lines (a list's: its last item's) over with
	// what it introduces.
	switch chain[len(chain)-2].(type) {
	case *document.Paragraph, *document.List:
		e.rollback(m)
		if e.layChain(chain, left, width, depth, parents, true) {
			return
		}
	}
	// Else the whole stretch starts the next page.
	e.rollback(m)
	e.newPage()
	e.layChain(chain, left, width, depth, parents, false)
}

// layChain lays out the chain and reports whether every block's first
// units landed on the page where the block before it ended. With tail, the
// last keeper, a paragraph or a list, ends with two lines on a new page.
func (e *engine) layChain(chain []document.Block, left, width float64, depth int, parents []int, tail bool) bool {
	type span struct{ from, to, lastPage int }
	spans := make([]span, len(chain))
	for k, b := range chain {
		if tail && k == len(chain)-2 {
			e.tail = 2
		}
		spans[k].from = len(e.units)
		e.block(b, left, width, depth, parents)
		e.tail = 0
		spans[k].to = len(e.units)
		spans[k].lastPage = len(e.pages) - 1
	}
	for k := 1; k < len(chain); k++ {
		s := spans[k]
		n := min(firstUnits(chain[k]), s.to-s.from)
		for u := s.from; u < s.from+n; u++ {
			if e.units[u] != spans[k-1].lastPage {
				return false
			}
		}
	}
	return true
}
