package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"pilotpack/fonts"
	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
	"pilotpack/internal/testtool"
)

var date = time.Date(2025, 12, 10, 9, 0, 0, 0, time.UTC)

func sample(t testing.TB) *document.Doc {
	t.Helper()
	src, err := os.ReadFile("../../internal/document/testdata/agreement.md")
	if err != nil {
		t.Fatal(err)
	}
	d, warns := document.Parse(src, "zh")
	if len(warns) > 0 {
		t.Fatalf("sample has warnings: %v", warns)
	}
	d.Author, d.Subject, d.Keywords = "上海瀚源生物医药科技有限公司", "质量协议", "质量协议, 分段生产"
	return d
}

func write(t testing.TB, d *document.Doc, opts Options) ([]byte, *Result, string) {
	t.Helper()
	var b bytes.Buffer
	if opts.Date.IsZero() {
		opts.Date = date
	}
	res, err := Write(&b, d, opts)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), res, path
}

// corpus is long mixed Chinese and English running text with the marks that
// trouble line breaking: closing and opening punctuation, quotes, dashes and
// ellipses, digits, codes, and characters GB2312 lacks (喆 堃 昇 珺).
func corpus(paragraphs int) string {
	parts := []string{
		"持有人应当建立覆盖全部生产场地的统一质量管理体系，包括统一的供应商管理、质量标准、工艺规程、变更控制和偏差处理程序。",
		"受托方（上海臻恒生物技术有限公司）应当按照《药品生产质量管理规范（2010年修订）》组织生产；检验结果超标（OOS）时，应当立即调查……并在24小时内通知持有人——不得延误！",
		"The manufacturer shall not sub-contract any activity without the holder's prior written consent, and shall notify the holder within 24 hours of any regulatory inspection.",
		"批号规则为HTC-2025-001（偶联原液）与HTF-2025-001（成品），温度2–8 °C，相对湿度≤65%；质量受权人許珺堃、林昇玥与方喆复核，罗明喆、陈立堃见证。",
		"“分段生产”是指将同一品种的生产过程划分为若干阶段，分别由不同企业完成；each stage is released by the manufacturer's QP (出厂放行) before the holder's QP releases the product to market (上市放行)。",
		"☐ 已提供 ☑ 待补充 ☒ 不适用：申请人应当逐项核对申报资料目录，确认资料完整、真实、可追溯。",
	}
	var b strings.Builder
	for i := range paragraphs {
		b.WriteString(parts[i%len(parts)])
		b.WriteString(parts[(i*7+3)%len(parts)])
		b.WriteString("\n\n")
	}
	return b.String()
}

func counts(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			m[r]++
		}
	}
	return m
}

