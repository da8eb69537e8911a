package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"pilotpack/generators/pdf/page"
	"pilotpack/generators/pdf/pdfobj"
	"pilotpack/internal/flatepool"
)

// Fonts are embedded by pilotpack, not fpdf: the faces are parsed once per
// process, and a book numbers the characters its documents use once (glyph
// i+1 of each face draws the i-th of its runes in order), so that every page
// is encoded and compressed once, whichever files it goes into. Each file
// then embeds a subset with the outlines of only the glyphs its own pages
// draw, under that numbering: a document's file carries what it uses, the
// combined file what all of them use.

// glyphs is a book's numbering of the runes it draws in one face.
type glyphs struct {
	runes []rune
	bmp   []uint16 // by rune; 0 for a rune not numbered
	supp  map[rune]uint16
}

func newGlyphs(runes []rune) *glyphs {
	runes = slices.Clone(runes)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	if len(runes) > 0 && runes[0] == 0 {
		runes = runes[1:]
	}
	g := &glyphs{runes: runes, bmp: make([]uint16, 0x10000)}
	for i, r := range runes {
		if r < 0x10000 {
			g.bmp[r] = uint16(i + 1)
		} else {
			if g.supp == nil {
				g.supp = map[rune]uint16{}
			}
			g.supp[r] = uint16(i + 1)
		}
	}
	return g
}

func (g *glyphs) id(r rune) uint16 {
	if r >= 0 && r < 0x10000 {
		return g.bmp[r]
	}
	return g.supp[r]
}

// encode appends s as a PDF literal string of two-byte glyph ids.
func (g *glyphs) encode(b []byte, s string) []byte {
	b = append(b, '(')
	for _, r := range s {
		id := g.id(r)
		for _, c := range [2]byte{byte(id >> 8), byte(id)} {
			switch c {
			case '(', ')', '\\':
				b = append(b, '\\', c)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, c)
			}
		}
	}
	return append(b, ')')
}

// mark sets the bits of the glyphs of s in used (indexed by glyph id).
func (g *glyphs) mark(used []bool, s string) {
	for _, r := range s {
		used[g.id(r)] = true
	}
}

// fontName is the resource name of font k on every page.
func fontName(k page.Font) pdfobj.Name { return pdfobj.Name("PF" + strconv.Itoa(int(k))) }

// fontProgram is what one file embeds of one face: the subset and its
// maps, compressed, ready to be written as the font's five objects.
type fontProgram struct {
	face      *Face
	name      string // subset tag + PostScript name
	widths    pdfobj.Array
	file      []byte // the subset font, compressed
	length1   int    // its size uncompressed
	toUnicode []byte // compressed
}

// newFontProgram makes the subset of face with the glyphs marked in used
// (indexed by glyph id, under the book's numbering g), packed with the
// book's code for the face (see fontpack.go).
func newFontProgram(face *Face, g *glyphs, used []bool, pf *packedFace) *fontProgram {
	inSubset := func(i int) bool { return used[i+1] }
	var file []byte
	length := 0
	switch s, err := face.subset(g.runes, inSubset); {
	case err != nil:
		// Too many ranges for a subset's character map: the whole face.
		file, length = flatepool.Zlib(face.data), len(face.data)
	case s.first != nil:
		// Composite glyphs renumbered: coded on their own.
		font := s.font()
		file, length = flatepool.Huffman(font), len(font)
	default:
		file, length = pf.file(s)
	}
	var picked []rune
	for i, r := range g.runes {
		if inSubset(i) {
			picked = append(picked, r)
		}
	}
	// Widths in thousandths of an em, as the layout measured them: one
	// entry per run of consecutive glyphs.
	var widths pdfobj.Array
	for i := 0; i < len(g.runes); i++ {
		if !inSubset(i) {
			continue
		}
		j := i
		for j < len(g.runes) && inSubset(j) {
			j++
		}
		run := make(pdfobj.Ints, j-i)
		for k := range run {
			run[k] = face.Width(g.runes[i+k])
		}
		widths = append(widths, pdfobj.Int(i+1), run)
		i = j
	}
	return &fontProgram{
		face:      face,
		name:      subsetTag(face.Name, picked) + "+" + face.postScriptName(),
		widths:    widths,
		file:      file,
		length1:   length,
		toUnicode: flatepool.Zlib(toUnicode(g.runes, inSubset)),
	}
}

