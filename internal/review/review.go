// Package review serves a provincial bureau's preliminary selection
// (初步遴选): it checks many applicant files against the pack's policy and
// writes one intake workbook over them, and, when asked, a draft of the
// bureau's product-specific work plan (一品一策) for each application.
package review

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"pilotpack/generators/docx"
	"pilotpack/generators/pdf"
	"pilotpack/generators/xlsx"
	"pilotpack/internal/applicant"
	"pilotpack/internal/attachment"
	"pilotpack/internal/batch"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/pack/renderctx"
	"pilotpack/internal/packet"
	"pilotpack/internal/readiness"
	"pilotpack/internal/rules"
	"pilotpack/internal/safefile"
)

// Options control a review.
type Options struct {
	Pack *pack.Pack
	// Lang is the workbook's and the plans' language: zh or en.
	Lang lang.Lang
	// Date is the review date: GMP notices are judged on it, plans start on
	// it, and files carry it (the same date gives the same files).
	Date time.Time
	// Jobs is how many files are worked on at once.
	Jobs int
	// Plans is the folder to write work plans into; empty for none.
	Plans string
	// Fonts for the plans' PDFs; nil for the embedded defaults.
	Fonts   *pdf.Fonts
	Version string
	// Progress, if set, is called after each file.
	Progress func(finished int, path string)
	// Attachments say where attachments may come from; they are checked
	// as a build checks them.
	Attachments attachment.Options
}

// Result is a finished review.
type Result struct {
	// Workbook is the review workbook, to be written where the caller says.
	Workbook []byte
	// Files are the files reviewed, in order, with what became of each.
	Files []File
}

// File is what the review made of one applicant file.
type File struct {
	Path     string
	Status   xlsx.ReviewStatus
	Errors   int
	Warnings int
	// Plan lists the work plan's files (PDF, DOCX) in the plans folder;
	// PlanError says why there is none (worded in both languages where it
	// is the review's own), and PlanTemplate whether the pack's template
	// is to blame.
	Plan         []string
	PlanError    error
	PlanTemplate bool
}

// reviewed is what a worker keeps of one file: rows for the workbook, not
// the applicant, so that memory does not grow with the number of files.
type reviewed struct {
	file File
	// plan is the work plan's files, staged beside their places in the
	// plans folder until every file has been reviewed.
	plan     []*safefile.File
	app      xlsx.Application
	mfrs     []mfrSeen
	findings []xlsx.ReviewFinding
	category string
	province string
}

// mfrSeen is one manufacturer as one application declares it.
type mfrSeen struct {
	key                         string
	name, location, credit, lic string
	holder, stages              string
	years                       int
	gmp                         string
	gmpDate, gmpValid           civil.Date
	gmpNumber                   bool
	consent                     string
	findings                    int
}

// Run reviews files and, when opts.Plans is set, writes the plans. A plan
// is written whole or not at all; the plans appear in the folder together
// once every file has been reviewed.
func Run(files []string, opts Options) (_ *Result, err error) {
	if opts.Lang == "" {
		opts.Lang = lang.Zh
	}
	if opts.Date.IsZero() {
		opts.Date = time.Now().UTC().Truncate(time.Second)
	}
	if opts.Plans != "" {
		made, err := safefile.MakeDirs(opts.Plans)
		if err != nil {
			return nil, lang.Errorf(msgPlansFolder, opts.Plans, err)
		}
		// A review that fails leaves no plans folder it made.
		defer func() {
			if err != nil {
				made.Undo()
			}
		}()
		safefile.Sweep(opts.Plans)
	}
	results := batch.Run(files, opts.Jobs, func(path string) reviewed {
		r, a, fs := review(path, opts)
		if opts.Plans != "" && a != nil {
			if rules.OverLimits(fs) {
				r.file.PlanError = lang.Errorf(msgOverLimits)
				return r
			}
			var err error
			r.plan, err = writePlan(a, fs, opts)
			for _, f := range r.plan {
				r.file.Plan = append(r.file.Plan, filepath.Base(f.Target()))
			}
			if err != nil {
				var te *pack.TemplateError
				r.file.PlanError, r.file.PlanTemplate = err, errors.As(err, &te)
			}
		}
		return r
	}, opts.Progress)
	// Two files with one id would write one plan: the first given keeps
	// it, whichever finished first, so that the same files give the same
	// plans.
	owner := map[string]string{}
	for i := range results {
		r := &results[i]
		if len(r.plan) == 0 && r.file.PlanError == nil {
			continue
		}
		first, taken := owner[r.app.ID]
		if !taken {
			owner[r.app.ID] = r.file.Path
			continue
		}
		for _, f := range r.plan {
			f.Discard()
		}
		r.plan, r.file.Plan, r.file.PlanTemplate = nil, nil, false
		r.file.PlanError = lang.Errorf(msgSameID, first, r.app.ID)
	}
	var plans []safefile.Staged
	for _, r := range results {
		for _, f := range r.plan {
			plans = append(plans, f)
		}
	}
	defer func() {
		for _, f := range plans {
			f.Discard()
		}
	}()

	wb := workbook(results, opts)
	var buf bytes.Buffer
	if err := xlsx.WriteReview(&buf, wb); err != nil {
		return nil, err
	}
	res := &Result{Workbook: buf.Bytes()}
	for _, r := range results {
		res.Files = append(res.Files, r.file)
	}
	if err := safefile.CommitAll(safefile.Overwrite, plans...); err != nil {
		return nil, lang.Errorf(msgWritePlans, opts.Plans, err)
	}
	return res, nil
}

