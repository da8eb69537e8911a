package packet

import (
	"bytes"
	"fmt"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack/renderctx"
	"slices"

	"pilotpack/generators/xlsx"
	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/finding"
	"pilotpack/internal/pack"
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
	wb.Title = map[bool]string{true: "申报资料目录与核对表", false: "Filing checklist"}[lg == "zh"] + " — " + b.a.Product.NameZh
	if lg == "en" {
		wb.Title = "Filing checklist — " + b.a.Product.NameEn
	}
	counts := map[xlsx.Status]int{}
	for _, r := range rows {
		name := r.item.Name.In(lg)
		if r.mfr != nil {
			name += map[bool]string{true: "（" + r.mfr.NameZh + "）", false: " (" + r.mfr.NameEn + ")"}[lg == "zh"]
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
			it.Remarks = map[bool]string{true: "如适用，请补充", false: "add it if it applies"}[lg == "zh"]
		default:
			it.Status = xlsx.Pending
			if r.item.Necessity == "deferrable" {
				it.Remarks = map[bool]string{true: "容缺受理：可于受理后补交", false: "may follow after acceptance"}[lg == "zh"]
			} else {
				it.Remarks = map[bool]string{true: "请在申请文件的 attachments 中补充", false: "add it under attachments in the applicant file"}[lg == "zh"]
			}
		}
		counts[it.Status]++
		wb.Items = append(wb.Items, it)
	}
	for _, f := range b.findings {
		wb.Findings = append(wb.Findings, xlsx.Finding{Rule: f.Rule, Severity: severity(f.Severity, lg), Line: f.Line, Field: f.Path,
			Message: f.Message.In(lg), Basis: f.Basis.In(lg)})
	}
	wb.Stages = b.stageMatrix()
	for i := range b.a.Manufacturers {
		m := &b.a.Manufacturers[i]
		mx := xlsx.Matrix{Manufacturer: map[bool]string{true: m.NameZh, false: m.NameEn}[lg == "zh"]}
		for _, r := range b.opts.Pack.MatrixFor(m) {
			mx.Rows = append(mx.Rows, xlsx.MatrixRow{Chapter: r.Chapter.In(lg), Activity: r.Name.In(lg),
				Holder: r.Holder.Label().In(lg), Manufacturer: r.Manufacturer.Label().In(lg), Note: renderctx.Text(r.Note, lg, false), Changed: r.Changed})
		}
		wb.Matrices = append(wb.Matrices, mx)
	}
	wb.Summary = b.summary(counts)
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, wb); err != nil {
		return err
	}
	n := len(b.docs) + 1
	b.checklistRows = rows
	return b.put(b.add(&file{path: fileName(n, "checklist", ".xlsx"), title: wb.Title, kind: "checklist"}), buf.Bytes())
}

func severity(s finding.Severity, lg lang.Lang) string {
	if lg == lang.En {
		return s.String()
	}
	return s.Zh()
}

func (b *builder) stageMatrix() xlsx.StageMatrix {
	en := b.lang == "en"
	sm := xlsx.StageMatrix{}
	sites := []string{applicant.HolderSite}
	name := b.a.Applicant.NameZh
	if en {
		name = b.a.Applicant.NameEn
	}
	sm.Sites = append(sm.Sites, name)
	for _, m := range b.a.Manufacturers {
		sites = append(sites, m.ID)
		if en {
			sm.Sites = append(sm.Sites, m.NameEn)
		} else {
			sm.Sites = append(sm.Sites, m.NameZh)
		}
	}
	for _, s := range b.a.Stages {
		label := s.Key.Term(&b.a.Product).In(b.lang) + "：" + renderctx.Text(s.Description, b.lang, false)
		if en {
			label = s.Key.Term(&b.a.Product).En + ": " + renderctx.Text(s.Description, b.lang, false)
		}
		sm.Stages = append(sm.Stages, xlsx.StageRow{Name: label, Site: slices.Index(sites, s.Site)})
	}
	return sm
}

func (b *builder) summary(counts map[xlsx.Status]int) []xlsx.Pair {
	zh := b.lang != "en"
	pol := b.opts.Pack.Policy
	today := civil.Of(b.opts.Date)
	days := today.DaysUntil(pol.Deadline)
	pick := func(z, e string) string {
		if zh {
			return z
		}
		return e
	}
	deadline := pick(fmt.Sprintf("%s（剩余 %d 天）", pol.Deadline.Zh(), days), fmt.Sprintf("%s (%d days left)", pol.Deadline, days))
	if days < 0 {
		deadline = pick(fmt.Sprintf("%s（已过 %d 天）", pol.Deadline.Zh(), -days), fmt.Sprintf("%s (passed %d days ago)", pol.Deadline, -days))
	}
	ready := b.readiness().Verdict.Label(b.lang)
	name, product := b.a.Applicant.NameZh, b.a.Product.NameZh
	if !zh {
		name, product = b.a.Applicant.NameEn, b.a.Product.NameEn
	}
	p := b.opts.Pack
	return []xlsx.Pair{
		pair(pick("申请人", "Applicant"), name),
		pair(pick("品种", "Product"), product),
		pair(pick("受理省份", "Province"), pick(string(b.a.Application.Province), b.a.Application.Province.Label().En)),
		pair(pick("申请日期", "Application date"), pick(b.a.Application.Date.Zh(), b.a.Application.Date.String())),
		pair(pick("生成日期", "Built on"), pick(today.Zh(), today.String())),
		pair(pick("模板包", "Template pack"), fmt.Sprintf("%s %s（%s）", p.ID, p.Version, p.Name.In(b.lang))),
		pair(pick("结论", "Readiness"), ready),
		pair(pick("材料：已提供 / 待补充 / 不适用", "Items: provided / pending / not applicable"), fmt.Sprintf("%d / %d / %d", counts[xlsx.Provided], counts[xlsx.Pending], counts[xlsx.NotApplicable])),
		pair(pick("问题：错误 / 警告 / 提示", "Findings: errors / warnings / notes"), fmt.Sprintf("%d / %d / %d", b.findings.Count(finding.Error), b.findings.Count(finding.Warning), b.findings.Count(finding.Info))),
		pair(pick("申报截止日期", "Application deadline"), deadline),
		pair(pick("试点结束日期", "Pilot ends"), pick(pol.PilotEnd.Zh(), pol.PilotEnd.String())),
		pair(pick("草稿", "Draft"), pick(map[bool]string{true: "是", false: "否"}[b.opts.Draft], map[bool]string{true: "yes", false: "no"}[b.opts.Draft])),
	}
}

func pair(label, value string) xlsx.Pair { return xlsx.Pair{Label: label, Value: value} }
