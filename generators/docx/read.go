package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"pilotpack/internal/document"
	"pilotpack/internal/lang"
)

// Read reads a DOCX this package wrote back into its document model:
// headings, paragraphs, lists with their numbering, labels and clause ids,
// tables, signature blocks, the title block, the table of contents and page
// breaks, with cross-references recognised again; a redline's tracked
// changes come back as marks (document.Mark). The text is as Write sets
// it (see Typeset). It reads what Write and WriteRedline write, exactly,
// not what a word processor makes of it: the model read is written again
// and must give the same document and numbering parts, byte for byte, so a
// document saved by Word or WPS, or written by a pilotpack that writes
// otherwise, is refused with a ForeignError, which says where it differs.
//
// A DOCX may come from anywhere: every part is bounded in size and depth,
// and a malformed one is an error, never a panic.
func Read(data []byte) (*document.Doc, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, foreign("不是 zip 文件：%v", "not a zip: %v", err)
	}
	raw := map[string][]byte{}
	parts := map[string]*xnode{}
	for _, name := range []string{"word/document.xml", "word/numbering.xml", "docProps/core.xml", "word/_rels/document.xml.rels"} {
		f := findFile(z, name)
		if f == nil {
			if name == "word/document.xml" || name == "word/numbering.xml" {
				return nil, foreign("缺少 %s", "%s is missing", name)
			}
			continue
		}
		b, err := readPart(f)
		if err == nil {
			raw[name] = b
			parts[name], err = parseXML(b)
		}
		if err != nil {
			return nil, foreign("%s：%s", "%s: %s", name, err)
		}
	}
	r := &reader{nums: map[int]numDef{}, links: map[string]string{}, used: map[int]bool{}, pages: map[string]int{}}
	if core := parts["docProps/core.xml"]; core != nil {
		r.meta(core)
	}
	r.lb = document.LabelsFor(r.doc.Lang)
	r.numbering(parts["word/numbering.xml"])
	if rels := parts["word/_rels/document.xml.rels"]; rels != nil {
		for _, rel := range rels.all("Relationship") {
			if rel.get("TargetMode") == "External" {
				r.links[rel.get("Id")] = rel.get("Target")
			}
		}
	}
	body := parts["word/document.xml"].child("body")
	if body == nil {
		return nil, foreign("word/document.xml 没有正文（body）", "word/document.xml has no body")
	}
	r.scan(body)
	if err := r.body(body); err != nil {
		return nil, err
	}
	r.resolve()
	if err := r.verify(raw["word/document.xml"], raw["word/numbering.xml"]); err != nil {
		return nil, err
	}
	return &r.doc, nil
}

// verify writes the model read again and refuses it unless its document
// and numbering parts are those read, byte for byte: whatever the reader
// took in another sense than the writer meant, or a part a word processor
// rewrote, is found here, and the model returned is the document's.
func (r *reader) verify(document, numbering []byte) error {
	opts := Options{HeadingPages: r.pages}
	var rev *revisions
	if r.redline {
		rev = newRevisions(&r.doc, opts, Revisions{Author: r.author, Date: r.date})
	}
	b := newBuilder(&r.doc, opts, rev)
	body := b.body()
	if err := sameXML("word/document.xml", document, body); err != nil {
		return err
	}
	return sameXML("word/numbering.xml", numbering, []byte(b.numbering()))
}

// sameXML says where a part read differs from the part written again: in
// which paragraph, and its text.
func sameXML(part string, read, again []byte) error {
	if bytes.Equal(read, again) {
		return nil
	}
	i := 0
	for i < len(read) && i < len(again) && read[i] == again[i] {
		i++
	}
	n := bytes.Count(read[:i], []byte("<w:p>")) + bytes.Count(read[:i], []byte("<w:p/>"))
	if n == 0 {
		return foreign("%s 的第 %d 个字节与 pilotpack 所写不同", "%s differs from what pilotpack writes at byte %d", part, i)
	}
	from := max(bytes.LastIndex(read[:i], []byte("<w:p>")), bytes.LastIndex(read[:i], []byte("<w:p/>")))
	to := bytes.Index(read[from:], []byte("</w:p>"))
	if to < 0 {
		to = len(read) - from
	}
	text := []rune(tagged.ReplaceAllString(string(read[from:from+to]), ""))
	if len(text) > 30 {
		text = append(text[:30], '…')
	}
	return foreign("%[2]s 的第 %[1]d 段（“%[3]s”）与 pilotpack 所写不同", "paragraph %d of %s (%q) is not as pilotpack writes it", n, part, string(text))
}

