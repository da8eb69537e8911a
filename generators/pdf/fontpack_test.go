package pdf

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
	"io"
	"testing"
)

// TestPackedSubsetInflates packs subsets of a book's numbering with the
// book's code and inflates them with the standard library: the bytes are
// the subset font's, byte for byte, and smaller than the raw font.
func TestPackedSubsetInflates(t *testing.T) {
	face := mustFonts(t).Serif
	if err := face.Err(); err != nil {
		t.Fatal(err)
	}
	var runes []rune
	for _, r := range "持有人应当建立覆盖全部生产场地的统一质量管理体系 The holder establishes one quality system（一）：“”—…0123456789" {
		runes = append(runes, r)
	}
	g := newGlyphs(runes)
	p := packFace(face, g)
	for name, used := range map[string]func(int) bool{
		"all":  func(int) bool { return true },
		"some": func(i int) bool { return i%3 != 1 },
		"none": func(int) bool { return false },
		"one":  func(i int) bool { return i == 5 },
	} {
		s, err := face.subset(g.runes, used)
		if err != nil {
			t.Fatal(err)
		}
		want := s.font()
		packed, n := p.file(s)
		if n != len(want) {
			t.Errorf("%s: length %d, the font has %d", name, n, len(want))
		}
		r, err := zlib.NewReader(bytes.NewReader(packed))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: inflating: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: inflates to %d bytes that differ from the %d of the subset", name, len(got), len(want))
		}
		if name == "all" && len(packed) >= len(want) {
			t.Errorf("packed %d bytes of %d", len(packed), len(want))
		}
	}
}

func TestAdler32Combine(t *testing.T) {
	a, b := []byte("质量协议 quality agreement"), bytes.Repeat([]byte{0xff, 0, 7}, 40000)
	if got, want := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b)), adler32.Checksum(append(a, b...)); got != want {
		t.Errorf("combined %08x, want %08x", got, want)
	}
}

func TestCodeLengthsAreLimited(t *testing.T) {
	freq := make([]int, numLiterals)
	for i := range freq {
		freq[i] = 1
	}
	freq[0] = 1 << 30 // a skewed distribution: the optimal code is deep
	for i := 1; i < 20; i++ {
		freq[i] = 1 << (30 - i)
	}
	lengths := codeLengths(freq, maxCodeLen)
	kraft := 0.0
	for _, l := range lengths {
		if l == 0 || l > maxCodeLen {
			t.Fatalf("length %d", l)
		}
		kraft += 1 / float64(int(1)<<l)
	}
	if kraft > 1 {
		t.Errorf("not a prefix code: Kraft sum %.3f", kraft)
	}
}

// TestBitWriterAppend appends bit strings of every length up to a few words
// at every offset within a byte, and compares with writing them bit by bit.
func TestBitWriterAppend(t *testing.T) {
	data := make([]byte, 40)
	for i := range data {
		data[i] = byte(i*37 + 11)
	}
	for lead := uint(0); lead < 12; lead++ {
		for nbits := 0; nbits <= len(data)*8; nbits += 7 {
			var got, want bitWriter
			got.write(0b101101101101&(1<<lead-1), lead)
			want.write(0b101101101101&(1<<lead-1), lead)
			got.append(bitString{data: data, nbits: nbits})
			for i := range nbits {
				want.write(uint64(data[i/8]>>(i%8)&1), 1)
			}
			got.flush()
			want.flush()
			if !bytes.Equal(got.buf, want.buf) {
				t.Fatalf("%d bits after %d: % x, want % x", nbits, lead, got.buf, want.buf)
			}
		}
	}
}
