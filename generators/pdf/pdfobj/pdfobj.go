// Package pdfobj is a typed model of PDF objects (ISO 32000-1, 7.3) and a
// writer of whole files from them. The PDF writer builds every file it makes
// from these values: its own pages, fonts, outlines and metadata, and the
// objects of PDFs from elsewhere it copies in. Nothing is ever spliced into
// or cut out of serialised bytes.
package pdfobj

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Object is a PDF object: Null, Bool, Int, Real, Name, Text, Bytes, Hex,
// Array, Ints, Dict or Ref. Streams are indirect objects of their own (File.PutStream).
type Object interface {
	appendTo(b []byte) []byte
}

type (
	// Null is the null object.
	Null struct{}
	// Bool is a boolean.
	Bool bool
	// Int is an integer.
	Int int
	// Real is a real number, written with at most four decimals.
	Real float64
	// Name is a name, written with a leading slash.
	Name string
	// Text is a text string (7.9.2.2): ASCII as a literal string, anything
	// else as UTF-16BE with a byte order mark.
	Text string
	// Bytes is a byte string, written as a literal string.
	Bytes []byte
	// Hex is a byte string written in hexadecimal.
	Hex []byte
	// Array is an array.
	Array []Object
	// Ints is an array of integers, kept as they are rather than boxed
	// one by one as an Array's would be (a font's widths hold thousands).
	Ints []int
	// Dict is a dictionary; its keys are written in sorted order, so that
	// the same dictionary always gives the same bytes.
	Dict map[Name]Object
	// Ref is a reference to the indirect object with that number.
	Ref int
)

func (Null) appendTo(b []byte) []byte { return append(b, "null"...) }

func (v Bool) appendTo(b []byte) []byte { return strconv.AppendBool(b, bool(v)) }

func (v Int) appendTo(b []byte) []byte { return strconv.AppendInt(b, int64(v), 10) }

func (v Real) appendTo(b []byte) []byte {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		f = 0
	}
	f = math.Round(f*10000) / 10000
	if f == 0 {
		f = 0 // no "-0"
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

func (v Name) appendTo(b []byte) []byte {
	b = append(b, '/')
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < '!' || c > '~' || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			b = fmt.Appendf(b, "#%02X", c)
			continue
		}
		b = append(b, c)
	}
	return b
}

func (v Text) appendTo(b []byte) []byte {
	ascii := true
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return Bytes(v).appendTo(b)
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(string(v))) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return append(b, '>')
}

