package intake

import (
	"archive/zip"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"pilotpack/generators/xlsx"
	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/flatepool"
)

// Rows of every sheet: the Chinese headers, the field names beneath them,
// then the data.
const (
	headRow  = 1
	keyRow   = 2
	firstRow = 3
	// blankRows is how many rows of a table are laid out for filling in
	// (styles, dropdowns, highlighting) beyond those already filled.
	blankRows = 200
)

// Write writes the intake workbook of f to w; a nil f gives a blank
// workbook to fill in.
func Write(w io.Writer, f *applicant.File) error {
	l, err := getLayout()
	if err != nil {
		return err
	}
	x := excelize.NewFile()
	defer x.Close()
	// As for the checklist workbook: the fastest level with pooled
	// compressors.
	x.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, flatepool.Writer)
		return zw
	})
	wr := &writer{x: x, l: l}
	if f == nil {
		f = &applicant.File{}
	}
	wr.file = reflect.ValueOf(f).Elem()
	steps := []func() error{wr.styles, wr.guide, wr.sections, wr.lists, wr.finish}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	_, err = x.WriteTo(w)
	return err
}

type writer struct {
	x    *excelize.File
	l    *layout
	file reflect.Value
	st   struct {
		head, key, label, labelReq, text, date, int, money, float, off, title, guide, guideHead, required int
	}
	// refs are where the ids that references name are declared: the
	// sheet and column of each kind of id (manufacturer, stage).
	refs map[string]refCol
}

func (w *writer) styles() error {
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1}, {Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	locked := &excelize.Protection{Locked: true}
	open := &excelize.Protection{Locked: false}
	top := &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}
	dateFmt := "yyyy-mm-dd"
	defs := []struct {
		id *int
		s  *excelize.Style
	}{
		{&w.st.head, &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 10.5, Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked}},
		{&w.st.key, &excelize.Style{Font: &excelize.Font{Family: "Consolas", Size: 9, Color: "595959"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}},
			Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Protection: locked}},
		{&w.st.label, &excelize.Style{Font: font, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Border: border, Alignment: top, Protection: locked}},
		{&w.st.labelReq, &excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10.5, Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Border: border, Alignment: top, Protection: locked}},
		{&w.st.text, &excelize.Style{Font: font, Border: border, Alignment: top, Protection: open, NumFmt: 49}},
		{&w.st.date, &excelize.Style{Font: font, Border: border, Alignment: top, Protection: open, CustomNumFmt: &dateFmt}},
		{&w.st.int, &excelize.Style{Font: font, Border: border, Alignment: top, Protection: open, NumFmt: 1}},
		{&w.st.money, &excelize.Style{Font: font, Border: border, Alignment: top, Protection: open, NumFmt: 4}},
		{&w.st.float, &excelize.Style{Font: font, Border: border, Alignment: top, Protection: open}},
		{&w.st.off, &excelize.Style{Font: font, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Border: border, Protection: locked}},
		{&w.st.title, &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14, Bold: true}, Protection: locked}},
		{&w.st.guide, &excelize.Style{Font: font, Alignment: top, Protection: locked}},
		{&w.st.guideHead, &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 11, Bold: true}, Protection: locked}},
	}
	for _, d := range defs {
		id, err := w.x.NewStyle(d.s)
		if err != nil {
			return err
		}
		*d.id = id
	}
	var err error
	w.st.required, err = w.x.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}}})
	return err
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}

