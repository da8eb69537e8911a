package compare

import (
	"fmt"
	"strings"

	"pilotpack/internal/document"
)

// Kind is what happened to a part of a document.
type Kind string

// Kinds of change. A renumbered part differs only in numbers the document
// model counts (a chapter's number, the citation of an article that moved
// up or down): worth seeing, not a change of substance.
const (
	Changed    Kind = "changed"
	Inserted   Kind = "inserted"
	Deleted    Kind = "deleted"
	Moved      Kind = "moved"
	Renumbered Kind = "renumbered"
)

// Change is one change of a document, as the reader of a summary needs it:
// where it is (the heading it is under, the clause it is in) and the text
// before and after.
type Change struct {
	Kind Kind `json:"kind"`
	// Section is the heading the change is under: 第三章　质量管理体系.
	Section string `json:"section,omitempty"`
	// Clause is the article or item the change is in, as the document
	// cites it (第五条第（二）项, Article 5(b)); empty outside a clause.
	Clause string `json:"clause,omitempty"`
	// Part says what changed: heading, paragraph, clause (a whole one),
	// table row, table header, title, signature.
	Part string `json:"part"`
	// Old and New are the part's text before and after; Redline marks
	// what changed in it: [-deleted-]{+inserted+}.
	Old     string `json:"old,omitempty"`
	New     string `json:"new,omitempty"`
	Redline string `json:"redline,omitempty"`
	// From is where a moved clause was: its citation in the old version.
	From string `json:"moved_from,omitempty"`
	// anchor is the id of the place in the redline the change is at;
	// spans is the changed text, marked.
	anchor string
	spans  []document.Span
}

// context is where in the document the merge is: the citation of the
// clause it is in and how deep in an article.
type context struct {
	cite  string
	level int // 0 outside an article, 1 in its items, 2 in their sub-items
	// top is set in the blocks of a top-level list item: changes in it
	// link to that item.
	top bool
}

// candidate is a clause or paragraph deleted or inserted whole, which may
// turn out to have moved.
type candidate struct {
	fp     string
	blocks func() []document.Block // the merged blocks, to re-mark
	change int                     // its entry in changes
}

// merger builds the redline of two versions of one document.
type merger struct {
	lb        document.Labels
	section   string
	sectionID string
	changes   []*Change
	dels, ins []*candidate
	// oldIDs maps the ids of the old version to those of the redline, for
	// the links in deleted text.
	oldIDs map[string]string
	// ids are the ids the redline uses, to keep them unique.
	ids    map[string]bool
	nextID int
	// itemChanges are the changes in the top-level item being merged,
	// linked to it once it has an id.
	itemChanges []*Change
}

// Redline merges two versions of a document into one whose spans are
// marked (document.Mark): unmarked text is in both versions, inserted text
// only in new, deleted only in old. It returns the redline and its changes
// in reading order.
func Redline(old, new *document.Doc) (*document.Doc, []Change) {
	m := &merger{lb: document.LabelsFor(new.Lang), oldIDs: map[string]string{}, ids: map[string]bool{}}
	for _, id := range new.Anchors() {
		m.ids[id] = true
	}
	out := *new
	out.Blocks = m.blocks(old.Blocks, new.Blocks, context{})
	m.moves()
	m.relink(out.Blocks)
	var changes []Change
	for _, c := range m.changes {
		if c != nil {
			changes = append(changes, *c)
		}
	}
	return &out, changes
}

func (m *merger) blocks(old, new []document.Block, ctx context) []document.Block {
	ida, idb := make([]string, len(old)), make([]string, len(new))
	fa, fb := make([]string, len(old)), make([]string, len(new))
	for i, b := range old {
		ida[i], fa[i] = identity(b), fingerprint(b)
	}
	for j, b := range new {
		idb[j], fb[j] = identity(b), fingerprint(b)
	}
	var out []document.Block
	for _, p := range align(ida, idb, func(i, j int) float64 { return score(old[i], new[j], fa[i], fb[j]) }) {
		switch {
		case p.a >= 0 && p.b >= 0:
			out = append(out, m.block(old[p.a], new[p.b], ctx)...)
		case p.a >= 0:
			out = append(out, m.whole(old[p.a], document.Deleted, ctx)...)
		default:
			out = append(out, m.whole(new[p.b], document.Inserted, ctx)...)
		}
	}
	return out
}

