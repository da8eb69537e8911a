package pack

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/readiness"
	"pilotpack/internal/rules"
)

// A unit is one run of text a reader reads as a whole: a paragraph, a
// heading, a table cell or a list item's paragraph.
type unit struct {
	where, text string
}

// rendered is one document of a packet as its reader gets it.
type rendered struct {
	a     *applicant.Applicant
	m     *applicant.Manufacturer // nil for documents made once
	doc   string                  // the pack's document id
	lang  lang.Lang
	where string
	model *document.Doc
	texts []string
}

// text is the document's whole text, its units joined by line breaks.
func (r rendered) text() string { return strings.Join(r.texts, "\n") }

var (
	renderOnce sync.Once
	renderAll  []rendered
	renderErr  error
)

// documents renders every document of the default pack, and its work plan,
// for every fixture, manufacturer and language, with the findings a build
// gives them (the data's and the missing materials'), once for all tests.
func documents(t *testing.T) []rendered {
	t.Helper()
	renderOnce.Do(func() {
		p, err := Open("")
		if err != nil {
			renderErr = err
			return
		}
		for _, n := range fixtureNames {
			a, lfs, err := applicant.Load("../../fixtures/applicants/" + n + ".yaml")
			if err != nil || len(lfs) > 0 {
				renderErr = fmt.Errorf("%s: %v %v", n, err, lfs)
				return
			}
			fs := rules.Check(a, p.Policy, nil)
			fs = append(fs, p.CheckMaterials(a, fs)...)
			for _, l := range lang.All {
				for _, d := range p.documents() {
					for _, m := range a.MadeFor(d.PerManufacturer) {
						id := ""
						if m != nil {
							id = m.ID
						}
						opts := ContextOptions{Lang: l, Manufacturer: id, Date: civil.MustParse("2025-12-10")}
						var md string
						if p.Plan != nil && d.ID == p.Plan.ID {
							md, err = p.RenderPlan(a, opts, fs)
						} else {
							md, err = p.Render(d, a, opts, fs)
						}
						if err != nil {
							renderErr = fmt.Errorf("%s %s %s %s: %v", a.Stem(), d.ID, l, id, err)
							return
						}
						doc, _ := document.Parse([]byte(md), l)
						where := fmt.Sprintf("%s/%s/%s", a.Stem(), l, d.ID)
						if id != "" {
							where += "/" + id
						}
						renderAll = append(renderAll, rendered{a: a, m: m, doc: d.ID, lang: l, where: where, model: doc, texts: texts(doc.Blocks)})
					}
				}
			}
		}
	})
	if renderErr != nil {
		t.Fatal(renderErr)
	}
	return renderAll
}

