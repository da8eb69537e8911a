package document

import (
	"bytes"
	"fmt"
	"pilotpack/internal/lang"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Warning is something in the Markdown the model cannot express, with the
// line it is on.
type Warning struct {
	Line int
	Msg  string
}

func (w Warning) String() string { return fmt.Sprintf("line %d: %s", w.Line, w.Msg) }

// md is the Markdown parser, made on first use rather than at every start.
var md = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithInlineParsers(inlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		)),
		goldmark.WithExtensions(extension.Table, extension.TaskList),
		goldmark.WithParserOptions(parser.WithBlockParsers(util.Prioritized(containerParser{}, 50)), parser.WithHeadingAttribute()),
	)
})

// Parse builds a document from Markdown (CommonMark with GFM tables and task
// lists) and the extensions described in templates/README.md. It never
// fails: whatever it cannot express is dropped with a warning.
func Parse(src []byte, lg lang.Lang) (*Doc, []Warning) {
	root := md().Parser().Parse(text.NewReader(src))
	c := &converter{src: src, lang: lg, labels: LabelsFor(lg), defined: map[string]int{}}
	doc := &Doc{Lang: lg}
	doc.Blocks = c.blocks(root)
	doc.Title = c.title
	c.resolve(doc)
	if lg == lang.En {
		// English text takes curly quotes and apostrophes, in every
		// output alike (Chinese text has its own in the templates, and
		// the PDF curls what stands beside it when it sets it).
		EachText(doc.Blocks, func(s *[]Span) { *s = Smarten(*s, true) })
	}
	return doc, c.warnings
}

type converter struct {
	src      []byte
	lang     lang.Lang
	labels   Labels
	warnings []Warning
	headings int
	title    string
	// Directives from HTML comments wait here for the block they apply to.
	pendingStyle  *ListStyle
	pendingWidths []float64
	// lines is set inside blocks whose every source line is a line of its
	// own (title, center, right), where a soft break is a line break.
	lines bool
	// outline is set inside the items of an outline-numbered list, whose
	// nested ordered lists continue its numbering.
	outline bool
	// clause is 1 inside an article, 2 inside an article's item and so on:
	// the nested ordered lists number items and sub-items.
	clause int
	// itemStart is set while the first block of a list item is converted,
	// where a label may stand; itemID receives the label.
	itemStart bool
	itemID    string
	// defined holds the line of every label given, refs every
	// cross-reference and link within the document, for the resolve pass.
	defined map[string]int
	refs    []reference
	// newlines are the offsets of the source's line ends, for lineOf.
	newlines []int
}

// reference is a link to an id of the document, and where it is.
type reference struct {
	id   string
	line int
	// cross is set for a cross-reference, [](#id), which needs a citation.
	cross bool
}

func (c *converter) lineOf(n ast.Node) int {
	off := -1
	switch n := n.(type) {
	case *containerNode:
		off = n.Line
	default:
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			off = n.Lines().At(0).Start
		} else if n.Type() == ast.TypeInline {
			off = inlineOffset(n)
		}
	}
	if off < 0 {
		if p := n.Parent(); p != nil {
			return c.lineOf(p)
		}
		return 1
	}
	if c.newlines == nil {
		c.newlines = []int{}
		for i, b := range c.src {
			if b == '\n' {
				c.newlines = append(c.newlines, i)
			}
		}
	}
	return 1 + sort.SearchInts(c.newlines, min(off, len(c.src)))
}

// inlineOffset finds where an inline node is in the source: at its own or
// its first text, else just after the text before it; -1 if nothing tells.
func inlineOffset(n ast.Node) int {
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Start
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			return n.Segments.At(0).Start
		}
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if off := inlineOffset(ch); off >= 0 {
			return off
		}
	}
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if t, ok := p.(*ast.Text); ok {
			if t.SoftLineBreak() || t.HardLineBreak() {
				return t.Segment.Stop + 1
			}
			return t.Segment.Stop
		}
	}
	return -1
}

