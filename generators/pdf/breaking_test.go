package pdf

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"testing"

	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
	"pilotpack/internal/linebreak"
	"pilotpack/internal/typo"
)

// mono sets every character 1 wide (CJK 2, as in monospaced terminals), so
// expected lines can be written by hand. A hyphen is 1 wide too.
func mono(s string) []glyph { return monoH(s, hyphenNever) }

func monoH(s string, h hyphens) []glyph {
	var gs []glyph
	for _, r := range s {
		w := 1.0
		if wide(r) {
			w = 2
		}
		gs = append(gs, glyph{r: r, w: w, hy: 1, em: 200, hyph: h})
	}
	return gs
}

func lines(s string, width float64) []string { return linesH(s, width, hyphenNever) }

func linesH(s string, width float64, h hyphens) []string {
	gs := monoH(s, h)
	var out []string
	for _, l := range breakLines(gs, width, 0) {
		out = append(out, lineText(gs[l[0]:l[1]]))
	}
	return out
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		in    string
		width float64
		h     hyphens
		want  []string
	}{
		{"持有人负责工艺规程", 8, 0, []string{"持有人负", "责工艺", "规程"}},
		// 。may not start a line: 规 moves down with it.
		{"持有人负责。工艺规程", 10, 0, []string{"持有人负", "责。工艺", "规程"}},
		{"甲乙丙丁，戊己", 8, 0, []string{"甲乙丙", "丁，戊己"}},
		// 《 may not end a line.
		{"依据《指南》执行", 8, 0, []string{"依据《指", "南》执行"}},
		{"依据《指南》执行", 6, 0, []string{"依据", "《指", "南》执", "行"}},
		// Too narrow for any rule-abiding break: the marks hang.
		{"法》、甲", 2, 0, []string{"法》、", "甲"}},
		// Words stay whole; spaces vanish at the break.
		{"quality agreement draft", 10, 0, []string{"quality", "agreement", "draft"}},
		// A code and its 号 stay together.
		{"见 CXSS2400123 号", 14, 0, []string{"见", "CXSS2400123 号"}},
		// Mixed: a break between Chinese and a Latin word, none inside a
		// code.
		{"批号HTM-2025-001关联", 14, 0, []string{"批号", "HTM-2025-001", "关联"}},
		// Signs, numbers and units stay together.
		{"温度 -150 °C 以下", 8, 0, []string{"温度", "-150 °C", "以下"}},
		{"液氮气相（≤ -150 °C）", 12, 0, []string{"液氮气相", "（≤ -150 °C）"}},
		{"抗体中间体（20 mg/mL，组氨酸", 14, 0, []string{"抗体中间体", "（20 mg/mL，组", "氨酸"}},
		{"2000 L 一次性生物反应器", 9, 0, []string{"2000 L 一", "次性生物", "反应器"}},
		{"协议期限至 2030年10月31日，超过", 16, 0, []string{"协议期限至", "2030年10月31日，", "超过"}},
		// An English word wider than the line breaks with a hyphen, at a
		// hyphenation point when one fits.
		{"responsible", 6, 0, []string{"re-", "spon-", "sible"}},
		{"abcdefghijkl", 5, 0, []string{"abcd-", "efgh-", "ijkl"}},
		// Never a letter alone before a hyphen when two fit.
		{"medium", 3, 0, []string{"me-", "di-", "um"}},
		// A code wider than the line breaks without one.
		{"91310115631502488C", 10, 0, []string{"9131011563", "1502488C"}},
		{"ruoxi.shen@hanyuan-bio.example.cn", 13, 0, []string{"ruoxi.shen@", "hanyuan-bio", ".example.cn"}},
		// Not so that a stray ".cn" or "cn" makes a line of its own.
		{"ruoxi.shen@hanyuan-bio.example.cn", 31, 0, []string{"ruoxi.shen@hanyuan-bio", ".example.cn"}},
		{"yuelin.tan@kangqiao-bio.example.cn", 32, 0, []string{"yuelin.tan@kangqiao-bio", ".example.cn"}},
		// A date or a number with its unit wider than the line breaks where
		// the Unicode rules alone would, not inside a number or a word.
		{"（2025年8月15日）", 12, 0, []string{"（2025年8月", "15日）"}},
		{"约 20 mg/mL", 6, 0, []string{"约", "20", "mg/mL"}},
		// Justified text hyphenates a long word rather than stretch the
		// line's spaces; without hyphenation the word moves down whole.
		{"by the pharmaceutical holder", 16, hyphenJustified, []string{"by the pharma-", "ceutical holder"}},
		{"by the pharmaceutical holder", 16, hyphenNever, []string{"by the", "pharmaceutical", "holder"}},
		// Not when the line is full enough.
		{"the holders of manufacturing", 15, hyphenJustified, []string{"the holders of", "manufacturing"}},
		// A narrow column hyphenates when half of it would stay empty and
		// the word's tail shares its line with what follows.
		{"quality responsibilities", 12, hyphenRagged, []string{"quality", "responsibil-", "ities"}},
		{"the manufacturer of it", 12, hyphenRagged, []string{"the manufac-", "turer of it"}},
		// Not when the tail would stand alone: that saves no line
		// ("and specifica-|tion").
		{"the manufacturer", 12, hyphenRagged, []string{"the", "manufacturer"}},
		{"WCB specification QS-WCB-001", 13, hyphenRagged, []string{"WCB", "specification", "QS-WCB-001"}},
		{"Ltd. (conjugation)", 14, hyphenRagged, []string{"Ltd.", "(conjugation)"}},
		{"quality manufacturer", 12, hyphenRagged, []string{"quality", "manufacturer"}},
		// Ragged text does not end in a runt, a line of one short word:
		// the line above gives up its last word.
		{"[The text of the Agreement ends here; signatures follow.]", 50, 0, []string{"[The text of the Agreement ends here;", "signatures follow.]"}},
		// Justified text keeps its full lines.
		{"[The text of the Agreement ends here; signatures follow.]", 50, hyphenJustified, []string{"[The text of the Agreement ends here; signatures", "follow.]"}},
		// Dashes and ellipses are never split.
		{"甲乙——丙丁", 6, 0, []string{"甲乙", "——丙", "丁"}},
		// No paragraph ends in one Chinese character alone (孤字): the
		// line above gives one up, when three stay with it.
		{"偶联、无菌灌装与冻干", 18, 0, []string{"偶联、无菌灌装与", "冻干"}},
		{"甲乙丙丁戊", 8, 0, []string{"甲乙丙", "丁戊"}},
		{"甲乙丙", 4, 0, []string{"甲乙", "丙"}},
		{"测试", 100, 0, []string{"测试"}},
		{"", 10, 0, nil},
		{"   ", 10, 0, nil},
	}
	for _, tt := range tests {
		got := linesH(tt.in, tt.width, tt.h)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q at %v: got %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

// TestBreakNames checks when justified text hyphenates a capitalised word:
// only when leaving it whole would stretch the spaces by more than a third
// of an em (a lower-case word: a fifth); an acronym never.
func TestBreakNames(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width float64
		want  string
	}{
		// Glyphs 1 wide, an em of 10: the three spaces of "of the Lanhu "
		// may take 6 more for a word, 10 more for a name.
		{"of the Lanhu biopharmaceutical", 20, "of the Lanhu bio-|pharmaceutical"},
		{"of the Lanhu Biopharmaceutical", 20, "of the Lanhu|Biopharmaceutical"},
		{"of the Lanhu Biopharmaceutical", 23, "of the Lanhu Biopharma-|ceutical"},
		{"of the Lanhu BIOPHARMACEUTICAL", 23, "of the Lanhu|BIOPHARMACEUTICAL"},
		// A word that fits but for the comma after it is the one to
		// hyphenate.
		{"of the Lanhu documents, the", 22, "of the Lanhu docu-|ments, the"},
	} {
		gs := monoH(tt.in, hyphenJustified)
		for i := range gs {
			gs[i].em = 1000
		}
		var got []string
		for _, l := range breakLines(gs, tt.width, 0) {
			got = append(got, lineText(gs[l[0]:l[1]]))
		}
		if strings.Join(got, "|") != tt.want {
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
	f.Add("the pharmaceutical manufacturer ruoxi.shen@x.cn −150 °C 2030年10月31日", 9.0)
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if width < 1 || width > 1000 {
			return
		}
		for _, h := range []hyphens{hyphenNever, hyphenJustified, hyphenRagged} {
			gs := monoH(s, h)
			n := 0
			var text strings.Builder
			for _, l := range breakLines(gs, width, 0) {
				if l[0] > l[1] || l[1] > len(gs) || l[0] < n {
					t.Fatalf("bad range %v", l)
				}
				for _, g := range gs[n:l[0]] {
					if !isSpace(g.r) {
						t.Fatalf("%q lost %q between lines", s, g.r)
					}
				}
				text.WriteString(string(runes(gs[l[0]:l[1]])))
				n = l[1]
			}
			if strings.Join(strings.Fields(text.String()), "") != strings.Join(strings.Fields(string(runes(gs))), "") {
				t.Fatalf("%q came out as %q", s, text.String())
			}
		}
	})
}

