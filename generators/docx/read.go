package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"pilotpack/internal/document"
	"pilotpack/internal/lang"
)

// Read reads a DOCX this package wrote back into its document model:
// headings, paragraphs, lists with their numbering, labels and clause ids,
// tables, signature blocks, the title block, the table of contents and page
// breaks, with cross-references recognised again; a redline's tracked
// changes come back as marks (document.Mark). It reads what Write and
// WriteRedline write, not what a word processor makes of it: a document
// saved by Word or WPS is refused with a ForeignError, which says where it
// differs.
//
// A DOCX may come from anywhere: every part is bounded in size and depth,
// and a malformed one is an error, never a panic.
func Read(data []byte) (*document.Doc, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a DOCX (not a zip): %v", err)
	}
	parts := map[string]*xnode{}
	for _, name := range []string{"word/document.xml", "word/numbering.xml", "docProps/core.xml", "word/_rels/document.xml.rels"} {
		f := findFile(z, name)
		if f == nil {
			if name == "word/document.xml" || name == "word/numbering.xml" {
				return nil, &ForeignError{fmt.Sprintf("%s is missing", name)}
			}
			continue
		}
		n, err := parseXML(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		parts[name] = n
	}
	r := &reader{nums: map[int]numDef{}, links: map[string]string{}, used: map[int]bool{}}
	if core := parts["docProps/core.xml"]; core != nil {
		r.meta(core)
	}
	r.lb = document.LabelsFor(r.doc.Lang)
	r.numbering(parts["word/numbering.xml"])
	if rels := parts["word/_rels/document.xml.rels"]; rels != nil {
		for _, rel := range rels.all("Relationship") {
			if rel.attr["TargetMode"] == "External" {
				r.links[rel.attr["Id"]] = rel.attr["Target"]
			}
		}
	}
	body := parts["word/document.xml"].child("body")
	if body == nil {
		return nil, &ForeignError{"word/document.xml has no body"}
	}
	if err := r.body(body); err != nil {
		return nil, err
	}
	r.resolve()
	return &r.doc, nil
}

// ForeignError refuses a DOCX that this package did not write as it is.
type ForeignError struct{ What string }

func (e *ForeignError) Error() string {
	return "not a DOCX as pilotpack writes it (" + e.What + "); was it edited and saved in a word processor?"
}

// Bounds on what is read: a packet's agreement is well under a megabyte.
const (
	maxPart  = 32 << 20
	maxDepth = 64
	maxNodes = 2_000_000
)

func findFile(z *zip.Reader, name string) *zip.File {
	for _, f := range z.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// xnode is an element of a part: its local name, attributes by local name,
// children and character data.
type xnode struct {
	name string
	attr map[string]string
	kids []*xnode
	text string
}

func (n *xnode) child(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

func (n *xnode) all(name string) []*xnode {
	var out []*xnode
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// val is the w:val of a child, or "".
func (n *xnode) val(name string) string {
	if c := n.child(name); c != nil {
		return c.attr["val"]
	}
	return ""
}

func (n *xnode) num(attr string) int {
	v, _ := strconv.Atoi(n.attr[attr])
	return v
}

func parseXML(f *zip.File) (*xnode, error) {
	if f.UncompressedSize64 > maxPart {
		return nil, fmt.Errorf("%d bytes, more than %d", f.UncompressedSize64, maxPart)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, maxPart))
	root := &xnode{}
	stack := []*xnode{root}
	count := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if count++; count > maxNodes {
				return nil, errors.New("too many elements")
			}
			if len(stack) > maxDepth {
				return nil, errors.New("elements nested too deep")
			}
			n := &xnode{name: t.Name.Local, attr: map[string]string{}}
			for _, a := range t.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			top := stack[len(stack)-1]
			if len(top.text) < maxPart {
				top.text += string(t)
			}
		}
	}
	if len(root.kids) == 0 {
		return nil, errors.New("no root element")
	}
	return root.kids[0], nil
}

// numDef is a numbering instance: the list style of its abstract numbering
// and its start.
type numDef struct {
	style document.ListStyle
	start int
}

// reader assembles the model from the body's paragraphs and tables.
type reader struct {
	doc   document.Doc
	lb    document.Labels
	nums  map[int]numDef
	used  map[int]bool      // numbering instances met
	links map[string]string // relationship id → URL
	// open are the lists being read, outermost first.
	open []*openList
	// inTOC is set between a table of contents' heading and its end.
	inTOC     bool
	afterTOC  bool
	paragraph int // for messages
}

