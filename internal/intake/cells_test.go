package intake

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/finding"
	"pilotpack/internal/rules"
)

// workbook returns the ADC fixture's workbook.
func workbook(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, loadFixture(t, "adc").File); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// edit changes a workbook as a person would in a spreadsheet program.
func edit(t testing.TB, data []byte, change func(x *excelize.File)) []byte {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	change(x)
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func set(x *excelize.File, ref string, v any) {
	sheet, cell, _ := strings.Cut(ref, "!")
	if err := x.SetCellValue(sheet, cell, v); err != nil {
		panic(err)
	}
}

// TestCells reads cells written the ways people write them, and checks
// the value the model gets or the finding, named by its sheet and cell.
func TestCells(t *testing.T) {
	base := workbook(t)
	stages := len(loadFixture(t, "adc").Stages)
	cases := []struct {
		name   string
		change func(x *excelize.File)
		// check inspects the model; finding, if set, must be among the
		// findings as "CELL severity rule path".
		check   func(a *applicant.Applicant) bool
		finding string
	}{
		{name: "wrong credit code, the issue's example",
			change:  func(x *excelize.File) { set(x, "受托生产企业!D4", "91320411785261904X") },
			finding: "受托生产企业!D4 error id.credit-code manufacturers[1].credit_code"},
		{name: "date as text with slashes",
			change: func(x *excelize.File) { set(x, "申请信息!C6", "2025/12/9") },
			check:  func(a *applicant.Applicant) bool { return a.Application.Date == civil.MustParse("2025-12-09") }},
		{name: "date in Chinese",
			change: func(x *excelize.File) { set(x, "申请信息!C6", "2025年12月8日") },
			check:  func(a *applicant.Applicant) bool { return a.Application.Date == civil.MustParse("2025-12-08") }},
		{name: "date serial number",
			change: func(x *excelize.File) { set(x, "申请信息!C6", 46000) },
			check:  func(a *applicant.Applicant) bool { return a.Application.Date == civil.MustParse("2025-12-09") }},
		{name: "not a date",
			change:  func(x *excelize.File) { set(x, "申请信息!C6", "下周一") },
			finding: "申请信息!C6 error data.value application.date"},
		{name: "number stored as text, with spaces",
			change: func(x *excelize.File) { set(x, "协议条款!D3", " 6 ") },
			check:  func(a *applicant.Applicant) bool { return a.Manufacturers[0].Agreement.TermYears == 6 }},
		{name: "a fraction where a whole number belongs",
			change:  func(x *excelize.File) { set(x, "协议条款!D3", 2.5) },
			finding: "协议条款!D3 error data.type manufacturers[0].agreement.term_years"},
		{name: "province code typed as a number",
			change: func(x *excelize.File) { set(x, "申请信息!C5", 310000) },
			check:  func(a *applicant.Applicant) bool { return a.Application.ProvinceCode == "310000" }},
		{name: "trailing and full-width spaces",
			change: func(x *excelize.File) { set(x, "受托生产企业!A3", "lanhu-suzhou\u3000 ") },
			check:  func(a *applicant.Applicant) bool { return a.Manufacturers[0].ID == "lanhu-suzhou" }},
		{name: "enum as the key alone",
			change: func(x *excelize.File) { set(x, "品种!C6", "adc") },
			check:  func(a *applicant.Applicant) bool { return a.Product.Category == "adc" }},
		{name: "enum as the Chinese wording alone",
			change: func(x *excelize.File) { set(x, "品种!C6", "抗体偶联类生物制品") },
			check:  func(a *applicant.Applicant) bool { return a.Product.Category == "adc" }},
		{name: "enum misspelt",
			change:  func(x *excelize.File) { set(x, "品种!C6", "adcc") },
			finding: "品种!C6 error data.enum product.category"},
		{name: "yes and no",
			change: func(x *excelize.File) { set(x, "品种!C8", "yes") },
			check:  func(a *applicant.Applicant) bool { return a.Product.UrgentlyNeeded }},
		{name: "a boolean cell",
			change: func(x *excelize.File) { x.SetCellBool("品种", "C8", true) },
			check:  func(a *applicant.Applicant) bool { return a.Product.UrgentlyNeeded }},
		{name: "an empty row between stages",
			change: func(x *excelize.File) { x.InsertRows("生产阶段", 4, 2) },
			check:  func(a *applicant.Applicant) bool { return len(a.Stages) == stages && a.Stages[1].ID != "" }},
		{name: "a hidden column is still read",
			change: func(x *excelize.File) { x.SetColVisible("受托生产企业", "D", false) },
			check:  func(a *applicant.Applicant) bool { return a.Manufacturers[1].CreditCode == "91320411785261904U" }},
		{name: "merged cells down a child table's first column",
			change: func(x *excelize.File) {
				// Two responsibility rows of one manufacturer, its id merged.
				set(x, "职责分工调整!A4", "")
				set(x, "职责分工调整!B4", "release")
				set(x, "职责分工调整!C4", "responsible")
				set(x, "职责分工调整!D4", "informed")
				x.MergeCell("职责分工调整", "A3", "A4")
			},
			check: func(a *applicant.Applicant) bool {
				rs := a.Manufacturers[2].Responsibilities
				return len(rs) >= 2 && rs[len(rs)-1].Activity == "release"
			}},
		{name: "merged Chinese and English cells are not read twice",
			change: func(x *excelize.File) { set(x, "申请人!D6", ""); x.MergeCell("申请人", "C6", "D6") },
			check: func(a *applicant.Applicant) bool {
				return a.Applicant.RegisteredAddress.Zh != "" && a.Applicant.RegisteredAddress.En == ""
			}},
		{name: "formula with a saved result",
			change: func(x *excelize.File) {
				x.SetCellFormula("申请信息", "C3", `"hy-adc01"&"-shanghai"`)
				set(x, "申请信息!C3", "hy-adc01-shanghai") // what a spreadsheet program saves beside it
				x.SetCellFormula("申请信息", "C3", `"hy-adc01"&"-shanghai"`)
			},
			finding: "申请信息!C3 info data.formula application.id"},
		{name: "formula without a saved result",
			change:  func(x *excelize.File) { x.SetCellFormula("跨境信息", "C3", `LOWER("HY")`) },
			finding: "跨境信息!C3 error data.formula cross_border.summary"},
		{name: "unknown column",
			change: func(x *excelize.File) {
				set(x, "受托生产企业!BZ2", "credit_cod")
				set(x, "受托生产企业!BZ3", "x")
			},
			finding: "受托生产企业!BZ2 error data.unknown-field manufacturers[].credit_cod"},
		{name: "unknown field row",
			change:  func(x *excelize.File) { set(x, "申请信息!B8", "provnce"); set(x, "申请信息!C8", "x") },
			finding: "申请信息!B8 error data.unknown-field application.provnce"},
		{name: "a value with no column name",
			change:  func(x *excelize.File) { set(x, "风险评估!CA3", "stray note") },
			finding: "风险评估!CA3 error data.unknown-field risks"},
		{name: "a row naming no manufacturer",
			change:  func(x *excelize.File) { set(x, "协议条款!A4", "") },
			finding: "协议条款!A4 error data.required manufacturers.agreement"},
		{name: "a row naming an unknown manufacturer",
			change:  func(x *excelize.File) { set(x, "协议条款!A4", "hengxin-changzou") },
			finding: "协议条款!A4 error data.value manufacturers.agreement"},
		{name: "a missing required value",
			change:  func(x *excelize.File) { set(x, "生产阶段!C4", ""); set(x, "生产阶段!D4", "") },
			finding: "生产阶段!C4 error data.required stages[1].description"},
		{name: "list lines that do not pair",
			change:  func(x *excelize.File) { set(x, "品种!D23", "one\ntwo\nthree\nfour\nfive") },
			finding: "品种!D23 error data.value product.components"},
		{name: "an unknown sheet",
			change:  func(x *excelize.File) { x.NewSheet("生产阶段2") },
			finding: "生产阶段2!A1 error data.unknown-field "},
		{name: "an amount typed with separators",
			change: func(x *excelize.File) { set(x, "协议条款!O3", "1,250,000.50") },
			check: func(a *applicant.Applicant) bool {
				p := a.Manufacturers[0].Agreement.Price
				return p != nil && p.Amount == 125000050
			}},
	}
	pol := rules.DefaultPolicy()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := edit(t, base, tc.change)
			a, loaded, err := applicant.Parse("adc.xlsx", data)
			if err != nil {
				t.Fatal(err)
			}
			fs := rules.Check(a, pol, loaded)
			if tc.check != nil && !tc.check(a) {
				t.Errorf("the model did not get the value; findings:\n%s", dump(fs))
			}
			if tc.finding != "" {
				found := false
				for _, f := range fs {
					found = found || strings.HasPrefix(f.Cell+" "+f.Severity.String()+" "+f.Rule+" "+f.Path, tc.finding)
				}
				if !found {
					t.Errorf("no finding %q among:\n%s", tc.finding, dump(fs))
				}
			}
			if tc.finding == "" {
				for _, f := range loaded {
					if f.Severity == finding.Error {
						t.Errorf("unexpected: %s", f.Format("en"))
					}
				}
			}
		})
	}
}

func dump(fs finding.List) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Format("en") + "\n")
	}
	return b.String()
}
