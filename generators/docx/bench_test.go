package docx

import (
	"bytes"
	"testing"

	"pilotpack/internal/document"
)

func benchmarkWrite(b *testing.B, pages int) {
	d, _ := document.Parse([]byte(document.BenchmarkMarkdown(pages)), "zh")
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, d, Options{Date: date}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KiB")
}

func BenchmarkDOCX10Pages(b *testing.B)  { benchmarkWrite(b, 10) }
func BenchmarkDOCX100Pages(b *testing.B) { benchmarkWrite(b, 100) }

// BenchmarkRead reads a 10-page document back, its parts written again to
// check them included.
func BenchmarkRead(b *testing.B) {
	d, _ := document.Parse([]byte(document.BenchmarkMarkdown(10)), "zh")
	var buf bytes.Buffer
	if err := Write(&buf, d, Options{Date: date}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Read(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