var tagged = regexp.MustCompile(`<[^>]*>`)

// ForeignError refuses a DOCX that this package did not write as it is.
type ForeignError struct{ What lang.Text }

func foreign(zh, en string, args ...any) *ForeignError {
	t := lang.T(zh, en)
	return &ForeignError{lang.T(lang.Sprintf(lang.Zh, t, args...), lang.Sprintf(lang.En, t, args...))}
}

func (e *ForeignError) Error() string { return e.In(lang.En) }

// In words the error in l (lang.Worded).
func (e *ForeignError) In(l lang.Lang) string {
	return lang.Sprintf(l, lang.T("不是 pilotpack 所写的 DOCX（%s）：是否在文字处理软件中编辑并保存过，或由其他版本的 pilotpack 生成？",
		"not a DOCX as pilotpack writes it (%s); was it edited and saved in a word processor, or written by another version of pilotpack?"), e.What)
}

// Bounds on what is read: a packet's agreement of twenty pages is about
// 150 KB of XML in 3,000 elements; these admit documents a hundred times
// that and keep a hostile one to some 50 MB of memory.
const (
	maxPart  = 16 << 20
	maxDepth = 64
	maxNodes = 300_000
)

func findFile(z *zip.Reader, name string) *zip.File {
	for _, f := range z.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// readPart reads a part whole, no more than maxPart bytes whatever the zip
// says it holds.
func readPart(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxPart {
		return nil, lang.Errorf(lang.T("解压后 %d 字节，超过上限 %d", "%d bytes unpacked, more than %d"), f.UncompressedSize64, maxPart)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPart {
		return nil, lang.Errorf(lang.T("解压后超过上限 %d 字节", "more than %d bytes unpacked"), maxPart)
	}
	return data, nil
}

// xnode is an element of a part: its local name, attributes by local name,
// children and character data.
type xnode struct {
	name string
	attr [][2]string
	kids []*xnode
	text string
	raw  []byte // the text while the element is read
	// prefix is the name's prefix while the element is read, to match its
	// end tag.
	prefix string
}

// get is the value of an attribute by its local name, or "".
func (n *xnode) get(name string) string {
	for _, a := range n.attr {
		if a[0] == name {
			return a[1]
		}
	}
	return ""
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
		return c.get("val")
	}
	return ""
}

func (n *xnode) num(attr string) int {
	v, _ := strconv.Atoi(n.get(attr))
	return v
}

func parseXML(data []byte) (*xnode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := &xnode{}
	stack := []*xnode{root}
	count := 0
	for {
		// Raw tokens, names as written: namespaces need no resolving in
		// parts that verify compares byte for byte; nesting is checked
		// below.
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, lang.Errorf(lang.T("XML 格式有误：%v", "not well-formed XML: %v"), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if count++; count > maxNodes {
				return nil, lang.Errorf(lang.T("元素超过 %d 个", "more than %d elements"), maxNodes)
			}
			if len(stack) > maxDepth {
				return nil, lang.Errorf(lang.T("元素嵌套超过 %d 层", "elements nested more than %d deep"), maxDepth)
			}
			n := &xnode{name: t.Name.Local, prefix: t.Name.Space}
			for _, a := range t.Attr {
				n.attr = append(n.attr, [2]string{a.Name.Local, a.Value})
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			top := stack[len(stack)-1]
			if len(stack) == 1 || top.name != t.Name.Local || top.prefix != t.Name.Space {
				return nil, lang.Errorf(lang.T("XML 格式有误：</%s> 与开始标签不符", "not well-formed XML: </%s> closes no element it matches"), t.Name.Local)
			}
			top.text, top.raw, top.prefix = string(top.raw), nil, ""
			stack = stack[:len(stack)-1]
		case xml.CharData:
			// Appended, not concatenated: text cut into many pieces (by
			// comments) costs no more than text in one.
			top := stack[len(stack)-1]
			top.raw = append(top.raw, t...)
		}
	}
	if len(stack) > 1 {
		return nil, lang.Errorf(lang.T("XML 格式有误：<%s> 未结束", "not well-formed XML: <%s> is not closed"), stack[len(stack)-1].name)
	}
	if len(root.kids) == 0 {
		return nil, lang.Errorf(lang.T("没有根元素", "no root element"))
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
	// ids are the ids of bookmarks named after another's (scan).
	ids map[string]string
	// pages are the page numbers the table of contents shows, by heading
	// id: the options the document was written with.
	pages map[string]int
	// redline is set when the document has tracked changes, which author
	// made on date.
	redline bool
	author  string
	date    time.Time
	// open are the lists being read, outermost first.
	open []*openList
	// inTOC is set between a table of contents' heading and its end.
	inTOC     bool
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
		return foreign("第 %d 段：文字为%s，段落标记却为%s；接受或拒绝修订会留下空段落或合并两段",
			"paragraph %d: its text is %s but its paragraph mark is %s; accepting or rejecting the changes would leave an empty paragraph or join two",
			r.paragraph, markWord(whole), markWord(p.mark))
	}
	return nil
}

func markWord(m document.Mark) lang.Text {
	return map[document.Mark]lang.Text{
		document.Unmarked:  lang.T("未整体标记", "not tracked as a whole"),
		document.Inserted:  lang.T("插入", "inserted"),
		document.Deleted:   lang.T("删除", "deleted"),
		document.MovedFrom: lang.T("移出", "moved from here"),
		document.MovedTo:   lang.T("移入", "moved here"),
	}[m]
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
		if ind := pr.child("ind"); ind != nil && ind.get("left") != "" {
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
					if c.get("type") == "page" {
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
					if c.get("fldCharType") == "end" {
						pp.fieldEnd = true
					}
				}
			}
		case "hyperlink":
			s := st
			if a := k.get("anchor"); a != "" {
				s.Link = "#" + r.idOf(a)
			} else if url, ok := r.links[k.get("id")]; ok {
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
			pp.bookmarks = append(pp.bookmarks, r.idOf(k.get("name")))
		}
	}
}

// idOf is the id a bookmark was named for (see bookmark): ids are
// letters, digits, - and _, and a hyphen is written 2d. An id with "2d" of
// its own comes back with a hyphen, which names the same bookmark again.
func idOf(name string) string {
	return strings.ReplaceAll(strings.TrimPrefix(name, "_h_"), "2d", "-")
}

// idOf is the id of a bookmark name of the document.
func (r *reader) idOf(name string) string {
	if id, ok := r.ids[name]; ok {
		return id
	}
	return idOf(name)
}

// collided matches the name the writer gives a bookmark whose name another
// id took first (builder.body): _h and the anchor's number.
var collided = regexp.MustCompile(`^_h[0-9]+$`)

// scan reads what the body's blocks need from the whole of it: who made
// a redline's changes and when, and ids for bookmarks (see idOf).
func (r *reader) scan(body *xnode) {
	var names []string
	var walk func(n *xnode)
	walk = func(n *xnode) {
		for _, k := range n.kids {
			switch k.name {
			case "bookmarkStart":
				names = append(names, k.get("name"))
			case "ins", "del":
				if !r.redline {
					r.redline, r.author = true, k.get("author")
					r.date, _ = time.Parse(revisionDate, k.get("date"))
				}
			}
			walk(k)
		}
	}
	walk(body)
	r.bookmarks(names)
}

// bookmarks gives the bookmarks named after an id whose name another id
// took an id of their own whose name is taken again, so that the model read
// names its bookmarks as the DOCX does.
func (r *reader) bookmarks(names []string) {
	r.ids = map[string]string{}
	used := map[string]bool{}
	for _, name := range names {
		used[idOf(name)] = true
	}
	for i, name := range names {
		if !collided.MatchString(name) {
			continue
		}
		// An id that makes one of the names before it: the name as it is
		// (an id of its own with 2d in it), or a longer id cut to the
		// same 40 characters.
		for j := i - 1; j >= 0; j-- {
			earlier := names[j]
			var id string
			switch {
			case strings.Contains(earlier, "2d") && !used[earlier[len("_h_"):]] && strings.HasPrefix(earlier, "_h_"):
				id = earlier[len("_h_"):]
			case len(earlier) == 40 && strings.HasPrefix(earlier, "_h_"):
				id = idOf(earlier) + "-" + name[len("_h"):]
			default:
				continue
			}
			if !used[id] && bookmark(id) == earlier {
				r.ids[name], used[id] = id, true
				break
			}
		}
	}
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
			return foreign("正文中有 %s 元素", "a %s element in the body", k.name)
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
		// The contents (see builder.toc): an entry per heading, in the
		// TOC field, which ends with the page in a paragraph of its own.
		if t, ok := r.last().(*document.TOC); ok {
			if m := tocDepth.FindStringSubmatch(p.instr); m != nil {
				t.Depth, _ = strconv.Atoi(m[1])
			}
		}
		switch {
		case p.style == "" && p.fieldEnd && p.pageBreak && len(p.spans) == 0:
			r.inTOC = false
		case tocEntry.MatchString(p.style) && len(p.spans) > 0:
			// The entry's link leads to its heading; its page number, when
			// it has one, follows the last tab.
			last := p.spans[len(p.spans)-1]
			text := document.PlainText(p.spans)
			if n, err := strconv.Atoi(text[strings.LastIndex(text, "\t")+1:]); err == nil && strings.HasPrefix(last.Link, "#") {
				r.pages[last.Link[1:]] = n
			}
		default:
			return foreign("第 %d 段位于目录中，样式却是 %q", "paragraph %d is in the table of contents but has the style %q", r.paragraph, p.style)
		}
		return nil
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
		if err := r.nest(p); err != nil {
			return err
		}
		line := document.PlainText(p.spans)
		if c, ok := r.lastHere().(*document.CodeBlock); ok {
			c.Text += "\n" + line
			return nil
		}
		r.add(&document.CodeBlock{Text: line})
	case "Quote":
		if err := r.nest(p); err != nil {
			return err
		}
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
		case p.hasInd && p.left > 0:
			// Indented body text: the lead line of a signature block in a
			// list item, which the block takes.
			if err := r.nest(p); err != nil {
				return err
			}
			r.add(&document.Paragraph{Text: p.spans, Align: alignOf[p.jc]})
		default:
			r.open = nil
			r.doc.Blocks = append(r.doc.Blocks, &document.Paragraph{Text: p.spans, Align: alignOf[p.jc]})
		}
	default:
		return foreign("第 %d 段的样式为 %q", "paragraph %d has the style %q", r.paragraph, p.style)
	}
	return nil
}

