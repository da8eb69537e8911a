package pdf

import (
	"strings"
	"unicode"
)

// Chinese line-breaking rules (禁则): these marks may not begin a line…
const noStart = "，。、；：？！）》」』】〉〕〗〙〛］｝”’．·・～％‰℃°" + ",.;:?!)]}%"

// …and these may not end one.
const noEnd = "（《「『【〈〔〖〘〚［｛“‘" + "([{"

func isNoStart(r rune) bool { return strings.ContainsRune(noStart, r) }
func isNoEnd(r rune) bool   { return strings.ContainsRune(noEnd, r) }

// wide reports whether r is set full width: a line may break before or after
// it (subject to the rules above). Curly quotes are left out: in English
// they are apostrophes inside words.
func wide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7AF, r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6,
		r == '—', r == '…', r == '☐', r == '☑', r == '☒', r == '〓':
		return true
	}
	return unicode.Is(unicode.Han, r)
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' }

// canBreak reports whether a line may break between a and b.
func canBreak(a, b rune) bool {
	switch {
	case isSpace(b):
		return false // break after the spaces, which then vanish at the line end
	case isSpace(a):
		return !isNoStart(b)
	case isNoStart(b), isNoEnd(a):
		return false
	case a == b && (a == '—' || a == '…'):
		return false // a dash or an ellipsis is two marks never split
	case wide(a) || wide(b):
		return true
	case a == '-' || a == '/':
		// After a hyphen or slash inside a long word or path.
		return unicode.IsLetter(b) || unicode.IsDigit(b)
	case a == '.' || a == '_':
		// Inside a field path, domain or identifier (agreement.term_years),
		// but not in a number (3.8).
		return unicode.IsLetter(b)
	}
	return false
}

// glyph is one character placed in a line with its style and width.
type glyph struct {
	r     rune
	style int // index into the line's styles
	w     float64
}

// breakLines splits gs (text without hard line breaks) into lines no wider
// than width, the first narrower by firstIndent, and returns each line's
// index range. Spaces at a break are dropped. A word wider than the line
// breaks between characters; closing marks that cannot go anywhere else hang
// past the end of the line.
func breakLines(gs []glyph, width, firstIndent float64) [][2]int {
	var lines [][2]int
	start := 0
	for start < len(gs) {
		for start < len(gs) && isSpace(gs[start].r) {
			start++
		}
		if start >= len(gs) {
			break
		}
		avail := width
		if len(lines) == 0 {
			avail -= firstIndent
		}
		w := 0.0
		lastOpp := -1 // a break is allowed before glyph lastOpp
		end := start
		for end < len(gs) {
			if end > start && canBreak(gs[end-1].r, gs[end].r) {
				lastOpp = end
			}
			if end > start && !isSpace(gs[end].r) && w+gs[end].w > avail+1e-6 {
				break
			}
			w += gs[end].w
			end++
		}
		if end < len(gs) {
			switch {
			case canBreak(gs[end-1].r, gs[end].r):
			case lastOpp > start:
				end = lastOpp
			default:
				// No break the rules allow: let closing marks hang past the
				// line's end (标点悬挂) rather than start the next line.
				for end < len(gs) && isNoStart(gs[end].r) {
					end++
				}
			}
		}
		stop := end
		for stop > start && isSpace(gs[stop-1].r) {
			stop--
		}
		lines = append(lines, [2]int{start, stop})
		start = end
	}
	return lines
}

func runes(gs []glyph) []rune {
	out := make([]rune, len(gs))
	for i, g := range gs {
		out[i] = g.r
	}
	return out
}
