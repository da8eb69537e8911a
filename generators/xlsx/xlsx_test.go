package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
)

var date = time.Date(2025, 12, 10, 9, 0, 0, 0, time.UTC)

// checklist is a workbook like a packet's: provided, pending and
// not-applicable items, links, findings, four sites and two matrices.
func checklist(lg lang.Lang) *Workbook {
	wb := &Workbook{Lang: lg, Title: "申报资料目录与核对表 — 注射用瀚妥珠单抗维多汀", Creator: "pilotpack test", Date: date}
	if lg == lang.En {
		wb.Title = "Filing checklist — Hantuzumab Vedotin for Injection"
	}
	wb.Items = []Item{
		{Name: "生物制品分段生产试点申请书（含申请表）", Form: "原件", Medium: "纸质及电子", Copies: 2, Necessity: "必要", Source: "申请人自备",
			Requirements: "法定代表人签字并加盖公章；封面、申请表及各承诺处均须盖章", Responsible: "持有人", Status: Provided,
			Files: []File{{Name: "01-application.pdf", Path: "01-application.pdf", Pages: 14}}},
		{Name: "营业执照", Form: "复印件", Medium: "纸质及电子", Copies: 1, Necessity: "必要", Source: "部门核发", Responsible: "持有人", Status: Provided,
			Files: []File{{Name: "attachments/01-business-licence.pdf", Path: "attachments/01-business-licence.pdf", Pages: 2},
				{Name: "attachments/02-manufacturing-licence.pdf", Path: "attachments/02-manufacturing-licence.pdf", Pages: 2}}},
		{Name: "委托生产协议（上海臻恒生物技术有限公司）", Form: "原件", Copies: 2, Necessity: "必要", Status: Provided,
			Files: []File{{Name: "07-production-agreement-zhenheng-shanghai.pdf", Path: "07-production-agreement-zhenheng-shanghai.pdf", Pages: 7}}},
		{Name: "=HYPERLINK(\"http://x\")", Form: "复印件", Copies: 1, Necessity: "容缺", Status: Pending, Remarks: "容缺受理：可于受理后补交"},
		{Name: "专利证明", Form: "复印件", Copies: 1, Necessity: "可选", Status: NotApplicable, Remarks: "如适用，请补充"},
	}
	wb.Findings = []Finding{{Rule: "agreement.pilot-end", Severity: "提示", Line: 212, Field: "manufacturers[0].agreement.term_years", Message: "协议期限超过试点结束日期", Basis: "试点工作方案"}}
	wb.Stages = StageMatrix{Sites: []string{"上海瀚源生物医药科技有限公司", "苏州澜湖生物制药有限公司", "常州恒新药业有限公司", "上海臻恒生物技术有限公司"},
		Stages: []StageRow{{Name: "细胞库/菌毒种库：主细胞库和工作细胞库的制备", Site: 0}, {Name: "抗体中间体", Site: 1}, {Name: "偶联", Site: 3}}}
	wb.Matrices = []Matrix{
		{Manufacturer: "苏州澜湖生物制药有限公司", Rows: []MatrixRow{{Chapter: "质量管理体系", Activity: "建立和维护质量管理体系", Holder: "负责", Manufacturer: "参与"}}},
		{Manufacturer: "上海臻恒生物技术有限公司", Rows: []MatrixRow{{Chapter: "生产管理", Activity: "偶联工序", Holder: "批准", Manufacturer: "负责", Changed: true}}},
	}
	wb.Summary = []Pair{{"申请人", "上海瀚源生物医药科技有限公司"}, {"结论", "尚有 1 项材料待补充"}}
	if lg == lang.En {
		// The labels English puts in narrow columns.
		for i := range wb.Items {
			it := &wb.Items[i]
			it.Form, it.Medium, it.Necessity, it.Source, it.Responsible = "original", "paper and electronic", "may follow later", "issued by an authority", "contract manufacturer"
		}
		wb.Findings[0].Severity = "warning"
		wb.Matrices[0].Rows[0].Holder, wb.Matrices[0].Rows[0].Manufacturer = "participates", "responsible"
	}
	return wb
}

