package intake

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/applicant"
	"pilotpack/internal/datafile"
)

func init() {
	applicant.RegisterFormat(".xlsx", applicant.Format{Parse: Parse, Init: []string{"pilotpack", "init", "--xlsx"}})
}

// Parse reads an intake workbook into the tree the applicant loader
// decodes, with each value's sheet and cell as its position. Problems are
// what the workbook's structure gets wrong (an unknown column, a row that
// names no manufacturer); notes say how a value was read (a formula's saved
// result). The error is for a workbook that cannot be read at all.
func Parse(name string, data []byte, lim datafile.Limits) (root *datafile.Node, problems, notes []datafile.Problem, err error) {
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return nil, nil, nil, datafile.Errorf(name, datafile.Pos{}, msgTooLarge, len(data), lim.MaxBytes)
	}
	l, err := getLayout()
	if err != nil {
		return nil, nil, nil, err
	}
	info, err := inspect(name, data, DefaultLimits)
	if err != nil {
		return nil, nil, nil, err
	}
	defer func() {
		// excelize is third-party code fed untrusted bytes: a panic in it
		// must become an error, not a crash.
		if p := recover(); p != nil {
			root, problems, notes = nil, nil, nil
			err = datafile.Errorf(name, datafile.Pos{}, msgUnreadable, p)
		}
	}()
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: DefaultLimits.MaxUnzipped, UnzipXMLSizeLimit: DefaultLimits.MaxUnzipped})
	if err != nil {
		return nil, nil, nil, datafile.Errorf(name, datafile.Pos{}, msgDamaged, err)
	}
	defer x.Close()
	r := &reader{name: name, l: l, x: x, info: info, lim: lim, ilim: DefaultLimits, grids: map[string]*grid{}}
	if p, err := x.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		r.date1904 = *p.Date1904
	}
	root, err = r.read()
	if err != nil {
		return nil, nil, nil, err
	}
	return root, r.problems, r.notes, nil
}

type reader struct {
	name     string
	l        *layout
	x        *excelize.File
	info     *zipInfo
	lim      datafile.Limits
	ilim     Limits
	date1904 bool
	grids    map[string]*grid
	nodes    int
	problems []datafile.Problem
	notes    []datafile.Problem
	// rows of each table read so far, for the sheets whose rows belong
	// to them.
	tables map[*sheet]*tableRows
}

// grid is one sheet's cells.
type grid struct {
	name  string
	index int // 1-based place in the workbook
	rows  [][]string
	// from maps a cell inside a merged range to the range's first cell,
	// whose value it shows.
	from map[[2]int][2]int
}

// cell is one cell's cleaned value and position.
type cell struct {
	v   string
	pos datafile.Pos
	// formula is set when the cell holds one.
	formula *string
}

func (g *grid) pos(col, row int) datafile.Pos {
	return datafile.Pos{Line: row, Col: col, Sheet: g.index, Cell: g.name + "!" + cellName(col, row)}
}

func (r *reader) at(g *grid, col, row int) cell {
	c, rw := col, row
	if f, ok := g.from[[2]int{col, row}]; ok {
		c, rw = f[0], f[1]
	}
	v := ""
	if rw-1 < len(g.rows) && c-1 < len(g.rows[rw-1]) {
		v = clean(g.rows[rw-1][c-1])
	}
	out := cell{v: v, pos: g.pos(c, rw)}
	if fs, ok := r.info.formulas[g.name]; ok {
		if f, ok := fs[cellName(c, rw)]; ok {
			out.formula = &f
		}
	}
	return out
}

func (r *reader) problem(code string, pos datafile.Pos, path, en, zh string) {
	r.problems = append(r.problems, datafile.Problem{Code: code, Pos: pos, Path: path, En: en, Zh: zh})
}

func (r *reader) node(n *datafile.Node) (*datafile.Node, error) {
	r.nodes++
	if r.lim.MaxNodes > 0 && r.nodes > r.lim.MaxNodes {
		return nil, datafile.Errorf(r.name, n.Pos, msgValues, r.lim.MaxNodes)
	}
	return n, nil
}

func (r *reader) scalar(value string, tag string, pos datafile.Pos) (*datafile.Node, error) {
	return r.node(&datafile.Node{Kind: datafile.Scalar, Tag: tag, Value: value, Pos: pos})
}

