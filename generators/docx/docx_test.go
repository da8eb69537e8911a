package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"pilotpack/internal/document"
	"pilotpack/internal/lang"
)

var date = time.Date(2025, 12, 10, 9, 0, 0, 0, time.UTC)

func sample(t testing.TB) *document.Doc {
	src, err := os.ReadFile("../../internal/document/testdata/agreement.md")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := document.Parse(src, "zh")
	d.Author = "上海瀚源生物医药科技有限公司"
	return d
}

func build(t testing.TB, d *document.Doc, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if opts.Date.IsZero() {
		opts.Date = date
	}
	if err := Write(&b, d, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// parts opens a DOCX and checks every part is well-formed XML.
func parts(t testing.TB, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		out[f.Name] = string(b)
	}
	return out
}

func TestPartsWellFormed(t *testing.T) {
	p := parts(t, build(t, sample(t), Options{Creator: "pilotpack", Draft: true}))
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml", "word/styles.xml",
		"word/numbering.xml", "word/header1.xml", "word/footer1.xml", "word/_rels/document.xml.rels", "word/settings.xml"} {
		if _, ok := p[name]; !ok {
			t.Errorf("part %s missing", name)
		}
	}
	for name := range p {
		if strings.HasPrefix(name, "word/") && strings.HasSuffix(name, ".xml") && !strings.Contains(p["[Content_Types].xml"], `PartName="/`+name+`"`) {
			t.Errorf("%s has no content type", name)
		}
	}
}

func TestStructure(t *testing.T) {
	p := parts(t, build(t, sample(t), Options{Creator: "pilotpack", HeadingPages: map[string]int{"general": 3}}))
	checks := []struct{ part, want string }{
		{"word/styles.xml", `w:eastAsia="SimSun"`},
		{"word/styles.xml", `w:eastAsia="SimHei"`},
		{"word/styles.xml", `w:eastAsia="zh-CN"`},
		{"word/styles.xml", `<w:style w:type="paragraph" w:styleId="Title">`},
		{"word/numbering.xml", `<w:numFmt w:val="chineseCounting"/>`},
		{"word/numbering.xml", `<w:lvlText w:val="第%1条　"/>`},
		{"word/numbering.xml", `<w:lvlText w:val="%1、"/>`},
		{"word/numbering.xml", `<w:lvlText w:val="（%1）"/>`},
		{"word/numbering.xml", `<w:lvlText w:val="%1.%2"/>`},
		{"word/footer1.xml", `PAGE`},
		{"word/footer1.xml", `NUMPAGES`},
		{"word/footer1.xml", `>第<`},
		{"word/header1.xml", `药品委托生产质量协议`},
		{"word/document.xml", `<w:pgSz w:w="11906" w:h="16838"/>`},
		{"word/document.xml", `w:left="1701"`},
		{"word/document.xml", `TOC \o "1-2" \h \z \u`},
		{"word/document.xml", `<w:tblHeader/>`},
		{"word/document.xml", `<w:br w:type="page"/>`},
		{"word/document.xml", `<w:titlePg/>`},
		{"word/document.xml", `w:anchor="_h_general"`},
		{"word/document.xml", `<w:bookmarkStart w:id="1" w:name="_h_general"/>`},
		{"word/document.xml", `PAGEREF _h_general \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">3</w:t>`},
		{"word/document.xml", `☑ `},
		{"docProps/core.xml", `<dc:title>药品委托生产质量协议</dc:title>`},
		{"docProps/core.xml", `<dcterms:created xsi:type="dcterms:W3CDTF">2025-12-10T09:00:00Z</dcterms:created>`},
		{"docProps/core.xml", `<dc:language>zh-CN</dc:language>`},
		{"word/settings.xml", `<w:updateFields w:val="true"/>`},
	}
	for _, c := range checks {
		if !strings.Contains(p[c.part], c.want) {
			t.Errorf("%s lacks %s", c.part, c.want)
		}
	}
	for lvl := range 4 {
		if !regexp.MustCompile(`styleId="Heading` + string(rune('1'+lvl)) + `">.*?<w:outlineLvl w:val="` + string(rune('0'+lvl)) + `"/>`).MatchString(p["word/styles.xml"]) {
			t.Errorf("Heading%d has no outline level %d", lvl+1, lvl)
		}
	}
	// Every heading of the model is a heading paragraph.
	if got, want := strings.Count(p["word/document.xml"], `<w:pStyle w:val="Heading`), len(sample(t).Headings()); got != want {
		t.Errorf("%d heading paragraphs, %d headings", got, want)
	}
}

