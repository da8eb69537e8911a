package document

import (
	"strings"
	"testing"
)

func TestSmarten(t *testing.T) {
	join := func(spans []Span) string {
		var b strings.Builder
		for _, s := range spans {
			b.WriteString(s.Text + "|")
		}
		return b.String()
	}
	for _, tt := range []struct {
		in   []Span
		want string
	}{
		// Straight quotes beside Chinese text curl, across spans.
		{[]Span{{Text: "持有人"}, {Text: `"分段生产`, Bold: true}, {Text: `"是指`}}, "持有人|“分段生产|”是指|"},
		// In Chinese text, between Latin letters they stay straight (see smarten).
		{[]Span{{Text: "Party A", Bold: true}, {Text: "'s obligations"}}, "Party A|'s obligations|"},
		// One stop ends an abbreviation and its sentence, across spans.
		{[]Span{{Text: "Co., Ltd.", Bold: true}, {Text: "."}}, "Co., Ltd.||"},
		{[]Span{{Text: "完成。。"}}, "完成。|"},
		{[]Span{{Text: "to be continued..."}}, "to be continued...|"},
		// Code is left alone.
		{[]Span{{Text: `称"`}, {Text: `x..y"`, Code: true}}, "称“|x..y\"|"},
	} {
		if got := join(Smarten(tt.in, false)); got != tt.want {
			t.Errorf("%q: got %q, want %q", join(tt.in), got, tt.want)
		}
	}
	in := []Span{{Text: "Co., Ltd."}, {Text: "."}}
	Smarten(in, false)
	if in[1].Text != "." {
		t.Error("smarten changed its argument")
	}
}

func TestSmartenLatin(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`the "Contract Giver"`, "the “Contract Giver”"},
		{`the People's Republic`, "the People’s Republic"},
		{`'quoted' words`, "‘quoted’ words"},
	} {
		got := Smarten([]Span{{Text: tt.in}}, true)
		if got[0].Text != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got[0].Text, tt.want)
		}
	}
}
