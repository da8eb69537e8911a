package xlsx

import (
	"fmt"
	"io"
	"pilotpack/internal/lang"
	"time"

	"github.com/xuri/excelize/v2"
)

// Review is a bureau's intake workbook over many applications (初步遴选):
// one row per application, the contract manufacturers across them, every
// finding, and a summary.
type Review struct {
	Lang          lang.Lang
	Title         string
	Creator       string
	Date          time.Time
	Applications  []Application
	Manufacturers []Manufacturer
	Findings      []ReviewFinding
	Summary       []Pair
}

// Application is one row of the applications sheet.
type Application struct {
	File, ID, Applicant, CreditCode, Product, Category, Province, Date string
	Stages, Manufacturers                                              string
	CrossBorder                                                        bool
	Errors, Warnings                                                   int
	// Deadline says whether the application came in time; Late marks one
	// that did not.
	Deadline string
	Late     bool
	// Status is the verdict: no errors, errors to correct, or unreadable.
	Status ReviewStatus
}

// ReviewStatus is an application's standing in the review.
type ReviewStatus int

// Review statuses.
const (
	Acceptable ReviewStatus = iota
	ToCorrect
	Unreadable
)

// Manufacturer is one contract manufacturer across the applications.
type Manufacturer struct {
	Name, Location, CreditCode, Licence string
	UsedBy, Stages                      string
	Applications                        int
	Experience                          int
	// ShortExperience marks fewer years than the policy asks.
	ShortExperience bool
	GMP, GMPStatus  string
	GMPProblem      bool
	Consent         string
	Findings        int
}

// ReviewFinding is one finding of one application.
type ReviewFinding struct {
	File, Applicant, Severity, Rule, Field, Message, Basis string
	Line                                                   int
}

type reviewWords struct {
	apps, mfrs, findings, summary string
	appCols, mfrCols, findingCols []string
	// Column widths, in characters, for a landscape page at 60 % or more.
	appWidths, mfrWidths, findingWidths []float64
	yes, no                             string
	statuses                            [3]string
	severityError, severityWarning      string
}

var reviewZh = reviewWords{
	apps: "申请", mfrs: "受托生产企业", findings: "问题", summary: "概况",
	appCols: []string{"序号", "文件", "编号", "申请人", "统一社会信用代码", "品种", "类别", "省份", "申请日期", "截止状态",
		"生产阶段及场地", "受托生产企业", "跨境", "错误", "警告", "结论"},
	mfrCols: []string{"序号", "企业名称", "所在地", "统一社会信用代码", "生产许可证", "委托方（品种）", "受托阶段", "申请数",
		"商业化生产年限", "GMP符合性检查告知书", "GMP状态（审查日）", "受托生产意见", "相关问题数"},
	findingCols:   []string{"文件", "申请人", "级别", "规则", "字段", "行", "说明", "依据"},
	appWidths:     []float64{4, 12, 11, 16, 19, 14, 10, 8, 11, 10, 23, 22, 6, 6, 6, 8},
	mfrWidths:     []float64{4, 22, 9, 19, 15, 24, 16, 6, 6, 22, 11, 20, 6},
	findingWidths: []float64{11, 16, 6, 20, 36, 5, 38, 28},
	yes:           "是", no: "否",
	statuses:      [3]string{"可受理", "需补正", "无法读取"},
	severityError: "错误", severityWarning: "警告",
}

