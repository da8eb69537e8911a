package xlsx

import "pilotpack/internal/lang"

// The words of the workbooks, in both languages: sheet names, column
// headers with their widths, and the fixed values of cells. A workbook in
// either language takes them from here, so a label is changed in one place
// and no sheet is left half in English.

// column is a sheet's column: its header, and its width in characters in
// each language (English needs its longest words whole, such as
// "manufacturer" and "Necessity").
type column struct {
	label  lang.Text
	zh, en float64
}

// headers are the columns' labels in l.
func headers(cols []column, l lang.Lang) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.label.In(l)
	}
	return out
}

// widths are the columns' widths in l.
func widths(cols []column, l lang.Lang) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.zh
		if l == lang.En {
			out[i] = c.en
		}
	}
	return out
}

// The checklist workbook.
var (
	sheetChecklist = lang.T("申报资料目录", "Checklist")
	sheetFindings  = lang.T("问题清单", "Findings")
	sheetStages    = lang.T("阶段与场地", "Stages and sites")
	sheetMatrix    = lang.T("职责分工 %d", "Responsibilities %d")
	sheetSummary   = lang.T("汇总", "Summary")

	// The packet-file column (width 0) is sized by its names.
	itemColumns = []column{
		{lang.T("序号", "No."), 5, 5},
		{lang.T("材料名称", "Material"), 26, 23},
		{lang.T("原件/复印件", "Original/copy"), 8, 10},
		{lang.T("纸质/电子", "Paper/electronic"), 9, 11},
		{lang.T("份数", "Copies"), 6, 7},
		{lang.T("必要性", "Necessity"), 8, 10},
		{lang.T("来源", "Source"), 9, 10},
		{lang.T("要求", "Requirements"), 28, 25},
		{lang.T("责任方", "Responsible"), 10, 13},
		{lang.T("状态", "Status"), 8, 11},
		{lang.T("对应文件", "Packet file"), 0, 0},
		{lang.T("页数", "Pages"), 6, 6},
		{lang.T("备注", "Remarks"), 18, 16},
	}
	findingColumns = []column{
		{lang.T("规则", "Rule"), 22, 22},
		{lang.T("级别", "Severity"), 7, 9},
		{lang.T("行", "Line"), 5, 5},
		{lang.T("字段", "Field"), 38, 38},
		{lang.T("说明", "Message"), 46, 44},
		{lang.T("依据", "Basis"), 34, 34},
	}
	matrixColumns = []column{
		{lang.T("序号", "No."), 6, 6},
		{lang.T("章节", "Chapter"), 22, 22},
		{lang.T("活动", "Activity"), 46, 46},
		{lang.T("委托方", "Contract giver"), 13, 13},
		{lang.T("受托方", "Manufacturer"), 24, 24},
		{lang.T("说明", "Note"), 28, 28},
	}
	labelStage = lang.T("生产阶段", "Stage")
	// labelAlso lists the files of an item after its first, in its remarks.
	labelAlso = lang.T("另见：", "also: ")

	// statusLabels are the checklist's statuses, as its dropdown offers
	// them.
	statusLabels = [3]lang.Text{
		Provided:      lang.T("已提供", "provided"),
		Pending:       lang.T("待补充", "pending"),
		NotApplicable: lang.T("不适用", "not applicable"),
	}
)

// Every workbook.
var (
	// labelFooter is a printed page's footer, with Excel's page codes.
	labelFooter = lang.T("第 &P 页 共 &N 页", "Page &P of &N")
	// languageTag is the workbook's language in its properties.
	languageTag = lang.T("zh-CN", "en-US")
	labelYes    = lang.T("是", "yes")
	labelNo     = lang.T("否", "no")
)

// The review workbook.
var (
	sheetApplications  = lang.T("申请", "Applications")
	sheetManufacturers = lang.T("受托生产企业", "Manufacturers")
	sheetProblems      = lang.T("问题", "Findings")
	sheetOverview      = lang.T("概况", "Summary")

	// Widths for a landscape page at 60 % or more.
	applicationColumns = []column{
		{lang.T("序号", "No."), 4, 4},
		{lang.T("文件", "File"), 12, 12},
		{lang.T("编号", "ID"), 11, 11},
		{lang.T("申请人", "Applicant"), 16, 14},
		{lang.T("统一社会信用代码", "Credit code"), 19, 19},
		{lang.T("品种", "Product"), 14, 13},
		{lang.T("类别", "Category"), 10, 10},
		{lang.T("省份", "Province"), 8, 10},
		{lang.T("申请日期", "Date"), 11, 11},
		{lang.T("截止状态", "Deadline"), 10, 9},
		{lang.T("生产阶段及场地", "Stages and sites"), 23, 19},
		{lang.T("受托生产企业", "Contract manufacturers"), 22, 19},
		{lang.T("跨境", "Cross-border"), 6, 7},
		{lang.T("错误", "Errors"), 6, 7},
		{lang.T("警告", "Warnings"), 6, 9},
		{lang.T("结论", "Verdict"), 8, 12},
	}
	manufacturerColumns = []column{
		{lang.T("序号", "No."), 4, 4},
		{lang.T("企业名称", "Manufacturer"), 22, 20},
		{lang.T("所在地", "Location"), 9, 10},
		{lang.T("统一社会信用代码", "Credit code"), 19, 19},
		{lang.T("生产许可证", "Licence"), 15, 14},
		{lang.T("委托方（品种）", "Contract givers (products)"), 24, 22},
		{lang.T("受托阶段", "Stages"), 16, 15},
		{lang.T("申请数", "Applications"), 6, 13},
		{lang.T("商业化生产年限", "Years of experience"), 6, 11},
		{lang.T("GMP符合性检查告知书", "GMP compliance notice"), 22, 20},
		{lang.T("GMP状态（审查日）", "GMP status (review date)"), 11, 11},
		{lang.T("受托生产意见", "Home-province consent"), 20, 18},
		{lang.T("相关问题数", "Findings"), 6, 9},
	}
	reviewFindingColumns = []column{
		{lang.T("文件", "File"), 11, 11},
		{lang.T("申请人", "Applicant"), 16, 16},
		{lang.T("级别", "Severity"), 6, 9},
		{lang.T("规则", "Rule"), 20, 20},
		{lang.T("字段", "Field"), 36, 36},
		{lang.T("行", "Line"), 5, 5},
		{lang.T("说明", "Message"), 38, 36},
		{lang.T("依据", "Basis"), 28, 26},
	}
)
