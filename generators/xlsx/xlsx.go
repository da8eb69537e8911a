// Package xlsx writes the packet's checklist workbook (申报资料目录与核对表):
// the checklist itself with a status dropdown, links to the files that
// satisfy each item and print settings, then the findings, the stage × site
// matrix, each manufacturer's responsibility matrix and a readiness summary.
//
// Every cell is written as a value, never as a formula, so applicant text
// such as "=HYPERLINK(...)" stays inert.
package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/flatepool"
	"pilotpack/internal/lang"
)

// Workbook is what the checklist workbook shows.
type Workbook struct {
	// Lang is zh or en: the language of headings and labels.
	Lang     lang.Lang
	Title    string
	Creator  string
	Date     time.Time
	Items    []Item
	Findings []Finding
	Stages   StageMatrix
	Matrices []Matrix
	Summary  []Pair
}

// Status of a checklist item.
type Status int

// Statuses.
const (
	Provided Status = iota
	Pending
	NotApplicable
)

// File is a packet file that satisfies an item, as a link.
type File struct {
	Name  string // what the reader sees
	Path  string // relative to the workbook
	Pages int
}

// Item is one row of the checklist.
type Item struct {
	Name, Form, Medium, Necessity, Source, Requirements, Responsible string
	Copies                                                           int
	Status                                                           Status
	Files                                                            []File
	Remarks                                                          string
}

// Finding is one row of the findings sheet.
type Finding struct {
	Rule, Severity, Field, Message, Basis string
	Line                                  int
}

// StageMatrix shows which site makes which stage.
type StageMatrix struct {
	Sites  []string
	Stages []StageRow
}

// StageRow is one stage and the index of its site.
type StageRow struct {
	Name string
	Site int
}

// Matrix is one manufacturer's responsibility matrix.
type Matrix struct {
	Manufacturer string
	Rows         []MatrixRow
}

// MatrixRow is one activity.
type MatrixRow struct {
	Chapter, Activity, Holder, Manufacturer, Note string
	Changed                                       bool
}

// Pair is a line of the summary.
type Pair struct {
	Label, Value string
}

// Label returns the words of a status in lang.
func (s Status) Label(lg lang.Lang) string { return statusLabels[s].In(lg) }

type book struct {
	f *excelize.File
	// widths of each sheet's columns, to size rows to their wrapped text
	// and to print them; rows is each sheet's last row, and titled the
	// sheets whose first row is a header repeated on every printed page.
	widths map[string][]float64
	rows   map[string]int
	titled map[string]bool
	lang   lang.Lang
	header int
	wrap   int
	plain  int
	link   int
	title  int
}

// Write writes the workbook to w.
func Write(w io.Writer, wb *Workbook) error {
	b, err := newBook(wb.Lang)
	if err != nil {
		return err
	}
	defer b.f.Close()
	steps := []func(*Workbook) error{b.checklist, b.findingsSheet, b.stageSheet, b.matrixSheets, b.summarySheet}
	for _, step := range steps {
		if err := step(wb); err != nil {
			return err
		}
	}
	return b.finish(w, wb.Lang, wb.Title, wb.Creator, wb.Date)
}

// newBook starts a workbook with the styles every sheet uses.
func newBook(lg lang.Lang) (*book, error) {
	f := excelize.NewFile()
	// excelize zips at the default level with a new compressor per part;
	// the fastest level with pooled compressors halves the time.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, flatepool.Writer)
		return zw
	})
	b := &book{f: f, widths: map[string][]float64{}, rows: map[string]int{}, titled: map[string]bool{}, lang: lg}
	if err := b.styles(); err != nil {
		b.f.Close()
		return nil, err
	}
	return b, nil
}

// finish sets the document properties (with the build date, so the file is
// the same from run to run) and writes the workbook.
func (b *book) finish(w io.Writer, lg lang.Lang, title, creator string, date time.Time) error {
	for _, sheet := range b.f.GetSheetList() {
		if err := b.pageSetup(sheet, title); err != nil {
			return err
		}
	}
	b.f.SetActiveSheet(0)
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: creator, LastModifiedBy: creator, Language: languageTag.In(lg),
		Created: date.UTC().Format(time.RFC3339), Modified: date.UTC().Format(time.RFC3339),
	}); err != nil {
		return err
	}
	_, err := b.f.WriteTo(w)
	return err
}