// guide writes the first sheet: how to fill in the workbook, what each
// sheet holds, how to check and build it.
func (w *writer) guide() error {
	x := w.x
	if err := x.SetSheetName("Sheet1", guideSheet); err != nil {
		return err
	}
	x.SetColWidth(guideSheet, "A", "A", 24)
	x.SetColWidth(guideSheet, "B", "B", 110)
	r := 1
	put := func(a, b string, style int) {
		x.SetCellStr(guideSheet, cellName(1, r), a)
		x.SetCellStr(guideSheet, cellName(2, r), b)
		x.SetCellStyle(guideSheet, cellName(1, r), cellName(2, r), style)
		if n := xlsx.WrappedLines(b, 110); n > 1 {
			x.SetRowHeight(guideSheet, r, float64(n)*14.5+3)
		}
		r++
	}
	put("申请数据填报工作簿", "", w.st.title)
	put("", "生物制品分段生产试点申请数据 · Applicant data for the phased-manufacturing pilot for biological products", w.st.guide)
	r++
	put("填写方法 How to fill in", "", w.st.guideHead)
	for _, line := range guideSteps {
		put("", line, w.st.guide)
	}
	r++
	put("检查与生成 Check and build", "", w.st.guideHead)
	put("", "检查：pilotpack validate 申请.xlsx — 每个问题都指明工作表和单元格，例如 受托生产企业!D4；改正该单元格后再次检查。\n"+
		"Check: pilotpack validate 申请.xlsx — every finding names its sheet and cell, e.g. 受托生产企业!D4; fix that cell and check again.", w.st.guide)
	put("", "生成申报资料：pilotpack build 申请.xlsx（英文文件：pilotpack build --lang en 申请.xlsx）\n"+
		"Build the packet: pilotpack build 申请.xlsx (English documents: pilotpack build --lang en 申请.xlsx)", w.st.guide)
	put("", "与 YAML 互相转换：pilotpack convert 申请.xlsx 申请.yaml（或反向）。\nConvert to and from YAML: pilotpack convert 申请.xlsx 申请.yaml (or the other way).", w.st.guide)
	r++
	put("工作表 Sheets", "内容 What it holds", w.st.guideHead)
	for _, s := range w.l.sheets {
		put(s.name, "("+s.path+") "+s.doc, w.st.guide)
	}
	return nil
}

var guideSteps = []string{
	"1. 每个工作表是申请数据的一部分（见下表）。蓝灰色的表头、灰色的项目列不能修改，白色单元格填写内容。\n   Each sheet is one part of the application's data (see below). Headers and labels are locked; fill in the white cells.",
	"2. 标 * 的为必填项；必填项为空时显示为橙色。\n   Fields marked * are required; an empty required cell shows orange.",
	"3. 文字有“中文”“英文”两栏：中文文件用中文，英文文件用英文；只填一种语言也可以。\n   Text has a Chinese and an English cell: Chinese documents use the Chinese, English documents the English; one language alone is fine.",
	"4. 有下拉箭头的单元格从列表中选择。企业编号、阶段编号在“受托生产企业”“生产阶段”中先填写，其他表即可选择。\n   Cells with a dropdown take a value from the list. Manufacturer and stage ids declared on their sheets become choices elsewhere.",
	"5. 日期填写为日期（如 2025-12-15），金额、年限、天数填写数字，是否选择“是”或“否”。\n   Dates as dates (2025-12-15), amounts, years and days as numbers, yes/no as 是 or 否.",
	"6. 多项内容（如有效成分）每行一项：单元格内换行用 Alt+Enter（Mac：Option+Enter）。中英文行数应一致。\n   Lists (such as components) take one item per line: Alt+Enter (Mac: Option+Enter) breaks a line in a cell; give as many English lines as Chinese.",
	"7. 表格每行一条记录，空行会被忽略；“协议条款”“职责分工调整”每行先选择所属的受托生产企业。\n   Tables take one record per row, empty rows are skipped; on 协议条款 and 职责分工调整 each row first names its manufacturer.",
	"8. 把鼠标移到表头或项目上可看到该项的说明（批注）。第二行是该项在申请文件中的字段名，检查结果中的字段名与之对应。\n   Hover over a header or label for its description. Row 2 gives the field's name in the applicant file, as findings name it.",
	"9. 附件的文件路径相对于本工作簿所在的文件夹，例如 attachments/营业执照.pdf。\n   Attachment paths are relative to this workbook's folder, e.g. attachments/business-licence.pdf.",
	"10. 请直接填写数值，不要使用公式：pilotpack 不计算公式，只读取表格程序最后保存的结果，并提示该单元格。\n   Type values, not formulas: pilotpack never evaluates a formula; it reads the result the spreadsheet program last saved and says so.",
}

