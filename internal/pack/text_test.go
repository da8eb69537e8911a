package pack

import (
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
)

// references are the text fields that name other entries of the file
// rather than say something: changing one alone breaks the file, not the
// documents.
var references = map[string]bool{
	"stages[].id": true, "stages[].site": true, "transfers[].from": true, "transfers[].to": true,
	"manufacturers[].id": true, "applicant.qa_staff[].manufacturer": true,
	"manufacturers[].responsibilities[].activity": true,
	"attachments[].path":                          true, "attachments[].item": true, "attachments[].manufacturer": true,
}

var reIndex = regexp.MustCompile(`\[\d+\]`)

// textFields calls set for every free-text field of v (strings and lists
// of strings, not enumerated values), with its path.
func textFields(v reflect.Value, path string, set func(path string, s *string)) {
	datafile.Walk(v, path, func(v reflect.Value, path string) bool {
		if v.Kind() == reflect.String && v.Type() == reflect.TypeFor[string]() && !references[reIndex.ReplaceAllString(path, "[]")] {
			set(path, v.Addr().Interface().(*string))
		}
		return true
	})
}

// withText loads a fixture and gives its i-th text field the value text(i).
func withText(t *testing.T, name string, text func(i int) string) (*applicant.Applicant, []string) {
	a := fixture(t, name)
	var paths []string
	textFields(reflect.ValueOf(a.File), "", func(path string, s *string) {
		*s = text(len(paths))
		paths = append(paths, path)
	})
	return a, paths
}