// block merges two paired blocks, which are of one kind.
func (m *merger) block(ob, nb document.Block, ctx context) []document.Block {
	switch n := nb.(type) {
	case *document.Heading:
		o := ob.(*document.Heading)
		h := *n
		spans, same := inline(o.Text, n.Text)
		h.Text = spans
		m.mapID(o.ID, n.ID)
		m.section, m.sectionID = plain(n.Text), n.ID
		if !same {
			kind := Changed
			if headingText(o) == headingText(n) {
				kind = Renumbered
			}
			m.record(&Change{Kind: kind, Part: "heading", Old: plain(o.Text), New: plain(n.Text), Redline: redline(spans), spans: spans}, ctx)
		}
		return []document.Block{&h}
	case *document.Paragraph:
		o := ob.(*document.Paragraph)
		p := *n
		p.Text = m.text(o.Text, n.Text, "paragraph", ctx)
		return []document.Block{&p}
	case *document.List:
		return []document.Block{m.list(ob.(*document.List), n, ctx)}
	case *document.Table:
		return m.table(ob.(*document.Table), n, ctx)
	case *document.Title:
		o := ob.(*document.Title)
		t := &document.Title{}
		ida, idb := make([]string, len(o.Lines)), make([]string, len(n.Lines))
		for i, l := range o.Lines {
			ida[i] = normal(l.Text)
		}
		for j, l := range n.Lines {
			idb[j] = normal(l.Text)
		}
		for _, p := range align(ida, idb, func(i, j int) float64 { return leafScore(ida[i], idb[j]) }) {
			switch {
			case p.a >= 0 && p.b >= 0:
				l := n.Lines[p.b]
				l.Text = m.text(o.Lines[p.a].Text, l.Text, "title", ctx)
				t.Lines = append(t.Lines, l)
			case p.a >= 0:
				l := o.Lines[p.a]
				m.record(&Change{Kind: Deleted, Part: "title", Old: plain(l.Text)}, ctx)
				l.Text = marked(l.Text, document.Deleted)
				t.Lines = append(t.Lines, l)
			default:
				l := n.Lines[p.b]
				m.record(&Change{Kind: Inserted, Part: "title", New: plain(l.Text)}, ctx)
				l.Text = marked(l.Text, document.Inserted)
				t.Lines = append(t.Lines, l)
			}
		}
		return []document.Block{t}
	case *document.Signature:
		o := ob.(*document.Signature)
		s := *n
		s.Lead = m.text(o.Lead, n.Lead, "signature", ctx)
		s.Parties = nil
		for i := range max(len(o.Parties), len(n.Parties)) {
			switch {
			case i < len(o.Parties) && i < len(n.Parties):
				p := n.Parties[i]
				p.Role = m.text(o.Parties[i].Role, p.Role, "signature", ctx)
				p.Name = m.text(o.Parties[i].Name, p.Name, "signature", ctx)
				s.Parties = append(s.Parties, p)
			case i < len(o.Parties):
				p := o.Parties[i]
				m.record(&Change{Kind: Deleted, Part: "signature", Old: plain(p.Role) + plain(p.Name)}, ctx)
				p.Role, p.Name = marked(p.Role, document.Deleted), marked(p.Name, document.Deleted)
				s.Parties = append(s.Parties, p)
			default:
				p := n.Parties[i]
				m.record(&Change{Kind: Inserted, Part: "signature", New: plain(p.Role) + plain(p.Name)}, ctx)
				p.Role, p.Name = marked(p.Role, document.Inserted), marked(p.Name, document.Inserted)
				s.Parties = append(s.Parties, p)
			}
		}
		return []document.Block{&s}
	case *document.Quote:
		return []document.Block{&document.Quote{Blocks: m.blocks(ob.(*document.Quote).Blocks, n.Blocks, ctx)}}
	}
	// A table of contents, a page break, a rule, code: the new one.
	return []document.Block{nb}
}

