package document

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/util"
)

// Escape writes s as Markdown that this package's dialect reads back as
// exactly s, as text, wherever a template puts it: in a paragraph, a
// heading, a list item, a table cell, a title or signature block, at the
// start of a line or in the middle of one. Templates print values from the
// applicant file through it, so that data is text: a company name cannot
// become a link, a heading, a table column, an HTML comment the dialect
// obeys (<!-- pagebreak -->) or a ::: block.
//
// Every ASCII punctuation character with a meaning (emphasis, links and
// images, code, HTML and autolinks, entities, headings and heading
// attributes, quotes, lists, tables, fences) is escaped with a backslash,
// and so are the line-start markers + - = : and a numbered list's
// delimiter where s starts with them. Line breaks and other control
// characters, and spaces and tabs at either end of s (which would indent a
// block or end a line with a hard break), become character references, so
// that no value ever starts a new line. The one string that does not come
// back is U+0000, which CommonMark reads as U+FFFD.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	// The leading and trailing spaces and tabs.
	start := len(s) - len(strings.TrimLeft(s, " \t"))
	end := len(strings.TrimRight(s, " \t"))
	if end < start {
		end = start
	}
	for i := 0; i < start; i++ {
		charRef(&b, rune(s[i]))
	}
	body := s[start:end]
	// A marker that opens a block at a line start: the value may be the
	// first thing on its line.
	switch {
	case body == "":
	case strings.ContainsRune("+-=:", rune(body[0])):
		b.WriteByte('\\')
	default:
		if n := leadingDigits(body); n > 0 && n < len(body) && (body[n] == '.' || body[n] == ')') {
			b.WriteString(body[:n])
			b.WriteByte('\\')
			body = body[n:]
		}
	}
	// Byte by byte: every character that matters is ASCII, and the rest is
	// copied as it is.
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c < 0x20 && c != '\t', c == 0x7f:
			charRef(&b, rune(c))
		case strings.IndexByte(escaped, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	for i := end; i < len(s); i++ {
		charRef(&b, rune(s[i]))
	}
	return b.String()
}

// escaped are the characters Escape puts a backslash before wherever they
// are: each opens or closes something in the dialect.
const escaped = "\\`*_{}[]<>#!|~&"

func charRef(b *strings.Builder, r rune) {
	b.WriteString("&#")
	b.WriteString(strconv.Itoa(int(r)))
	b.WriteByte(';')
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// Unescape resolves what the text of Markdown holds besides its
// characters, as CommonMark reads it: backslash escapes of ASCII
// punctuation, and entity and numeric character references, in one pass
// from the left, so that \&amp; is "&amp;". Parse applies it to text
// (never to code), which makes it the inverse of Escape.
func Unescape(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '&':
			if r, n := characterReference(s[i:]); n > 0 {
				b.WriteString(r)
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// characterReference reads an entity or numeric character reference at the
// start of s (&amp; &#42; &#x2A;) and returns what it stands for and its
// length, or 0 when s does not start with one.
func characterReference(s string) (string, int) {
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 40 {
		return "", 0
	}
	ref := s[1:semi]
	if ref[0] == '#' {
		digits, base := ref[1:], 10
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			digits, base = digits[1:], 16
		}
		// CommonMark allows 1–7 decimal or 1–6 hexadecimal digits.
		if len(digits) == 0 || (base == 10 && len(digits) > 7) || (base == 16 && len(digits) > 6) {
			return "", 0
		}
		v, err := strconv.ParseUint(digits, base, 32)
		if err != nil {
			return "", 0
		}
		return string(util.ToValidRune(rune(v))), semi + 1
	}
	for _, c := range []byte(ref) {
		if !util.IsAlphaNumeric(c) {
			return "", 0
		}
	}
	if e, ok := util.LookUpHTML5EntityByName(ref); ok {
		return string(e.Characters), semi + 1
	}
	return "", 0
}