// sections writes every section's sheet.
func (w *writer) sections() error {
	w.refs = map[string]refCol{}
	for _, s := range w.l.sheets {
		if _, err := w.x.NewSheet(s.name); err != nil {
			return err
		}
		// Ids declared on this sheet, for the dropdowns of references.
		if s.kind == table && !s.child() && s.parent == nil {
			for i, c := range w.columnsOf(s) {
				if c.col != nil && c.col.key == "id" {
					w.refs[strings.TrimSuffix(s.path, "s")] = refCol{sheet: s.name, col: colName(i + 1)}
				}
			}
		}
	}
	for _, s := range w.l.sheets {
		var err error
		switch s.kind {
		case record:
			err = w.recordSheet(s)
		default:
			err = w.tableSheet(s)
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	return nil
}

// records returns the values a sheet holds: one for a record, every item
// of a list, the parent's id for each row of a child sheet. Missing
// pointers give no records.
func (w *writer) records(s *sheet) (vals []reflect.Value, parents []string) {
	if s.parent == nil {
		return expand(s, w.file.Field(s.index), "", vals, parents)
	}
	pvals, _ := w.records(s.parent)
	for _, p := range pvals {
		id := ""
		if s.child() {
			id = p.FieldByName("ID").String()
		}
		vals, parents = expand(s, p.Field(s.index), id, vals, parents)
	}
	return vals, parents
}

func expand(s *sheet, v reflect.Value, parent string, vals []reflect.Value, parents []string) ([]reflect.Value, []string) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return vals, parents
		}
		v = v.Elem()
	}
	if v.Kind() == reflect.Slice {
		for i := range v.Len() {
			vals, parents = append(vals, v.Index(i)), append(parents, parent)
		}
		return vals, parents
	}
	return append(vals, v), append(parents, parent)
}

