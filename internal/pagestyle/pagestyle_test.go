package pagestyle

import (
	"fmt"
	"math"
	"testing"
)

func TestA4(t *testing.T) {
	s := A4
	if s.Left < MM(30)-0.01 {
		t.Errorf("left margin %.1f mm; bound dossiers need at least 30 mm", s.Left*25.4/72)
	}
	if got := s.TextWidth(); math.Abs(got-453.55) > 0.01 {
		t.Errorf("text width %.2f pt", got)
	}
	if s.StampBaseline >= s.FooterBaseline || s.FooterBaseline >= s.Bottom {
		t.Error("the stamp must sit below the footer, the footer in the bottom margin")
	}
	if s.Heading(0) != s.Headings[0] || s.Heading(9) != s.Headings[3] {
		t.Error("heading levels are not clamped")
	}
	if Twips(s.PageWidth) != 11906 || Twips(s.Left) != 1701 {
		t.Errorf("A4 in twips: %d, left %d", Twips(s.PageWidth), Twips(s.Left))
	}
}

func TestColumnWidths(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cols  []Column
		width float64
		want  []float64
	}{
		{"every cell fits on a line: one-line widths stretched alike", []Column{{Min: 10, Max: 20}, {Min: 10, Max: 60}}, 160, []float64{40, 120}},
		{"text wraps: minimums, then the rest by how much more each needs", []Column{{Min: 20, Max: 30}, {Min: 40, Max: 240}}, 200, []float64{20 + 140*10.0/210, 40 + 140*200.0/210}},
		{"an empty column stays at its header's width", []Column{{Min: 30, Max: 30, Empty: true}, {Min: 50, Max: 400}}, 300, []float64{30, 270}},
		{"hints share the width", []Column{{Min: 10, Max: 50, Hint: 1}, {Min: 10, Max: 50, Hint: 3}}, 200, []float64{50, 150}},
		{"a hint never makes a word break", []Column{{Min: 80, Max: 80, Hint: 1}, {Min: 10, Max: 500, Hint: 9}, {Min: 10, Max: 500, Hint: 10}}, 400, []float64{80, 320 * 9.0 / 19, 320 * 10.0 / 19}},
		{"an empty hinted column keeps its share, to be written in", []Column{{Min: 20, Max: 24, Empty: true, Hint: 5}, {Min: 10, Max: 500, Hint: 5}}, 200, []float64{100, 100}},
		{"minimums too wide: the widest give way first", []Column{{Min: 100, Max: 100}, {Min: 300, Max: 300}}, 200, []float64{100, 100}},
		{"minimums too wide: cut to one level", []Column{{Min: 45, Max: 60}, {Min: 82, Max: 82}, {Min: 210, Max: 210}, {Min: 200, Max: 200}}, 500, []float64{45, 82, 186.5, 186.5}},
		{"minimums far too wide: all alike", []Column{{Min: 100, Max: 100}, {Min: 300, Max: 300}}, 100, []float64{50, 50}},
	} {
		got := ColumnWidths(tc.cols, tc.width)
		sum := 0.0
		for i := range got {
			sum += got[i]
			if math.Abs(got[i]-tc.want[i]) > 0.01 {
				t.Errorf("%s: %v, want %v", tc.name, fmt.Sprintf("%.2f", got), fmt.Sprintf("%.2f", tc.want))
				break
			}
		}
		if math.Abs(sum-tc.width) > 0.01 {
			t.Errorf("%s: widths add up to %.2f, not %.2f", tc.name, sum, tc.width)
		}
	}
	if len(ColumnWidths(nil, 100)) != 0 {
		t.Error("no columns, some widths")
	}
}

func TestNumeric(t *testing.T) {
	for s, want := range map[string]bool{
		"12": true, "1,288": true, "3.8": true, "-150": true, "+5": true, "65%": true, " 42 ": true, "−2": true,
		"": false, "1.": false, ".5": false, "QS-001": false, "20 mg": false, "第3条": false, "2030-10-31": false, "%": false,
	} {
		if got := Numeric(s); got != want {
			t.Errorf("Numeric(%q) = %v, want %v", s, got, want)
		}
	}
}
