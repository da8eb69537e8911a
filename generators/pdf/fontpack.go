package pdf

import (
	"container/heap"
	"encoding/binary"
	"hash/adler32"
	"slices"
)

// Every file of a book embeds its own subset of each face, and compressing
// each of them anew would cost more than all the rest of a packet's
// drawing. Outlines have few repeats for a deflater to find, so a subset is
// packed by Huffman coding alone (to about 82 % of its size), with one code
// per face for the whole book: each numbered glyph's outline is coded once,
// and a file's font stream is one deflate block of the code's header, the
// file's own tables coded as they are written, its glyphs' codes laid end
// to end, and the end-of-block code. The zlib checksum is combined from
// each piece's.

// packedFace is one face's code over a book, with every numbered glyph's
// outline (its padded bytes) coded.
type packedFace struct {
	lengths [numLiterals]uint8  // code lengths of the bytes and end-of-block
	codes   [numLiterals]uint16 // the codes, bit-reversed for writing
	header  bitString           // the block's header, code included
	glyphs  []bitString         // by new glyph id, 0 the .notdef
	sums    []uint32            // checksum of each padded outline
	adlers  []uint32            // zlib's adler-32 of each padded outline
	sizes   []int               // each padded outline's length
}

const (
	numLiterals = 257 // the 256 bytes and end-of-block
	endOfBlock  = 256
	maxCodeLen  = 15
)

// bitString is bits as deflate writes them, least significant first.
type bitString struct {
	data  []byte
	nbits int
}

// packFace codes the outlines of the glyphs g numbers in face.
func packFace(face *Face, g *glyphs) *packedFace {
	p := &packedFace{}
	outlines := make([][]byte, len(g.runes)+1)
	outlines[0] = padded(face.glyphData(face.gid(0)))
	for i, r := range g.runes {
		outlines[i+1] = padded(face.glyphData(face.gid(r)))
	}
	// Every byte gets a code, as the file's other tables may hold any.
	var freq [numLiterals]int
	for i := range freq {
		freq[i] = 1
	}
	for _, o := range outlines {
		for _, c := range o {
			freq[c]++
		}
	}
	p.lengths = codeLengths(freq[:], maxCodeLen)
	p.codes = canonicalCodes(p.lengths[:])
	p.header = p.blockHeader()
	p.glyphs = make([]bitString, len(outlines))
	p.sums = make([]uint32, len(outlines))
	p.adlers = make([]uint32, len(outlines))
	p.sizes = make([]int, len(outlines))
	// The codes are written into one buffer, each outline in room for its
	// longest coding (and a byte for the bits left over).
	longest := int(slices.Max(p.lengths[:]))
	room := func(o []byte) int { return (len(o)*longest+7)/8 + 1 }
	total := 0
	for _, o := range outlines {
		total += room(o)
	}
	arena := make([]byte, total)
	for i, o := range outlines {
		var w bitWriter
		n := room(o)
		w.buf, arena = arena[:0:n], arena[n:]
		p.code(&w, o)
		p.glyphs[i] = w.bits()
		p.sums[i] = checksum(o)
		p.adlers[i] = adler32.Checksum(o)
		p.sizes[i] = len(o)
	}
	return p
}

func padded(b []byte) []byte {
	if len(b)%4 == 0 {
		return b
	}
	return append(slices.Clone(b), make([]byte, 4-len(b)%4)...)
}

