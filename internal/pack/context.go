package pack

import (
	"pilotpack/internal/lang"
	"reflect"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
)

// ContextOptions say what a document is rendered for.
type ContextOptions struct {
	// Lang is the document's language.
	Lang lang.Lang
	// Manufacturer is the id of the manufacturer a per-manufacturer document
	// is for; empty for documents made once.
	Manufacturer string
	// Date is the build date, printed as the date of drafts.
	Date civil.Date
	// Draft marks documents built from data with errors.
	Draft bool
}

// Context builds the values a template sees: every section of the applicant
// file under its field names (applicant.name_zh, stages[0].key …), with
// dates, amounts and enumerated values kept as their types so filters can
// format and label them; and lang, today, draft and, for per-manufacturer
// documents, manufacturer.
func Context(a *applicant.Applicant, opts ContextOptions) pongo2.Context {
	ctx := pongo2.Context{}
	for k, v := range toValue(reflect.ValueOf(a.File).Elem()).(map[string]any) {
		ctx[k] = v
	}
	ctx["lang"] = string(opts.Lang)
	ctx["today"] = dateValue(opts.Date)
	ctx["draft"] = opts.Draft
	ctx["abroad"] = a.Abroad()
	if m, _ := a.Manufacturer(opts.Manufacturer); m != nil {
		ctx["manufacturer"] = toValue(reflect.ValueOf(m).Elem())
	}
	return ctx
}

