package rules

import (
	"io/fs"
	"slices"
	"strings"
	"testing"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
	"pilotpack/templates"
)

func load(t *testing.T, name string) *applicant.Applicant {
	t.Helper()
	a, fs, err := applicant.Load("../../fixtures/applicants/" + name + ".yaml")
	if err != nil || len(fs) > 0 {
		t.Fatalf("loading %s: %v %v", name, err, fs)
	}
	return a
}

// baseline is what each clean fixture is expected to produce: nothing but
// the notes that are true of it.
var baseline = map[string][]string{
	"adc":     {"agreement.pilot-end"},
	"vaccine": {"agreement.pilot-end", "vaccine.entrustment-approval"},
	"glp1":    {"transport.in-progress"},
}

func TestFixturesAreClean(t *testing.T) {
	for name, want := range baseline {
		fs := Check(load(t, name), DefaultPolicy(), nil)
		if got := fs.Rules(); !slices.Equal(got, want) {
			t.Errorf("%s: rules fired %v, want %v\n%v", name, got, want, fs)
		}
		if fs.HasErrors() {
			t.Errorf("%s has errors", name)
		}
	}
}

func date(s string) civil.Date { return civil.MustParse(s) }

func TestRulesFire(t *testing.T) {
	tests := []struct {
		rule    string
		fixture string
		mutate  func(a *applicant.Applicant, p *Policy)
		// want is a fragment of the English message.
		want string
	}{
		{"pilot.category", "adc", func(a *applicant.Applicant, p *Policy) { p.EligibleCategories = p.EligibleCategories[:2] }, "not eligible"},
		{"pilot.category-other", "adc", func(a *applicant.Applicant, p *Policy) { a.Product.Category = "other" }, "other products specified by the NMPA"},
		{"holder.licence-own", "glp1", func(a *applicant.Applicant, p *Policy) { a.Applicant.Licence.Category = "Bs" }, "needs category A"},
		{"holder.qp-contact", "glp1", func(a *applicant.Applicant, p *Policy) { a.Applicant.KeyPersonnel.QualifiedPerson.Email = "" }, "qualified person's own telephone"},
		{"vaccine.entrustment-approval", "vaccine", func(a *applicant.Applicant, p *Policy) { a.Product.EntrustmentApproval = nil }, "Art. 22"},
		{"vaccine.entrustment-approval", "vaccine", func(a *applicant.Applicant, p *Policy) {
			a.Product.EntrustmentApproval = &applicant.Approval{Status: "applied", Reference: "CXSB2500001"}
		}, "applied for (CXSB2500001)"},
		{"pilot.innovative", "adc", func(a *applicant.Applicant, p *Policy) { a.Product.Innovative = false }, "neither innovative"},
		{"pilot.self-developed", "adc", func(a *applicant.Applicant, p *Policy) { a.Product.SelfDeveloped = false }, "developed itself"},
		{"pilot.self-development-evidence", "adc", func(a *applicant.Applicant, p *Policy) { a.Product.SelfDevelopmentEvidence = applicant.Text{Zh: " "} }, "no evidence"},
		{"pilot.barred-type", "adc", func(a *applicant.Applicant, p *Policy) { a.Product.ControlledClass = "blood_product" }, "blood product may not"},
		{"pilot.deadline", "adc", func(a *applicant.Applicant, p *Policy) { a.Application.Date = date("2026-01-05") }, "after the deadline 2025-12-31"},
		{"pilot.deadline", "adc", func(a *applicant.Applicant, p *Policy) { p.Deadline = date("2025-12-01") }, "after the deadline 2025-12-01"},
		{"pilot.period", "adc", func(a *applicant.Applicant, p *Policy) { a.Application.Date = date("2024-09-30") }, "before the pilot began"},
		{"pilot.province", "adc", func(a *applicant.Applicant, p *Policy) { p.Provinces = []applicant.Province{"江苏省"} }, "Shanghai is not a pilot province"},
		{"pilot.stages", "adc", func(a *applicant.Applicant, p *Policy) { a.Stages = a.Stages[:1] }, "at least two stages"},
		{"pilot.stages", "adc", func(a *applicant.Applicant, p *Policy) {
			for i := range a.Stages {
				a.Stages[i].Site = "holder"
			}
		}, "same site"},
		{"stage.id", "adc", func(a *applicant.Applicant, p *Policy) { a.Stages[2].ID = "mab" }, "used twice"},
		{"stage.id", "adc", func(a *applicant.Applicant, p *Policy) { a.Stages[1].ID = "Mab 1" }, "lowercase"},
		{"stage.site", "adc", func(a *applicant.Applicant, p *Policy) { a.Stages[1].Site = "lanhu-suzou" }, `did you mean "lanhu-suzhou"`},
		{"stage.province", "adc", func(a *applicant.Applicant, p *Policy) { a.Stages[1].Province = "" }, "needs its province"},
		{"stage.location", "adc", func(a *applicant.Applicant, p *Policy) { a.Stages[1].Province = "浙江省" }, "its manufacturer lanhu-suzhou is in CN Jiangsu"},
		{"manufacturer.id", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[1].ID = "lanhu-suzhou" }, "used twice"},
		{"manufacturer.id", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].ID = "holder" }, "not \"holder\""},
		{"manufacturer.unused", "adc", func(a *applicant.Applicant, p *Policy) {
			m := a.Manufacturers[0]
			m.ID = "spare"
			a.Manufacturers = append(a.Manufacturers, m)
		}, `"spare" makes no stage`},
		{"manufacturer.domestic", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].Licence = nil }, "licence (category C)"},
		{"manufacturer.domestic", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].CreditCode = "" }, "credit code"},
		{"manufacturer.experience", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[1].Experience.Years = 2 }, "2 years"},
		{"manufacturer.experience", "adc", func(a *applicant.Applicant, p *Policy) { p.MinExperienceYears = 7 }, "fewer than the 7"},
		{"manufacturer.gmp-notice", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].GMP.Number = "" }, "GMP compliance notice"},
		{"manufacturer.gmp-expired", "vaccine", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].GMP.ValidUntil = date("2025-11-27") }, "expired on 2025-11-27"},
		{"manufacturer.gmp-age", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].GMP.Date = date("2022-06-01") }, "more than 36 months"},
		{"manufacturer.consent", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[2].Consent.Reference = "" }, "home province's consent"},
		{"manufacturer.consent-expired", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[2].Consent.ValidUntil = date("2025-12-01") }, "expired on 2025-12-01"},
		{"manufacturer.compliance", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].Compliance.Record = "poor" }, "inspection report is required"},
		{"holder.key-personnel", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.KeyPersonnel.QualifiedPerson.FullTime = false }, "qualified person"},
		{"holder.independence", "adc", func(a *applicant.Applicant, p *Policy) {
			a.Applicant.KeyPersonnel.QualityHead.Name = a.Applicant.KeyPersonnel.ProductionHead.Name
		}, "cannot be production head"},
		{"holder.qa-staff", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.QAStaff = a.Applicant.QAStaff[1:] }, "1 QA staff dispatched to lanhu-suzhou"},
		{"holder.qa-staff-site", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.QAStaff[0].Manufacturer = "lanhu-suzho" }, `did you mean "lanhu-suzhou"`},
		{"holder.licence-entrust", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.Licence.Category = "As" }, "no category B"},
		{"transport.stage", "adc", func(a *applicant.Applicant, p *Policy) { a.Transfers[1].From = "mabb" }, `did you mean "mab"`},
		{"transport.stage", "adc", func(a *applicant.Applicant, p *Policy) { a.Transfers[1].To = "mab" }, "different stage"},
		{"transport.qualification", "adc", func(a *applicant.Applicant, p *Policy) { a.Transfers[1].Qualification.Status = "planned" }, "has not started"},
		{"transport.in-progress", "adc", func(a *applicant.Applicant, p *Policy) { a.Transfers[2].Qualification.Status = "in_progress" }, "add its planned completion date"},
		{"transport.undeclared", "adc", func(a *applicant.Applicant, p *Policy) { a.Transfers = a.Transfers[:1] }, "site hengxin-changzhou"},
		{"crossborder.section", "vaccine", func(a *applicant.Applicant, p *Policy) { a.CrossBorder = nil }, "add the cross_border section"},
		{"crossborder.unused", "adc", func(a *applicant.Applicant, p *Policy) {
			a.CrossBorder = &applicant.CrossBorder{Summary: applicant.T("x", "")}
		}, "left out"},
		{"id.credit-code", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.CreditCode = "91310115631502488D" }, "check character is D, expected C"},
		{"id.credit-code", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[1].CreditCode = "9132041178526190" }, "has 16 characters"},
		{"id.credit-code", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[1].CreditCode = "9132041178526I904U" }, "not allowed"},
		{"id.licence-number", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.Licence.Number = "沪2019008" }, "not a licence number"},
		{"id.licence-number", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.Licence.Number = "中20190087" }, "province abbreviation"},
		{"id.licence-category", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].Licence.Category = "AsBs" }, "lacks C"},
		{"id.licence-category", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.Licence.Category = "Cs" }, "lacks A or B"},
		{"id.licence-category", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.Licence.Category = "bs" }, "not a licence category"},
		{"id.registration-number", "adc", func(a *applicant.Applicant, p *Policy) { a.Product.Registration.Status = "approved" }, "not an approval number"},
		{"id.registration-number", "glp1", func(a *applicant.Applicant, p *Policy) { a.Product.Registration.Status = "pending" }, "not an acceptance number"},
		{"id.province-code", "adc", func(a *applicant.Applicant, p *Policy) { a.Application.ProvinceCode = "320000" }, "code of 上海市 is 310000"},
		{"id.province-code", "adc", func(a *applicant.Applicant, p *Policy) { a.Application.ProvinceCode = "31000" }, "six-digit"},
		{"id.country", "adc", func(a *applicant.Applicant, p *Policy) { a.Stages[0].Country = "China" }, "two-letter"},
		{"id.contact", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.Contact.Email = "ruoxi.shen@" }, "not an e-mail"},
		{"id.contact", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].QualityContact.Phone = "ask reception" }, "not a phone"},
		{"id.packet", "adc", func(a *applicant.Applicant, p *Policy) { a.Application.ID = "HY ADC" }, "lowercase"},
		{"dates.expired", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.Licence.ValidUntil = date("2025-06-30") }, "holder's licence expired"},
		{"dates.expired", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[2].Licence.ValidUntil = date("2025-06-30") }, "zhenheng-shanghai's licence expired"},
		{"dates.order", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].GMP.Date = date("2026-01-10") }, "after the application date"},
		{"dates.order", "vaccine", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].GMP.ValidUntil = date("2024-01-01") }, "ends before it was issued"},
		{"agreement.order", "adc", func(a *applicant.Applicant, p *Policy) {
			a.Manufacturers[0].Agreement.QualityEffective = date("2025-12-01")
		}, "after commissioned production"},
		{"agreement.term", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].Agreement.TermYears = 0 }, "at least one year"},
		{"agreement.term", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].Agreement.TermYears = 99 }, "99 years is outside the sensible range of 1 to 30"},
		{"limit.count", "adc", func(a *applicant.Applicant, p *Policy) { p.Limits.Manufacturers = 2 }, "3 entries, more than the 2 an application holds (the policy's limits.manufacturers)"},
		{"limit.count", "adc", func(a *applicant.Applicant, p *Policy) { p.Limits.Attachments = 4 }, "limits.attachments"},
		{"limit.count", "adc", func(a *applicant.Applicant, p *Policy) { p.Limits.QAStaff = 1 }, "limits.qa_staff"},
		{"limit.count", "adc", func(a *applicant.Applicant, p *Policy) { p.Limits.ListItems = 1 }, "limits.list_items"},
		{"limit.length", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.NameZh = strings.Repeat("长", 201) }, "201 characters, more than the 200 a single-line value holds"},
		{"limit.length", "adc", func(a *applicant.Applicant, p *Policy) {
			a.Applicant.QualitySystem = applicant.T(strings.Repeat("质", 10001), "")
		}, "10001 characters, more than the 10000 a free-text value holds"},
		{"value.range", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[1].Experience.Years = 500 }, "500 years is outside the sensible range 0 to 100"},
		{"value.range", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.QAStaff[0].YearsExperience = -3 }, "-3 years is outside"},
		{"value.range", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.KeyPersonnel.QualityHead.YearsExperience = 90 }, "90 years is outside the sensible range 0 to 60"},
		{"value.range", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].Agreement.Price.PaymentDays = 4000 }, "4000 days is outside the sensible range 0 to 365"},
		{"value.range", "adc", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].Agreement.Price.Amount = 50 }, "0.50 is outside the sensible range 1 to 10000000000 yuan"},
		{"agreement.pilot-end", "glp1", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].Agreement.TermYears = 3 }, "past the pilot's end"},
		{"agreement.arbitration-seat", "vaccine", func(a *applicant.Applicant, p *Policy) { a.Manufacturers[0].Agreement.Dispute.Seat = applicant.Text{} }, "names no seat"},
		{"risk.coverage", "adc", func(a *applicant.Applicant, p *Policy) { a.Risks = nil }, "no comparability item"},
		{"risk.coverage", "vaccine", func(a *applicant.Applicant, p *Policy) { a.Risks = a.Risks[:2] }, "no cross-border item"},
		{"text.invisible", "adc", func(a *applicant.Applicant, p *Policy) { a.Applicant.NameEn = "Hanyuan\u202eLtd" }, "character 8 is U+202E RIGHT-TO-LEFT OVERRIDE"},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.rule] = true
		t.Run(tt.rule, func(t *testing.T) {
			a := load(t, tt.fixture)
			p := DefaultPolicy()
			tt.mutate(a, p)
			fs := Check(a, p, nil)
			var hit *finding.Finding
			for i, f := range fs {
				if f.Rule == tt.rule && strings.Contains(f.Message.En, tt.want) {
					hit = &fs[i]
				}
			}
			if hit == nil {
				t.Fatalf("rule %s did not fire with %q; findings:\n%s", tt.rule, tt.want, dump(fs))
			}
			if hit.Line == 0 || hit.Column == 0 || hit.Path == "" || hit.Message.Zh == "" || hit.Basis.Zh == "" || hit.Basis.En == "" {
				t.Errorf("finding lacks a position, path, Chinese message or basis: %+v", hit)
			}
			if rule := ruleByID(tt.rule); hit.Severity != rule.Severity {
				t.Errorf("severity %v, rule says %v", hit.Severity, rule.Severity)
			}
		})
	}
	for _, r := range Rules() {
		if !covered[r.ID] {
			t.Errorf("rule %s has no test case", r.ID)
		}
	}
}

