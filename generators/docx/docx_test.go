package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"pilotpack/generators/pdf"
	"pilotpack/internal/document"
	"pilotpack/internal/testtool"
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
		{"word/styles.xml", `w:eastAsia="宋体"`},
		{"word/styles.xml", `w:eastAsia="黑体"`},
		{"word/styles.xml", `w:eastAsia="zh-CN"`},
		{"word/styles.xml", `<w:style w:type="paragraph" w:styleId="Title">`},
		{"word/numbering.xml", `<w:numFmt w:val="chineseCounting"/>`},
		{"word/numbering.xml", `<w:lvlText w:val="第%1条"/>`},
		{"word/numbering.xml", `<w:lvlText w:val="%1、"/>`},
		{"word/numbering.xml", `<w:lvlText w:val="（%1）"/>`},
		{"word/numbering.xml", `<w:lvlText w:val="%1.%2"/>`},
		{"word/footer1.xml", `PAGE`},
		{"word/footer1.xml", `NUMPAGES`},
		{"word/footer1.xml", `第 `},
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

// TestLibreOfficeSameText converts the DOCX with LibreOffice and compares
// its text with the PDF generator's: every Chinese character and letter of
// the document in both, with the same counts.
func TestLibreOfficeSameText(t *testing.T) {
	soffice := testtool.Need(t, "soffice")
	testtool.Need(t, "pdftotext")
	d := sample(t)
	var pdfBuf bytes.Buffer
	res, err := pdf.Write(&pdfBuf, d, pdf.Options{Date: date})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]int{}
	for _, h := range res.Headings {
		pages[h.ID] = h.Page
	}
	dir := t.TempDir()
	docxPath := filepath.Join(dir, "agreement.docx")
	os.WriteFile(docxPath, build(t, d, Options{HeadingPages: pages}), 0o644)
	pdfPath := filepath.Join(dir, "ours.pdf")
	os.WriteFile(pdfPath, pdfBuf.Bytes(), 0o644)
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", filepath.Join(dir, "lo"), docxPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	lo := testtool.Run(t, "pdftotext", "-enc", "UTF-8", filepath.Join(dir, "lo", "agreement.pdf"), "-")
	ours := testtool.Run(t, "pdftotext", "-enc", "UTF-8", pdfPath, "-")
	// The PDF prints a signature page's lead line the DOCX does not have
	// yet; the running headers (the title) count as often as each layout
	// has pages.
	ours = regexp.MustCompile(`（以下无正文，为《[^》]*》之签署页）`).ReplaceAllString(strings.Join(strings.Fields(ours), ""), "")
	ours = strings.ReplaceAll(ours, d.Title, "")
	lo = strings.ReplaceAll(strings.Join(strings.Fields(lo), ""), d.Title, "")
	a, b := letters(lo), letters(ours)
	total := 0
	for _, n := range b {
		total += n
	}
	if total < 1500 {
		t.Fatalf("only %d letters extracted from the PDF", total)
	}
	var diffs []string
	for r, n := range b {
		if a[r] != n {
			diffs = append(diffs, string(r)+": pdf "+itoa(n)+", docx "+itoa(a[r]))
		}
	}
	for r, n := range a {
		if _, ok := b[r]; !ok {
			diffs = append(diffs, string(r)+": pdf 0, docx "+itoa(n))
		}
	}
	if len(diffs) > 0 {
		t.Errorf("LibreOffice's text differs from the PDF's:\n%s", strings.Join(diffs, "\n"))
	}
}

var footer = regexp.MustCompile(`第\s*\d+\s*页\s*共\s*\d+\s*页`)

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
