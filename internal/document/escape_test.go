package document

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"pilotpack/internal/lang"
)

// escapeContext is a place a template may print a value: the Markdown
// before and after it, and how to read the value's text back.
type escapeContext struct {
	name          string
	before, after string
	// edge is set where the value is at the start of a line or block; its
	// leading and trailing spaces are then trimmed, as every paragraph's are.
	edge bool
	// lineEnd is set where the value ends a paragraph that began before it:
	// its trailing spaces are trimmed.
	lineEnd bool
	// style is what every span must be: nothing in the value may change it.
	style Span
	// title is set in title blocks, which are made of lines.
	title bool
	text  func(d *Doc) (string, []Span, bool)
}

// titleLines is what a title block makes of text: its lines, a last line
// break ending the last line.
func titleLines(s string) string {
	var out []string
	for _, l := range splitLines([]Span{{Text: s}}) {
		out = append(out, PlainText(l))
	}
	return strings.Join(out, "\n")
}

func only[T Block](d *Doc) (T, bool) {
	var zero T
	if len(d.Blocks) != 1 {
		return zero, false
	}
	b, ok := d.Blocks[0].(T)
	return b, ok
}

func paragraphText(d *Doc) (string, []Span, bool) {
	p, ok := only[*Paragraph](d)
	if !ok {
		return "", nil, false
	}
	return PlainText(p.Text), p.Text, true
}

func headingText(d *Doc) (string, []Span, bool) {
	h, ok := only[*Heading](d)
	if !ok {
		return "", nil, false
	}
	return PlainText(h.Text), h.Text, true
}

func listText(d *Doc) (string, []Span, bool) {
	l, ok := only[*List](d)
	if !ok || len(l.Items) != 1 || len(l.Items[0].Blocks) > 1 {
		return "", nil, false
	}
	if len(l.Items[0].Blocks) == 0 {
		return "", nil, true // a blank value
	}
	p, ok := l.Items[0].Blocks[0].(*Paragraph)
	if !ok {
		return "", nil, false
	}
	return PlainText(p.Text), p.Text, true
}

func cellText(d *Doc) (string, []Span, bool) {
	t, ok := only[*Table](d)
	if !ok || len(t.Header) != 1 || len(t.Body) != 1 || len(t.Body[0].Cells) != 2 || len(t.Header[0].Cells) != 2 {
		return "", nil, false
	}
	if PlainText(t.Body[0].Cells[1].Text) != "x" {
		return "", nil, false
	}
	c := t.Body[0].Cells[0]
	return PlainText(c.Text), c.Text, true
}

func quoteText(d *Doc) (string, []Span, bool) {
	q, ok := only[*Quote](d)
	if !ok || len(q.Blocks) != 1 {
		return "", nil, false
	}
	p, ok := q.Blocks[0].(*Paragraph)
	if !ok {
		return "", nil, false
	}
	return PlainText(p.Text), p.Text, true
}

func titleText(d *Doc) (string, []Span, bool) {
	t, ok := only[*Title](d)
	if !ok {
		return "", nil, false
	}
	var lines []string
	var spans []Span
	for _, l := range t.Lines {
		lines = append(lines, PlainText(l.Text))
		spans = append(spans, l.Text...)
	}
	return strings.Join(lines, "\n"), spans, true
}

func signatureText(d *Doc) (string, []Span, bool) {
	s, ok := only[*Signature](d)
	if !ok || len(s.Parties) != 1 || PlainText(s.Parties[0].Role) != "甲方：" {
		return "", nil, false
	}
	return PlainText(s.Parties[0].Name), s.Parties[0].Name, true
}

// afterParagraph reads the value printed on the line after a paragraph's
// first: it must continue that paragraph, not underline it as a heading.
func afterParagraph(d *Doc) (string, []Span, bool) {
	if len(d.Blocks) != 2 {
		return "", nil, false
	}
	p, ok := d.Blocks[0].(*Paragraph)
	if ok && len(p.Text) > 0 && p.Text[0].Text == "First line" && len(p.Text) == 1 {
		return "", nil, true // the value was blank
	}
	if !ok || !strings.HasPrefix(PlainText(p.Text), "First line") {
		return "", nil, false
	}
	if q, ok := d.Blocks[1].(*Paragraph); !ok || PlainText(q.Text) != "next" {
		return "", nil, false
	}
	// A source line break is a space between Latin words, nothing before
	// a Chinese character.
	text := strings.TrimPrefix(PlainText(p.Text), "First line")
	return strings.TrimPrefix(text, " "), p.Text, true
}

var escapeContexts = []escapeContext{
	{name: "paragraph", before: "A", after: "Z", text: paragraphText},
	{name: "paragraph start", edge: true, text: paragraphText},
	{name: "line after a paragraph line", before: "First line\n", after: "\n\nnext", lineEnd: true, text: afterParagraph},
	{name: "heading", before: "# A", after: "Z", text: headingText},
	{name: "heading start", before: "## ", edge: true, text: headingText},
	{name: "list item", before: "- A", after: "Z", text: listText},
	{name: "list item start", before: "- ", edge: true, text: listText},
	{name: "numbered item", before: "1. A", after: "Z", text: listText},
	{name: "table cell", before: "| h | i |\n|---|---|\n| A", after: "Z | x |", text: cellText},
	{name: "table cell start", before: "| h | i |\n|---|---|\n| ", after: " | x |", edge: true, text: cellText},
	{name: "quote", before: "> A", after: "Z", text: quoteText},
	{name: "title block", before: "::: title\nA", after: "Z\n:::", title: true, text: titleText},
	{name: "title block start", before: "::: title\n", after: "\n:::", edge: true, title: true, text: titleText},
	{name: "signature block", before: "::: signature\n- 甲方：A", after: "Z\n:::", text: signatureText},
	{name: "bold", before: "**A", after: "Z**", style: Span{Bold: true}, text: paragraphText},
	{name: "link text", before: "[A", after: "Z](https://example.com)", style: Span{Link: "https://example.com"}, text: paragraphText},
}

