package renderctx

import (
	"time"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/finding"
)

// Plan adds to ctx, a context of this Base, what the bureau's work plan for
// the application (一品一策) needs: plan, the facts a supervision plan is
// organised by.
//
//	plan.sites[]        every site: name, holder, province, bureau, country, abroad, stages, gmp
//	plan.provinces[]    each province in mainland China with sites: province, bureau, holder_province, sites
//	plan.partner_bureaus[] the bureaus of the other provinces with sites
//	plan.high_potency_sites[] the names of the sites that handle high-potency material
//	plan.abroad_sites[] the sites outside mainland China
//	plan.transfers[]    the shipments between sites
//	plan.findings[]     what the errors and warnings say: severity, message
//	plan.reports[]      the reporting dates: date, kind (quarterly or final)
//	plan.start, plan.end the plan's first day (the review date) and the pilot's end
func (b *Base) Plan(ctx pongo2.Context, fs finding.List) pongo2.Context {
	a, l := b.a, b.opts.Lang
	stages, _ := ctx["stages"].([]any)
	siteStages := func(site string) []any {
		out := []any{}
		for i, s := range a.Stages {
			if s.Site == site {
				out = append(out, stages[i])
			}
		}
		return out
	}
	holderProvince := a.Application.Province
	type place struct {
		province applicant.Province
		names    []any
	}
	var provinces []*place
	addProvince := func(province applicant.Province, name any) {
		for _, pl := range provinces {
			if pl.province == province {
				pl.names = append(pl.names, name)
				return
			}
		}
		provinces = append(provinces, &place{province, []any{name}})
	}
	holderName := pick(l, a.Applicant.NameZh, a.Applicant.NameEn)
	sites := []any{map[string]any{
		"name": holderName, "holder": true, "province": string(holderProvince), "country": "CN", "abroad": false,
		"bureau": applicant.BureauName(holderProvince).In(l), "stages": siteStages(applicant.HolderSite), "gmp": nil,
	}}
	addProvince(holderProvince, holderName)
	abroad, highPotency := []any{}, []any{}
	for _, m := range a.Manufacturers {
		mm := b.mfrs[m.ID]
		s := map[string]any{
			"name": mm["name"], "holder": false, "province": string(m.Province), "country": string(m.Country),
			"abroad": m.Country.Abroad(), "bureau": "", "stages": siteStages(m.ID), "gmp": mm["gmp"],
		}
		if !m.Country.Abroad() {
			s["bureau"] = applicant.BureauName(m.Province).In(l)
		}
		if f, _ := mm["facts"].(map[string]any); f["high_potency"] == true {
			highPotency = append(highPotency, mm["name"])
		}
		sites = append(sites, s)
		if m.Country.Abroad() {
			abroad = append(abroad, s)
		} else {
			addProvince(m.Province, s["name"])
		}
	}
	provinceList, partners := []any{}, []any{}
	for _, pl := range provinces {
		if pl.province != holderProvince {
			partners = append(partners, applicant.BureauName(pl.province).In(l))
		}
		provinceList = append(provinceList, map[string]any{
			"province": string(pl.province), "bureau": applicant.BureauName(pl.province).In(l),
			"holder_province": pl.province == holderProvince, "sites": pl.names,
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
			found = append(found, map[string]any{"severity": f.Severity.String(), "message": f.Message.In(l)})
		}
	}
	start := b.opts.Date
	if start.IsZero() {
		start = civil.Of(time.Now())
	}
	ctx["plan"] = map[string]any{
		"sites": sites, "provinces": provinceList, "partner_bureaus": partners, "high_potency_sites": highPotency,
		"abroad_sites": abroad, "transfers": crossing,
		"findings": found, "reports": reports(start, b.p.Policy.PilotEnd),
		"start": start, "end": b.p.Policy.PilotEnd,
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