func (v Bytes) appendTo(b []byte) []byte {
	b = append(b, '(')
	for _, c := range v {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

func (v Hex) appendTo(b []byte) []byte {
	b = append(b, '<')
	for _, c := range v {
		b = append(b, "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15])
	}
	return append(b, '>')
}

func (v Array) appendTo(b []byte) []byte {
	b = append(b, '[')
	for i, o := range v {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendObject(b, o)
	}
	return append(b, ']')
}

func (v Ints) appendTo(b []byte) []byte {
	b = append(b, '[')
	for i, n := range v {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ']')
}

func (v Dict) appendTo(b []byte) []byte {
	keys := make([]Name, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, "<<"...)
	for _, k := range keys {
		b = append(b, ' ')
		b = k.appendTo(b)
		b = append(b, ' ')
		b = appendObject(b, v[k])
	}
	return append(b, " >>"...)
}

func (v Ref) appendTo(b []byte) []byte {
	b = strconv.AppendInt(b, int64(v), 10)
	return append(b, " 0 R"...)
}

func appendObject(b []byte, o Object) []byte {
	if o == nil {
		return Null{}.appendTo(b)
	}
	return o.appendTo(b)
}

// Serialize returns an object's PDF syntax.
func Serialize(o Object) string { return string(appendObject(nil, o)) }

// Rect is an array of four numbers, a rectangle.
func Rect(x1, y1, x2, y2 float64) Array { return Array{Real(x1), Real(y1), Real(x2), Real(y2)} }

// File is a PDF file being written: a header, indirect objects in any order,
// then the cross-reference table and the trailer.
type File struct {
	out     []byte
	offsets []int // by object number; 0 for reserved, not yet written
	discard bool
}

// NewFile starts a file of the given version ("1.7") with room for about
// size bytes.
func NewFile(version string, size int) *File {
	f := &File{offsets: []int{0}, out: make([]byte, 0, size)}
	// The comment of high bytes marks the file as binary for transfer tools.
	f.out = append(f.out, "%PDF-"+version+"\n%\xe2\xe3\xcf\xd3\n"...)
	return f
}

// Discard starts a file that numbers the objects put into it and keeps
// none: for a check that objects can be copied (a PDF from elsewhere),
// without the cost of writing them out. Finish refuses it.
func Discard() *File { return &File{offsets: []int{0}, discard: true} }

// Reserve allocates an object number, for an object written later.
func (f *File) Reserve() Ref {
	f.offsets = append(f.offsets, 0)
	return Ref(len(f.offsets) - 1)
}

// Put writes object o as the indirect object r.
func (f *File) Put(r Ref, o Object) {
	if f.discard {
		f.offsets[r] = 1
		return
	}
	f.offsets[r] = len(f.out)
	f.out = strconv.AppendInt(f.out, int64(r), 10)
	f.out = append(f.out, " 0 obj\n"...)
	f.out = appendObject(f.out, o)
	f.out = append(f.out, "\nendobj\n"...)
}

// Add writes o as a new indirect object and returns its reference.
func (f *File) Add(o Object) Ref {
	r := f.Reserve()
	f.Put(r, o)
	return r
}

// PutStream writes a stream as the indirect object r: its dictionary (its
// /Length is set here) and its data, encoded as the dictionary's /Filter
// says.
func (f *File) PutStream(r Ref, d Dict, data []byte) {
	if f.discard {
		f.offsets[r] = 1
		return
	}
	f.offsets[r] = len(f.out)
	f.out = strconv.AppendInt(f.out, int64(r), 10)
	f.out = append(f.out, " 0 obj\n"...)
	d2 := make(Dict, len(d)+1)
	for k, v := range d {
		d2[k] = v
	}
	d2["Length"] = Int(len(data))
	f.out = d2.appendTo(f.out)
	f.out = append(f.out, "\nstream\n"...)
	f.out = append(f.out, data...)
	f.out = append(f.out, "\nendstream\nendobj\n"...)
}

// AddStream writes a new stream object and returns its reference.
func (f *File) AddStream(d Dict, data []byte) Ref {
	r := f.Reserve()
	f.PutStream(r, d, data)
	return r
}

// Finish writes the cross-reference table and the trailer, with the file
// identifier derived from the file's content (so that the same file gets
// the same identifier), and returns the file. Every reserved object must
// have been written.
func (f *File) Finish(root, info Ref) ([]byte, error) {
	if f.discard {
		return nil, errors.New("a file that discards its objects cannot be finished")
	}
	for n, off := range f.offsets[1:] {
		if off == 0 {
			return nil, fmt.Errorf("object %d reserved but not written", n+1)
		}
	}
	// Two hardware-assisted checksums of the content stand in for hashing
	// megabytes: the identifier only has to tell files apart.
	var seed []byte
	seed = binary.BigEndian.AppendUint32(seed, crc32.Checksum(f.out, crc32.MakeTable(crc32.Castagnoli)))
	seed = binary.BigEndian.AppendUint32(seed, crc32.ChecksumIEEE(f.out))
	seed = binary.BigEndian.AppendUint64(seed, uint64(len(f.out)))
	sum := sha256.Sum256(seed)
	id := Hex(sum[:16])
	xref := len(f.out)
	f.out = fmt.Appendf(f.out, "xref\n0 %d\n0000000000 65535 f \n", len(f.offsets))
	for _, off := range f.offsets[1:] {
		f.out = fmt.Appendf(f.out, "%010d 00000 n \n", off)
	}
	trailer := Dict{"Size": Int(len(f.offsets)), "Root": root, "Info": info, "ID": Array{id, id}}
	f.out = append(f.out, "trailer\n"...)
	f.out = trailer.appendTo(f.out)
	f.out = fmt.Appendf(f.out, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return f.out, nil
}