// put writes the font's objects into f and returns the Type0 font's
// reference.
func (fp *fontProgram) put(f *pdfobj.File) pdfobj.Ref {
	face := fp.face
	head := face.tables["head"]
	scale := func(v int16) int { return int(v) * 1000 / face.unitsPerEm }
	bbox := pdfobj.Array{pdfobj.Int(scale(int16(binary.BigEndian.Uint16(head[36:])))), pdfobj.Int(scale(int16(binary.BigEndian.Uint16(head[38:])))),
		pdfobj.Int(scale(int16(binary.BigEndian.Uint16(head[40:])))), pdfobj.Int(scale(int16(binary.BigEndian.Uint16(head[42:]))))}
	capHeight := face.ascent
	if os2 := face.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		capHeight = scale(int16(binary.BigEndian.Uint16(os2[88:])))
	}
	stemV := 80
	if face.bold {
		stemV = 140
	}
	name := pdfobj.Name(fp.name)
	file := f.AddStream(pdfobj.Dict{"Filter": pdfobj.Name("FlateDecode"), "Length1": pdfobj.Int(fp.length1)}, fp.file)
	toUni := f.AddStream(pdfobj.Dict{"Filter": pdfobj.Name("FlateDecode")}, fp.toUnicode)
	desc := f.Add(pdfobj.Dict{"Type": pdfobj.Name("FontDescriptor"), "FontName": name, "Flags": pdfobj.Int(4), "FontBBox": bbox,
		"ItalicAngle": pdfobj.Int(0), "Ascent": pdfobj.Int(face.ascent), "Descent": pdfobj.Int(face.descent),
		"CapHeight": pdfobj.Int(capHeight), "StemV": pdfobj.Int(stemV), "FontFile2": file})
	cid := f.Add(pdfobj.Dict{"Type": pdfobj.Name("Font"), "Subtype": pdfobj.Name("CIDFontType2"), "BaseFont": name,
		"CIDSystemInfo":  pdfobj.Dict{"Registry": pdfobj.Text("Adobe"), "Ordering": pdfobj.Text("Identity"), "Supplement": pdfobj.Int(0)},
		"FontDescriptor": desc, "DW": pdfobj.Int(1000), "W": fp.widths, "CIDToGIDMap": pdfobj.Name("Identity")})
	return f.Add(pdfobj.Dict{"Type": pdfobj.Name("Font"), "Subtype": pdfobj.Name("Type0"), "BaseFont": name,
		"Encoding": pdfobj.Name("Identity-H"), "DescendantFonts": pdfobj.Array{cid}, "ToUnicode": toUni})
}

// subsetTag is the six capital letters that name a subset (PDF 9.6.4): the
// same runes of the same face give the same tag.
func subsetTag(face string, runes []rune) string {
	h := sha256.New()
	h.Write([]byte(face))
	for _, r := range runes {
		binary.Write(h, binary.BigEndian, r)
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// postScriptName is the font's PostScript name (name table, name id 6),
// else its file's name; either kept to what a PDF name holds well.
func (f *Face) postScriptName() string {
	name := strings.TrimSuffix(f.Name, filepath.Ext(f.Name))
	if t := f.tables["name"]; len(t) >= 6 {
		count, strings_ := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
		for i := range count {
			rec := 6 + 12*i
			if rec+12 > len(t) {
				break
			}
			platform, id := binary.BigEndian.Uint16(t[rec:]), binary.BigEndian.Uint16(t[rec+6:])
			length, off := int(binary.BigEndian.Uint16(t[rec+8:])), int(binary.BigEndian.Uint16(t[rec+10:]))
			start := strings_ + off
			if id != 6 || start+length > len(t) {
				continue
			}
			raw := t[start : start+length]
			if platform == 3 || platform == 0 {
				u := make([]uint16, len(raw)/2)
				for j := range u {
					u[j] = binary.BigEndian.Uint16(raw[2*j:])
				}
				name = string(utf16.Decode(u))
			} else {
				name = string(raw)
			}
			break
		}
	}
	return pdfName(name)
}

// pdfName keeps letters, digits and hyphens.
func pdfName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()
}

// toUnicode is the CMap that maps each glyph of the subset back to its
// character, so that text copies and searches as written.
func toUnicode(runes []rune, inSubset func(i int) bool) []byte {
	b := make([]byte, 0, 256+24*len(runes)/4)
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	// Runs of consecutive runes are consecutive glyphs: one range each, at
	// most 100 to a block. A range keeps the first byte of its glyph ids
	// and of its characters (only the last byte may count up), and maps
	// BMP characters; one beyond it gets a range of its own, mapping to a
	// surrogate pair.
	type run struct{ first, last, r int }
	var runs []run
	for i, r := range runes {
		if !inSubset(i) {
			continue
		}
		r = unhalf(r) // a half form reads as its mark
		gid := i + 1
		if n := len(runs); n > 0 {
			x := &runs[n-1]
			want := x.r + gid - x.first
			if x.last+1 == gid && int(r) == want && r < 0x10000 && gid>>8 == x.first>>8 && want>>8 == x.r>>8 {
				x.last = gid
				continue
			}
		}
		runs = append(runs, run{gid, gid, int(r)})
	}
	hex4 := func(b []byte, v int) []byte {
		return append(b, hexDigits[v>>12&15], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
	}
	for len(runs) > 0 {
		n := min(100, len(runs))
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " beginbfrange\n"...)
		for _, x := range runs[:n] {
			b = append(b, '<')
			b = hex4(b, x.first)
			b = append(b, "> <"...)
			b = hex4(b, x.last)
			b = append(b, "> <"...)
			for _, u := range utf16.Encode([]rune{rune(x.r)}) {
				b = hex4(b, int(u))
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfrange\n"...)
		runs = runs[n:]
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}
