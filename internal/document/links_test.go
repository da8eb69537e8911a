package document

import (
	"strings"
	"testing"
)

// TestLinks: links keep only http, https, mailto and #id destinations; any
// other is dropped to its text with a warning naming the line.
func TestLinks(t *testing.T) {
	for _, c := range []struct {
		in, want, warning string
	}{
		{"[NMPA](https://www.nmpa.gov.cn/)", `<a href="https://www.nmpa.gov.cn/">NMPA</a>`, ""},
		{"[x](http://example.com/a?b=1&c=2)", `<a href="http://example.com/a?b=1&c=2">x</a>`, ""},
		{"[x](HTTPS://Example.com/Path)", `<a href="https://Example.com/Path">x</a>`, ""},
		{"[write](mailto:qa@example.com)", `<a href="mailto:qa@example.com">write</a>`, ""},
		{"<https://www.nmpa.gov.cn>", `<a href="https://www.nmpa.gov.cn">https://www.nmpa.gov.cn</a>`, ""},
		{"<qa@example.com>", `<a href="mailto:qa@example.com">qa@example.com</a>`, ""},
		{"[](https://example.com)", `<a href="https://example.com">https://example.com</a>`, ""},
		{"[see](#scope)\n\n# Scope {id=scope}", `<a href="#scope">see</a>`, ""},
		{"[see](#nowhere)", "see", "line 1: link to #nowhere leads nowhere"},
		{"[x](javascript:alert(1))", "x", `line 1: link to "javascript:alert(1)" left as plain text`},
		{"[x](JavaScript:alert(1))", "x", `link to "JavaScript:alert(1)" left as plain text`},
		{"[x](&#106;avascript:alert(1))", "x", `link to "javascript:alert(1)" left as plain text`},
		{"[x](java\\script:alert(1))", "x", `link to "java\\script:alert(1)" left as plain text`},
		{"[x](<javascript :alert(1)>)", "x", "may not contain spaces"},
		{"[x](data:text/html;base64,PHNjcmlwdD4=)", "x", `"data:text/html;base64,PHNjcmlwdD4=" left as plain text`},
		{"[x](file:///etc/passwd)", "x", `"file:///etc/passwd" left as plain text`},
		{"[x](vbscript:msgbox)", "x", `"vbscript:msgbox" left as plain text`},
		{"[x](../secret.pdf)", "x", `"../secret.pdf" left as plain text: only http, https and mailto`},
		{"[x](annex.pdf)", "x", "only http, https and mailto"},
		{"[x](//evil.example/x)", "x", "only http, https and mailto"},
		{"[x](https:evil)", "x", "a web link needs a host"},
		{"[x](mailto:)", "x", "an e-mail link is mailto:"},
		{"[x](#)", "x", "a link within the document is #id"},
		{"[x](#a\"b)", "x", "a link within the document is #id"},
		{"<javascript:alert(1)>", "javascript:alert(1)", `link to "javascript:alert(1)" left as plain text`},
		{"<file:///etc/passwd>", "file:///etc/passwd", "left as plain text"},
		{"[x][r]\n\n[r]: javascript:alert(1)", "x", `line 1: link to "javascript:alert(1)"`},
		{"**[粗体链接](ftp://example.com)**", "<b>粗体链接</b>", `"ftp://example.com" left as plain text`},
		{"第一行\n第二行[x](data:,)", "第一行第二行x", "line 2: link"},
	} {
		d, warns := Parse([]byte(c.in), "zh")
		p, ok := d.Blocks[0].(*Paragraph)
		if !ok {
			t.Fatalf("%q: %s", c.in, Dump(d))
		}
		if got := markup(p.Text); got != c.want {
			t.Errorf("%q\n got %s\nwant %s", c.in, got, c.want)
		}
		got := ""
		for _, w := range warns {
			got += w.String() + "\n"
		}
		if c.warning == "" && got != "" || !strings.Contains(got, c.warning) {
			t.Errorf("%q: warnings %q, want one with %q", c.in, got, c.warning)
		}
	}
}

// TestRawHTMLIsNeverInterpreted: HTML in Markdown is left out, with a
// warning, and never becomes markup, a link or a script; <br> is a line
// break, comments are directives or nothing.
func TestRawHTMLIsNeverInterpreted(t *testing.T) {
	for _, c := range []struct {
		in, want, warning string
	}{
		{`<a href="javascript:alert(1)">点此</a>`, "点此", `inline HTML "<a href=\"javascript:alert(1)\">" is left out`},
		{`x <img src=x onerror=alert(1)> y`, "x  y", "inline HTML"},
		{`a <b>bold</b> c`, "a bold c", `inline HTML "<b>" is left out`},
		{`a <script>alert(1)</script> c`, "a alert(1) c", `inline HTML "<script>" is left out`},
		{"<div>\n**block**\n</div>", "", "raw HTML is not supported and is left out"},
		{"<script>\nalert(1)\n</script>", "", "raw HTML is not supported"},
		{"<style>p{color:red}</style>", "", "raw HTML is not supported"},
		{"<iframe src=\"https://example.com\"></iframe>", "", "raw HTML is not supported"},
		{"第一行<br>第二行", "第一行\n第二行", ""},
		{"a <!-- note --> b", "a  b", ""},
		{"<!-- a comment -->", "", ""},
		{"&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>", ""},
	} {
		d, warns := Parse([]byte(c.in), "en")
		got := ""
		if len(d.Blocks) > 0 {
			p, ok := d.Blocks[0].(*Paragraph)
			if !ok {
				t.Fatalf("%q: %s", c.in, Dump(d))
			}
			got = markup(p.Text)
		}
		if got != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
		}
		ws := ""
		for _, w := range warns {
			ws += w.String() + "\n"
		}
		if c.warning == "" && ws != "" || !strings.Contains(ws, c.warning) {
			t.Errorf("%q: warnings %q, want one with %q", c.in, ws, c.warning)
		}
	}
}