// text merges two runs of text and records the change, if any.
func (m *merger) text(old, new []document.Span, part string, ctx context) []document.Span {
	spans, same := inline(old, new)
	if !same {
		kind := Changed
		if normal(old) == normal(new) {
			kind = Renumbered
		}
		m.record(&Change{Kind: kind, Part: part, Old: plain(old), New: plain(new), Redline: redline(spans), spans: spans}, ctx)
	}
	return spans
}

func (m *merger) list(o, n *document.List, ctx context) *document.List {
	l := *n
	l.Items = nil
	ida, idb := make([]string, len(o.Items)), make([]string, len(n.Items))
	fa, fb := make([]string, len(o.Items)), make([]string, len(n.Items))
	for i, it := range o.Items {
		ida[i], fa[i] = itemIdentity(it), blocksText(it.Blocks)
	}
	for j, it := range n.Items {
		idb[j], fb[j] = itemIdentity(it), blocksText(it.Blocks)
	}
	type whole struct {
		at   int
		cand *candidate
	}
	var wholes []whole
	for _, p := range align(ida, idb, func(i, j int) float64 { return leafScore(fa[i], fb[j]) }) {
		switch {
		case p.a >= 0 && p.b >= 0:
			l.Items = append(l.Items, m.item(o.Items[p.a], n.Items[p.b], n.Style, ctx))
		case p.a >= 0:
			it, c := m.wholeItem(o.Items[p.a], o.Style, document.Deleted, ctx)
			l.Items = append(l.Items, it)
			wholes = append(wholes, whole{len(l.Items) - 1, c})
		default:
			it, c := m.wholeItem(n.Items[p.b], n.Style, document.Inserted, ctx)
			l.Items = append(l.Items, it)
			wholes = append(wholes, whole{len(l.Items) - 1, c})
		}
	}
	// The items are in place: moves can re-mark them there.
	for _, w := range wholes {
		at := w.at
		w.cand.blocks = func() []document.Block { return l.Items[at].Blocks }
	}
	return &l
}

// cite is the citation of an item labelled label in a list of style s.
func (m *merger) cite(ctx context, s document.ListStyle, label string) (string, context) {
	label = strings.TrimSpace(label)
	switch {
	case s == document.Article:
		return label, context{cite: label, level: 1}
	case s == document.Bullet || label == "":
		return ctx.cite, ctx
	case ctx.level > 0:
		c := m.lb.Cite(ctx.cite, ctx.level, label)
		return c, context{cite: c, level: ctx.level + 1}
	case ctx.cite != "":
		c := ctx.cite + label
		return c, context{cite: c}
	}
	return label, context{cite: label}
}

func (m *merger) item(o, n document.Item, s document.ListStyle, ctx context) document.Item {
	it := n
	m.mapID(o.ID, n.ID)
	_, inner := m.cite(ctx, s, n.Label)
	inner.top = true
	outer := m.itemChanges
	if !ctx.top {
		m.itemChanges = nil
	}
	it.Blocks = m.blocks(o.Blocks, n.Blocks, inner)
	if !ctx.top {
		m.anchorItem(&it)
		m.itemChanges = outer
	}
	return it
}

// anchorItem gives a top-level item holding changes an id, if it has none,
// and links its changes to it.
func (m *merger) anchorItem(it *document.Item) {
	if len(m.itemChanges) == 0 {
		return
	}
	if it.ID == "" {
		it.ID = m.newID("change")
	}
	for _, c := range m.itemChanges {
		c.anchor = it.ID
	}
}

