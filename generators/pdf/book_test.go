package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"pilotpack/generators/pdf/pdfobj"
	"pilotpack/internal/document"
	"pilotpack/internal/testtool"
)

func laidOut(t *testing.T, md, title string) *Laid {
	t.Helper()
	d, warns := document.Parse([]byte(md), "zh")
	if len(warns) > 0 {
		t.Fatal(warns)
	}
	d.Title = title
	l, err := Layout(d, Options{Date: date, Creator: "pilotpack test"})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func strictValid(t *testing.T, name string, data []byte) {
	t.Helper()
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(data), conf); err != nil {
		t.Errorf("%s: pdfcpu (strict): %v", name, err)
	}
}

func bookmarks(t *testing.T, data []byte) []string {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	bms, err := api.Bookmarks(bytes.NewReader(data), conf)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(depth int, bs []pdfcpu.Bookmark)
	walk = func(depth int, bs []pdfcpu.Bookmark) {
		for _, bm := range bs {
			got = append(got, fmt.Sprintf("%s%s p%d", strings.Repeat("  ", depth), bm.Title, bm.PageFrom))
			walk(depth+1, bm.Kids)
		}
	}
	walk(0, bms)
	return got
}

// TestBookSplitsAndCombines draws two documents together and checks that
// each comes out as a file of its own, with only its pages, its bookmarks
// and its metadata, and that the combined file holds both plus a PDF from
// elsewhere, in order, with one bookmark each.
func TestBookSplitsAndCombines(t *testing.T) {
	a := laidOut(t, "# 甲章 {id=jia}\n\n甲方条款正文。\n\n## 甲一节\n\n细则。\n\n<!-- pagebreak -->\n\n# 乙章\n\n[见甲章](#jia)\n", "协议甲")
	b := laidOut(t, "# 丙章\n\n另一份文件的正文。\n", "协议乙")
	var other bytes.Buffer
	if _, err := Write(&other, mustParse("# 附件\n\n扫描件。\n"), Options{Date: date}); err != nil {
		t.Fatal(err)
	}
	book, err := Draw([]Entry{{Title: "甲", Laid: a}, {Title: "附件", PDF: other.Bytes()}, {Title: "乙", Laid: b}})
	if err != nil {
		t.Fatal(err)
	}
	docA, err := book.Document(a)
	if err != nil {
		t.Fatal(err)
	}
	docB, err := book.Document(b)
	if err != nil {
		t.Fatal(err)
	}
	combined, err := book.Combined()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"a": docA, "b": docB, "combined": combined} {
		strictValid(t, name, data)
	}
	if got, want := strings.Join(bookmarks(t, docA), "\n"), "甲章 p1\n  甲一节 p1\n乙章 p2"; got != want {
		t.Errorf("bookmarks of a:\n%s\nwant:\n%s", got, want)
	}
	if got, want := strings.Join(bookmarks(t, combined), "\n"), "甲 p1\n  甲章 p1\n    甲一节 p1\n  乙章 p2\n附件 p3\n乙 p4\n  丙章 p4"; got != want {
		t.Errorf("bookmarks of the combined file:\n%s\nwant:\n%s", got, want)
	}
	if _, err := book.Document(laidOut(t, "# 别的\n", "别的")); err == nil {
		t.Error("a document drawn elsewhere was accepted")
	}
	testtool.Need(t, "pdftotext")
	dir := t.TempDir()
	text := func(name string, data []byte) string {
		p := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return testtool.Run(t, "pdftotext", "-layout", p, "-") + testtool.Run(t, "pdfinfo", p)
	}
	ta, tb, tc := text("a", docA), text("b", docB), text("c", combined)
	for _, want := range []string{"甲方条款正文", "Title:           协议甲", "Pages:           2", "Creator:         pilotpack test"} {
		if !strings.Contains(ta, want) {
			t.Errorf("document a lacks %q:\n%s", want, ta)
		}
	}
	if strings.Contains(ta, "另一份文件") || strings.Contains(tb, "甲方条款") {
		t.Error("a document carries another's pages")
	}
	for _, want := range []string{"甲方条款正文", "扫描件", "另一份文件的正文", "Pages:           4"} {
		if !strings.Contains(tc, want) {
			t.Errorf("the combined file lacks %q:\n%s", want, tc)
		}
	}
}