// shaped shapes s as body text in the embedded fonts.
func shaped(t *testing.T, spans []document.Span, st textStyle) ([]glyph, []textStyle) {
	t.Helper()
	e := newEngine(&document.Doc{Lang: "zh"}, mustFonts(t))
	e.newPage()
	segs, styles := e.shape(spans, st)
	if len(segs) != 1 {
		t.Fatalf("%d segments", len(segs))
	}
	return segs[0], styles
}

func TestSettleSpacing(t *testing.T) {
	body := textStyle{font: fSerif, size: 12}
	// kerns are the glyphs' kerns, with h for a mark drawn as its half
	// form (see halfBase).
	kerns := func(s string, st textStyle) (string, []any) {
		gs, _ := shaped(t, []document.Span{{Text: s}}, st)
		var ks []any
		for _, g := range gs {
			if g.end&endHalf != 0 {
				ks = append(ks, "h")
				continue
			}
			ks = append(ks, g.kern)
		}
		return string(runes(gs)), ks
	}
	// Data's spaces between Han and Latin give way to the quarter em:
	// both spellings come out alike.
	a, ka := kerns("张江路 1288 号 6 幢", body)
	b, kb := kerns("张江路1288号6幢", body)
	if a != "张江路1288号6幢" || a != b || fmt.Sprint(ka) != fmt.Sprint(kb) {
		t.Errorf("spaced %q %v, unspaced %q %v", a, ka, b, kb)
	}
	if want := "[0 0 3 0 0 0 3 3 3 0]"; fmt.Sprint(ka) != want {
		t.Errorf("quarter ems %v, want %s", ka, want)
	}
	// Adjacent full-width marks give up half an em between them: a closing
	// mark, its ink in its left half, by being drawn as its half form; an
	// opening one, by a kern.
	for _, tt := range []struct{ in, want string }{
		{"（OOS），应当", "[0 0 0 0 h 0 0 0]"},
		{"（「甲」）", "[-6 0 0 h 0]"},
		{"《规范》。", "[0 0 0 h 0]"},
		{"见：“《指南》”", "[0 h -6 0 0 0 h 0]"},
	} {
		if _, k := kerns(tt.in, body); fmt.Sprint(k) != tt.want {
			t.Errorf("%q: kerns %v, want %s", tt.in, k, tt.want)
		}
	}
	// Curly quotes in English text give up their blank half (an opening
	// one through the space before it, but never more than the advance of
	// a glyph that is not a space); beside Chinese they stay full width.
	for _, tt := range []struct{ in, want string }{
		{"the “Giver” is", "[0.0 0.0 0.0 -6.0 0.0 0.0 0.0 0.0 0.0 0.0 -6.0 0.0 0.0 0.0]"},
		{"(“IP”)", "[-3.9 0.0 0.0 0.0 -6.0 0.0]"},
		{"甲“乙”丙", "[0.0 0.0 0.0 0.0 0.0]"},
		{"a “—” b", "[0.0 -6.0 0.0 0.0 -6.0 0.0 0.0]"},
	} {
		if _, k := kerns(tt.in, body); fmt.Sprintf("%.1f", k) != tt.want {
			t.Errorf("%q: kerns %.1f, want %s", tt.in, k, tt.want)
		}
	}
	// Code blocks keep their spaces and get no spacing.
	code := textStyle{font: fSans, size: 10, verbatim: true}
	if s, k := kerns("张江路 1288 号", code); s != "张江路 1288 号" || fmt.Sprint(k) != "[0 0 0 0 0 0 0 0 0 0]" {
		t.Errorf("verbatim: %q %v", s, k)
	}
	// Every glyph knows its hyphen and its em.
	gs, _ := shaped(t, []document.Span{{Text: "hyphenation"}}, body)
	if gs[0].hy < 3.5 || gs[0].hy > 5 || gs[0].em != 1200 {
		t.Errorf("hyphen %v, em %v", gs[0].hy, gs[0].em)
	}
}