// file returns the zlib stream of the subset s, whose glyphs are numbered
// as the book's (no composites renumbered), and the font's length.
func (p *packedFace) file(s *subsetFont) ([]byte, int) {
	glyfLen, glyfSum := 0, uint32(0)
	for gid, old := range s.order {
		if old != emptyGlyph {
			glyfLen += p.sizes[gid]
			glyfSum += p.sums[gid]
		}
	}
	before, after := fontParts(s.tables, glyfLen, glyfSum)
	var w bitWriter
	w.buf = make([]byte, 0, 2+(glyfLen+len(before)+len(after))*7/8+len(p.header.data)+8)
	w.buf = append(w.buf, 0x78, 0x01) // zlib: deflate, 32 KB window, fastest
	w.append(p.header)
	p.code(&w, before)
	sum := adler32.Checksum(before)
	for gid, old := range s.order {
		if old != emptyGlyph {
			w.append(p.glyphs[gid])
			sum = adler32Combine(sum, p.adlers[gid], p.sizes[gid])
		}
	}
	p.code(&w, after)
	sum = adler32Combine(sum, adler32.Checksum(after), len(after))
	w.write(uint64(p.codes[endOfBlock]), uint(p.lengths[endOfBlock]))
	w.flush()
	return binary.BigEndian.AppendUint32(w.buf, sum), len(before) + glyfLen + len(after)
}

// code writes the bytes of b in the face's code. Codes are at most 15
// bits, so six bytes go out whenever 48 bits have gathered.
func (p *packedFace) code(w *bitWriter, b []byte) {
	acc, n, buf := w.acc, w.nacc, w.buf
	for _, c := range b {
		acc |= uint64(p.codes[c]) << n
		n += uint(p.lengths[c])
		if n >= 48 {
			buf = append(buf, byte(acc), byte(acc>>8), byte(acc>>16), byte(acc>>24), byte(acc>>32), byte(acc>>40))
			acc >>= 48
			n -= 48
		}
	}
	w.acc, w.nacc, w.buf = acc, n, buf
}

// blockHeader is a final dynamic-Huffman block's header (RFC 1951, 3.2.7)
// with the face's code: 257 literal/length codes, one distance code of one
// bit (never used), and the code lengths written with a code-length code
// that gives each of the lengths 0–15 four bits.
func (p *packedFace) blockHeader() bitString {
	var w bitWriter
	w.write(1, 1)  // BFINAL
	w.write(2, 2)  // BTYPE: dynamic Huffman codes
	w.write(0, 5)  // HLIT: 257 codes
	w.write(0, 5)  // HDIST: 1 code
	w.write(15, 4) // HCLEN: all 19 code-length codes
	// The code-length code's lengths, in the order RFC 1951 gives: 16, 17
	// and 18 unused, 0–15 four bits each.
	for _, sym := range [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15} {
		if sym >= 16 {
			w.write(0, 3)
		} else {
			w.write(4, 3)
		}
	}
	var cl [19]uint8
	for i := range 16 {
		cl[i] = 4
	}
	clCodes := canonicalCodes(cl[:])
	for _, l := range p.lengths {
		w.write(uint64(clCodes[l]), 4)
	}
	w.write(uint64(clCodes[1]), 4) // the one distance code: one bit
	return w.bits()
}

// bitWriter writes bits least significant first, as deflate packs them.
type bitWriter struct {
	buf  []byte
	acc  uint64
	nacc uint
}

func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

// append writes a bit string. Off a byte boundary, each of its bytes is
// shifted by the same few bits: eight at a time, as one word, carrying
// the bits shifted out into the next.
func (w *bitWriter) append(b bitString) {
	for w.nacc >= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
	full := b.nbits / 8
	data := b.data[:full]
	if w.nacc == 0 {
		w.buf = append(w.buf, data...)
	} else {
		s := w.nacc
		carry := w.acc // its low s bits
		at := len(w.buf)
		w.buf = slices.Grow(w.buf, len(data))[:at+len(data)]
		out := w.buf[at:]
		for len(data) >= 8 {
			v := binary.LittleEndian.Uint64(data)
			binary.LittleEndian.PutUint64(out, v<<s|carry)
			carry = v >> (64 - s)
			data, out = data[8:], out[8:]
		}
		for i, c := range data {
			out[i] = byte(carry) | c<<s
			carry = uint64(c) >> (8 - s)
		}
		w.acc = carry
	}
	if rest := b.nbits % 8; rest > 0 {
		w.write(uint64(b.data[full])&(1<<rest-1), uint(rest))
	}
}