// load reads a sheet's cells once.
func (r *reader) load(name string, index int) (*grid, error) {
	rows, err := r.x.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, datafile.Errorf(r.name, datafile.Pos{}, msgSheet, name, err)
	}
	g := &grid{name: name, index: index, rows: rows, from: map[[2]int][2]int{}}
	if len(rows) > r.ilim.MaxRows {
		return nil, datafile.Errorf(r.name, g.pos(1, r.ilim.MaxRows+1), msgRows, name, r.ilim.MaxRows)
	}
	for i, row := range rows {
		if len(row) > r.ilim.MaxCols {
			return nil, datafile.Errorf(r.name, g.pos(r.ilim.MaxCols+1, i+1), msgCols, i+1, name, r.ilim.MaxCols)
		}
		for j, v := range row {
			if len(v) > r.ilim.MaxCellChars && len([]rune(v)) > r.ilim.MaxCellChars {
				return nil, datafile.Errorf(r.name, g.pos(j+1, i+1), msgCell, r.ilim.MaxCellChars)
			}
		}
	}
	// A merged cell shows its first cell's value in every row it spans;
	// across columns it does not, since a text's Chinese and English cells
	// merged would otherwise read as the same wording twice.
	// GetMergeCells parses the whole sheet: only where there are some.
	if !r.info.merged[name] {
		r.grids[name] = g
		return g, nil
	}
	merged, err := r.x.GetMergeCells(name, true)
	if err == nil {
		for _, m := range merged {
			c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 != nil || err2 != nil || r2-r1 > r.ilim.MaxRows {
				continue
			}
			// Every column of the range, every row below its first, within
			// the rows and columns read, and a budget of cells for all.
			for col := c1; col <= min(c2, c1+r.ilim.MaxCols); col++ {
				for row := r1 + 1; row <= min(r2, len(rows)); row++ {
					if len(g.from) >= r.ilim.MaxRows*10 {
						return nil, datafile.Errorf(r.name, g.pos(c1, r1), msgMerges, name, r.ilim.MaxRows*10)
					}
					g.from[[2]int{col, row}] = [2]int{col, r1}
				}
			}
		}
	}
	r.grids[name] = g
	return g, nil
}

// read builds the file's tree from the sheets in the layout's order.
func (r *reader) read() (*datafile.Node, error) {
	list := r.x.GetSheetList()
	if len(list) > r.ilim.MaxSheets {
		return nil, datafile.Errorf(r.name, datafile.Pos{}, msgSheets, len(list), r.ilim.MaxSheets)
	}
	var known []string
	for _, s := range r.l.sheets {
		known = append(known, s.name)
	}
	rootPos := datafile.Pos{Line: 1, Col: 1, Sheet: 1, Cell: "A1"}
	if len(list) > 0 {
		rootPos.Cell = list[0] + "!A1"
	}
	for i, name := range list {
		if name == guideSheet || name == listsSheet {
			continue
		}
		if r.l.byName[name] == nil {
			en := fmt.Sprintf("unknown sheet %q", name)
			zh := fmt.Sprintf("未知工作表 %q", name)
			if s := datafile.Suggest(name, known); s != "" {
				en += fmt.Sprintf("; did you mean %q?", s)
				zh += fmt.Sprintf("；是否应为 %q？", s)
			} else {
				en += "; an intake workbook has the sheets " + strings.Join(known, ", ")
				zh += "；填报工作簿的工作表为：" + strings.Join(known, "、")
			}
			r.problem("unknown-field", datafile.Pos{Line: 1, Col: 1, Sheet: i + 1, Cell: name + "!A1"}, "", en, zh)
			continue
		}
		if _, err := r.load(name, i+1); err != nil {
			return nil, err
		}
	}
	root, err := r.node(&datafile.Node{Kind: datafile.Mapping, Pos: rootPos})
	if err != nil {
		return nil, err
	}
	r.tables = map[*sheet]*tableRows{}
	// Each section's node, to attach the sections inside it.
	records := map[*sheet]*datafile.Node{}
	for _, s := range r.l.sheets {
		g := r.grids[s.name]
		if g == nil {
			if s.required && s.parent == nil {
				r.problem("required", rootPos, s.path, fmt.Sprintf("the sheet %s (%s) is missing; copy it from a new workbook (pilotpack init --xlsx)", s.name, s.path),
					fmt.Sprintf("缺少工作表 %s（%s），请从新的填报工作簿（pilotpack init --xlsx）复制", s.name, s.path))
			}
			continue
		}
		var n *datafile.Node
		switch {
		case s.kind == record:
			n, err = r.recordSheet(s, g)
		case s.kind == posts:
			n, err = r.postsSheet(s, g)
		case s.child():
			err = r.childSheet(s, g)
			continue
		default:
			n, err = r.tableSheet(s, g)
		}
		if err != nil {
			return nil, err
		}
		if n == nil {
			continue
		}
		records[s] = n
		owner := root
		if s.parent != nil {
			owner = records[s.parent]
			if owner == nil {
				continue
			}
		}
		keyPos := g.pos(1, 1)
		if s.kind == table {
			keyPos = g.pos(1, firstRow)
		}
		k, err := r.scalar(s.key, "str", keyPos)
		if err != nil {
			return nil, err
		}
		owner.Keys, owner.Values = append(owner.Keys, k), append(owner.Values, n)
	}
	return root, nil
}