// checkEscape parses Escape(s) in every context and reports where it does
// not read back as s.
func checkEscape(t *testing.T, s string) {
	t.Helper()
	for _, c := range escapeContexts {
		src := c.before + Escape(s) + c.after
		d, warns := Parse([]byte(src), lang.Zh)
		want := "A" + s + "Z"
		switch {
		case c.edge:
			want = strings.Trim(s, " \t")
		case c.lineEnd:
			want = strings.TrimRight(s, " \t")
		}
		if c.title {
			want = titleLines(want)
		}
		got, spans, ok := c.text(d)
		if want == "" && len(d.Blocks) == 0 {
			continue // a blank value where a block starts: no block, as in any document
		}
		if !ok {
			t.Errorf("%s: %q: the value changed the document's structure:\n%s\n%s", c.name, s, src, Dump(d))
			continue
		}
		if got != want {
			t.Errorf("%s: %q read back as %q\n%s", c.name, s, got, src)
		}
		for _, sp := range spans {
			if sp.Bold != c.style.Bold || sp.Italic != c.style.Italic || sp.Code || sp.Link != c.style.Link {
				t.Errorf("%s: %q: a span got a style: %+v\n%s", c.name, s, sp, src)
				break
			}
		}
		if len(warns) > 0 {
			t.Errorf("%s: %q: warnings %v\n%s", c.name, s, warns, src)
		}
	}
}

// TestEscapeRoundTrip prints every construct of the dialect as a value:
// each must read back as itself, as text, wherever it is.
func TestEscapeRoundTrip(t *testing.T) {
	for _, s := range escapeCases {
		checkEscape(t, s)
	}
}

var escapeCases = []string{
	"", "plain", "上海瀚源生物医药科技有限公司", "Smith & Sons <Ltd>",
	"[x](javascript:alert(1))", "![img](http://x/y.png)", "<https://example.com>", "<mailto:a@b.c>", "a@b.com",
	"# heading", "## heading ##", "heading {#id}", "heading {id=x .cls}", "{#id}",
	"| a | b |", "a | b", "|---|---|",
	"**bold**", "*italic*", "_under_", "__strong__", "***", "___", "---", "- - -", "===", "~~~", "```go", "`code`", "~~strike~~",
	"<script>alert(1)</script>", "<b>x</b>", "<br>", "<!-- pagebreak -->", "<!-- numbering: chinese -->", "<!-- toc depth=3 -->", "<!-- widths: 1 2 -->", "-->",
	"::: title", ":::", "::: signature", ":: x", ": x",
	"- item", "+ item", "* item", "1. item", "1) item", "123456789. item", "2025.", "3.5 mg", "> quote", ">quote",
	"[ ] task", "[x] done", "[ref]: http://example.com", "[^1]",
	`back\slash`, `\`, `\\`, `\*`, `a\`, "&amp;", "&#42;", "&#x2A;", "&copy;", "&nbsp;", "AT&T", "&", "&;",
	"line one\nline two", "a\r\nb", "a\rb", "\n", "\n\n", "\n# x", "x\n\n- y", "a\n\nb", "end\\",
	"  leading", "\tindented", "    code block", "trailing  ", "trailing\t", "  both  ", " ", "  ", "\t", "a  \nb",
	"\x1b[31mred\x1b[0m", "del\x7f", "bell\a", "\v\f",
	"\u202eevil", "\u200b", "\ufeffbom", "emoji 😀", "𠀀",
	"*a*b*c*", "a_b_c", "2*3=6", "C++", "x = y", "50% ~ 60%", "name: value", "甲方：乙方", "(1) first", "[", "]", "!", "{", "}",
}

// FuzzEscape checks the round trip for any text.
func FuzzEscape(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) || len(s) > 1000 {
			t.Skip("Escape's text is valid UTF-8 without U+0000")
		}
		checkEscape(t, s)
	})
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		`\*`: "*", `\\*`: `\*`, `\a`: `\a`, `\&amp;`: "&amp;", "&amp;": "&", "&#42;": "*", "&#x2a;": "*", "&#X2A;": "*",
		"&#0;": "\ufffd", "&#12345678;": "&#12345678;", "&nosuch;": "&nosuch;", "&": "&", "&#;": "&#;", "a&b;c": "a&b;c",
	} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEscapeInCode: inside code, a backslash is a backslash.
func TestEscapeInCode(t *testing.T) {
	d, _ := Parse([]byte("`a\\*b`"), lang.Zh)
	p, _ := only[*Paragraph](d)
	if p == nil || PlainText(p.Text) != `a\*b` {
		t.Errorf("code: %s", Dump(d))
	}
}

func ExampleEscape() {
	fmt.Println(Escape("[x](javascript:alert(1))"))
	fmt.Println(Escape("1. 第一条"))
	fmt.Println(Escape("上海\n<!-- pagebreak -->"))
	// Output:
	// \[x\](javascript:alert(1))
	// 1\. 第一条
	// 上海&#10;\<\!-- pagebreak --\>
}