// flush writes the last bits, padded to a byte.
func (w *bitWriter) flush() {
	for w.nacc > 0 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.nacc -= min(w.nacc, 8)
	}
	w.acc = 0
}

// bits returns what was written as a bit string.
func (w *bitWriter) bits() bitString {
	for w.nacc >= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
	n := len(w.buf)*8 + int(w.nacc)
	data := w.buf
	if w.nacc > 0 {
		data = append(data, byte(w.acc))
	}
	return bitString{data: data, nbits: n}
}

// adler32Combine is the adler-32 of two pieces joined, from theirs and the
// second's length (as zlib's adler32_combine).
func adler32Combine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := (rem * sum1) % base
	sum1 += (a2 & 0xffff) + base - 1
	sum2 += (a1 >> 16) + (a2 >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}

// codeLengths returns Huffman code lengths for the frequencies (all
// positive), none longer than limit: when the optimal code is deeper, the
// frequencies are flattened and the code built again.
func codeLengths(freq []int, limit int) [numLiterals]uint8 {
	f := slices.Clone(freq)
	for {
		lengths, depth := huffman(f)
		if depth <= limit {
			var out [numLiterals]uint8
			copy(out[:], lengths)
			return out
		}
		for i := range f {
			f[i] = (f[i] + 1) / 2
		}
	}
}

type node struct {
	freq        int
	sym         int // -1 for an inner node
	left, right *node
}

type nodeHeap []*node

func (h nodeHeap) Len() int { return len(h) }
func (h nodeHeap) Less(i, j int) bool {
	if h[i].freq != h[j].freq {
		return h[i].freq < h[j].freq
	}
	return h[i].sym < h[j].sym // a fixed order: the same code every run
}
func (h nodeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *nodeHeap) Push(x any)   { *h = append(*h, x.(*node)) }
func (h *nodeHeap) Pop() any {
	old := *h
	n := old[len(old)-1]
	*h = old[:len(old)-1]
	return n
}

// huffman returns optimal code lengths for the frequencies, and the
// deepest.
func huffman(freq []int) ([]uint8, int) {
	h := make(nodeHeap, len(freq))
	for i, f := range freq {
		h[i] = &node{freq: f, sym: i}
	}
	heap.Init(&h)
	next := len(freq)
	for h.Len() > 1 {
		a, b := heap.Pop(&h).(*node), heap.Pop(&h).(*node)
		heap.Push(&h, &node{freq: a.freq + b.freq, sym: next, left: a, right: b})
		next++
	}
	lengths := make([]uint8, len(freq))
	depth := 0
	var walk func(n *node, d int)
	walk = func(n *node, d int) {
		if n.left == nil {
			lengths[n.sym] = uint8(max(d, 1))
			depth = max(depth, d)
			return
		}
		walk(n.left, d+1)
		walk(n.right, d+1)
	}
	walk(heap.Pop(&h).(*node), 0)
	return lengths, depth
}

// canonicalCodes returns the canonical Huffman codes of the lengths (RFC
// 1951, 3.2.2), bit-reversed for writing least significant first.
func canonicalCodes(lengths []uint8) [numLiterals]uint16 {
	var count [maxCodeLen + 1]int
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [maxCodeLen + 2]int
	code := 0
	for bits := 1; bits <= maxCodeLen; bits++ {
		code = (code + count[bits-1]) << 1
		next[bits] = code
	}
	var out [numLiterals]uint16
	for i, l := range lengths {
		if l == 0 {
			continue
		}
		c := next[l]
		next[l]++
		// Reverse the l bits of c.
		r := 0
		for b := 0; b < int(l); b++ {
			r = r<<1 | (c>>b)&1
		}
		out[i] = uint16(r)
	}
	return out
}