func (c *converter) warn(n ast.Node, format string, args ...any) {
	c.warnAt(c.lineOf(n), format, args...)
}

func (c *converter) warnAt(line int, format string, args ...any) {
	c.warnings = append(c.warnings, Warning{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// autoID matches the ids the parser gives headings without one.
var autoID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^sec-[0-9]+$`) })

// define records the label id given on line, and reports whether it may be
// used: a valid id, given once.
func (c *converter) define(id string, line int) bool {
	switch first, dup := c.defined[id]; {
	case !validID(id):
		c.warnAt(line, "label %q is not used: a label is letters, digits, - and _, beginning with a letter, at most 32 characters", id)
	case autoID().MatchString(id):
		c.warnAt(line, "label %q is not used: sec-1, sec-2 … are the ids of headings without a label; choose another", id)
	case dup:
		c.warnAt(line, "label %q is not used: line %d already gives it; labels name one place each", id, first)
	default:
		c.defined[id] = line
		return true
	}
	return false
}

// itemLabel matches a label at the start of a list item: {id=audit}, or
// {#audit} where the Markdown does not pass through a template engine
// that reads {# as a comment.
var (
	itemLabel = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\[[ xX]\][ \t]+)?(\{(?:#|id=)([^\s{}]*)\})`) })
	midLabel  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[^\\])(\{(?:#|id=)[^\s{}]*\})`) })
)

// label takes a label from the start of a paragraph's first source line,
// as written (so that escaped text, \{id=x}, is never a label), and
// returns the spans without it.
func (c *converter) label(n ast.Node, spans []Span) []Span {
	first := c.itemStart
	c.itemStart = false
	if n.Lines().Len() == 0 {
		return spans
	}
	var m [][]byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		text := seg.Value(c.src)
		if bytes.IndexByte(text, '{') < 0 {
			continue // most lines: no label to look at
		}
		if i == 0 {
			if m = itemLabel().FindSubmatch(text); m != nil {
				text = text[len(m[0]):]
			}
		}
		for _, mid := range midLabel().FindAllSubmatch(text, -1) {
			c.warnAt(c.lineOf(n)+i, "%s is left as text: a label stands at the start of a numbered list item (1. %s …), or at the end of a heading", mid[1], mid[1])
		}
	}
	if m == nil {
		return spans
	}
	line := c.lineOf(n)
	id := string(m[3])
	if !first {
		c.warnAt(line, "label {id=%s} left out: a label stands at the start of a numbered list item (1. {id=%s} …), or at the end of a heading", id, id)
	} else if c.define(id, line) {
		c.itemID = id
	}
	return trimText(spans, len(m[2]))
}

// trimText drops the first n bytes of text from spans, and the spaces after
// them.
func trimText(spans []Span, n int) []Span {
	for len(spans) > 0 && n > 0 {
		k := min(n, len(spans[0].Text))
		spans[0].Text = spans[0].Text[k:]
		n -= k
		if spans[0].Text == "" {
			spans = spans[1:]
		}
	}
	if len(spans) > 0 {
		spans[0].Text = strings.TrimLeft(spans[0].Text, " \t")
		if spans[0].Text == "" {
			spans = spans[1:]
		}
	}
	return spans
}

func (c *converter) blocks(parent ast.Node) []Block {
	var out []Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, c.block(n)...)
	}
	return out
}

var (
	directive = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^<!--\s*([a-z]+)\s*(?::\s*|\s+)?(.*?)\s*-->\s*$`) })
	depthArg  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^depth\s*=\s*([1-4])$`) })
)

