package pdf_test

import (
	"slices"
	"strings"
	"testing"

	"pilotpack/internal/testtool"
)

// TestJustifiedLinesDoNotGape reads every line of every fixture's PDFs in
// both languages from the text layer, as a reader sees it, and finds
// justified lines whose word spaces gape: a line of four words or more
// whose spaces are alike (a justified line's all stretch by as much; a row
// of table cells has gaps of every width) and wider than 0.55 of the
// words' height, about 0.8 em, where a space of the body text is a
// quarter em. Lines broken one at a time set such lines ("vation →
// anion/cation exchange chromatography → nanofiltration →"); breaking the
// paragraph as a whole leaves none.
func TestJustifiedLinesDoNotGape(t *testing.T) {
	testtool.Need(t, "pdftotext")
	each(t, func(f fixturePDF) {
		if strings.HasSuffix(f.name, "00-combined.pdf") {
			return // its documents' pages, again
		}
		d := textBoxes(t, f.path)
		for pi, p := range d.Pages {
			for _, l := range p.lines() {
				ws := l.Words
				if len(ws) < 4 {
					continue
				}
				gaps := make([]float64, len(ws)-1)
				for i := range gaps {
					gaps[i] = ws[i+1].XMin - ws[i].XMax
				}
				// Spaces alike: within half a point of each other. (A
				// line with an opening curly quote is not looked at: the
				// space before the quote gives up half an em to it.)
				widest := slices.Max(gaps)
				if h := ws[0].YMax - ws[0].YMin; widest-slices.Min(gaps) < 0.5 && widest > 0.55*h {
					var text []string
					for _, w := range ws {
						text = append(text, w.Text)
					}
					t.Errorf("%s page %d: spaces of %.2f × the words' height in %q", f.name, pi+1, widest/h, strings.Join(text, " "))
				}
			}
		}
	})
}
