package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Chinese text is set in Song, headers and titles in Hei, named by the
// faces' English names: Excel and WPS resolve them to 宋体 and 黑体, and
// LibreOffice knows them as Simplified Chinese faces (it knows nothing of
// 宋体 and falls back to a sans face).
const (
	songFace  = "SimSun"
	heiFace   = "SimHei"
	textSize  = 10.5
	titleSize = 14.0
)

// Printing: A4 (paper size 9), 10 mm side margins, 19 mm top and bottom
// with the running header and footer 8 mm from the edge; all in inches, as
// the file keeps them.
const (
	a4        = 9
	sideIn    = 0.4
	edgeIn    = 0.75
	hfIn      = 0.3
	portraitW = (210/25.4 - 2*sideIn) * 72 // printable width in points
	landW     = (297/25.4 - 2*sideIn) * 72
	// minScale is the smallest print scale that stays legible: 10.5 pt
	// text prints at 6.3 pt.
	minScale = 0.6
)

// printWidth is the width in points that columns of the given widths (in
// the file's character units) print at, at full scale. Excel counts a unit
// as a digit of the workbook's default font, Calibri 11: 7 pixels, with 5
// pixels of padding a column; LibreOffice, where Calibri is missing,
// measures the digit in DejaVu Sans: 7 points. The wider measure counts.
func printWidth(widths []float64) float64 {
	sum := 0.0
	for _, w := range widths {
		sum += w
	}
	return sum * 7
}

// layoutFor chooses a sheet's orientation by its width, and the scale that
// fitting it to the page's width takes (at most 1).
func layoutFor(widths []float64) (landscape bool, scale float64) {
	w := printWidth(widths)
	if w <= portraitW {
		return false, 1
	}
	return true, math.Min(1, landW/w)
}

// rowHeight is the height in points of a row of lines of 10.5 pt text.
// A spreadsheet row is at most 409 points tall; longer text stays in the
// cell, read by scrolling it or widening the row.
func rowHeight(lines int) float64 { return min(float64(lines)*14.5+3, excelize.MaxRowHeight) }

// pageSetup makes a sheet print: A4 in the orientation its width asks for,
// fitted to the page's width and as many pages tall as it takes, the header
// row repeated on every page, the used range as the print area, the
// workbook's title and the sheet's name at the head of each page and
// "page x of y" at its foot.
func (b *book) pageSetup(sheet, title string) error {
	f := b.f
	widths := b.widths[sheet]
	landscape, scale := layoutFor(widths)
	size, across, zero, orient := a4, 1, 0, "portrait"
	if landscape {
		orient = "landscape"
	}
	// A sheet too wide to print legibly on one page's width (a stage
	// matrix of many sites) goes across two, its first column repeated.
	if scale < minScale {
		across = 2
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &across, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, edge, hf, centre := sideIn, edgeIn, hfIn, true
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge,
		Header: &hf, Footer: &hf, Horizontally: &centre}); err != nil {
		return err
	}
	foot := labelFooter.In(b.lang)
	// The size before the face: a size code followed by text starting with
	// a digit would read the digit as part of the size.
	font := `&9&"` + songFace + `,Regular"`
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + font + headerText(title) + "&R" + font + "&A",
		OddFooter: "&C" + font + foot,
	}); err != nil {
		return err
	}
	last := cell(max(len(widths), 1), max(b.rows[sheet], 1))
	quoted := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: quoted + "!$A$1:" + absolute(last), Scope: sheet}); err != nil {
		return err
	}
	titles := ""
	if across > 1 {
		titles = quoted + "!$A:$A"
	}
	if b.titled[sheet] {
		titles = strings.TrimPrefix(titles+","+quoted+"!$1:$1", ",")
	}
	if titles == "" {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet})
}

// headerText escapes text for a page header, where & starts a code, and
// keeps it short enough for one line.
func headerText(s string) string {
	return strings.ReplaceAll(truncate(s, 60), "&", "&&")
}

// absolute turns a cell name such as M25 into $M$25.
func absolute(ref string) string {
	col, row, _ := excelize.SplitCellName(ref)
	return fmt.Sprintf("$%s$%d", col, row)
}

// summary writes a sheet of label–value pairs under the workbook's title,
// which spans both columns and wraps rather than running off the page.
func (b *book) summary(name, title string, pairs []Pair, widths [2]float64) error {
	f := b.f
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	b.widths[name] = widths[:]
	b.rows[name] = 1
	for i, col := range []string{"A", "B"} {
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return err
		}
	}
	if err := f.SetCellStr(name, "A1", title); err != nil {
		return err
	}
	if err := f.MergeCell(name, "A1", "B1"); err != nil {
		return err
	}
	lines := wrappedLines(title, (widths[0]+widths[1])*textSize/titleSize)
	if err := f.SetRowHeight(name, 1, float64(lines)*titleSize*1.4+6); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", "B1", b.title); err != nil {
		return err
	}
	for i, p := range pairs {
		if err := b.row(name, i+3, []any{p.Label, p.Value}, b.wrap); err != nil {
			return err
		}
	}
	return nil
}