// TestFontsSetMarksAsTypoAssumes checks the embedded faces against what
// typo.Spacing assumes: full-width marks with their ink in one half.
func TestFontsSetMarksAsTypoAssumes(t *testing.T) {
	f := mustFonts(t)
	for _, face := range []*Face{f.Serif, f.SerifBold, f.Sans, f.SansBold} {
		for _, set := range []struct {
			marks  string
			lo, hi int
		}{{typo.ClosingMarks, 0, 560}, {typo.OpeningMarks, 440, 1000}} {
			for _, r := range set.marks {
				if face.Width(r) != 1000 {
					continue // not compressed
				}
				d := face.glyphData(face.gid(r))
				if len(d) < 10 {
					t.Errorf("%s: no outline for %q", face.Name, r)
					continue
				}
				xmin, xmax := int(int16(binary.BigEndian.Uint16(d[2:]))), int(int16(binary.BigEndian.Uint16(d[6:])))
				if xmin*1000/face.unitsPerEm < set.lo || xmax*1000/face.unitsPerEm > set.hi {
					t.Errorf("%s: %q has its ink at %d..%d, outside %d..%d", face.Name, r, xmin, xmax, set.lo, set.hi)
				}
			}
		}
	}
}

// TestDrawSpacing draws a line with quarter ems and a compressed mark: a
// run ends at a glyph spaced after, the next starts where the line puts it,
// and a closing mark that gives up room is drawn as its half form.
func TestDrawSpacing(t *testing.T) {
	e := newEngine(&document.Doc{Lang: "zh"}, mustFonts(t))
	e.newPage()
	ls := e.lines([]document.Span{{Text: "于2029年（草案），见"}}, textStyle{font: fSerif, size: 12}, 400, 0)
	if len(ls) != 1 {
		t.Fatalf("%d lines", len(ls))
	}
	l := ls[0]
	l.last = true
	e.drawLine(l, 100, 100, 400, 19.2, document.AlignLeft)
	var got []string
	at, pen := 0, 100.0 // the glyph an op starts with, and where the line puts it
	for _, it := range e.page().Items {
		op := it.(page.Text)
		if math.Abs(op.X-pen) > 1e-6 {
			t.Errorf("%q drawn at %.3f, the line puts it at %.3f", op.Text, op.X, pen)
		}
		got = append(got, fmt.Sprintf("%s/%g", op.Text, op.Spacing))
		for range []rune(op.Text) {
			pen += l.gs[at].w
			at++
		}
	}
	// The quarter ems follow 于 and 9; ） gives up half an em to ，, drawn as
	// its half form, in the run.
	if want := "于/0 2029/0 年（草案" + string(halfOf('）')) + "，见/0"; strings.Join(got, " ") != want {
		t.Errorf("ops %q, want %q", strings.Join(got, " "), want)
	}
}