// value follows index from v through pointers; ok is false at a nil one.
func value(v reflect.Value, index []int) (reflect.Value, bool) {
	for _, i := range index {
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return v, false
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	return v, true
}

// recordSheet writes one record as label/value rows: label, field name,
// the value (or its Chinese wording) and the English wording.
func (w *writer) recordSheet(s *sheet) error {
	x, name := w.x, s.name
	heads := [][]string{{"项目", "字段", "内容（中文）", "英文内容"}, {"item", "field", "value · zh", "en"}}
	for i, h := range heads {
		x.SetSheetRow(name, cellName(1, i+1), &h)
	}
	x.SetCellStyle(name, "A1", "D1", w.st.head)
	x.SetCellStyle(name, "A2", "D2", w.st.key)
	x.SetColWidth(name, "A", "A", 26)
	x.SetColWidth(name, "B", "B", 26)
	x.SetColWidth(name, "C", "D", 60)
	vals, _ := w.records(s)
	var rec reflect.Value
	if len(vals) > 0 {
		rec = vals[0]
	}
	for i, c := range s.cols {
		r := firstRow + i
		label := c.label
		if c.required {
			label += " *"
		}
		x.SetCellStr(name, cellName(1, r), label)
		x.SetCellStr(name, cellName(2, r), c.key)
		x.SetCellStyle(name, cellName(1, r), cellName(1, r), map[bool]int{true: w.st.labelReq, false: w.st.label}[c.required])
		x.SetCellStyle(name, cellName(2, r), cellName(2, r), w.st.key)
		if err := w.note(name, cellName(1, r), c.doc); err != nil {
			return err
		}
		x.SetCellStyle(name, cellName(3, r), cellName(3, r), w.dataStyle(&c))
		if c.cells() == 2 {
			x.SetCellStyle(name, cellName(4, r), cellName(4, r), w.st.text)
		} else {
			x.SetCellStyle(name, cellName(4, r), cellName(4, r), w.st.off)
		}
		if err := w.validate(name, cellName(3, r), &c); err != nil {
			return err
		}
		if c.required {
			cond := fmt.Sprintf("ISBLANK(C%d)", r)
			if c.cells() == 2 {
				cond = fmt.Sprintf("AND(ISBLANK(C%d),ISBLANK(D%d))", r, r)
			}
			if err := w.highlight(name, fmt.Sprintf("C%d:%s%d", r, colName(2+c.cells()), r), cond); err != nil {
				return err
			}
		}
		lines := 1
		if rec.IsValid() {
			n, err := w.putValue(name, 3, r, &c, rec, 60)
			if err != nil {
				return err
			}
			lines = n
		}
		if lines > 1 {
			x.SetRowHeight(name, r, float64(min(lines, 15))*14.5+3)
		}
	}
	if err := x.SetPanes(name, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 2, TopLeftCell: "C3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return w.protect(name)
}

// refCol is the column of a sheet that declares ids.
type refCol struct{ sheet, col string }

// tcol is a column of a table sheet: a field's cell, or the parent's id.
type tcol struct {
	col  *column
	lang string // zh or en for the two cells of a text
	post bool   // the post name and key of a posts sheet
}

func (w *writer) columnsOf(s *sheet) []tcol {
	var out []tcol
	if s.child() {
		out = append(out, tcol{})
	}
	if s.kind == posts {
		out = append(out, tcol{post: true}, tcol{post: true})
	}
	for i := range s.cols {
		c := &s.cols[i]
		if c.cells() == 2 {
			out = append(out, tcol{col: c, lang: "zh"}, tcol{col: c, lang: "en"})
		} else {
			out = append(out, tcol{col: c})
		}
	}
	return out
}

func (t tcol) key(s *sheet, first bool) string {
	switch {
	case t.col == nil && !t.post:
		return s.parentKey()
	case t.post && first:
		return "post"
	case t.post:
		return "key"
	case t.lang != "":
		return t.col.key + "." + t.lang
	}
	return t.col.key
}

func (t tcol) label(s *sheet, first bool) string {
	switch {
	case t.col == nil && !t.post:
		return s.parent.name + "编号 *"
	case t.post && first:
		return "岗位"
	case t.post:
		return "岗位代码"
	}
	l := t.col.label
	switch t.lang {
	case "zh":
		l += "（中文）"
	case "en":
		l += "（英文）"
	}
	if t.col.required && t.lang != "en" {
		l += " *"
	}
	return l
}

func width(t tcol) float64 {
	if t.col == nil {
		return 18
	}
	switch t.col.kind {
	case kText, kList:
		return 36
	case kDate:
		return 14
	case kInt, kFloat, kBool:
		return 10
	case kMoney:
		return 16
	case kEnum:
		return 28
	case kCountry:
		return 14
	}
	return 20
}

// tableSheet writes a list as a table, one row per item.
func (w *writer) tableSheet(s *sheet) error {
	x, name := w.x, s.name
	cols := w.columnsOf(s)
	vals, parents := w.records(s)
	if s.kind == posts && len(vals) == 0 {
		// Under a missing pointer: the posts are still listed, empty.
		t := s.parent.typ.Field(s.index).Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		vals = []reflect.Value{reflect.New(t).Elem()}
	}
	var rows []reflect.Value
	var rowPost []post
	var rowParent []string
	if s.kind == posts {
		for _, p := range s.posts {
			rows, rowPost = append(rows, vals[0].Field(p.index)), append(rowPost, p)
		}
	} else {
		rows, rowParent = vals, parents
	}
	n := blankRows
	if s.kind == posts {
		n = len(s.posts)
	} else if len(rows)+50 > n {
		n = len(rows) + 50
	}
	last := firstRow + n - 1
	for i, t := range cols {
		first := t.post && (i == 0 || !cols[i-1].post)
		cn := colName(i + 1)
		x.SetCellStr(name, cellName(i+1, headRow), t.label(s, first))
		x.SetCellStr(name, cellName(i+1, keyRow), t.key(s, first))
		x.SetColWidth(name, cn, cn, width(t))
		doc := ""
		switch {
		case t.col != nil:
			doc = t.col.doc
		case !t.post:
			doc = "The id (" + s.parent.path + "[].id) of the " + strings.TrimSuffix(s.parent.key, "s") + " this row belongs to."
		}
		if doc != "" && t.lang != "en" {
			if err := w.note(name, cellName(i+1, headRow), doc); err != nil {
				return err
			}
		}
		rng := fmt.Sprintf("%s%d:%s%d", cn, firstRow, cn, last)
		// Columns are styled as a whole, not cell by cell: an empty styled
		// cell is an element of the sheet's XML that every reader parses.
		switch {
		case t.post:
			x.SetCellStyle(name, cellName(i+1, firstRow), cellName(i+1, last), w.st.label)
		case t.col == nil:
			x.SetColStyle(name, cn, w.st.text)
			if err := w.list(name, rng, "ref_"+strings.TrimSuffix(s.parent.path, "s"), true); err != nil {
				return err
			}
		default:
			x.SetColStyle(name, cn, w.dataStyle(t.col))
			if t.lang != "en" {
				if err := w.validate(name, rng, t.col); err != nil {
					return err
				}
			}
		}
		required := (t.col == nil && !t.post) || (t.col != nil && t.col.required && t.lang != "en")
		if required {
			// Empty and required, in a row that is in use.
			cond := fmt.Sprintf("AND(COUNTA($A%d:$%s%d)>0,ISBLANK(%s%d))", firstRow, colName(len(cols)), firstRow, cn, firstRow)
			if t.lang == "zh" {
				cond = fmt.Sprintf("AND(COUNTA($A%d:$%s%d)>0,ISBLANK(%s%d),ISBLANK(%s%d))", firstRow, colName(len(cols)), firstRow, cn, firstRow, colName(i+2), firstRow)
			}
			if s.kind == posts {
				cond = fmt.Sprintf("ISBLANK(%s%d)", cn, firstRow)
			}
			if err := w.highlight(name, rng, cond); err != nil {
				return err
			}
		}
	}
	x.SetCellStyle(name, cellName(1, headRow), cellName(len(cols), headRow), w.st.head)
	x.SetCellStyle(name, cellName(1, keyRow), cellName(len(cols), keyRow), w.st.key)
	// Headers and field names are long in narrow columns: their rows grow
	// to show them whole.
	headLines, keyLines := 2, 1
	for i, t := range cols {
		first := i == 0 || !cols[i-1].post
		headLines = max(headLines, xlsx.WrappedLines(t.label(s, first), width(t)))
		keyLines = max(keyLines, xlsx.WrappedLines(t.key(s, first), width(t)))
	}
	x.SetRowHeight(name, headRow, float64(headLines)*14.5+3)
	x.SetRowHeight(name, keyRow, float64(keyLines)*12+3)
	for ri, rv := range rows {
		r := firstRow + ri
		lines := 1
		for i, t := range cols {
			switch {
			case t.post && (i == 0 || !cols[i-1].post):
				p := rowPost[ri]
				x.SetCellStr(name, cellName(i+1, r), p.label+map[bool]string{true: " *", false: ""}[p.required])
				x.SetCellStr(name, cellName(i+2, r), p.key)
				if err := w.note(name, cellName(i+1, r), p.doc); err != nil {
					return err
				}
			case t.post:
				// the key, written with the post's name
			case t.col == nil:
				x.SetCellStr(name, cellName(i+1, r), rowParent[ri])
			case t.lang == "en":
				// written with its Chinese cell
			default:
				n, err := w.putValue(name, i+1, r, t.col, rv, width(t))
				if err != nil {
					return err
				}
				lines = max(lines, n)
			}
		}
		if lines > 1 {
			x.SetRowHeight(name, r, float64(min(lines, 8))*14.5+3)
		}
	}
	xs := 1
	if s.child() || s.kind == posts {
		xs = 2
	}
	if err := x.SetPanes(name, &excelize.Panes{Freeze: true, XSplit: xs, YSplit: 2, TopLeftCell: cellName(xs+1, firstRow), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return w.protect(name)
}

func (w *writer) dataStyle(c *column) int {
	switch c.kind {
	case kDate:
		return w.st.date
	case kInt:
		return w.st.int
	case kMoney:
		return w.st.money
	case kFloat:
		return w.st.float
	}
	return w.st.text
}

// putValue writes the column's value of record rec at (col, row) and
// returns the lines its text takes.
func (w *writer) putValue(sheet string, col, row int, c *column, rec reflect.Value, wd float64) (int, error) {
	v, ok := value(rec, c.index)
	if !ok {
		return 1, nil
	}
	// WrappedLines counts a Latin letter as 1.1 of a column's width units;
	// in these fonts it takes less, and rows estimated at face value come
	// out half again too tall.
	wd *= 1.35
	x := w.x
	ref := cellName(col, row)
	switch c.kind {
	case kText:
		t := textOf(v)
		if t.Zh != "" {
			x.SetCellStr(sheet, ref, t.Zh)
		}
		if t.En != "" {
			x.SetCellStr(sheet, cellName(col+1, row), t.En)
		}
		return max(xlsx.WrappedLines(t.Zh, wd), xlsx.WrappedLines(t.En, wd)), nil
	case kList:
		if v.Len() == 0 {
			return 1, nil
		}
		var zh, en []string
		for i := range v.Len() {
			e := v.Index(i)
			if e.Kind() == reflect.String {
				zh = append(zh, e.String())
				continue
			}
			t := textOf(e)
			zh, en = append(zh, t.Zh), append(en, t.En)
		}
		for _, items := range [][]string{zh, en} {
			for _, it := range items {
				if strings.ContainsAny(it, "\r\n") {
					return 0, fmt.Errorf("%s: an item of %s has a line break, which a cell of one item per line cannot hold; write it on one line", ref, c.key)
				}
			}
		}
		x.SetCellStr(sheet, ref, strings.Join(zh, "\n"))
		if strings.Join(en, "") != "" {
			x.SetCellStr(sheet, cellName(col+1, row), strings.Join(en, "\n"))
		}
		return len(zh), nil
	case kDate:
		d := v.Interface().(civil.Date)
		if d.IsZero() {
			return 1, nil
		}
		return 1, x.SetCellFloat(sheet, ref, serial(d.Year, d.Month, d.Day), -1, 64)
	case kInt:
		// A zero is left blank, as YAML leaves it out, except inside a
		// pointer struct, which an empty row would leave out altogether.
		if v.Int() != 0 || c.inPointer() {
			return 1, x.SetCellInt(sheet, ref, v.Int())
		}
	case kFloat:
		if v.Float() != 0 || c.inPointer() {
			return 1, x.SetCellFloat(sheet, ref, v.Float(), -1, 64)
		}
	case kMoney:
		m := applicant.Money(v.Int())
		if m != 0 || c.ptr {
			whole, cents := m.Yuan()
			return 1, x.SetCellFloat(sheet, ref, float64(whole)+float64(cents)/100, 2, 64)
		}
	case kBool:
		return 1, x.SetCellStr(sheet, ref, map[bool]string{true: yes, false: no}[v.Bool()])
	case kEnum, kCountry:
		if s := v.String(); s != "" {
			return 1, x.SetCellStr(sheet, ref, display(c.typ, s))
		}
	default:
		if s := v.String(); s != "" {
			return xlsx.WrappedLines(s, wd), x.SetCellStr(sheet, ref, s)
		}
	}
	return 1, nil
}

func textOf(v reflect.Value) applicant.Text {
	if v.Type() == nameType {
		return v.Interface().(applicant.Name).Text()
	}
	return v.Interface().(applicant.Text)
}

func (w *writer) note(sheet, ref, doc string) error {
	if doc == "" {
		return nil
	}
	return w.x.AddComment(sheet, excelize.Comment{Author: "pilotpack", Cell: ref, Text: doc, Width: 320, Height: 120})
}

func (w *writer) highlight(sheet, rng, formula string) error {
	f := w.st.required
	return w.x.SetConditionalFormat(sheet, rng, []excelize.ConditionalFormatOptions{{Type: "formula", Criteria: "=" + formula, Format: &f}})
}

// validate adds the dropdown or the check of a column's cells.
func (w *writer) validate(sheet, rng string, c *column) error {
	switch c.kind {
	case kEnum:
		return w.list(sheet, rng, listName(c.typ), false)
	case kCountry:
		// Codes beyond the listed countries are allowed.
		return w.list(sheet, rng, listName(c.typ), true)
	case kBool:
		dv := excelize.NewDataValidation(true)
		dv.Sqref = rng
		if err := dv.SetDropList([]string{yes, no}); err != nil {
			return err
		}
		return w.x.AddDataValidation(sheet, dv)
	case kDate:
		dv := excelize.NewDataValidation(true)
		dv.Sqref = rng
		if err := dv.SetRange(serial(1900, 1, 1), serial(2200, 12, 31), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, "日期 Date", "请填写日期，例如 2025-12-15。Enter a date, e.g. 2025-12-15.")
		return w.x.AddDataValidation(sheet, dv)
	case kInt, kFloat, kMoney:
		dv := excelize.NewDataValidation(true)
		dv.Sqref = rng
		t := excelize.DataValidationTypeDecimal
		if c.kind == kInt {
			t = excelize.DataValidationTypeWhole
		}
		if err := dv.SetRange(0, 1e13, t, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, "数字 Number", "请填写数字。Enter a number.")
		return w.x.AddDataValidation(sheet, dv)
	}
	if c.ref != "" {
		return w.list(sheet, rng, "ref_"+c.ref, true)
	}
	return nil
}

// list adds a dropdown of the named range; lenient lets other values be
// typed (with a warning), as references to ids not yet declared are.
func (w *writer) list(sheet, rng, source string, lenient bool) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = rng
	dv.SetSqrefDropList(source)
	if lenient {
		dv.SetError(excelize.DataValidationErrorStyleWarning, "不在列表中 Not in the list", "该值不在列表中。This value is not in the list.")
	} else {
		dv.SetError(excelize.DataValidationErrorStyleStop, "请从列表中选择 Choose from the list", "请从下拉列表中选择。Choose a value from the dropdown.")
	}
	return w.x.AddDataValidation(sheet, dv)
}

func listName(t reflect.Type) string { return "list_" + t.Name() }

// lists writes the hidden sheet of dropdown entries, one column per
// enumeration, and names every list.
func (w *writer) lists() error {
	x := w.x
	if _, err := x.NewSheet(listsSheet); err != nil {
		return err
	}
	seen := map[reflect.Type]bool{}
	col := 1
	for _, s := range w.l.sheets {
		for _, c := range s.cols {
			if (c.kind != kEnum && c.kind != kCountry) || seen[c.typ] {
				continue
			}
			seen[c.typ] = true
			vals := choices(c.typ)
			x.SetCellStr(listsSheet, cellName(col, 1), listName(c.typ))
			for i, v := range vals {
				x.SetCellStr(listsSheet, cellName(col, i+2), v)
			}
			cn := colName(col)
			if err := x.SetDefinedName(&excelize.DefinedName{Name: listName(c.typ), RefersTo: fmt.Sprintf("'%s'!$%s$2:$%s$%d", listsSheet, cn, cn, len(vals)+1)}); err != nil {
				return err
			}
			col++
		}
	}
	// A stage's site is the holder's own or a manufacturer's: the holder,
	// then whatever ids the manufacturers' sheet declares.
	if m, ok := w.refs["manufacturer"]; ok {
		cn := colName(col)
		x.SetCellStr(listsSheet, cellName(col, 1), "ref_site")
		x.SetCellStr(listsSheet, cellName(col, 2), applicant.HolderSite)
		for i := range blankRows {
			src := fmt.Sprintf("'%s'!%s%d", m.sheet, m.col, firstRow+i)
			if err := x.SetCellFormula(listsSheet, cellName(col, i+3), fmt.Sprintf(`IF(ISBLANK(%s),"",%s)`, src, src)); err != nil {
				return err
			}
		}
		if err := x.SetDefinedName(&excelize.DefinedName{Name: "ref_site", RefersTo: fmt.Sprintf("'%s'!$%s$2:$%s$%d", listsSheet, cn, cn, blankRows+2)}); err != nil {
			return err
		}
	}
	for _, ref := range slices.Sorted(maps.Keys(w.refs)) {
		r := w.refs[ref]
		rng := fmt.Sprintf("'%s'!$%s$%d:$%s$%d", r.sheet, r.col, firstRow, r.col, firstRow+blankRows-1)
		if err := x.SetDefinedName(&excelize.DefinedName{Name: "ref_" + ref, RefersTo: rng}); err != nil {
			return err
		}
	}
	return x.SetSheetVisible(listsSheet, false)
}

func (w *writer) protect(sheet string) error {
	return w.x.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true, InsertRows: true, DeleteRows: true,
	})
}

// finish protects the workbook's structure (sheet names and order), makes
// spreadsheet programs compute the lists' formulas on opening, and opens
// on the guide.
func (w *writer) finish() error {
	x := w.x
	if err := w.protect(guideSheet); err != nil {
		return err
	}
	if err := w.protect(listsSheet); err != nil {
		return err
	}
	full := true
	if err := x.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	if err := x.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}); err != nil {
		return err
	}
	x.SetActiveSheet(0)
	return x.SetDocProps(&excelize.DocProperties{Title: "申请数据填报工作簿 Intake workbook", Creator: "pilotpack", LastModifiedBy: "pilotpack", Language: "zh-CN",
		Created: "2025-01-01T00:00:00Z", Modified: "2025-01-01T00:00:00Z"})
}
