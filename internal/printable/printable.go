// Package printable makes text that came from a file safe to print: control
// characters and the invisible ones that reorder or hide text become
// escapes such as \x1b and \u202e, so that a value can neither drive a
// terminal (move the cursor, recolour, retitle or clear it) nor make a
// message read differently from what it says. Every message that quotes a
// value passes through here on its way out.
package printable

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String escapes every control and format character, line breaks
// included, and bytes that are not UTF-8: for a one-line message or a
// value. Tabs stay. C0 controls and stray bytes become \xNN, the others
// \uNNNN, which is also a valid escape inside a JSON string.
func String(s string) string { return escape(s, false) }

// Lines escapes as String does but keeps line breaks (\n, and \r\n): for
// a message of several lines.
func Lines(s string) string { return escape(s, true) }

func escape(s string, lines bool) string {
	if !needs(s, lines) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\r' && lines && strings.HasPrefix(s[i:], "\r\n"):
			b.WriteString("\r\n")
			size = 2
		case unsafe(r, lines) && r < 0x20:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafe(r, lines):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needs(s string, lines bool) bool {
	for i, r := range s {
		if unsafe(r, lines) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return true
		}
	}
	return false
}

// unsafe reports whether r may not be printed as it is: C0 and C1 controls
// (but a tab, and a line break where lines are kept) and format characters
// (bidirectional controls, zero-width characters, the byte-order mark).
func unsafe(r rune, lines bool) bool {
	switch {
	case r == '\t', r == '\n' && lines:
		return false
	case r == utf8.RuneError:
		return false // decided by the caller: a real U+FFFD is printable
	}
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// Writer escapes what is written through it as Lines does, for a stream
// of messages: a program's standard output and error. A character split
// across two writes is held until it is whole. Raw returns the stream
// beneath, for the one writer that means to send control sequences (a
// progress bar).
type Writer struct {
	w       io.Writer
	pending []byte
}

// NewWriter escapes what is written to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Raw is the stream beneath.
func (w *Writer) Raw() io.Writer { return w.w }

func (w *Writer) Write(p []byte) (int, error) {
	data := append(w.pending, p...)
	w.pending = nil
	// Hold an incomplete character at the end (and a \r that may start a
	// \r\n) for the next write.
	cut := len(data)
	for i := max(0, len(data)-utf8.UTFMax+1); i < len(data); i++ {
		if utf8.RuneStart(data[i]) && !utf8.FullRune(data[i:]) {
			cut = i
			break
		}
	}
	if cut == len(data) && cut > 0 && data[cut-1] == '\r' {
		cut--
	}
	w.pending = append([]byte(nil), data[cut:]...)
	if _, err := io.WriteString(w.w, Lines(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}
