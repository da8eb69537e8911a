package review

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"pilotpack/internal/lang"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/xuri/excelize/v2"

	"pilotpack/generators/xlsx"
	"pilotpack/internal/pack"
	"pilotpack/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var date = time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC)

func fixtures(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, n := range []string{"adc", "vaccine", "glp1"} {
		files = append(files, filepath.Join("..", "..", "fixtures", "applicants", n+".yaml"))
	}
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	os.WriteFile(broken, []byte("application: {province: 上海市\n"), 0o644)
	return append(files, broken)
}

func defaultPack(t *testing.T) *pack.Pack {
	t.Helper()
	p, err := pack.Open("")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// cells dumps every sheet of a workbook as text, with the conditional
// formats and filters a reviewer relies on.
func cells(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s ==\n", sheet)
		rows, _ := f.GetRows(sheet)
		for i, r := range rows {
			if i > 0 && len(r) > 0 {
				r[0] = strings.ReplaceAll(r[0], os.TempDir(), "$TMP")
			}
			b.WriteString(strings.Join(r, " | ") + "\n")
		}
		if cf, _ := f.GetConditionalFormats(sheet); len(cf) > 0 {
			fmt.Fprintf(&b, "-- %d conditional formats\n", len(cf))
		}
	}
	return b.String()
}