// review checks one file and makes its rows; it returns the applicant (nil
// when the file cannot be read) for the plan.
func review(path string, opts Options) (reviewed, *applicant.Applicant, finding.List) {
	p := opts.Pack
	a, fs, _ := packet.Check(p, path, opts.Attachments)
	r := reviewed{file: File{Path: path, Errors: fs.Count(finding.Error), Warnings: fs.Count(finding.Warning)}}
	l := opts.Lang
	// pick words a name of the file in the review's language: an English
	// one falls back to the Chinese (a company without an English name).
	pick := func(zh, en string) string { return lang.T(zh, en).In(l) }
	label := func(x applicant.Label) string { return x.In(l) }
	r.app = xlsx.Application{File: filepath.Base(path), Errors: r.file.Errors, Warnings: r.file.Warnings}
	name := ""
	if a != nil {
		name = pick(a.Applicant.NameZh, a.Applicant.NameEn)
	}
	for _, f := range fs {
		r.findings = append(r.findings, xlsx.ReviewFinding{File: r.app.File, Applicant: name, Severity: f.Severity.Label(l),
			Rule: f.Rule, Field: f.Path, Line: f.Line, Message: f.Message.In(l), Basis: f.Basis.In(l)})
	}
	if a == nil {
		r.app.Status, r.file.Status = xlsx.Unreadable, xlsx.Unreadable
		r.app.ID = "-"
		return r, nil, fs
	}
	// The verdict is the readiness a build of the file reports: missing
	// required materials make it incomplete, not acceptable.
	r.app.Status = readiness.Of(fs).Verdict
	r.file.Status = r.app.Status
	r.app.ID = packet.IDOf(a)
	r.app.Applicant, r.app.CreditCode = name, a.Applicant.CreditCode
	r.app.Product = pick(a.Product.NameZh, a.Product.NameEn)
	r.app.Category = label(a.Product.Category.Label())
	r.category = r.app.Category
	r.app.Province = label(a.Application.Province.Label())
	r.province = r.app.Province
	r.app.Date = a.Application.Date.String()
	r.app.CrossBorder = a.Abroad()
	deadline := p.Policy.Deadline
	if late := deadline.DaysUntil(a.Application.Date); late > 0 {
		r.app.Late = true
		r.app.Deadline = lang.Sprintf(l, labelLate, late)
	} else {
		r.app.Deadline = labelInTime.In(l)
	}
	siteName := func(site string) string {
		if site == applicant.HolderSite {
			// The documents' role: 申请人 before approval, 持有人 after.
			return a.Product.RoleNoun().In(l)
		}
		if m, _ := a.Manufacturer(site); m != nil {
			return pick(m.NameZh, m.NameEn)
		}
		return site
	}
	var stages []string
	for _, s := range a.Stages {
		stages = append(stages, fmt.Sprintf("%s — %s", s.Key.Term(&a.Product).In(l), siteName(s.Site)))
	}
	r.app.Stages = strings.Join(stages, "\n")
	var mfrs []string
	for i, m := range a.Manufacturers {
		loc := label(m.Province.Label())
		if m.Country.Abroad() {
			loc = label(m.Country.Label())
		}
		mfrs = append(mfrs, lang.Sprintf(l, labelWith, pick(m.NameZh, m.NameEn), loc))
		ms := mfrSeen{
			name: pick(m.NameZh, m.NameEn), location: loc, credit: m.CreditCode,
			holder: lang.Sprintf(l, labelWith, name, r.app.Product), years: m.Experience.Years,
			gmpDate: m.GMP.Date, gmpValid: m.GMP.ValidUntil, gmpNumber: m.GMP.Number != "",
		}
		ms.key = m.CreditCode
		if ms.key == "" {
			ms.key = string(m.Country) + "/" + m.NameZh
		}
		if m.Licence != nil {
			ms.lic = m.Licence.Number + " (" + m.Licence.Category + ")"
		}
		var own []string
		for _, s := range a.Stages {
			if s.Site == m.ID {
				own = append(own, s.Key.Term(&a.Product).In(l))
			}
		}
		ms.stages = strings.Join(own, labelListSep.In(l))
		if m.GMP.Number != "" {
			ms.gmp = m.GMP.Number
			if !m.GMP.Date.IsZero() {
				ms.gmp += " (" + m.GMP.Date.String() + ")"
			}
		}
		if m.Consent.Reference != "" {
			ms.consent = strings.TrimSpace(renderctx.Text(m.Consent.Authority, l, true) + " " + m.Consent.Reference)
		} else if m.Country.Abroad() {
			ms.consent = labelAbroad.In(l)
		}
		prefix := fmt.Sprintf("manufacturers[%d]", i)
		for _, f := range fs {
			if (f.Severity == finding.Error || f.Severity == finding.Warning) && (f.Path == prefix || strings.HasPrefix(f.Path, prefix+".")) {
				ms.findings++
			}
		}
		r.mfrs = append(r.mfrs, ms)
	}
	r.app.Manufacturers = strings.Join(mfrs, "\n")
	return r, a, fs
}