func TestEnglishAndLinks(t *testing.T) {
	d, _ := document.Parse([]byte("# Scope\n\nSee [NMPA](https://www.nmpa.gov.cn) & <b>x</b> \x00\x01 and [scope](#sec-1).\n\n1. one\n2. two\n"), "en")
	p := parts(t, build(t, d, Options{}))
	for part, want := range map[string]string{
		"word/_rels/document.xml.rels": `Target="https://www.nmpa.gov.cn" TargetMode="External"`,
		"word/footer1.xml":             `Page `,
		"docProps/core.xml":            `<dc:language>en-US</dc:language>`,
		"word/document.xml":            `&amp;`,
	} {
		if !strings.Contains(p[part], want) {
			t.Errorf("%s lacks %s", part, want)
		}
	}
	if strings.Contains(p["word/styles.xml"], `w:firstLineChars="200"`) {
		t.Error("English paragraphs get a Chinese first-line indent")
	}
}

func TestDeterministic(t *testing.T) {
	a := build(t, sample(t), Options{Creator: "x"})
	b := build(t, sample(t), Options{Creator: "x"})
	if !bytes.Equal(a, b) {
		t.Error("two builds differ")
	}
	c := build(t, sample(t), Options{Creator: "x", Date: date.Add(time.Hour)})
	if bytes.Equal(a, c) {
		t.Error("the date is not in the file")
	}
}

var footer = regexp.MustCompile(`第\s*\d+\s*页\s*共\s*\d+\s*页|Page \d+ of \d+`)

// letters counts Han characters and Latin letters, leaving out the page
// footers (the two layouts may break pages differently).
func letters(text string) map[rune]int {
	text = footer.ReplaceAllString(text, "")
	m := map[rune]int{}
	for _, r := range text {
		if unicode.Is(unicode.Han, r) || unicode.IsLetter(r) && r < 128 {
			m[r]++
		}
	}
	return m
}

func itoa(n int) string { return strconv.Itoa(n) }

func FuzzWrite(f *testing.F) {
	src, _ := os.ReadFile("../../internal/document/testdata/agreement.md")
	f.Add(string(src))
	f.Add("<!-- numbering: outline -->\n1. a\n   1. b\n\x00\x0b&<>\"'\n|a|\n|-|\n|[x](#y)|\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, _ := document.Parse([]byte(s), "zh")
		var b bytes.Buffer
		if err := Write(&b, d, Options{Date: date}); err != nil {
			t.Fatal(err)
		}
		parts(t, b.Bytes())
	})
}

// allPages gives every heading of d a page, as the PDF's layout does.
func allPages(d *document.Doc) map[string]int {
	pages := map[string]int{}
	for i, h := range d.Headings() {
		pages[h.ID] = 3 + i/4
	}
	return pages
}

// TestEastAsianFonts checks that Chinese is declared in Song and Hei faces
// that every word processor resolves, and as Simplified Chinese, in both
// languages: docDefaults, styles, the theme and the font table agree.
func TestEastAsianFonts(t *testing.T) {
	for _, lg := range lang.All {
		d, _ := document.Parse([]byte("# 第一章 总则\n\n委托方 Shanghai Hanyuan。\n"), lg)
		p := parts(t, build(t, d, Options{}))
		styles := p["word/styles.xml"]
		defaults := styles[strings.Index(styles, "<w:docDefaults>"):strings.Index(styles, "</w:docDefaults>")]
		for _, want := range []string{`w:eastAsia="SimSun"`, `<w:lang w:val="en-US" w:eastAsia="zh-CN"`} {
			if !strings.Contains(defaults, want) {
				t.Errorf("%s: docDefaults lack %s", lg, want)
			}
		}
		if hint := strings.Contains(defaults, `w:hint="eastAsia"`); hint != (lg == lang.Zh) {
			t.Errorf("%s: East Asian font hint %v", lg, hint)
		}
		if !regexp.MustCompile(`styleId="Heading1">.*?w:eastAsia="SimHei"`).MatchString(styles) {
			t.Errorf("%s: Heading 1 is not set in SimHei", lg)
		}
		theme := p["word/theme/theme1.xml"]
		for _, want := range []string{`<a:majorFont><a:latin typeface="Arial"/><a:ea typeface="SimHei"/>`, `<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface="SimSun"/>`,
			`<a:font script="Hans" typeface="SimSun"/>`} {
			if !strings.Contains(theme, want) {
				t.Errorf("%s: theme lacks %s", lg, want)
			}
		}
		if strings.Contains(theme, `"Jpan"`) {
			t.Errorf("%s: the theme offers a Japanese face", lg)
		}
		if !strings.Contains(p["word/fontTable.xml"], `<w:font w:name="SimSun"><w:altName w:val="宋体"/>`) {
			t.Errorf("%s: the font table does not name SimSun 宋体", lg)
		}
		if !strings.Contains(p["word/settings.xml"], `<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>`) {
			t.Errorf("%s: theme fonts are not chosen for Simplified Chinese", lg)
		}
		for _, rel := range []string{`Target="theme/theme1.xml"`, `Target="fontTable.xml"`} {
			if !strings.Contains(p["word/_rels/document.xml.rels"], rel) {
				t.Errorf("%s: no relationship %s", lg, rel)
			}
		}
	}
}