type openList struct {
	list  *document.List
	key   [2]int // numbering instance and level
	base  int    // the list's indent in twips
	level int    // its numbering level (outline lists)
	// hang is set for lists whose labels hang beside their items.
	hang bool
}

func (r *reader) meta(core *xnode) {
	for _, k := range core.kids {
		switch k.name {
		case "title":
			r.doc.Title = k.text
		case "subject":
			r.doc.Subject = k.text
		case "creator":
			r.doc.Author = k.text
		case "keywords":
			r.doc.Keywords = k.text
		case "language":
			r.doc.Lang = lang.Zh
			if strings.HasPrefix(k.text, "en") {
				r.doc.Lang = lang.En
			}
		}
	}
	if r.doc.Lang == "" {
		r.doc.Lang = lang.Zh
	}
}

func (r *reader) numbering(n *xnode) {
	styles := map[int]document.ListStyle{}
	for s, a := range listAbstract {
		styles[a] = s
	}
	for _, num := range n.all("num") {
		d := numDef{style: styles[num.child("abstractNumId").num("val")], start: 1}
		if o := num.child("lvlOverride"); o != nil {
			if s := o.child("startOverride"); s != nil {
				d.start = s.num("val")
			}
		}
		r.nums[num.num("numId")] = d
	}
}

// readPar is a paragraph as read: its properties and text.
type readPar struct {
	style               string
	numID, ilvl         int
	left, first, hang   int
	hasInd              bool
	jc                  string
	border              bool
	spans               []document.Span
	bookmarks           []string
	pageBreak, fieldEnd bool
	instr               string
	// mark is the revision of the paragraph mark: a paragraph inserted or
	// deleted whole.
	mark document.Mark
}

// checkMark makes sure a paragraph is inserted or deleted whole exactly
// when its text is: the paragraph mark goes with the text, else accepting
// or rejecting the changes leaves an empty paragraph or joins two.
func (r *reader) checkMark(p *readPar) error {
	if len(p.spans) == 0 {
		return nil // a paragraph of no text: the one after a table goes with it
	}
	whole := document.WholeMark(p.spans)
	switch whole {
	case document.MovedTo:
		whole = document.Inserted
	case document.MovedFrom:
		whole = document.Deleted
	}
	if p.mark != whole && (p.mark != document.Unmarked || whole == document.Inserted || whole == document.Deleted) {
		return fmt.Errorf("paragraph %d: its text is %s but its paragraph mark is %s; accepting or rejecting the changes would leave an empty paragraph or join two",
			r.paragraph, markWord(whole), markWord(p.mark))
	}
	return nil
}

func markWord(m document.Mark) string {
	if m == document.Unmarked {
		return "not tracked as a whole"
	}
	return m.String()
}

func (r *reader) readPara(p *xnode) *readPar {
	pp := &readPar{numID: -1}
	if pr := p.child("pPr"); pr != nil {
		pp.style = pr.val("pStyle")
		pp.jc = pr.val("jc")
		if np := pr.child("numPr"); np != nil {
			pp.ilvl, _ = strconv.Atoi(np.val("ilvl"))
			pp.numID, _ = strconv.Atoi(np.val("numId"))
		}
		if ind := pr.child("ind"); ind != nil && ind.attr["left"] != "" {
			pp.hasInd = true
			pp.left, pp.first, pp.hang = ind.num("left"), ind.num("firstLine"), ind.num("hanging")
		}
		pp.border = pr.child("pBdr") != nil
		if rpr := pr.child("rPr"); rpr != nil {
			switch {
			case rpr.child("ins") != nil || rpr.child("moveTo") != nil:
				pp.mark = document.Inserted
			case rpr.child("del") != nil || rpr.child("moveFrom") != nil:
				pp.mark = document.Deleted
			}
		}
	}
	r.runs(p, pp, document.Span{})
	pp.spans = joinSpans(pp.spans)
	return pp
}