// injections are what an applicant file could try to pass for markup.
var injections = []string{
	"[x](javascript:alert(1))", "# heading", "| a | b |", "**bold**", "<script>alert(1)</script>",
	"::: title", "<!-- pagebreak -->", "\u202eevil", "1. item", "- item", "> quote", "line one\n\n# two",
	"![img](http://example.com/x.png)", "<https://evil.example>", "`code`", "name {#id}", `back\`, "&amp;",
	"---", "<!-- numbering: chinese -->", ":::\n::: signature", "_x_ ~~y~~ <b>z</b>",
}

func marker(i int) string { return fmt.Sprintf("Q%03dQ", i) }

// dumped is s as Dump prints it inside quotes.
func dumped(s string) string { q := strconv.Quote(s); return q[1 : len(q)-1] }

// injected is inj in field i: each of its lines ends with the field's
// marker, so that it can be found even where a title block splits it.
func injected(inj string, i int) []string {
	lines := strings.Split(inj, "\n")
	for k := range lines {
		lines[k] += marker(i)
	}
	return lines
}

// plainText is the plain text of the same shape: as many lines, each as
// long, so that nothing that measures a value takes another branch. Each
// line opens with a letter of the same case as the injection's, or a digit
// where that opens with neither, so that a template's capfirst treats both
// alike.
func plainText(inj string, i int) []string {
	lines := strings.Split(inj, "\n")
	for k, l := range lines {
		n := utf8.RuneCountInString(l)
		if n == 0 {
			lines[k] = marker(i)
			continue
		}
		first := "0"
		switch r, _ := utf8.DecodeRuneInString(l); {
		case unicode.IsLower(r):
			first = "q"
		case unicode.IsUpper(r):
			first = "Q"
		}
		lines[k] = first + strings.Repeat("q", n-1) + marker(i)
	}
	return lines
}

// TestDataIsText puts the injections into every text field of the
// fixtures (field i of run r gets injection i+r, so that every field gets
// every injection), renders every document of the default pack in both
// languages and reads it into the document model: the model must be the
// one plain text gives, with the injections in it as written.
func TestDataIsText(t *testing.T) {
	p := defaultPack(t)
	printed := map[string]bool{}
	fields := map[string]bool{}
	for r := range injections {
		name := fixtureNames[r%len(fixtureNames)]
		inj := func(i int) string { return injections[(i+r)%len(injections)] }
		a, paths := withText(t, name, func(i int) string { return strings.Join(injected(inj(i), i), "\n") })
		plain, _ := withText(t, name, func(i int) string { return strings.Join(plainText(inj(i), i), "\n") })
		var swap []string
		for i := range paths {
			for k, line := range injected(inj(i), i) {
				plain := plainText(inj(i), i)[k]
				swap = append(swap, dumped(line), dumped(plain))
				// A template may capitalise a value that opens a sentence.
				if upper := upperFirst(line); upper != line {
					swap = append(swap, dumped(upper), dumped(upperFirst(plain)))
				}
			}
		}
		for _, lg := range lang.All {
			for _, d := range p.documents() {
				for _, mfr := range a.MadeFor(d.PerManufacturer) {
					m := ""
					if mfr != nil {
						m = mfr.ID
					}
					opts := ContextOptions{Lang: lg, Manufacturer: m, Date: civil.MustParse("2025-12-10")}
					render := func(a *applicant.Applicant) string {
						md, err := p.Render(d, a, opts, nil)
						if p.Plan != nil && d.ID == p.Plan.ID {
							md, err = p.RenderPlan(a, opts, nil)
						}
						if err != nil {
							t.Fatalf("%s %s %s: %v", name, d.ID, lg, err)
						}
						return md
					}
					got, want := render(a), render(plain)
					for i, path := range paths {
						fields[reIndex.ReplaceAllString(path, "[]")] = true
						if strings.Contains(got, marker(i)) {
							printed[reIndex.ReplaceAllString(path, "[]")] = true
						}
					}
					gotDoc, gotWarns := document.Parse([]byte(got), lg)
					wantDoc, wantWarns := document.Parse([]byte(want), lg)
					dump := document.Dump(gotDoc) + fmt.Sprint(gotWarns)
					if strings.NewReplacer(swap...).Replace(dump) != document.Dump(wantDoc)+fmt.Sprint(wantWarns) {
						t.Errorf("%s, run %d, %s %s %s: an injection changes the document:\n%s",
							name, r, d.ID, lg, m, firstDifference(dump, document.Dump(wantDoc)+fmt.Sprint(wantWarns), swap))
					}
				}
			}
		}
	}
	if len(printed) < 60 {
		t.Errorf("only %d text fields are printed by the default pack", len(printed))
	}
	t.Logf("%d text fields, %d of them printed in documents, each with %d injections", len(fields), len(printed), len(injections))
}

// upperFirst is s with its first letter in upper case, as capfirst prints it.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func firstDifference(got, want string, swap []string) string {
	g := strings.Split(strings.NewReplacer(swap...).Replace(got), "\n")
	w := strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "got:  " + strings.Split(got, "\n")[i] + "\nwant: " + w[i]
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// TestNoDataThroughMarkdown: the default pack prints no value of the
// applicant file with |markdown, and pack lint refuses a pack that does.
func TestNoDataThroughMarkdown(t *testing.T) {
	p := defaultPack(t)
	files, _ := Files(p.FS)
	use := regexp.MustCompile(`\{\{-?\s*([^}]*)\|\s*markdown\b`)
	for _, f := range files {
		if !strings.HasSuffix(f, ".md") || f == "README.md" {
			continue
		}
		src, _ := fs.ReadFile(p.FS, f)
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasPrefix(strings.TrimSpace(m[1]), `"`) {
				t.Errorf("%s: %q prints a value with |markdown", f, m[0])
			}
		}
	}
	expectProblem(t, lintOne(t, "zh/application.md", "{{ applicant.name_zh|markdown }}"),
		"applicant|markdown would print a value of the applicant file as Markdown")
	expectProblem(t, lintOne(t, "en/application.md", "{{ applicant.name_en|safe }}"),
		"the safe filter is not allowed: values from the applicant file are text")
	expectProblem(t, lintOne(t, "en/application.md", "{% autoescape off %}{{ applicant.name_en }}{% endautoescape %}"),
		"the autoescape tag is not allowed")
	if problems := lintOne(t, "en/application.md", `{{ "**Note**"|markdown }}`); len(problems) > 0 {
		t.Errorf("markdown on the template's own text: %v", problems)
	}
}
