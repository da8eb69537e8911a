package intake

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/testtool"
)

var picture = flag.Bool("picture", false, "draw docs/intake-workbook.png, the README's picture of the workbook, with LibreOffice")

// TestPicture draws one sheet of the ADC fixture's workbook as LibreOffice
// prints it, for the README: go test ./internal/intake -run TestPicture -picture
func TestPicture(t *testing.T) {
	if !*picture {
		t.Skip("draws the README's picture with -picture")
	}
	const sheet = "申请人"
	x, err := excelize.OpenReader(bytes.NewReader(workbook(t)))
	if err != nil {
		t.Fatal(err)
	}
	x.UnprotectWorkbook()
	for _, s := range x.GetSheetList() {
		if s != sheet {
			x.DeleteSheet(s)
		}
	}
	size, landscape, one, zero := 9, "landscape", 1, 0
	x.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero})
	fit := true
	x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
	dir := t.TempDir()
	in := filepath.Join(dir, "workbook.xlsx")
	if err := x.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	pdf := testtool.Soffice(t, in, "pdf", dir)
	out, _ := filepath.Abs(filepath.Join("..", "..", "docs", "intake-workbook"))
	os.MkdirAll(filepath.Dir(out), 0o755)
	testtool.Run(t, "pdftoppm", "-r", "110", "-png", "-singlefile", "-f", "1", "-l", "1", "-x", "60", "-y", "80", "-W", "1160", "-H", "450", pdf, out)
}
