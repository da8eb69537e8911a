package pdf

import (
	"encoding/binary"
	"sync"

	"pilotpack/internal/lang"
)

// English text wants the curly quotes and apostrophes of Latin type
// (‘’“”), but a Chinese font's character map gives those code points
// full-width glyphs, the way Chinese text sets them: in English, “Contract
// Giver” would stand apart from its words by half an em on each side. The
// Noto CJK fonts also carry proportional forms of the four quotes, reached
// through their GSUB table's pwid (proportional widths) feature, which
// pilotpack does not otherwise shape with. A face for English text draws
// the quotes with those glyphs: the text layer still reads U+2018–U+201D,
// since the book numbers glyphs by the character they stand for.

// latinQuotes are the quotes whose glyphs the Latin variant of a face
// replaces.
var latinQuotes = [...]rune{'‘', '’', '“', '”'}

var (
	latinMu    sync.Mutex
	latinFonts = map[*Fonts]*Fonts{}
)

// latin returns fonts for English text: every face with its quotes'
// proportional glyphs. The same fonts give the same result, so that the
// documents of a book, laid out apart, share their fonts.
func (f *Fonts) latin() *Fonts {
	latinMu.Lock()
	defer latinMu.Unlock()
	if l, ok := latinFonts[f]; ok {
		return l
	}
	l := &Fonts{Serif: f.Serif.latin(), SerifBold: f.SerifBold.latin(), Sans: f.Sans.latin(), SansBold: f.SansBold.latin()}
	for _, fb := range f.Fallback {
		l.Fallback = append(l.Fallback, fb.latin())
	}
	latinFonts[f] = l
	return l
}

// forLang returns the fonts a document in language l is set in: English
// in the Latin faces.
func (f *Fonts) forLang(l lang.Lang) *Fonts {
	if l == lang.En {
		return f.latin()
	}
	return f
}

// latin returns a face like f whose quotes are drawn with their
// proportional glyphs where the font has them; it is parsed (from f's) the
// first time it is used. Each face has one.
func (f *Face) latin() *Face {
	if f == nil {
		return nil
	}
	f.latinOnce.Do(func() { f.latinFace = &Face{Name: f.Name, base: f} })
	return f.latinFace
}

// loadLatin fills f, the Latin variant of base, from base once base is
// loaded: the same font, with the quotes' glyphs and widths replaced.
func (f *Face) loadLatin() error {
	b := f.base
	if err := b.load(); err != nil {
		return err
	}
	f.data, f.tables = b.data, b.tables
	f.unitsPerEm, f.numGlyphs, f.numHMetrics, f.locaLong = b.unitsPerEm, b.numGlyphs, b.numHMetrics, b.locaLong
	f.gids, f.supp, f.widths, f.hmtx = b.gids, b.supp, b.widths, b.hmtx
	f.ascent, f.descent, f.bold = b.ascent, b.descent, b.bold
	var from []uint16
	for _, r := range latinQuotes {
		from = append(from, b.gids[r])
	}
	to := singleSubstitutions(b.tables["GSUB"], "pwid", from)
	changed := false
	for i, r := range latinQuotes {
		if g, ok := to[from[i]]; ok && from[i] != 0 && int(g) < b.numGlyphs && g != 0 {
			if !changed {
				f.gids, f.widths = append([]uint16(nil), b.gids...), append([]uint16(nil), b.widths...)
				changed = true
			}
			f.gids[r] = g
			f.widths[r] = uint16(f.em(f.advance(int(g))))
		}
	}
	return nil
}

// singleSubstitutions returns what the single substitutions of feature tag
// in a GSUB table make of the glyphs in from (OpenType GSUB lookup types 1,
// and 7 for extensions). A table that is short or malformed yields what
// could be read of it: fonts may come from a pack.
func singleSubstitutions(gsub []byte, tag string, from []uint16) map[uint16]uint16 {
	out := map[uint16]uint16{}
	u16 := func(b []byte, at int) (int, bool) {
		if at < 0 || at+2 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(b[at:])), true
	}
	sub := func(b []byte, at int) []byte {
		if at < 0 || at > len(b) {
			return nil
		}
		return b[at:]
	}
	// coverage returns the coverage index of glyph g, or -1.
	coverage := func(c []byte, g uint16) int {
		format, _ := u16(c, 0)
		n, _ := u16(c, 2)
		switch format {
		case 1:
			for i := range n {
				if v, ok := u16(c, 4+2*i); !ok {
					return -1
				} else if v == int(g) {
					return i
				}
			}
		case 2:
			for i := range n {
				start, ok1 := u16(c, 4+6*i)
				end, ok2 := u16(c, 6+6*i)
				idx, ok3 := u16(c, 8+6*i)
				if !ok1 || !ok2 || !ok3 {
					return -1
				}
				if int(g) >= start && int(g) <= end {
					return idx + int(g) - start
				}
			}
		}
		return -1
	}
	// single applies one single-substitution subtable.
	single := func(st []byte) {
		format, _ := u16(st, 0)
		covOff, ok := u16(st, 2)
		if !ok {
			return
		}
		cov := sub(st, covOff)
		for _, g := range from {
			if _, done := out[g]; done || g == 0 {
				continue
			}
			i := coverage(cov, g)
			if i < 0 {
				continue
			}
			switch format {
			case 1:
				if d, ok := u16(st, 4); ok {
					out[g] = uint16(int(g) + int(int16(d)))
				}
			case 2:
				if v, ok := u16(st, 6+2*i); ok {
					out[g] = uint16(v)
				}
			}
		}
	}
	featuresAt, ok1 := u16(gsub, 6)
	lookupsAt, ok2 := u16(gsub, 8)
	if !ok1 || !ok2 {
		return out
	}
	features, lookups := sub(gsub, featuresAt), sub(gsub, lookupsAt)
	nf, _ := u16(features, 0)
	for i := range nf {
		rec := 2 + 6*i
		if rec+6 > len(features) || string(features[rec:rec+4]) != tag {
			continue
		}
		at, _ := u16(features, rec+4)
		feature := sub(features, at)
		n, _ := u16(feature, 2)
		for k := range n {
			li, ok := u16(feature, 4+2*k)
			if !ok {
				break
			}
			lat, ok := u16(lookups, 2+2*li)
			if !ok {
				continue
			}
			lookup := sub(lookups, lat)
			typ, _ := u16(lookup, 0)
			ns, _ := u16(lookup, 4)
			for s := range ns {
				sat, ok := u16(lookup, 6+2*s)
				if !ok {
					break
				}
				st := sub(lookup, sat)
				if typ == 7 { // an extension: its type and a 32-bit offset
					ext, _ := u16(st, 2)
					if ext != 1 || len(st) < 8 {
						continue
					}
					off := binary.BigEndian.Uint32(st[4:])
					if uint64(off) > uint64(len(st)) {
						continue
					}
					st = st[off:]
				} else if typ != 1 {
					continue
				}
				single(st)
			}
		}
	}
	return out
}