// TestBookIsDeterministic draws the same book twice.
func TestBookIsDeterministic(t *testing.T) {
	out := func() []byte {
		l := laidOut(t, "# 标题 {id=title}\n\n正文[链接](#title)。\n", "文件")
		book, err := Draw([]Entry{{Laid: l}})
		if err != nil {
			t.Fatal(err)
		}
		d, err := book.Document(l)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if !bytes.Equal(out(), out()) {
		t.Error("two draws of the same document differ")
	}
}

// scan makes a PDF from elsewhere with pages of other sizes: US Letter
// turned a quarter (Rotate 90), A5 shown through an offset crop box, and a
// page whose box comes from the page tree and whose content leaves a
// scaled graphics state behind.
func scan(t *testing.T) []byte {
	t.Helper()
	f := pdfobj.NewFile("1.4", 0)
	pages := f.Reserve()
	content := func(ops string) pdfobj.Ref { return f.AddStream(pdfobj.Dict{}, []byte(ops)) }
	p1 := f.Add(pdfobj.Dict{"Type": pdfobj.Name("Page"), "Parent": pages, "MediaBox": pdfobj.Rect(0, 0, 612, 792), "Rotate": pdfobj.Int(90),
		"Contents": content("0.5 g 100 100 400 500 re f"), "Resources": pdfobj.Dict{}})
	p2 := f.Add(pdfobj.Dict{"Type": pdfobj.Name("Page"), "Parent": pages, "MediaBox": pdfobj.Rect(0, 0, 420, 595), "CropBox": pdfobj.Rect(20, 30, 400, 580),
		"Contents": content("0.8 g 50 60 300 400 re f"), "Resources": pdfobj.Dict{}})
	p3 := f.Add(pdfobj.Dict{"Type": pdfobj.Name("Page"), "Parent": pages,
		"Contents": content("q 3 0 0 3 0 0 cm 0.7 g 10 10 50 50 re f"), "Resources": pdfobj.Dict{}})
	f.Put(pages, pdfobj.Dict{"Type": pdfobj.Name("Pages"), "Kids": pdfobj.Array{p1, p2, p3}, "Count": pdfobj.Int(3), "MediaBox": pdfobj.Rect(0, 0, 595.28, 841.89)})
	root := f.Add(pdfobj.Dict{"Type": pdfobj.Name("Catalog"), "Pages": pages})
	data, err := f.Finish(root, f.Add(pdfobj.Dict{"Producer": pdfobj.Text("scanner")}))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestCombinedNumbersEveryPage binds a contents page, a document and a scan
// of odd pages, and reads the packet page number of every page back from
// the text layer, where a reader sees it: centred at the foot of the page
// as shown, turned or cropped as it may be. Page labels name each entry's
// pages, and the file passes qpdf and pdfcpu's strict validation.
func TestCombinedNumbersEveryPage(t *testing.T) {
	// The contents link to another entry of the book, which the document
	// model cannot see: its warning about the link is expected, as the
	// packet's contents page has it.
	cd, _ := document.Parse([]byte("# 目录\n\n[协议](#doc-1)\n"), "zh")
	cd.Title = "合订本"
	contents, err := Layout(cd, Options{Date: date, Creator: "pilotpack test"})
	if err != nil {
		t.Fatal(err)
	}
	doc := laidOut(t, "# 甲章\n\n正文。\n\n<!-- pagebreak -->\n\n# 乙章\n\n正文。\n", "协议")
	book, err := Draw([]Entry{{Title: "目录", Laid: contents}, {Title: "协议", Laid: doc, Link: "doc-1"}, {Title: "扫描件", PDF: scan(t)}})
	if err != nil {
		t.Fatal(err)
	}
	combined, err := book.Combined()
	if err != nil {
		t.Fatal(err)
	}
	strictValid(t, "combined", combined)
	testtool.Need(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(path, combined, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	type word struct {
		XMin float64 `xml:"xMin,attr"`
		YMin float64 `xml:"yMin,attr"`
		XMax float64 `xml:"xMax,attr"`
		YMax float64 `xml:"yMax,attr"`
		Text string  `xml:",chardata"`
	}
	var d struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Flows  []struct {
				Blocks []struct {
					Lines []struct {
						Words []word `xml:"word"`
					} `xml:"line"`
				} `xml:"block"`
			} `xml:"flow"`
		} `xml:"body>doc>page"`
	}
	if err := xml.Unmarshal([]byte(testtool.Run(t, "pdftotext", "-bbox-layout", path, "-")), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 6 {
		t.Fatalf("%d pages", len(d.Pages))
	}
	// Where each page, as shown, has its middle and its bottom edge, in
	// pdftotext's coordinates (the media box's, y downwards, turned as the
	// page is shown).
	shown := [][2]float64{{297.64, 841.89}, {297.64, 841.89}, {297.64, 841.89}, {396, 612}, {210, 565}, {297.64, 841.89}}
	for i, p := range d.Pages {
		var line []string
		xMin, xMax, yMax := p.Width+p.Height, 0.0, 0.0
		var words []word
		for _, f := range p.Flows {
			for _, b := range f.Blocks {
				for _, l := range b.Lines {
					words = append(words, l.Words...)
				}
			}
		}
		for _, w := range words {
			if w.YMin > shown[i][1]-36 && w.YMax < shown[i][1] {
				line = append(line, w.Text)
				xMin, xMax, yMax = min(xMin, w.XMin), max(xMax, w.XMax), max(yMax, w.YMax)
			}
		}
		want := fmt.Sprintf("申报资料第%d页共%d页", i+1, 6)
		if got := strings.Join(line, ""); got != want {
			t.Errorf("page %d: %q at its foot, want %q", i+1, got, want)
			continue
		}
		if mid := (xMin + xMax) / 2; math.Abs(mid-shown[i][0]) > 2 || shown[i][1]-yMax < 10 {
			t.Errorf("page %d: the number is not centred in the bottom band: x %.0f–%.0f, %.0f pt from the bottom", i+1, xMin, xMax, shown[i][1]-yMax)
		}
	}
	labels := testtool.Run(t, "qpdf", "--json", "--json-key=pagelabels", path)
	for _, want := range []string{`"/S": "/r"`, `"/P": "u:1-"`, `"/P": "u:2-"`, `"index": 3`} {
		if !strings.Contains(labels, want) {
			t.Errorf("page labels lack %s:\n%s", want, labels)
		}
	}
}
