// Package flatepool deflates at the fastest level with pooled compressors.
// A compressor holds about half a megabyte of tables; making one per zip
// entry or PDF stream (as archive/zip at its default level, fpdf and
// excelize do) costs more than the compression of a typical part. The
// outputs here are documents of a few hundred kilobytes, where the fastest
// level compresses almost as well as the default in half the time. The
// compressors are github.com/klauspost/compress's, whose fastest level
// deflates the packet's XML and page contents in under half the time of
// the standard library's at the same size.
package flatepool

import (
	"bytes"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
	"io"
	"sync"
)

var raw = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

var wrapped = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// Writer returns a deflating writer onto w; Close flushes it and gives the
// compressor back. Its signature is archive/zip's Compressor, for
// zip.Writer.RegisterCompressor(zip.Deflate, flatepool.Writer).
func Writer(w io.Writer) (io.WriteCloser, error) {
	fw := raw.Get().(*flate.Writer)
	fw.Reset(w)
	return &pooled{fw}, nil
}

type pooled struct{ *flate.Writer }

func (p *pooled) Close() error {
	if p.Writer == nil {
		return nil
	}
	err := p.Writer.Close()
	raw.Put(p.Writer)
	p.Writer = nil
	return err
}

var huffman = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.HuffmanOnly)
	return w
}}

// Zlib compresses data in the zlib format, as PDF's FlateDecode streams
// hold it.
func Zlib(data []byte) []byte { return compress(&wrapped, data, len(data)/3) }

// Huffman compresses data in the zlib format by Huffman coding alone, with
// no search for repeats: some fifteen times faster than Zlib, for data with
// few repeats to find, such as font outlines (which it packs to about 82 %
// where Zlib gets 69 %).
func Huffman(data []byte) []byte { return compress(&huffman, data, len(data)*7/8) }

func compress(pool *sync.Pool, data []byte, guess int) []byte {
	var buf bytes.Buffer
	buf.Grow(guess + 64)
	z := pool.Get().(*zlib.Writer)
	z.Reset(&buf)
	z.Write(data) // writes to a bytes.Buffer do not fail
	z.Close()
	pool.Put(z)
	return buf.Bytes()
}