func ruleByID(id string) *Rule {
	for _, r := range Rules() {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func dump(fs finding.List) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Format("en") + "\n")
	}
	return b.String()
}

func TestRuleTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("rule id %s is used twice", r.ID)
		}
		seen[r.ID] = true
		if r.Summary.Zh == "" || r.Summary.En == "" || r.Basis.Zh == "" || r.Basis.En == "" {
			t.Errorf("rule %s lacks a summary or basis in one language", r.ID)
		}
	}
}

func TestLoaderProblemsSuppressRepeats(t *testing.T) {
	a, loaded, err := applicant.Parse("x.yaml", []byte("application: {province: 上海, province_code: \"310000\", date: 2025-12-01}\n"))
	if err != nil {
		t.Fatal(err)
	}
	fs := Check(a, DefaultPolicy(), loaded)
	for _, f := range fs {
		if strings.HasPrefix(f.Path, "product.") && !strings.HasPrefix(f.Rule, "data.") {
			t.Errorf("rule finding under a missing section: %s", f.Format("en"))
		}
	}
	if !slices.Contains(fs.Rules(), "data.enum") {
		t.Errorf("the loader's problem is kept:\n%s", dump(fs))
	}
}

func TestCreditCheck(t *testing.T) {
	for code, ok := range map[string]bool{
		"91350100M000100Y43": true, // the example of GB 32100-2015
		"91310115631502488C": true,
		"91310115631502488D": false,
		"9131011563150248":   false,
		"91310115631502488Ｃ": false,
		"":                   false,
	} {
		if en, _ := checkCreditCode(code); (en == "") != ok {
			t.Errorf("checkCreditCode(%q) = %q, want valid=%v", code, en, ok)
		}
	}
}

