package docx

import (
	"strings"
	"testing"

	"pilotpack/internal/document"
)

func TestSpaceHanLatin(t *testing.T) {
	for _, c := range []struct {
		in   []document.Span
		want []string
	}{
		{[]document.Span{{Text: "江川东路 1200 号"}}, []string{"江川东路1200号"}},
		{[]document.Span{{Text: "2029 年 10 月"}}, []string{"2029年10月"}},
		{[]document.Span{{Text: "ADC  偶联"}}, []string{"ADC偶联"}},
		// Spaces between words, before punctuation or symbols stay.
		{[]document.Span{{Text: "Party A: 上海"}}, []string{"Party A: 上海"}},
		{[]document.Span{{Text: "2–8 °C 避光"}}, []string{"2–8 °C避光"}},
		{[]document.Span{{Text: "第一章 总则"}}, []string{"第一章 总则"}},
		// A leading section number keeps its space; later ones do not.
		{[]document.Span{{Text: "1.1 定义"}}, []string{"1.1 定义"}},
		{[]document.Span{{Text: "4.2 工艺 3 步"}}, []string{"4.2 工艺3步"}},
		{[]document.Span{{Text: "见 1.1 定义"}}, []string{"见1.1定义"}},
		{[]document.Span{{Text: "the holder remains"}}, []string{"the holder remains"}},
		// Across spans, and never inside code.
		{[]document.Span{{Text: "编号 "}, {Text: "HY-QA", Bold: true}}, []string{"编号", "HY-QA"}},
		{[]document.Span{{Text: "上海"}, {Text: " Co"}}, []string{"上海", "Co"}},
		{[]document.Span{{Text: "运行 "}, {Text: "go test", Code: true}}, []string{"运行", "go test"}},
		{[]document.Span{{Text: "a b", Code: true}, {Text: "中"}}, []string{"a b", "中"}},
	} {
		got := spaceHanLatin(c.in)
		var texts []string
		for _, s := range got {
			texts = append(texts, s.Text)
		}
		if strings.Join(texts, "|") != strings.Join(c.want, "|") {
			t.Errorf("%v: got %q, want %q", c.in, texts, c.want)
		}
	}
	// A redline: each version is set as its own text would be.
	ins := func(s string) document.Span { return document.Span{Text: s, Mark: document.Inserted} }
	del := func(s string) document.Span { return document.Span{Text: s, Mark: document.Deleted} }
	for _, c := range []struct {
		in   []document.Span
		want []string
	}{
		// The label of the later version is inserted whole.
		{[]document.Span{del("1.1"), ins("1.2"), {Text: " 定义"}}, []string{"1.1", "1.2", " 定义"}},
		// Inserted text after deleted Latin: its space is between Han
		// characters in the later version.
		{[]document.Span{{Text: "中"}, del("b"), ins(" 中")}, []string{"中", "b", " 中"}},
		{[]document.Span{{Text: "有效期"}, del(" 5 "), ins("八"), {Text: "年"}}, []string{"有效期", "5", "八", "年"}},
		// A space both versions keep, and one only one of them drops.
		{[]document.Span{{Text: "Party "}, del("A"), ins("甲")}, []string{"Party ", "A", "甲"}},
		{[]document.Span{{Text: "第"}, ins("3"), {Text: " 条"}}, []string{"第", "3", " 条"}},
	} {
		got := spaceHanLatin(c.in)
		var texts []string
		for _, s := range got {
			texts = append(texts, s.Text)
		}
		if strings.Join(texts, "|") != strings.Join(c.want, "|") {
			t.Errorf("%v: got %q, want %q", c.in, texts, c.want)
		}
	}
	// The spans are left alone when nothing changes.
	in := []document.Span{{Text: "第一章 总则"}}
	if out := spaceHanLatin(in); &out[0] != &in[0] {
		t.Error("unchanged spans were copied")
	}
}

func TestTextWidth(t *testing.T) {
	for _, c := range []struct {
		s        string
		min, max float64 // in ems
	}{
		{"上海瀚源生物医药科技有限公司", 14, 14},
		{"（盖章）", 4, 4},
		{"Shanghai Hanyuan Co., Ltd.", 10, 16},
		{"", 0, 0},
	} {
		if w := textWidth(c.s, 1); w < c.min || w > c.max {
			t.Errorf("%q: %.2f em, want %.0f–%.0f", c.s, w, c.min, c.max)
		}
	}
	if n := lines("一二三四五六七八九十", 10, 45); n != 3 {
		t.Errorf("10 characters of 10 pt in 45 pt: %d lines, want 3", n)
	}
	if n := lines("一\n二", 10, 100); n != 2 {
		t.Errorf("two hard lines: %d", n)
	}
}
