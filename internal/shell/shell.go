// Package shell quotes words for the commands pilotpack prints as hints
// ("check it with: pilotpack verify out/my packet"), so that a reader can
// copy them into a POSIX shell as they are, whatever the file names hold.
package shell

import "strings"

// Quote returns s as one word of a POSIX shell command line: unchanged when
// it holds only characters no shell treats specially, else in single quotes.
func Quote(s string) string {
	if s == "" {
		return "''"
	}
	if strings.IndexFunc(s, special) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Join quotes each word and joins them with spaces.
func Join(words ...string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = Quote(w)
	}
	return strings.Join(q, " ")
}

// special reports whether r needs quoting. Letters of any script are safe:
// a Chinese file name needs no quotes, only its spaces do.
func special(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return false
	case strings.ContainsRune("-_./,:+@%=", r):
		return false
	case r > 0x7f:
		// Spaces and invisible characters outside ASCII must be seen.
		return r == 0x3000 || r == 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || (r >= 0x2000 && r <= 0x200f)
	}
	return true
}
