package document_test

import (
	"path/filepath"
	"strings"
	"testing"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/rules"
)

// TestNoDelimiterSurvives renders every document of the default pack for
// every fixture, manufacturer and language, parses it, and finds no text
// that still carries Markdown emphasis: no "**", and no run of * or _ that
// could open or close emphasis and was left unmatched.
func TestNoDelimiterSurvives(t *testing.T) {
	p, err := pack.Open("")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../fixtures/applicants/*.yaml")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	docs := append([]pack.Document{}, p.Documents...)
	if p.Plan != nil {
		docs = append(docs, *p.Plan)
	}
	n := 0
	seen := map[string]bool{}
	for _, file := range files {
		a, loaded, err := applicant.Load(file)
		if err != nil {
			t.Fatal(err)
		}
		fs := rules.Check(a, p.Policy, loaded)
		for _, lg := range lang.All {
			for _, d := range docs {
				for _, m := range a.MadeFor(d.PerManufacturer) {
					opts := pack.ContextOptions{Lang: lg, Date: civil.MustParse("2025-12-10")}
					if m != nil {
						opts.Manufacturer = m.ID
					}
					var md string
					if p.Plan != nil && d.ID == p.Plan.ID {
						md, err = p.RenderPlan(a, opts, fs)
					} else {
						md, err = p.Render(d, a, opts, fs)
					}
					if err != nil {
						t.Errorf("%s %s %s: %v", a.Stem(), d.ID, lg, err)
						continue
					}
					n++
					doc, _ := document.Parse([]byte(md), lg)
					where := a.Stem() + " " + d.Template(lg) + " " + opts.Manufacturer
					for _, problem := range leftoverDelimiters(doc) {
						if k, ok := knownLeftover(d.Template(lg), problem); ok {
							seen[k] = true
							continue
						}
						t.Errorf("%s: %s", where, problem)
					}
				}
			}
		}
	}
	for k := range awaitingFix {
		if !seen[k] {
			t.Errorf("%s no longer leaves a delimiter: remove it from awaitingFix", k)
		}
	}
	if n < 2*len(files)*len(docs) {
		t.Errorf("only %d documents rendered", n)
	}
}

// awaitingFix names template constructs known to leave a literal asterisk
// that Markdown could read as emphasis, by template and the text they leave,
// until the template escapes it (\\*) or uses another mark (＊).
var awaitingFix = map[string]string{}

func knownLeftover(template, problem string) (string, bool) {
	suffix, ok := awaitingFix[template]
	return template, ok && strings.HasPrefix(problem, "unmatched") && strings.HasSuffix(problem, suffix)
}

// leftoverDelimiters lists the text runs of doc that keep emphasis markup.
// Code is left out: it is shown as written.
func leftoverDelimiters(doc *document.Doc) []string {
	var out []string
	document.EachText(doc.Blocks, func(run *[]document.Span) {
		spans := *run
		var b strings.Builder
		for _, s := range spans {
			if s.Code {
				b.WriteString(strings.Repeat("x", len(s.Text)))
			} else {
				b.WriteString(s.Text)
			}
		}
		text := b.String()
		if strings.Contains(text, "**") || strings.Contains(text, "__") {
			out = append(out, "doubled delimiter in "+excerpt(text, strings.Index(strings.ReplaceAll(text, "__", "**"), "**")))
			return
		}
		for i := 0; i < len(text); i++ {
			if (text[i] == '*' || text[i] == '_') && (i == 0 || text[i-1] != text[i]) && document.EmphasisDelimiterAt(text, i) {
				out = append(out, "unmatched emphasis delimiter in "+excerpt(text, i))
			}
		}
	})
	return out
}

func excerpt(s string, i int) string {
	from, to := max(0, i-30), min(len(s), i+30)
	for from > 0 && !utf8RuneStart(s[from]) {
		from--
	}
	for to < len(s) && !utf8RuneStart(s[to]) {
		to++
	}
	return "…" + s[from:to] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