// TestEveryCharacterSurvives sets a long mixed corpus and compares, rune by
// rune, what pdftotext reads back with what went in plus the page footers.
func TestEveryCharacterSurvives(t *testing.T) {
	text := corpus(60)
	d, _ := document.Parse([]byte(text), "zh")
	_, res, path := write(t, d, Options{})
	if res.Pages < 5 {
		t.Fatalf("only %d pages", res.Pages)
	}
	want := counts(text)
	for i := 1; i <= res.Pages; i++ {
		for r, n := range counts(document.LabelsFor("zh").Page(i, res.Pages)) {
			want[r] += n
		}
	}
	got := counts(testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-"))
	delete(got, softHyphen) // the hyphens of words broken at line ends are not text
	var diffs []string
	for r := range want {
		if got[r] != want[r] {
			diffs = append(diffs, fmt.Sprintf("%q: %d in, %d out", r, want[r], got[r]))
		}
	}
	for r := range got {
		if _, ok := want[r]; !ok {
			diffs = append(diffs, fmt.Sprintf("%q: 0 in, %d out", r, got[r]))
		}
	}
	if len(diffs) > 0 {
		t.Errorf("characters lost or added:\n%s", strings.Join(diffs, "\n"))
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
}

// TestNoClosingMarkStartsALine checks the breaking rules on every line laid
// out, and on the text pdftotext extracts.
func TestNoClosingMarkStartsALine(t *testing.T) {
	for _, d := range []*document.Doc{sample(t), mustParse(corpus(30))} {
		var log []string
		layoutLogged(d, mustFonts(t), &log)
		if len(log) < 50 {
			t.Fatalf("only %d lines logged", len(log))
		}
		for _, l := range log {
			if r := []rune(l)[0]; isNoStart(r) {
				t.Errorf("line starts with %q: %q", r, l)
			}
			if r := []rune(l)[len([]rune(l))-1]; isNoEnd(r) {
				t.Errorf("line ends with %q: %q", r, l)
			}
		}
	}
	_, _, path := write(t, mustParse(corpus(30)), Options{})
	for _, l := range strings.Split(testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-"), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && isNoStart([]rune(l)[0]) {
			t.Errorf("extracted line starts with a closing mark: %q", l)
		}
	}
}

func layoutLogged(d *document.Doc, f *Fonts, log *[]string) *engine {
	e := newEngine(d, f)
	e.lineLog = log
	e.newPage()
	e.blocks(d.Blocks, marginL, textW, 0, nil)
	return e
}

func mustParse(s string) *document.Doc {
	d, _ := document.Parse([]byte(s), "zh")
	return d
}

func mustFonts(t testing.TB) *Fonts {
	f, err := DefaultFonts()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFontsEmbeddedWithUnicodeMaps(t *testing.T) {
	_, _, path := write(t, sample(t), Options{})
	out := testtool.Run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists %d fonts:\n%s", len(lines), out)
	}
	for _, l := range lines {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID
		n := len(f)
		if f[n-5] != "yes" || f[n-3] != "yes" {
			t.Errorf("font not embedded with a Unicode map: %s", l)
		}
	}
}

func TestPdfcpuValidates(t *testing.T) {
	b, res, _ := write(t, sample(t), Options{Draft: true})
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(b), conf); err != nil {
		t.Fatalf("pdfcpu: %v", err)
	}
	n, err := api.PageCount(bytes.NewReader(b), conf)
	if err != nil || n != res.Pages {
		t.Errorf("page count %d, %v", n, err)
	}
}

// TestOutlineFollowsHeadings compares the PDF's bookmarks with the headings.
func TestOutlineFollowsHeadings(t *testing.T) {
	d := sample(t)
	b, res, _ := write(t, d, Options{})
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	bms, err := api.Bookmarks(bytes.NewReader(b), conf)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(level int, bs []pdfcpu.Bookmark)
	walk = func(level int, bs []pdfcpu.Bookmark) {
		for _, bm := range bs {
			got = append(got, fmt.Sprintf("%d %s p%d", level, bm.Title, bm.PageFrom))
			walk(level+1, bm.Kids)
		}
	}
	walk(1, bms)
	var want []string
	for _, h := range res.Headings {
		want = append(want, fmt.Sprintf("%d %s p%d", h.Level, h.Title, h.Page))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nheadings:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) != len(d.Headings()) {
		t.Errorf("%d headings placed, the document has %d", len(want), len(d.Headings()))
	}
}

// TestTableOfContents reads the contents page back and checks that every
// listed heading is on the page the entry names.
func TestTableOfContents(t *testing.T) {
	_, res, path := write(t, sample(t), Options{})
	toc := testtool.Run(t, "pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2", "-layout", path, "-")
	entry := regexp.MustCompile(`^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$`)
	found := 0
	for _, l := range strings.Split(toc, "\n") {
		m := entry.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		found++
		page := testtool.Run(t, "pdftotext", "-enc", "UTF-8", "-f", m[2], "-l", m[2], path, "-")
		if !strings.Contains(page, m[1]) {
			t.Errorf("contents say %q is on page %s; it is not", m[1], m[2])
		}
	}
	want := 0
	for _, h := range res.Headings {
		if h.Level <= 2 {
			want++
		}
	}
	if found != want {
		t.Errorf("contents list %d entries, want %d:\n%s", found, want, toc)
	}
}

func TestDeterministic(t *testing.T) {
	d := sample(t)
	first, _, _ := write(t, d, Options{Draft: true})
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			if _, err := Write(&b, sample(t), Options{Date: date, Draft: true}); err != nil {
				t.Error(err)
			}
			outs[i] = b.Bytes()
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if !bytes.Equal(o, first) {
			t.Errorf("build %d differs from the first", i)
		}
	}
	other, _, _ := write(t, d, Options{Draft: true, Date: date.Add(24 * time.Hour)})
	if bytes.Equal(other, first) {
		t.Error("the date is not in the file")
	}
}

