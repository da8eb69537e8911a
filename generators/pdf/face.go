package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"sync"
	"unicode"
)

// Face is a TrueType font, parsed once per process on first use (a face no
// document draws with is never parsed). A PDF does not embed the face itself:
// each file gets a subset holding only the glyphs it uses (Subset).
type Face struct {
	Name string
	once sync.Once
	src  func() ([]byte, error)
	err  error

	data        []byte
	tables      map[string][]byte
	unitsPerEm  int
	numGlyphs   int
	numHMetrics int
	locaLong    bool
	// gids are indexed by rune for the Basic Multilingual Plane; supp holds
	// the runes beyond it (CJK Extension B and later).
	gids []uint16
	supp map[rune]uint16
	// widths are the advances of the BMP's runes in thousandths of an em,
	// computed once; hmtx is the horizontal metrics table.
	widths []uint16
	hmtx   []byte
	// ascent and descent are in thousandths of an em (descent is negative).
	ascent, descent int
	bold            bool
	// base is the face this one is the Latin variant of, and latinFace
	// this face's own Latin variant, made once (quotes.go).
	base      *Face
	latinOnce sync.Once
	latinFace *Face
}

// ErrNotTrueType explains why a font file is refused.
var ErrNotTrueType = errors.New("not a TrueType font")

// ParseFace parses a TrueType font now. A TrueType collection (.ttc) gives
// its first font. OpenType fonts with CFF outlines are refused: PDF embeds
// them differently, and pilotpack embeds glyf outlines only.
func ParseFace(name string, data []byte) (*Face, error) {
	f := LazyFace(name, func() ([]byte, error) { return data, nil })
	if err := f.load(); err != nil {
		return nil, err
	}
	return f, nil
}

// LazyFace is a face parsed from src the first time it is used; a failure
// then makes the face empty (it has no characters) and is reported by Err.
func LazyFace(name string, src func() ([]byte, error)) *Face {
	return &Face{Name: name, src: src}
}

// Err parses the face if it has not been yet, and says why it cannot be
// used.
func (f *Face) Err() error { return f.load() }

func (f *Face) load() error {
	f.once.Do(func() {
		if f.base != nil {
			f.err = f.loadLatin()
			if f.err != nil {
				f.gids, f.supp, f.widths = make([]uint16, 0x10000), nil, nil
			}
			return
		}
		data, err := f.src()
		if err == nil {
			err = f.parse(data)
		}
		if err != nil {
			f.err = err
			f.gids, f.supp, f.widths = make([]uint16, 0x10000), nil, nil
		}
	})
	return f.err
}