var (
	tocDepth = regexp.MustCompile(`TOC \\o "1-([1-4])"`)
	tocEntry = regexp.MustCompile(`^TOC[1-4]$`)
)

// nest places the block of an indented paragraph (code, a quote): in the
// list item whose blocks are set at its indent, else in the document.
func (r *reader) nest(p *readPar) error {
	ind := 0
	if p.hasInd {
		ind = p.left
	}
	return r.nestAt(ind, lang.T(fmt.Sprintf("第 %d 段", r.paragraph), fmt.Sprintf("paragraph %d ", r.paragraph)))
}

// nestAt closes the lists a block indented ind twips is not in: a block at
// no indent is in none, one indented is in the innermost open item whose
// blocks are set there (builder.list).
func (r *reader) nestAt(ind int, what lang.Text) error {
	if ind == 0 {
		r.open = nil
		return nil
	}
	for len(r.open) > 0 {
		ol := r.top()
		in := ol.base + 480
		if ol.hang {
			in = ol.base + 420*(ol.level+1)
		}
		if in == ind {
			return nil
		}
		r.open = r.open[:len(r.open)-1]
	}
	return foreign("%s缩进 %d 缇，不在任何列表项之内", "%sis indented %d twips, as the blocks of no open list item are", what, ind)
}