// field is where a column's cells are found in one record.
type field struct {
	col    *column
	zh, en cell // en only for the two cells of a text
}

// recordSheet reads label/value rows, found by the field name in column B.
func (r *reader) recordSheet(s *sheet, g *grid) (*datafile.Node, error) {
	byKey := map[string]*column{}
	var keys []string
	for i := range s.cols {
		byKey[s.cols[i].key] = &s.cols[i]
		keys = append(keys, s.cols[i].key)
	}
	var fields []field
	seen := map[string]int{}
	for row := firstRow; row <= len(g.rows); row++ {
		k, zh, en := r.at(g, 2, row), r.at(g, 3, row), r.at(g, 4, row)
		if k.v == "" {
			if zh.v != "" || en.v != "" {
				r.problem("unknown-field", zh.pos, s.path, fmt.Sprintf("row %d has a value but no field name in column B; write the field's name there or clear the row", row),
					fmt.Sprintf("第 %d 行有内容但 B 列没有字段名；请在 B 列填写字段名或清空该行", row))
			}
			continue
		}
		c := byKey[k.v]
		if c == nil {
			r.unknown(k, s.path, keys)
			continue
		}
		if first, dup := seen[k.v]; dup {
			r.problem("duplicate-key", k.pos, join(s.path, k.v), fmt.Sprintf("%q is given twice, first in row %d; remove one of the rows", k.v, first),
				fmt.Sprintf("%q 重复出现（首次在第 %d 行），请删除其中一行", k.v, first))
			continue
		}
		seen[k.v] = row
		fields = append(fields, field{col: c, zh: zh, en: en})
	}
	return r.recordNode(s.path, fields, g.pos(1, 1), s.ptr)
}

func (r *reader) unknown(k cell, path string, keys []string) {
	en := fmt.Sprintf("unknown field %q", k.v)
	zh := fmt.Sprintf("未知字段 %q", k.v)
	if s := datafile.Suggest(k.v, keys); s != "" {
		en += fmt.Sprintf("; did you mean %q?", s)
		zh += fmt.Sprintf("；是否应为 %q？", s)
	} else {
		en += "; fields allowed here: " + strings.Join(keys, ", ")
		zh += "；此处允许的字段：" + strings.Join(keys, "、")
	}
	r.problems = append(r.problems, datafile.Problem{Code: "unknown-field", Pos: k.pos, Path: join(path, k.v), Key: k.v, En: en, Zh: zh})
}