func (b *book) styles() error {
	var err error
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1}, {Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	font := &excelize.Font{Family: songFace, Size: 10.5}
	if b.header, err = b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: heiFace, Size: 10.5, Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E6E6E6"}}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}); err != nil {
		return err
	}
	if b.wrap, err = b.f.NewStyle(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return err
	}
	if b.plain, err = b.f.NewStyle(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}); err != nil {
		return err
	}
	if b.link, err = b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: songFace, Size: 10.5, Color: "1F4E99", Underline: "single"}, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return err
	}
	b.title, err = b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: heiFace, Size: titleSize, Bold: true}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	return err
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// sheet creates (or renames the first) sheet with a header row tall enough
// for its wrapped labels, column widths, a frozen header and filters; the
// header is repeated on every printed page.
func (b *book) sheet(name string, cols []string, widths []float64, rows int) error {
	f := b.f
	if f.SheetCount == 1 && f.GetSheetName(0) == "Sheet1" {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	b.widths[name] = widths
	b.titled[name] = true
	b.rows[name] = max(b.rows[name], 1)
	lines := 1
	for i, c := range cols {
		lines = max(lines, wrappedLines(c, widths[i]))
		if err := f.SetCellStr(name, cell(i+1, 1), c); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return err
		}
	}
	last := cell(len(cols), max(rows, 1)+1)
	if err := f.SetRowHeight(name, 1, rowHeight(lines)); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", cell(len(cols), 1), b.header); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.AutoFilter(name, "A1:"+last, nil)
}

// row writes values as text or numbers, never formulas, and makes the row
// tall enough for its wrapped text: spreadsheets do not grow rows on their
// own when a file is opened.
func (b *book) row(sheet string, r int, values []any, style int) error {
	lines := 1
	for i, v := range values {
		if s, ok := v.(string); ok && i < len(b.widths[sheet]) {
			lines = max(lines, wrappedLines(s, b.widths[sheet][i]))
		}
	}
	if err := b.f.SetRowHeight(sheet, r, rowHeight(lines)); err != nil {
		return err
	}
	b.rows[sheet] = max(b.rows[sheet], r)
	for i, v := range values {
		ref := cell(i+1, r)
		var err error
		switch x := v.(type) {
		case string:
			err = b.f.SetCellStr(sheet, ref, x)
		case int:
			err = b.f.SetCellInt(sheet, ref, int64(x))
		}
		if err != nil {
			return err
		}
	}
	return b.f.SetCellStyle(sheet, cell(1, r), cell(len(values), r), style)
}

func (b *book) checklist(wb *Workbook) error {
	name := sheetChecklist.In(b.lang)
	// Widths for a landscape page at no less than 60 % of full size. The
	// packet-file column is as wide as most of its names: LibreOffice
	// does not wrap a link's text.
	longest := 0
	for _, it := range wb.Items {
		if len(it.Files) > 0 {
			longest = max(longest, utf8.RuneCountInString(it.Files[0].Name))
		}
	}
	ws := widths(itemColumns, b.lang)
	ws[10] = math.Min(40, math.Max(24, math.Ceil(0.8*float64(longest))+2))
	if err := b.sheet(name, headers(itemColumns, b.lang), ws, len(wb.Items)); err != nil {
		return err
	}
	for i, it := range wb.Items {
		r := i + 2
		// A hyperlinked cell shows as one link in a spreadsheet, whatever
		// line breaks it holds: it names the first file, and the remarks
		// list the others.
		files, pages, remarks := "", 0, it.Remarks
		for j, f := range it.Files {
			if j == 0 {
				files = f.Name
			} else {
				if remarks != "" {
					remarks += "\n"
				}
				remarks += labelAlso.In(b.lang) + f.Name
			}
			pages += f.Pages
		}
		pageCell := any("")
		if pages > 0 {
			pageCell = pages
		}
		if err := b.row(name, r, []any{i + 1, it.Name, it.Form, it.Medium, it.Copies, it.Necessity, it.Source, it.Requirements,
			it.Responsible, it.Status.Label(wb.Lang), files, pageCell, remarks}, b.wrap); err != nil {
			return err
		}
		for _, c := range []int{1, 3, 4, 5, 6, 10, 12} {
			b.f.SetCellStyle(name, cell(c, r), cell(c, r), b.plain)
		}
		if len(it.Files) > 0 {
			// One link per cell: the first file; the others are listed.
			if err := b.f.SetCellHyperLink(name, cell(11, r), it.Files[0].Path, "External"); err != nil {
				return err
			}
			b.f.SetCellStyle(name, cell(11, r), cell(11, r), b.link)
		}
	}
	last := max(len(wb.Items), 1) + 1
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("J2:J%d", last)
	var statuses []string
	for _, s := range statusLabels {
		statuses = append(statuses, s.In(b.lang))
	}
	if err := dv.SetDropList(statuses); err != nil {
		return err
	}
	if err := b.f.AddDataValidation(name, dv); err != nil {
		return err
	}
	pending, err := b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006", Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	if err != nil {
		return err
	}
	return b.f.SetConditionalFormat(name, fmt.Sprintf("J2:J%d", last), []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: "==", Format: &pending, Value: `"` + Pending.Label(b.lang) + `"`},
	})
}

