package pack

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
	"pilotpack/internal/rules"
)

// A unit is one run of text a reader reads as a whole: a paragraph, a
// heading, a table cell or a list item's paragraph.
type unit struct {
	where, text string
}

// units renders every document of the default pack, and its work plan,
// for every fixture, manufacturer and language, and returns their text.
func units(t *testing.T) map[lang.Lang][]unit {
	t.Helper()
	p := defaultPack(t)
	out := map[lang.Lang][]unit{}
	for _, a := range loadFixtures(t) {
		fs := rules.Check(a, p.Policy, nil)
		for _, l := range lang.All {
			for _, d := range p.documents() {
				for _, m := range a.MadeFor(d.PerManufacturer) {
					id := ""
					if m != nil {
						id = m.ID
					}
					opts := ContextOptions{Lang: l, Manufacturer: id, Date: civil.MustParse("2025-12-10")}
					var md string
					var err error
					if p.Plan != nil && d.ID == p.Plan.ID {
						md, err = p.RenderPlan(a, opts, fs)
					} else {
						md, err = p.Render(d, a, opts, fs)
					}
					if err != nil {
						t.Fatalf("%s %s %s %s: %v", a.Stem(), d.ID, l, id, err)
					}
					doc, _ := document.Parse([]byte(md), l)
					where := fmt.Sprintf("%s/%s/%s%s", a.Stem(), l, d.ID, strings.TrimPrefix("/"+id, "/"+""))
					for _, text := range texts(doc.Blocks) {
						out[l] = append(out[l], unit{where, text})
					}
				}
			}
		}
	}
	return out
}

// texts returns the text of every paragraph, heading, cell and signature
// line of blocks.
func texts(blocks []document.Block) []string {
	var out []string
	document.Walk(blocks, func(b document.Block) {
		switch b := b.(type) {
		case *document.Paragraph:
			out = append(out, document.PlainText(b.Text))
		case *document.Heading:
			out = append(out, document.PlainText(b.Text))
		case *document.Table:
			for _, rows := range [][]document.Row{b.Header, b.Body} {
				for _, r := range rows {
					for _, c := range r.Cells {
						out = append(out, document.PlainText(c.Text))
					}
				}
			}
		case *document.Signature:
			for _, p := range b.Parties {
				out = append(out, document.PlainText(p.Role)+document.PlainText(p.Name))
			}
		}
	})
	return out
}

// TestDocumentsSpeakToTheBureau: what a holder files carries none of the
// tool's own workings: no template syntax, no emphasis markers, no rule
// ids, field paths, stage or manufacturer ids, and no tool messages.
func TestDocumentsSpeakToTheBureau(t *testing.T) {
	// Manufacturer ids are slugs no document has reason to print; stage
	// ids are often English words (conjugation, drug-linker), so they are
	// looked for in Chinese documents only.
	var mids, sids []string
	for _, a := range loadFixtures(t) {
		for _, s := range a.Stages {
			sids = append(sids, regexp.QuoteMeta(s.ID))
		}
		for _, m := range a.Manufacturers {
			mids = append(mids, regexp.QuoteMeta(m.ID))
		}
	}
	idRes := map[lang.Lang]*regexp.Regexp{
		lang.En: regexp.MustCompile(`(^|[^A-Za-z0-9-])(` + strings.Join(mids, "|") + `)($|[^A-Za-z0-9-])`),
		// In Chinese text a stage id stands out as a Latin word among Han
		// characters; inside an English name ("pre-filled pen") it is a word.
		lang.Zh: regexp.MustCompile(`(^|[^A-Za-z0-9 -])(` + strings.Join(append(mids, sids...), "|") + `)($|[^A-Za-z0-9 -])`),
	}
	var ruleIDs []string
	for _, r := range rules.Rules() {
		ruleIDs = append(ruleIDs, regexp.QuoteMeta(r.ID))
	}
	ruleRe := regexp.MustCompile(`\b(` + strings.Join(ruleIDs, "|") + `|checklist\.missing|text\.english)\b`)
	pathRe := regexp.MustCompile(`[a-z_]+\[\d+\]\.[a-z_]+|\b(applicant|product|application|manufacturers|stages)\.[a-z_]+\b`)
	syntax := []string{"{{", "}}", "{%", "%}", "**", ":::", "<!--", "-->", "__", "[●]"}
	tool := []string{"pilotpack", "申请数据", "application data", "依据申请数据生成", "未发现错误或警告", "no errors or warnings"}
	for l, list := range units(t) {
		for _, u := range list {
			for _, s := range syntax {
				if strings.Contains(u.text, s) {
					t.Errorf("%s: %q shows %q", u.where, u.text, s)
				}
			}
			for _, s := range tool {
				if strings.Contains(u.text, s) {
					t.Errorf("%s: %q shows the tool's words %q", u.where, u.text, s)
				}
			}
			if m := ruleRe.FindString(u.text); m != "" {
				t.Errorf("%s: %q shows rule id %q", u.where, u.text, m)
			}
			if m := pathRe.FindString(u.text); m != "" {
				t.Errorf("%s: %q shows field path %q", u.where, u.text, m)
			}
			if m := idRes[l].FindStringSubmatch(u.text); m != nil {
				t.Errorf("%s: %q shows id %q", u.where, u.text, m[2])
			}
		}
	}
}

