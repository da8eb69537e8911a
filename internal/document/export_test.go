package document

import "unicode/utf8"

// EmphasisDelimiterAt reports whether the run of * or _ starting at byte i
// of s could open or close emphasis, by CommonMark's flanking rule or by the
// CJK-friendly one: a run either would read as markup.
func EmphasisDelimiterAt(s string, i int) bool {
	c := s[i]
	j := i
	for j < len(s) && s[j] == c {
		j++
	}
	prev := '\n'
	if i > 0 {
		prev, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	b, a := before([]byte(s), i, prev), after([]byte(s[j:]))
	open, close := canOpenClose(c, b, a)
	// CommonMark's own rule knows no CJK characters.
	b.cjk, b.ivs, a.cjk = false, false, false
	cmOpen, cmClose := canOpenClose(c, b, a)
	return open || close || cmOpen || cmClose
}