func TestPolicy(t *testing.T) {
	p := DefaultPolicy()
	if p.Deadline != date("2025-12-31") || p.PilotEnd != date("2026-12-31") || p.MinQAStaff != 2 || p.MinExperienceYears != 3 {
		t.Errorf("default policy: %+v", p)
	}
	for src, want := range map[string]string{
		"pilot_start: 2024-10-21\ndeadline: 2024-01-01\npilot_end: 2026-12-31\neligible_categories: [adc]\nbarred_types: []\n":  "policy.yaml:2:11: deadline: the deadline must come after pilot_start",
		"pilot_start: 2024-10-21\ndeadline: 2025-12-31\npilot_end: 2026-12-31\neligible_categories: [adcc]\nbarred_types: []\n": `policy.yaml:4:23: eligible_categories[0]: "adcc" is not an allowed value; did you mean "adc"?`,
		"pilot_start: 2024-10-21\ndeadline: 2025-12-31\npilot_end: 2026-12-31\nbarred_types: []\nmin_qa: 2\n":                   "unknown field",
	} {
		_, err := ParsePolicy("policy.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParsePolicy error %v, want %q", err, want)
		}
	}
}

// TestCodeMessagesCountCharacters: lengths and positions count characters,
// and a character the reader cannot see is named.
func TestCodeMessagesCountCharacters(t *testing.T) {
	for _, tc := range []struct{ code, en, zh string }{
		{"９１３１０１１５６３１５０２４８８Ｃ", `character 1 ('９') is not allowed`, `第 1 位（'９'）不允许`},
		{"91310115631502488\u200bC", "has 19 characters, a unified social credit code has 18; character 18 is an invisible U+200B ZERO WIDTH SPACE: delete it", "共 19 位，统一社会信用代码应为 18 位；第 18 个字符是看不见的 U+200B（ZERO WIDTH SPACE），请删除"},
		{"9131011563150248\u00a0C", "character 17 ('\\u00a0') is not allowed", "第 17 位"},
		{"913101156315024", "has 15 characters", "共 15 位"},
		{"91310115631502488C", "", ""},
	} {
		en, zh := checkCreditCode(tc.code)
		if !strings.Contains(en, tc.en) || !strings.Contains(zh, tc.zh) || (tc.en == "") != (en == "") {
			t.Errorf("%q:\n got %s / %s\nwant %s / %s", tc.code, en, zh, tc.en, tc.zh)
		}
	}
	en, _ := checkLicenceNumber("沪2019\u200b0087")
	if !strings.Contains(en, "character 6 is an invisible U+200B ZERO WIDTH SPACE") {
		t.Errorf("licence: %s", en)
	}
}