var reviewEn = reviewWords{
	apps: "Applications", mfrs: "Manufacturers", findings: "Findings", summary: "Summary",
	appCols: []string{"No.", "File", "ID", "Applicant", "Credit code", "Product", "Category", "Province", "Date", "Deadline",
		"Stages and sites", "Contract manufacturers", "Cross-border", "Errors", "Warnings", "Verdict"},
	mfrCols: []string{"No.", "Manufacturer", "Location", "Credit code", "Licence", "Holders (products)", "Stages", "Applications",
		"Years of experience", "GMP compliance notice", "GMP status (review date)", "Home-province consent", "Findings"},
	findingCols:   []string{"File", "Applicant", "Severity", "Rule", "Field", "Line", "Message", "Basis"},
	appWidths:     []float64{4, 12, 11, 14, 19, 13, 10, 10, 11, 9, 20, 19, 7, 7, 9, 11},
	mfrWidths:     []float64{4, 20, 10, 19, 14, 22, 15, 13, 11, 20, 11, 18, 9},
	findingWidths: []float64{11, 16, 9, 20, 36, 5, 36, 26},
	yes:           "yes", no: "no",
	statuses:      [3]string{"acceptable", "to correct", "unreadable"},
	severityError: "error", severityWarning: "warning",
}

// Label is the status in lang.
func (s ReviewStatus) Label(lg lang.Lang) string {
	if lg == lang.En {
		return reviewEn.statuses[s]
	}
	return reviewZh.statuses[s]
}