// TestNoWordBrokenWithoutHyphen breaks English and mixed text in the real
// fonts at many widths: a line that ends inside a word ends in a hyphen,
// and at widths every unbreakable piece fits in, every break is one the
// rules allow.
func TestNoWordBrokenWithoutHyphen(t *testing.T) {
	text := "The manufacturer shall not sub-contract any activity without the holder's prior written consent; " +
		"the responsibilities table (responsible, participates, informed) binds Shanghai Hanyuan Biopharmaceutical Technology Co., Ltd. " +
		"受托方应当按照2–8 °C条件（≤ -150 °C）保存20 mg/mL抗体中间体，批号HTM-2025-001，联系ruoxi.shen@hanyuan-bio.example.cn，期限至2030年10月31日。"
	for _, h := range []hyphens{hyphenNever, hyphenJustified, hyphenRagged} {
		for width := 30.0; width <= 400; width += 7 {
			gs, _ := shaped(t, []document.Span{{Text: text}}, textStyle{font: fSerif, size: 10.5, hyphens: h})
			opp := opportunities(gs)
			ls := breakLines(gs, width, 0)
			for i := 1; i < len(ls); i++ {
				end, next := ls[i-1][1], ls[i][0]
				last := gs[end-1]
				if last.end&endHyphen != 0 {
					continue
				}
				if asciiLetter(last.r) && asciiLetter(gs[next].r) && next == end && !linebreak.New(runes(gs)).Kept(next) {
					t.Fatalf("width %v: %q|%q broken without a hyphen", width, lineText(gs[ls[i-1][0]:end]), lineText(gs[next:ls[i][1]]))
				}
				if width >= 200 && !opp[next] {
					t.Errorf("width %v: break before %q where the rules allow none: %q|%q", width, gs[next].r, lineText(gs[ls[i-1][0]:end]), lineText(gs[next:ls[i][1]]))
				}
			}
		}
	}
}

