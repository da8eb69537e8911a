package document

import (
	"strings"

	"pilotpack/internal/lang"
)

// The resolve pass numbers what a contract numbers and writes the
// cross-references, so that every generator receives finished labels and
// link text: chapters and annexes are counted through the document, articles
// (条) too, across chapters; an article's items (项) and sub-items (目)
// within it; every list item gets its label in the document's language.
// A cross-reference [](#audit) then says what the labelled place is called:
// 第十二条, 第十二条第（三）项, Article 12(c), 第三章, Annex 2, or a heading's
// own text.

type resolver struct {
	lb                         Labels
	lang                       lang.Lang
	chapters, annexes, article int
	// cites holds what a reference to each id says.
	cites map[string]string
	// title is the document's, which a signature page names.
	title string
}

func (c *converter) resolve(doc *Doc) {
	r := &resolver{lb: c.labels, lang: c.lang, cites: map[string]string{}, title: doc.Title}
	r.blocks(doc.Blocks, "", 0, nil)
	for _, ref := range c.refs {
		switch cite, ok := r.cites[ref.id]; {
		case !ok:
			c.warnAt(ref.line, "link to #%s leads nowhere: no heading or numbered item has the label %s (give one with {id=%s})", ref.id, ref.id, ref.id)
		case cite == "" && ref.cross:
			c.warnAt(ref.line, "[](#%s) cites a heading without text: give the heading a title, or the link words of its own", ref.id)
		}
	}
	EachText(doc.Blocks, func(spans *[]Span) {
		refs := false
		for i := range *spans {
			s := &(*spans)[i]
			if s.Ref != "" {
				refs = true
				if cite := r.cites[s.Ref]; cite != "" {
					s.Text, s.Link = cite, "#"+s.Ref
				}
			} else if id, internal := strings.CutPrefix(s.Link, "#"); internal {
				if _, ok := r.cites[id]; !ok {
					s.Link = "" // the warning says why; the text stays
				}
			}
		}
		if refs {
			*spans = mergeSpans(*spans, true)
		}
	})
}

// blocks numbers blocks. cite is the citation of the item they are in
// (第十二条), level how deep in an article that item is (0 outside one),
// parents the numbers of enclosing outline items.
func (r *resolver) blocks(blocks []Block, cite string, level int, parents []int) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *Heading:
			r.heading(b)
		case *List:
			r.list(b, cite, level, parents)
		case *Quote:
			r.blocks(b.Blocks, cite, level, parents)
		case *Signature:
			if len(b.Parties) > 1 {
				b.Lead = []Span{{Text: r.lb.SignatureLead(r.title)}}
			}
		}
	}
}

func (r *resolver) heading(h *Heading) {
	switch h.Kind {
	case Chapter:
		r.chapters++
		h.Label = r.lb.Chapter(r.chapters)
	case Annex:
		r.annexes++
		h.Label = r.lb.Annex(r.annexes)
	}
	if h.Label == "" {
		r.cites[h.ID] = PlainText(h.Text)
		return
	}
	r.cites[h.ID] = h.Label
	number := Span{Text: h.Label}
	if len(h.Text) > 0 {
		number.Text += r.lb.HeadingSep
	}
	h.Text = mergeSpans(append([]Span{number}, h.Text...), true)
}

func (r *resolver) list(l *List, cite string, level int, parents []int) {
	l.RunIn = r.lb.RunIn[l.Style]
	if l.Style == Article {
		// Articles run on through the document; a list that starts at
		// another number than 1 sets the count.
		if l.Start > 1 {
			r.article = l.Start - 1
		}
		l.Start = r.article + 1
	}
	for i := range l.Items {
		it := &l.Items[i]
		n := l.Start + i
		if l.Style == Article {
			r.article = n
		}
		it.Label = Marker(r.lang, l.Style, n, parents)
		var itemCite string
		childLevel, childParents := 0, parents
		switch l.Style {
		case Article:
			itemCite, childLevel = r.lb.Article(n), 1
		case Outline:
			itemCite = it.Label
			childParents = append(append([]int{}, parents...), n)
		case Bullet:
			itemCite, childLevel = cite, level
		default:
			itemCite = r.lb.Cite(cite, max(level, 1), strings.TrimSpace(it.Label))
			if level > 0 {
				childLevel = level + 1
			}
		}
		if it.ID != "" {
			r.cites[it.ID] = itemCite
		}
		r.blocks(it.Blocks, itemCite, childLevel, childParents)
	}
}
