package document

import (
	"flag"
	"os"
	"path/filepath"
	"pilotpack/internal/lang"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden parses every testdata/*.md and compares the model's dump and
// the warnings with testdata/*.dump.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, _ := os.ReadFile(f)
			lg := "zh"
			if strings.Contains(f, ".en.") {
				lg = "en"
			}
			d, warns := Parse(src, lang.Lang(lg))
			got := Dump(d)
			for _, w := range warns {
				got += "warning " + w.String() + "\n"
			}
			golden := strings.TrimSuffix(f, ".md") + ".dump"
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (run go test -update and review the diff):\n%s", golden, got)
			}
		})
	}
}

func TestChineseNumber(t *testing.T) {
	for n, want := range map[int]string{0: "零", 1: "一", 10: "十", 11: "十一", 19: "十九", 20: "二十", 21: "二十一", 100: "一百", 105: "一百零五", 110: "一百一十", 1020: "一千零二十", 2005: "二千零五", 10000: "一万"} {
		if got := ChineseNumber(n); got != want {
			t.Errorf("ChineseNumber(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMarkers(t *testing.T) {
	for _, c := range []struct {
		lg      lang.Lang
		s       ListStyle
		n       int
		parents []int
		want    string
	}{
		{lang.Zh, Article, 12, nil, "第十二条　"}, {lang.Zh, Chinese, 3, nil, "三、"}, {lang.Zh, Paren, 10, nil, "（十）"},
		{lang.Zh, Decimal, 4, nil, "4."}, {lang.Zh, Outline, 2, []int{3, 1}, "3.1.2"}, {lang.Zh, Bullet, 1, nil, "•"},
		{lang.Zh, Roman, 4, nil, "(iv)"},
		{lang.En, Article, 52, nil, "Article 52 "}, {lang.En, Chinese, 3, nil, "3."}, {lang.En, Paren, 3, nil, "(c)"},
		{lang.En, Paren, 27, nil, "(aa)"}, {lang.En, Paren, 54, nil, "(bbb)"}, {lang.En, Roman, 9, nil, "(ix)"},
		{lang.En, Roman, 1994, nil, "(mcmxciv)"}, {lang.En, Roman, 4000, nil, "(4000)"}, {lang.En, Decimal, 4, nil, "4."},
	} {
		if got := Marker(c.lg, c.s, c.n, c.parents); got != c.want {
			t.Errorf("Marker(%s, %v, %d, %v) = %q, want %q", c.lg, c.s, c.n, c.parents, got, c.want)
		}
	}
}

func TestSoftBreaks(t *testing.T) {
	d, _ := Parse([]byte("中文\n接续，English\nwords and\n中文"), "zh")
	if got := PlainText(d.Blocks[0].(*Paragraph).Text); got != "中文接续，English words and中文" {
		t.Errorf("soft breaks joined as %q", got)
	}
}

func TestHeadingsAndWalk(t *testing.T) {
	d, _ := Parse([]byte("# A\n\n- ## B\n\n> ### C\n"), "en")
	var got []string
	for _, h := range d.Headings() {
		got = append(got, PlainText(h.Text))
	}
	if strings.Join(got, ",") != "A,B,C" {
		t.Errorf("headings %v", got)
	}
}

// FuzzParse: any Markdown gives a model, never a panic, and the model
// keeps its promises: every item has its label, every cross-reference its
// text, every link within the document a place to lead to, and the same
// source always gives the same model.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"constructs.md", "contract.md", "contract.en.md", "labels.md"} {
		src, _ := os.ReadFile("testdata/" + name)
		f.Add(string(src))
	}
	f.Add("::: signature\n- a\n:::\n::: title\n:::\n<!-- widths: 1 -->\n|a|\n|-|\n")
	f.Add("<!-- numbering: outline -->\n1. a\n   1. b\n      1. c\n")
	f.Add("**自研情况。**本品种（一）**目的。**为明确__注意__：葛\U000E0100**(x)**城 a**a«**a _foo_bar_ 大塚\uFE00**(y)**")
	f.Add("<!-- numbering: article -->\n1. {id=a} x [](#a) [](#b) [t](javascript:x) <javascript:y> [u](#a)\n   1. {id=b} y\n\n# T {.chapter .annex id=a}\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, _ := Parse([]byte(s), "zh")
		dump := Dump(d)
		anchors := map[string]bool{}
		for _, a := range d.Anchors() {
			anchors[a] = true
		}
		Walk(d.Blocks, func(b Block) {
			if l, ok := b.(*List); ok {
				for _, it := range l.Items {
					if it.Label == "" {
						t.Fatalf("an item without a label:\n%s", dump)
					}
				}
			}
		})
		EachText(d.Blocks, func(spans *[]Span) {
			for _, sp := range *spans {
				if sp.Ref != "" && sp.Text == "" {
					t.Fatalf("a cross-reference without text:\n%s", dump)
				}
				if id, ok := strings.CutPrefix(sp.Link, "#"); ok && !anchors[id] {
					t.Fatalf("a link to #%s, which is nowhere:\n%s", id, dump)
				}
				if strings.Contains(sp.Text, softBreak) {
					t.Fatalf("an unresolved line break in %q", sp.Text)
				}
			}
		})
		if again, _ := Parse([]byte(s), "en"); again == nil {
			t.Fatal("no model")
		}
		if d2, _ := Parse([]byte(s), "zh"); Dump(d2) != dump {
			t.Fatal("two parses of the same source differ")
		}
	})
}

// TestCrossReferenceText: a cross-reference becomes the citation of what it
// cites, linked to it, and a line break beside it is a space or nothing by
// the citation's own characters.
func TestCrossReferenceText(t *testing.T) {
	for _, c := range []struct {
		lg       lang.Lang
		src      string
		want     string
		warnings int
	}{
		{lang.Zh, "<!-- numbering: article -->\n1. {id=a} 甲。\n2. 见\n[](#a)\n和[](#b)。\n\n# 附 {.annex id=b}\n", "见第一条和附件1。", 0},
		{lang.En, "<!-- numbering: article -->\n1. {id=a} One.\n2. See\n[](#a)\nand [](#b).\n\n# Stages {.annex id=b}\n", "See Article 1 and Annex 1.", 0},
		{lang.En, "<!-- numbering: article -->\n1. {id=a} One.\n2. See [](#a)\n[](#a).\n", "See Article 1 Article 1.", 0},
		{lang.Zh, "<!-- numbering: article -->\n1. 甲。\n2. 见[](#x)。\n", "见[#x]。", 1},
		{lang.Zh, "<!-- numbering: article -->\n1. 甲。\n2. 见[](#sec-1)。\n\n## 一节\n", "见一节。", 0},
	} {
		d, warns := Parse([]byte(c.src), c.lg)
		l := d.Blocks[0].(*List)
		if got := PlainText(l.Items[1].Blocks[0].(*Paragraph).Text); got != c.want || len(warns) != c.warnings {
			t.Errorf("%q: %q, %v; want %q and %d warnings", c.src, got, warns, c.want, c.warnings)
		}
	}
}

// TestSignaturePage: an agreement's signature block closes its text with
// the signature-page line naming the agreement, and gives every party its
// name unbroken, a seal area of at least 40 × 40 mm, the signatory's line
// and the date, in the document's language; a single party's block (a
// declaration) has no such line.
func TestSignaturePage(t *testing.T) {
	for _, c := range []struct {
		lg                        lang.Lang
		src                       string
		lead                      string
		roles, names              []string
		signatory, date, sealText string
	}{
		{lang.Zh, "::: title\n质量协议\n（草案）\n:::\n\n::: signature\n- 甲方（委托方）：上海甲公司\n- 乙方（受托方）：上海乙公司\n:::\n",
			"（以下无正文，为《质量协议》之签署页）", []string{"甲方（委托方）：", "乙方（受托方）："}, []string{"上海甲公司", "上海乙公司"},
			"法定代表人或授权代表（签字）：", "日期：　　　　年　　月　　日", "（盖章）"},
		{lang.En, "# Production Agreement\n\n::: signature\n- Party A: Alpha Co., Ltd.\n- Party B: Beta Co., Ltd.\n:::\n",
			"[The text of the Production Agreement ends here; signatures follow.]", []string{"Party A: ", "Party B: "}, []string{"Alpha Co., Ltd.", "Beta Co., Ltd."},
			"Legal or authorised representative (signature):", "Date:", "(Company seal)"},
		{lang.Zh, "::: signature\n- 甲方：甲\n- 乙方：乙\n:::\n", "（以下无正文，为签署页）", []string{"甲方：", "乙方："}, []string{"甲", "乙"},
			"法定代表人或授权代表（签字）：", "日期：　　　　年　　月　　日", "（盖章）"},
		{lang.Zh, "# 申请书\n\n::: signature\n- 申请人：上海甲公司\n:::\n", "", []string{"申请人："}, []string{"上海甲公司"},
			"法定代表人或授权代表（签字）：", "日期：　　　　年　　月　　日", "（盖章）"},
		{lang.Zh, "::: signature\n- 浙江省药品监督管理局\n:::\n", "", []string{""}, []string{"浙江省药品监督管理局"},
			"法定代表人或授权代表（签字）：", "日期：　　　　年　　月　　日", "（盖章）"},
	} {
		d, _ := Parse([]byte(c.src), c.lg)
		var s *Signature
		Walk(d.Blocks, func(b Block) {
			if b, ok := b.(*Signature); ok {
				s = b
			}
		})
		if s == nil || !s.KeepTogether || PlainText(s.Lead) != c.lead || len(s.Parties) != len(c.names) {
			t.Fatalf("%q: %s", c.src, Dump(d))
		}
		for i, p := range s.Parties {
			if PlainText(p.Role) != c.roles[i] || PlainText(p.Name) != c.names[i] || p.Signatory != c.signatory || p.Date != c.date ||
				p.Seal.Label != c.sealText || p.Seal.Width < MinSeal || p.Seal.Height < MinSeal {
				t.Errorf("%q: party %d is %+v", c.src, i, p)
			}
			for _, sp := range p.Name {
				if !sp.NoBreak {
					t.Errorf("%q: party %d's name may break: %+v", c.src, i, sp)
				}
			}
		}
	}
}
