package rules

import (
	"fmt"
	"io/fs"
	"slices"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/templates"
)

// Policy holds the parameters of the pilot that notices and provinces set;
// the rules read them instead of hard-coding dates and thresholds.
type Policy struct {
	// Day the pilot work plan took effect.
	PilotStart civil.Date `json:"pilot_start" pp:"required"`
	// Last day to submit applications to the provincial bureau.
	Deadline civil.Date `json:"deadline" pp:"required"`
	// Last day of the pilot.
	PilotEnd civil.Date `json:"pilot_end" pp:"required"`
	// Pilot provinces; empty for any.
	Provinces []applicant.Province `json:"provinces"`
	// Minimum years of commercial biologics manufacturing of a contract manufacturer.
	MinExperienceYears int `json:"min_experience_years"`
	// Minimum quality staff dispatched to each contract manufacturer.
	MinQAStaff int `json:"min_qa_staff"`
	// Age in months after which a GMP compliance notice without a stated validity is flagged.
	GMPNoticeMaxAgeMonths int `json:"gmp_notice_max_age_months"`
	// Product categories eligible for the pilot.
	EligibleCategories []applicant.Category `json:"eligible_categories" pp:"required"`
	// Controlled classes that may not be entrusted.
	BarredTypes []applicant.ControlledClass `json:"barred_types" pp:"required"`
	// Limits bound what an applicant file may hold; values left out (or a
	// policy without them) take DefaultLimits.
	Limits Limits `json:"limits"`
	// Ranges of the numbers an applicant file gives; as Limits.
	Ranges Ranges `json:"ranges"`
}

// Limits bound the counts and lengths of an applicant file: what a real
// application has, with room. A file beyond them is refused as data before
// anything else is checked or made.
type Limits struct {
	Manufacturers int `json:"manufacturers"`
	Stages        int `json:"stages"`
	Transfers     int `json:"transfers"`
	Risks         int `json:"risks"`
	Attachments   int `json:"attachments"`
	QAStaff       int `json:"qa_staff"`
	// ListItems bounds every other list (components, control points,
	// products, responsibilities).
	ListItems int `json:"list_items"`
	// NameChars bounds a single-line value: a name, number, code, address.
	NameChars int `json:"name_chars"`
	// TextChars bounds a free-text value: a description, a summary.
	TextChars int `json:"text_chars"`
}

// Ranges bound the numbers of an applicant file.
type Ranges struct {
	// TermYears is an agreement's term.
	TermYears Range `json:"term_years"`
	// YearsExperience is a key person's or QA staff member's experience.
	YearsExperience Range `json:"years_experience"`
	// ExperienceYears is a manufacturer's commercial experience.
	ExperienceYears Range `json:"experience_years"`
	// PaymentDays is a price clause's days to pay.
	PaymentDays Range `json:"payment_days"`
	// AmountYuan is a price clause's amount, in whole yuan.
	AmountYuan Range `json:"amount_yuan"`
}

// Range is an inclusive range of whole numbers.
type Range struct {
	Min int64 `json:"min"`
	Max int64 `json:"max"`
}

// Contains reports whether n lies in the range.
func (r Range) Contains(n int64) bool { return n >= r.Min && n <= r.Max }

// DefaultLimits and DefaultRanges are the embedded policy's, for a pack's
// policy that does not give them; a test keeps them equal to
// templates/policy.yaml.
var (
	DefaultLimits = Limits{Manufacturers: 100, Stages: 200, Transfers: 200, Risks: 200, Attachments: 500, QAStaff: 500,
		ListItems: 100, NameChars: 200, TextChars: 10000}
	DefaultRanges = Ranges{TermYears: Range{1, 30}, YearsExperience: Range{0, 60}, ExperienceYears: Range{0, 100},
		PaymentDays: Range{0, 365}, AmountYuan: Range{1, 10_000_000_000}}
)