// recordNode builds one record's mapping from its fields, nesting the
// fields of structs within it; a pointer struct none of whose cells is
// filled is left out, as is the whole record when ptr is set and it is
// empty.
func (r *reader) recordNode(path string, fields []field, pos datafile.Pos, ptr bool) (*datafile.Node, error) {
	rec, err := r.node(&datafile.Node{Kind: datafile.Mapping, Pos: pos})
	if err != nil {
		return nil, err
	}
	type grp struct {
		n      *datafile.Node
		filled bool
		ptr    bool
	}
	groups := map[string]*grp{}
	var order []string
	filled := false
	for _, f := range fields {
		leaf, has, err := r.leaf(path, f)
		if err != nil {
			return nil, err
		}
		filled = filled || has
		owner, prefix := rec, ""
		for _, g := range f.col.groups {
			prefix = join(prefix, g.key)
			gr := groups[prefix]
			if gr == nil {
				n, err := r.node(&datafile.Node{Kind: datafile.Mapping, Pos: f.zh.pos})
				if err != nil {
					return nil, err
				}
				k, err := r.scalar(g.key, "str", f.zh.pos)
				if err != nil {
					return nil, err
				}
				owner.Keys, owner.Values = append(owner.Keys, k), append(owner.Values, n)
				gr = &grp{n: n, ptr: g.ptr}
				groups[prefix] = gr
				order = append(order, prefix)
			}
			gr.filled = gr.filled || has
			owner = gr.n
		}
		k, err := r.scalar(f.col.key[strings.LastIndex(f.col.key, ".")+1:], "str", leaf.Pos)
		if err != nil {
			return nil, err
		}
		owner.Keys, owner.Values = append(owner.Keys, k), append(owner.Values, leaf)
	}
	if ptr && !filled {
		return nil, nil
	}
	// Leave out the pointer structs nobody filled in, innermost first.
	for i := len(order) - 1; i >= 0; i-- {
		gr := groups[order[i]]
		if gr.ptr && !gr.filled {
			prune(rec, gr.n)
		}
	}
	return rec, nil
}

// prune removes the value v, with its key, from wherever it is under n.
func prune(n, v *datafile.Node) bool {
	for i, c := range n.Values {
		if c == v {
			n.Keys = slices.Delete(n.Keys, i, i+1)
			n.Values = slices.Delete(n.Values, i, i+1)
			return true
		}
		if c.Kind == datafile.Mapping && prune(c, v) {
			return true
		}
	}
	return false
}

// leaf reads one field's cells; has reports whether any is filled.
func (r *reader) leaf(path string, f field) (n *datafile.Node, has bool, err error) {
	c := f.col
	p := join(path, c.key)
	zh, en := f.zh, f.en
	r.formula(zh, p)
	if c.cells() == 2 {
		r.formula(en, p)
	} else {
		en = cell{pos: zh.pos}
	}
	if zh.v == "" && en.v == "" {
		n, err := r.node(&datafile.Node{Kind: datafile.Null, Pos: zh.pos})
		return n, false, err
	}
	switch c.kind {
	case kText:
		m, err := r.node(&datafile.Node{Kind: datafile.Mapping, Pos: zh.pos})
		if err != nil {
			return nil, true, err
		}
		if zh.v == "" {
			m.Pos = en.pos
		}
		for _, w := range []struct {
			lang string
			c    cell
		}{{"zh", zh}, {"en", en}} {
			if w.c.v == "" {
				continue
			}
			k, err := r.scalar(w.lang, "str", w.c.pos)
			if err != nil {
				return nil, true, err
			}
			v, err := r.scalar(w.c.v, "str", w.c.pos)
			if err != nil {
				return nil, true, err
			}
			m.Keys, m.Values = append(m.Keys, k), append(m.Values, v)
		}
		return m, true, nil
	case kList:
		return r.list(c, zh, en, p)
	}
	v := zh.v
	tag := "str"
	switch c.kind {
	case kDate:
		v = dateOf(v, r.date1904)
	case kInt:
		if f, ok := numberOf(v); ok && f == float64(int64(f)) {
			v, tag = strconv.FormatInt(int64(f), 10), "int"
		}
	case kFloat:
		if f, ok := numberOf(v); ok {
			v, tag = strconv.FormatFloat(f, 'f', -1, 64), "float"
		}
	case kMoney:
		v = moneyOf(v)
	case kBool:
		if b, ok := boolOf(v); ok {
			v, tag = strconv.FormatBool(b), "bool"
		}
	case kEnum, kCountry:
		v = keyOf(c.typ, v)
	default:
		v = plainNumber(v)
	}
	n, err = r.scalar(v, tag, zh.pos)
	return n, true, err
}

