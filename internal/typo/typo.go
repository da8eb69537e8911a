// Package typo holds the micro-typography both page generators share, as
// functions over runes and strings that know nothing about fonts or files:
//
//   - spacing between Han characters and Latin letters or digits: a quarter
//     em (W3C clreq §3.2.1, JLREQ §3.2.5 and CSS text-autospace), with the
//     ASCII spaces typed between them in data collapsed into it, so that
//     "1288 号" and "2029年" come out alike (Spacing);
//   - compression of adjacent full-width punctuation, which would otherwise
//     leave a full em of blank between two marks (clreq §3.1.6, JLREQ
//     §3.1.5: "。」", "），", "（「") (Spacing);
//   - curly quotes and apostrophes for straight ones ("…" → “…”, it's →
//     it’s) and no doubled full stop where a sentence ends in an
//     abbreviation ("Co., Ltd." + "." → "Co., Ltd.", "。。" → "。")
//     (Text, and Smartener for text that comes in pieces).
//
// Spacing gives adjustments in ems for a renderer that positions glyphs
// itself (the PDF generator); a word processor spaces Han and Latin text
// by itself and only needs the data's spaces removed (CollapseSpaces).
package typo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuarterEm is the space between Han and Latin text, in ems.
const QuarterEm = 0.25

// Adjust is how one rune is spaced, in ems of its font size.
type Adjust struct {
	// Lead is blank taken off the rune's left side: the rune is drawn
	// this far left of where it would start, and what follows moves left
	// with it.
	Lead float32
	// After is space added after the rune: QuarterEm before Latin text
	// next to Han, or minus half an em when a full-width mark gives up the
	// blank half of its body to the mark that follows.
	After float32
	// Drop marks an ASCII space between Han and Latin text that the
	// quarter em replaces.
	Drop bool
}

// Spacing returns the adjustment of each rune of text (one per rune, in
// out's storage when it is large enough). It assumes full-width
// punctuation is set full width, its ink in one half of the em as
// Simplified Chinese fonts draw it: closing marks and the pause and stop
// marks (，。、；：？！）》」 …) in the left half, opening marks (（《「 …) in
// the right half. A renderer must check that a mark is set full width before
// compressing it.
func Spacing(text []rune, out []Adjust) []Adjust {
	if cap(out) >= len(text) {
		out = out[:len(text)]
		clear(out)
	} else {
		out = make([]Adjust, len(text))
	}
	for i := 0; i < len(text); i++ {
		r := text[i]
		if r >= 0x4E00 && r <= 0x9FFF && i+1 < len(text) && text[i+1] >= 0x4E00 && text[i+1] <= 0x9FFF {
			continue // two ideographs, most of Chinese text: nothing to do
		}
		// The next rune that is not a space, and whether spaces come first.
		j := i + 1
		for j < len(text) && text[j] == ' ' {
			j++
		}
		if j >= len(text) {
			break
		}
		next := text[j]
		switch {
		case Autospace(r, next):
			out[i].After += QuarterEm
			for k := i + 1; k < j; k++ {
				out[k].Drop = true
			}
		case j > i+1:
			// Other spaces are word spaces, and marks across a space are
			// not adjacent.
		case closing(r) && (closing(next) || opening(next)):
			out[i].After -= 0.5
		case opening(r) && opening(next):
			out[j].Lead += 0.5
		}
	}
	return out
}

// Autospace reports whether a quarter em goes between a and b: a Han
// character (or kana, or hangul) next to a Latin, Greek or Cyrillic letter
// or a digit, in either order. Punctuation on either side gets none: marks
// carry their own blank.
func Autospace(a, b rune) bool {
	return (ideograph(a) && western(b)) || (western(a) && ideograph(b))
}

// CollapseSpaces removes the ASCII spaces typed between Han and Latin text
// ("1288 号" → "1288号", "持有人 QA" → "持有人QA"), for output whose reader
// adds the quarter em itself (Word's autospace settings).
func CollapseSpaces(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	adj := Spacing(rs, nil)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		if !adj[i].Drop {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ideograph reports whether r is a CJK character that takes a quarter em
// beside Latin text.
func ideograph(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // most Chinese text, quickly
		return true
	case r < 0x2E80 || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF:
		return false // marks and full-width forms
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) &&
		!unicode.IsPunct(r) && !unicode.IsSymbol(r)
}

// western reports whether r is a letter of an alphabetic script or a digit.
func western(r rune) bool {
	switch {
	case r < 0x80:
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	case r > 0x2000:
		return false
	}
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) && unicode.IsLetter(r)
}