// TestLimitsComeAlone: a file beyond the limits gets the limit findings and
// no other rule's, however much else is wrong with it.
func TestLimitsComeAlone(t *testing.T) {
	a := load(t, "adc")
	p := DefaultPolicy()
	p.Limits.Stages = 1
	a.Product.Category = "other" // pilot.category would fire
	fs := Check(a, p, nil)
	if got := fs.Rules(); !slices.Equal(got, []string{"limit.count"}) {
		t.Errorf("rules %v, want only limit.count", got)
	}
}

// TestDefaultLimitsAreThePolicy keeps the fallback limits and ranges equal
// to what the embedded policy gives.
func TestDefaultLimitsAreThePolicy(t *testing.T) {
	data, err := fs.ReadFile(templates.FS, "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var p Policy
	if _, problems, err := datafile.Decode("policy.yaml", data, &p, datafile.DefaultLimits); err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if p.Limits != DefaultLimits || p.Ranges != DefaultRanges {
		t.Errorf("policy.yaml gives %+v %+v; the code's defaults are %+v %+v", p.Limits, p.Ranges, DefaultLimits, DefaultRanges)
	}
	// A policy without them gets them.
	bare, err := ParsePolicy("p.yaml", []byte("pilot_start: 2024-10-21\ndeadline: 2025-12-31\npilot_end: 2026-12-31\neligible_categories: [adc]\nbarred_types: [narcotic]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if bare.Limits != DefaultLimits || bare.Ranges != DefaultRanges {
		t.Errorf("a policy without limits: %+v %+v", bare.Limits, bare.Ranges)
	}
	if _, err := ParsePolicy("p.yaml", []byte("pilot_start: 2024-10-21\ndeadline: 2025-12-31\npilot_end: 2026-12-31\neligible_categories: [adc]\nbarred_types: [narcotic]\nranges: {term_years: {min: 5, max: 2}}\n")); err == nil || !strings.Contains(err.Error(), "min 5 is more than max 2") {
		t.Errorf("a range upside down: %v", err)
	}
}

// TestTransportInProgress: a qualification in progress asks for its planned
// completion date at the qualification's line, naming the field; with the
// date it is a note, unless the date is not after the application's.
func TestTransportInProgress(t *testing.T) {
	for _, c := range []struct {
		name    string
		planned string
		sev     finding.Severity
		path    string
		want    string
	}{
		{"planned", "2026-03-31", finding.Info, "transfers[1].qualification.planned", "to be completed by 2026-03-31"},
		{"no date", "", finding.Warning, "transfers[1].qualification", "add its planned completion date to the qualification (planned: YYYY-MM-DD)"},
		{"past", "2025-11-30", finding.Warning, "transfers[1].qualification.planned", "not after the application date 2025-12-05"},
		{"on the day", "2025-12-05", finding.Warning, "transfers[1].qualification.planned", "not after the application date"},
	} {
		a := load(t, "glp1")
		a.Transfers[1].Qualification.Planned = civil.Date{}
		if c.planned != "" {
			a.Transfers[1].Qualification.Planned = date(c.planned)
		}
		var got []finding.Finding
		for _, f := range Check(a, DefaultPolicy(), nil) {
			if f.Rule == "transport.in-progress" {
				got = append(got, f)
			}
		}
		if len(got) != 1 {
			t.Fatalf("%s: %d findings:\n%s", c.name, len(got), dump(got))
		}
		f := got[0]
		if f.Severity != c.sev || f.Path != c.path || !strings.Contains(f.Message.En, c.want) || f.Line != 240 {
			t.Errorf("%s: %s at line %d, want %s at %s saying %q", c.name, f.Format("en"), f.Line, c.sev, c.path, c.want)
		}
		if c.planned == "" && !strings.Contains(f.Message.Zh, "planned: YYYY-MM-DD") {
			t.Errorf("%s: the Chinese message does not name the field: %s", c.name, f.Message.Zh)
		}
	}
	// A qualified transfer, or one within a site, says nothing.
	a := load(t, "glp1")
	a.Transfers[1].Qualification.Status = "qualified"
	for _, f := range Check(a, DefaultPolicy(), nil) {
		if f.Rule == "transport.in-progress" {
			t.Errorf("qualified: %s", f.Format("en"))
		}
	}
}
