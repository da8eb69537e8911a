package docx

import (
	"archive/zip"
	"bytes"
	"html"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pilotpack/generators/pdf"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
	"pilotpack/internal/testtool"
)

// glyphs differ between the Simplified Chinese and the Japanese forms of
// the same characters.
const glyphs = "骨直角写令过"

// TestLibreOffice opens DOCX files the way an office suite does: it converts
// them with LibreOffice, in one run, and reads the PDFs it makes.
func TestLibreOffice(t *testing.T) {
	soffice := testtool.Need(t, "soffice")
	testtool.Need(t, "pdftotext")
	testtool.Need(t, "pdffonts")
	testtool.Need(t, "pdftoppm")
	testtool.Need(t, "pdftohtml")
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}

	// The sample agreement and contracts (whose articles the DOCX numbers
	// with Word's numbering and the PDF with the model's labels), with the
	// page numbers of their PDFs.
	type sampleDoc struct {
		name  string
		doc   *document.Doc
		pages map[string]int
		pdf   string
	}
	var samples []sampleDoc
	var files []string
	for _, name := range []string{"agreement", "contract", "contract.en"} {
		src, err := os.ReadFile("../../internal/document/testdata/" + name + ".md")
		if err != nil {
			t.Fatal(err)
		}
		lg := lang.Zh
		if strings.HasSuffix(name, ".en") {
			lg = lang.En
		}
		d, _ := document.Parse(src, lg)
		var pdfBuf bytes.Buffer
		res, err := pdf.Write(&pdfBuf, d, pdf.Options{Date: date})
		if err != nil {
			t.Fatal(err)
		}
		pages := map[string]int{}
		for _, h := range res.Headings {
			pages[h.ID] = h.Page
		}
		files = append(files, write(name+".docx", build(t, d, Options{HeadingPages: pages})))
		samples = append(samples, sampleDoc{name, d, pages, write(name+".ours.pdf", pdfBuf.Bytes())})
	}

	// A page of characters whose Chinese and Japanese forms differ, as we
	// declare its fonts and as it would be in the Chinese and the Japanese
	// Noto faces.
	g, _ := document.Parse([]byte("# "+glyphs+"\n\n"+strings.Repeat(glyphs, 4)+"\n"), lang.Zh)
	glyphDoc := build(t, g, Options{})
	face := func(serif, sans, lg string) func(string) string {
		return func(s string) string {
			return strings.NewReplacer(`w:eastAsia="SimSun"`, `w:eastAsia="`+serif+`"`, `w:eastAsia="SimHei"`, `w:eastAsia="`+sans+`"`,
				`w:eastAsia="zh-CN"`, `w:eastAsia="`+lg+`"`).Replace(s)
		}
	}
	files = append(files,
		write("glyphs.docx", glyphDoc),
		write("glyphs-sc.docx", rewrite(t, glyphDoc, "word/styles.xml", face("Noto Serif CJK SC", "Noto Sans CJK SC", "zh-CN"))),
		write("glyphs-jp.docx", rewrite(t, glyphDoc, "word/styles.xml", face("Noto Serif CJK JP", "Noto Sans CJK JP", "ja-JP"))))

	cmd := exec.Command(soffice, append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", filepath.Join(dir, "lo")}, files...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	lo := func(name string) string { return filepath.Join(dir, "lo", name+".pdf") }

	for _, sd := range samples {
		t.Run("same text as the PDF: "+sd.name, func(t *testing.T) {
			// Running heads (the two may set different numbers of pages)
			// and the cover (whose title may wrap differently) are left out.
			drop := regexp.MustCompile(`(?m)^\f?` + regexp.QuoteMeta(sd.doc.Title) + `$`)
			text := func(path string) string {
				out := testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
				if _, rest, ok := strings.Cut(out, "\f"); ok {
					out = rest
				}
				return drop.ReplaceAllString(out, "")
			}
			a, b := letters(text(lo(sd.name))), letters(text(sd.pdf))
			total := 0
			for _, n := range b {
				total += n
			}
			if total < 500 {
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
		})
	}

	t.Run("Chinese in Song and Hei faces", func(t *testing.T) {
		// Noto's CJK collection shares one CFF between its languages, so
		// pdffonts names every face "…CJKjp…" and can tell only serif from
		// sans: the body must be in the serif face, headings in the sans.
		fonts := testtool.Run(t, "pdffonts", lo("agreement"))
		if !regexp.MustCompile(`NotoSerifCJK\w*-Regular`).MatchString(fonts) || !regexp.MustCompile(`NotoSansCJK\w*-Bold`).MatchString(fonts) {
			t.Errorf("body text is not in Noto Serif CJK or headings not in Noto Sans CJK:\n%s", fonts)
		}
		// Which forms the glyphs take shows on the page: ours must look
		// like the Chinese faces and not like the Japanese ones.
		mine, sc, jp := render(t, lo("glyphs")), render(t, lo("glyphs-sc")), render(t, lo("glyphs-jp"))
		if d := differ(mine, sc); d > 0.01 {
			t.Errorf("the page differs from one set in Noto Serif/Sans CJK SC in %.1f%% of its ink", 100*d)
		}
		if d := differ(mine, jp); d < 0.05 {
			t.Errorf("the page looks like one set in the Japanese faces (%.1f%% of its ink differs)", 100*d)
		}
	})

	// LibreOffice sets Chinese in the Noto CJK faces the PDF embeds, and so
	// breaks the Chinese documents' pages where the PDF does. Not the
	// English ones: without Times New Roman it sets Latin text in the much
	// wider DejaVu Serif. Where LibreOffice puts each heading its PDF's
	// outline says.
	item := regexp.MustCompile(`<item page="(\d+)">([^<]*)</item>`)
	for _, sd := range samples {
		if sd.doc.Lang != lang.Zh {
			continue
		}
		t.Run("contents give LibreOffice's pages: "+sd.name, func(t *testing.T) {
			outline := map[string]int{}
			for _, m := range item.FindAllStringSubmatch(testtool.Run(t, "pdftohtml", "-xml", "-i", "-q", "-stdout", lo(sd.name)), -1) {
				title := html.UnescapeString(m[2])
				if _, ok := outline[title]; !ok {
					outline[title], _ = strconv.Atoi(m[1])
				}
			}
			for _, h := range sd.doc.Headings() {
				if h.Level > 2 {
					continue
				}
				title := document.PlainText(h.Text)
				if got := outline[title]; got != sd.pages[h.ID] {
					t.Errorf("%q: the contents say page %d, LibreOffice sets it on page %d", title, sd.pages[h.ID], got)
				}
			}
		})
	}
}

// rewrite returns a DOCX with one part changed.
func rewrite(t *testing.T, data []byte, part string, change func(string) string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		if f.Name == part {
			b = []byte(change(string(b)))
		}
		fw, _ := w.Create(f.Name)
		fw.Write(b)
	}
	w.Close()
	return out.Bytes()
}

// render draws a PDF's first page.
func render(t *testing.T, path string) image.Image {
	t.Helper()
	prefix := strings.TrimSuffix(path, ".pdf")
	testtool.Run(t, "pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-singlefile", "-png", path, prefix)
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// differ is the share of inked pixels that are inked in one image only.
func differ(a, b image.Image) float64 {
	r := a.Bounds().Intersect(b.Bounds())
	ink, diff := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ga, _, _, _ := a.At(x, y).RGBA()
			gb, _, _, _ := b.At(x, y).RGBA()
			ia, ib := ga < 0x8000, gb < 0x8000
			if ia || ib {
				ink++
				if ia != ib {
					diff++
				}
			}
		}
	}
	if ink == 0 {
		return 1
	}
	return float64(diff) / float64(ink)
}