func TestMetadata(t *testing.T) {
	b, _, path := write(t, sample(t), Options{Creator: "pilotpack test"})
	info := testtool.Run(t, "pdfinfo", path)
	for _, want := range []string{"Title:           药品委托生产质量协议", "Author:          上海瀚源生物医药科技有限公司", "Subject:         质量协议", "Keywords:        质量协议, 分段生产", "Creator:         pilotpack test", "Page size:       595.28 x 841.89 pts (A4)", "Encrypted:       no"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if !bytes.Contains(b, []byte("/Lang (zh-CN)")) {
		t.Error("no /Lang in the catalog")
	}
	if bytes.Contains(b, []byte("/JavaScript")) || bytes.Contains(b, []byte("/Encrypt")) || bytes.Contains(b, []byte("/EmbeddedFile")) {
		t.Error("a submission PDF must carry no scripts, encryption or attachments")
	}
}

// TestDraftWatermarkOnEveryPage looks for the rotated watermark in every
// page's content stream (pdftotext leaves diagonal text out).
func TestDraftWatermarkOnEveryPage(t *testing.T) {
	b, res, _ := write(t, sample(t), Options{Draft: true})
	rotated := 0
	for _, s := range streams(b) {
		if bytes.Contains(s, []byte("0.81915 0.57358 -0.57358 0.81915")) && bytes.Contains(s, []byte(" 110 Tf ")) {
			rotated++
		}
	}
	if rotated != res.Pages {
		t.Errorf("%d of %d pages carry the watermark", rotated, res.Pages)
	}
	plain, _, _ := write(t, sample(t), Options{})
	for _, s := range streams(plain) {
		if bytes.Contains(s, []byte(" 110 Tf ")) {
			t.Error("a watermark without Draft")
		}
	}
}

// streams returns the decompressed streams of a PDF.
func streams(pdf []byte) [][]byte {
	var out [][]byte
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(r)
		if err == nil {
			out = append(out, data)
		}
	}
	return out
}

// flat joins extracted text without line breaks and page footers, so a
// phrase wrapped across lines or pages is found again.
func flat(text string, pages int) string {
	text = strings.Join(strings.Fields(text), "")
	for i := 1; i <= pages; i++ {
		text = strings.ReplaceAll(text, strings.ReplaceAll(document.LabelsFor("zh").Page(i, pages), " ", ""), "")
	}
	return text
}

