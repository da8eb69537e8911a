package compare

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"pilotpack/internal/testtool"
)

// TestRedlinePDF reads a redline PDF as its reader does: the first page
// says what was compared and lists every change, each linked to the page
// where it is, where the changed text stands marked; the marks are drawn in
// the marks' colours.
func TestRedlinePDF(t *testing.T) {
	testtool.Need(t, "pdftotext")
	testtool.Need(t, "pdftohtml")
	res := pairs[4].compare(t)
	files, err := res.Files(Output{Date: date})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var path string
	for _, f := range files {
		if f.Name == "02-quality-agreement-lanhu-suzhou-redline.pdf" {
			path = filepath.Join(dir, f.Name)
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if path == "" {
		t.Fatal("no redline PDF of the lanhu-suzhou quality agreement")
	}
	first := testtool.Run(t, "pdftotext", "-f", "1", "-l", "1", path, "-")
	for _, want := range []string{
		"修订对照说明",
		"文件：药品委托生产质量协议（苏州澜湖生物制药有限公司）",
		"修订人：Legal, Hanyuan；2025-12-10",
		"共 3 处实质修订（修改 1，插入 1，删除 0，移动 1）：",
		"第四十一条（第十二章　质量保证）",
		"移动（原第三十九条）：留样。",
		"第五十四条（第十六章　自检、审计与评估）",
		"第五十九条（第十八章　记录保存）",
	} {
		if !strings.Contains(squash(first), squash(want)) {
			t.Errorf("the first page lacks %q:\n%s", want, first)
		}
	}
	// The marked text is set in the marks' colours: inserted blue, deleted
	// red, moved green (the fill colours of generators/pdf/redline.go's markColor).
	testtool.Need(t, "qpdf")
	plainPDF := filepath.Join(dir, "plain.pdf")
	testtool.Run(t, "qpdf", "--qdf", "--object-streams=disable", path, plainPDF)
	content, err := os.ReadFile(plainPDF)
	if err != nil {
		t.Fatal(err)
	}
	// The drawer writes each channel in 255ths, to three places.
	var fills [][3]float64
	for _, m := range regexp.MustCompile(`([0-9.]+) ([0-9.]+) ([0-9.]+) rg BT`).FindAllStringSubmatch(string(content), -1) {
		var c [3]float64
		for i := range c {
			c[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		fills = append(fills, c)
	}
	for _, colour := range [][3]float64{{0, 0.22, 0.72}, {0.78, 0, 0}, {0, 0.48, 0.18}} {
		if !slices.ContainsFunc(fills, func(c [3]float64) bool {
			return math.Abs(c[0]-colour[0]) < 0.005 && math.Abs(c[1]-colour[1]) < 0.005 && math.Abs(c[2]-colour[2]) < 0.005
		}) {
			t.Errorf("no text is set in %v", colour)
		}
	}
	// Each change links to the page it is on.
	xml := testtool.Run(t, "pdftohtml", "-xml", "-i", "-stdout", "-f", "1", "-l", "1", path)
	links := regexp.MustCompile(`<a href="[^"#]*#(\d+)">`).FindAllStringSubmatch(xml, -1)
	wants := []string{"第四十一条　留样。", "委托方每半年至少", "第五十九条　数据可靠性。"}
	if len(links) != len(wants) {
		t.Fatalf("%d links on the first page, want %d", len(links), len(wants))
	}
	for i, l := range links {
		page, _ := strconv.Atoi(l[1])
		text := squash(testtool.Run(t, "pdftotext", "-f", l[1], "-l", l[1], path, "-"))
		if page < 2 || !strings.Contains(text, squash(wants[i])) {
			t.Errorf("link %d leads to page %d, which lacks %q", i+1, page, wants[i])
		}
	}
}

// squash drops the spaces and line ends pdftotext puts between runs.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