// review is an intake workbook over three applications.
func review(lg lang.Lang) *Review {
	r := &Review{Lang: lg, Title: "生物制品分段生产试点申请初审表", Creator: "pilotpack test", Date: date}
	for i, a := range []Application{
		{File: "adc.yaml", ID: "hy-adc01-shanghai", Applicant: "上海瀚源生物医药科技有限公司", CreditCode: "91310115631502488C", Product: "注射用瀚妥珠单抗维多汀",
			Category: "抗体偶联类生物制品", Province: "上海市", Date: "2025-12-10", Deadline: "按期", Stages: "细胞库 — 持有人\n偶联 — 上海臻恒生物技术有限公司",
			Manufacturers: "苏州澜湖生物制药有限公司（江苏省）", Status: Acceptable},
		{File: "late.yaml", ID: "late", Applicant: "深圳康峤生物科技有限公司", CreditCode: "91440300709264812T", Deadline: "逾期 3 天", Late: true, Errors: 2, Status: ToCorrect},
		{File: "broken.yaml", ID: "-", Status: Unreadable},
		{File: "glp1.yaml", ID: "kq-glp1", Applicant: "深圳康峤生物科技有限公司", Warnings: 2, Status: Incomplete},
	} {
		_ = i
		r.Applications = append(r.Applications, a)
	}
	r.Manufacturers = []Manufacturer{{Name: "苏州澜湖生物制药有限公司", Location: "江苏省", CreditCode: "91320594708123655E", Licence: "苏20180123 (AcCs)",
		UsedBy: "上海瀚源生物医药科技有限公司（注射用瀚妥珠单抗维多汀）", Stages: "抗体中间体", Applications: 1, Experience: 8, GMP: "苏药监GMP(2025)0412号", GMPStatus: "有效"},
		{Name: "Lonvia Biologics (Singapore) Pte. Ltd.", Location: "新加坡", Experience: 2, ShortExperience: true, GMPStatus: "已过期", GMPProblem: true}}
	r.Findings = []ReviewFinding{{File: "late.yaml", Applicant: "深圳康峤生物科技有限公司", Severity: finding.Error.Label(lg), Rule: "application.deadline", Field: "application.date", Line: 3, Message: "申请晚于截止日期", Basis: "工作方案"}}
	r.Summary = []Pair{{"申请数", "3"}}
	return r
}

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func writeChecklist(t *testing.T, wb *Workbook) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, wb); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeReview(t *testing.T, r *Review) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteReview(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestChecklistCells reads the checklist's cells back: values as text, never
// formulas, links to the first file, the others in the remarks.
func TestChecklistCells(t *testing.T) {
	f := open(t, writeChecklist(t, checklist(lang.Zh)))
	if got := f.GetSheetList(); !slices.Equal(got, []string{"申报资料目录", "问题清单", "阶段与场地", "职责分工 1", "职责分工 2", "汇总"}) {
		t.Fatalf("sheets %q", got)
	}
	for _, c := range []struct{ sheet, cell, want string }{
		{"申报资料目录", "A1", "序号"},
		{"申报资料目录", "K1", "对应文件"},
		{"申报资料目录", "B2", "生物制品分段生产试点申请书（含申请表）"},
		{"申报资料目录", "E2", "2"},
		{"申报资料目录", "J2", "已提供"},
		{"申报资料目录", "K2", "01-application.pdf"},
		{"申报资料目录", "L2", "14"},
		{"申报资料目录", "L3", "4"},
		{"申报资料目录", "M3", "另见：attachments/02-manufacturing-licence.pdf"},
		{"申报资料目录", "B5", `=HYPERLINK("http://x")`},
		{"申报资料目录", "J5", "待补充"},
		{"申报资料目录", "L5", ""},
		{"申报资料目录", "J6", "不适用"},
		{"问题清单", "C2", "212"},
		{"问题清单", "D2", "manufacturers[0].agreement.term_years"},
		{"阶段与场地", "A1", "生产阶段"},
		{"阶段与场地", "E1", "上海臻恒生物技术有限公司"},
		{"阶段与场地", "B2", "●"},
		{"阶段与场地", "C2", ""},
		{"阶段与场地", "E4", "●"},
		{"职责分工 2", "E1", "上海臻恒生物技术有限公司"},
		{"职责分工 2", "C2", "偶联工序 *"},
		{"汇总", "A1", "申报资料目录与核对表 — 注射用瀚妥珠单抗维多汀"},
		{"汇总", "B4", "尚有 1 项材料待补充"},
	} {
		if got, _ := f.GetCellValue(c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
		if formula, _ := f.GetCellFormula(c.sheet, c.cell); formula != "" {
			t.Errorf("%s!%s holds a formula %q", c.sheet, c.cell, formula)
		}
	}
	if ok, target, _ := f.GetCellHyperLink("申报资料目录", "K3"); !ok || target != "attachments/01-business-licence.pdf" {
		t.Errorf("K3 links to %q (%v)", target, ok)
	}
	if ok, _, _ := f.GetCellHyperLink("申报资料目录", "K5"); ok {
		t.Error("a pending item links to a file")
	}
	dvs, _ := f.GetDataValidations("申报资料目录")
	if len(dvs) != 1 || dvs[0].Sqref != "J2:J6" || dvs[0].Formula1 != `"已提供,待补充,不适用"` {
		t.Errorf("status dropdown: %+v", dvs)
	}
	if cf, _ := f.GetConditionalFormats("申报资料目录"); len(cf["J2:J6"]) != 1 {
		t.Errorf("pending statuses are not highlighted: %v", cf)
	}
	if cells, _ := f.GetMergeCells("汇总"); len(cells) != 1 || cells[0].GetStartAxis() != "A1" || cells[0].GetEndAxis() != "B1" {
		t.Errorf("the summary's title does not span both columns: %v", cells)
	}
}

// TestReviewCells reads the review workbook's key cells back.
func TestReviewCells(t *testing.T) {
	f := open(t, writeReview(t, review(lang.En)))
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Applications", "Manufacturers", "Findings", "Summary"}) {
		t.Fatalf("sheets %q", got)
	}
	for _, c := range []struct{ sheet, cell, want string }{
		{"Applications", "P1", "Verdict"},
		{"Applications", "E2", "91310115631502488C"},
		{"Applications", "M2", "no"},
		{"Applications", "M4", ""},
		{"Applications", "N3", "2"},
		{"Applications", "P3", "to correct: the data has errors"},
		{"Applications", "P4", "unreadable"},
		{"Applications", "P5", "incomplete: materials missing"},
		{"Manufacturers", "I2", "8"},
		{"Findings", "C2", "error"},
		{"Summary", "A1", "生物制品分段生产试点申请初审表"},
	} {
		if got, _ := f.GetCellValue(c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
	cf, _ := f.GetConditionalFormats("Applications")
	for _, ref := range []string{"N2:N5", "O2:O5", "P2:P5", "M2:M5"} {
		if len(cf[ref]) == 0 {
			t.Errorf("no conditional format on %s", ref)
		}
	}
	// Each verdict has its colour: an incomplete application is amber,
	// between the green of a ready one and the red of one to correct.
	fill := map[string]string{}
	for _, c := range cf["P2:P5"] {
		style, err := f.GetConditionalStyle(*c.Format)
		if err != nil {
			t.Fatal(err)
		}
		fill[strings.Trim(c.Value, `"`)] = style.Fill.Color[0]
	}
	for label, want := range map[string]string{"ready to file": "C6EFCE", "incomplete: materials missing": "FFEB9C", "to correct: the data has errors": "FFC7CE", "unreadable": "FFC7CE"} {
		if !strings.EqualFold(fill[label], want) {
			t.Errorf("verdict %q is coloured %q, want %s", label, fill[label], want)
		}
	}
}

// TestPageSetup reads every sheet's print settings back: A4, orientation by
// width, fitted to the page's width at a legible scale, the header row on
// every page, margins, running header and footer, print area.
func TestPageSetup(t *testing.T) {
	type book struct {
		name string
		data []byte
	}
	var books []book
	for _, lg := range lang.All {
		books = append(books, book{"checklist " + lg.String(), writeChecklist(t, checklist(lg))}, book{"review " + lg.String(), writeReview(t, review(lg))})
	}
	for _, bk := range books {
		f := open(t, bk.data)
		names := map[string]excelize.DefinedName{}
		for _, dn := range f.GetDefinedName() {
			names[dn.Scope+" "+dn.Name] = dn
		}
		for i, sheet := range f.GetSheetList() {
			where := bk.name + " " + sheet
			summary := i == len(f.GetSheetList())-1
			widths := columnWidths(t, f, sheet)
			landscape, scale := layoutFor(widths)
			if scale < minScale {
				t.Errorf("%s prints at %.0f%%", where, 100*scale)
			}
			if summary && landscape {
				t.Errorf("%s is landscape", where)
			}
			if !summary && !landscape && printWidth(widths) > portraitW {
				t.Errorf("%s is too wide for portrait", where)
			}
			pl, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			orient := map[bool]string{true: "landscape", false: "portrait"}[landscape]
			if *pl.Size != a4 || *pl.Orientation != orient || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
				t.Errorf("%s: size %d, %s, fit %d × %d; want A4 %s, 1 × 0", where, *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight, orient)
			}
			props, _ := f.GetSheetProps(sheet)
			if props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s is not fitted to the page", where)
			}
			m, _ := f.GetPageMargins(sheet)
			if *m.Left != sideIn || *m.Right != sideIn || *m.Top != edgeIn || *m.Bottom != edgeIn || *m.Header != hfIn || *m.Footer != hfIn {
				t.Errorf("%s: margins %v %v %v %v %v %v", where, *m.Left, *m.Right, *m.Top, *m.Bottom, *m.Header, *m.Footer)
			}
			hf, _ := f.GetHeaderFooter(sheet)
			if hf == nil || !strings.Contains(hf.OddHeader, "&A") || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
				t.Errorf("%s: header and footer %+v lack the sheet name or page x of y", where, hf)
			}
			rows, _ := f.GetRows(sheet)
			last, _ := excelize.CoordinatesToCellName(len(widths), len(rows), true)
			quoted := "'" + sheet + "'"
			if got := names[sheet+" _xlnm.Print_Area"].RefersTo; got != quoted+"!$A$1:"+last {
				t.Errorf("%s: print area %q, want %s", where, got, quoted+"!$A$1:"+last)
			}
			titles := names[sheet+" _xlnm.Print_Titles"].RefersTo
			if want := quoted + "!$1:$1"; !summary && titles != want {
				t.Errorf("%s: print titles %q, want %s", where, titles, want)
			}
			if summary && titles != "" {
				t.Errorf("%s: print titles %q", where, titles)
			}
		}
	}
}

