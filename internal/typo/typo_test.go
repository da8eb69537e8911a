package typo

import (
	"strings"
	"testing"
)

// show draws the adjustments into the text: · a quarter em, › half an em
// taken after a mark, ‹ half an em taken before one; dropped spaces vanish.
func show(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, a := range Spacing(rs, nil) {
		if a.Drop {
			continue
		}
		if a.Lead == 0.5 {
			b.WriteRune('‹')
		}
		b.WriteRune(rs[i])
		switch a.After {
		case QuarterEm:
			b.WriteRune('·')
		case -0.5:
			b.WriteRune('›')
		case 0:
		default:
			b.WriteString("?")
		}
	}
	return b.String()
}

func TestSpacing(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		// Data spaces between Han and Latin collapse into the quarter em:
		// both spellings come out alike.
		{"张江路 1288 号 6 幢", "张江路·1288·号·6·幢"},
		{"张江路1288号6幢", "张江路·1288·号·6·幢"},
		{"2029年", "2029·年"},
		{"2030年10月31日", "2030·年·10·月·31·日"},
		{"复检周期 5 年", "复检周期·5·年"},
		{"每批约 300 g 抗体投料", "每批约·300 g·抗体投料"},
		{"每次发运前由持有人 QA 复核", "每次发运前由持有人·QA·复核"},
		{"HER2 阳性", "HER2·阳性"},
		{"2–8 °C 避光保存", "2–8 °C·避光保存"},
		{"（人源化 IgG1，抗 HER2）", "（人源化·IgG1，抗·HER2）"},
		{"沪20190087", "沪·20190087"},
		{"苏药监GMP告〔2025〕0412号", "苏药监·GMP·告〔2025〕0412·号"},
		{"约 2.2 μg（6B 型 4.4 μg）", "约·2.2 μg（6B·型·4.4 μg）"},
		{"中  A", "中·A"},
		// No space next to punctuation, signs or symbols; word spaces stay.
		{"相对湿度≤65%；", "相对湿度≤65%；"},
		{"液氮气相（≤ -150 °C）", "液氮气相（≤ -150 °C）"},
		{"江苏省药品监督管理局 苏药监药生〔2025〕117号", "江苏省药品监督管理局 苏药监药生〔2025〕117·号"},
		{"quality agreement", "quality agreement"},
		{"HTM-年份-序号", "HTM-年份-序号"},
		// Adjacent full-width marks give up a half em between them.
		{"按《规范》。」", "按《规范》›。›」"},
		{"（OOS），应当", "（OOS）›，应当"},
		{"（「甲」）", "（‹「甲」›）"},
		{"范》（2010", "范》›（2010"},
		{"称“分段生产”）", "称“分段生产”›）"},
		{"见：“《指南》”", "见：›“‹《指南》›”"},
		{"。 」", "。 」"},
		{"", ""},
	} {
		if got := show(tt.in); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCollapseSpaces(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"张江路 1288 号 6 幢", "张江路1288号6幢"},
		{"持有人 QA 复核", "持有人QA复核"},
		{"2–8 °C 避光", "2–8 °C避光"},
		{"Party A and 甲方 ", "Party A and甲方 "},
		{"甲 乙", "甲 乙"},
		{"no spaces", "no spaces"},
	} {
		if got := CollapseSpaces(tt.in); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"the holder's prior written consent", "the holder’s prior written consent"},
		{"Party A's qualified person", "Party A’s qualified person"},
		{"the parties' obligations", "the parties’ obligations"},
		{`marked "quality" or "holder").`, `marked “quality” or “holder”).`},
		{`("participates")`, `(“participates”)`},
		{`is "—" when none`, `is “—” when none`},
		{`"Hello," she said`, `“Hello,” she said`},
		{`—"informed"`, `—“informed”`},
		{"'informed' and 'consulted'", "‘informed’ and ‘consulted’"},
		{"in the '90s", "in the ’90s"},
		{`a 5' 10" door`, `a 5' 10" door`},
		{`持有人"分段生产"是指`, "持有人“分段生产”是指"},
		{"称“分段生产”", "称“分段生产”"},
		// One stop ends both the abbreviation and the sentence.
		{"Shanghai Hanyuan Biopharmaceutical Technology Co., Ltd..", "Shanghai Hanyuan Biopharmaceutical Technology Co., Ltd."},
		{"Pte. Ltd.. The", "Pte. Ltd. The"},
		{"完成。。", "完成。"},
		{"to be continued...", "to be continued..."},
		{"调查……并", "调查……并"},
		{"3.8 and 1,650,000.50", "3.8 and 1,650,000.50"},
		{"", ""},
	} {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSmartenerPieces feeds text in styled pieces, as a document's runs
// come: the rune before a piece decides its first quote.
func TestSmartenerPieces(t *testing.T) {
	pieces := []string{"Party A", "'s obligations under ", `"`, "Quality", `"`, " and Co., Ltd.", "."}
	var sm Smartener
	var b strings.Builder
	all := []rune(strings.Join(pieces, ""))
	for i, r := range all {
		next := rune(0)
		if i+1 < len(all) {
			next = all[i+1]
		}
		if out, keep := sm.Rune(r, next); keep {
			b.WriteRune(out)
		}
	}
	if want := "Party A’s obligations under “Quality” and Co., Ltd."; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	// Code is skipped but still read: the quote after it is an apostrophe.
	var sk Smartener
	for _, r := range "`x`" {
		sk.Skip(r)
	}
	if out, _ := sk.Rune('\'', 's'); out != '’' {
		t.Errorf("after code: got %q", out)
	}
}

func FuzzText(f *testing.F) {
	f.Add(`the holder's "quality" Co., Ltd.. 完成。。`)
	f.Add("张江路 1288 号（「甲」）")
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if len([]rune(out)) > len([]rune(s)) {
			t.Fatalf("%q grew to %q", s, out)
		}
		if strings.Count(out, `"`) > strings.Count(s, `"`) {
			t.Fatalf("%q: quotes added: %q", s, out)
		}
		rs := []rune(s)
		adj := Spacing(rs, nil)
		if len(adj) != len(rs) {
			t.Fatalf("%d adjustments for %d runes", len(adj), len(rs))
		}
		for i, a := range adj {
			if a.Drop && rs[i] != ' ' {
				t.Fatalf("%q: dropped %q", s, rs[i])
			}
		}
		_ = CollapseSpaces(s)
	})
}

func TestMarkLists(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if closing(r) != strings.ContainsRune(ClosingMarks, r) || opening(r) != strings.ContainsRune(OpeningMarks, r) {
			t.Fatalf("%q: closing/opening disagree with the lists", r)
		}
	}
}

func BenchmarkSpacing(b *testing.B) {
	text := []rune(strings.Repeat("持有人应当建立覆盖全部生产场地的统一质量管理体系（QS-WCB-001），包括 2025 年的审计。The holder shall. ", 8))
	var out []Adjust
	for b.Loop() {
		out = Spacing(text, out)
	}
}
