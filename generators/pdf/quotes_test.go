package pdf

import (
	"strings"
	"testing"

	"pilotpack/internal/document"
	"pilotpack/internal/lang"
	"pilotpack/internal/testtool"
)

// TestLatinQuotes: English text is set with the fonts' proportional quotes,
// Chinese text with their full-width ones, and a font without them keeps
// the glyphs its character map gives.
func TestLatinQuotes(t *testing.T) {
	fonts, err := DefaultFonts()
	if err != nil {
		t.Fatal(err)
	}
	if fonts.latin() != fonts.latin() {
		t.Fatal("the Latin fonts of the same fonts differ: a book's documents would not share them")
	}
	for _, face := range []*Face{fonts.Serif, fonts.SerifBold, fonts.Sans, fonts.SansBold} {
		l := face.latin()
		for _, r := range latinQuotes {
			if w := face.Width(r); w != 1000 {
				t.Errorf("%s: %q is %d wide for Chinese text, want the full em", face.Name, r, w)
			}
			if w := l.Width(r); w < 150 || w > 600 {
				t.Errorf("%s: %q is %d wide for English text, want a proportional glyph", face.Name, r, w)
			}
			if l.gid(r) == face.gid(r) {
				t.Errorf("%s: %q has the same glyph in English as in Chinese", face.Name, r)
			}
		}
		if l.Width('A') != face.Width('A') || l.gid('中') != face.gid('中') {
			t.Errorf("%s: the Latin variant changed other characters", face.Name)
		}
	}
	for _, in := range [][]byte{nil, {0, 1}, make([]byte, 10), {0, 1, 0, 0, 0, 10, 0, 10, 0xff, 0xff}} {
		if got := singleSubstitutions(in, "pwid", []uint16{1, 2}); len(got) != 0 {
			t.Errorf("a malformed GSUB table %v gave %v", in, got)
		}
	}
}

// TestLatinQuotesInTheTextLayer: an English PDF draws its quotes with the
// proportional glyphs and its text layer reads the quotes and the words
// round them whole; a Chinese PDF keeps the full-width ones.
func TestLatinQuotesInTheTextLayer(t *testing.T) {
	src := "Party A (the \"Contract Giver\") and the People's Republic.\n"
	en, _ := document.Parse([]byte(src), lang.En)
	_, _, path := write(t, en, Options{})
	got := testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	for _, want := range []string{"(the “Contract Giver”)", "People’s Republic"} {
		if !strings.Contains(got, want) {
			t.Errorf("the English text layer lacks %q:\n%s", want, got)
		}
	}
	fonts := mustFonts(t)
	if w := fonts.latin().Serif.Width('“'); w >= 1000 {
		t.Errorf("the English face's “ is %d wide", w)
	}
	zh, err := Layout(mustParse("甲方（“委托方”）\n"), Options{Fonts: fonts})
	if err != nil {
		t.Fatal(err)
	}
	if zh.opts.Fonts != fonts {
		t.Error("a Chinese document is set in the Latin faces")
	}
	enLaid, err := Layout(en, Options{Fonts: fonts})
	if err != nil {
		t.Fatal(err)
	}
	if enLaid.opts.Fonts != fonts.latin() {
		t.Error("an English document is not set in the Latin faces")
	}
}

// unhalfText is text as it reads: half forms as their marks.
func unhalfText(s string) string {
	return strings.Map(unhalf, s)
}

// TestHalfFormsReadWhole: a compressed closing mark is drawn as its half
// form, whose box in the text layer ends where the next character starts,
// so text extraction reads "）；" and "）。" where they stand, in running
// text and in table cells, and maps the half forms back to the marks.
func TestHalfFormsReadWhole(t *testing.T) {
	src := "| 生产阶段 | 关键工艺参数与中间控制 | 批号规则 |\n|---|---|---|\n" +
		"| 偶联 | 药物抗体比（DAR 3.8±0.3）；游离药物残留；聚体含量 | 偶联原液批号 HTC-年份-序号 |\n\n" +
		"已完成毒素残留清洁验证（可接受限度按 PDE 计算）。委托方应当审核（见《规范》）。\n"
	_, _, path := write(t, mustParse(src), Options{})
	got := testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	for _, want := range []string{"3.8±0.3）；游离", "PDE 计算）。委托方", "范》）。"} {
		if !strings.Contains(got, want) {
			t.Errorf("the text layer does not read %q:\n%s", want, got)
		}
	}
	if strings.ContainsFunc(got, isHalf) {
		t.Errorf("a half form reaches the text layer:\n%s", got)
	}
}