// The full-width marks Spacing compresses, by the side their ink is on in
// Simplified Chinese fonts: closing marks (and the pause and stop marks) on
// the left, opening marks on the right. A renderer can check its fonts
// against them.
const (
	ClosingMarks = "，。、；：？！）］｝〕〉》」』】〗〙〛”’"
	OpeningMarks = "（［｛〔〈《「『【〖〘〚“‘"
)

// closing and opening are switches rather than searches of the lists: a
// test keeps them the same.
func closing(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '）', '］', '｝', '〕', '〉', '》', '」', '』', '】', '〗', '〙', '〛', '”', '’':
		return true
	}
	return false
}

func opening(r rune) bool {
	switch r {
	case '（', '［', '｛', '〔', '〈', '《', '「', '『', '【', '〖', '〘', '〚', '“', '‘':
		return true
	}
	return false
}

// Text returns s with curly quotes and apostrophes for straight ones and
// without doubled full stops (see Smartener). It is for text that is whole;
// text split into styled pieces goes through one Smartener.
func Text(s string) string {
	if !strings.ContainsAny(s, `'".。`) {
		return s
	}
	var sm Smartener
	var b strings.Builder
	b.Grow(len(s))
	for rest := s; rest != ""; {
		r, n := utf8.DecodeRuneInString(rest)
		rest = rest[n:]
		next := rune(0)
		if rest != "" {
			next, _ = utf8.DecodeRuneInString(rest)
		}
		if out, keep := sm.Rune(r, next); keep {
			b.WriteRune(out)
		}
	}
	return b.String()
}

// Smartener curls quotes and drops doubled full stops in text that comes
// one rune at a time, possibly across pieces (styled runs): it remembers
// the runes before. The zero value is ready for the start of a text.
type Smartener struct {
	prev, prev2 rune
	open        bool // a double quote is open
}

// Rune returns what r becomes, given the rune after it (0 at the end of the
// text), and whether to keep it at all.
//
// A straight double quote opens at the start or after a space, an opening
// bracket or quote; closes before a space, punctuation or the end; and
// otherwise (between two letters, as in Chinese text, or after a dash)
// alternates. A straight single quote opens at the start or after a space,
// an opening bracket or quote, and is otherwise an apostrophe or a closing
// quote; before a digit it is an apostrophe (the '90s). Quotes after a digit
// and before a space or the end are primes (5' 10") and stay straight.
//
// A full stop right after another is dropped when the two are alone (an
// abbreviation's stop ends the sentence: "Ltd.." → "Ltd."); an ellipsis of
// three stops stays. So does "。。" become "。".
func (s *Smartener) Rune(r, next rune) (rune, bool) {
	out, keep := r, true
	switch r {
	case '"':
		switch {
		case s.prev >= '0' && s.prev <= '9' && (next == 0 || unicode.IsSpace(next)):
		case opensAfter(s.prev):
			out, s.open = '“', true
		case next == 0 || unicode.IsSpace(next) || unicode.IsPunct(next):
			out, s.open = '”', false
		case s.open:
			out, s.open = '”', false
		default:
			out, s.open = '“', true
		}
	case '\'':
		switch {
		case s.prev >= '0' && s.prev <= '9' && (next == 0 || unicode.IsSpace(next)):
		case next >= '0' && next <= '9': // an elision: the '90s
			out = '’'
		case opensAfter(s.prev):
			out = '‘'
		default:
			out = '’'
		}
	case '.', '。':
		keep = !(s.prev == r && s.prev2 != r && next != r)
	}
	if keep {
		s.prev2, s.prev = s.prev, r
	}
	return out, keep
}

// Skip tells s about a rune that is kept as it is (in code, which is never
// curled), so that the text around it is read right.
func (s *Smartener) Skip(r rune) { s.prev2, s.prev = s.prev, r }

// opensAfter reports whether a quote after r opens: at the start, after a
// space, an opening bracket or another opening quote.
func opensAfter(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r)
}

// Wide reports whether r is set full width (Chinese text and its marks):
// such lines are justified by spacing every glyph rather than the spaces.
func Wide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7AF, r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6,
		r == '—', r == '…', r == '☐', r == '☑', r == '☒', r == '〓':
		return true
	}
	return unicode.Is(unicode.Han, r)
}