// workbook gathers the rows of every file into the review workbook.
func workbook(results []reviewed, opts Options) *xlsx.Review {
	l := opts.Lang
	p := opts.Pack
	today := civil.Of(opts.Date)
	wb := &xlsx.Review{Lang: l, Date: opts.Date, Creator: "pilotpack " + opts.Version, Title: labelTitle.In(l)}
	counts := map[xlsx.ReviewStatus]int{}
	late := 0
	byCategory, byProvince := map[string]int{}, map[string]int{}
	var categories, provinces []string
	type agg struct {
		row     xlsx.Manufacturer
		holders []string
		stages  []string
		gmpDate civil.Date
		valid   civil.Date
		hasGMP  bool
	}
	var order []string
	mfrs := map[string]*agg{}
	for _, r := range results {
		wb.Applications = append(wb.Applications, r.app)
		wb.Findings = append(wb.Findings, r.findings...)
		counts[r.app.Status]++
		if r.app.Late {
			late++
		}
		if r.category != "" {
			if byCategory[r.category] == 0 {
				categories = append(categories, r.category)
			}
			byCategory[r.category]++
		}
		if r.province != "" {
			if byProvince[r.province] == 0 {
				provinces = append(provinces, r.province)
			}
			byProvince[r.province]++
		}
		for _, m := range r.mfrs {
			g, ok := mfrs[m.key]
			if !ok {
				g = &agg{row: xlsx.Manufacturer{Name: m.name, Location: m.location, CreditCode: m.credit, Licence: m.lic, Consent: m.consent}}
				mfrs[m.key] = g
				order = append(order, m.key)
			}
			g.row.Applications++
			g.row.Findings += m.findings
			g.row.Experience = max(g.row.Experience, m.years)
			if !slices.Contains(g.holders, m.holder) {
				g.holders = append(g.holders, m.holder)
			}
			if m.stages != "" && !slices.Contains(g.stages, m.stages) {
				g.stages = append(g.stages, m.stages)
			}
			// The most recent notice any application gives stands for the
			// manufacturer.
			if m.gmpNumber && (!g.hasGMP || m.gmpDate.After(g.gmpDate)) {
				g.hasGMP, g.gmpDate, g.valid, g.row.GMP = true, m.gmpDate, m.gmpValid, m.gmp
			}
			if g.row.Consent == "" {
				g.row.Consent = m.consent
			}
		}
	}
	for _, k := range order {
		g := mfrs[k]
		g.row.UsedBy = strings.Join(g.holders, "\n")
		g.row.Stages = strings.Join(g.stages, "\n")
		g.row.ShortExperience = g.row.Experience < p.Policy.MinExperienceYears
		switch {
		case !g.hasGMP:
			g.row.GMPStatus, g.row.GMPProblem = labelGMPNone.In(l), true
		case !g.valid.IsZero() && g.valid.Before(today):
			g.row.GMPStatus, g.row.GMPProblem = labelGMPExpired.In(l), true
		case !g.gmpDate.IsZero() && g.gmpDate.MonthsUntil(today) > p.Policy.GMPNoticeMaxAgeMonths:
			g.row.GMPStatus, g.row.GMPProblem = lang.Sprintf(l, labelGMPOld, p.Policy.GMPNoticeMaxAgeMonths), true
		default:
			g.row.GMPStatus = labelGMPValid.In(l)
		}
		wb.Manufacturers = append(wb.Manufacturers, g.row)
	}
	n := len(results)
	list := func(keys []string, m map[string]int) string {
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
		return strings.Join(parts, labelCountSep.In(l))
	}
	pair := func(label lang.Text, value any) xlsx.Pair {
		return xlsx.Pair{Label: label.In(l), Value: fmt.Sprint(value)}
	}
	status := func(s xlsx.ReviewStatus) xlsx.Pair { return xlsx.Pair{Label: s.Label(l), Value: fmt.Sprint(counts[s])} }
	wb.Summary = []xlsx.Pair{
		pair(sumDate, today),
		pair(sumPack, lang.Sprintf(l, labelPack, p.ID, p.Version, p.Source)),
		pair(sumDeadline, p.Policy.Deadline),
		pair(sumPilotEnd, p.Policy.PilotEnd),
		pair(sumApplications, n),
		status(xlsx.Acceptable),
		status(xlsx.Incomplete),
		status(xlsx.ToCorrect),
		status(xlsx.Unreadable),
		pair(sumLate, late),
		pair(sumByCategory, list(categories, byCategory)),
		pair(sumByProvince, list(provinces, byProvince)),
		pair(sumManufacturers, len(order)),
	}
	return wb
}