// runs reads the text inside n with the style and mark st.
func (r *reader) runs(n *xnode, pp *readPar, st document.Span) {
	for _, k := range n.kids {
		switch k.name {
		case "r":
			s := st
			if pr := k.child("rPr"); pr != nil {
				s.Bold = s.Bold || pr.child("b") != nil
				s.Italic = s.Italic || pr.child("i") != nil
				s.Code = s.Code || pr.val("rStyle") == "CodeChar"
			}
			for _, c := range k.kids {
				switch c.name {
				case "t", "delText":
					s.Text = c.text
					pp.spans = append(pp.spans, s)
				case "br":
					if c.attr["type"] == "page" {
						pp.pageBreak = true
					} else {
						s.Text = "\n"
						pp.spans = append(pp.spans, s)
					}
				case "tab":
					s.Text = "\t"
					pp.spans = append(pp.spans, s)
				case "instrText":
					pp.instr += c.text
				case "fldChar":
					if c.attr["fldCharType"] == "end" {
						pp.fieldEnd = true
					}
				}
			}
		case "hyperlink":
			s := st
			if a := k.attr["anchor"]; a != "" {
				s.Link = "#" + idOf(a)
			} else if url, ok := r.links[k.attr["id"]]; ok {
				s.Link = url
			}
			r.runs(k, pp, s)
		case "ins", "moveTo":
			s := st
			s.Mark = map[string]document.Mark{"ins": document.Inserted, "moveTo": document.MovedTo}[k.name]
			r.runs(k, pp, s)
		case "del", "moveFrom":
			s := st
			s.Mark = map[string]document.Mark{"del": document.Deleted, "moveFrom": document.MovedFrom}[k.name]
			r.runs(k, pp, s)
		case "bookmarkStart":
			pp.bookmarks = append(pp.bookmarks, idOf(k.attr["name"]))
		}
	}
}

// idOf is the id a bookmark was named for (see bookmark): ids are
// letters, digits, - and _, and a hyphen is written 2d. An id with "2d" of
// its own comes back with a hyphen, which names the same bookmark again.
func idOf(name string) string {
	return strings.ReplaceAll(strings.TrimPrefix(name, "_h_"), "2d", "-")
}