// opportunities reports for each glyph whether a line may break before it.
func opportunities(gs []glyph) []bool { return linebreak.Opportunities(runes(gs)) }

func runes(gs []glyph) []rune {
	out := make([]rune, len(gs))
	for i, g := range gs {
		out[i] = g.r
	}
	return out
}

// TestWidthsCountSpacesInsidePieces checks that the widest piece no line
// may break includes the spaces inside it: a column as wide as that piece
// holds a telephone number on one line.
func TestWidthsCountSpacesInsidePieces(t *testing.T) {
	for _, tt := range []struct {
		in     string
		widest float64
	}{
		{"0512-6287 4410", 14},
		{"call 0512-6287 4410 now", 14},
		{"300 g of it", 5},
		{"a b", 1},
	} {
		if _, w := widths(mono(tt.in), 0); w != tt.widest {
			t.Errorf("%q: widest piece %v, want %v", tt.in, w, tt.widest)
		}
	}
}

// TestAddressesBreakBeforeTheirTail sets e-mail addresses in table cells
// of every width narrower than they are and checks that no line holds a
// stray end of one (".cn", "cn").
func TestAddressesBreakBeforeTheirTail(t *testing.T) {
	e := newEngine(&document.Doc{Lang: "en"}, mustFonts(t))
	e.newPage()
	for _, s := range []string{"yuelin.tan@kangqiao-bio.example.cn", "ruoxi.shen@hanyuan-bio.example.cn", "xiaochuan.pu@jinrui-pharma.example.cn"} {
		for w := 100.0; w < 200; w += 2.5 {
			for _, l := range e.lines([]document.Span{{Text: s}}, cellStyle(false), w, 0) {
				if text := lineText(l.gs); len(text) < 5 {
					t.Errorf("%q at %v: a line of %q", s, w, text)
				}
			}
		}
	}
}