// wholeItem marks an item inserted or deleted as a whole and records it as
// one change.
func (m *merger) wholeItem(it document.Item, s document.ListStyle, mark document.Mark, ctx context) (document.Item, *candidate) {
	cite, inner := m.cite(ctx, s, it.Label)
	text := blocksTextOf(it.Blocks, plain)
	c := &Change{Kind: kindOf(mark), Part: "clause", Clause: cite}
	if mark == document.Deleted {
		c.Old = text
	} else {
		c.New = text
	}
	out := it
	if mark == document.Deleted {
		out.ID = m.oldID(it.ID)
	}
	out.Blocks = m.markBlocks(it.Blocks, mark, inner)
	m.record(c, ctx)
	if !ctx.top {
		// A top-level clause: the change links to the clause itself.
		if out.ID == "" {
			out.ID = m.newID("change")
		}
		c.anchor = out.ID
	}
	cand := &candidate{fp: "i:" + blocksText(it.Blocks), change: len(m.changes) - 1}
	m.candidate(cand, mark)
	return out, cand
}

func (m *merger) candidate(c *candidate, mark document.Mark) {
	if len([]rune(c.fp)) < 6 {
		return // too short to tell a move from a coincidence
	}
	if mark == document.Deleted {
		m.dels = append(m.dels, c)
	} else {
		m.ins = append(m.ins, c)
	}
}

// whole marks a block inserted or deleted as a whole and records the
// change.
func (m *merger) whole(b document.Block, mark document.Mark, ctx context) []document.Block {
	switch x := b.(type) {
	case *document.Heading:
		h := *x
		h.Text = marked(x.Text, mark)
		if mark == document.Deleted {
			h.ID = m.oldID(x.ID)
		}
		m.section, m.sectionID = plain(x.Text), h.ID
		m.record(change(mark, "heading", plain(x.Text)), ctx)
		return []document.Block{&h}
	case *document.Paragraph:
		p := *x
		p.Text = marked(x.Text, mark)
		m.record(change(mark, "paragraph", plain(x.Text)), ctx)
		m.candidate(&candidate{fp: "p:" + normal(x.Text), change: len(m.changes) - 1, blocks: func() []document.Block { return []document.Block{&p} }}, mark)
		return []document.Block{&p}
	case *document.List:
		l := *x
		l.Items = nil
		var cands []*candidate
		for _, it := range x.Items {
			mi, c := m.wholeItem(it, x.Style, mark, ctx)
			l.Items = append(l.Items, mi)
			cands = append(cands, c)
		}
		for i, c := range cands {
			c.blocks = func() []document.Block { return l.Items[i].Blocks }
		}
		return []document.Block{&l}
	case *document.Table:
		t := *x
		t.Header, t.Body = markRows(x.Header, mark), markRows(x.Body, mark)
		m.record(change(mark, "table", textOf(x, plain)), ctx)
		return []document.Block{&t}
	case *document.TOC, *document.PageBreak, *document.Rule, *document.CodeBlock:
		// Not text: a deleted one goes, an inserted one stays as it is.
		if mark == document.Deleted {
			return nil
		}
		return []document.Block{b}
	}
	out := m.markBlocks([]document.Block{b}, mark, ctx)
	m.record(change(mark, kindName(b), textOf(b, plain)), ctx)
	return out
}

func change(mark document.Mark, part, text string) *Change {
	c := &Change{Kind: kindOf(mark), Part: part}
	if mark == document.Deleted {
		c.Old = text
	} else {
		c.New = text
	}
	return c
}

func kindOf(mark document.Mark) Kind {
	if mark == document.Deleted {
		return Deleted
	}
	return Inserted
}