// TestWorkbook reviews the three fixtures and a file that cannot be read, in
// both languages, and compares every cell with testdata.
func TestWorkbook(t *testing.T) {
	files := fixtures(t)
	for _, lg := range lang.All {
		res, err := Run(files, Options{Pack: defaultPack(t), Lang: lg, Date: date, Jobs: 2, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		got := cells(t, res.Workbook)
		golden := filepath.Join("testdata", "review-"+string(lg)+".txt")
		if *update {
			os.WriteFile(golden, []byte(got), 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (go test ./internal/review -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs; go test ./internal/review -update and review the diff\n%s", golden, got)
		}
		// The verdicts are the readiness a build reports: the GLP-1
		// fixture lacks required materials, so it is incomplete, not
		// acceptable.
		verdicts := []xlsx.ReviewStatus{xlsx.Acceptable, xlsx.Acceptable, xlsx.Incomplete, xlsx.Unreadable}
		for i, f := range res.Files {
			if f.Status != verdicts[i] {
				t.Errorf("%s: %s, want %s", f.Path, f.Status, verdicts[i])
			}
		}
	}
}

func TestWorkbookStructure(t *testing.T) {
	res, err := Run(fixtures(t), Options{Pack: defaultPack(t), Date: date, Jobs: 1, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(res.Workbook))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range []string{"申请", "受托生产企业", "问题"} {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: the header row is not frozen (%v)", sheet, err)
		}
		if cf, _ := f.GetConditionalFormats(sheet); len(cf) == 0 {
			t.Errorf("%s: no conditional formatting", sheet)
		}
		names := f.GetDefinedName()
		found := false
		for _, n := range names {
			if n.Name == "_xlnm._FilterDatabase" && n.Scope == sheet {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no filter", sheet)
		}
	}
	// Applicant text that looks like a formula stays text.
	again, err := Run(fixtures(t), Options{Pack: defaultPack(t), Date: date, Jobs: 3, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Workbook, again.Workbook) {
		t.Error("two reviews of the same files on the same date differ")
	}
}

func TestFormulaTextStaysText(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "applicants", "glp1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "formula.yaml")
	os.WriteFile(path, bytes.Replace(src, []byte("name_zh: 深圳康峤生物科技有限公司"), []byte(`name_zh: "=HYPERLINK(\"http://x\",\"y\")"`), 1), 0o644)
	res, err := Run([]string{path}, Options{Pack: defaultPack(t), Date: date, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(res.Workbook))
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("%s!%s holds a formula: %s", sheet, ref, formula)
				}
			}
		}
	}
	if v, _ := f.GetCellValue("申请", "D2"); !strings.HasPrefix(v, "=HYPERLINK") {
		t.Errorf("applicant cell %q", v)
	}
}

// TestPlans writes the work plans: one PDF and one DOCX for every readable
// application, valid and readable, and none for the broken file; a second
// review on the same date writes the same bytes.
func TestPlans(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "plans")
	files := fixtures(t)
	res, err := Run(files, Options{Pack: defaultPack(t), Date: date, Jobs: 2, Plans: dir})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range res.Files {
		if i < 3 && (len(f.Plan) != 2 || f.PlanError != nil) {
			t.Errorf("%s: plan %v, %s", f.Path, f.Plan, f.PlanError)
		}
		if i == 3 && len(f.Plan) != 0 {
			t.Errorf("a plan for an unreadable file: %v", f.Plan)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := "hy-adc01-shanghai-work-plan.docx hy-adc01-shanghai-work-plan.pdf kq-glp1-pen-guangdong-work-plan.docx kq-glp1-pen-guangdong-work-plan.pdf rz-pcv15-jiangsu-work-plan.docx rz-pcv15-jiangsu-work-plan.pdf"
	if strings.Join(names, " ") != want {
		t.Errorf("plans folder: %v", names)
	}
	pdfPath := filepath.Join(dir, "rz-pcv15-jiangsu-work-plan.pdf")
	data, _ := os.ReadFile(pdfPath)
	api.DisableConfigDir()
	if err := api.Validate(bytes.NewReader(data), model.NewDefaultConfiguration()); err != nil {
		t.Errorf("plan PDF: %v", err)
	}
	dir2 := filepath.Join(t.TempDir(), "plans")
	if _, err := Run(files, Options{Pack: defaultPack(t), Date: date, Jobs: 1, Plans: dir2}); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(filepath.Join(dir2, "rz-pcv15-jiangsu-work-plan.pdf"))
	if !bytes.Equal(data, again) {
		t.Error("the same plan differs between two reviews")
	}
	testtool.Need(t, "pdftotext")
	text := strings.Join(strings.Fields(testtool.Run(t, "pdftotext", pdfPath, "-")), "")
	for _, s := range []string{"“一品一策”工作方案", "江苏省药品监督管理局", "浙江省药品监督管理局", "境外生产场地", "疫苗按照规定实施批签发", "2026年3月31日前", "试点总结报告"} {
		if !strings.Contains(text, s) {
			t.Errorf("the vaccine's plan does not say %q", s)
		}
	}
}

func TestPlansForDuplicateIDs(t *testing.T) {
	src := filepath.Join("..", "..", "fixtures", "applicants", "glp1.yaml")
	data, _ := os.ReadFile(src)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	os.WriteFile(a, data, 0o644)
	os.WriteFile(b, data, 0o644)
	res, err := Run([]string{a, b}, Options{Pack: defaultPack(t), Date: date, Jobs: 1, Plans: filepath.Join(dir, "plans")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files[0].Plan) != 2 || res.Files[1].PlanError == nil {
		t.Fatalf("duplicate ids: %+v", res.Files)
	}
	want := lang.T("与 "+a+" 的编号同为 kq-glp1-pen-guangdong；请为每份申请设不同的 application.id",
		a+" has the same id, kq-glp1-pen-guangdong; give each application its own application.id")
	for _, l := range lang.All {
		if got := lang.Message(res.Files[1].PlanError, l); got != want.In(l) {
			t.Errorf("%s: %s\nwant %s", l, got, want.In(l))
		}
	}
	// The first file given keeps the plan, however the jobs finish.
	for range 3 {
		res, err := Run([]string{b, a}, Options{Pack: defaultPack(t), Date: date, Jobs: 2, Plans: filepath.Join(dir, "plans2")})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Files[0].Plan) != 2 || res.Files[1].PlanError == nil || !strings.HasPrefix(res.Files[1].PlanError.Error(), b+" has the same id") {
			t.Fatalf("given b first: %+v", res.Files)
		}
	}
}