func columnWidths(t *testing.T, f *excelize.File, sheet string) []float64 {
	cols, err := f.GetCols(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var widths []float64
	for i := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		w, _ := f.GetColWidth(sheet, name)
		widths = append(widths, w)
	}
	return widths
}

// TestNothingClipped checks that rows are tall enough for their wrapped
// text, header labels and the words of narrow columns are never broken,
// and credit codes and file names fit their columns.
func TestNothingClipped(t *testing.T) {
	for _, lg := range lang.All {
		for name, data := range map[string][]byte{"checklist": writeChecklist(t, checklist(lg)), "review": writeReview(t, review(lg))} {
			f := open(t, data)
			for _, sheet := range f.GetSheetList() {
				widths := columnWidths(t, f, sheet)
				rows, _ := f.GetRows(sheet)
				for r, row := range rows {
					lines := 1
					for c, v := range row {
						where := fmt.Sprintf("%s %s %s!%s", lg, name, sheet, cellName(c, r))
						if c >= len(widths) || v == "" {
							continue
						}
						w := widths[c]
						if merged := r == 0 && len(row) == 1; merged {
							w = widths[0] + widths[1]
						}
						lines = max(lines, wrappedLines(v, w))
						// A word of n half-width characters takes n units; a
						// column keeps half a unit of padding.
						if r == 0 || w < 14 {
							for _, word := range breakable(v) {
								if units(word) > w-0.5 {
									t.Errorf("%s: %q is broken in a column %.0f wide", where, word, w)
								}
							}
						}
					}
					h, _ := f.GetRowHeight(sheet, r+1)
					if len(row) > 0 && h < rowHeight(lines) && !(r == 0 && len(row) == 1) {
						t.Errorf("%s %s %s row %d: %.1f pt for %d lines", lg, name, sheet, r+1, h, lines)
					}
				}
			}
		}
	}
}

