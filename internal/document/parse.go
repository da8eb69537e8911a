package document

import (
	"bytes"
	"fmt"
	"pilotpack/internal/lang"
	"regexp"
	"strconv"
	"strings"
	"unicode"

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

var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.TaskList),
	goldmark.WithParserOptions(parser.WithBlockParsers(util.Prioritized(containerParser{}, 50)), parser.WithHeadingAttribute()),
)

// Parse builds a document from Markdown (CommonMark with GFM tables and task
// lists) and the extensions described in templates/README.md. It never
// fails: whatever it cannot express is dropped with a warning.
func Parse(src []byte, lg lang.Lang) (*Doc, []Warning) {
	root := md.Parser().Parse(text.NewReader(src))
	c := &converter{src: src, lang: lg}
	doc := &Doc{Lang: lg}
	doc.Blocks = c.blocks(root)
	doc.Title = c.title
	return doc, c.warnings
}

type converter struct {
	src      []byte
	lang     lang.Lang
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
}

func (c *converter) lineOf(n ast.Node) int {
	off := -1
	switch n := n.(type) {
	case *containerNode:
		off = n.Line
	default:
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			off = n.Lines().At(0).Start
		} else if t, ok := n.(*ast.Text); ok {
			off = t.Segment.Start
		}
	}
	if off < 0 {
		if p := n.Parent(); p != nil {
			return c.lineOf(p)
		}
		return 1
	}
	return 1 + bytes.Count(c.src[:min(off, len(c.src))], []byte("\n"))
}

func (c *converter) warn(n ast.Node, format string, args ...any) {
	c.warnings = append(c.warnings, Warning{Line: c.lineOf(n), Msg: fmt.Sprintf(format, args...)})
}

func (c *converter) blocks(parent ast.Node) []Block {
	var out []Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, c.block(n)...)
	}
	return out
}

var (
	directive = regexp.MustCompile(`^<!--\s*([a-z]+)\s*(?::\s*|\s+)?(.*?)\s*-->\s*$`)
	depthArg  = regexp.MustCompile(`^depth\s*=\s*([1-4])$`)
)

func (c *converter) block(n ast.Node) []Block {
	switch n := n.(type) {
	case *ast.Heading:
		c.headings++
		h := &Heading{Level: min(n.Level, 4), Text: c.inlines(n), ID: fmt.Sprintf("sec-%d", c.headings)}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok && len(b) > 0 {
				h.ID = string(b)
			}
		}
		if c.title == "" && h.Level == 1 {
			c.title = PlainText(h.Text)
		}
		return []Block{h}
	case *ast.Paragraph, *ast.TextBlock:
		spans := c.inlines(n)
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
		return []Block{&CodeBlock{Text: strings.TrimRight(b.String(), "\n")}}
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
	m := directive.FindStringSubmatch(raw)
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
		if d := depthArg.FindStringSubmatch(arg); d != nil {
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
		saved := c.outline
		c.outline = l.Style == Outline
		item.Blocks = c.blocks(it)
		c.outline = saved
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
						s.Parties = append(s.Parties, party(p.Text))
					}
				}
			}
		}
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

// party splits "甲方（委托方）：name" at the first colon into role and name.
func party(spans []Span) Party {
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
	link               string
}

func (c *converter) inlines(n ast.Node) []Span {
	var out []Span
	c.walkInline(n, style{}, &out)
	return mergeSpans(out)
}

func (c *converter) walkInline(n ast.Node, st style, out *[]Span) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Text:
			text := string(ch.Segment.Value(c.src))
			if !st.code {
				text = Unescape(text) // backslash escapes and references, as CommonMark reads text
			}
			add(out, st, text)
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
			s := st
			s.link = string(ch.Destination)
			c.walkInline(ch, s, out)
		case *ast.AutoLink:
			s := st
			url := string(ch.URL(c.src))
			s.link = url
			if ch.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(url, "mailto:") {
				s.link = "mailto:" + url
			}
			add(out, s, string(ch.Label(c.src)))
		case *ast.Image:
			c.warn(n, "images are not supported; the alt text is kept")
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
					c.warn(n, "inline HTML %q is left out", raw.String())
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
	*out = append(*out, Span{Text: s, Bold: st.bold, Italic: st.italic, Code: st.code, Link: st.link})
}

// mergeSpans resolves soft breaks and joins neighbouring spans of one style.
func mergeSpans(in []Span) []Span {
	var out []Span
	for i, s := range in {
		if s.Text == softBreak {
			var before, after rune
			if len(out) > 0 {
				t := []rune(out[len(out)-1].Text)
				before = t[len(t)-1]
			}
			if i+1 < len(in) {
				t := []rune(in[i+1].Text)
				if len(t) > 0 {
					after = t[0]
				}
			}
			if before == 0 || after == 0 || IsWide(before) || IsWide(after) {
				continue
			}
			s.Text = " "
		}
		if n := len(out); n > 0 && sameStyle(out[n-1], s) {
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
	return a.Bold == b.Bold && a.Italic == b.Italic && a.Code == b.Code && a.Link == b.Link
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