// list reads a list of one item per line; the Chinese and English cells
// pair up line by line.
func (r *reader) list(c *column, zh, en cell, path string) (*datafile.Node, bool, error) {
	seq, err := r.node(&datafile.Node{Kind: datafile.Sequence, Pos: zh.pos})
	if err != nil {
		return nil, true, err
	}
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, "\n")
	}
	zl, el := split(zh.v), split(en.v)
	if len(zl) > 0 && len(el) > 0 && len(zl) != len(el) {
		r.problem("value", en.pos, path, fmt.Sprintf("the Chinese cell has %d lines and the English cell %d; give one English line for each Chinese line, in the same order", len(zl), len(el)),
			fmt.Sprintf("中文单元格有 %d 行，英文单元格有 %d 行；请逐行对应填写英文", len(zl), len(el)))
	}
	for i := range max(len(zl), len(el)) {
		z, e := "", ""
		if i < len(zl) {
			z = strings.TrimFunc(zl[i], isSpace)
		}
		if i < len(el) {
			e = strings.TrimFunc(el[i], isSpace)
		}
		if z == "" && e == "" {
			continue
		}
		var item *datafile.Node
		if !isTextType(c.typ.Elem()) {
			item, err = r.scalar(z, "str", zh.pos)
		} else {
			item, _, err = r.leaf("", field{col: &column{key: "", kind: kText}, zh: cell{v: z, pos: zh.pos}, en: cell{v: e, pos: en.pos}})
		}
		if err != nil {
			return nil, true, err
		}
		seq.Values = append(seq.Values, item)
	}
	return seq, true, nil
}

// formula notes a cell that holds a formula: its saved result is read, and
// a formula without one is an error. Formulas are never evaluated.
func (r *reader) formula(c cell, path string) {
	if c.formula == nil {
		return
	}
	f := *c.formula
	if f == "" {
		f = "(shared)"
	} else {
		f = "=" + f
	}
	if c.v == "" {
		r.problem("formula", c.pos, path, fmt.Sprintf("the cell holds the formula %s and no saved result; pilotpack never evaluates formulas: type the value instead, or open and save the workbook in Excel, WPS or LibreOffice", f),
			fmt.Sprintf("单元格为公式 %s，且没有保存的计算结果；pilotpack 不计算公式：请直接填写数值，或在 Excel、WPS、LibreOffice 中打开并保存工作簿", f))
		return
	}
	r.notes = append(r.notes, datafile.Problem{Code: "formula", Pos: c.pos, Path: path,
		En: fmt.Sprintf("the cell holds the formula %s; its result as last saved, %q, is read (pilotpack never evaluates formulas); check it, or type the value instead", f, c.v),
		Zh: fmt.Sprintf("单元格为公式 %s；读取的是最后保存的计算结果 %q（pilotpack 不计算公式），请核对，或直接填写数值", f, c.v)})
}

// tableRows are the rows read from a table: each row's mapping and, for
// the sheets whose rows belong to them, its id.
type tableRows struct {
	seq  *datafile.Node
	ids  []string
	rows []int
}

// header maps a table's columns (by the field names in row 2) to fields.
type header struct {
	fields []hfield
}

type hfield struct {
	col  *column
	lang string // "zh", "en" or "" for a field's cell; "parent", "post", "key"
	at   int    // column number
}

