// Package termwidth measures text as a terminal shows it: a Chinese
// character takes two cells, a combining mark or an invisible format
// character none. Tables and the progress bar align and truncate by this
// width, never by bytes or characters.
//
// It uses the East Asian Width property from golang.org/x/text/width, whose
// tables are compiled into the binary: nothing is built at start-up.
package termwidth

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Rune returns the number of cells r takes: 0, 1 or 2.
func Rune(r rune) int {
	switch {
	case r < 0x20 || r == 0x7f:
		return 0
	case r < 0x7f:
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc):
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// String returns the number of cells s takes.
func String(s string) int {
	n := 0
	for _, r := range s {
		n += Rune(r)
	}
	return n
}

// Ellipsis ends text that Truncate cut short.
const Ellipsis = "…"

// Truncate returns s cut to at most w cells, ending in an ellipsis when
// anything was cut. A wide character that would straddle the limit is left
// out whole.
func Truncate(s string, w int) string {
	if String(s) <= w {
		return s
	}
	if w <= 0 {
		return ""
	}
	limit := w - String(Ellipsis)
	n := 0
	for i, r := range s {
		rw := Rune(r)
		if n+rw > limit {
			return s[:i] + Ellipsis
		}
		n += rw
	}
	return s
}

// TruncateLeft is Truncate keeping the end of s, for file paths whose name
// matters more than their folders.
func TruncateLeft(s string, w int) string {
	if String(s) <= w {
		return s
	}
	if w <= 0 {
		return ""
	}
	limit := w - String(Ellipsis)
	n := 0
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		rw := Rune(r)
		if n+rw > limit {
			return Ellipsis + s[i:]
		}
		n += rw
		i -= size
	}
	return s
}

// Pad returns s followed by spaces to fill w cells.
func Pad(s string, w int) string {
	n := String(s)
	if n >= w {
		return s
	}
	b := make([]byte, 0, len(s)+w-n)
	b = append(b, s...)
	for ; n < w; n++ {
		b = append(b, ' ')
	}
	return string(b)
}