func cellName(c, r int) string { n, _ := excelize.CoordinatesToCellName(c+1, r+1); return n }

// breakable splits text where a spreadsheet may break a line: at spaces,
// hyphens and slashes, and between East Asian characters.
func breakable(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			flush()
		case r == '-' || r == '/' || r >= 0x2E80:
			cur.WriteRune(r)
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// units is the width of s in column units: a unit is a half-width
// character of the sheets' 10.5 pt text.
func units(s string) float64 {
	n := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// TestWideStageMatrix checks that a stage matrix of many sites narrows its
// columns and, past a legible scale, prints across two pages with its first
// column repeated.
func TestWideStageMatrix(t *testing.T) {
	for _, c := range []struct {
		sites  int
		across int
	}{{4, 1}, {10, 1}, {16, 2}} {
		wb := checklist(lang.Zh)
		wb.Stages.Sites = nil
		for i := range c.sites {
			wb.Stages.Sites = append(wb.Stages.Sites, fmt.Sprintf("受托生产企业%d", i+1))
		}
		f := open(t, writeChecklist(t, wb))
		pl, _ := f.GetPageLayout("阶段与场地")
		if *pl.FitToWidth != c.across {
			t.Errorf("%d sites: %d pages across, want %d", c.sites, *pl.FitToWidth, c.across)
		}
		widths := columnWidths(t, f, "阶段与场地")
		if _, scale := layoutFor(widths); c.across == 1 && scale < minScale {
			t.Errorf("%d sites: %.0f%%", c.sites, 100*scale)
		}
		for _, dn := range f.GetDefinedName() {
			if dn.Scope == "阶段与场地" && dn.Name == "_xlnm.Print_Titles" && (c.across > 1) != strings.Contains(dn.RefersTo, "$A:$A") {
				t.Errorf("%d sites: print titles %s", c.sites, dn.RefersTo)
			}
		}
	}
}

func TestLayoutFor(t *testing.T) {
	for _, c := range []struct {
		widths    []float64
		landscape bool
		scale     float64
	}{
		{[]float64{28, 48}, false, 1},
		{[]float64{36, 22, 22, 22, 22}, true, 0.90},
		{[]float64{100, 100}, true, 0.56},
	} {
		l, s := layoutFor(c.widths)
		if l != c.landscape || math.Abs(s-c.scale) > 0.01 {
			t.Errorf("%v: landscape %v at %.2f, want %v at %.2f", c.widths, l, s, c.landscape, c.scale)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, lg := range lang.All {
		if !bytes.Equal(writeChecklist(t, checklist(lg)), writeChecklist(t, checklist(lg))) {
			t.Errorf("%s: two checklists differ", lg)
		}
		if !bytes.Equal(writeReview(t, review(lg)), writeReview(t, review(lg))) {
			t.Errorf("%s: two reviews differ", lg)
		}
	}
}

func TestHeaderText(t *testing.T) {
	if got := headerText("R&D 申报"); got != "R&&D 申报" {
		t.Errorf("got %q", got)
	}
	if got := absolute("M25"); got != "$M$25" {
		t.Errorf("got %q", got)
	}
}

// TestLabels: every word of the workbooks has both wordings, the Chinese
// without English but the names of things (GMP), and sheet names fit
// Excel's 31 characters.
func TestLabels(t *testing.T) {
	var all []lang.Text
	for _, cols := range [][]column{itemColumns, findingColumns, matrixColumns, applicationColumns, manufacturerColumns, reviewFindingColumns} {
		for _, c := range cols {
			all = append(all, c.label)
		}
	}
	sheets := []lang.Text{sheetChecklist, sheetFindings, sheetStages, lang.Format(sheetMatrix, 99), sheetSummary,
		sheetApplications, sheetManufacturers, sheetProblems, sheetOverview}
	all = append(append(all, sheets...), labelStage, labelAlso, labelFooter, labelYes, labelNo)
	all = append(all, statusLabels[:]...)
	for _, v := range []ReviewStatus{Acceptable, Incomplete, ToCorrect, Unreadable} {
		all = append(all, lang.T(v.Label(lang.Zh), v.Label(lang.En)))
	}
	latin := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < 0x80 && unicode.IsLetter(r) {
				return r
			}
			return -1
		}, strings.NewReplacer("GMP", "", "&P", "", "&N", "").Replace(s))
	}
	for _, x := range all {
		if x.Zh == "" || x.En == "" || x.Zh == x.En {
			t.Errorf("not in both languages: %+v", x)
		}
		if l := latin(x.Zh); l != "" {
			t.Errorf("English in %q: %s", x.Zh, l)
		}
	}
	for _, s := range sheets {
		for _, l := range lang.All {
			if n := len([]rune(s.In(l))); n > 31 {
				t.Errorf("sheet name %q has %d characters", s.In(l), n)
			}
		}
	}
}