func (c *converter) block(n ast.Node) []Block {
	if _, para := n.(*ast.Paragraph); !para {
		if _, text := n.(*ast.TextBlock); !text {
			c.itemStart = false
		}
	}
	switch n := n.(type) {
	case *ast.Heading:
		c.itemStart = false
		c.headings++
		h := &Heading{Level: min(n.Level, 4), Text: c.inlines(n), ID: fmt.Sprintf("sec-%d", c.headings)}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok && len(b) > 0 && c.define(string(b), c.lineOf(n)) {
				h.ID = string(b)
			}
		}
		if class, ok := n.AttributeString("class"); ok {
			b, _ := class.([]byte)
			for _, name := range strings.Fields(string(b)) {
				switch name {
				case "chapter":
					h.Kind = Chapter
				case "annex":
					h.Kind = Annex
				default:
					c.warn(n, "heading class .%s means nothing and is left out: use .chapter or .annex to number the heading", name)
				}
			}
		}
		if c.title == "" && h.Level == 1 {
			c.title = PlainText(h.Text)
		}
		return []Block{h}
	case *ast.Paragraph, *ast.TextBlock:
		spans := c.label(n, c.inlines(n))
		if len(spans) == 0 {
			return nil
		}
		return []Block{&Paragraph{Text: spans}}
	case *ast.List:
		return []Block{c.list(n)}
	case *ast.Blockquote:
		return []Block{&Quote{Blocks: c.blocks(n)}}
	case *ast.ThematicBreak:
		return []Block{&Rule{}}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(c.src))
		}
		return []Block{&CodeBlock{Text: strings.TrimRight(noNUL([]byte(b.String())), "\n")}}
	case *ast.HTMLBlock:
		return c.html(n)
	case *east.Table:
		return []Block{c.table(n)}
	case *containerNode:
		return c.container(n)
	}
	c.warn(n, "%s is not supported and is left out", n.Kind())
	return nil
}

// html turns the HTML comments pilotpack understands into blocks or
// directives; other HTML is left out with a warning.
func (c *converter) html(n *ast.HTMLBlock) []Block {
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(c.src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(c.src))
	}
	raw := strings.TrimSpace(b.String())
	m := directive().FindStringSubmatch(raw)
	if !strings.HasPrefix(raw, "<!--") {
		c.warn(n, "raw HTML is not supported and is left out: %.40q", raw)
		return nil
	}
	if m == nil {
		return nil // an ordinary comment
	}
	name, arg := m[1], m[2]
	switch name {
	case "pagebreak":
		return []Block{&PageBreak{}}
	case "toc":
		t := &TOC{Depth: 2}
		if d := depthArg().FindStringSubmatch(arg); d != nil {
			t.Depth, _ = strconv.Atoi(d[1])
		} else if arg != "" {
			c.warn(n, "toc takes depth=1 to depth=4, not %q", arg)
		}
		return []Block{t}
	case "numbering":
		s, ok := ListStyleByName(arg)
		if !ok {
			c.warn(n, "unknown numbering %q: use one of %s", arg, strings.Join(listStyleNames[:], ", "))
			return nil
		}
		c.pendingStyle = &s
	case "widths":
		var ws []float64
		for _, f := range strings.Fields(arg) {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || v <= 0 {
				c.warn(n, "widths must be positive numbers, not %q", f)
				return nil
			}
			ws = append(ws, v)
		}
		c.pendingWidths = ws
	}
	return nil
}

