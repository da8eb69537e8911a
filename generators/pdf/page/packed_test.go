package page

import (
	"math"
	"reflect"
	"testing"
)

func TestPackRoundTrip(t *testing.T) {
	red := Color{1, 0, 0}
	negZero := math.Copysign(0, -1)
	tests := []struct {
		name  string
		pages []*Page
	}{
		{"none", nil},
		{"empty page", []*Page{{Width: 595.28, Height: 841.89}}},
		{"text runs sharing a baseline and a style", []*Page{{Width: 595.28, Height: 841.89, Items: []Item{
			Text{X: 56.7, Y: 100.25, Font: 1, Size: 10.5, Width: 31.5, Ascent: 9.1, Descent: 2.3, Color: Gray(0.2), Text: "质量协议"},
			Text{X: 88.2, Y: 100.25, Font: 1, Size: 10.5, Width: 12, Ascent: 9.1, Descent: 2.3, Color: Gray(0.2), Spacing: 0.125, Text: "and"},
			Text{X: 100.2, Y: 112.5, Font: 2, Size: 9, Width: 5, Color: red, Italic: true, Text: "□", Actual: "𠀀"},
		}}}},
		{"numbers kept to the bit", []*Page{{Items: []Item{
			Text{X: negZero, Y: negZero, Spacing: negZero, Size: math.SmallestNonzeroFloat64, Width: math.MaxFloat64, Text: ""},
			Text{X: 1, Y: 0, Text: "y is zero, not the previous baseline"},
		}}}},
		{"every kind of item", []*Page{{Width: 10, Height: 20, Items: []Item{
			Rule{X1: 1, Y1: 2, X2: 3, Y2: 4, Width: 0.5, Color: red, Dash: []float64{3, 1.5}},
			Rule{Width: 1, Dash: []float64{}},
			Box{X: 1, Y: 2, W: 3, H: 4, Fill: &red, Stroke: 0.25, StrokeColor: Gray(0.5)},
			Box{X: 5, W: 1, H: 1},
			Link{X: 1, Y: 2, W: 3, H: 4, URL: "https://example.cn/a?b=c"},
			Link{Dest: "audit"},
			Dest{ID: "audit", Y: 300.5},
			Bookmark{Title: "第十二条 审计", Level: 2, Y: 290},
			Bookmark{Title: "odd", Level: -1},
			Group{Rotate: 45, X: 297, Y: 420, Items: []Item{
				Text{X: 1, Y: 2, Font: 0, Size: 80, Color: Gray(0.9), Text: "草稿"},
				Group{Items: []Item{Rule{Width: 2}}},
				Group{},
			}},
		}}, {Width: 10, Height: 20, Items: []Item{
			Text{X: 9, Y: 2, Font: 1, Size: 10.5, Color: red, Text: "second page, style seen before"},
		}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			packed, err := Pack(tc.pages)
			if err != nil {
				t.Fatal(err)
			}
			if packed.Len() != len(tc.pages) {
				t.Errorf("Len() = %d, want %d", packed.Len(), len(tc.pages))
			}
			got, err := packed.Unpack()
			if err != nil {
				t.Fatal(err)
			}
			if len(tc.pages) == 0 && len(got) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.pages) {
				t.Errorf("unpacked pages differ:\n got %#v\nwant %#v", got, tc.pages)
			}
			// DeepEqual takes -0 for 0: compare the bits where it matters.
			if tc.name == "numbers kept to the bit" {
				first := got[0].Items[0].(Text)
				for _, v := range []float64{first.X, first.Y, first.Spacing} {
					if !math.Signbit(v) {
						t.Errorf("negative zero came back as %v", v)
					}
				}
				if second := got[0].Items[1].(Text); math.Signbit(second.Y) {
					t.Errorf("a zero baseline after a negative zero one came back negative")
				}
			}
		})
	}
}

func TestPackRefusesUnknownItems(t *testing.T) {
	if _, err := Pack([]*Page{{Items: []Item{&Text{Text: "a pointer"}}}}); err == nil {
		t.Error("Pack took a pointer to a text run, which drawing would not draw")
	}
}

func TestPackIsSmall(t *testing.T) {
	var items []Item
	for i := range 100 {
		items = append(items, Text{X: float64(i) * 10.5, Y: float64(i/10) * 14, Font: 1, Size: 10.5, Width: 10.5,
			Ascent: 9.1, Descent: 2.3, Color: Gray(0), Text: "协议"})
	}
	packed, err := Pack([]*Page{{Width: 595.28, Height: 841.89, Items: items}})
	if err != nil {
		t.Fatal(err)
	}
	// A run in memory is a 128-byte value behind an interface; packed,
	// a short run is its position, width, text and a few bytes.
	if per := packed.Size() / len(items); per > 40 {
		t.Errorf("a short text run takes %d bytes packed, want at most 40", per)
	}
}

func TestUnpackDamaged(t *testing.T) {
	packed, err := Pack([]*Page{{Width: 1, Height: 2, Items: []Item{
		Text{X: 1, Y: 2, Size: 3, Text: "abc"}, Box{Fill: &Color{1, 1, 1}, Dash: []float64{1}},
		Group{Items: []Item{Bookmark{Title: "t"}}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	for n := range packed.Size() {
		cut := Packed{data: packed.data[:n], pages: 1}
		if _, err := cut.Unpack(); err == nil {
			t.Errorf("pages cut to %d of %d bytes unpacked without an error", n, packed.Size())
		}
	}
	longer := Packed{data: packed.data + "\x00", pages: 1}
	if _, err := longer.Unpack(); err == nil {
		t.Error("pages with a byte too many unpacked without an error")
	}
}

// FuzzUnpack checks that damaged packed pages are an error, never a panic
// or a hang, and that pages that do unpack pack back to the same bytes.
func FuzzUnpack(f *testing.F) {
	seed, _ := Pack([]*Page{{Width: 1, Height: 2, Items: []Item{
		Text{X: 1, Y: 2, Size: 3, Text: "质量", Actual: "x"}, Rule{Dash: []float64{1, 2}},
		Box{Fill: &Color{1, 0, 0}}, Group{Items: []Item{Link{URL: "u"}, Dest{ID: "d"}}},
		Bookmark{Title: "b", Level: 1},
	}}})
	f.Add([]byte(seed.data), 1)
	f.Add([]byte{}, 0)
	f.Fuzz(func(t *testing.T, data []byte, pages int) {
		if pages < 0 || pages > 4 {
			return
		}
		got, err := Packed{data: string(data), pages: pages}.Unpack()
		if err != nil {
			return
		}
		again, err := Pack(got)
		if err != nil {
			t.Fatal(err)
		}
		back, err := again.Unpack()
		if err != nil {
			t.Fatalf("pages packed again do not unpack: %v", err)
		}
		// Compared packed, as numbers may be NaN.
		if third, _ := Pack(back); third.data != again.data {
			t.Errorf("pages packed again differ")
		}
	})
}
