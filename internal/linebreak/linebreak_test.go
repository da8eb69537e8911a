package linebreak

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// marks writes s with a bar at every break opportunity.
func marks(s string) string {
	rs := []rune(s)
	b := New(rs)
	var sb strings.Builder
	for i, r := range rs {
		if b.Before(i) {
			sb.WriteRune('|')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// TestBreaks pins the opportunities in strings from the fixtures' applicant
// files, as templates print them (with and without the spaces data has).
func TestBreaks(t *testing.T) {
	for _, want := range []string{
		// A sign stays with its number, a number with its unit.
		"液|氮|气|相|（≤ -150 °C）",
		"-20 °C |以|下|避|光",
		"温|度 |≤ -20 °C",
		"2–8 °C |避|光|保|存",
		"pH 3.5±0.1，|60–90 分钟",
		"药|物|抗|体|比|（DAR |3.8±0.3）",
		"抗|体|中|间|体|（20 mg/mL，|组|氨|酸|缓|冲|液）",
		"100 mg/瓶",
		"2000 L |一|次|性|生|物|反|应|器",
		"补|料|分|批|培|养|（14 天）|→ |深|层|过|滤",
		"补|料|分|批|培|养|（14天）",
		"每|批|约 |300 g |抗|体|投|料",
		"复|检|周|期 |5 年",
		"2–8 °C |不|超|过 |60 天",
		"有|效|期 |24 个月",
		"24个月",
		"每|剂 |0.5 mL，|含|各|型|多|糖 |2.2 μg|（6B |型 |4.4 μg）",
		"strength |3 mL:|6 mg",
		"保|额|人|民|币 |1 亿元",
		"人|民|币 |5000 万元",
		"用|于 |2 月龄|至 |5 岁|儿|童|及 |50 岁|以|上|成|人",
		"张|江|路 |1288 号 |6 幢",
		"张|江|路|1288号|6幢",
		"within |24 hours |of |any |inspection",
		"within |30 days",
		"相|对|湿|度|≤65%；",
		// Addresses.
		"ruoxi.shen@hanyuan-bio.example.cn",
		"（jingyi.hang@hengxin-pharma.example.cn）",
		"见 |https://www.nmpa.gov.cn/xxgk/ggtg/index.html）。",
		"see |www.nmpa.gov.cn.",
		"see |https://en.wikipedia.org/wiki/Fill_(pharmacy) |now",
		// Codes.
		"瀚|源 |WCB |质|量|标|准 |QS-WCB-001",
		"瀚|源|偶|联|原|液|质|量|标|准 |QS-ADC-DS-001",
		"抗|体|中|间|体|批|号 |HTM-年份-序号，|关|联 |WCB |批|号",
		"单|价|原|液|批|号 |MB-型别-年份-序号",
		"report |HY-TQ-2025-001 |dated",
		"HSA-GMP-2024-0317",
		"GLP-1 |受|体|激|动|剂",
		"按 |PIC/S |GMP |运|行",
		"91310115631502488C",
		"914404048715362813",
		"沪20190087|（AsCs）",
		"许|可|证 |苏20180123",
		"注|册|证|书 |国药准字S20240031",
		"苏药监GMP告〔2025〕0412号",
		"江|苏|省|药|品|监|督|管|理|局 |苏药监药生〔2025〕117号|（2025年9月8日）",
		"CXSS2500087",
		"见 |CXSS2400123 号",
		"ZL202010456789.1、|ZL202110234567.8",
		"phone |021-6158 3720 |or |+65 6861 3300",
		"(CRM197)",
		// Dates.
		"协|议|期|限|至 |2030年10月31日，|超|过",
		"2030 年 10 月 31 日",
		"effective |2025-11-01 |until",
		"valid |until |31 December 2030, |and",
		"on |December 31, 2030 |or",
		// Labels.
		"第 3 条",
		"第3条",
		"under |Article 12 |and |Annex 1",
		"Party A |shall",
		"Party B’s",
		"USD 380,000 |per |batch",
		"CNY 4,800,000",
		"No. 5",
		"Shanghai |Hanyuan |Biopharmaceutical |Technology |Co., Ltd.",
		"Lonvia |Biologics |(Singapore) |Pte. Ltd.",
		// English words and hyphenated compounds break as UAX #14 says.
		"The |manufacturer |shall |not |sub-|contract |any |activity |without |the |holder's |prior |written |consent.",
		"15-|valent |Pneumococcal |Polysaccharide |Conjugate |Vaccine |(CRM197)",
		"连|接|子-|药|物|（mc-|vc-|PAB-|MMAE）",
		"e.g. |the |holder",
		"HER2 |阳|性",
		"and/or",
		"quality/|safety",
		// Identifiers break after dots and underscores.
		"manufacturers[0].|agreement.|term_|years",
		"agreement.|pilot-|end",
		"Agreement.term",
		// Kinsoku.
		"持|有|人|负|责。|工|艺|规|程",
		"依|据|《指|南》|执|行",
		"法》、|甲",
		"持|有|人|“分|段|生|产”|是|指",
		"调|查|……|并|通|知|持|有|人|——|不|得|延|误！",
		"甲 |（乙）",
		"word ,next",
		"（ 甲",
		"the |holder |(MAH) |shall",
		"☐ |已|提|供 |☑ |待|补|充",
		"",
	} {
		if got := marks(strings.ReplaceAll(want, "|", "")); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
}

// TestFixtures runs every line of the fixtures' applicant files through the
// rules and looks for what must not happen: a break between a number and
// its unit or a sign and its number, inside a code, an address or a date,
// or before a closing mark.
func TestFixtures(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/applicants/*.yaml")
	if len(files) < 3 {
		t.Fatalf("fixtures not found: %v", files)
	}
	bad := []*regexp.Regexp{
		regexp.MustCompile(`[0-9] *\| *(°C|℃|mg|mL|μg|g\b|L\b|kg|%|天|年|月|日|号|个|批|瓶|支|小时|分钟|岁|万|亿)`),
		regexp.MustCompile(`[-−±≤≥] *\| *[-−0-9]`),
		regexp.MustCompile(`\|[,.;:?!)\]}%，。、；：？！）》」』】”’]`),
	}
	whole := regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|https?://[^ ）]+|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}-[0-9]{2}-[0-9]{2}|` +
		`[A-Z]+(-[A-Z0-9]+|-[\p{Han}]+)+|[\p{Han}]{1,4}[0-9]{6,}|[\p{Han}A-Z]+〔[0-9]{4}〕[0-9]+号|[0-9]{18}|[0-9]{17}[0-9A-Z]|ZL[0-9.]+`)
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			got := marks(line)
			for _, re := range bad {
				if m := re.FindString(got); m != "" {
					t.Errorf("%s: %q breaks at %q: %s", filepath.Base(f), line, m, got)
				}
			}
			for _, loc := range whole.FindAllStringIndex(line, -1) {
				if loc[0] > 0 && strings.ContainsAny(line[loc[0]-1:loc[0]], "abcdefghijklmnopqrstuvwxyz-") {
					continue // part of a word such as mc-vc-PAB-MMAE
				}
				w := line[loc[0]:loc[1]]
				checked++
				if m := marks(w); strings.Contains(strings.TrimPrefix(m, "|"), "|") {
					t.Errorf("%s: %q breaks inside: %s", filepath.Base(f), w, m)
				}
				if !strings.Contains(got, w) && !strings.Contains(got, "|"+w) {
					t.Errorf("%s: %q breaks inside in %s", filepath.Base(f), w, got)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d codes, addresses and dates found in the fixtures", checked)
	}
}

func TestWord(t *testing.T) {
	for _, tt := range []struct {
		text string
		at   int
		want string
	}{
		{"the pharmaceutical industry", 6, "pharmaceutical"},
		{"the pharmaceutical industry", 4, "pharmaceutical"},
		{"(responsible)", 3, "responsible"},
		{"holder’s consent", 2, "holder"},
		{"Manufacturing", 0, "Manufacturing"},
		{"the NMPA rules", 5, ""}, // an acronym
		{"sub-contract", 6, ""},   // a compound
		{"CRM197 carrier", 1, ""}, // runs into digits
		{"ruoxi.shen@hanyuan-bio.example.cn", 2, ""},
		{"https://www.example.com/documents", 28, ""},
		{"agreement.term_years", 3, ""},
		{"the act", 5, ""}, // too short
		{"质量协议", 1, ""},
	} {
		rs := []rune(tt.text)
		from, to := New(rs).Word(tt.at)
		if got := string(rs[from:to]); got != tt.want {
			t.Errorf("%q at %d: got %q, want %q", tt.text, tt.at, got, tt.want)
		}
	}
}

// fullUAX is UAX #14 run over the whole text from its start.
func fullUAX(text []rune) []bool {
	out := make([]bool, len(text))
	s, state, pos := string(text), -1, 0
	for len(s) > 0 {
		var seg string
		seg, s, _, state = uniseg.FirstLineSegmentInString(s, state)
		pos += utf8.RuneCountInString(seg)
		if pos < len(text) {
			out[pos] = true
		}
	}
	return out
}

// checkUAX compares the answers of UAX #14 asked in a random order, as
// line breaking asks them, with a run over the whole text.
func checkUAX(t *testing.T, s string, seed uint64) {
	rs := []rune(s)
	want := fullUAX(rs)
	b := New(rs)
	order := rand.New(rand.NewPCG(seed, 1)).Perm(len(rs))
	for _, i := range order {
		if i == 0 {
			continue
		}
		if got := b.uaxBefore(i); got != want[i] {
			t.Fatalf("%q: before %d (%q): got %v, a run from the start says %v", s, i, rs[i], got, want[i])
		}
	}
}

func TestLazyUAXMatchesFullRun(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/applicants/*.yaml")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for n, line := range strings.Split(string(data), "\n") {
			checkUAX(t, line, uint64(n))
		}
	}
	checkUAX(t, "“（「甲」）”——……1,2.3%(a)[b]{c} 'x' \"y\" ａｂｃ １２３ 𠀀 ☐☑ ‰ ℃ 2–8 —— x—y", 1)
}

// TestPlainPairs checks the two answers taken without asking UAX #14: a
// break between any two ideographs, none between two ASCII letters.
func TestPlainPairs(t *testing.T) {
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		if !ideograph(r) {
			continue
		}
		if !fullUAX([]rune{'中', r, '中'})[1] || !fullUAX([]rune{r, r})[1] {
			t.Fatalf("UAX #14 does not break before %U", r)
		}
	}
	for _, a := range "azAZmq" {
		for _, c := range "azAZbx" {
			if fullUAX([]rune{'1', a, c})[2] {
				t.Fatalf("UAX #14 breaks between %q and %q", a, c)
			}
		}
	}
}

func FuzzBreaks(f *testing.F) {
	f.Add("液氮气相（≤ -150 °C）见 https://x.cn/a)。ruoxi@x.cn HTM-年份-序号 2030年10月31日", uint64(1))
	f.Add("The manufacturer shall not sub-contract 20 mg/mL 苏药监GMP告〔2025〕0412号", uint64(2))
	f.Fuzz(func(t *testing.T, s string, seed uint64) {
		if utf8.RuneCountInString(s) > 400 {
			return
		}
		checkUAX(t, s, seed)
		rs := []rune(s)
		b := New(rs)
		for i := range rs {
			if b.Before(i) && (i == 0 || NoStart(rs[i])) {
				t.Fatalf("%q: break before %d (%q)", s, i, rs[i])
			}
			from, to := b.Word(i)
			if from > i || to < from || to > len(rs) || (to > from && (i < from || i >= to)) {
				t.Fatalf("%q: word %d..%d around %d", s, from, to, i)
			}
		}
	})
}

func BenchmarkBreaks(b *testing.B) {
	text := []rune(strings.Repeat("持有人应当建立覆盖全部生产场地的统一质量管理体系，包括统一的供应商管理、质量标准（QS-WCB-001）。"+
		"The manufacturer shall not sub-contract any activity without the holder's prior written consent, within 24 hours. ", 4))
	var br Breaks
	for b.Loop() {
		br.Reset(text)
		for i := range text {
			br.Before(i)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/rune")
}

func TestKinsokuSets(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if NoStart(r) != strings.ContainsRune(noStart, r) || NoEnd(r) != strings.ContainsRune(noEnd, r) {
			t.Fatalf("%q: NoStart/NoEnd disagree with the lists", r)
		}
	}
}

// TestLinear reads long hostile texts: each rule reads what it needs once,
// so this takes milliseconds (a rule reading again from every rune would
// take hours).
func TestLinear(t *testing.T) {
	for _, unit := range []string{"www.", "1 ", "1-", "a@", "　", "〔2025〕", "中1", "(", "Party ", "号 ", "x.y_", "QS-", "-1 "} {
		text := []rune(strings.Repeat(unit, 200000/utf8.RuneCountInString(unit)))
		b := New(text)
		for i := len(text) - 1; i > 0; i-- {
			b.Before(i)
		}
		for i := 0; i < len(text); i += 97 {
			b.Word(i)
		}
	}
}

func TestForced(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		// Where a piece wider than the line may break after all.
		{"2030年10月31日", "2030年|10月|31日"},
		{"20 mg/mL", "20 |mg/mL"},
		{"-150 °C", "-150 °C"},
		// Addresses never: lines break them by their own conventions.
		{"ruoxi.shen@hanyuan-bio.example.cn", "ruoxi.shen@hanyuan-bio.example.cn"},
		{"https://www.nmpa.gov.cn/xxgk/", "https://www.nmpa.gov.cn/xxgk/"},
	} {
		rs := []rune(tt.text)
		b := New(rs)
		var sb strings.Builder
		for i, r := range rs {
			if b.Forced(i) {
				sb.WriteRune('|')
			}
			sb.WriteRune(r)
		}
		if sb.String() != tt.want {
			t.Errorf("%q: got %s, want %s", tt.text, sb.String(), tt.want)
		}
	}
}
