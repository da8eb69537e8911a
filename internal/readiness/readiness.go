// Package readiness decides, once, whether an application can be filed:
// the console, the manifest, the checklist summary, the review verdict and
// the cover letter all report this one answer. It rests on the findings
// alone, because everything that makes an application not ready is one: a
// data error, or a required material the packet lacks (a warning under
// MissingRule, which validation reports like any other).
package readiness

import (
	"fmt"

	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
)

// The rules of the findings about materials.
const (
	// MissingRule marks a required material that nothing in the packet provides.
	MissingRule = "checklist.missing"
	// DeferredRule marks a deferrable (容缺) material not yet provided.
	DeferredRule = "checklist.deferred"
)

// Verdict is an application's readiness.
type Verdict int

// Verdicts, best first.
const (
	// Ready: no data errors and every required material provided (可受理).
	Ready Verdict = iota
	// Incomplete: no data errors, but required materials are missing.
	Incomplete
	// Invalid: the data has errors; documents are drafts.
	Invalid
	// Unreadable: the applicant file could not be read.
	Unreadable
)

var labels = [...]struct {
	key  string
	text lang.Text
}{
	Ready:      {"ready", lang.T("可受理", "ready to file")},
	Incomplete: {"incomplete", lang.T("材料不全，需补充", "incomplete: materials missing")},
	Invalid:    {"invalid", lang.T("需补正：申请数据有错误", "to correct: the data has errors")},
	Unreadable: {"unreadable", lang.T("无法读取", "unreadable")},
}

// String is the verdict's key: ready, incomplete, invalid or unreadable.
func (v Verdict) String() string { return labels[v].key }

// MarshalText writes the key.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Label words the verdict in l.
func (v Verdict) Label(l lang.Lang) string { return labels[v].text.In(l) }

// Readiness is an application's verdict and what it rests on.
type Readiness struct {
	Verdict Verdict
	// Missing names the required materials the packet lacks.
	Missing []lang.Text
	// Errors, Warnings and Infos count the findings.
	Errors, Warnings, Infos int
}

// Of computes the readiness of an application from its findings.
func Of(fs finding.List) Readiness {
	r := Readiness{Errors: fs.Count(finding.Error), Warnings: fs.Count(finding.Warning), Infos: fs.Count(finding.Info)}
	for _, f := range fs {
		if f.Rule == MissingRule {
			r.Missing = append(r.Missing, f.Subject)
		}
	}
	switch {
	case r.Errors > 0:
		r.Verdict = Invalid
	case len(r.Missing) > 0:
		r.Verdict = Incomplete
	}
	return r
}

// Complete reports whether every required material is provided.
func (r Readiness) Complete() bool { return len(r.Missing) == 0 }

// Context is the readiness as templates see it: ready, complete, and the
// missing materials in l.
func (r Readiness) Context(l lang.Lang) map[string]any {
	missing := make([]any, len(r.Missing))
	for i, m := range r.Missing {
		missing[i] = m.In(l)
	}
	return map[string]any{"ready": r.Verdict == Ready, "complete": r.Complete(), "missing": missing}
}

// UnmarshalText reads a verdict's key.
func (v *Verdict) UnmarshalText(b []byte) error {
	for i, l := range labels {
		if l.key == string(b) {
			*v = Verdict(i)
			return nil
		}
	}
	return fmt.Errorf("unknown readiness %q: use ready, incomplete, invalid or unreadable", b)
}
