package pdf

import (
	"strings"
	"testing"
)

// mono sets every character 1 wide (CJK 2, as in monospaced terminals), so
// expected lines can be written by hand.
func mono(s string) []glyph {
	var gs []glyph
	for _, r := range s {
		w := 1.0
		if wide(r) {
			w = 2
		}
		gs = append(gs, glyph{r: r, w: w})
	}
	return gs
}

func lines(s string, width float64) []string {
	gs := mono(s)
	var out []string
	for _, l := range breakLines(gs, width, 0) {
		var b strings.Builder
		for _, g := range gs[l[0]:l[1]] {
			b.WriteRune(g.r)
		}
		out = append(out, b.String())
	}
	return out
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		in    string
		width float64
		want  []string
	}{
		{"持有人负责工艺规程", 8, []string{"持有人负", "责工艺规", "程"}},
		// 。may not start a line: 规 moves down with it.
		{"持有人负责。工艺规程", 10, []string{"持有人负", "责。工艺规", "程"}},
		{"甲乙丙丁，戊己", 8, []string{"甲乙丙", "丁，戊己"}},
		// 《 may not end a line.
		{"依据《指南》执行", 8, []string{"依据《指", "南》执行"}},
		{"依据《指南》执行", 6, []string{"依据", "《指", "南》执", "行"}},
		// Too narrow for any rule-abiding break: the marks hang.
		{"法》、甲", 2, []string{"法》、", "甲"}},
		// Words stay whole; spaces vanish at the break.
		{"quality agreement draft", 10, []string{"quality", "agreement", "draft"}},
		{"见 CXSS2400123 号", 12, []string{"见", "CXSS2400123", "号"}},
		// Mixed: a break between Chinese and a Latin word.
		{"批号HTM-2025-001关联", 14, []string{"批号HTM-2025-", "001关联"}},
		// A word longer than the line breaks between letters.
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		// Dashes and ellipses are never split.
		{"甲乙——丙丁", 6, []string{"甲乙", "——丙", "丁"}},
		{"测试", 100, []string{"测试"}},
		{"", 10, nil},
		{"   ", 10, nil},
	}
	for _, tt := range tests {
		got := lines(tt.in, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q at %v: got %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

// TestBreakRules breaks a long corpus at every width and checks the rules on
// every line: nothing lost but spaces, no closing mark first, no opening mark
// last, no line too wide unless it is one glyph.
func TestBreakRules(t *testing.T) {
	corpus := "本协议依据《中华人民共和国药品管理法》、《药品生产质量管理规范（2010年修订）》及“药品委托生产质量协议指南”制定。" +
		"The holder (MAH) shall approve the batch record; the manufacturer shall not sub-contract (转委托) without consent! 检验结果超标（OOS）时，受托方应立即调查……并通知持有人——不得延误。" +
		"批号规则：HTM-2025-001、DL-2025-002；温度：2–8 °C，湿度≤65%。"
	gs := mono(corpus)
	for width := 4.0; width <= 60; width++ {
		ls := breakLines(gs, width, 0)
		kept := 0
		for i, l := range ls {
			line := gs[l[0]:l[1]]
			kept += len(line)
			if len(line) == 0 {
				t.Fatalf("width %v: empty line %d", width, i)
			}
			w := 0.0
			hang := len(line)
			for hang > 1 && isNoStart(line[hang-1].r) {
				hang-- // hanging marks may pass the line's end
			}
			for _, g := range line[:hang] {
				w += g.w
			}
			if w > width && hang > 1 {
				t.Errorf("width %v: line %q is %v wide", width, string(runes(line)), w)
			}
			if i > 0 && isNoStart(line[0].r) {
				t.Errorf("width %v: line starts with %q: %q", width, line[0].r, string(runes(line)))
			}
			if i < len(ls)-1 && isNoEnd(line[len(line)-1].r) {
				t.Errorf("width %v: line ends with %q: %q", width, line[len(line)-1].r, string(runes(line)))
			}
		}
		spaces := strings.Count(corpus, " ")
		if kept < len(gs)-spaces || kept > len(gs) {
			t.Errorf("width %v: kept %d of %d glyphs", width, kept, len(gs))
		}
	}
}

func FuzzBreakLines(f *testing.F) {
	f.Add("持有人负责。工艺规程（草案）", 7.0)
	f.Add("a b c —— …… 《》", 3.0)
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if width < 1 || width > 1000 {
			return
		}
		gs := mono(s)
		n := 0
		for _, l := range breakLines(gs, width, 0) {
			if l[0] > l[1] || l[1] > len(gs) || l[0] < n {
				t.Fatalf("bad range %v", l)
			}
			n = l[1]
		}
	})
}
