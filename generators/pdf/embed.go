package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"pilotpack/internal/flatepool"
)

// Fonts are embedded here rather than through fpdf. fpdf parses every font
// it is given, hashes its whole width table into an id, subsets it again and
// compresses it with a new compressor, once per document; it also encodes
// every line of text through a map of the runes used. pilotpack already has
// the faces parsed and its own subsetter, so it writes the text operators and
// the five objects of each font (Type0, CIDFontType2, descriptor, file,
// ToUnicode) itself, and fpdf draws everything else.

// glyphs maps the runes a book uses to the glyphs of its subset of one
// face: glyph i+1 draws the i-th rune in order (see Face.Subset).
type glyphs struct {
	runes []rune
	gid   []uint16 // by rune; 0 for a rune not in the subset
}

func newGlyphs(runes []rune) *glyphs {
	runes = slices.Clone(runes)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	if len(runes) > 0 && runes[0] == 0 {
		runes = runes[1:]
	}
	g := &glyphs{runes: runes, gid: make([]uint16, 0x10000)}
	for i, r := range runes {
		if r < 0x10000 {
			g.gid[r] = uint16(i + 1)
		}
	}
	return g
}

// encode appends s as a PDF literal string of two-byte glyph ids.
func (g *glyphs) encode(b []byte, s string) []byte {
	b = append(b, '(')
	for _, r := range s {
		var id uint16
		if r >= 0 && r < 0x10000 {
			id = g.gid[r]
		}
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

// fontName is the resource name of font k on every page.
func fontName(k fontKey) string { return "PF" + strconv.Itoa(int(k)) }

// fontObjects returns the objects of one embedded subset of face, numbered
// from next: the Type0 font first.
func fontObjects(face *Face, g *glyphs, next int) ([]object, error) {
	sub, err := face.Subset(g.runes)
	if err != nil {
		sub = face.data // too many ranges for a subset: embed the whole face
	}
	cid, desc, file, toUni := next+1, next+2, next+3, next+4
	name := subsetTag(face.Name, g.runes) + "+" + face.postScriptName()

	// Widths in thousandths of an em, as the layout measured them: one run
	// from glyph 1.
	var w strings.Builder
	w.WriteString("[1 [")
	for i, r := range g.runes {
		if i > 0 {
			w.WriteByte(' ')
		}
		w.WriteString(strconv.Itoa(face.Width(r)))
	}
	w.WriteString("]]")

	head := face.tables["head"]
	scale := func(v int16) int { return int(v) * 1000 / face.unitsPerEm }
	bbox := fmt.Sprintf("[%d %d %d %d]", scale(int16(binary.BigEndian.Uint16(head[36:]))), scale(int16(binary.BigEndian.Uint16(head[38:]))),
		scale(int16(binary.BigEndian.Uint16(head[40:]))), scale(int16(binary.BigEndian.Uint16(head[42:]))))
	capHeight := face.Ascent
	if os2 := face.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		capHeight = scale(int16(binary.BigEndian.Uint16(os2[88:])))
	}
	stemV := 80
	if face.bold {
		stemV = 140
	}
	packed := flatepool.Zlib(sub)
	cmap := toUnicode(g.runes)
	return []object{
		{dict: fmt.Appendf(nil, "<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", name, cid, toUni)},
		{dict: fmt.Appendf(nil, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W %s /CIDToGIDMap /Identity >>", name, desc, w.String())},
		{dict: fmt.Appendf(nil, "<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox %s /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R >>", name, bbox, face.Ascent, face.Descent, capHeight, stemV, file)},
		{dict: fmt.Appendf(nil, "<< /Filter /FlateDecode /Length1 %d /Length %d >>", len(sub), len(packed)), stream: packed},
		{dict: fmt.Appendf(nil, "<< /Length %d >>", len(cmap)), stream: cmap},
	}, nil
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

// toUnicode is the CMap that maps each glyph back to its character, so that
// text copies and searches as written.
func toUnicode(runes []rune) []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	// Runs of consecutive runes are consecutive glyphs: one range each, at
	// most 100 to a block. A range keeps the first byte of its glyph ids
	// and of its characters (only the last byte may count up), and maps to
	// single UTF-16 units.
	type run struct{ first, last, r int }
	var runs []run
	for i, r := range runes {
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
	for len(runs) > 0 {
		n := min(100, len(runs))
		fmt.Fprintf(&b, "%d beginbfrange\n", n)
		for _, x := range runs[:n] {
			fmt.Fprintf(&b, "<%04X> <%04X> <", x.first, x.last)
			for _, u := range utf16.Encode([]rune{rune(x.r)}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfrange\n")
		runs = runs[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}
