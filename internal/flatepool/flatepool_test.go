package flatepool

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"io"
	"strings"
	"sync"
	"testing"
)

func TestRoundTrips(t *testing.T) {
	text := []byte(strings.Repeat("生物制品分段生产试点 phased manufacturing ", 2000))
	var wg sync.WaitGroup
	for range 8 { // compressors come back to the pool and are reused at once
		wg.Go(func() {
			for _, compress := range []func([]byte) []byte{Zlib, Huffman} {
				r, err := zlib.NewReader(bytes.NewReader(compress(text)))
				if err != nil {
					t.Error(err)
					return
				}
				got, _ := io.ReadAll(r)
				if !bytes.Equal(got, text) {
					t.Error("zlib round trip differs")
				}
			}
		})
	}
	wg.Wait()

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, Writer)
	for _, name := range []string{"a.xml", "b.xml"} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(text)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		r, _ := f.Open()
		got, _ := io.ReadAll(r)
		if !bytes.Equal(got, text) {
			t.Errorf("%s differs after the zip round trip", f.Name)
		}
	}
}