func TestTableRepeatsHeaderAcrossPages(t *testing.T) {
	var b strings.Builder
	b.WriteString("| 序号 | 材料名称 | 要求 |\n|---|---|---|\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&b, "| %d | 受托生产企业药品生产许可证及GMP符合性检查告知书 | 加盖公章的复印件，一式两份，并附所在地省局同意受托生产的意见第%d项 |\n", i, i)
	}
	d := mustParse(b.String())
	_, res, path := write(t, d, Options{})
	if res.Pages < 3 {
		t.Fatalf("a 120-row table fits on %d pages", res.Pages)
	}
	for p := 1; p <= res.Pages; p++ {
		text := testtool.Run(t, "pdftotext", "-enc", "UTF-8", "-f", fmt.Sprint(p), "-l", fmt.Sprint(p), path, "-")
		if !strings.Contains(text, "材料名称") {
			t.Errorf("page %d lacks the repeated header row", p)
		}
	}
	all := flat(testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-"), res.Pages)
	// Each row's last words (a cell's lines may interleave with the next
	// cell's in the extracted text).
	if n := len(regexp.MustCompile(`第[0-9]+项`).FindAllString(all, -1)); n != 120 {
		t.Errorf("%d of 120 rows found", n)
	}
}

func TestTallRowSplitsAcrossPages(t *testing.T) {
	long := strings.Repeat("受托方应当按照持有人批准的工艺规程组织生产。", 200)
	d := mustParse("| 项目 | 内容 |\n|---|---|\n| 长条款 | " + long + " |\n")
	_, res, path := write(t, d, Options{})
	if res.Pages < 2 {
		t.Fatal("a row taller than a page did not split")
	}
	text := flat(testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-"), res.Pages)
	if n := strings.Count(text, "项目内容"); n != res.Pages {
		t.Errorf("header row on %d of %d pages", n, res.Pages)
	}
	got := strings.Count(strings.ReplaceAll(text, "项目内容", ""), "受托方应当按照持有人批准的工艺规程组织生产。")
	if got != 200 {
		t.Errorf("%d of 200 sentences survive the split", got)
	}
}

// TestMissingCharactersKeepTheirText sets characters no font has: each is
// printed as a placeholder that copies and searches as the character itself
// (its actual text), and is named once in the warnings with a count.
func TestMissingCharactersKeepTheirText(t *testing.T) {
	d := mustParse("申请人𠀀公司 emoji 😀 和 ‱ 符号。\n\n# 标题𠀀\n\n| 表𠀀 |\n|---|\n| 😀 |\n")
	b, res, path := write(t, d, Options{})
	if len(res.Warnings) != 3 {
		t.Fatalf("want one warning for each of 3 characters: %v", res.Warnings)
	}
	joined := strings.Join(res.Warnings, "\n")
	for _, want := range []string{"U+20000", "printed as 〓 3 times, first on page 1", "U+1F600", "U+2031", "申请人𠀀公司", "fonts/ folder"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q:\n%s", want, joined)
		}
	}
	text := testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	for _, want := range []string{"申请人𠀀公司", "emoji 😀", "‱ 符号", "标题𠀀", "表𠀀"} {
		if !strings.Contains(text, want) {
			t.Errorf("copying lost %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "〓") {
		t.Errorf("the placeholder copies as itself:\n%s", text)
	}
	marked := 0
	for _, s := range streams(b) {
		marked += bytes.Count(s, []byte("/Span <</ActualText <FEFFD840DC00>>> BDC"))
	}
	if marked < 3 {
		t.Errorf("%d runs of U+20000 marked with their actual text, want at least 3", marked)
	}
}

func TestFontFiles(t *testing.T) {
	dir := t.TempDir()
	otf := filepath.Join(dir, "x.otf")
	os.WriteFile(otf, append([]byte("OTTO"), make([]byte, 64)...), 0o644)
	if _, err := WithBody(otf, ""); err == nil || !strings.Contains(err.Error(), "CFF") {
		t.Errorf("OTF accepted or unclear: %v", err)
	}
	junk := filepath.Join(dir, "x.ttf")
	os.WriteFile(junk, []byte("not a font at all, really"), 0o644)
	if _, err := WithBody(junk, ""); err == nil || !strings.Contains(err.Error(), "not a TrueType font") {
		t.Errorf("junk accepted or unclear: %v", err)
	}
	// A collection whose first font is the serif face.
	ttc := filepath.Join(dir, "x.ttc")
	os.WriteFile(ttc, collection(fonts.SerifBold), 0o644)
	f, err := WithBody(ttc, "")
	if err != nil {
		t.Fatalf("TTC refused: %v", err)
	}
	if !f.Serif.Has('质') || f.Serif.Width('质') != 1000 {
		t.Error("the collection's font is not usable")
	}
	_, _, path := write(t, mustParse("质量协议 quality"), Options{Fonts: f})
	if got := testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-"); !strings.Contains(got, "质量协议 quality") {
		t.Errorf("text set in the TTC's font: %q", got)
	}
}

// collection wraps one TrueType font in a TrueType collection header.
func collection(ttf []byte) []byte {
	head := []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10")
	out := append(head, ttf...)
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		e := out[16+12+16*i:]
		binary.BigEndian.PutUint32(e[8:], binary.BigEndian.Uint32(e[8:])+16)
	}
	return out
}

func TestBallotBoxesAreDrawn(t *testing.T) {
	_, res, path := write(t, mustParse("- [ ] 未完成\n- [x] 已完成\n\n☒ 不适用"), Options{})
	if len(res.Warnings) > 0 {
		t.Errorf("ballot boxes reported missing: %v", res.Warnings)
	}
	text := testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	for _, want := range []string{"☐ 未完成", "☑ 已完成", "☒ 不适用"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in %q", want, text)
		}
	}
}