func dateValue(d civil.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

var (
	dateT  = reflect.TypeFor[civil.Date]()
	moneyT = reflect.TypeFor[applicant.Money]()
)

// toValue converts a value of the model to what templates see: structs
// become maps keyed by their file names, and a missing value becomes nil, so
// {% if %} tests whether it was given.
func toValue(v reflect.Value) any {
	switch {
	case v.Type() == dateT:
		return dateValue(v.Interface().(civil.Date))
	case v.Type() == moneyT:
		return v.Interface()
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return toValue(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		for _, f := range datafile.Fields(v.Type()) {
			m[f.Name] = toValue(v.Field(f.Index))
		}
		return m
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = toValue(v.Index(i))
		}
		return out
	case reflect.String:
		// Enumerated values become plain strings: pongo2 compares values
		// with ==, and Category("adc") would never equal "adc".
		return v.String()
	}
	return v.Interface()
}

// Row is a row of a manufacturer's responsibility matrix: the pack's default
// with the applicant file's change applied.
type Row struct {
	Activity
	Note string
	// Changed marks a row the applicant file overrides.
	Changed bool
}

// MatrixFor returns the responsibility matrix of manufacturer m (nil: the
// pack's defaults).
func (p *Pack) MatrixFor(m *applicant.Manufacturer) []Row {
	rows := make([]Row, len(p.Matrix))
	for i, a := range p.Matrix {
		rows[i] = Row{Activity: a}
		if m == nil {
			continue
		}
		for _, o := range m.Responsibilities {
			if o.Activity == a.ID {
				rows[i].Holder, rows[i].Manufacturer = o.Holder, o.Manufacturer
				rows[i].Note, rows[i].Changed = o.Note, true
			}
		}
	}
	return rows
}

func text(t finding.Text) map[string]any { return map[string]any{"zh": t.Zh, "en": t.En} }

// Context is the render context of a document of this pack: the applicant's
// data (see the package function Context) and values derived from it and the
// pack, so templates need no logic of their own:
//
//	stages[].site_name.zh/.en, stages[].at_holder
//	transfers[].from_stage, .to_stage, .crosses_sites
//	manufacturers[].stages, .qa_staff, .matrix, .receives, .ships, .abroad
//	holder_stages, matrix (the defaults), policy, pack, documents,
//	findings, finding_counts
func (p *Pack) Context(a *applicant.Applicant, opts ContextOptions, fs finding.List) pongo2.Context {
	ctx := Context(a, opts)
	stages, _ := ctx["stages"].([]any)
	siteName := func(site string) map[string]any {
		if site == applicant.HolderSite {
			return map[string]any{"zh": a.Applicant.NameZh, "en": a.Applicant.NameEn}
		}
		if m, _ := a.Manufacturer(site); m != nil {
			return map[string]any{"zh": m.NameZh, "en": m.NameEn}
		}
		return map[string]any{"zh": site, "en": site}
	}
	var holderStages []any
	for i, s := range a.Stages {
		sm := stages[i].(map[string]any)
		sm["site_name"] = siteName(s.Site)
		sm["at_holder"] = s.Site == applicant.HolderSite
		if s.Site == applicant.HolderSite {
			holderStages = append(holderStages, sm)
		}
	}
	stageMap := func(id string) any {
		if _, i := a.Stage(id); i >= 0 {
			return stages[i]
		}
		return nil
	}
	transfers, _ := ctx["transfers"].([]any)
	for i, t := range a.Transfers {
		tm := transfers[i].(map[string]any)
		tm["from_stage"], tm["to_stage"] = stageMap(t.From), stageMap(t.To)
		from, _ := a.Stage(t.From)
		to, _ := a.Stage(t.To)
		tm["crosses_sites"] = from != nil && to != nil && from.Site != to.Site
	}
	mfrs, _ := ctx["manufacturers"].([]any)
	for i := range a.Manufacturers {
		m := &a.Manufacturers[i]
		mm := mfrs[i].(map[string]any)
		var own, qa, receives, ships []any
		for j, s := range a.Stages {
			if s.Site == m.ID {
				own = append(own, stages[j])
			}
		}
		for j, q := range a.Applicant.QAStaff {
			if q.Manufacturer == m.ID {
				qa = append(qa, ctx["applicant"].(map[string]any)["qa_staff"].([]any)[j])
			}
		}
		for j, t := range a.Transfers {
			from, _ := a.Stage(t.From)
			to, _ := a.Stage(t.To)
			if to != nil && to.Site == m.ID && (from == nil || from.Site != m.ID) {
				receives = append(receives, transfers[j])
			}
			if from != nil && from.Site == m.ID && (to == nil || to.Site != m.ID) {
				ships = append(ships, transfers[j])
			}
		}
		mm["stages"], mm["qa_staff"], mm["receives"], mm["ships"] = own, qa, receives, ships
		mm["abroad"] = m.Country.Abroad()
		mm["matrix"] = rowsValue(p.MatrixFor(m))
		if m.ID == opts.Manufacturer {
			ctx["manufacturer"] = mm
		}
	}
	ctx["holder_stages"] = holderStages
	ctx["matrix"] = rowsValue(p.MatrixFor(nil))
	pol := p.Policy
	provinces := make([]any, len(pol.Provinces))
	for i, pr := range pol.Provinces {
		provinces[i] = string(pr)
	}
	cats := make([]any, len(pol.EligibleCategories))
	for i, c := range pol.EligibleCategories {
		cats[i] = string(c)
	}
	barred := make([]any, len(pol.BarredTypes))
	for i, b := range pol.BarredTypes {
		barred[i] = string(b)
	}
	ctx["policy"] = map[string]any{
		"pilot_start": pol.PilotStart, "deadline": pol.Deadline, "pilot_end": pol.PilotEnd,
		"provinces": provinces, "min_experience_years": pol.MinExperienceYears, "min_qa_staff": pol.MinQAStaff,
		"gmp_notice_max_age_months": pol.GMPNoticeMaxAgeMonths, "eligible_categories": cats, "barred_types": barred,
	}
	ctx["pack"] = map[string]any{"id": p.ID, "name": text(p.Name), "issuer": text(p.Issuer), "version": p.Version}
	var docs []any
	for _, d := range p.Documents {
		docs = append(docs, map[string]any{"id": d.ID, "title": text(d.Title), "per_manufacturer": d.PerManufacturer})
	}
	ctx["documents"] = docs
	var list []any
	for _, f := range fs {
		list = append(list, map[string]any{"rule": f.Rule, "severity": f.Severity.String(), "path": f.Path,
			"line": f.Line, "message": text(f.Message), "basis": text(f.Basis)})
	}
	ctx["findings"] = list
	ctx["finding_counts"] = map[string]any{"errors": fs.Count(finding.Error), "warnings": fs.Count(finding.Warning), "infos": fs.Count(finding.Info)}
	return ctx
}

func rowsValue(rows []Row) []any {
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = map[string]any{"id": r.ID, "chapter": text(r.Chapter), "name": text(r.Name),
			"holder": string(r.Holder), "manufacturer": string(r.Manufacturer), "note": r.Note, "changed": r.Changed}
	}
	return out
}
