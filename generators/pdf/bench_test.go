package pdf

import (
	"bytes"
	"testing"

	"pilotpack/internal/document"
)

func benchmarkWrite(b *testing.B, pages int) {
	d, _ := document.Parse([]byte(document.BenchmarkMarkdown(pages)), "zh")
	if _, err := DefaultFonts(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	var res *Result
	for b.Loop() {
		buf.Reset()
		var err error
		if res, err = Write(&buf, d, Options{Date: date}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.ReportMetric(float64(buf.Len())/1024, "KiB")
}

func BenchmarkPDF10Pages(b *testing.B)  { benchmarkWrite(b, 10) }
func BenchmarkPDF100Pages(b *testing.B) { benchmarkWrite(b, 100) }