func TestRendersToImages(t *testing.T) {
	_, res, path := write(t, sample(t), Options{})
	dir := t.TempDir()
	testtool.Run(t, "pdftoppm", "-png", "-r", "30", path, filepath.Join(dir, "page"))
	pngs, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if len(pngs) != res.Pages {
		t.Errorf("%d pages rendered of %d", len(pngs), res.Pages)
	}
}

// FuzzWrite sets arbitrary Markdown as a PDF: no panic, no hang.
func FuzzWrite(f *testing.F) {
	src, _ := os.ReadFile("../../internal/document/testdata/agreement.md")
	f.Add(string(src))
	f.Add("𠀀😀\x00\t｜|a|\n|-|\n|𠀀|\n::: signature\n- ：\n:::\n")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 20000 {
			return
		}
		d, _ := document.Parse([]byte(s), "zh")
		var b bytes.Buffer
		if _, err := Write(&b, d, Options{Date: date}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestTableHeaderNotAloneAtPageFoot fills a page nearly to its foot, then
// starts a table whose first row is several lines tall: the header must move
// to the next page with that row rather than stand alone.
func TestTableHeaderNotAloneAtPageFoot(t *testing.T) {
	fonts := mustFonts(t)
	for filler := 20; filler <= 32; filler++ {
		md := strings.Repeat("这一段文字只用来占满页面的大部分。\n\n", filler) +
			"| 表头甲 | 表头乙 |\n|---|---|\n| 首行" + strings.Repeat("很长的单元格内容，", 40) + " | 短 |\n| 次行 | 短 |\n"
		e := layout(mustParse(md), fonts)
		pageOf := func(text string) int {
			for i, p := range e.pages {
				for _, it := range p.Items {
					if to, ok := it.(page.Text); ok && strings.Contains(to.Text, text) {
						return i
					}
				}
			}
			t.Fatalf("%q not drawn", text)
			return -1
		}
		if h, r := pageOf("表头甲"), pageOf("首行"); h != r {
			t.Errorf("%d filler paragraphs: the header is on page %d, the first row on page %d", filler, h+1, r+1)
		}
	}
}

// TestSubsetKeepsComponents subsets a document's glyphs out of a book's
// numbering: glyphs left out are empty, drawn ones keep their outlines,
// and a composite glyph (an accented letter) keeps its components.
func TestSubsetKeepsComponents(t *testing.T) {
	face := mustFonts(t).Serif
	if err := face.Err(); err != nil {
		t.Fatal(err)
	}
	composite := rune(0)
	for r := rune(0x20); r < 0x10000 && composite == 0; r++ {
		if data := face.glyphData(face.gid(r)); face.gid(r) > 0 && len(data) >= 2 && int16(binary.BigEndian.Uint16(data)) < 0 {
			composite = r
		}
	}
	runes := []rune{'A', '质', '量', '）'}
	if composite != 0 { // Noto's CJK faces have none; other faces do
		runes = append(runes, composite)
	}
	g := newGlyphs(runes)
	used := func(i int) bool { return g.runes[i] != '量' }
	sub, err := face.Subset(g.runes, used)
	if err != nil {
		t.Fatal(err)
	}
	if sum := checksum(sub); sum != 0xB1B0AFBA {
		t.Errorf("the subset's checksum is %08X, not B1B0AFBA: the head table's adjustment is wrong", sum)
	}
	f, err := ParseFace("subset", sub)
	if err != nil {
		t.Fatal(err)
	}
	for tag, data := range f.tables {
		padded := append(slices.Clone(data), make([]byte, (4-len(data)%4)%4)...)
		if tag == "head" {
			binary.BigEndian.PutUint32(padded[8:], 0)
		}
		d := f.data[12:]
		for i := range int(binary.BigEndian.Uint16(f.data[4:])) {
			if string(d[16*i:16*i+4]) == tag && binary.BigEndian.Uint32(d[16*i+4:]) != checksum(padded) {
				t.Errorf("table %s: wrong checksum in the directory", tag)
			}
		}
	}
	for i, r := range g.runes {
		data := f.glyphData(i + 1)
		if used(i) != (len(data) > 0) {
			t.Errorf("%q: %d bytes of outline, used %v", r, len(data), used(i))
		}
		if f.Has(r) != used(i) {
			t.Errorf("%q: in the subset's cmap %v, used %v", r, f.Has(r), used(i))
		}
	}
	if composite == 0 {
		return
	}
	data := f.glyphData(int(g.id(composite)))
	components(data, func(at int) {
		c := int(binary.BigEndian.Uint16(data[at:]))
		if c >= f.numGlyphs || len(f.glyphData(c)) == 0 {
			t.Errorf("%q's component %d is not in the subset", composite, c)
		}
	})
}

// TestSubmissionGrade checks what ICH M8 and the FDA ask of a PDF: version
// 1.7, XMP metadata saying what the information dictionary says, the first
// page on opening, the bookmarks shown when there are any, and nothing a
// submission must not carry.
func TestSubmissionGrade(t *testing.T) {
	withOutline, _, _ := write(t, sample(t), Options{Creator: "pilotpack test"})
	plain := mustParse("正文，没有标题。")
	plain.Title, plain.Author = "无标题", "申请人"
	without, _, _ := write(t, plain, Options{Creator: "pilotpack test"})
	for name, tc := range map[string]struct {
		data     []byte
		pageMode string
	}{"with outline": {withOutline, "UseOutlines"}, "without": {without, "UseNone"}} {
		if !bytes.HasPrefix(tc.data, []byte("%PDF-1.7\n")) {
			t.Errorf("%s: header %q", name, tc.data[:9])
		}
		api.DisableConfigDir()
		ctx, err := api.ReadContext(bytes.NewReader(tc.data), model.NewDefaultConfiguration())
		if err != nil {
			t.Fatal(err)
		}
		root, err := ctx.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		if got := root.NameEntry("PageMode"); got == nil || *got != tc.pageMode {
			t.Errorf("%s: /PageMode %v, want %s", name, got, tc.pageMode)
		}
		first, err := ctx.PageDictIndRef(1)
		if err != nil {
			t.Fatal(err)
		}
		open := root.ArrayEntry("OpenAction")
		if len(open) < 2 || open[0].(types.IndirectRef).ObjectNumber != first.ObjectNumber {
			t.Errorf("%s: /OpenAction %v does not go to page 1 (%v)", name, open, first)
		}
		sd, _, err := ctx.DereferenceStreamDict(root["Metadata"])
		if err != nil || sd == nil {
			t.Fatalf("%s: no XMP metadata: %v", name, err)
		}
		if err := sd.Decode(); err != nil {
			t.Fatal(err)
		}
		xmp := string(sd.Content)
		info, err := ctx.DereferenceDict(*ctx.Info)
		if err != nil {
			t.Fatal(err)
		}
		for key, tag := range map[string]string{"Title": "dc:title", "Author": "dc:creator", "Subject": "dc:description", "Keywords": "pdf:Keywords", "Creator": "xmp:CreatorTool", "Producer": "pdf:Producer"} {
			v, ok := info[key]
			if !ok {
				if strings.Contains(xmp, "<"+tag+">") {
					t.Errorf("%s: XMP has %s, the info dictionary no %s", name, tag, key)
				}
				continue
			}
			text, err := types.StringOrHexLiteral(v)
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile("<" + tag + ">(<rdf:(Alt|Seq)><rdf:li[^>]*>)?" + regexp.QuoteMeta(*text) + "<").MatchString(xmp) {
				t.Errorf("%s: the info dictionary's %s %q is not XMP's %s:\n%s", name, key, *text, tag, xmp)
			}
		}
		if !strings.Contains(xmp, "<xmp:CreateDate>2025-12-10T09:00:00Z</xmp:CreateDate>") {
			t.Errorf("%s: XMP dates:\n%s", name, xmp)
		}
		if d, _ := types.StringOrHexLiteral(info["CreationDate"]); d == nil || *d != "D:20251210090000Z00'00'" {
			t.Errorf("%s: info /CreationDate %v", name, d)
		}
	}
	if bytes.Contains(without, []byte("/Outlines")) {
		t.Error("an outline without headings")
	}
}
