package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
)

// Face is a TrueType font parsed once per process. A PDF does not embed the
// face itself: each document gets a small subset holding only the glyphs it
// uses (Subset), which fpdf then parses in a fraction of the time the full
// 10–15 MB font would take.
type Face struct {
	Name        string
	data        []byte
	tables      map[string][]byte
	unitsPerEm  int
	numGlyphs   int
	numHMetrics int
	locaLong    bool
	// gids and widths are indexed by rune (the BMP only: fpdf cannot draw
	// beyond it); widths are in thousandths of an em.
	gids   []uint16
	widths []uint16
	// Ascent and Descent are in thousandths of an em (Descent is negative).
	Ascent, Descent int
	bold            bool
}

// ErrNotTrueType explains why a font file is refused.
var ErrNotTrueType = errors.New("not a TrueType font")

// ParseFace parses a TrueType font. A TrueType collection (.ttc) gives its
// first font. OpenType fonts with CFF outlines are refused: the PDF library
// embeds only glyf outlines.
func ParseFace(name string, data []byte) (*Face, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("%s: %w (the file is too short)", name, ErrNotTrueType)
	}
	switch string(data[:4]) {
	case "OTTO":
		return nil, fmt.Errorf("%s: an OpenType font with CFF (PostScript) outlines; pilotpack embeds TrueType outlines only: use a .ttf with glyf outlines, such as Noto Sans SC from @expo-google-fonts/noto-sans-sc", name)
	case "ttcf":
		first, err := firstOfCollection(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		data = first
	case "\x00\x01\x00\x00", "true":
	default:
		return nil, fmt.Errorf("%s: %w (it starts with %q); use a .ttf or .ttc file", name, ErrNotTrueType, data[:4])
	}
	f := &Face{Name: name, data: data, tables: map[string][]byte{}}
	if err := f.readDirectory(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "OS/2", "post"} {
		if f.tables[t] == nil {
			if t == "glyf" {
				return nil, fmt.Errorf("%s: the font has no glyf outlines; use a TrueType font", name)
			}
			return nil, fmt.Errorf("%s: %w: table %s is missing", name, ErrNotTrueType, t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, fmt.Errorf("%s: %w: truncated tables", name, ErrNotTrueType)
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	f.locaLong = binary.BigEndian.Uint16(head[50:]) == 1
	f.numHMetrics = int(binary.BigEndian.Uint16(hhea[34:]))
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.unitsPerEm == 0 || f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs || len(f.tables["hmtx"]) < 4*f.numHMetrics {
		return nil, fmt.Errorf("%s: %w: inconsistent metrics", name, ErrNotTrueType)
	}
	locaLen := 2 * (f.numGlyphs + 1)
	if f.locaLong {
		locaLen *= 2
	}
	if len(f.tables["loca"]) < locaLen {
		return nil, fmt.Errorf("%s: %w: truncated loca table", name, ErrNotTrueType)
	}
	if os2 := f.tables["OS/2"]; len(os2) >= 6 {
		f.bold = binary.BigEndian.Uint16(os2[4:]) >= 600
	}
	f.Ascent = int(int16(binary.BigEndian.Uint16(hhea[4:]))) * 1000 / f.unitsPerEm
	f.Descent = int(int16(binary.BigEndian.Uint16(hhea[6:]))) * 1000 / f.unitsPerEm
	if err := f.readCmap(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	f.widths = make([]uint16, len(f.gids))
	for r := range f.gids {
		f.widths[r] = uint16(math.Round(float64(f.advance(f.gid(rune(r)))) * 1000 / float64(f.unitsPerEm)))
	}
	return f, nil
}

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
		if r >= 0 && r < len(f.gids) && g < f.numGlyphs {
			f.gids[r] = uint16(g)
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
			for r := start; r <= min(end, 0xFFFF); r++ {
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

// Has reports whether the face can draw r. fpdf cannot draw runes above
// U+FFFF at all, so those count as missing too.
func (f *Face) Has(r rune) bool {
	if r > 0xFFFF || r < 0x20 {
		return false
	}
	return f.gids[r] != 0 || synthesized[r]
}

// gid returns r's glyph, or -r for a glyph pilotpack draws itself.
func (f *Face) gid(r rune) int {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	if g := f.gids[r]; g != 0 || !synthesized[r] {
		return int(g)
	}
	return -int(r)
}

// advance returns glyph g's advance width in font units.
func (f *Face) advance(g int) int {
	if g < 0 {
		return synthAdvance * f.unitsPerEm / 1000
	}
	hm := f.tables["hmtx"]
	if g >= f.numHMetrics {
		g = f.numHMetrics - 1
	}
	return int(binary.BigEndian.Uint16(hm[4*g:]))
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

// Width returns r's advance in thousandths of an em, rounded the way fpdf
// rounds its width tables, so measured and drawn text agree exactly.
func (f *Face) Width(r rune) int {
	if r < 0 || r > 0xFFFF {
		return int(f.widths[0])
	}
	return int(f.widths[r])
}

func (f *Face) glyphData(g int) []byte {
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

// Subset builds a TrueType font with a glyph for each rune, numbered in rune
// order after .notdef, plus the components composite glyphs need. Every rune
// gets a glyph of its own, so the character map is a few contiguous ranges.
// It fails when the runes need more cmap segments than format 4 allows; the
// caller then embeds the whole face.
func (f *Face) Subset(runes []rune) ([]byte, error) {
	runes = slices.Clone(runes)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	if len(runes) > 0 && runes[0] == 0 {
		runes = runes[1:]
	}
	order := []int{0} // new gid → old gid
	for _, r := range runes {
		order = append(order, f.gid(r))
	}
	first := map[int]int{} // old gid → first new gid
	for i, g := range order {
		if _, ok := first[g]; !ok {
			first[g] = i
		}
	}
	for i := 0; i < len(order); i++ {
		data := f.glyphData(order[i])
		components(data, func(at int) {
			c := int(binary.BigEndian.Uint16(data[at:]))
			if _, ok := first[c]; !ok && c < f.numGlyphs {
				first[c] = len(order)
				order = append(order, c)
			}
		})
		if len(order) > 0xFFFF {
			return nil, errors.New("too many glyphs for one font")
		}
	}
	var glyf, loca, hmtx []byte
	for _, g := range order {
		data := slices.Clone(f.glyphData(g))
		components(data, func(at int) {
			c := int(binary.BigEndian.Uint16(data[at:]))
			binary.BigEndian.PutUint16(data[at:], uint16(first[c]))
		})
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, data...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.advance(g)))
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.lsb(g)))
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	cmap, err := cmapFormat4(runes)
	if err != nil {
		return nil, err
	}
	t := map[string][]byte{
		"glyf": glyf, "loca": loca, "hmtx": hmtx, "cmap": cmap,
		"head": slices.Clone(f.tables["head"]), "hhea": slices.Clone(f.tables["hhea"]),
		"maxp": slices.Clone(f.tables["maxp"]), "name": f.tables["name"], "OS/2": f.tables["OS/2"],
		"post": post3(f.tables["post"]),
	}
	for _, keep := range []string{"prep", "gasp", "cvt ", "fpgm"} {
		if f.tables[keep] != nil {
			t[keep] = f.tables[keep]
		}
	}
	binary.BigEndian.PutUint16(t["head"][50:], 1) // long loca offsets
	binary.BigEndian.PutUint16(t["hhea"][34:], uint16(len(order)))
	binary.BigEndian.PutUint16(t["maxp"][4:], uint16(len(order)))
	return buildFont(t), nil
}

// post3 keeps the metrics of a post table and drops its glyph names.
func post3(p []byte) []byte {
	out := make([]byte, 32)
	copy(out, p)
	binary.BigEndian.PutUint32(out, 0x00030000)
	return out
}

// cmapFormat4 maps each rune to glyph i+1, where i is its index in the
// sorted runes: consecutive runes share one segment.
func cmapFormat4(runes []rune) ([]byte, error) {
	type seg struct{ start, end, delta int }
	var segs []seg
	for i, r := range runes {
		if r > 0xFFFF {
			return nil, fmt.Errorf("rune %U is outside the BMP", r)
		}
		gid := i + 1
		if n := len(segs); n > 0 && segs[n-1].end == int(r)-1 && segs[n-1].delta == gid-int(r) {
			segs[n-1].end = int(r)
			continue
		}
		segs = append(segs, seg{int(r), int(r), gid - int(r)})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	segCount := len(segs)
	length := 16 + 8*segCount
	if length > 0xFFFF {
		return nil, fmt.Errorf("%d character ranges are too many for one cmap subtable", segCount)
	}
	var b []byte
	u16 := func(v int) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	// cmap header: version 0, one subtable (Windows, Unicode BMP) at offset 12.
	u16(0)
	u16(1)
	u16(3)
	u16(1)
	b = binary.BigEndian.AppendUint32(b, 12)
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
	return b, nil
}

// buildFont writes a font file from its tables: the directory sorted by tag,
// every table padded to four bytes, checksums and the head adjustment set.
func buildFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	entrySelector := int(math.Floor(math.Log2(float64(n))))
	searchRange := 16 * (1 << entrySelector)
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(searchRange))
	out = binary.BigEndian.AppendUint16(out, uint16(entrySelector))
	out = binary.BigEndian.AppendUint16(out, uint16(16*n-searchRange))
	dir := len(out)
	out = append(out, make([]byte, 16*n)...)
	headAt := -1
	for i, t := range tags {
		data := tables[t]
		if t == "head" {
			data = slices.Clone(data)
			binary.BigEndian.PutUint32(data[8:], 0)
			headAt = len(out)
		}
		e := out[dir+16*i:]
		copy(e, t)
		binary.BigEndian.PutUint32(e[4:], checksum(data))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(data)))
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
