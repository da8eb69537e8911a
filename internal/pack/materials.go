package pack

import (
	"fmt"
	"slices"
	"strings"

	"pilotpack/internal/applicant"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack/renderctx"
	"pilotpack/internal/readiness"
)

// Material is a checklist item as it applies to one application: once, or
// for one manufacturer, with what satisfies it.
type Material struct {
	Item Item
	// Manufacturer is the manufacturer a per-manufacturer item is for.
	Manufacturer *applicant.Manufacturer
	// Written says a document of the pack satisfies the item.
	Written bool
	// Attachments are the indices in the applicant file's attachments of
	// the ones that satisfy the item.
	Attachments []int
}

// Provided reports whether the material is in the packet.
func (m Material) Provided() bool { return m.Written || len(m.Attachments) > 0 }

// Materials expands the pack's checklist for a: items whose condition fails
// are dropped, per-manufacturer items are repeated for each manufacturer,
// and each finds the documents and attachments that satisfy it. base is
// the application's shared render context, which conditions read.
func (p *Pack) Materials(a *applicant.Applicant, base *renderctx.Base) ([]Material, error) {
	var out []Material
	for _, it := range p.Checklist {
		for _, m := range a.MadeFor(it.PerManufacturer) {
			id := ""
			if m != nil {
				id = m.ID
			}
			ok, err := it.Applies(base.For(id))
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			mat := Material{Item: it, Manufacturer: m, Written: p.writes(it.Document)}
			for i, at := range a.Attachments {
				if satisfies(at, it, id) {
					mat.Attachments = append(mat.Attachments, i)
				}
			}
			out = append(out, mat)
		}
	}
	return out, nil
}

// writes reports whether the pack writes the document with the given id.
func (p *Pack) writes(doc string) bool {
	return doc != "" && slices.ContainsFunc(p.Documents, func(d Document) bool { return d.ID == doc })
}

// satisfies reports whether an attachment answers a checklist item for the
// manufacturer id (empty: the holder): named by its item field, else by its
// kind.
func satisfies(at applicant.Attachment, it Item, id string) bool {
	if at.Item != "" {
		return at.Item == it.ID && (at.Manufacturer == "" || at.Manufacturer == id)
	}
	return slices.Contains(it.Attachments, at.Kind) && at.Manufacturer == id
}

var basisChecklist = finding.Text{Zh: "模板包申报资料目录（checklist.yaml）", En: "the template pack's checklist (checklist.yaml)"}

// MissingMaterials reports each required material that nothing in the
// packet provides as a warning (a deferrable one as a note), at the
// attachments section where it would be added, naming the checklist item.
func MissingMaterials(a *applicant.Applicant, mats []Material) finding.List {
	var out finding.List
	for _, m := range mats {
		if m.Provided() || m.Item.Necessity == "optional" {
			continue
		}
		sev, rule := finding.Warning, readiness.MissingRule
		zhWhat, enWhat := "缺少必要材料", "a required material is missing"
		if m.Item.Necessity == "deferrable" {
			sev, rule = finding.Info, readiness.DeferredRule
			zhWhat, enWhat = "容缺材料尚未提供，可于受理后补交", "a deferrable material is not yet provided; it may follow after acceptance"
		}
		name := m.Item.Name
		if m.Manufacturer != nil {
			name = lang.T(name.Zh+"（"+m.Manufacturer.NameZh+"）", name.En+" ("+m.Manufacturer.NameEn+")")
		}
		var kinds []string
		for _, k := range m.Item.Attachments {
			kinds = append(kinds, string(k))
		}
		how := lang.T(`请在 "attachments" 中添加`, "add it under attachments")
		if len(kinds) > 0 {
			how = lang.T(fmt.Sprintf(`请在 "attachments" 中添加 "kind" 为 "%s" 的文件`, strings.Join(kinds, `" 或 "`)),
				fmt.Sprintf("add it under attachments with kind %s", strings.Join(kinds, " or ")))
		}
		if m.Manufacturer != nil {
			how.Zh += fmt.Sprintf(`，"manufacturer" 为 "%s"`, m.Manufacturer.ID)
			how.En += fmt.Sprintf(" and manufacturer %s", m.Manufacturer.ID)
		}
		f := a.Finding(rule, sev, "attachments", lang.T(
			fmt.Sprintf(`%s：%s（目录条目 "%s"）；%s`, zhWhat, name.Zh, m.Item.ID, how.Zh),
			fmt.Sprintf("%s: %s (checklist item %s); %s", enWhat, name.En, m.Item.ID, how.En)), basisChecklist)
		f.Subject = name
		out = append(out, f)
	}
	return out
}
