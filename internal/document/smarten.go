package document

import (
	"strings"
	"unicode/utf8"

	"pilotpack/internal/typo"
)

// Smarten returns spans without doubled full stops and with curly quotes
// for straight ones (typo.Smartener), read across spans; code is left as
// it is.
//
// In a Chinese document, quotes between Latin letters stay straight: the
// Chinese fonts draw curly quotes full width, as Chinese text wants them,
// and “holder’s” would fall apart. An English document (latin) is set in
// faces whose quotes are proportional (generators/pdf draws them with the fonts' proportional glyphs), and curls them all.
func Smarten(spans []Span, latin bool) []Span {
	// Most text has nothing to change: look before reading rune by rune.
	chinese, quotes, stops := false, false, false
	for i, sp := range spans {
		if sp.Code {
			continue
		}
		for k := 0; k < len(sp.Text) && !chinese; k++ {
			chinese = sp.Text[k] >= 0xE3 // the first byte of U+3000 and beyond
		}
		stops = stops || strings.Contains(sp.Text, "..") || strings.Contains(sp.Text, "。。") ||
			i > 0 && (strings.HasPrefix(sp.Text, ".") || strings.HasPrefix(sp.Text, "。"))
	}
	if chinese || latin {
		for _, sp := range spans {
			quotes = quotes || !sp.Code && (strings.IndexByte(sp.Text, '\'') >= 0 || strings.IndexByte(sp.Text, '"') >= 0)
		}
	}
	if !stops && !quotes {
		return spans
	}
	// next returns the rune after byte i of span si.
	next := func(si, i int) rune {
		for ; si < len(spans); si, i = si+1, 0 {
			for _, r := range spans[si].Text[i:] {
				return r
			}
		}
		return 0
	}
	var sm typo.Smartener
	out := spans
	prev := rune(0)
	for si, sp := range spans {
		if sp.Code {
			for _, r := range sp.Text {
				sm.Skip(r)
				prev = r
			}
			continue
		}
		var b strings.Builder
		changed := false
		for i := 0; i < len(sp.Text); {
			r, size := utf8.DecodeRuneInString(sp.Text[i:])
			nx := next(si, i+size)
			o, keep := sm.Rune(r, nx)
			if o != r && !latin && !typo.Wide(prev) && !typo.Wide(nx) {
				o = r // a quote between Latin letters in Chinese text
			}
			prev = r
			if o != r || !keep {
				if !changed {
					b.WriteString(sp.Text[:i])
					changed = true
				}
			}
			if changed && keep {
				b.WriteRune(o)
			}
			i += size
		}
		if changed {
			if &out[0] == &spans[0] {
				out = append([]Span(nil), spans...)
			}
			out[si].Text = b.String()
		}
	}
	return out
}