// markBlocks copies blocks with every span and row marked, recording
// nothing: the caller records the whole.
func (m *merger) markBlocks(blocks []document.Block, mark document.Mark, ctx context) []document.Block {
	var out []document.Block
	for _, b := range blocks {
		switch x := b.(type) {
		case *document.Heading:
			h := *x
			h.Text = marked(x.Text, mark)
			if mark == document.Deleted {
				h.ID = m.oldID(x.ID)
			}
			out = append(out, &h)
		case *document.Paragraph:
			p := *x
			p.Text = marked(x.Text, mark)
			out = append(out, &p)
		case *document.List:
			l := *x
			l.Items = make([]document.Item, len(x.Items))
			for i, it := range x.Items {
				mi := it
				if mark == document.Deleted {
					mi.ID = m.oldID(it.ID)
				}
				_, inner := m.cite(ctx, x.Style, it.Label)
				mi.Blocks = m.markBlocks(it.Blocks, mark, inner)
				l.Items[i] = mi
			}
			out = append(out, &l)
		case *document.Table:
			t := *x
			t.Header, t.Body = markRows(x.Header, mark), markRows(x.Body, mark)
			out = append(out, &t)
		case *document.Title:
			t := &document.Title{}
			for _, l := range x.Lines {
				l.Text = marked(l.Text, mark)
				t.Lines = append(t.Lines, l)
			}
			out = append(out, t)
		case *document.Signature:
			s := *x
			s.Lead = marked(x.Lead, mark)
			s.Parties = nil
			for _, p := range x.Parties {
				p.Role, p.Name = marked(p.Role, mark), marked(p.Name, mark)
				s.Parties = append(s.Parties, p)
			}
			out = append(out, &s)
		case *document.Quote:
			out = append(out, &document.Quote{Blocks: m.markBlocks(x.Blocks, mark, ctx)})
		default:
			if mark != document.Deleted {
				out = append(out, b)
			}
		}
	}
	return out
}

func markRows(rows []document.Row, mark document.Mark) []document.Row {
	out := make([]document.Row, len(rows))
	for i, r := range rows {
		nr := document.Row{Mark: mark, Cells: make([]document.Cell, len(r.Cells))}
		for j, c := range r.Cells {
			nr.Cells[j] = document.Cell{Text: marked(c.Text, mark)}
		}
		out[i] = nr
	}
	return out
}

// table merges two tables row by row, then cell by cell; tables of
// different columns are one deleted and one inserted.
func (m *merger) table(o, n *document.Table, ctx context) []document.Block {
	if columns(o) != columns(n) {
		return append(m.whole(o, document.Deleted, ctx), m.whole(n, document.Inserted, ctx)...)
	}
	t := *n
	t.Header = m.rows(o.Header, n.Header, "table header", ctx)
	t.Body = m.rows(o.Body, n.Body, "table row", ctx)
	return []document.Block{&t}
}

func (m *merger) rows(old, new []document.Row, part string, ctx context) []document.Row {
	ida, idb := make([]string, len(old)), make([]string, len(new))
	for i, r := range old {
		ida[i] = rowText(r)
	}
	for j, r := range new {
		idb[j] = rowText(r)
	}
	var out []document.Row
	for _, p := range align(ida, idb, func(i, j int) float64 { return rowScore(old[i], new[j], ida[i], idb[j]) }) {
		switch {
		case p.a >= 0 && p.b >= 0:
			r := document.Row{Cells: make([]document.Cell, len(new[p.b].Cells))}
			same := true
			for c := range r.Cells {
				var oc []document.Span
				if c < len(old[p.a].Cells) {
					oc = old[p.a].Cells[c].Text
				}
				spans, s := inline(oc, new[p.b].Cells[c].Text)
				r.Cells[c].Text = spans
				same = same && s
			}
			if !same {
				kind := Changed
				if rowNormal(old[p.a]) == rowNormal(new[p.b]) {
					kind = Renumbered
				}
				m.record(&Change{Kind: kind, Part: fmt.Sprintf("%s %d", part, p.b+1), Old: ida[p.a], New: idb[p.b], Redline: rowRedline(r), spans: rowSpans(r)}, ctx)
			}
			out = append(out, r)
		case p.a >= 0:
			m.record(&Change{Kind: Deleted, Part: fmt.Sprintf("%s %d", part, p.a+1), Old: ida[p.a]}, ctx)
			out = append(out, markRows(old[p.a:p.a+1], document.Deleted)...)
		default:
			m.record(&Change{Kind: Inserted, Part: fmt.Sprintf("%s %d", part, p.b+1), New: idb[p.b]}, ctx)
			out = append(out, markRows(new[p.b:p.b+1], document.Inserted)...)
		}
	}
	return out
}

