package xlsx

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/readiness"
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
	// Status is the verdict: the application's readiness, as the build of
	// its packet reports it.
	Status ReviewStatus
}

// ReviewStatus is an application's standing in the review: its readiness,
// so that the review, the console and the packet give one answer in one
// wording.
type ReviewStatus = readiness.Verdict

// Review statuses.
const (
	// Acceptable: no data errors and every required material (可受理).
	Acceptable = readiness.Ready
	// Incomplete: no data errors, but required materials are missing.
	Incomplete = readiness.Incomplete
	// ToCorrect: the data has errors.
	ToCorrect = readiness.Invalid
	// Unreadable: the applicant file could not be read.
	Unreadable = readiness.Unreadable
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

// ReviewFinding is one finding of one application. Severity is worded as
// finding.Severity.Label words it, which the findings sheet's highlights
// expect.
type ReviewFinding struct {
	File, Applicant, Severity, Rule, Field, Message, Basis string
	Line                                                   int
}

// WriteReview writes the review workbook to w.
func WriteReview(w io.Writer, r *Review) error {
	b, err := newBook(r.Lang)
	if err != nil {
		return err
	}
	defer b.f.Close()
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
			return labelYes.In(r.Lang)
		}
		return labelNo.In(r.Lang)
	}

	// Applications. The review's sheets are wide: their columns are sized
	// to print fitted to a landscape page's width at no less than 60 % of
	// full size (about 75 % in Excel), narrow ones wrapping their labels;
	// a credit code (18 characters) is never wrapped.
	sheet := sheetApplications.In(r.Lang)
	if err := b.sheet(sheet, headers(applicationColumns, r.Lang), widths(applicationColumns, r.Lang), len(r.Applications)); err != nil {
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
		{"P", []excelize.ConditionalFormatOptions{is(ToCorrect.Label(r.Lang), red), is(Unreadable.Label(r.Lang), red),
			is(Incomplete.Label(r.Lang), amber), is(Acceptable.Label(r.Lang), green)}},
		{"M", []excelize.ConditionalFormatOptions{is(labelYes.In(r.Lang), amber)}},
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
	sheet = sheetManufacturers.In(r.Lang)
	if err := b.sheet(sheet, headers(manufacturerColumns, r.Lang), widths(manufacturerColumns, r.Lang), len(r.Manufacturers)); err != nil {
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
	sheet = sheetProblems.In(r.Lang)
	if err := b.sheet(sheet, headers(reviewFindingColumns, r.Lang), widths(reviewFindingColumns, r.Lang), len(r.Findings)); err != nil {
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
		[]excelize.ConditionalFormatOptions{is(finding.Error.Label(r.Lang), red), is(finding.Warning.Label(r.Lang), amber)}); err != nil {
		return err
	}

	// Summary.
	if err := b.summary(sheetOverview.In(r.Lang), r.Title, r.Summary, [2]float64{30, 46}); err != nil {
		return err
	}
	return b.finish(w, r.Lang, r.Title, r.Creator, r.Date)
}
