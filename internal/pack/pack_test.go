package pack

import (
	"archive/zip"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"pilotpack/internal/lang"
	"reflect"
	"strings"
	"testing"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/finding"
	"pilotpack/internal/pack/packfs"
)

var update = flag.Bool("update", false, "rewrite golden files")

var fixtureNames = []string{"adc", "vaccine", "glp1"}

func loadFixtures(t testing.TB) []*applicant.Applicant {
	t.Helper()
	var out []*applicant.Applicant
	for _, n := range fixtureNames {
		a, fs, err := applicant.Load("../../fixtures/applicants/" + n + ".yaml")
		if err != nil || len(fs) > 0 {
			t.Fatal(err, fs)
		}
		out = append(out, a)
	}
	return out
}

func defaultPack(t testing.TB) *Pack {
	t.Helper()
	p, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefaultPackLints(t *testing.T) {
	if problems := defaultPack(t).Lint(loadFixtures(t)); len(problems) > 0 {
		t.Errorf("the default pack has problems:\n%s", strings.Join(problems, "\n"))
	}
}

// editedPack writes the default pack to a folder, applies edit to one file
// and opens the result.
func editedPack(t *testing.T, file string, edit func(string) string) *Pack {
	t.Helper()
	dir := t.TempDir()
	if _, err := defaultPack(t).WriteTo(dir, false); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte(edit(string(b))), 0o644)
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func lintOne(t *testing.T, template, add string) []string {
	t.Helper()
	p := editedPack(t, template, func(s string) string { return s + "\n" + add + "\n" })
	return p.Lint(loadFixtures(t)[:1])
}

func expectProblem(t *testing.T, problems []string, want string) {
	t.Helper()
	for _, p := range problems {
		if strings.Contains(p, want) {
			return
		}
	}
	t.Errorf("no problem mentions %q:\n%s", want, strings.Join(problems, "\n"))
}

func TestLintMisspelledField(t *testing.T) {
	problems := lintOne(t, "zh/quality-agreement.md", "乙方：{{ manufacturer.nmae_zh }}")
	expectProblem(t, problems, "zh/quality-agreement.md:")
	expectProblem(t, problems, "unknown field manufacturer.nmae_zh; did you mean manufacturer.name_zh?")
}

func TestLintMissingPartial(t *testing.T) {
	expectProblem(t, lintOne(t, "en/application.md", `{% include "partials/en/missing.md" %}`), `include "partials/en/missing.md": no such file in the pack`)
}

func TestLintSSI(t *testing.T) {
	expectProblem(t, lintOne(t, "zh/application.md", `{% ssi "/etc/passwd" %}`), "the ssi tag is not allowed")
	expectProblem(t, lintOne(t, "zh/application.md", `{% for s in stages %}{% cycle "a" "b" %}{% endfor %}`), "the cycle tag is not allowed")
}

func TestLintIncludeOutsideThePack(t *testing.T) {
	expectProblem(t, lintOne(t, "zh/production-agreement.md", `{% include "../README.md" %}`), `include "../README.md" leaves the pack`)
}

func TestLintLoopScopeAndFilters(t *testing.T) {
	problems := lintOne(t, "en/quality-agreement.md", "{% for s in stages %}{{ s.sit }}{% endfor %}{{ s.key }}{{ product.category|nosuch }}{{ stages.name }}")
	expectProblem(t, problems, "unknown field s.sit; did you mean s.site?")
	expectProblem(t, problems, ":48: unknown field s")
	expectProblem(t, problems, `unknown filter "nosuch"`)
	expectProblem(t, problems, "stages is a list")
}

func TestLintRendersEveryDocument(t *testing.T) {
	// A field the shape knows but a fixture lacks passes the static check;
	// rendering with required: catches it.
	problems := lintOne(t, "zh/application.md", `{{ cross_border.summary|required:"cross_border" }}`)
	expectProblem(t, problems, "cross_border is empty")
}

func TestLintChecklistCondition(t *testing.T) {
	p := editedPack(t, "checklist.yaml", func(s string) string {
		return strings.Replace(s, `when: product.vaccine`, `when: product.vacine`, 1)
	})
	expectProblem(t, p.Lint(loadFixtures(t)[:1]), "(vaccine-approval).when: unknown field product.vacine; did you mean product.vaccine?")
}

// TestEveryDocumentRenders renders every document for every fixture,
// manufacturer and language, and checks nothing is left unrendered.
func TestEveryDocumentRenders(t *testing.T) {
	p := defaultPack(t)
	n := 0
	for _, a := range loadFixtures(t) {
		for _, lg := range lang.All {
			for _, d := range p.Documents {
				for _, mfr := range a.MadeFor(d.PerManufacturer) {
					m := ""
					if mfr != nil {
						m = mfr.ID
					}
					md, err := p.Render(d, a, ContextOptions{Lang: lg, Manufacturer: m, Date: civil.MustParse("2025-12-10")}, nil)
					if err != nil {
						t.Errorf("%s %s %s %s: %v", a.Stem(), d.ID, lg, m, err)
						continue
					}
					n++
					if strings.Contains(md, "{{") || strings.Contains(md, "{%") || strings.Contains(md, "%}") {
						t.Errorf("%s %s %s %s: unrendered template syntax", a.Stem(), d.ID, lg, m)
					}
					if len(md) < 3000 {
						t.Errorf("%s %s %s %s: only %d bytes", a.Stem(), d.ID, lg, m, len(md))
					}
				}
			}
		}
	}
	if n != 2*(3+2*(3+2+2)) {
		t.Errorf("%d documents rendered", n)
	}
}

// TestGolden keeps the rendered Markdown of every document for the ADC
// fixture in testdata/golden; go test -update rewrites it.
func TestGolden(t *testing.T) {
	p := defaultPack(t)
	a := loadFixtures(t)[0]
	fs := finding.List{a.Finding("agreement.pilot-end", finding.Info, "manufacturers[0].agreement.term_years", finding.Text{Zh: "协议期限超过试点结束日期", En: "the agreements run past the pilot's end"}, finding.Text{})}
	for _, lg := range lang.All {
		for _, d := range p.documents() {
			mfrs := []string{""}
			if d.PerManufacturer {
				mfrs = []string{"zhenheng-shanghai"}
			}
			for _, m := range mfrs {
				opts := ContextOptions{Lang: lg, Manufacturer: m, Date: civil.MustParse("2025-12-10")}
				md, err := p.Render(d, a, opts, fs)
				if d.ID == p.Plan.ID {
					md, err = p.RenderPlan(a, opts, fs)
				}
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.Join("testdata", "golden", fmt.Sprintf("adc-%s-%s.md", d.ID, lg))
				if *update {
					os.WriteFile(name, []byte(md), 0o644)
					continue
				}
				want, err := os.ReadFile(name)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if md != string(want) {
					t.Errorf("%s differs from the rendered document; run go test ./internal/pack -update and review the diff", name)
				}
			}
		}
	}
}

// TestContextMatchesShape checks every value a real context holds is in
// ContextShape, so lint and rendering agree on what exists.
func TestContextMatchesShape(t *testing.T) {
	p := defaultPack(t)
	shape := ContextShape()
	for _, a := range loadFixtures(t) {
		for _, m := range append([]string{""}, a.Manufacturers[0].ID) {
			ctx := p.Context(a, ContextOptions{Lang: "zh", Manufacturer: m}, nil)
			for k, v := range ctx {
				checkShape(t, k, v, shape.Fields[k])
			}
		}
	}
}

func checkShape(t *testing.T, path string, v any, s *Shape) {
	t.Helper()
	if s == nil {
		t.Errorf("%s is in the context but not in ContextShape", path)
		return
	}
	switch x := v.(type) {
	case map[string]any:
		if s.Kind != Map {
			t.Errorf("%s is a map, the shape says %v", path, s.Kind)
			return
		}
		for k, f := range x {
			checkShape(t, path+"."+k, f, s.Fields[k])
		}
	case []any:
		if s.Kind != List {
			t.Errorf("%s is a list, the shape says %v", path, s.Kind)
			return
		}
		for _, e := range x {
			checkShape(t, path+"[]", e, s.Elem)
		}
	default:
		if v != nil && s.Kind != Scalar && s.Kind != Any {
			t.Errorf("%s is a %s, the shape says %v", path, reflect.TypeOf(v), s.Kind)
		}
	}
}

func TestChecklistConditions(t *testing.T) {
	p := defaultPack(t)
	fx := loadFixtures(t)
	applies := func(a *applicant.Applicant, id, mfr string) bool {
		for _, it := range p.Checklist {
			if it.ID == id {
				ok, err := it.Applies(p.Context(a, ContextOptions{Lang: "zh", Manufacturer: mfr}, nil))
				if err != nil {
					t.Fatal(err)
				}
				return ok
			}
		}
		t.Fatalf("no item %s", id)
		return false
	}
	for _, c := range []struct {
		fixture int
		item    string
		mfr     string
		want    bool
	}{
		{0, "adc-containment", "hengxin-changzhou", true}, {0, "adc-containment", "zhenheng-shanghai", true},
		{0, "adc-containment", "lanhu-suzhou", false}, {1, "adc-containment", "kangning-taizhou", false},
		{1, "vaccine-approval", "", true}, {2, "vaccine-approval", "", false},
		{1, "overseas-inspection", "lonvia-singapore", true}, {1, "overseas-inspection", "kangning-taizhou", false},
		{1, "vaccine-lot-release", "", true}, {0, "vaccine-lot-release", "", false},
		{1, "cross-border", "", true}, {0, "cross-border", "", false},
		{2, "device", "", true}, {0, "device", "", false},
		{1, "province-consent", "lonvia-singapore", false}, {1, "province-consent", "kangning-taizhou", true},
		{0, "manufacturer-inspection", "lanhu-suzhou", false},
		{0, "transport", "", true},
	} {
		if got := applies(fx[c.fixture], c.item, c.mfr); got != c.want {
			t.Errorf("%s %s %s: applies = %v", fixtureNames[c.fixture], c.item, c.mfr, got)
		}
	}
}

func TestMatrixOverrides(t *testing.T) {
	p := defaultPack(t)
	a := loadFixtures(t)[0]
	m, _ := a.Manufacturer("zhenheng-shanghai")
	for _, r := range p.MatrixFor(m) {
		if r.ID == "stability" && (!r.Changed || r.Holder != "approves" || r.Manufacturer != "responsible" || r.Note.IsZero()) {
			t.Errorf("override not applied: %+v", r)
		}
		if r.ID == "market-release" && (r.Changed || r.Holder != "responsible") {
			t.Errorf("default changed: %+v", r)
		}
	}
	if len(p.MatrixFor(nil)) < 40 {
		t.Error("the matrix is too small to cover the guideline's chapters")
	}
}

func TestCheckData(t *testing.T) {
	p := defaultPack(t)
	a := loadFixtures(t)[0]
	a.Manufacturers[2].Responsibilities[0].Activity = "stabilty"
	a.Attachments = append(a.Attachments, applicant.Attachment{Path: "x.pdf", Kind: "other", Item: "gmp-notce"})
	fs := p.CheckData(a)
	got := ""
	for _, f := range fs {
		got += f.Format("en") + "\n"
	}
	for _, want := range []string{`[pack.activity] manufacturers[2].responsibilities[0].activity: "stabilty" is not an activity of the responsibility matrix of the pack default; did you mean "stability"?`,
		fmt.Sprintf(`[pack.checklist-item] attachments[%d].item: "gmp-notce" is not a checklist item of the pack default; did you mean "gmp-notice"?`, len(a.Attachments)-1)} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	var pe *Error
	dir := t.TempDir()
	defaultPack(t).WriteTo(dir, false)
	os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte("id: x\nname: {zh: 甲}\nversion: 1\ndocuments: []\nlanguages: [fr]\n"), 0o644)
	_, err := Open(dir)
	if !errors.As(err, &pe) {
		t.Fatalf("%T %v", err, err)
	}
	for _, want := range []string{"pack.yaml:5:13: languages[0]: \"fr\" is not one of: zh, en", `pack.yaml:1:1: issuer: missing required field "issuer"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "is not in pack.yaml") {
		t.Errorf("a broken manifest cascades into reference errors:\n%v", err)
	}
	if _, err := Open(filepath.Join(dir, "nope")); !errors.As(err, &pe) {
		t.Errorf("a missing pack: %v", err)
	}
}

func TestZipPacks(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.zip")
	writeZip(t, good, defaultPack(t), "")
	p, err := Open(good)
	if err != nil {
		t.Fatal(err)
	}
	if p.Digest != defaultPack(t).Digest {
		t.Error("the zip's digest differs from its folder's")
	}
	bad := filepath.Join(dir, "bad.zip")
	writeZip(t, bad, defaultPack(t), "../evil.md")
	if _, err := Open(bad); err == nil || !strings.Contains(err.Error(), `entry "../evil.md" would leave the pack`) {
		t.Errorf("zip slip: %v", err)
	}
}

func writeZip(t *testing.T, path string, p *Pack, extra string) { writeZipFS(t, path, p, extra) }

func writeZipFS(t testing.TB, path string, p *Pack, extra string) {
	f, _ := os.Create(path)
	z := zip.NewWriter(f)
	files, _ := Files(p.FS)
	for _, name := range files {
		w, _ := z.Create(name)
		data, _ := readFS(p, name)
		w.Write(data)
	}
	if extra != "" {
		w, _ := z.Create(extra)
		w.Write([]byte("x"))
	}
	z.Close()
	f.Close()
}

func readFS(p *Pack, name string) ([]byte, error) {
	f, err := p.FS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, _ := f.Stat()
	b := make([]byte, st.Size())
	_, err = f.Read(b)
	return b, err
}

// TestZipBounds refuses zip packs with too many entries or that unpack to
// too much, before reading any template.
func TestZipBounds(t *testing.T) {
	dir := t.TempDir()
	many := filepath.Join(dir, "many.zip")
	f, _ := os.Create(many)
	z := zip.NewWriter(f)
	for i := range packfs.DefaultLimits.MaxEntries + 1 {
		w, _ := z.Create(fmt.Sprintf("f%d.md", i))
		w.Write([]byte("x"))
	}
	z.Close()
	f.Close()
	if _, err := Open(many); err == nil || !strings.Contains(err.Error(), "entries, more than") {
		t.Errorf("too many entries: %v", err)
	}
	big := filepath.Join(dir, "big.zip")
	f, _ = os.Create(big)
	z = zip.NewWriter(f)
	w, _ := z.Create("zh/huge.md")
	w.Write(make([]byte, packfs.DefaultLimits.MaxFile+1))
	z.Close()
	f.Close()
	if _, err := Open(big); err == nil || !strings.Contains(err.Error(), "zh/huge.md: unpacks to") {
		t.Errorf("too large: %v", err)
	}
	for _, name := range []string{"/etc/passwd", `zh\..\..\evil.md`, "zh/../../evil.md"} {
		bad := filepath.Join(dir, "bad.zip")
		writeZip(t, bad, defaultPack(t), name)
		if _, err := Open(bad); err == nil || !strings.Contains(err.Error(), "would leave the pack") {
			t.Errorf("entry %q: %v", name, err)
		}
	}
}
