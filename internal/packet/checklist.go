package packet

import (
	"bytes"
	"fmt"
	"slices"

	"pilotpack/generators/xlsx"
	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/pack/renderctx"
)

// row is a checklist item as it applies to this application: once, or for
// one manufacturer.
type row struct {
	item   pack.Item
	mfr    *applicant.Manufacturer
	docs   []*built
	attach []*attached
}

// rows expands the pack's checklist (pack.Materials) and finds, for each
// row, the documents and attachments of this packet that satisfy it.
func (b *builder) rows() ([]row, error) {
	mats, err := b.opts.Pack.Materials(b.a, b.shared())
	if err != nil {
		return nil, err
	}
	var out []row
	for _, mat := range mats {
		r := row{item: mat.Item, mfr: mat.Manufacturer}
		for _, d := range b.docs {
			if d.doc.ID == mat.Item.Document && (mat.Manufacturer == nil || d.mfr == nil || d.mfr.ID == mat.Manufacturer.ID) {
				r.docs = append(r.docs, d)
			}
		}
		for _, i := range mat.Attachments {
			for _, at := range b.attach {
				if at.Index == i {
					r.attach = append(r.attach, at)
				}
			}
		}
		out = append(out, r)
	}
	return out, nil
}

func (b *builder) checklist() error {
	rows, err := b.rows()
	if err != nil {
		return err
	}
	lg := b.lang
	wb := &xlsx.Workbook{Lang: lg, Creator: "pilotpack " + b.opts.Version, Date: b.opts.Date}
	wb.Title = lang.Sprintf(lg, labelChecklist, lang.T(b.a.Product.NameZh, b.a.Product.NameEn))
	counts := map[xlsx.Status]int{}
	for _, r := range rows {
		name := r.item.Name.In(lg)
		if r.mfr != nil {
			name += lang.Sprintf(lg, labelFor, lang.T(r.mfr.NameZh, r.mfr.NameEn))
		}
		it := xlsx.Item{Name: name, Form: r.item.Form.Label().In(lg), Medium: r.item.Medium.Label().In(lg),
			Copies: r.item.Copies, Necessity: r.item.Necessity.Label().In(lg), Source: r.item.Source.Label().In(lg),
			Requirements: r.item.Requirements.In(lg), Responsible: r.item.Responsible.Label().In(lg)}
		for _, d := range r.docs {
			if d.pdf != nil {
				it.Files = append(it.Files, xlsx.File{Name: d.pdf.path, Path: d.pdf.path, Pages: d.pdf.pages})
			}
		}
		for _, at := range r.attach {
			it.Files = append(it.Files, xlsx.File{Name: at.file.path, Path: at.file.path, Pages: at.Pages})
		}
		switch {
		case len(it.Files) > 0:
			it.Status = xlsx.Provided
		case r.item.Necessity == "optional":
			it.Status = xlsx.NotApplicable
			it.Remarks = labelIfApplies.In(lg)
		case r.item.Necessity == "deferrable":
			it.Status = xlsx.Pending
			it.Remarks = labelDeferrable.In(lg)
		default:
			it.Status = xlsx.Pending
			it.Remarks = labelAddAttachment.In(lg)
		}
		counts[it.Status]++
		wb.Items = append(wb.Items, it)
	}
	for _, f := range b.findings {
		wb.Findings = append(wb.Findings, xlsx.Finding{Rule: f.Rule, Severity: f.Severity.Label(lg), Line: f.Line, Field: f.Path,
			Message: f.Message.In(lg), Basis: f.Basis.In(lg)})
	}
	wb.Stages = b.stageMatrix()
	for i := range b.a.Manufacturers {
		m := &b.a.Manufacturers[i]
		mx := xlsx.Matrix{Manufacturer: lang.T(m.NameZh, m.NameEn).In(lg)}
		for _, r := range b.opts.Pack.MatrixFor(m) {
			mx.Rows = append(mx.Rows, xlsx.MatrixRow{Chapter: r.Chapter.In(lg), Activity: r.Name.In(lg),
				Holder: r.Holder.Label().In(lg), Manufacturer: r.Manufacturer.Label().In(lg), Note: renderctx.Text(r.Note, lg, false), Changed: r.Changed})
		}
		wb.Matrices = append(wb.Matrices, mx)
	}
	wb.Summary = b.summary(counts)
	n := len(b.docs) + 1
	b.checklistRows = rows
	f := b.add(&file{path: fileName(n, "checklist", ".xlsx"), title: wb.Title, kind: "checklist"})
	// The workbook is written while the PDFs are drawn, which do not need
	// it; the manifest waits for it.
	b.workbook = inBackground(func() error {
		var buf bytes.Buffer
		if err := xlsx.Write(&buf, wb); err != nil {
			return err
		}
		return b.put(f, buf.Bytes())
	})
	return nil
}