func (f *Face) parse(data []byte) error {
	name := f.Name
	if len(data) < 12 {
		return fmt.Errorf("%s: %w (the file is too short)", name, ErrNotTrueType)
	}
	switch string(data[:4]) {
	case "OTTO":
		return fmt.Errorf("%s: an OpenType font with CFF (PostScript) outlines; pilotpack embeds TrueType outlines only: use a .ttf with glyf outlines, such as Noto Sans SC from @expo-google-fonts/noto-sans-sc", name)
	case "ttcf":
		first, err := firstOfCollection(data)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		data = first
	case "\x00\x01\x00\x00", "true":
	default:
		return fmt.Errorf("%s: %w (it starts with %q); use a .ttf or .ttc file", name, ErrNotTrueType, data[:4])
	}
	f.data, f.tables = data, map[string][]byte{}
	if err := f.readDirectory(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "OS/2", "post"} {
		if f.tables[t] == nil {
			if t == "glyf" {
				return fmt.Errorf("%s: the font has no glyf outlines; use a TrueType font", name)
			}
			return fmt.Errorf("%s: %w: table %s is missing", name, ErrNotTrueType, t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return fmt.Errorf("%s: %w: truncated tables", name, ErrNotTrueType)
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	f.locaLong = binary.BigEndian.Uint16(head[50:]) == 1
	f.numHMetrics = int(binary.BigEndian.Uint16(hhea[34:]))
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.unitsPerEm == 0 || f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs || len(f.tables["hmtx"]) < 4*f.numHMetrics {
		return fmt.Errorf("%s: %w: inconsistent metrics", name, ErrNotTrueType)
	}
	locaLen := 2 * (f.numGlyphs + 1)
	if f.locaLong {
		locaLen *= 2
	}
	if len(f.tables["loca"]) < locaLen {
		return fmt.Errorf("%s: %w: truncated loca table", name, ErrNotTrueType)
	}
	if os2 := f.tables["OS/2"]; len(os2) >= 6 {
		f.bold = binary.BigEndian.Uint16(os2[4:]) >= 600
	}
	f.ascent = int(int16(binary.BigEndian.Uint16(hhea[4:]))) * 1000 / f.unitsPerEm
	f.descent = int(int16(binary.BigEndian.Uint16(hhea[6:]))) * 1000 / f.unitsPerEm
	if err := f.readCmap(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	f.hmtx = f.tables["hmtx"]
	f.widths = make([]uint16, len(f.gids))
	for r := range f.gids {
		f.widths[r] = uint16(f.em(f.advance(f.gid(rune(r)))))
	}
	return nil
}

// em converts font units to thousandths of an em, rounded.
func (f *Face) em(v int) int { return int(math.Round(float64(v) * 1000 / float64(f.unitsPerEm))) }

// readCmap fills gids from the font's Unicode character map, preferring the
// full-repertoire format 12 subtable to the BMP-only format 4.
func (f *Face) readCmap() error {
	cm := f.tables["cmap"]
	if len(cm) < 4 {
		return fmt.Errorf("%w: truncated cmap", ErrNotTrueType)
	}
	var best []byte
	bestFormat := 0
	for i := range int(binary.BigEndian.Uint16(cm[2:])) {
		e := cm[4+8*i:]
		if len(e) < 8 {
			break
		}
		platform, encoding := binary.BigEndian.Uint16(e), binary.BigEndian.Uint16(e[2:])
		off := int(binary.BigEndian.Uint32(e[4:]))
		if off+4 > len(cm) || !(platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))) {
			continue
		}
		format := int(binary.BigEndian.Uint16(cm[off:]))
		if (format == 12 && bestFormat != 12) || (format == 4 && bestFormat == 0) {
			best, bestFormat = cm[off:], format
		}
	}
	f.gids = make([]uint16, 0x10000)
	set := func(r, g int) {
		switch {
		case g <= 0 || g >= f.numGlyphs || r < 0:
		case r < len(f.gids):
			f.gids[r] = uint16(g)
		case r <= unicode.MaxRune:
			if f.supp == nil {
				f.supp = map[rune]uint16{}
			}
			f.supp[rune(r)] = uint16(g)
		}
	}
	switch bestFormat {
	case 12:
		if len(best) < 16 {
			return fmt.Errorf("%w: truncated cmap", ErrNotTrueType)
		}
		n := int(binary.BigEndian.Uint32(best[12:]))
		for i := 0; i < n && 16+12*i+12 <= len(best); i++ {
			g := best[16+12*i:]
			start, end, gid := int(binary.BigEndian.Uint32(g)), int(binary.BigEndian.Uint32(g[4:])), int(binary.BigEndian.Uint32(g[8:]))
			if end < start || end-start > 0x10FFFF {
				continue
			}
			for r := start; r <= min(end, unicode.MaxRune); r++ {
				set(r, gid+r-start)
			}
		}
	case 4:
		if len(best) < 14 {
			return fmt.Errorf("%w: truncated cmap", ErrNotTrueType)
		}
		segs := int(binary.BigEndian.Uint16(best[6:])) / 2
		if 16+8*segs > len(best) {
			return fmt.Errorf("%w: truncated cmap", ErrNotTrueType)
		}
		u := func(at int) int { return int(binary.BigEndian.Uint16(best[at:])) }
		ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
		for i := range segs {
			start, end, delta, ro := u(starts+2*i), u(ends+2*i), u(deltas+2*i), u(ranges+2*i)
			for r := start; r <= end && r < 0xFFFF; r++ {
				if ro == 0 {
					set(r, (r+delta)&0xFFFF)
					continue
				}
				at := ranges + 2*i + ro + 2*(r-start)
				if at+2 <= len(best) {
					if g := u(at); g != 0 {
						set(r, (g+delta)&0xFFFF)
					}
				}
			}
		}
	default:
		return errors.New("the font has no Unicode character map")
	}
	return nil
}

func (f *Face) readDirectory() error {
	d := f.data
	n := int(binary.BigEndian.Uint16(d[4:]))
	if 12+16*n > len(d) {
		return fmt.Errorf("%w: truncated table directory", ErrNotTrueType)
	}
	for i := range n {
		r := d[12+16*i:]
		tag := string(r[:4])
		off, size := int(binary.BigEndian.Uint32(r[8:])), int(binary.BigEndian.Uint32(r[12:]))
		if off < 0 || size < 0 || off+size > len(d) || off+size < off {
			return fmt.Errorf("%w: table %s lies outside the file", ErrNotTrueType, tag)
		}
		f.tables[tag] = d[off : off+size]
	}
	return nil
}

// firstOfCollection rebuilds the first font of a TrueType collection as a
// stand-alone font: its table directory, with the tables it points to
// copied after it.
func firstOfCollection(data []byte) ([]byte, error) {
	if len(data) < 16 || binary.BigEndian.Uint32(data[8:]) == 0 {
		return nil, fmt.Errorf("%w: empty font collection", ErrNotTrueType)
	}
	off := int(binary.BigEndian.Uint32(data[12:]))
	if off+12 > len(data) {
		return nil, fmt.Errorf("%w: truncated font collection", ErrNotTrueType)
	}
	if string(data[off:off+4]) == "OTTO" {
		return nil, fmt.Errorf("the collection's first font has CFF (PostScript) outlines; pilotpack embeds TrueType outlines only")
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	if off+12+16*n > len(data) {
		return nil, fmt.Errorf("%w: truncated font collection", ErrNotTrueType)
	}
	tables := map[string][]byte{}
	for i := range n {
		r := data[off+12+16*i:]
		to, size := int(binary.BigEndian.Uint32(r[8:])), int(binary.BigEndian.Uint32(r[12:]))
		if to+size > len(data) || to+size < to {
			return nil, fmt.Errorf("%w: a table lies outside the collection", ErrNotTrueType)
		}
		tables[string(r[:4])] = data[to : to+size]
	}
	return buildFont(tables), nil
}

// Has reports whether the face can draw r.
func (f *Face) Has(r rune) bool {
	if r < 0x20 || f.load() != nil {
		return false
	}
	if isHalf(r) { // only the font's own characters, never a half form
		return f.supp[r] != 0
	}
	return f.gid(r) != 0
}

// A full-width mark that gives up the blank half of its body (typo.Spacing)
// is drawn as its half form: the same glyph under a character code of its
// own whose advance is half an em, so that the text layer's box of the
// mark holds its ink and ends where the next character begins (drawn full
// width and moved back, the mark's box would overlap the next one, and
// text extraction would break the line there: "3.8±0.3）" / "；游离").
// Half forms are numbered in Supplementary Private Use Area-B, halfBase
// above the mark, and the text layer maps them back to the mark.
const halfBase = 0x100000

// isHalf reports whether r is the half form of a mark.
func isHalf(r rune) bool { return r >= halfBase && r < halfBase+0x10000 }

// halfOf is the half form of mark r.
func halfOf(r rune) rune { return halfBase + r }

// unhalf returns the mark a half form stands for, and any other rune as it is.
func unhalf(r rune) rune {
	if isHalf(r) {
		return r - halfBase
	}
	return r
}

// canHalve reports whether mark r can be drawn as its half form: the font
// sets it a full em wide with all its ink in the left half (the closing
// marks of Chinese type: ，。、；：）」』》), and does not use the half form's
// code for a character of its own.
func (f *Face) canHalve(r rune) bool {
	if r < 0 || r > 0xFFFF || f.load() != nil || f.Width(r) != 1000 || f.supp[halfOf(r)] != 0 {
		return false
	}
	g := f.gid(r)
	if g <= 0 {
		return false
	}
	data := f.glyphData(g)
	if len(data) < 10 {
		return false
	}
	xMin, xMax := int16(binary.BigEndian.Uint16(data[2:])), int16(binary.BigEndian.Uint16(data[6:]))
	return xMin >= 0 && int(xMax) <= f.unitsPerEm/2
}

// gid returns r's glyph, or -r for a glyph pilotpack draws itself.
func (f *Face) gid(r rune) int {
	switch {
	case r < 0:
		return 0
	case r > 0xFFFF:
		if g := f.supp[r]; g != 0 || !isHalf(r) {
			return int(g)
		}
		return int(f.gids[r-halfBase])
	}
	if g := f.gids[r]; g != 0 || !synthesized[r] {
		return int(g)
	}
	return -int(r)
}

// Ascent is how far the face rises above the baseline, in thousandths of
// an em.
func (f *Face) Ascent() int { f.load(); return f.ascent }

// Descent is how far the face reaches below the baseline, in thousandths of
// an em (negative).
func (f *Face) Descent() int { f.load(); return f.descent }

// advance returns glyph g's advance width in font units.
func (f *Face) advance(g int) int {
	if g < 0 {
		return synthAdvance * f.unitsPerEm / 1000
	}
	if g >= f.numHMetrics {
		g = f.numHMetrics - 1
	}
	return int(binary.BigEndian.Uint16(f.hmtx[4*g:]))
}

func (f *Face) lsb(g int) int16 {
	if g < 0 {
		data := f.glyphData(g)
		return int16(binary.BigEndian.Uint16(data[2:]))
	}
	hm := f.tables["hmtx"]
	if g < f.numHMetrics {
		return int16(binary.BigEndian.Uint16(hm[4*g+2:]))
	}
	i := 4*f.numHMetrics + 2*(g-f.numHMetrics)
	if i+2 > len(hm) {
		return 0
	}
	return int16(binary.BigEndian.Uint16(hm[i:]))
}

// Width returns r's advance in thousandths of an em, rounded as the PDF's
// width table has it, so measured and drawn text agree exactly.
func (f *Face) Width(r rune) int {
	if f.load() != nil {
		return 0
	}
	if r >= 0 && r < rune(len(f.widths)) {
		return int(f.widths[r])
	}
	if isHalf(r) && f.supp[r] == 0 {
		return f.Width(r-halfBase) / 2
	}
	return f.em(f.advance(f.gid(r)))
}

func (f *Face) glyphData(g int) []byte {
	if g == emptyGlyph {
		return nil
	}
	if g < 0 {
		return synthGlyph(rune(-g), f.bold, float64(f.unitsPerEm)/1000)
	}
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var a, b int
	if f.locaLong {
		a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	if a > b || b > len(glyf) {
		return nil
	}
	return glyf[a:b]
}

// Composite glyph flags (TrueType glyf table).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10
)

// components calls fn with the offset of each component's glyph index in a
// composite glyph's data; it stops at malformed data.
func components(data []byte, fn func(at int)) {
	if len(data) < compositeHeader || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	p := compositeHeader
	for p+4 <= len(data) {
		flags := binary.BigEndian.Uint16(data[p:])
		fn(p + 2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return
		}
	}
}

// Subset builds a TrueType font whose glyph i+1 draws runes[i] (a book's
// numbering of the runes it uses, sorted; see glyphs), plus the components
// composite glyphs need. Only the glyphs for which used(i) holds get their
// outlines; the others are empty, so a document's file carries only what it
// draws while its text is encoded as in every other file of its book. Every
// rune gets a glyph of its own, so text maps back to its characters exactly.
func (f *Face) Subset(runes []rune, used func(i int) bool) ([]byte, error) {
	s, err := f.subset(runes, used)
	if err != nil {
		return nil, err
	}
	return s.font(), nil
}

// subsetFont is a subset font before its outlines are laid in: every table
// but glyf, and the old glyph ids glyf holds, in order.
type subsetFont struct {
	face   *Face
	tables map[string][]byte
	order  []int       // new gid → old gid (emptyGlyph for none)
	first  map[int]int // old gid → first new gid, when composites need it
	glyf   int         // glyf's length, padded
}

// subset lays a subset out (see Subset), all but its outlines.
func (f *Face) subset(runes []rune, used func(i int) bool) (*subsetFont, error) {
	if err := f.load(); err != nil {
		return nil, err
	}
	s := &subsetFont{face: f, order: make([]int, 1, len(runes)+1)}
	composite := false
	for i, r := range runes {
		g := emptyGlyph
		if used(i) {
			g = f.gid(r)
			data := f.glyphData(g)
			composite = composite || (len(data) >= 2 && int16(binary.BigEndian.Uint16(data)) < 0)
		}
		s.order = append(s.order, g)
	}
	// Composite glyphs (accented letters) name their components by glyph
	// id: those get new ids, and glyphs of their own when not drawn
	// otherwise. CJK text seldom has any, so the map is made only then.
	if composite {
		s.first = map[int]int{}
		for i, g := range s.order {
			if _, ok := s.first[g]; !ok && g != emptyGlyph {
				s.first[g] = i
			}
		}
		for i := 0; i < len(s.order); i++ {
			data := f.glyphData(s.order[i])
			components(data, func(at int) {
				c := int(binary.BigEndian.Uint16(data[at:]))
				if _, ok := s.first[c]; !ok && c < f.numGlyphs {
					s.first[c] = len(s.order)
					s.order = append(s.order, c)
				}
			})
			if len(s.order) > 0xFFFF {
				return nil, errors.New("too many glyphs for one font")
			}
		}
	}
	loca := make([]byte, 0, 4*len(s.order)+4)
	hmtx := make([]byte, 0, 4*len(s.order))
	for _, g := range s.order {
		loca = binary.BigEndian.AppendUint32(loca, uint32(s.glyf))
		s.glyf += (len(f.glyphData(g)) + 3) &^ 3
		adv, lsb := 0, int16(0)
		if g != emptyGlyph {
			adv, lsb = f.advance(g), f.lsb(g)
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(adv))
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(lsb))
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(s.glyf))
	var pairs []cmapPair
	for i, r := range runes {
		if used(i) {
			pairs = append(pairs, cmapPair{r, i + 1})
		}
	}
	cmap, err := cmapTable(pairs)
	if err != nil {
		return nil, err
	}
	s.tables = map[string][]byte{
		"loca": loca, "hmtx": hmtx, "cmap": cmap,
		"head": slices.Clone(f.tables["head"]), "hhea": slices.Clone(f.tables["hhea"]),
		"maxp": slices.Clone(f.tables["maxp"]), "name": f.tables["name"], "OS/2": f.tables["OS/2"],
		"post": post3(f.tables["post"]),
	}
	for _, keep := range []string{"prep", "gasp", "cvt ", "fpgm"} {
		if f.tables[keep] != nil {
			s.tables[keep] = f.tables[keep]
		}
	}
	binary.BigEndian.PutUint16(s.tables["head"][50:], 1) // long loca offsets
	binary.BigEndian.PutUint16(s.tables["hhea"][34:], uint16(len(s.order)))
	binary.BigEndian.PutUint16(s.tables["maxp"][4:], uint16(len(s.order)))
	return s, nil
}

// outlines returns the glyf table: each glyph's outline, padded, its
// components renumbered.
func (s *subsetFont) outlines() []byte {
	glyf := make([]byte, 0, s.glyf)
	for _, g := range s.order {
		data := s.face.glyphData(g)
		at := len(glyf)
		glyf = append(glyf, data...)
		if s.first != nil {
			components(data, func(c int) {
				old := int(binary.BigEndian.Uint16(data[c:]))
				binary.BigEndian.PutUint16(glyf[at+c:], uint16(s.first[old]))
			})
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	return glyf
}

// font is the subset as a font file.
func (s *subsetFont) font() []byte {
	glyf := s.outlines()
	before, after := fontParts(s.tables, len(glyf), checksum(glyf))
	return slices.Concat(before, glyf, after)
}

// emptyGlyph stands for a glyph left out of a subset: no outline, no
// advance.
const emptyGlyph = math.MinInt32

// post3 keeps the metrics of a post table and drops its glyph names.
func post3(p []byte) []byte {
	out := make([]byte, 32)
	copy(out, p)
	binary.BigEndian.PutUint32(out, 0x00030000)
	return out
}

// cmapPair maps a rune to a glyph of a subset.
type cmapPair struct {
	r   rune
	gid int
}

// cmapTable writes a character map of the pairs (sorted by rune): a format
// 4 subtable for the Basic Multilingual Plane and, when there are runes
// beyond it, a format 12 subtable for all. Runes whose glyphs follow each
// other share one segment.
func cmapTable(pairs []cmapPair) ([]byte, error) {
	type seg struct{ start, end, delta int }
	var segs []seg
	wide := false
	for _, p := range pairs {
		if p.r > 0xFFFF {
			wide = true
			continue
		}
		r := int(p.r)
		if n := len(segs); n > 0 && segs[n-1].end == r-1 && segs[n-1].delta == p.gid-r {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, seg{r, r, p.gid - r})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	segCount := len(segs)
	length := 16 + 8*segCount
	if length > 0xFFFF {
		return nil, fmt.Errorf("%d character ranges are too many for one cmap subtable", segCount)
	}
	var b []byte
	u16 := func(v int) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	u32 := func(v int) { b = binary.BigEndian.AppendUint32(b, uint32(v)) }
	// cmap header: version 0, then the subtables: (Windows, Unicode BMP),
	// and (Windows, Unicode full repertoire) when needed.
	tables := 1
	if wide {
		tables = 2
	}
	u16(0)
	u16(tables)
	u16(3)
	u16(1)
	u32(4 + 8*tables)
	if wide {
		u16(3)
		u16(10)
		u32(4 + 8*tables + length)
	}
	searchRange := 2 * (1 << int(math.Floor(math.Log2(float64(segCount)))))
	u16(4)
	u16(length)
	u16(0)
	u16(2 * segCount)
	u16(searchRange)
	u16(int(math.Log2(float64(searchRange / 2))))
	u16(2*segCount - searchRange)
	for _, s := range segs {
		u16(s.end)
	}
	u16(0)
	for _, s := range segs {
		u16(s.start)
	}
	for _, s := range segs {
		u16(s.delta & 0xFFFF)
	}
	for range segs {
		u16(0)
	}
	if wide {
		type group struct{ start, end, gid int }
		var groups []group
		for _, p := range pairs {
			r := int(p.r)
			if n := len(groups); n > 0 && groups[n-1].end == r-1 && groups[n-1].gid+r-groups[n-1].start == p.gid {
				groups[n-1].end = r
				continue
			}
			groups = append(groups, group{r, r, p.gid})
		}
		u16(12)
		u16(0)
		u32(16 + 12*len(groups))
		u32(0)
		u32(len(groups))
		for _, g := range groups {
			u32(g.start)
			u32(g.end)
			u32(g.gid)
		}
	}
	return b, nil
}

// buildFont writes a font file from its tables: the directory sorted by tag,
// every table padded to four bytes, checksums and the head adjustment set.
func buildFont(tables map[string][]byte) []byte {
	glyf, ok := tables["glyf"]
	if !ok {
		before, _ := fontParts(tables, -1, 0)
		return before
	}
	rest := maps.Clone(tables)
	delete(rest, "glyf")
	padded := append(slices.Clone(glyf), make([]byte, (4-len(glyf)%4)%4)...)
	before, after := fontParts(rest, len(padded), checksum(padded))
	return slices.Concat(before, padded, after)
}

// fontParts writes a font file from its tables but glyf, of which only the
// (padded) length and checksum are given (glyfLen < 0: no glyf), and
// returns the bytes before glyf and after it. The directory is sorted by
// tag, every table padded to four bytes, checksums and the head adjustment
// set; the whole file's checksum is the sum of the directory's and every
// table's.
func fontParts(tables map[string][]byte, glyfLen int, glyfSum uint32) (before, after []byte) {
	tags := make([]string, 0, len(tables)+1)
	size := 12 + 16*(len(tables)+1)
	for t, data := range tables {
		tags = append(tags, t)
		size += (len(data) + 3) &^ 3
	}
	if glyfLen >= 0 {
		tags = append(tags, "glyf")
	}
	sort.Strings(tags)
	n := len(tags)
	entrySelector := int(math.Floor(math.Log2(float64(n))))
	searchRange := 16 * (1 << entrySelector)
	out := make([]byte, 0, size)
	out = binary.BigEndian.AppendUint32(out, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(searchRange))
	out = binary.BigEndian.AppendUint16(out, uint16(entrySelector))
	out = binary.BigEndian.AppendUint16(out, uint16(16*n-searchRange))
	dir := len(out)
	out = append(out, make([]byte, 16*n)...)
	headAt, glyfAt := -1, -1
	offset := len(out) // in the whole file
	total := glyfSum
	for i, t := range tags {
		e := out[dir+16*i:]
		copy(e, t)
		if t == "glyf" {
			glyfAt = len(out)
			binary.BigEndian.PutUint32(e[4:], glyfSum)
			binary.BigEndian.PutUint32(e[8:], uint32(offset))
			binary.BigEndian.PutUint32(e[12:], uint32(glyfLen))
			offset += glyfLen
			continue
		}
		data := tables[t]
		start := len(out)
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		if t == "head" {
			binary.BigEndian.PutUint32(out[start+8:], 0)
			headAt = start
		}
		sum := checksum(out[start:])
		total += sum
		binary.BigEndian.PutUint32(e[4:], sum)
		binary.BigEndian.PutUint32(e[8:], uint32(offset))
		binary.BigEndian.PutUint32(e[12:], uint32(len(data)))
		offset += len(out) - start
	}
	total += checksum(out[:dir+16*n])
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-total)
	}
	if glyfAt < 0 {
		return out, nil
	}
	return out[:glyfAt], out[glyfAt:]
}

func checksum(b []byte) uint32 {
	var sum uint32
	i := 0
	for ; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	if i < len(b) {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
