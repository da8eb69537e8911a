package pack

import (
	"strings"
	"testing"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/readiness"
	"pilotpack/internal/rules"
	"pilotpack/internal/typo"
)

// TestLetterSaysWhatReadinessSays: the cover letter (申请函) of each
// fixture, in each language and in each state of its materials, says what
// readiness says: all materials enclosed only when none is missing or
// deferred; otherwise it names each missing material as not yet enclosed
// and each deferred one as following after acceptance.
func TestLetterSaysWhatReadinessSays(t *testing.T) {
	p := defaultPack(t)
	var app Document
	for _, d := range p.documents() {
		if d.ID == "application" {
			app = d
		}
	}
	// What the letter says in each case, by language.
	all := lang.T("现将申报资料目录所列全部材料一并报送", "We enclose all the materials listed in the checklist")
	notYet := lang.T("尚未随本次申报提交，将于备齐后补充报送", "are not yet enclosed and will be submitted as soon as they are available")
	follow := lang.T("为容缺材料，将于受理后补交", "will follow after acceptance")
	for _, n := range fixtureNames {
		a, lfs, err := applicant.Load("../../fixtures/applicants/" + n + ".yaml")
		if err != nil || len(lfs) > 0 {
			t.Fatalf("%s: %v %v", n, err, lfs)
		}
		data := rules.Check(a, p.Policy, nil)
		materials := p.CheckMaterials(a, data)
		var missing, deferred finding.List
		for _, f := range materials {
			switch f.Rule {
			case readiness.MissingRule:
				missing = append(missing, f)
			case readiness.DeferredRule:
				deferred = append(deferred, f)
			}
		}
		// The fixture as it is, and as if its materials were complete,
		// only deferred, or only missing.
		states := map[string]finding.List{
			"as filed": append(append(finding.List{}, data...), materials...),
			"complete": data,
			"deferred": append(append(finding.List{}, data...), deferred...),
			"missing":  append(append(finding.List{}, data...), missing...),
		}
		for state, fs := range states {
			rd := readiness.Of(fs)
			for _, l := range lang.All {
				md, err := p.Render(app, a, ContextOptions{Lang: l, Date: civil.MustParse("2025-12-10")}, fs)
				if err != nil {
					t.Fatal(err)
				}
				doc, _ := document.Parse([]byte(md), l)
				letter := ""
				for _, s := range texts(doc.Blocks) {
					if strings.Contains(s, lang.T("统一质量管理体系", "single quality management system").In(l)) {
						letter = s
						break
					}
				}
				where := n + "/" + state + "/" + string(l)
				if letter == "" {
					t.Fatalf("%s: no letter paragraph", where)
				}
				if got, want := strings.Contains(letter, all.In(l)), rd.Complete() && len(rd.Deferred) == 0; got != want {
					t.Errorf("%s: claims all materials enclosed: %v, readiness %s with %d deferred\n%s", where, got, rd.Verdict, len(rd.Deferred), letter)
				}
				if got := strings.Contains(letter, notYet.In(l)); got != !rd.Complete() {
					t.Errorf("%s: says materials are not yet enclosed: %v, readiness %s\n%s", where, got, rd.Verdict, letter)
				}
				if got := strings.Contains(letter, follow.In(l)); got != (len(rd.Deferred) > 0) {
					t.Errorf("%s: says deferred materials follow: %v, %d deferred\n%s", where, got, len(rd.Deferred), letter)
				}
				for _, x := range append(append([]lang.Text{}, rd.Missing...), rd.Deferred...) {
					// English text is typeset with curly apostrophes.
					if !strings.Contains(letter, x.In(l)) && !strings.Contains(letter, typo.Text(x.In(l))) {
						t.Errorf("%s: the letter does not name %q\n%s", where, x.In(l), letter)
					}
				}
			}
		}
		if len(missing) == 0 && len(deferred) == 0 {
			t.Logf("%s: every material is in the packet", n)
		}
	}
}
