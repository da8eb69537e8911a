package compare

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"pilotpack/generators/docx"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var date = time.Date(2025, 12, 10, 0, 0, 0, 0, time.UTC)

const fixtures = "../../fixtures/"

// fixturePair is one of the fixture pairs: two applicant files, or one applicant
// file with two packs.
type fixturePair struct {
	name               string
	old, new           string
	oldPack, newPack   string
	lang               lang.Lang
	describe           string
	wantChanged, added int
}

var pairs = []fixturePair{
	{name: "term-extended", old: "applicants/adc.yaml", new: "compare/adc-term-extended.yaml", describe: "the agreements with one manufacturer run eight years instead of five",
		wantChanged: 2},
	{name: "term-extended-en", old: "applicants/adc.yaml", new: "compare/adc-term-extended.yaml", lang: lang.En, describe: "the same, in English: compared by words",
		wantChanged: 2},
	{name: "stage-moved", old: "applicants/adc.yaml", new: "compare/adc-stage-moved.yaml", describe: "fill and finish moves to another manufacturer",
		wantChanged: 6},
	{name: "manufacturer-added", old: "applicants/adc.yaml", new: "compare/adc-manufacturer-added.yaml", describe: "a fourth manufacturer packs the product",
		wantChanged: 5, added: 2},
	{name: "pack-revised", old: "applicants/adc.yaml", new: "applicants/adc.yaml", oldPack: "default", newPack: fixtures + "compare/pack-revised", describe: "the bureau's pack changes an audit clause, moves one and adds one",
		wantChanged: 3},
}

var (
	packsOnce sync.Once
	packs     map[string]*pack.Pack
)

func openPack(t testing.TB, spec string) *pack.Pack {
	t.Helper()
	packsOnce.Do(func() { packs = map[string]*pack.Pack{} })
	if p, ok := packs[spec]; ok {
		return p
	}
	p, err := pack.Open(spec)
	if err != nil {
		t.Fatal(err)
	}
	packs[spec] = p
	return p
}

func (p fixturePair) compare(t testing.TB) *Result {
	t.Helper()
	oldPack, newPack := openPack(t, p.oldPack), openPack(t, p.newPack)
	if p.newPack == "" {
		newPack = oldPack
	}
	ns, err := FromApplicant(fixtures+p.new, newPack, p.lang, date)
	if err != nil {
		t.Fatal(err)
	}
	older, err := FromApplicant(fixtures+p.old, oldPack, ns.Lang, date)
	if err != nil {
		t.Fatal(err)
	}
	return Compare(older, ns, date, "Legal, Hanyuan")
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test ./internal/compare -update", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\ngot  %s\nwant %s\n(run go test ./internal/compare -update if the change is meant)", path, i+1, g, w)
			}
		}
	}
}

// TestPairs compares the fixture pairs: the summary on the console and in
// changes.json against golden files; the redline DOCX of every changed
// document, read back with the project's reader of tracked changes, gives
// the new version's text with every change accepted and the old one's with
// every change rejected; and the same comparison gives the same bytes.
func TestPairs(t *testing.T) {
	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			res := p.compare(t)
			files, err := res.Files(Output{Date: date, Creator: "pilotpack test"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Summary.Changed != p.wantChanged || res.Summary.Added != p.added {
				t.Errorf("%d documents changed and %d added, want %d and %d", res.Summary.Changed, res.Summary.Added, p.wantChanged, p.added)
			}
			var text bytes.Buffer
			if err := res.WriteText(&text, res.New.Lang); err != nil {
				t.Fatal(err)
			}
			golden(t, p.name+".txt", text.Bytes())
			data, _ := res.JSON()
			golden(t, p.name+".json", data)

			byName := map[string][]byte{}
			for _, f := range files {
				byName[f.Name] = f.Data
			}
			for _, d := range res.Documents {
				if d.Status != StatusChanged {
					continue
				}
				back, err := docx.Read(byName[d.Redline.DOCX])
				if err != nil {
					t.Fatalf("%s: %v", d.Redline.DOCX, err)
				}
				if a, n := docText(document.Accept(back)), docText(d.new); a != n {
					t.Errorf("%s: accepting every change does not give the new text:\n%s", d.Redline.DOCX, firstDiff(a, n))
				}
				if r, o := docText(document.Reject(back)), docText(d.old); r != o {
					t.Errorf("%s: rejecting every change does not give the old text:\n%s", d.Redline.DOCX, firstDiff(r, o))
				}
				if len(byName[d.Redline.PDF]) == 0 {
					t.Errorf("%s is empty", d.Redline.PDF)
				}
			}
			again, err := p.compare(t).Files(Output{Date: date, Creator: "pilotpack test"})
			if err != nil {
				t.Fatal(err)
			}
			for i, f := range again {
				if !bytes.Equal(f.Data, files[i].Data) {
					t.Errorf("%s differs from one run to the next", f.Name)
				}
			}
		})
	}
}

// docText is a document's text as the tracked changes carry it: one line
// per heading, paragraph, table row and signing party, without the
// numbers the word processor counts itself.
// docText is a model's text as its DOCX shows it: without the spaces
// typed between Han and Latin text, which the DOCX writer drops (Word
// spaces them itself), so that a model read back from a redline compares
// with the model it was written from.
func docText(d *document.Doc) string {
	rs := []rune(text(d))
	var out []rune
	for i := 0; i < len(rs); i++ {
		if rs[i] == ' ' && len(out) > 0 {
			j := i
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
			if j < len(rs) && (unicode.Is(unicode.Han, out[len(out)-1]) && latinOrDigit(rs[j]) || latinOrDigit(out[len(out)-1]) && unicode.Is(unicode.Han, rs[j])) {
				i = j - 1
				continue
			}
		}
		out = append(out, rs[i])
	}
	return string(out)
}

func latinOrDigit(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(la), len(lb)) {
		x, y := "", ""
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\ngot  %s\nwant %s", i+1, x, y)
		}
	}
	return ""
}

// TestRevisedPackFollowsDefault keeps the revised pack's quality agreement the
// default one with exactly its three revisions (the audit clause changed, the
// retained-samples clause moved, the data-integrity clause added), so a change
// to the default template is carried into the pair rather than showing up as
// further revisions.
func TestRevisedPackFollowsDefault(t *testing.T) {
	read := func(path string) map[string]int {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := map[string]int{}
		for _, l := range strings.Split(string(b), "\n") {
			lines[l]++
		}
		return lines
	}
	def := read("../../templates/zh/quality-agreement.md")
	rev := read(fixtures + "compare/pack-revised/zh/quality-agreement.md")
	only := func(a, b map[string]int) (out []string) {
		for l, n := range a {
			for i := b[l]; i < n; i++ {
				out = append(out, l)
			}
		}
		return out
	}
	check := func(what string, lines []string, want ...string) {
		if len(lines) != len(want) {
			t.Errorf("lines only in the %s: %q; want %d lines holding %q (copy templates/zh/quality-agreement.md into the revised pack and make its revisions again)", what, lines, len(want), want)
			return
		}
		for _, w := range want {
			found := false
			for _, l := range lines {
				found = found || strings.Contains(l, w)
			}
			if !found {
				t.Errorf("lines only in the %s: %q; none holds %q", what, lines, w)
			}
		}
	}
	check("revised pack", only(rev, def), "每半年至少", "3. **留样。**", "**数据可靠性。**")
	check("default pack", only(def, rev), "每年至少", "4. **留样。**")
}