func (r *reader) header(s *sheet, g *grid) header {
	valid := map[string]hfield{}
	var keys []string
	if s.child() {
		valid[s.parentKey()] = hfield{lang: "parent"}
		keys = append(keys, s.parentKey())
	}
	if s.kind == posts {
		valid["post"], valid["key"] = hfield{lang: "post"}, hfield{lang: "key"}
	}
	for i := range s.cols {
		c := &s.cols[i]
		if c.cells() == 2 {
			valid[c.key+".zh"], valid[c.key+".en"] = hfield{col: c, lang: "zh"}, hfield{col: c, lang: "en"}
			keys = append(keys, c.key+".zh", c.key+".en")
		} else {
			valid[c.key] = hfield{col: c}
			keys = append(keys, c.key)
		}
	}
	var h header
	seen := map[string]string{}
	width := 0
	for _, row := range g.rows {
		width = max(width, len(row))
	}
	for col := 1; col <= width; col++ {
		k := r.at(g, col, keyRow)
		if k.v == "" {
			for row := firstRow; row <= len(g.rows); row++ {
				if v := r.at(g, col, row); v.v != "" {
					r.problem("unknown-field", v.pos, s.path, fmt.Sprintf("column %s holds values but has no field name in row 2; write the field's name there or clear the column", colName(col)),
						fmt.Sprintf("%s 列有内容但第 2 行没有字段名；请填写字段名或清空该列", colName(col)))
					break
				}
			}
			continue
		}
		f, ok := valid[k.v]
		if !ok {
			r.unknown(k, s.path+"[]", keys)
			continue
		}
		if first, dup := seen[k.v]; dup {
			r.problem("duplicate-key", k.pos, s.path+"[]."+k.v, fmt.Sprintf("the column %q is given twice, first in column %s; remove one of them", k.v, first),
				fmt.Sprintf("列 %q 重复出现（首次在 %s 列），请删除其中一列", k.v, first))
			continue
		}
		seen[k.v] = colName(col)
		f.at = col
		h.fields = append(h.fields, f)
	}
	return h
}

// row gathers one row's fields and its special cells (parent, post,
// key); empty reports whether no cell is filled.
func (r *reader) row(h header, g *grid, row int) (fields []field, special map[string]cell, empty bool) {
	empty = true
	special = map[string]cell{}
	at := map[*column]int{}
	for _, hf := range h.fields {
		c := r.at(g, hf.at, row)
		if c.v != "" || c.formula != nil {
			empty = false
		}
		switch hf.lang {
		case "parent", "post", "key":
			special[hf.lang] = c
			continue
		}
		i, ok := at[hf.col]
		if !ok {
			i = len(fields)
			at[hf.col] = i
			fields = append(fields, field{col: hf.col, zh: cell{pos: c.pos}, en: cell{pos: c.pos}})
		}
		if hf.lang == "en" {
			fields[i].en = c
		} else {
			fields[i].zh = c
		}
	}
	return fields, special, empty
}

// tableSheet reads a list, one item per row; empty rows are skipped.
func (r *reader) tableSheet(s *sheet, g *grid) (*datafile.Node, error) {
	h := r.header(s, g)
	seq, err := r.node(&datafile.Node{Kind: datafile.Sequence, Pos: g.pos(1, firstRow)})
	if err != nil {
		return nil, err
	}
	tr := &tableRows{seq: seq}
	r.tables[s] = tr
	for row := firstRow; row <= len(g.rows); row++ {
		fields, _, empty := r.row(h, g, row)
		if empty {
			continue
		}
		path := fmt.Sprintf("%s[%d]", s.path, len(seq.Values))
		n, err := r.recordNode(path, fields, g.pos(1, row), false)
		if err != nil {
			return nil, err
		}
		seq.Values = append(seq.Values, n)
		id := ""
		for _, f := range fields {
			if f.col.key == "id" {
				id = f.zh.v
			}
		}
		tr.ids, tr.rows = append(tr.ids, id), append(tr.rows, row)
	}
	if len(seq.Values) == 0 {
		return r.node(&datafile.Node{Kind: datafile.Null, Pos: g.pos(1, firstRow)})
	}
	return seq, nil
}

// postsSheet reads a struct whose fields are rows, found by their key.
func (r *reader) postsSheet(s *sheet, g *grid) (*datafile.Node, error) {
	h := r.header(s, g)
	m, err := r.node(&datafile.Node{Kind: datafile.Mapping, Pos: g.pos(1, 1)})
	if err != nil {
		return nil, err
	}
	var keys []string
	for _, p := range s.posts {
		keys = append(keys, p.key)
	}
	seen := map[string]int{}
	for row := firstRow; row <= len(g.rows); row++ {
		fields, special, empty := r.row(h, g, row)
		k := special["key"]
		if k.v == "" {
			if !empty {
				r.problem("unknown-field", g.pos(1, row), s.path, fmt.Sprintf("row %d names no post in column B", row), fmt.Sprintf("第 %d 行 B 列没有岗位代码", row))
			}
			continue
		}
		if !slices.Contains(keys, k.v) {
			r.unknown(k, s.path, keys)
			continue
		}
		if first, dup := seen[k.v]; dup {
			r.problem("duplicate-key", k.pos, join(s.path, k.v), fmt.Sprintf("%q is given twice, first in row %d; remove one of the rows", k.v, first),
				fmt.Sprintf("%q 重复出现（首次在第 %d 行），请删除其中一行", k.v, first))
			continue
		}
		seen[k.v] = row
		n, err := r.recordNode(join(s.path, k.v), fields, g.pos(3, row), false)
		if err != nil {
			return nil, err
		}
		kn, err := r.scalar(k.v, "str", g.pos(3, row))
		if err != nil {
			return nil, err
		}
		m.Keys, m.Values = append(m.Keys, kn), append(m.Values, n)
	}
	return m, nil
}