// TestMicroTypography checks the paragraph defaults that set Chinese as
// clreq asks (kinsoku, Han–Latin spacing, widow control) and the settings
// that compress punctuation and hyphenate English.
func TestMicroTypography(t *testing.T) {
	for _, lg := range lang.All {
		d, _ := document.Parse([]byte("上海市江川东路 1200 号 ADC 车间，2029 年。\n"), lg)
		p := parts(t, build(t, d, Options{}))
		if !strings.Contains(p["word/styles.xml"], `<w:pPrDefault><w:pPr><w:widowControl/><w:kinsoku/><w:overflowPunct/><w:autoSpaceDE/><w:autoSpaceDN/>`) {
			t.Errorf("%s: paragraph defaults lack widow control, kinsoku or automatic Han–Latin spacing", lg)
		}
		if !strings.Contains(p["word/settings.xml"], `<w:characterSpacingControl w:val="compressPunctuation"/>`) {
			t.Errorf("%s: punctuation is not compressed", lg)
		}
		if hy := strings.Contains(p["word/settings.xml"], `<w:autoHyphenation/>`); hy != (lg == lang.En) {
			t.Errorf("%s: automatic hyphenation %v", lg, hy)
		}
		if !strings.Contains(p["word/document.xml"], `上海市江川东路1200号ADC车间，2029年。`) {
			t.Errorf("%s: typed spaces between Han and Latin remain: %s", lg, p["word/document.xml"])
		}
	}
}

// TestTOCCache checks the table of contents' cached result: Word's field
// structure, the PDF's page numbers, and no request to update fields when
// every number is known.
func TestTOCCache(t *testing.T) {
	d := sample(t)
	pages := allPages(d)
	p := parts(t, build(t, d, Options{HeadingPages: pages}))
	doc := p["word/document.xml"]
	if strings.Contains(p["word/settings.xml"], "updateFields") {
		t.Error("every page number is known, yet the word processor is asked to update fields")
	}
	if strings.Contains(doc, "w:dirty") {
		t.Error("a field is marked dirty")
	}
	// The field opens in the first entry's paragraph, as Word writes it.
	first := regexp.MustCompile(`<w:pStyle w:val="TOC1"/>[^§]*?</w:p>`).FindString(doc)
	if !strings.Contains(first, `TOC \o "1-2" \h \z \u`) || !strings.Contains(first, "PAGEREF") {
		t.Errorf("the TOC field does not open in the first entry: %s", first)
	}
	n := 0
	for _, h := range d.Headings() {
		if h.Level > 2 {
			continue
		}
		n++
		want := fmt.Sprintf(`PAGEREF %s \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">%d</w:t>`, bookmark(h.ID), pages[h.ID])
		if !strings.Contains(doc, want) {
			t.Errorf("entry %q lacks page %d", document.PlainText(h.Text), pages[h.ID])
		}
	}
	if got := strings.Count(doc, "PAGEREF"); got != n {
		t.Errorf("%d entries, %d headings of level 1–2", got, n)
	}
	if strings.Count(doc, `w:fldCharType="begin"`) != strings.Count(doc, `w:fldCharType="end"`) {
		t.Error("fields do not all end")
	}
	// Without pages the word processor is asked to fill them in.
	if p := parts(t, build(t, d, Options{})); !strings.Contains(p["word/settings.xml"], `<w:updateFields w:val="true"/>`) {
		t.Error("no page numbers, and no request to update fields")
	}
}