// writePlan renders the pack's work plan for one application and stages
// its files in the plans folder.
func writePlan(a *applicant.Applicant, fs finding.List, opts Options) (staged []*safefile.File, err error) {
	defer func() {
		if err != nil {
			for _, f := range staged {
				f.Discard()
			}
			staged = nil
		}
	}()
	p := opts.Pack
	if p.Plan == nil {
		return nil, lang.Errorf(msgNoPlan, p.ID)
	}
	date := civil.Of(opts.Date)
	md, err := p.RenderPlan(a, pack.ContextOptions{Lang: opts.Lang, Date: date}, fs)
	if err != nil {
		return nil, err
	}
	doc, _ := document.Parse([]byte(md), opts.Lang)
	doc.Title = p.Plan.Title.In(opts.Lang)
	province := a.Application.Province.Label()
	doc.Subject = lang.T(a.Product.NameZh, a.Product.NameEn).In(opts.Lang)
	doc.Author = lang.Sprintf(opts.Lang, labelBureau, lang.T(province.Zh, province.En))
	creator := "pilotpack " + opts.Version
	stem := packet.IDOf(a) + "-" + p.Plan.File
	// One layout serves the PDF and the DOCX's table of contents.
	laid, err := pdf.Layout(doc, pdf.Options{Fonts: opts.Fonts, Date: opts.Date, Creator: creator})
	if err != nil {
		return nil, err
	}
	pages := map[string]int{}
	for _, h := range laid.Result().Headings {
		pages[h.ID] = h.Page
	}
	for _, out := range p.Plan.Outputs {
		var buf bytes.Buffer
		switch out {
		case "pdf":
			if err := laid.Write(&buf); err != nil {
				return staged, err
			}
		case "docx":
			if err := docx.Write(&buf, doc, docx.Options{Date: opts.Date, Creator: creator, HeadingPages: pages}); err != nil {
				return staged, err
			}
		default:
			continue
		}
		f, err := safefile.StageFile(filepath.Join(opts.Plans, stem+"."+out))
		if err != nil {
			return staged, err
		}
		staged = append(staged, f)
		if _, err := f.Write(buf.Bytes()); err != nil {
			return staged, err
		}
	}
	if len(staged) == 0 {
		return nil, lang.Errorf(msgNoOutputs)
	}
	return staged, nil
}