// rowScore pairs rows alike enough, or rows whose first cell (a table's
// key column: 品种名称, a stage) is the same.
func rowScore(a, b document.Row, ta, tb string) float64 {
	s := similarity(ta, tb)
	if len(a.Cells) > 1 && len(b.Cells) > 1 && plain(a.Cells[0].Text) != "" && plain(a.Cells[0].Text) == plain(b.Cells[0].Text) {
		return 0.5 + s/2
	}
	if s < 0.5 {
		return noPair
	}
	return s
}

// record adds a change at the current place.
func (m *merger) record(c *Change, ctx context) {
	if c.spans == nil {
		switch {
		case c.Old != "":
			c.spans = []document.Span{{Text: c.Old, Mark: document.Deleted}}
		case c.New != "":
			c.spans = []document.Span{{Text: c.New, Mark: document.Inserted}}
		}
	}
	if c.Clause == "" {
		c.Clause = ctx.cite
	}
	c.Section = m.section
	c.anchor = m.sectionID
	m.changes = append(m.changes, c)
	if ctx.top {
		m.itemChanges = append(m.itemChanges, c)
	}
}

// moves pairs clauses deleted in one place and inserted unchanged in
// another: they moved.
func (m *merger) moves() {
	used := map[*candidate]bool{}
	for _, d := range m.dels {
		for _, in := range m.ins {
			if used[in] || in.fp != d.fp {
				continue
			}
			used[in] = true
			remark(d.blocks(), document.MovedFrom)
			remark(in.blocks(), document.MovedTo)
			from := m.changes[d.change]
			to := m.changes[in.change]
			to.Kind, to.From, to.Old = Moved, from.Clause, from.Old
			to.spans = []document.Span{{Text: to.New, Mark: document.MovedTo}}
			if to.From == "" {
				to.From = from.Section
			}
			m.changes[d.change] = nil
			break
		}
	}
}

// remark turns the marks of a deleted or inserted whole into the marks of a
// move.
func remark(blocks []document.Block, mark document.Mark) {
	document.EachText(blocks, func(spans *[]document.Span) {
		for i := range *spans {
			(*spans)[i].Mark = mark
		}
	})
	document.Walk(blocks, func(b document.Block) {
		if t, ok := b.(*document.Table); ok {
			for i := range t.Header {
				t.Header[i].Mark = mark
			}
			for i := range t.Body {
				t.Body[i].Mark = mark
			}
		}
	})
}

// mapID records that id of the old version is newID in the redline.
func (m *merger) mapID(id, newID string) {
	if id != "" {
		m.oldIDs[id] = newID
	}
}

// oldID gives a deleted block's id a name of its own in the redline.
func (m *merger) oldID(id string) string {
	if id == "" {
		return ""
	}
	nid := m.newID("old-" + id)
	m.oldIDs[id] = nid
	return nid
}

func (m *merger) newID(base string) string {
	for {
		m.nextID++
		id := fmt.Sprintf("%s-%d", base, m.nextID)
		if !m.ids[id] {
			m.ids[id] = true
			return id
		}
	}
}

// relink points the links of deleted text, which name places of the old
// version, at those places in the redline; a link whose place is gone
// keeps its text only.
func (m *merger) relink(blocks []document.Block) {
	document.EachText(blocks, func(spans *[]document.Span) {
		for i := range *spans {
			s := &(*spans)[i]
			id, internal := strings.CutPrefix(s.Link, "#")
			if !internal || s.Mark.InNew() {
				continue
			}
			if nid, ok := m.oldIDs[id]; ok {
				s.Link = "#" + nid
			} else {
				s.Link = ""
			}
		}
	})
}