// withDefaults fills the limits and ranges a policy left out.
func (p *Policy) withDefaults() {
	l, d := &p.Limits, DefaultLimits
	for _, f := range []struct {
		v *int
		d int
	}{
		{&l.Manufacturers, d.Manufacturers}, {&l.Stages, d.Stages}, {&l.Transfers, d.Transfers}, {&l.Risks, d.Risks},
		{&l.Attachments, d.Attachments}, {&l.QAStaff, d.QAStaff}, {&l.ListItems, d.ListItems}, {&l.NameChars, d.NameChars},
		{&l.TextChars, d.TextChars},
	} {
		if *f.v == 0 {
			*f.v = f.d
		}
	}
	r, dr := &p.Ranges, DefaultRanges
	for _, f := range []struct {
		v *Range
		d Range
	}{
		{&r.TermYears, dr.TermYears}, {&r.YearsExperience, dr.YearsExperience}, {&r.ExperienceYears, dr.ExperienceYears},
		{&r.PaymentDays, dr.PaymentDays}, {&r.AmountYuan, dr.AmountYuan},
	} {
		if *f.v == (Range{}) {
			*f.v = f.d
		}
	}
}

// PolicyError is an invalid policy file; packs map it to their exit code.
type PolicyError struct {
	Problems []string
}

func (e *PolicyError) Error() string {
	s := e.Problems[0]
	for _, p := range e.Problems[1:] {
		s += "\n" + p
	}
	return s
}

// LoadPolicy reads and checks a policy file from a pack.
func LoadPolicy(fsys fs.FS, name string) (*Policy, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return ParsePolicy(name, data)
}

// ParsePolicy reads and checks a policy file's content.
func ParsePolicy(name string, data []byte) (*Policy, error) {
	return parsePolicy(name, data, nil)
}

// ParsePolicyOver reads a policy file that overrides base: the values it
// gives replace base's, the rest stay (a pack that extends another changes,
// say, only the deadline).
func ParsePolicyOver(base *Policy, name string, data []byte) (*Policy, error) {
	return parsePolicy(name, data, base)
}

func parsePolicy(name string, data []byte, base *Policy) (*Policy, error) {
	p := &Policy{}
	if base != nil {
		*p = *base
		p.Provinces = slices.Clone(base.Provinces)
		p.EligibleCategories = slices.Clone(base.EligibleCategories)
		p.BarredTypes = slices.Clone(base.BarredTypes)
	}
	res, problems, err := datafile.Decode(name, data, p, datafile.DefaultLimits)
	if err != nil {
		return nil, err
	}
	if base != nil {
		problems = datafile.WithoutMissing(res, problems, func(string) bool { return true })
	}
	var msgs []string
	for _, pr := range problems {
		msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s: %s", name, pr.Pos.Line, pr.Pos.Col, pr.Path, pr.En))
	}
	bad := func(path, msg string) {
		pos := res.Pos(path)
		msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s: %s", name, pos.Line, pos.Col, path, msg))
	}
	if len(problems) == 0 {
		if !p.PilotStart.Before(p.Deadline) {
			bad("deadline", "the deadline must come after pilot_start")
		}
		if p.PilotEnd.Before(p.Deadline) {
			bad("pilot_end", "pilot_end must not come before the deadline")
		}
		if p.MinExperienceYears < 0 || p.MinQAStaff < 0 || p.GMPNoticeMaxAgeMonths < 0 {
			bad("", "minimums must not be negative")
		}
		p.withDefaults()
		l := p.Limits
		if min(l.Manufacturers, l.Stages, l.Transfers, l.Risks, l.Attachments, l.QAStaff, l.ListItems, l.NameChars, l.TextChars) < 1 {
			bad("limits", "limits must be at least 1")
		}
		for name, r := range map[string]Range{"term_years": p.Ranges.TermYears, "years_experience": p.Ranges.YearsExperience,
			"experience_years": p.Ranges.ExperienceYears, "payment_days": p.Ranges.PaymentDays, "amount_yuan": p.Ranges.AmountYuan} {
			if r.Min > r.Max {
				bad("ranges."+name, fmt.Sprintf("min %d is more than max %d", r.Min, r.Max))
			}
		}
	}
	if len(msgs) > 0 {
		return nil, &PolicyError{Problems: msgs}
	}
	return p, nil
}

// DefaultPolicy is the policy of the embedded default pack.
func DefaultPolicy() *Policy {
	p, err := LoadPolicy(templates.FS, "policy.yaml")
	if err != nil {
		panic("embedded default policy is invalid: " + err.Error())
	}
	return p
}