func (c *converter) list(n *ast.List) *List {
	l := &List{Style: Bullet, Start: 1}
	if n.IsOrdered() {
		l.Style = Decimal
		if c.outline {
			l.Style = Outline
		}
		if items := c.labels.Items; c.clause > 0 && c.clause <= len(items) {
			l.Style = items[c.clause-1]
		}
		l.Start = max(n.Start, 0)
	}
	if c.pendingStyle != nil {
		if n.IsOrdered() {
			l.Style = *c.pendingStyle
		} else {
			c.warn(n, "numbering applies to ordered lists (1. 2. 3.)")
		}
		c.pendingStyle = nil
	}
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		item := Item{}
		if first := it.FirstChild(); first != nil {
			if cb, ok := first.FirstChild().(*east.TaskCheckBox); ok {
				item.Task = Unchecked
				if cb.IsChecked {
					item.Task = Checked
				}
			}
		}
		saved, savedClause := c.outline, c.clause
		c.outline = l.Style == Outline
		switch {
		case l.Style == Article:
			c.clause = 1
		case c.clause > 0 && n.IsOrdered():
			c.clause++
		default:
			c.clause = 0
		}
		outer := c.itemID // the item this list is in has its label already
		c.itemStart, c.itemID = true, ""
		item.Blocks = c.blocks(it)
		if id := c.itemID; id != "" {
			if l.Style == Bullet || item.Task != NoTask {
				c.warnAt(c.defined[id], "label {id=%s} left out: only numbered items, chapters and annexes can be cited", id)
				delete(c.defined, id)
			} else {
				item.ID = id
			}
		}
		c.itemStart, c.itemID = false, outer
		c.outline, c.clause = saved, savedClause
		l.Items = append(l.Items, item)
	}
	return l
}

func (c *converter) table(n *east.Table) *Table {
	t := &Table{}
	for _, a := range n.Alignments {
		t.Align = append(t.Align, map[east.Alignment]Align{east.AlignLeft: AlignLeft, east.AlignRight: AlignRight, east.AlignCenter: AlignCenter}[a])
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var row Row
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			row.Cells = append(row.Cells, Cell{Text: c.inlines(cell)})
		}
		for len(row.Cells) < len(t.Align) {
			row.Cells = append(row.Cells, Cell{})
		}
		if _, header := r.(*east.TableHeader); header {
			t.Header = append(t.Header, row)
		} else {
			t.Body = append(t.Body, row)
		}
	}
	if c.pendingWidths != nil {
		if len(c.pendingWidths) == len(t.Align) {
			t.Widths = c.pendingWidths
		} else {
			c.warn(n, "widths gives %d columns but the table has %d; sizing columns by content", len(c.pendingWidths), len(t.Align))
		}
		c.pendingWidths = nil
	}
	return t
}

func (c *converter) container(n *containerNode) []Block {
	c.lines = n.Name == "title" || n.Name == "center" || n.Name == "right" || n.Name == "left"
	inner := c.blocks(n)
	c.lines = false
	switch n.Name {
	case "title":
		t := &Title{}
		for _, b := range inner {
			if p, ok := b.(*Paragraph); ok {
				// Each line of the block is a line of the title.
				for _, line := range splitLines(p.Text) {
					t.Lines = append(t.Lines, Paragraph{Text: line, Align: AlignCenter})
				}
			} else {
				c.warn(n, "a title block holds lines of text only")
			}
		}
		if c.title == "" && len(t.Lines) > 0 {
			c.title = PlainText(t.Lines[0].Text)
		}
		return []Block{t}
	case "signature":
		s := &Signature{}
		for _, b := range inner {
			l, ok := b.(*List)
			if !ok {
				c.warn(n, "a signature block holds a list of parties (- 甲方：name)")
				continue
			}
			for _, it := range l.Items {
				for _, ib := range it.Blocks {
					if p, ok := ib.(*Paragraph); ok {
						s.Parties = append(s.Parties, c.party(p.Text))
					}
				}
			}
		}
		s.KeepTogether = true
		return []Block{s}
	case "center", "right", "left":
		align := map[string]Align{"center": AlignCenter, "right": AlignRight, "left": AlignLeft}[n.Name]
		for _, b := range inner {
			if p, ok := b.(*Paragraph); ok {
				p.Align = align
			}
		}
		return inner
	}
	c.warn(n, "unknown block ::: %s; its content is kept as ordinary text", n.Name)
	return inner
}

// party makes a signing party of "甲方（委托方）：name", with the lines of
// its signature block in the document's language.
func (c *converter) party(spans []Span) Party {
	p := splitParty(spans)
	for i := range p.Name {
		p.Name[i].NoBreak = true
	}
	p.Signatory, p.Date = c.labels.Signatory, c.labels.Date
	p.Seal = SealArea{Label: c.labels.Seal, Width: sealSize, Height: sealSize}
	return p
}