// joinSpans joins neighbouring spans of one style and mark.
func joinSpans(in []document.Span) []document.Span {
	var out []document.Span
	for _, s := range in {
		if s.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Bold == s.Bold && out[n-1].Italic == s.Italic && out[n-1].Code == s.Code &&
			out[n-1].Link == s.Link && out[n-1].Mark == s.Mark {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}

func (r *reader) add(b document.Block) {
	if r.inItem() {
		r.top().list.Items[len(r.top().list.Items)-1].Blocks = append(r.current().Blocks, b)
		return
	}
	r.doc.Blocks = append(r.doc.Blocks, b)
}

func (r *reader) top() *openList { return r.open[len(r.open)-1] }

func (r *reader) inItem() bool { return len(r.open) > 0 }

func (r *reader) current() *document.Item {
	l := r.top().list
	return &l.Items[len(l.Items)-1]
}

func (r *reader) last() document.Block {
	if len(r.doc.Blocks) == 0 {
		return nil
	}
	return r.doc.Blocks[len(r.doc.Blocks)-1]
}

var alignOf = map[string]document.Align{"left": document.AlignLeft, "center": document.AlignCenter, "right": document.AlignRight, "both": document.AlignJustify}

var headingStyle = regexp.MustCompile(`^Heading([1-4])$`)

func (r *reader) body(body *xnode) error {
	for _, k := range body.kids {
		switch k.name {
		case "p":
			r.paragraph++
			if err := r.para(r.readPara(k)); err != nil {
				return err
			}
		case "tbl":
			if err := r.table(k); err != nil {
				return err
			}
		case "sectPr", "bookmarkStart", "bookmarkEnd":
		default:
			return &ForeignError{fmt.Sprintf("a %s element in the body", k.name)}
		}
	}
	return nil
}

func (r *reader) para(p *readPar) error {
	if !r.inTOC {
		if err := r.checkMark(p); err != nil {
			return err
		}
	}
	if r.inTOC {
		if t, ok := r.last().(*document.TOC); ok {
			if m := tocDepth.FindStringSubmatch(p.instr); m != nil {
				t.Depth, _ = strconv.Atoi(m[1])
			}
		}
		if p.fieldEnd && p.style == "" {
			r.inTOC, r.afterTOC = false, true
		}
		return nil
	}
	if r.afterTOC {
		r.afterTOC = false
		if p.pageBreak && len(p.spans) == 0 {
			return nil // the page after the contents
		}
	}
	if m := headingStyle.FindStringSubmatch(p.style); m != nil {
		r.open = nil
		level, _ := strconv.Atoi(m[1])
		h := &document.Heading{Level: level, Text: p.spans}
		if len(p.bookmarks) > 0 {
			h.ID = p.bookmarks[0]
		}
		r.doc.Blocks = append(r.doc.Blocks, h)
		return nil
	}
	switch p.style {
	case "Title", "Subtitle":
		r.open = nil
		line := document.Paragraph{Text: p.spans, Align: document.AlignCenter}
		if t, ok := r.last().(*document.Title); ok && p.style == "Subtitle" {
			t.Lines = append(t.Lines, line)
		} else {
			r.doc.Blocks = append(r.doc.Blocks, &document.Title{Lines: []document.Paragraph{line}})
		}
	case "TOCHeading":
		r.open = nil
		r.inTOC = true
		r.doc.Blocks = append(r.doc.Blocks, &document.TOC{Depth: 2})
	case "ListParagraph":
		return r.listPara(p)
	case "Code":
		line := document.PlainText(p.spans)
		if c, ok := r.lastHere().(*document.CodeBlock); ok {
			c.Text += "\n" + line
			return nil
		}
		r.add(&document.CodeBlock{Text: line})
	case "Quote":
		q, ok := r.lastHere().(*document.Quote)
		if !ok {
			q = &document.Quote{}
			r.add(q)
		}
		q.Blocks = append(q.Blocks, &document.Paragraph{Text: p.spans, Align: alignOf[p.jc]})
	case "":
		switch {
		case p.pageBreak && len(p.spans) == 0:
			r.open = nil
			r.doc.Blocks = append(r.doc.Blocks, &document.PageBreak{})
		case len(p.spans) == 0 && p.border:
			r.open = nil
			r.doc.Blocks = append(r.doc.Blocks, &document.Rule{})
		case len(p.spans) == 0:
			// The paragraph after a table or a signature block.
		default:
			r.open = nil
			r.doc.Blocks = append(r.doc.Blocks, &document.Paragraph{Text: p.spans, Align: alignOf[p.jc]})
		}
	default:
		return &ForeignError{fmt.Sprintf("paragraph %d has the style %q", r.paragraph, p.style)}
	}
	return nil
}

var tocDepth = regexp.MustCompile(`TOC \\o "1-([1-4])"`)

// lastHere is the last block where blocks are added now: in the current
// list item, else in the document.
func (r *reader) lastHere() document.Block {
	if r.inItem() {
		bs := r.current().Blocks
		if len(bs) == 0 {
			return nil
		}
		return bs[len(bs)-1]
	}
	return r.last()
}

// listPara reads a paragraph of a list: an item's first paragraph (it is
// numbered, or a task's box opens it) or a later one.
func (r *reader) listPara(p *readPar) error {
	task := document.NoTask
	if p.numID < 0 && len(p.spans) > 0 {
		for box, t := range map[string]document.Task{"☐ ": document.Unchecked, "☑ ": document.Checked} {
			if rest, ok := strings.CutPrefix(p.spans[0].Text, box); ok {
				task = t
				p.spans = append([]document.Span{}, p.spans...)
				p.spans[0].Text = rest
				if rest == "" {
					p.spans = p.spans[1:]
				}
			}
		}
	}
	if p.numID < 0 && task == document.NoTask {
		// A later paragraph (款) of an item: of the innermost open item it
		// is indented for.
		for len(r.open) > 0 {
			ol := r.top()
			want := ol.base
			if ol.hang {
				want = ol.base + 420*(ol.level+1)
			}
			if p.left == want {
				break
			}
			r.open = r.open[:len(r.open)-1]
		}
		if len(r.open) == 0 {
			return &ForeignError{fmt.Sprintf("paragraph %d continues a list item, but no item is open", r.paragraph)}
		}
		it := r.current()
		it.Blocks = append(it.Blocks, &document.Paragraph{Text: p.spans, Align: alignOf[p.jc]})
		return nil
	}
	style, start, key := document.Bullet, 1, [2]int{-1, 0}
	hang := true
	if task == document.NoTask {
		def, ok := r.nums[p.numID]
		if !ok {
			return &ForeignError{fmt.Sprintf("paragraph %d is numbered by instance %d, which numbering.xml lacks", r.paragraph, p.numID)}
		}
		style, start, key = def.style, def.start, [2]int{p.numID, p.ilvl}
		hang = !r.lb.RunIn[style]
	}
	base := 0
	if p.hasInd {
		base = p.left
		if hang {
			base = p.left - 420*(p.ilvl+1)
		}
	}
	// The item continues an open list of its numbering, else starts one,
	// nested in the innermost open item set less deep.
	found := -1
	for i, ol := range r.open {
		if ol.key == key && ol.base == base {
			found = i
		}
	}
	if found >= 0 {
		r.open = r.open[:found+1]
	} else {
		for len(r.open) > 0 && r.top().base >= base && !(style == document.Outline && r.top().list.Style == document.Outline && key[0] == r.top().key[0] && key[1] > r.top().key[1]) {
			r.open = r.open[:len(r.open)-1]
		}
		// A redline's article lists share one numbering: a list of an
		// instance met before continues the count.
		if r.used[key[0]] {
			start = 0
		}
		r.used[key[0]] = true
		l := &document.List{Style: style, Start: start, RunIn: r.lb.RunIn[style]}
		r.add(l)
		r.open = append(r.open, &openList{list: l, key: key, base: base, level: p.ilvl, hang: hang})
	}
	it := document.Item{Task: task, Blocks: []document.Block{&document.Paragraph{Text: p.spans, Align: alignOf[p.jc]}}}
	if len(p.bookmarks) > 0 {
		it.ID = p.bookmarks[0]
	}
	l := r.top().list
	l.Items = append(l.Items, it)
	return nil
}

func (r *reader) table(t *xnode) error {
	pr := t.child("tblPr")
	if pr == nil {
		return &ForeignError{"a table without properties"}
	}
	if pr.val("tblStyle") != "TableGrid" {
		return r.signature(t)
	}
	ind := 0
	if ti := pr.child("tblInd"); ti != nil {
		ind = ti.num("w")
	}
	if ind == 0 {
		r.open = nil
	} else {
		// Inside the innermost item indented less.
		for len(r.open) > 0 && r.top().base >= ind {
			r.open = r.open[:len(r.open)-1]
		}
	}
	tb := &document.Table{}
	if grid := t.child("tblGrid"); grid != nil {
		for _, g := range grid.all("gridCol") {
			tb.Widths = append(tb.Widths, float64(g.num("w")))
		}
	}
	tb.Align = make([]document.Align, len(tb.Widths))
	for _, tr := range t.all("tr") {
		row := document.Row{}
		header := false
		if trPr := tr.child("trPr"); trPr != nil {
			header = trPr.child("tblHeader") != nil
			switch {
			case trPr.child("ins") != nil:
				row.Mark = document.Inserted
			case trPr.child("del") != nil:
				row.Mark = document.Deleted
			}
		}
		for c, tc := range tr.all("tc") {
			var spans []document.Span
			for _, p := range tc.all("p") {
				pp := r.readPara(p)
				spans = append(spans, pp.spans...)
				if !header && c < len(tb.Align) {
					if a := alignOf[pp.jc]; a != document.AlignLeft {
						tb.Align[c] = a
					}
				}
			}
			row.Cells = append(row.Cells, document.Cell{Text: spans})
		}
		var all []document.Span
		for _, c := range row.Cells {
			all = append(all, c.Text...)
		}
		if whole := document.WholeMark(all); len(all) > 0 && (whole == document.Inserted || whole == document.Deleted || row.Mark != document.Unmarked) && whole != row.Mark {
			return fmt.Errorf("a table row's text is %s but the row is %s; accepting or rejecting the changes would leave an empty row", markWord(whole), markWord(row.Mark))
		}
		if header {
			tb.Header = append(tb.Header, row)
		} else {
			tb.Body = append(tb.Body, row)
		}
	}
	r.add(tb)
	return nil
}

// signatureLead opens the paragraph before an agreement's signature page.
var signatureLead = []string{"（以下无正文", "(No further text below"}

// sealSize is the seal area document.Parse gives every party.
const sealSize = 45.0

// signature reads a row of a signature block: two parties side by side,
// each with its role, name, seal area (a table of one cell holding its
// label), signatory line, the line to sign on and date.
func (r *reader) signature(t *xnode) error {
	r.open = nil
	s, ok := r.last().(*document.Signature)
	if !ok {
		s = &document.Signature{KeepTogether: true}
		if p, isPara := r.last().(*document.Paragraph); isPara {
			for _, lead := range signatureLead {
				if strings.HasPrefix(document.PlainText(p.Text), lead) {
					s.Lead = p.Text
					r.doc.Blocks = r.doc.Blocks[:len(r.doc.Blocks)-1]
				}
			}
		}
		r.doc.Blocks = append(r.doc.Blocks, s)
	}
	for _, tr := range t.all("tr") {
		for _, tc := range tr.all("tc") {
			// The cell's paragraphs, the seal area's label in its place.
			var ps []*readPar
			seal := -1
			for _, k := range tc.kids {
				switch k.name {
				case "p":
					ps = append(ps, r.readPara(k))
				case "tbl":
					cells := k.all("tr")
					if seal >= 0 || len(cells) != 1 || len(cells[0].all("tc")) != 1 || len(cells[0].all("tc")[0].all("p")) != 1 {
						return &ForeignError{"a signature party whose seal area is not one cell of one paragraph"}
					}
					seal = len(ps)
					ps = append(ps, r.readPara(cells[0].all("tc")[0].all("p")[0]))
				}
			}
			if len(ps) == 1 && len(ps[0].spans) == 0 {
				continue // the empty place beside a last party
			}
			if len(ps) != 6 || seal != 2 {
				return &ForeignError{fmt.Sprintf("a signature party of %d paragraphs", len(ps))}
			}
			party := document.Party{
				Name:      ps[1].spans,
				Seal:      document.SealArea{Label: document.PlainText(ps[2].spans), Width: sealSize, Height: sealSize},
				Signatory: document.PlainText(ps[3].spans),
				Date:      document.PlainText(ps[5].spans),
			}
			// The writer sets the role bold; the model's is as written.
			for _, sp := range ps[0].spans {
				sp.Bold = false
				party.Role = append(party.Role, sp)
			}
			party.Role = joinSpans(party.Role)
			for i := range party.Name {
				party.Name[i].NoBreak = true
			}
			s.Parties = append(s.Parties, party)
		}
	}
	return nil
}

// resolve gives the model what the parser's resolve pass gives it: the
// numbers of chapters and annexes, the labels of list items, the starts of
// article lists, and cross-references where a link's words are the
// citation of the place it leads to.
func (r *reader) resolve() {
	cites := map[string]string{}
	chapters, annexes, articles := 0, 0, 0
	var list func(l *document.List, cite string, level int, parents []int)
	var blocks func(bs []document.Block, cite string, level int, parents []int)
	blocks = func(bs []document.Block, cite string, level int, parents []int) {
		for _, b := range bs {
			switch x := b.(type) {
			case *document.Heading:
				text := document.PlainText(x.Text)
				numbered := func(label string) bool {
					return text == label || strings.HasPrefix(text, label+r.lb.HeadingSep)
				}
				switch {
				case numbered(r.lb.Chapter(chapters + 1)):
					chapters++
					x.Kind, x.Label = document.Chapter, r.lb.Chapter(chapters)
				case numbered(r.lb.Annex(annexes + 1)):
					annexes++
					x.Kind, x.Label = document.Annex, r.lb.Annex(annexes)
				}
				cites[x.ID] = text
				if x.Label != "" {
					cites[x.ID] = x.Label
				}
			case *document.List:
				list(x, cite, level, parents)
			case *document.Quote:
				blocks(x.Blocks, cite, level, parents)
			}
		}
	}
	list = func(l *document.List, cite string, level int, parents []int) {
		if l.Style == document.Article {
			// As the parser counts: a list that starts at another number
			// than 1 sets the count.
			if l.Start > 1 {
				articles = l.Start - 1
			}
			l.Start = articles + 1
		} else if l.Start == 0 {
			l.Start = 1
		}
		for i := range l.Items {
			it := &l.Items[i]
			n := l.Start + i
			if l.Style == document.Article {
				articles = n
			}
			it.Label = document.Marker(r.doc.Lang, l.Style, n, parents)
			itemCite, childLevel, childParents := "", 0, parents
			switch l.Style {
			case document.Article:
				itemCite, childLevel = r.lb.Article(n), 1
			case document.Outline:
				itemCite = it.Label
				childParents = append(append([]int{}, parents...), n)
			case document.Bullet:
				itemCite, childLevel = cite, level
			default:
				itemCite = r.lb.Cite(cite, max(level, 1), strings.TrimSpace(it.Label))
				if level > 0 {
					childLevel = level + 1
				}
			}
			if it.ID != "" {
				cites[it.ID] = itemCite
			}
			blocks(it.Blocks, itemCite, childLevel, childParents)
		}
	}
	blocks(r.doc.Blocks, "", 0, nil)
	document.EachText(r.doc.Blocks, func(spans *[]document.Span) {
		for i := range *spans {
			s := &(*spans)[i]
			if id, ok := strings.CutPrefix(s.Link, "#"); ok && cites[id] != "" && cites[id] == s.Text {
				s.Ref = id
			}
		}
	})
}
