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