// splitParty splits "甲方（委托方）：name" at the first colon into role and
// name.
func splitParty(spans []Span) Party {
	for i, s := range spans {
		for _, sep := range []string{"：", ":"} {
			if j := strings.Index(s.Text, sep); j >= 0 {
				// After an ASCII colon English wants a space before the name,
				// which the name's side of the split would otherwise lose.
				roleText := s.Text[:j] + sep
				if sep == ":" {
					roleText += " "
				}
				role := append(append([]Span{}, spans[:i]...), Span{Text: roleText, Bold: s.Bold, Italic: s.Italic})
				rest := s
				rest.Text = strings.TrimSpace(s.Text[j+len(sep):])
				name := append([]Span{rest}, spans[i+1:]...)
				return Party{Role: trimEmpty(role), Name: trimEmpty(name)}
			}
		}
	}
	return Party{Name: spans}
}

func trimEmpty(spans []Span) []Span {
	var out []Span
	for _, s := range spans {
		if s.Text != "" {
			out = append(out, s)
		}
	}
	return out
}

// splitLines splits spans at hard line breaks.
func splitLines(spans []Span) [][]Span {
	var lines [][]Span
	var cur []Span
	for _, s := range spans {
		parts := strings.Split(s.Text, "\n")
		for i, p := range parts {
			if i > 0 {
				lines = append(lines, cur)
				cur = nil
			}
			if p != "" {
				q := s
				q.Text = p
				cur = append(cur, q)
			}
		}
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// style is the inline style in force while walking the inline tree.
type style struct {
	bold, italic, code bool
	link, ref          string
}

func (c *converter) inlines(n ast.Node) []Span {
	var out []Span
	c.walkInline(n, style{}, &out)
	return mergeSpans(out, false)
}

func (c *converter) walkInline(n ast.Node, st style, out *[]Span) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Text:
			if ch.IsRaw() {
				add(out, st, noNUL(ch.Segment.Value(c.src)))
			} else {
				add(out, st, Unescape(noNUL(ch.Segment.Value(c.src))))
			}
			if ch.HardLineBreak() {
				add(out, st, "\n")
			} else if ch.SoftLineBreak() && c.lines {
				add(out, st, "\n")
			} else if ch.SoftLineBreak() {
				add(out, st, softBreak)
			}
		case *ast.String:
			add(out, st, string(ch.Value))
		case *ast.Emphasis:
			s := st
			if ch.Level >= 2 {
				s.bold = true
			} else {
				s.italic = true
			}
			c.walkInline(ch, s, out)
		case *ast.CodeSpan:
			s := st
			s.code = true
			c.walkInline(ch, s, out)
		case *ast.Link:
			dest := Unescape(noNUL(ch.Destination))
			link, problem := linkTarget(dest)
			if problem != "" {
				c.warn(ch, "link to %q left as plain text: %s", dest, problem)
				c.walkInline(ch, st, out)
				continue
			}
			s := st
			s.link = link
			if id, internal := strings.CutPrefix(link, "#"); internal {
				c.refs = append(c.refs, reference{id: id, line: c.lineOf(ch), cross: ch.FirstChild() == nil})
				if ch.FirstChild() == nil {
					// A cross-reference: the resolve pass writes the
					// citation and sets the link once the id is known.
					s.link, s.ref = "", id
					add(out, s, "[#"+id+"]")
					continue
				}
			}
			if ch.FirstChild() == nil {
				add(out, s, dest) // a link without text shows where it leads
				continue
			}
			c.walkInline(ch, s, out)
		case *ast.AutoLink:
			dest, label := string(ch.URL(c.src)), string(ch.Label(c.src))
			if ch.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
				dest = "mailto:" + dest
			}
			s := st
			link, problem := linkTarget(dest)
			if problem != "" {
				c.warn(ch, "link to %q left as plain text: %s", dest, problem)
			} else {
				s.link = link
			}
			add(out, s, label)
		case *ast.Image:
			c.warn(ch, "images are not supported; the alt text is kept")
			c.walkInline(ch, st, out)
		case *ast.RawHTML:
			var raw strings.Builder
			for i := 0; i < ch.Segments.Len(); i++ {
				seg := ch.Segments.At(i)
				raw.Write(seg.Value(c.src))
			}
			switch strings.ToLower(strings.ReplaceAll(raw.String(), " ", "")) {
			case "<br>", "<br/>":
				add(out, st, "\n")
			default:
				if !strings.HasPrefix(raw.String(), "<!--") {
					c.warn(ch, "inline HTML %q is left out", raw.String())
				}
			}
		case *east.TaskCheckBox:
			// The item's Task field carries the box.
		default:
			c.walkInline(ch, st, out)
		}
	}
}

