package printable

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, one, lines string }{
		{"plain 中文 text", "plain 中文 text", "plain 中文 text"},
		{"red \x1b[31mX\x1b[0m", `red \x1b[31mX\x1b[0m`, `red \x1b[31mX\x1b[0m`},
		{"title \x1b]0;pwned\x07", `title \x1b]0;pwned\x07`, `title \x1b]0;pwned\x07`},
		{"two\nlines\r", `two\x0alines\x0d`, "two\nlines\\x0d"},
		{"tab\tstays", "tab\tstays", "tab\tstays"},
		{"del\x7f c1\u009b", `del\u007f c1\u009b`, `del\u007f c1\u009b`},
		{"crlf\r\n", `crlf\x0d\x0a`, "crlf\r\n"},
		{"bidi \u202eevil\u202c zw\u200b bom\ufeff ls\u2028", `bidi \u202eevil\u202c zw\u200b bom\ufeff ls\u2028`, `bidi \u202eevil\u202c zw\u200b bom\ufeff ls\u2028`},
		{"bad \xff\xfe utf8", `bad \xff\xfe utf8`, `bad \xff\xfe utf8`},
		{"a real \ufffd stays", "a real \ufffd stays", "a real \ufffd stays"},
	} {
		if got := String(tc.in); got != tc.one {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.one)
		}
		if got := Lines(tc.in); got != tc.lines {
			t.Errorf("Lines(%q) = %q, want %q", tc.in, got, tc.lines)
		}
		if String(String(tc.in)) != String(tc.in) {
			t.Errorf("escaping %q twice changes it", tc.in)
		}
	}
}

func FuzzString(f *testing.F) {
	f.Add("\x1b[2J\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range String(s) {
			if unsafe(r, false) {
				t.Fatalf("String(%q) holds %U", s, r)
			}
		}
	})
}

func TestWriter(t *testing.T) {
	var b strings.Builder
	w := NewWriter(&b)
	// 中 split across writes, an escape sequence, a CRLF split after \r.
	for _, part := range []string{"a\xe4\xb8", "\xad \x1b[2J ok\r", "\nend\n"} {
		if n, err := w.Write([]byte(part)); err != nil || n != len(part) {
			t.Fatalf("write %q: %d %v", part, n, err)
		}
	}
	if got, want := b.String(), "a中 \\x1b[2J ok\r\nend\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if w.Raw() != &b {
		t.Error("Raw is not the stream beneath")
	}
}