func (b *book) findingsSheet(wb *Workbook) error {
	name := sheetFindings.In(b.lang)
	if err := b.sheet(name, headers(findingColumns, b.lang), widths(findingColumns, b.lang), len(wb.Findings)); err != nil {
		return err
	}
	for i, f := range wb.Findings {
		line := any("")
		if f.Line > 0 {
			line = f.Line
		}
		if err := b.row(name, i+2, []any{f.Rule, f.Severity, line, f.Field, f.Message, f.Basis}, b.wrap); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) stageSheet(wb *Workbook) error {
	name := sheetStages.In(b.lang)
	cols := append([]string{labelStage.In(b.lang)}, wb.Stages.Sites...)
	// Site columns narrow as sites multiply, to 12 characters.
	siteW := 22.0
	if n := len(wb.Stages.Sites); n > 0 {
		siteW = math.Max(12, math.Min(22, math.Floor(150/float64(n))))
	}
	widths := []float64{36}
	for range wb.Stages.Sites {
		widths = append(widths, siteW)
	}
	if err := b.sheet(name, cols, widths, len(wb.Stages.Stages)); err != nil {
		return err
	}
	for i, s := range wb.Stages.Stages {
		vals := []any{s.Name}
		for j := range wb.Stages.Sites {
			mark := ""
			if j == s.Site {
				mark = "●"
			}
			vals = append(vals, mark)
		}
		if err := b.row(name, i+2, vals, b.plain); err != nil {
			return err
		}
		b.f.SetCellStyle(name, cell(1, i+2), cell(1, i+2), b.wrap)
	}
	return nil
}

func (b *book) matrixSheets(wb *Workbook) error {
	for mi, m := range wb.Matrices {
		// Sheet names are at most 31 characters: number them, and put the
		// manufacturer's name in the sheet's first column header.
		name := lang.Sprintf(b.lang, sheetMatrix, mi+1)
		cols := headers(matrixColumns, b.lang)
		cols[4] = truncate(m.Manufacturer, 60)
		if err := b.sheet(name, cols, widths(matrixColumns, b.lang), len(m.Rows)); err != nil {
			return err
		}
		for i, r := range m.Rows {
			activity := r.Activity
			if r.Changed {
				activity += " *"
			}
			if err := b.row(name, i+2, []any{i + 1, r.Chapter, activity, r.Holder, r.Manufacturer, r.Note}, b.wrap); err != nil {
				return err
			}
			for _, c := range []int{1, 4, 5} {
				b.f.SetCellStyle(name, cell(c, i+2), cell(c, i+2), b.plain)
			}
		}
	}
	return nil
}

func (b *book) summarySheet(wb *Workbook) error {
	return b.summary(sheetSummary.In(b.lang), wb.Title, wb.Summary, [2]float64{28, 48})
}

// wrappedLines estimates the lines s takes in a column of the given width
// (in character units: a Chinese character takes two).
func wrappedLines(s string, width float64) int {
	usable := max(width-1, 2)
	n := 0
	for _, line := range strings.Split(s, "\n") {
		w := 0.0
		for _, r := range line {
			if r >= 0x2E80 {
				w += 2
			} else {
				w += 1.1
			}
		}
		n += max(1, int(math.Ceil(w/usable)))
	}
	return n
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// WrappedLines estimates the lines s takes in a column of the given width
// in character units, for other workbooks that size their rows.
func WrappedLines(s string, width float64) int { return wrappedLines(s, width) }
