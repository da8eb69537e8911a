package pdf_test

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"pilotpack/internal/civil"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/packet"
	"pilotpack/internal/pagestyle"
	"pilotpack/internal/testtool"
)

// The tests in this file build every fixture's packet in both languages and
// read each PDF back as a reader's tools do: the text layer's boxes
// (pdftotext -bbox-layout), qpdf's structural check and pdfcpu's strict
// validation.

type fixturePDF struct {
	name string // lang/packet/file
	path string
	data []byte
}

var (
	fixturesOnce sync.Once
	fixturesDir  string
	fixturePDFs  []fixturePDF
	fixturesErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if fixturesDir != "" {
		os.RemoveAll(fixturesDir)
	}
	os.Exit(code)
}

// fixtures builds the packets once for all the tests here.
func fixtures(t *testing.T) []fixturePDF {
	t.Helper()
	fixturesOnce.Do(func() {
		api.DisableConfigDir() // once: pdfcpu keeps it in a package variable
		dir, err := os.MkdirTemp("", "pilotpack-fixtures-")
		if err != nil {
			fixturesErr = err
			return
		}
		fixturesDir = dir
		p, err := pack.Open("")
		if err != nil {
			fixturesErr = err
			return
		}
		date := civil.MustParse("2025-12-10").Time()
		for _, name := range []string{"adc", "vaccine", "glp1"} {
			for _, lg := range []lang.Lang{lang.Zh, lang.En} {
				out := filepath.Join(dir, string(lg))
				res, err := packet.Build(filepath.Join("..", "..", "fixtures", "applicants", name+".yaml"), packet.Options{Pack: p, Lang: lg, OutDir: out, Date: date, Version: "test"})
				if err != nil {
					fixturesErr = fmt.Errorf("%s %s: %w", name, lg, err)
					return
				}
				files, _ := filepath.Glob(filepath.Join(res.Dir, "*.pdf"))
				for _, f := range files {
					data, err := os.ReadFile(f)
					if err != nil {
						fixturesErr = err
						return
					}
					rel, _ := filepath.Rel(dir, f)
					fixturePDFs = append(fixturePDFs, fixturePDF{name: rel, path: f, data: data})
				}
			}
		}
	})
	if fixturesErr != nil {
		t.Fatal(fixturesErr)
	}
	if len(fixturePDFs) < 30 {
		t.Fatalf("only %d PDFs built", len(fixturePDFs))
	}
	return fixturePDFs
}

// The text layer as pdftotext -bbox-layout gives it.
type (
	bboxDoc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	bboxPage struct {
		Width  float64     `xml:"width,attr"`
		Height float64     `xml:"height,attr"`
		Flows  []bboxBlock `xml:"flow>block"`
	}
	bboxBlock struct {
		Lines []bboxLine `xml:"line"`
	}
	bboxLine struct {
		box
		Words []bboxWord `xml:"word"`
	}
	bboxWord struct {
		box
		Text string `xml:",chardata"`
	}
	box struct {
		XMin float64 `xml:"xMin,attr"`
		YMin float64 `xml:"yMin,attr"`
		XMax float64 `xml:"xMax,attr"`
		YMax float64 `xml:"yMax,attr"`
	}
)

func (p bboxPage) lines() []bboxLine {
	var out []bboxLine
	for _, b := range p.Flows {
		out = append(out, b.Lines...)
	}
	return out
}

func (l bboxLine) text() string {
	var b strings.Builder
	for _, w := range l.Words {
		b.WriteString(w.Text)
	}
	return b.String()
}

var boxCache sync.Map // path → bboxDoc

func textBoxes(t *testing.T, path string) bboxDoc {
	t.Helper()
	if d, ok := boxCache.Load(path); ok {
		return d.(bboxDoc)
	}
	out, err := exec.Command("pdftotext", "-bbox-layout", path, "-").Output()
	if err != nil {
		t.Errorf("pdftotext -bbox-layout %s: %v", path, err)
		return bboxDoc{}
	}
	var d bboxDoc
	if err := xml.Unmarshal(out, &d); err != nil {
		t.Errorf("%s: reading pdftotext's boxes: %v", path, err)
	}
	boxCache.Store(path, d)
	return d
}