// TestEnglishDocumentsAreEnglish: Chinese appears in an English document
// only as a proper name in parentheses after its English or Pinyin form.
func TestEnglishDocumentsAreEnglish(t *testing.T) {
	for _, u := range units(t)[lang.En] {
		if s := chineseOutsideParentheses(u.text); s != "" {
			t.Errorf("%s: %q has Chinese %q outside a name in parentheses", u.where, u.text, s)
		}
	}
}

// chineseOutsideParentheses returns the first Han text of s that is not
// inside parentheses, or "".
func chineseOutsideParentheses(s string) string {
	depth := 0
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '(' || r == '（':
			depth++
		case (r == ')' || r == '）') && depth > 0:
			depth--
		case depth == 0 && unicode.Is(unicode.Han, r):
			return string(rs[i:min(i+12, len(rs))])
		}
	}
	return ""
}

// TestChineseReadsAsWritten: where data meets template text, no word is
// doubled (用于用于), no label is echoed by its value (原液：…原液：), counts
// take 两 (两家, not 二家), and no space stands between Chinese characters.
func TestChineseReadsAsWritten(t *testing.T) {
	for _, u := range units(t)[lang.Zh] {
		if w := doubledWord(u.text); w != "" {
			t.Errorf("%s: %q doubles %q", u.where, u.text, w)
		}
		if w := labelEcho(u.text); w != "" {
			t.Errorf("%s: %q echoes its label %q", u.where, u.text, w)
		}
		if m := twoCounted.FindString(u.text); m != "" {
			t.Errorf("%s: %q counts with 二", u.where, u.text)
		}
		if m := regexp.MustCompile(`\p{Han} +\p{Han}`).FindString(u.text); m != "" {
			t.Errorf("%s: %q has a space inside Chinese: %q", u.where, u.text, m)
		}
	}
}

// twoCounted finds 2 written 二 before a measure word (二家), where
// Chinese counts 两; 十二个 and 第二个 are right.
var twoCounted = regexp.MustCompile(`(^|[^一二三四五六七八九十百千万第])二[家个项种名份批]`)

// doubledWord returns a run of two to four Han characters repeated at once
// (用于用于, 阶段阶段), or "".
func doubledWord(s string) string {
	rs := []rune(s)
	for n := 2; n <= 4; n++ {
		for i := 0; i+2*n <= len(rs); i++ {
			a, b := string(rs[i:i+n]), string(rs[i+n:i+2*n])
			if a == b && allHan(rs[i:i+n]) && !reduplicated(a) {
				return a + b
			}
		}
	}
	return ""
}

// reduplicated are doublings Chinese writes on purpose.
func reduplicated(w string) bool {
	switch w {
	case "每每", "常常", "渐渐", "各各":
		return true
	}
	return false
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// labelEcho finds a label whose value repeats it in its first words:
// "抗体中间体：抗体中间体的…" or "原液：倍格鲁肽原液：…", and returns it.
func labelEcho(s string) string {
	parts := strings.Split(s, "：")
	for i := 0; i+1 < len(parts); i++ {
		label := []rune(parts[i])
		j := len(label)
		for j > 0 && unicode.Is(unicode.Han, label[j-1]) && len(label)-j < 8 {
			j--
		}
		l := string(label[j:])
		head := []rune(parts[i+1])
		head = head[:min(len(head), len([]rune(l))+8)]
		if len([]rune(l)) >= 2 && strings.Contains(string(head), l) {
			return l
		}
	}
	return ""
}

func TestContentCheckers(t *testing.T) {
	for _, tc := range []struct {
		text, doubled, echo, chinese string
	}{
		{text: "本品种用于用于预防", doubled: "用于用于"},
		{text: "原液：倍格鲁肽原液：…", echo: "原液"},
		{text: "药品生产许可证：沪20190087"},
		{text: "抗体中间体：抗体中间体的细胞培养", echo: "抗体中间体"},
		{text: "Chen Liheng (陈立衡)"},
		{text: "the 持有人 shall", chinese: "持有人 shall"},
		{text: "每批8000瓶"},
	} {
		if got := doubledWord(tc.text); got != tc.doubled {
			t.Errorf("doubledWord(%q) = %q, want %q", tc.text, got, tc.doubled)
		}
		if got := labelEcho(tc.text); got != tc.echo {
			t.Errorf("labelEcho(%q) = %q, want %q", tc.text, got, tc.echo)
		}
		if got := chineseOutsideParentheses(tc.text); tc.chinese != "" && got != tc.chinese || tc.chinese == "" && isASCIIish(tc.text) && got != "" {
			t.Errorf("chineseOutsideParentheses(%q) = %q, want %q", tc.text, got, tc.chinese)
		}
	}
}

func isASCIIish(s string) bool { return s != "" && s[0] < 0x80 }

func TestTwoCounted(t *testing.T) {
	for text, want := range map[string]bool{"由二家企业": true, "两家": false, "十二个月": false, "第二个": false, "二项": true} {
		if got := twoCounted.MatchString(text); got != want {
			t.Errorf("twoCounted(%q) = %v, want %v", text, got, want)
		}
	}
}
