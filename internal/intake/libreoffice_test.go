package intake

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/testtool"
)

// resave opens a workbook in LibreOffice Calc (headless) and saves it again
// as .xlsx, as a person filling it in with LibreOffice would.
func resave(t testing.TB, data []byte) []byte {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "workbook.xlsx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(testtool.Soffice(t, in, "xlsx:Calc MS Excel 2007 XML", filepath.Join(dir, "out")))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestLibreOffice saves the workbook through LibreOffice Calc and reads it
// back: the dropdowns (with their lists), the notes, the protection of
// the sheets and of the workbook's structure, the hidden lists and the
// data all survive, and the data reads as the same model.
func TestLibreOffice(t *testing.T) {
	want := loadFixture(t, "adc")
	data := resave(t, workbook(t))
	a, fs := parse(t, "adc.xlsx", data)
	for _, f := range fs {
		t.Errorf("after LibreOffice: %s", f.Format("en"))
	}
	sameModel(t, "after LibreOffice", want.File, a.File)

	x, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	dvs, err := x.GetDataValidations("受托生产企业")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]bool{}
	for _, dv := range dvs {
		if dv.Type == "list" {
			sources[strings.TrimPrefix(dv.Formula1, "=")] = true
		}
	}
	for _, s := range []string{"list_Country", "list_Province", "list_ComplianceRecord"} {
		if !sources[s] {
			t.Errorf("受托生产企业: no dropdown of %s after LibreOffice; lists: %v", s, sources)
		}
	}
	if dvs, _ := x.GetDataValidations("生产阶段"); !hasList(dvs, "ref_site") || !hasList(dvs, "list_StageKey") {
		t.Errorf("生产阶段: the dropdowns of sites and stage kinds are lost")
	}
	if dvs, _ := x.GetDataValidations("协议条款"); !hasList(dvs, "ref_manufacturer") {
		t.Errorf("协议条款: the dropdown of manufacturer ids is lost")
	}
	names := map[string]string{}
	for _, n := range x.GetDefinedName() {
		names[n.Name] = n.RefersTo
	}
	for _, n := range []string{"list_Category", "ref_manufacturer", "ref_stage", "ref_site"} {
		if names[n] == "" {
			t.Errorf("the named range %s is lost", n)
		}
	}
	// Required cells still turn orange while empty.
	for _, s := range []string{"申请人", "受托生产企业"} {
		cf, err := x.GetConditionalFormats(s)
		n := 0
		for _, opts := range cf {
			for _, o := range opts {
				if o.Type == "formula" && strings.Contains(o.Criteria, "ISBLANK") {
					n++
				}
			}
		}
		if err != nil || n < 5 {
			t.Errorf("%s: %d highlights of empty required cells after LibreOffice (%v)", s, n, err)
		}
	}
	comments, err := x.GetComments("受托生产企业")
	if err != nil || len(comments) < 20 {
		t.Errorf("受托生产企业: %d notes after LibreOffice (%v)", len(comments), err)
	}
	for _, s := range []string{"申请人", "受托生产企业", "协议条款"} {
		p, err := x.GetSheetProtection(s)
		if err != nil || !p.SelectUnlockedCells {
			t.Errorf("%s: protection lost: %+v %v", s, p, err)
		}
	}
	if v, _ := x.GetSheetVisible(listsSheet); v {
		t.Error("the lists sheet is visible after LibreOffice")
	}
	// LibreOffice keeps the workbook protected but writes the element
	// without lockStructure, so Excel then lets sheets be renamed; a
	// renamed sheet is still reported by name.
	if wb := testtool.ZipPart(t, data, "xl/workbook.xml"); !bytes.Contains(wb, []byte("<workbookProtection")) {
		t.Error("the workbook is no longer protected after LibreOffice")
	}
	// LibreOffice computed the site list: the holder, then the ids.
	for i, want := range []string{"holder", "lanhu-suzhou", "hengxin-changzhou"} {
		col := ""
		for c := 1; c < 30; c++ {
			if v, _ := x.GetCellValue(listsSheet, cellName(c, 1)); v == "ref_site" {
				col = colName(c)
			}
		}
		if got, _ := x.GetCellValue(listsSheet, col+string(rune('2'+i))); got != want {
			t.Errorf("site list row %d = %q, want %q", i+2, got, want)
		}
	}
}

func hasList(dvs []*excelize.DataValidation, source string) bool {
	for _, dv := range dvs {
		if dv.Type == "list" && strings.TrimPrefix(dv.Formula1, "=") == source {
			return true
		}
	}
	return false
}
