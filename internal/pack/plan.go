package pack

import (
	"time"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/finding"
)

// PlanContext is the render context of the bureau's work plan for one
// application (一品一策): a document's context plus plan, the facts a
// supervision plan is organised by.
//
//	plan.sites[]        every site: name, holder, province, country, abroad, stages, gmp
//	plan.provinces[]    each province in mainland China with sites: province, holder_province, sites
//	plan.abroad_sites[] the sites outside mainland China
//	plan.transfers[]    the shipments between sites
//	plan.findings[]     errors and warnings: rule, severity, path, message
//	plan.reports[]      the reporting dates: date, kind (quarterly or final)
//	plan.start, plan.end the plan's first day (the review date) and the pilot's end
func (p *Pack) PlanContext(a *applicant.Applicant, opts ContextOptions, fs finding.List) pongo2.Context {
	ctx := p.Context(a, opts, fs)
	stages, _ := ctx["stages"].([]any)
	sites := []any{}
	siteStages := func(site string) []any {
		out := []any{}
		for i, s := range a.Stages {
			if s.Site == site {
				out = append(out, stages[i])
			}
		}
		return out
	}
	holderProvince := string(a.Application.Province)
	type place struct {
		province string
		names    []any
	}
	var provinces []*place
	addProvince := func(province string, name any) {
		for _, pl := range provinces {
			if pl.province == province {
				pl.names = append(pl.names, name)
				return
			}
		}
		provinces = append(provinces, &place{province, []any{name}})
	}
	holder := map[string]any{
		"id": applicant.HolderSite, "name": map[string]any{"zh": a.Applicant.NameZh, "en": a.Applicant.NameEn},
		"holder": true, "province": holderProvince, "country": "CN", "abroad": false,
		"stages": siteStages(applicant.HolderSite), "gmp": nil,
	}
	sites = append(sites, holder)
	addProvince(holderProvince, holder["name"])
	abroad := []any{}
	mfrs, _ := ctx["manufacturers"].([]any)
	for i, m := range a.Manufacturers {
		mm, _ := mfrs[i].(map[string]any)
		country := string(m.Country)
		if country == "" {
			country = "CN"
		}
		s := map[string]any{
			"id": m.ID, "name": map[string]any{"zh": m.NameZh, "en": m.NameEn},
			"holder": false, "province": string(m.Province), "country": country, "abroad": m.Country.Abroad(),
			"stages": siteStages(m.ID), "gmp": mm["gmp"],
		}
		sites = append(sites, s)
		if m.Country.Abroad() {
			abroad = append(abroad, s)
		} else {
			addProvince(string(m.Province), s["name"])
		}
	}
	provinceList := []any{}
	for _, pl := range provinces {
		provinceList = append(provinceList, map[string]any{
			"province": pl.province, "holder_province": pl.province == holderProvince, "sites": pl.names,
		})
	}
	var crossing []any
	if transfers, ok := ctx["transfers"].([]any); ok {
		for _, t := range transfers {
			if tm, ok := t.(map[string]any); ok && tm["crosses_sites"] == true {
				crossing = append(crossing, tm)
			}
		}
	}
	var found []any
	for _, f := range fs {
		if f.Severity == finding.Error || f.Severity == finding.Warning {
			found = append(found, map[string]any{"rule": f.Rule, "severity": f.Severity.String(), "path": f.Path, "message": text(f.Message)})
		}
	}
	start := opts.Date
	if start.IsZero() {
		start = civil.Of(time.Now())
	}
	ctx["plan"] = map[string]any{
		"sites": sites, "provinces": provinceList, "abroad_sites": abroad, "transfers": crossing,
		"findings": found, "reports": reports(start, p.Policy.PilotEnd),
		"start": start, "end": p.Policy.PilotEnd,
	}
	return ctx
}

// reports lists the holder's reporting dates under a work plan starting on
// start: the end of every quarter up to the pilot's end (the first one at
// least a month away, so that the first report has something to say), and
// a final report a month after the pilot ends.
func reports(start, end civil.Date) []any {
	var out []any
	q := quarterEnd(start)
	if start.DaysUntil(q) < 30 {
		q = quarterEnd(q.AddDate(0, 0, 1))
	}
	for ; !q.After(end); q = quarterEnd(q.AddDate(0, 0, 1)) {
		out = append(out, map[string]any{"date": q, "kind": "quarterly"})
	}
	return append(out, map[string]any{"date": end.AddDate(0, 1, 0), "kind": "final"})
}

// quarterEnd is the last day of d's quarter.
func quarterEnd(d civil.Date) civil.Date {
	m := ((int(d.Month)-1)/3)*3 + 3
	return civil.Date{Year: d.Year, Month: time.Month(m) + 1, Day: 1}.AddDate(0, 0, -1)
}

// RenderPlan renders the pack's work plan for the applicant.
func (p *Pack) RenderPlan(a *applicant.Applicant, opts ContextOptions, fs finding.List) (string, error) {
	return p.engine.Render(p.Plan.Template(opts.Lang), p.PlanContext(a, opts, fs))
}