// TestArticleLeadsInTable checks that an article ending in a colon keeps
// with the table after its list, and one that does not end so does not.
func TestArticleLeadsInTable(t *testing.T) {
	for _, c := range []struct {
		text string
		keep bool
	}{
		{"通知送达下列地址：", true},
		{"通知以书面形式送达。", false},
	} {
		src := "<!-- numbering: article -->\n1. " + c.text + "\n\n| 收件方 | 电子邮箱 |\n|---|---|\n| 甲方 | a@example.cn |\n"
		d, _ := document.Parse([]byte(src), lang.Zh)
		doc := parts(t, build(t, d, Options{}))["word/document.xml"]
		at := strings.Index(doc, c.text)
		if at < 0 {
			t.Fatalf("%q: no paragraph in %s", c.text, doc)
		}
		para := doc[strings.LastIndex(doc[:at], "<w:p>"):at]
		if got := strings.Contains(para, "<w:keepNext/>"); got != c.keep {
			t.Errorf("%q: keeps with the table %v, want %v", c.text, got, c.keep)
		}
	}
}

// TestKeeps checks that the document's keeps are expressed with Word's own
// properties.
func TestKeeps(t *testing.T) {
	long := strings.Repeat("很长的单元格内容，", 600)
	src := "# 标题\n\n下表列出职责：\n\n| 项目 | 内容 |\n|---|---|\n| 1 | 一 |\n| 2 | 二 |\n| 3 | 三 |\n| 4 | 四 |\n| 5 | " + long + " |\n\n受托方应当：\n\n1. 甲\n2. 乙\n"
	d, _ := document.Parse([]byte(src), lang.Zh)
	p := parts(t, build(t, d, Options{}))
	doc, styles := p["word/document.xml"], p["word/styles.xml"]
	if !regexp.MustCompile(`styleId="Heading1">.*?<w:keepNext/><w:keepLines/>`).MatchString(styles) {
		t.Error("headings do not keep with the next paragraph")
	}
	if !strings.Contains(doc, `<w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">下表列出职责：`) {
		t.Errorf("the table's lead-in does not keep with the table")
	}
	if !strings.Contains(doc, `<w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">受托方应当：`) {
		t.Error("a list's lead-in ending in a colon does not keep with the list")
	}
	rows := regexp.MustCompile(`<w:tr>.*?</w:tr>`).FindAllString(doc, -1)
	if len(rows) != 6 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, want := range []struct{ header, keep, cantSplit bool }{
		{true, true, true},    // the header, with the first row
		{false, false, true},  // free
		{false, false, true},  // free
		{false, false, true},  // free
		{false, true, true},   // the last but one, with the last
		{false, false, false}, // taller than a page: may split
	} {
		r := rows[i]
		if got := strings.Contains(r, "<w:tblHeader/>"); got != want.header {
			t.Errorf("row %d: header %v", i, got)
		}
		if got := strings.Contains(r, "<w:keepNext/>"); got != want.keep {
			t.Errorf("row %d: keep with next %v", i, got)
		}
		if got := strings.Contains(r, "<w:cantSplit/>"); got != want.cantSplit {
			t.Errorf("row %d: cannot split %v", i, got)
		}
	}
}

