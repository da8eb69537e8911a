package docx

import (
	"math"
	"strings"
	"unicode"
)

// The word processor lays the document out, not we: these estimates only
// decide what may be kept together (a table row that fits on a page, a
// party's name that fits on a line), so they err on the wide side.

// textWidth estimates the width in points of s set at size points: full
// width for East Asian characters, the widths of a Times-like face for the
// rest.
func textWidth(s string, size float64) float64 {
	em := 0.0
	for _, r := range s {
		em += runeWidth(r)
	}
	return em * size
}

func runeWidth(r rune) float64 {
	switch {
	case r >= 0x1100 && wide(r):
		return 1
	// Widths of DejaVu Serif, the widest face a word processor substitutes
	// for Times New Roman.
	case r == ' ':
		return 0.32
	case r >= 'A' && r <= 'Z', r == 'm', r == 'w':
		return 0.75
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return 0.6
	case unicode.IsPunct(r):
		return 0.4
	}
	return 0.65
}

// wide reports East Asian wide and full-width characters: Han, kana,
// Hangul, CJK punctuation and full-width forms.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x30FF) || (r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0xAC00 && r <= 0xD7A3) || (r >= 0x2E80 && r <= 0x2FDF) || (r >= 0xFE30 && r <= 0xFE4F)
}

// lines estimates how many lines s takes in a column width points wide:
// each hard line break starts a line.
func lines(s string, size, width float64) int {
	if width <= size {
		width = size
	}
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		n += max(1, int(math.Ceil(textWidth(line, size)/width)))
	}
	return n
}
