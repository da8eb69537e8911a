package docx

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"pilotpack/internal/document"
)

// typeset prepares a paragraph's spans for the word processor. Every text
// of the body passes through it on its way into runs, so a transform of the
// text itself (quotes, stops, spaces) is made here, once.
func typeset(spans []document.Span) []document.Span {
	return spaceHanLatin(spans)
}

// spaceHanLatin drops the spaces typed between a Han character and a Latin
// letter or digit ("1288 号", "第 3 条"): the paragraphs ask the word
// processor for its own quarter-em space there (autoSpaceDE, autoSpaceDN),
// which a typed space would double, and "2029年" and "2029 年" then look
// alike. Code keeps its spaces. The spans are returned as they are when
// nothing changes.
func spaceHanLatin(spans []document.Span) []document.Span {
	var out []document.Span
	for i, s := range spans {
		if s.Code || !strings.Contains(s.Text, " ") {
			continue
		}
		before, after := neighbour(spans, i, -1), neighbour(spans, i, 1)
		// A number that opens a heading or a paragraph keeps its space:
		// "1.1 定义" is a label and a title, not a run of text.
		keep := 0
		if i == 0 {
			keep = numberLabel(s.Text)
		}
		t := s.Text[:keep] + dropSpaces(s.Text[keep:], lastRune(s.Text[:keep], before), after)
		if t == s.Text {
			continue
		}
		if out == nil {
			out = append([]document.Span(nil), spans...)
		}
		out[i].Text = t
	}
	if out == nil {
		return spans
	}
	return out
}

// neighbour is the rune next to span i in direction dir (-1 the last rune
// of the spans before, +1 the first of those after), or 0.
func neighbour(spans []document.Span, i, dir int) rune {
	for j := i + dir; j >= 0 && j < len(spans); j += dir {
		t := spans[j].Text
		if t == "" {
			continue
		}
		if dir < 0 {
			r, _ := utf8.DecodeLastRuneInString(t)
			return r
		}
		r, _ := utf8.DecodeRuneInString(t)
		return r
	}
	return 0
}

// dropSpaces removes each run of spaces in s that has a Han character on one
// side and a Latin letter or digit on the other; before and after are the
// runes outside s.
func dropSpaces(s string, before, after rune) string {
	var sb strings.Builder
	changed := false
	prev := before
	for i := 0; i < len(s); {
		if s[i] != ' ' {
			r, n := utf8.DecodeRuneInString(s[i:])
			sb.WriteString(s[i : i+n])
			prev = r
			i += n
			continue
		}
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		next := after
		if j < len(s) {
			next, _ = utf8.DecodeRuneInString(s[j:])
		}
		if (han(prev) && latin(next)) || (latin(prev) && han(next)) {
			changed = true
		} else {
			sb.WriteString(s[i:j])
		}
		prev = ' '
		i = j
	}
	if !changed {
		return s
	}
	return sb.String()
}

// numberLabel is the length of a leading section number and the spaces
// after it ("1.1 ", "3. "; a number with a dot, not "2029 "), or 0.
func numberLabel(s string) int {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if i == 0 || j == i || !strings.Contains(s[:i], ".") {
		return 0
	}
	return j
}

// lastRune is the last rune of s, else def.
func lastRune(s string, def rune) rune {
	if s == "" {
		return def
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func han(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

func latin(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
}