func (b *builder) stageMatrix() xlsx.StageMatrix {
	lg := b.lang
	sm := xlsx.StageMatrix{}
	sites := []string{applicant.HolderSite}
	sm.Sites = append(sm.Sites, lang.T(b.a.Applicant.NameZh, b.a.Applicant.NameEn).In(lg))
	for _, m := range b.a.Manufacturers {
		sites = append(sites, m.ID)
		sm.Sites = append(sm.Sites, lang.T(m.NameZh, m.NameEn).In(lg))
	}
	for _, s := range b.a.Stages {
		label := lang.Sprintf(lg, msgAt, s.Key.Term(&b.a.Product), renderctx.Text(s.Description, lg, false))
		sm.Stages = append(sm.Stages, xlsx.StageRow{Name: label, Site: slices.Index(sites, s.Site)})
	}
	return sm
}

// date words a date as each language writes it: 2025年12月1日, 2025-12-01.
func date(d civil.Date) lang.Text { return lang.T(d.Zh(), d.String()) }

func (b *builder) summary(counts map[xlsx.Status]int) []xlsx.Pair {
	lg := b.lang
	pol := b.opts.Pack.Policy
	today := civil.Of(b.opts.Date)
	days := today.DaysUntil(pol.Deadline)
	deadline := lang.Sprintf(lg, labelDaysLeft, date(pol.Deadline), days)
	if days < 0 {
		deadline = lang.Sprintf(lg, labelDaysPassed, date(pol.Deadline), -days)
	}
	draft := labelNo
	if b.opts.Draft {
		draft = labelYes
	}
	p := b.opts.Pack
	pair := func(label lang.Text, value any) xlsx.Pair {
		return xlsx.Pair{Label: label.In(lg), Value: lang.Sprintf(lg, lang.T("%v", "%v"), value)}
	}
	return []xlsx.Pair{
		pair(sumApplicant, lang.T(b.a.Applicant.NameZh, b.a.Applicant.NameEn)),
		pair(sumProduct, lang.T(b.a.Product.NameZh, b.a.Product.NameEn)),
		pair(sumProvince, b.a.Application.Province.Label().In(lg)),
		pair(sumDate, date(b.a.Application.Date)),
		pair(sumBuilt, date(today)),
		pair(sumPack, lang.Format(labelPack, p.ID, p.Version, p.Name)),
		pair(sumReadiness, b.readiness().Verdict.Label(lg)),
		pair(sumItems, fmt.Sprintf("%d / %d / %d", counts[xlsx.Provided], counts[xlsx.Pending], counts[xlsx.NotApplicable])),
		pair(sumFindings, fmt.Sprintf("%d / %d / %d", b.findings.Count(finding.Error), b.findings.Count(finding.Warning), b.findings.Count(finding.Info))),
		pair(sumDeadline, deadline),
		pair(sumPilotEnd, date(pol.PilotEnd)),
		pair(sumDraft, draft),
	}
}