// TestSignaturePage checks the signature page: its lead line, each party's
// block in a row that cannot split, the seal area of at least 40 × 40 mm,
// the representative's line and the date, names kept whole.
func TestSignaturePage(t *testing.T) {
	for _, c := range []struct {
		name, src string
		lg        lang.Lang
		lead      string
		perRow    int
	}{
		{"agreement", "::: title\n药品委托生产协议\n:::\n\n正文。\n\n::: signature\n- 甲方（委托方）：上海瀚源生物医药科技有限公司\n- 乙方（受托方）：上海臻恒生物技术有限公司\n:::\n",
			lang.Zh, "（以下无正文，为《药品委托生产协议》之签署页）", 2},
		{"long names", "::: title\n药品委托生产协议\n:::\n\n::: signature\n- 甲方（委托方）：上海瀚源生物医药科技有限公司上海瀚源生物医药科技有限公司\n- 乙方（受托方）：上海臻恒生物技术有限公司\n:::\n",
			lang.Zh, "（以下无正文，为《药品委托生产协议》之签署页）", 1},
		{"english", "::: title\nContract Manufacturing Agreement\n:::\n\n::: signature\n- Party A: Shanghai Hanyuan Biomedical Technology Co., Ltd.\n- Party B: Shanghai Zhenheng Biotechnology Co., Ltd.\n:::\n",
			lang.En, "[The text of the Contract Manufacturing Agreement ends here; signatures follow.]", 1},
		{"declaration", "::: signature\n- 申请人：上海瀚源生物医药科技有限公司\n:::\n", lang.Zh, "", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, _ := document.Parse([]byte(c.src), c.lg)
			doc := parts(t, build(t, d, Options{}))["word/document.xml"]
			labels := document.LabelsFor(c.lg)
			lead := regexp.MustCompile(`<w:keepNext/>((?:<w:(?:ind|jc) [^>]*/>)*)</w:pPr><w:r><w:t xml:space="preserve">` + regexp.QuoteMeta(esc(c.lead)) + `</w:t>`).FindStringSubmatch(doc)
			if c.lead != "" && lead == nil {
				t.Errorf("no lead line %q kept with the signatures", c.lead)
			}
			// An English lead is set ragged, as the PDF sets it: justified,
			// its two lines would gape.
			if lead != nil && c.lg == lang.En && !strings.Contains(lead[1], `<w:jc w:val="left"/>`) {
				t.Errorf("the English lead line is not set ragged: %s", lead[1])
			}
			if c.lead == "" && strings.Contains(doc, "以下无正文") {
				t.Error("a declaration has a signature page's lead line")
			}
			seals := regexp.MustCompile(`<w:trHeight w:val="(\d+)" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="(\d+)" w:type="dxa"/>`).FindAllStringSubmatch(doc, -1)
			if len(seals) != len(d.Blocks[len(d.Blocks)-1].(*document.Signature).Parties) {
				t.Fatalf("%d seal areas", len(seals))
			}
			for _, s := range seals {
				h, _ := strconv.Atoi(s[1])
				w, _ := strconv.Atoi(s[2])
				if h < 2268 || w < 2268 {
					t.Errorf("seal area %d × %d twips, smaller than 40 × 40 mm (2268)", w, h)
				}
			}
			for _, label := range []string{labels.Seal, labels.Signatory, labels.Date} {
				if got := strings.Count(doc, esc(label)); got != len(seals) {
					t.Errorf("%q %d times for %d parties", label, got, len(seals))
				}
			}
			outer := regexp.MustCompile(`<w:tblGrid>((?:<w:gridCol w:w="\d+"/>)+)</w:tblGrid>`).FindStringSubmatch(doc)
			if got := strings.Count(outer[1], "gridCol"); got != c.perRow {
				t.Errorf("%d parties to a row, want %d", got, c.perRow)
			}
			if strings.Count(doc, `<w:tr><w:trPr><w:cantSplit/></w:trPr>`) == 0 {
				t.Error("the parties' rows may split")
			}
		})
	}
}

// TestSchemaOrder checks that paragraph, run, table and cell properties come
// in the order the schema prescribes: Word refuses a document otherwise.
func TestSchemaOrder(t *testing.T) {
	order := map[string][]string{
		"pPr": {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
			"suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
			"spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr"},
		"rPr": {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
			"vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang"},
		"tblPr": {"tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"},
		"tcPr":  {"cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"},
		"settings": {"writeProtection", "view", "zoom", "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps",
			"characterSpacingControl", "updateFields", "compat", "themeFontLang", "clrSchemeMapping"},
	}
	d := sample(t)
	for _, lg := range lang.All {
		d.Lang = lg
		for name, part := range parts(t, build(t, d, Options{Draft: true})) {
			if !strings.HasPrefix(name, "word/") || strings.Contains(name, "theme") {
				continue
			}
			dec := xml.NewDecoder(strings.NewReader(part))
			var stack []string
			var last []int
			for {
				tok, err := dec.Token()
				if err != nil {
					break
				}
				switch el := tok.(type) {
				case xml.StartElement:
					if n := len(stack); n > 0 {
						if seq, ok := order[stack[n-1]]; ok {
							at := slices.Index(seq, el.Name.Local)
							if at < 0 {
								t.Errorf("%s %s: <%s> unexpected in <%s>", lg, name, el.Name.Local, stack[n-1])
							} else if at <= last[n-1] {
								t.Errorf("%s %s: <%s> after <%s> in <%s>", lg, name, el.Name.Local, seq[last[n-1]], stack[n-1])
							} else {
								last[n-1] = at
							}
						}
					}
					stack, last = append(stack, el.Name.Local), append(last, -1)
				case xml.EndElement:
					stack, last = stack[:len(stack)-1], last[:len(last)-1]
				}
			}
		}
	}
}