// softBreak marks a line break inside a paragraph's source: a space between
// words, nothing between Chinese characters (mergeSpans decides).
const softBreak = "\x00"

func add(out *[]Span, st style, s string) {
	if s == "" {
		return
	}
	*out = append(*out, Span{Text: s, Bold: st.bold, Italic: st.italic, Code: st.code, Link: st.link, Ref: st.ref})
}

// mergeSpans resolves soft breaks and joins neighbouring spans of one style.
// A soft break beside a cross-reference waits, unless final, for the
// citation the break's space or none depends on.
func mergeSpans(in []Span, final bool) []Span {
	var out []Span
	for i, s := range in {
		if s.Text == softBreak {
			var before, after rune
			if len(out) > 0 {
				before, _ = utf8.DecodeLastRuneInString(out[len(out)-1].Text)
			}
			if i+1 < len(in) {
				after, _ = utf8.DecodeRuneInString(in[i+1].Text)
			}
			if !final && (len(out) > 0 && out[len(out)-1].Ref != "" || i+1 < len(in) && in[i+1].Ref != "") {
				out = append(out, s)
				continue
			}
			if before == 0 || after == 0 || IsWide(before) || IsWide(after) {
				continue
			}
			s.Text = " "
		}
		if n := len(out); n > 0 && sameStyle(out[n-1], s) && out[n-1].Text != softBreak {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	// Leading and trailing spaces of a paragraph are never meant.
	for len(out) > 0 {
		t := strings.TrimLeftFunc(out[0].Text, func(r rune) bool { return r == ' ' || r == '\t' })
		if t != "" {
			out[0].Text = t
			break
		}
		out = out[1:]
	}
	for len(out) > 0 {
		n := len(out) - 1
		t := strings.TrimRightFunc(out[n].Text, func(r rune) bool { return r == ' ' || r == '\t' })
		if t != "" {
			out[n].Text = t
			break
		}
		out = out[:n]
	}
	return out
}

func sameStyle(a, b Span) bool {
	return a.Bold == b.Bold && a.Italic == b.Italic && a.Code == b.Code && a.Link == b.Link &&
		a.Ref == "" && b.Ref == "" && a.NoBreak == b.NoBreak && a.Mark == b.Mark
}

// IsWide reports whether r is set as a full-width character: Han, kana,
// Hangul, and CJK and full-width punctuation. Between two of them a line may
// break, and a source line break is no space.
func IsWide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals, CJK symbols and punctuation, kana, CJK ideographs
		r >= 0xAC00 && r <= 0xD7AF, // Hangul
		r >= 0xF900 && r <= 0xFAFF, // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFF: // ideographs beyond the BMP
		return true
	}
	return r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || unicode.Is(unicode.Han, r)
}

// noNUL is raw text (code) with U+0000 replaced by U+FFFD, as CommonMark
// requires of every character of the input.
func noNUL(raw []byte) string {
	return strings.ReplaceAll(string(raw), "\x00", "\uFFFD")
}
