package pack

import (
	"fmt"
	"slices"

	"pilotpack/internal/applicant"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
	"pilotpack/internal/rules"
)

var basisPack = finding.Text{Zh: "模板包（职责分工表、申报资料目录）", En: "the template pack (responsibility matrix, checklist)"}

// Validate loads an applicant file and checks it against the pack's policy,
// against the pack itself (CheckData) and against the pack's checklist: a
// required material that nothing provides is a warning, and English
// documents need the English wording of every text (rules.English).
func (p *Pack) Validate(path string) (*applicant.Applicant, finding.List) {
	return p.ValidateLoaded(rules.LoadFile(path))
}

// ValidateLoaded is Validate of a file loaded already (rules.LoadFile),
// with the findings of loading it.
func (p *Pack) ValidateLoaded(a *applicant.Applicant, loaded finding.List) (*applicant.Applicant, finding.List) {
	if a == nil {
		return nil, loaded
	}
	fs := rules.Check(a, p.Policy, loaded)
	fs = append(fs, p.CheckData(a)...)
	fs = append(fs, rules.English(a, a.Application.Language.Lang())...)
	fs = append(fs, p.CheckMaterials(a, fs)...)
	fs.Sort()
	return a, fs
}

// CheckMaterials reports the required materials of the pack's checklist
// that a's packet would lack.
func (p *Pack) CheckMaterials(a *applicant.Applicant, fs finding.List) finding.List {
	base := p.Shared(a, ContextOptions{Lang: a.Application.Language.Lang()}, fs)
	mats, err := p.Materials(a, base)
	if err != nil {
		// A condition that does not evaluate is the pack's fault; pack
		// lint and the build report it.
		return nil
	}
	return MissingMaterials(a, mats)
}

// CheckData reports references in the applicant file to things the pack
// must define: responsibility-matrix activities and checklist items.
func (p *Pack) CheckData(a *applicant.Applicant) finding.List {
	var out finding.List
	var acts, items []string
	for _, x := range p.Matrix {
		acts = append(acts, x.ID)
	}
	for _, it := range p.Checklist {
		items = append(items, it.ID)
	}
	unknown := func(rule, path, what, whatZh, id string, known []string) {
		en := fmt.Sprintf("%q is not %s of the pack %s", id, what, p.ID)
		zh := fmt.Sprintf("%q 不是模板包 %s 的%s", id, p.ID, whatZh)
		if s := datafile.Suggest(id, known); s != "" {
			en += fmt.Sprintf("; did you mean %q?", s)
			zh += fmt.Sprintf("；是否应为 %q？", s)
		}
		out = append(out, a.Finding(rule, finding.Error, path, finding.Text{Zh: zh, En: en}, basisPack))
	}
	for i, m := range a.Manufacturers {
		for j, r := range m.Responsibilities {
			if r.Activity != "" && !slices.Contains(acts, r.Activity) {
				unknown("pack.activity", fmt.Sprintf("manufacturers[%d].responsibilities[%d].activity", i, j), "an activity of the responsibility matrix", "职责分工表中的活动", r.Activity, acts)
			}
		}
	}
	for i, at := range a.Attachments {
		if at.Item != "" && !slices.Contains(items, at.Item) {
			unknown("pack.checklist-item", fmt.Sprintf("attachments[%d].item", i), "a checklist item", "申报资料目录条目", at.Item, items)
		}
	}
	return out
}
