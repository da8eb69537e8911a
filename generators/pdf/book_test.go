package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

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
	a := laidOut(t, "# 甲章\n\n甲方条款正文。\n\n## 甲一节\n\n细则。\n\n<!-- pagebreak -->\n\n# 乙章\n\n[见甲章](#甲章)\n", "协议甲")
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
		l := laidOut(t, "# 标题\n\n正文[链接](#标题)。\n", "文件")
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