// tableIndent is a table's indent in twips.
func tableIndent(pr *xnode) int {
	if ti := pr.child("tblInd"); ti != nil {
		return ti.num("w")
	}
	return 0
}

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
			return foreign("第 %d 段接续列表项，但前面没有列表项", "paragraph %d continues a list item, but no item is open", r.paragraph)
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
			return foreign("第 %d 段使用编号 %d，numbering.xml 中没有", "paragraph %d is numbered by instance %d, which numbering.xml lacks", r.paragraph, p.numID)
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
		return foreign("表格没有属性", "a table without properties")
	}
	if pr.val("tblStyle") != "TableGrid" {
		return r.signature(t)
	}
	if err := r.nestAt(tableIndent(pr), lang.T("表格", "a table ")); err != nil {
		return err
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
			return foreign("表格行的文字为%s，该行却为%s；接受或拒绝修订会留下空行", "a table row's text is %s but the row is %s; accepting or rejecting the changes would leave an empty row", markWord(whole), markWord(row.Mark))
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
var signatureLead = []string{"（以下无正文", "[The text "}

// signature reads a signature block (see builder.signature): its lead line
// when the paragraph before it is one, and its parties, one or two to a
// row, each in a cell of its own.
func (r *reader) signature(t *xnode) error {
	if err := r.nestAt(tableIndent(t.child("tblPr")), lang.T("签署栏", "a signature block ")); err != nil {
		return err
	}
	s := &document.Signature{KeepTogether: true}
	if p, isPara := r.lastHere().(*document.Paragraph); isPara && (p.Align == document.AlignDefault || p.Align == document.AlignLeft) {
		for _, lead := range signatureLead {
			if strings.HasPrefix(document.PlainText(p.Text), lead) {
				s.Lead = p.Text
				r.dropLast()
			}
		}
	}
	rows := t.all("tr")
	if len(rows) == 0 {
		return foreign("签署栏没有签署方", "a signature block without parties")
	}
	for ri, tr := range rows {
		cells := tr.all("tc")
		for ci, tc := range cells {
			p, ok, err := r.party(tc)
			if err != nil {
				return foreign("签署栏第 %d 方：%v", "signature block, party %d: %v", len(s.Parties)+1, err)
			}
			if !ok {
				// The empty place beside the last party.
				if ri != len(rows)-1 || ci != len(cells)-1 || ci == 0 {
					return foreign("签署栏第 %d 方：空单元格", "signature block, party %d: an empty cell", len(s.Parties)+1)
				}
				continue
			}
			s.Parties = append(s.Parties, p)
		}
	}
	r.add(s)
	return nil
}

// dropLast removes the last block where blocks are added now.
func (r *reader) dropLast() {
	if r.inItem() {
		it := r.current()
		it.Blocks = it.Blocks[:len(it.Blocks)-1]
		return
	}
	r.doc.Blocks = r.doc.Blocks[:len(r.doc.Blocks)-1]
}

// party reads one party's cell: its role (set bold), full name, the seal
// area (a table of one cell of the seal's size holding its label), the
// signatory's label, the line to sign on and the date's label. ok is false
// for the empty cell beside a last party.
func (r *reader) party(tc *xnode) (p document.Party, ok bool, err error) {
	var kids []*xnode
	for _, k := range tc.kids {
		if k.name != "tcPr" {
			kids = append(kids, k)
		}
	}
	if len(kids) == 1 && kids[0].name == "p" && len(kids[0].kids) == 0 {
		return p, false, nil
	}
	shape := []string{"p", "p", "tbl", "p", "p", "p"}
	if len(kids) != len(shape) {
		return p, false, lang.Errorf(lang.T("有 %d 部分，而非身份、名称、盖章处、签字人、签字线和日期", "%d parts instead of role, name, seal, signatory, line and date"), len(kids))
	}
	var ps []*readPar
	for i, k := range kids {
		if k.name != shape[i] {
			return p, false, lang.Errorf(lang.T("第 %d 部分是 %s，而非 %s", "part %d is a %s, not a %s"), i+1, k.name, shape[i])
		}
		if k.name == "p" {
			pp := r.readPara(k)
			if pp.style != "Signature" {
				return p, false, lang.Errorf(lang.T("第 %d 部分的样式为 %q，而非 Signature", "part %d has the style %q, not Signature"), i+1, pp.style)
			}
			ps = append(ps, pp)
		}
	}
	if line := ps[3]; !line.border || len(line.spans) > 0 {
		return p, false, lang.Errorf(lang.T("没有签字线", "no line to sign on"))
	}
	seal, w, h, err := r.seal(kids[2])
	if err != nil {
		return p, false, err
	}
	// The writer sets the role bold; the model's is as written.
	for _, sp := range ps[0].spans {
		sp.Bold = false
		p.Role = append(p.Role, sp)
	}
	p.Role = joinSpans(p.Role)
	p.Name = ps[1].spans
	for i := range p.Name {
		p.Name[i].NoBreak = true
	}
	p.Seal = document.SealArea{Label: seal, Width: w, Height: h}
	p.Signatory = document.PlainText(ps[2].spans)
	p.Date = document.PlainText(ps[4].spans)
	return p, true, nil
}

// seal reads a party's seal area: its label and its size in millimetres.
// An area the column cut to its width reads as wide as the column.
func (r *reader) seal(t *xnode) (label string, w, h float64, err error) {
	rows := t.all("tr")
	if len(rows) != 1 || len(rows[0].all("tc")) != 1 {
		return "", 0, 0, lang.Errorf(lang.T("盖章处不是一个单元格", "a seal area that is not one cell"))
	}
	var tw, th int
	if pr := t.child("tblPr"); pr != nil && pr.child("tblW") != nil {
		tw = pr.child("tblW").num("w")
	}
	if trPr := rows[0].child("trPr"); trPr != nil && trPr.child("trHeight") != nil {
		th = trPr.child("trHeight").num("val")
	}
	ps := rows[0].all("tc")[0].all("p")
	if tw <= 0 || th <= 0 || len(ps) != 1 {
		return "", 0, 0, lang.Errorf(lang.T("盖章处缺少尺寸或标注", "a seal area without its size or label"))
	}
	return document.PlainText(r.readPara(ps[0]).spans), mmOf(tw), mmOf(th), nil
}

// mmOf is the length in millimetres that mmTw makes tw twips of: the
// shortest in tenths of a millimetre, as models give sizes.
func mmOf(tw int) float64 {
	exact := float64(tw) * 25.4 / 1440
	for _, step := range []float64{10, 100, 1000} {
		for _, mm := range []float64{math.Round(exact*step) / step, math.Floor(exact*step) / step, math.Ceil(exact*step) / step} {
			if mmTw(mm) == tw {
				return mm
			}
		}
	}
	return exact
}

// inText is a citation as typeset inside a paragraph: "1.1 定义" opens a
// heading with its space, and loses it in the text that cites it.
func inText(cite string) string {
	const before = "、"
	return strings.TrimPrefix(document.PlainText(typeset([]document.Span{{Text: before + cite}})), before)
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
					rest, ok := strings.CutPrefix(text, label)
					first, _ := utf8.DecodeRuneInString(rest)
					// A space between the number and a Han title is dropped
					// (typeset).
					return ok && (rest == "" || strings.HasPrefix(rest, r.lb.HeadingSep) || r.lb.HeadingSep == " " && han(first))
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
			// than 1 sets the count. In a redline, a list numbered on its
			// own sets it, one that shares the articles' numbering
			// continues it; only articles of the later version count, as
			// the writer counts them (builder.numberList).
			if l.Start > 1 || r.redline && l.Start > 0 {
				articles = l.Start - 1
			}
			l.Start = articles + 1
		} else if l.Start == 0 {
			l.Start = 1
		}
		k := 0
		for i := range l.Items {
			it := &l.Items[i]
			n := l.Start + k
			if counted := !r.redline || l.Style != document.Article || inNew(*it); counted {
				k++
				if l.Style == document.Article {
					articles = n
				}
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
			if id, ok := strings.CutPrefix(s.Link, "#"); ok && cites[id] != "" && inText(cites[id]) == s.Text {
				s.Ref = id
			}
		}
	})
}