// WriteReview writes the review workbook to w.
func WriteReview(w io.Writer, r *Review) error {
	b, err := newBook(r.Lang)
	if err != nil {
		return err
	}
	defer b.f.Close()
	rw := reviewZh
	if r.Lang == lang.En {
		rw = reviewEn
	}
	conditional := func(font, fill string) (int, error) {
		return b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: font, Bold: font == "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}})
	}
	red, err := conditional("9C0006", "FFC7CE")
	if err != nil {
		return err
	}
	amber, err := conditional("9C5700", "FFEB9C")
	if err != nil {
		return err
	}
	green, err := conditional("006100", "C6EFCE")
	if err != nil {
		return err
	}
	// Cells flagged by the data (a late application, too little
	// experience, a stale GMP notice) get a fixed highlight; counts and
	// verdicts get conditional formats, which follow edits a reviewer makes.
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1}, {Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	flag := func(font, fill string) (int, error) {
		return b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10.5, Color: font, Bold: true}, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}})
	}
	redCell, err := flag("9C0006", "FFC7CE")
	if err != nil {
		return err
	}
	amberCell, err := flag("9C5700", "FFEB9C")
	if err != nil {
		return err
	}
	is := func(text string, style int) excelize.ConditionalFormatOptions {
		return excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Format: &style, Value: `"` + text + `"`}
	}
	above := func(n, style int) excelize.ConditionalFormatOptions {
		return excelize.ConditionalFormatOptions{Type: "cell", Criteria: ">", Format: &style, Value: fmt.Sprint(n)}
	}
	yesNo := func(a Application) string {
		switch {
		case a.Status == Unreadable:
			return ""
		case a.CrossBorder:
			return rw.yes
		}
		return rw.no
	}

	// Applications. The review's sheets are wide: their columns are sized
	// to print fitted to a landscape page's width at no less than 60 % of
	// full size (about 75 % in Excel), narrow ones wrapping their labels;
	// a credit code (18 characters) is never wrapped.
	sheet := rw.apps
	if err := b.sheet(sheet, rw.appCols, rw.appWidths, len(r.Applications)); err != nil {
		return err
	}
	for i, a := range r.Applications {
		if err := b.row(sheet, i+2, []any{i + 1, a.File, a.ID, a.Applicant, a.CreditCode, a.Product, a.Category, a.Province, a.Date,
			a.Deadline, a.Stages, a.Manufacturers, yesNo(a), a.Errors, a.Warnings, a.Status.Label(r.Lang)}, b.wrap); err != nil {
			return err
		}
		for _, c := range []int{1, 8, 9, 10, 13, 14, 15, 16} {
			b.f.SetCellStyle(sheet, cell(c, i+2), cell(c, i+2), b.plain)
		}
	}
	last := max(len(r.Applications), 1) + 1
	for _, cf := range []struct {
		col  string
		opts []excelize.ConditionalFormatOptions
	}{
		{"N", []excelize.ConditionalFormatOptions{above(0, red)}},
		{"O", []excelize.ConditionalFormatOptions{above(0, amber)}},
		{"P", []excelize.ConditionalFormatOptions{is(rw.statuses[ToCorrect], red), is(rw.statuses[Unreadable], red), is(rw.statuses[Acceptable], green)}},
		{"M", []excelize.ConditionalFormatOptions{is(rw.yes, amber)}},
	} {
		if err := b.f.SetConditionalFormat(sheet, fmt.Sprintf("%s2:%s%d", cf.col, cf.col, last), cf.opts); err != nil {
			return err
		}
	}
	for i, a := range r.Applications {
		if a.Late {
			b.f.SetCellStyle(sheet, cell(10, i+2), cell(10, i+2), redCell)
		}
	}

	// Manufacturers across applications.
	sheet = rw.mfrs
	if err := b.sheet(sheet, rw.mfrCols, rw.mfrWidths, len(r.Manufacturers)); err != nil {
		return err
	}
	for i, m := range r.Manufacturers {
		years := any("")
		if m.Experience > 0 {
			years = m.Experience
		}
		if err := b.row(sheet, i+2, []any{i + 1, m.Name, m.Location, m.CreditCode, m.Licence, m.UsedBy, m.Stages, m.Applications,
			years, m.GMP, m.GMPStatus, m.Consent, m.Findings}, b.wrap); err != nil {
			return err
		}
		for _, c := range []int{1, 8, 9, 11, 13} {
			b.f.SetCellStyle(sheet, cell(c, i+2), cell(c, i+2), b.plain)
		}
		if m.ShortExperience {
			b.f.SetCellStyle(sheet, cell(9, i+2), cell(9, i+2), amberCell)
		}
		if m.GMPProblem {
			b.f.SetCellStyle(sheet, cell(11, i+2), cell(11, i+2), redCell)
		}
	}
	if err := b.f.SetConditionalFormat(sheet, fmt.Sprintf("M2:M%d", max(len(r.Manufacturers), 1)+1), []excelize.ConditionalFormatOptions{above(0, amber)}); err != nil {
		return err
	}

	// Findings.
	sheet = rw.findings
	if err := b.sheet(sheet, rw.findingCols, rw.findingWidths, len(r.Findings)); err != nil {
		return err
	}
	for i, f := range r.Findings {
		line := any("")
		if f.Line > 0 {
			line = f.Line
		}
		if err := b.row(sheet, i+2, []any{f.File, f.Applicant, f.Severity, f.Rule, f.Field, line, f.Message, f.Basis}, b.wrap); err != nil {
			return err
		}
		b.f.SetCellStyle(sheet, cell(3, i+2), cell(3, i+2), b.plain)
		b.f.SetCellStyle(sheet, cell(6, i+2), cell(6, i+2), b.plain)
	}
	if err := b.f.SetConditionalFormat(sheet, fmt.Sprintf("C2:C%d", max(len(r.Findings), 1)+1),
		[]excelize.ConditionalFormatOptions{is(rw.severityError, red), is(rw.severityWarning, amber)}); err != nil {
		return err
	}

	// Summary.
	if err := b.summary(rw.summary, r.Title, r.Summary, [2]float64{30, 46}); err != nil {
		return err
	}
	return b.finish(w, r.Lang, r.Title, r.Creator, r.Date)
}

// SeverityLabel names a finding's severity in lang, as the findings sheet's
// conditional formats expect.
func SeverityLabel(severity string, lg lang.Lang) string {
	rw := reviewZh
	if lg == lang.En {
		rw = reviewEn
	}
	switch severity {
	case "error":
		return rw.severityError
	case "warning":
		return rw.severityWarning
	}
	if lg == lang.En {
		return severity
	}
	return map[string]string{"info": "提示"}[severity]
}