// each runs fn on every fixture PDF, on as many goroutines as there are
// processors.
func each(t *testing.T, fn func(f fixturePDF)) {
	t.Helper()
	files := fixtures(t)
	next := make(chan fixturePDF)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range next {
				fn(f)
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
}

// overlap is how much two boxes share, after taking a fifth off the top
// and bottom of each: lines set close together touch at the font's extremes
// without anything being printed over anything.
func overlap(a, b box) float64 {
	shrink := func(x box) box {
		h := (x.YMax - x.YMin) / 5
		return box{x.XMin + 0.3, x.YMin + h, x.XMax - 0.3, x.YMax - h}
	}
	a, b = shrink(a), shrink(b)
	w := min(a.XMax, b.XMax) - max(a.XMin, b.XMin)
	h := min(a.YMax, b.YMax) - max(a.YMin, b.YMin)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// compressedMark reports whether two words on a line meet at a full-width
// mark that micro-typography narrowed (typo.Spacing: 。《 and ）； give up
// half an em), no further into each other than that. The text layer gives
// such a mark its font's whole advance, though the line and the page put
// the next word at the narrowed one.
func compressedMark(a, b bboxWord) bool {
	if b.XMin < a.XMin {
		a, b = b, a
	}
	last, _ := utf8.DecodeLastRuneInString(a.Text)
	first, _ := utf8.DecodeRuneInString(b.Text)
	em := (a.YMax - a.YMin) / 1.4 // the boxes are the face's ascent to descent
	return (fullWidthMark(last) || fullWidthMark(first)) &&
		math.Abs(a.YMin-b.YMin) < 0.5 && a.XMax-b.XMin <= em/2+0.5
}

func fullWidthMark(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF60 || r >= 0x2018 && r <= 0x201F
}

// TestNoTextOverprintsText finds, on every page of every fixture's PDFs in
// both languages, the combined files included, any two words whose boxes
// overlap.
func TestNoTextOverprintsText(t *testing.T) {
	testtool.Need(t, "pdftotext")
	each(t, func(f fixturePDF) {
		d := textBoxes(t, f.path)
		for pi, p := range d.Pages {
			var words []bboxWord
			for _, l := range p.lines() {
				words = append(words, l.Words...)
			}
			slices.SortFunc(words, func(a, b bboxWord) int { return cmp.Compare(a.YMin, b.YMin) })
			found := 0
			for i := range words {
				for j := i + 1; j < len(words) && words[j].YMin < words[i].YMax; j++ {
					if overlap(words[i].box, words[j].box) > 1 && !compressedMark(words[i], words[j]) && found < 3 {
						found++
						t.Errorf("%s page %d: %q at (%.0f, %.0f) overprints %q at (%.0f, %.0f)", f.name, pi+1,
							words[i].Text, words[i].XMin, words[i].YMin, words[j].Text, words[j].XMin, words[j].YMin)
					}
				}
			}
		}
	})
}

// TestNoHeadingAtPageFoot finds every bookmarked heading on its page by the
// text layer and checks that, when it stands within three lines of the
// text block's end, at least two lines of text follow it on that page.
func TestNoHeadingAtPageFoot(t *testing.T) {
	testtool.Need(t, "pdftotext")
	style := pagestyle.A4
	var checked atomic.Int64
	each(t, func(f fixturePDF) {
		if strings.HasSuffix(f.name, "00-combined.pdf") {
			return // the same pages as the documents'
		}
		d := textBoxes(t, f.path)
		for _, bm := range outline(t, f.data) {
			if bm.page < 1 || bm.page > len(d.Pages) {
				t.Errorf("%s: bookmark %q points at page %d", f.name, bm.title, bm.page)
				continue
			}
			lines := d.Pages[bm.page-1].lines()
			key := squeeze(bm.title)
			at := -1
			for i, l := range lines {
				if text := squeeze(l.text()); text != "" && strings.HasPrefix(key, text[:min(len(text), len(key))]) && l.YMin > style.Top-5 {
					at = i
					break
				}
			}
			if at < 0 {
				t.Errorf("%s page %d: heading %q not found in the text layer", f.name, bm.page, bm.title)
				continue
			}
			checked.Add(1)
			// The heading's last line: the following lines that continue
			// its title.
			end := lines[at]
			for _, l := range lines[at+1:] {
				if s := squeeze(l.text()); s != "" && strings.Contains(key, s) && l.YMin-end.YMax < 10 {
					end = l
					continue
				}
				break
			}
			below := 0
			for _, l := range lines {
				if l.YMin > end.YMax-1 && l.YMax < style.TextBottom()+2 {
					below++
				}
			}
			room := style.TextBottom() - end.YMax
			if below < 2 && room < 3*style.Body.Line() {
				t.Errorf("%s page %d: heading %q ends %.0f pt above the text block's foot with %d line(s) after it", f.name, bm.page, bm.title, room, below)
			}
		}
	})
	if n := checked.Load(); n < 100 {
		t.Errorf("only %d headings checked", n)
	}
}

// squeeze drops spaces, to compare text across line breaks.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

type mark struct {
	title string
	page  int
}

func outline(t *testing.T, data []byte) []mark {
	t.Helper()
	bms, err := api.Bookmarks(bytes.NewReader(data), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	var out []mark
	var walk func(bs []pdfcpu.Bookmark)
	walk = func(bs []pdfcpu.Bookmark) {
		for _, b := range bs {
			out = append(out, mark{b.Title, b.PageFrom})
			walk(b.Kids)
		}
	}
	walk(bms)
	return out
}

// TestFixturesPassQpdfAndPdfcpu checks every PDF with qpdf --check and with
// pdfcpu's strict validation.
func TestFixturesPassQpdfAndPdfcpu(t *testing.T) {
	testtool.Need(t, "qpdf")
	each(t, func(f fixturePDF) {
		conf := model.NewDefaultConfiguration() // pdfcpu writes into it
		conf.ValidationMode = model.ValidationStrict
		out, err := exec.Command("qpdf", "--check", f.path).CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) {
			t.Errorf("%s: qpdf --check: %v\n%s", f.name, err, out)
		}
		if err := api.Validate(bytes.NewReader(f.data), conf); err != nil {
			t.Errorf("%s: pdfcpu (strict): %v", f.name, err)
		}
	})
}

// TestChineseNotLetterSpaced finds, on every page of the Chinese fixtures,
// two Han characters next to each other on a line with more than a fifth
// of an em between them: a justified line stretched to letter-spacing
// (申 请 时 限), which should have been set ragged or filled otherwise.
func TestChineseNotLetterSpaced(t *testing.T) {
	testtool.Need(t, "pdftotext")
	han := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	each(t, func(f fixturePDF) {
		if !strings.HasPrefix(f.name, "zh") || strings.HasSuffix(f.name, "00-combined.pdf") {
			return
		}
		found := 0
		style := pagestyle.A4
		for pi, p := range textBoxes(t, f.path).Pages {
			for _, l := range p.lines() {
				if l.YMin < style.Top-2 || l.YMax > style.TextBottom()+2 {
					continue // the running header and footer
				}
				for i := 1; i < len(l.Words); i++ {
					a, b := l.Words[i-1], l.Words[i]
					last, _ := utf8.DecodeLastRuneInString(a.Text)
					first, _ := utf8.DecodeRuneInString(b.Text)
					em := (b.YMax - b.YMin) / 1.4 // the boxes are the face's ascent to descent
					// Table columns and an article's label stand further
					// apart, a tab's width.
					if gap := b.XMin - a.XMax; han(last) && han(first) && gap > em/5 && gap < em/2 && found < 3 {
						found++
						t.Errorf("%s page %d: %q and %q %.1f pt apart (%.2f em): %q", f.name, pi+1, a.Text, b.Text, b.XMin-a.XMax, (b.XMin-a.XMax)/em, l.text())
					}
				}
			}
		}
	})
}

// TestNoticeAddressesWhole checks the notices article of every production
// agreement: its addresses stand in a table after the article that
// introduces them, on the same page, and every e-mail address is on one
// line of the text layer, never broken to fill a line.
func TestNoticeAddressesWhole(t *testing.T) {
	testtool.Need(t, "pdftotext")
	email := regexp.MustCompile(`[A-Za-z0-9._-]+@[A-Za-z0-9.-]+\.[a-z]{2,}`)
	var checked atomic.Int64
	each(t, func(f fixturePDF) {
		if !strings.Contains(f.name, "production-agreement") {
			return
		}
		lead, header := "本协议项下的通知应当以书面形式", "电子邮箱"
		if strings.HasPrefix(f.name, "en") {
			lead, header = "Notices under this Agreement", "E-mail"
		}
		for pi, p := range textBoxes(t, f.path).Pages {
			lines := p.lines()
			for i, l := range lines {
				if !strings.Contains(squeeze(l.text()), squeeze(lead)) {
					continue
				}
				checked.Add(1)
				var found []string
				for _, l := range lines[i:] {
					found = append(found, email.FindAllString(squeeze(l.text()), -1)...)
				}
				var page strings.Builder
				for _, l := range lines {
					page.WriteString(l.text())
				}
				// Both parties' addresses, each whole on a line: an address
				// broken after its @ or before a dot matches no line.
				if !strings.Contains(squeeze(page.String()), header) || len(found) < 2 {
					t.Errorf("%s page %d: the notices article is not followed on its page by the table of both parties' whole e-mail addresses (found: %q)", f.name, pi+1, found)
				}
			}
		}
	})
	if n := checked.Load(); n < 10 {
		t.Errorf("only %d notices articles checked", n)
	}
}