// childSheet reads rows that belong to the rows of the parent table, each
// naming its parent row's id in the first column.
func (r *reader) childSheet(s *sheet, g *grid) error {
	parent := r.tables[s.parent]
	if parent == nil {
		return nil
	}
	h := r.header(s, g)
	kids := map[int]*datafile.Node{}
	firstRowOf := map[int]int{}
	for row := firstRow; row <= len(g.rows); row++ {
		fields, special, empty := r.row(h, g, row)
		if empty {
			continue
		}
		id := special["parent"]
		at := slices.Index(parent.ids, id.v)
		if id.v == "" || at < 0 {
			what := strings.TrimSuffix(s.parent.key, "s")
			if id.v == "" {
				id.pos = g.pos(1, row)
				r.problem("required", id.pos, s.path, fmt.Sprintf("row %d does not say which %s it belongs to: choose the %s's id in column A", row, what, what),
					fmt.Sprintf("第 %d 行没有填写所属的%s：请在 A 列选择其编号", row, s.parent.name))
			} else {
				en := fmt.Sprintf("%q is not the id of a row of %s", id.v, s.parent.name)
				zh := fmt.Sprintf("%q 不是 %s 中的编号", id.v, s.parent.name)
				if sug := datafile.Suggest(id.v, parent.ids); sug != "" {
					en += fmt.Sprintf("; did you mean %q?", sug)
					zh += fmt.Sprintf("；是否应为 %q？", sug)
				}
				r.problem("value", id.pos, s.path, en, zh)
			}
			continue
		}
		owner := parent.seq.Values[at]
		base := fmt.Sprintf("%s[%d].%s", s.parent.path, at, s.key)
		if isSlice(s) {
			seq := kids[at]
			if seq == nil {
				var err error
				if seq, err = r.node(&datafile.Node{Kind: datafile.Sequence, Pos: g.pos(1, row)}); err != nil {
					return err
				}
				kids[at] = seq
				k, err := r.scalar(s.key, "str", g.pos(1, row))
				if err != nil {
					return err
				}
				owner.Keys, owner.Values = append(owner.Keys, k), append(owner.Values, seq)
			}
			n, err := r.recordNode(fmt.Sprintf("%s[%d]", base, len(seq.Values)), fields, g.pos(1, row), false)
			if err != nil {
				return err
			}
			seq.Values = append(seq.Values, n)
			continue
		}
		if first, dup := firstRowOf[at]; dup {
			r.problem("duplicate-key", id.pos, base, fmt.Sprintf("%s %q has a second row here, the first is row %d; keep one", strings.TrimSuffix(s.parent.key, "s"), id.v, first),
				fmt.Sprintf("%q 在此表中有第二行（第一行为第 %d 行），请只保留一行", id.v, first))
			continue
		}
		firstRowOf[at] = row
		n, err := r.recordNode(base, fields, g.pos(1, row), s.ptr)
		if err != nil {
			return err
		}
		if n == nil {
			continue
		}
		k, err := r.scalar(s.key, "str", g.pos(1, row))
		if err != nil {
			return err
		}
		owner.Keys, owner.Values = append(owner.Keys, k), append(owner.Values, n)
	}
	return nil
}

// isSlice reports whether the section is a list in its owner.
func isSlice(s *sheet) bool {
	return s.parent.typ.Field(s.index).Type.Kind() == reflect.Slice
}
