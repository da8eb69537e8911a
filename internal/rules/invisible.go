package rules

import (
	"fmt"
	"reflect"
	"unicode"
	"unicode/utf8"

	"pilotpack/internal/applicant"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
)

// invisibleText finds characters in the applicant file's text that a
// reader does not see but that change what the text shows or means:
// bidirectional controls (U+202A–U+202E, U+2066–U+2069, and the marks
// U+200E, U+200F, U+061C), which make a name or a clause display in
// another order than the one it is stored in (the "Trojan Source" trick);
// zero-width and other format characters (Unicode category Cf: U+200B,
// U+2060, U+FEFF, the soft hyphen U+00AD …); and control characters other
// than tab and line breaks. The zero-width joiner and non-joiner are
// allowed between letters of the scripts that need them (Arabic, Persian,
// the Indic scripts): names written in them use them.
var invisibleText = &Rule{ID: "text.invisible", Severity: finding.Error, Basis: applicant.SchemaBasis,
	Summary: finding.Text{Zh: "文本不含不可见的控制字符", En: "text holds no invisible or control characters"},
	check: func(c *checker) {
		eachText(reflect.ValueOf(c.a.File), "", func(path, s string) {
			at, r, n := invisible(s)
			if n == 0 {
				return
			}
			more, moreZh := "", ""
			if n > 1 {
				more, moreZh = fmt.Sprintf(" (and %d more)", n-1), fmt.Sprintf("（另有 %d 个）", n-1)
			}
			c.report(path,
				fmt.Sprintf("character %d is %s, which does not show but can make the text display differently from what it holds%s; delete it, or type the text again", at, runeName(r), more),
				fmt.Sprintf("第 %d 个字符为不可见字符 %s，可使文本显示与实际内容不一致%s；请删除，或重新输入该文本", at, runeName(r), moreZh))
		})
	}}

// eachText calls f with every string of v and its field path.
func eachText(v reflect.Value, path string, f func(path, s string)) {
	datafile.Walk(v, path, func(v reflect.Value, path string) bool {
		if v.Kind() == reflect.String {
			f(path, v.String())
		}
		return true
	})
}

// invisible finds the invisible characters of s: the first one's position
// (in characters, from 1) and the rune, and how many there are.
func invisible(s string) (at int, first rune, n int) {
	var prev rune
	i := 0
	for off, r := range s {
		i++
		bad := false
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case unicode.IsControl(r):
			bad = true
		case r == 0x200C || r == 0x200D: // zero-width non-joiner, joiner
			next, _ := utf8.DecodeRuneInString(s[off+utf8.RuneLen(r):])
			bad = !joins(prev) || !joins(next)
		case unicode.Is(unicode.Cf, r), r == 0x2028, r == 0x2029:
			bad = true
		}
		if bad {
			if n == 0 {
				at, first = i, r
			}
			n++
		}
		prev = r
	}
	return at, first, n
}

// joins reports whether r is a letter or mark of a script whose words use
// the zero-width joiner and non-joiner.
func joins(r rune) bool {
	if !unicode.IsLetter(r) && !unicode.IsMark(r) {
		return false
	}
	return !unicode.In(r, unicode.Latin, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul,
		unicode.Cyrillic, unicode.Greek, unicode.Common)
}

// runeNames names the invisible characters found most often, in text and
// in codes copied from a web page or a Word table.
var runeNames = map[rune]string{
	0x00A0: "NO-BREAK SPACE", 0x3000: "IDEOGRAPHIC SPACE",
	0x00AD: "SOFT HYPHEN", 0x061C: "ARABIC LETTER MARK", 0x180E: "MONGOLIAN VOWEL SEPARATOR",
	0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
	0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2060: "WORD JOINER", 0x2061: "FUNCTION APPLICATION", 0x2062: "INVISIBLE TIMES", 0x2063: "INVISIBLE SEPARATOR", 0x2064: "INVISIBLE PLUS",
	0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
	0xFEFF: "ZERO WIDTH NO-BREAK SPACE (BOM)",
}

func runeName(r rune) string {
	name, ok := runeNames[r]
	switch {
	case ok:
	case unicode.IsControl(r):
		name = "a control character"
	default:
		name = "a format character"
	}
	return fmt.Sprintf("U+%04X %s", r, name)
}