// units returns the text of every document, by language.
func units(t *testing.T) map[lang.Lang][]unit {
	t.Helper()
	out := map[lang.Lang][]unit{}
	for _, r := range documents(t) {
		for _, text := range r.texts {
			out[r.lang] = append(out[r.lang], unit{r.where, text})
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
	syntax := []string{"{{", "}}", "{%", "%}", "**", ":::", "<!--", "-->", "__", "[●]", "[#"}
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

// runs reports whether manufacturer m (nil: none) runs a stage of one of
// the keys.
func runs(a *applicant.Applicant, m *applicant.Manufacturer, keys ...applicant.StageKey) bool {
	for _, s := range a.Stages {
		if m != nil && s.Site == m.ID && slices.Contains(keys, s.Key) {
			return true
		}
	}
	return false
}

// packs reports whether m handles the printed packaging: it packs, or it
// fills a product no stage packs.
func packs(a *applicant.Applicant, m *applicant.Manufacturer) bool {
	packed := slices.ContainsFunc(a.Stages, func(s applicant.Stage) bool { return s.Key == "packaging" })
	return runs(a, m, "packaging") || !packed && runs(a, m, "fill_finish")
}

// TestClausesFollowTheSite: a clause goes to the site it concerns and to no
// other: containment where the payload is handled, the conjugation suite
// where conjugation is done, lyophilisation only where a lyophilised
// product is filled, vaccine clauses only for vaccines, device clauses only
// where a device is assembled, printed packaging where the product is
// packed. The clause is found by words only it uses.
func TestClausesFollowTheSite(t *testing.T) {
	adc := func(r rendered) bool { return r.a.Product.Category == "adc" }
	for _, c := range []struct {
		name   string
		docs   []string
		zh, en string
		want   func(r rendered) bool
	}{
		{"containment", []string{"quality-agreement"}, "经验证的密闭设施", "validated closed systems",
			func(r rendered) bool { return adc(r) && runs(r.a, r.m, "drug_linker", "conjugation") }},
		{"exposure training", []string{"quality-agreement"}, "职业暴露防护培训", "protection against occupational exposure",
			func(r rendered) bool { return adc(r) && runs(r.a, r.m, "drug_linker", "conjugation") }},
		{"high-potency materials", []string{"production-agreement"}, "高活性物质，应当符合", "high-potency substances in compliance",
			func(r rendered) bool { return adc(r) && runs(r.a, r.m, "drug_linker", "conjugation") }},
		{"dedicated conjugation suite", []string{"quality-agreement"}, "偶联操作区", "conjugation area",
			func(r rendered) bool { return adc(r) && runs(r.a, r.m, "conjugation") }},
		{"aseptic processing", []string{"quality-agreement"}, "无菌工艺模拟试验", "aseptic process simulation",
			func(r rendered) bool {
				return runs(r.a, r.m, "fill_finish") || r.a.Product.Vaccine() && runs(r.a, r.m, "formulation")
			}},
		{"freeze-dryers", []string{"quality-agreement"}, "冻干机", "freeze-dryers",
			func(r rendered) bool { return r.a.Product.Lyophilised() && runs(r.a, r.m, "fill_finish") }},
		{"device components", []string{"quality-agreement", "production-agreement"}, "给药装置组件", "Device components",
			func(r rendered) bool { return runs(r.a, r.m, "device_assembly") }},
		{"printed packaging", []string{"quality-agreement"}, "印刷包装材料", "Printed packaging materials",
			func(r rendered) bool { return packs(r.a, r.m) }},
		{"inspection abroad", []string{"quality-agreement"}, "境外检查", "inspections abroad",
			func(r rendered) bool { return r.m.Country.Abroad() }},
		{"lot release", []string{"application", "quality-agreement", "work-plan"}, "批签发", "lot release",
			func(r rendered) bool { return r.a.Product.Vaccine() }},
		{"Vaccine Administration Law", []string{"application", "quality-agreement", "production-agreement", "work-plan"}, "疫苗管理法", "Vaccine Administration Law",
			func(r rendered) bool { return r.a.Product.Vaccine() }},
	} {
		seen := false
		for _, r := range documents(t) {
			if !slices.Contains(c.docs, r.doc) {
				continue
			}
			mark := c.zh
			if r.lang == lang.En {
				mark = c.en
			}
			has, want := strings.Contains(r.text(), mark), c.want(r)
			seen = seen || want
			switch {
			case has && !want:
				t.Errorf("%s: the %s clause (%q) does not apply to this site", r.where, c.name, mark)
			case want && !has:
				t.Errorf("%s: the %s clause (%q) is missing", r.where, c.name, mark)
			}
		}
		if !seen {
			t.Errorf("no fixture has a site the %s clause applies to: the test proves nothing", c.name)
		}
	}
}

// TestNoLyophilisationForLiquids: a product that is not freeze-dried is
// never said to be, in any document.
func TestNoLyophilisationForLiquids(t *testing.T) {
	words := map[lang.Lang]*regexp.Regexp{lang.Zh: regexp.MustCompile(`冻干`), lang.En: regexp.MustCompile(`(?i)lyophilis|freeze-dr`)}
	for _, r := range documents(t) {
		if r.a.Product.Lyophilised() {
			continue
		}
		for _, text := range r.texts {
			if m := words[r.lang].FindString(text); m != "" {
				t.Errorf("%s: %q says %q of a product that is not lyophilised", r.where, text, m)
			}
		}
	}
}

// TestRoleFollowsRegistration: before approval the company is the
// marketing authorisation applicant, so no document of a pending product
// calls it the holder; the holder is named only as what it becomes, in the
// full term (获准上市后作为药品上市许可持有人), or in the title of a law.
func TestRoleFollowsRegistration(t *testing.T) {
	bare := map[lang.Lang]*regexp.Regexp{
		lang.Zh: regexp.MustCompile(`(^|[^可])持有人`),
		lang.En: regexp.MustCompile(`(?i)(^|[^n] |[^ ])\bholders?\b`),
	}
	for _, r := range documents(t) {
		if r.a.Product.Approved() {
			continue
		}
		for _, text := range r.texts {
			if bare[r.lang].MatchString(text) {
				t.Errorf("%s: %q names the holder of a product not yet approved", r.where, text)
			}
		}
	}
}

// TestStatementsAreTrue: what the application says is enclosed is: the
// letter claims every material only when the checklist lacks none, and the
// evaluations of 2025 No. 134 are said to be submitted only when each
// manufacturer's is attached.
func TestStatementsAreTrue(t *testing.T) {
	claims := []struct {
		name   string
		zh, en string
		true   func(r rendered, fs finding.List) bool
	}{
		{"every material enclosed", "全部材料一并报送", "We enclose all the materials",
			func(r rendered, fs finding.List) bool {
				rd := readiness.Of(fs)
				return rd.Complete() && len(rd.Deferred) == 0
			}},
		{"evaluations submitted", "评估报告随申报资料提交", "the evaluation reports are submitted",
			func(r rendered, _ finding.List) bool {
				return !slices.ContainsFunc(r.a.Manufacturers, func(m applicant.Manufacturer) bool {
					return !slices.ContainsFunc(r.a.Attachments, func(at applicant.Attachment) bool {
						return at.Manufacturer == m.ID && at.Kind == "holder_evaluation"
					})
				})
			}},
	}
	p := defaultPack(t)
	for _, r := range documents(t) {
		if r.doc != "application" {
			continue
		}
		fs := rules.Check(r.a, p.Policy, nil)
		fs = append(fs, p.CheckMaterials(r.a, fs)...)
		for _, c := range claims {
			mark := c.zh
			if r.lang == lang.En {
				mark = c.en
			}
			if strings.Contains(r.text(), mark) && !c.true(r, fs) {
				t.Errorf("%s: the application claims %s (%q), which the packet does not bear out", r.where, c.name, mark)
			}
		}
	}
}

// TestListsEndAsSentences: the items of a numbered list read as one
// sentence, so the last ends with a full stop, not a semicolon.
func TestListsEndAsSentences(t *testing.T) {
	for _, r := range documents(t) {
		document.Walk(r.model.Blocks, func(b document.Block) {
			l, ok := b.(*document.List)
			if !ok || l.Style == document.Bullet || l.Style == document.Article || len(l.Items) < 2 {
				return
			}
			last := l.Items[len(l.Items)-1]
			if len(last.Blocks) == 0 {
				return
			}
			p, ok := last.Blocks[len(last.Blocks)-1].(*document.Paragraph)
			if !ok {
				return
			}
			text := strings.TrimSpace(document.PlainText(p.Text))
			if strings.HasSuffix(text, "；") || strings.HasSuffix(text, ";") || strings.HasSuffix(text, "，") {
				rs := []rune(text)
				t.Errorf("%s: the list ends with %q, not with a full stop", r.where, string(rs[max(0, len(rs)-30):]))
			}
		})
	}
}

// TestSiblingHeadingsNumberedAlike: headings of one level under one parent
// are numbered alike: when one is （一）, each is.
func TestSiblingHeadingsNumberedAlike(t *testing.T) {
	numbered := regexp.MustCompile(`^(（[一二三四五六七八九十]+）|\d+(\.\d+)+ )`)
	for _, r := range documents(t) {
		var sib []string
		check := func() {
			n := 0
			for _, h := range sib {
				if numbered.MatchString(h) {
					n++
				}
			}
			if n > 0 && n < len(sib) {
				t.Errorf("%s: of the headings %q, only some are numbered", r.where, sib)
			}
			sib = nil
		}
		for _, b := range r.model.Blocks {
			h, ok := b.(*document.Heading)
			if !ok || h.Kind != document.Section {
				continue
			}
			switch h.Level {
			case 1:
				check()
			case 2:
				sib = append(sib, document.PlainText(h.Text))
			}
		}
		check()
	}
}

// TestMatrixChaptersAreChapters: the chapter column of the responsibility
// matrix names chapters of the quality agreement, in its words.
func TestMatrixChaptersAreChapters(t *testing.T) {
	for _, r := range documents(t) {
		if r.doc != "quality-agreement" {
			continue
		}
		chapters := map[string]bool{}
		for _, b := range r.model.Blocks {
			if h, ok := b.(*document.Heading); ok && h.Kind == document.Chapter {
				text := document.PlainText(h.Text)
				chapters[strings.TrimSpace(strings.TrimPrefix(text, h.Label))] = true
			}
		}
		for _, row := range defaultPack(t).Matrix {
			if ch := row.Chapter.In(r.lang); !chapters[ch] {
				t.Errorf("%s: matrix row %s names chapter %q, which the agreement does not have", r.where, row.ID, ch)
			}
		}
		break
	}
}

// TestEnglishArticles: a before a consonant sound, an before a vowel.
func TestEnglishArticles(t *testing.T) {
	// A capital A is also a grade, a protein or a party (Grade A, Party A):
	// it is an article only where a sentence begins.
	wrong := regexp.MustCompile(`(^|[^\w-])a [aeio]\w*|(^|[^\w-])an [b-df-hj-np-tv-z]\w*|(^|[.;:] )(A [AaEeIiOo]\w*|An [b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]\w*)`)
	for _, u := range units(t)[lang.En] {
		for _, m := range wrong.FindAllString(u.text, -1) {
			t.Errorf("%s: %q in %q", u.where, m, u.text)
		}
	}
}

// TestEnglishQuotes: defined terms and quoted words take typographic
// quotes, as a typeset contract does (the “Contract Giver”).
func TestEnglishQuotes(t *testing.T) {
	for _, u := range units(t)[lang.En] {
		if strings.Contains(u.text, `"`) {
			t.Errorf("%s: %q has a straight double quote", u.where, u.text)
		}
	}
}
