// Package intake is the intake workbook: the applicant file as an Excel
// workbook, for the regulatory staff who gather an application's data in
// Excel, WPS or LibreOffice rather than in YAML.
//
// The workbook is laid out from the Go types of the applicant model, the
// same types `pilotpack schema` describes, with the fields' doc comments as
// cell notes, so a new field appears in the workbook with no other change.
// A section of the file that is one record (申请信息, 申请人) is a sheet of
// label/value rows; a list (生产阶段, 受托生产企业) is a table with one row per
// item; lists and sub-records of a table's rows (协议条款, 职责分工调整) are
// tables whose first column names the row they belong to. Free text has a
// Chinese and an English cell. Enumerations and references are dropdowns.
//
// Reading a workbook produces the tree the YAML loader builds
// (datafile.Node, with every value's sheet and cell as its position), so the
// same decoder, rules and findings apply; the package registers itself as
// the applicant format for .xlsx. Formulas are never evaluated: the value
// the spreadsheet program last computed and saved is read, with an info
// finding naming the cell, and a formula without a saved value is an error.
package intake

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
)

// kind is how a field's value is written in cells.
type kind int

const (
	kString  kind = iota
	kText         // Text or Name: a Chinese and an English cell
	kList         // a list of texts: one item per line
	kDate         // a date cell
	kInt          // a whole number
	kFloat        // a number
	kMoney        // an amount with at most two decimals
	kBool         // 是 / 否
	kEnum         // one of the type's EnumKeys, as a dropdown
	kCountry      // an ISO country code, with a dropdown of the known ones
)

// group is a struct around a field within one record, such as licence in
// licence.number.
type group struct {
	key string
	ptr bool // a pointer: left out when none of its cells is filled
}

// column is one field of a record: one cell of a row (two for text).
type column struct {
	key      string // dotted path within the record: licence.number
	label    string // Chinese header
	doc      string
	kind     kind
	typ      reflect.Type // the field's type, pointer removed
	index    []int        // field indexes from the record's type
	groups   []group
	ptr      bool // the field itself is a pointer (*Money)
	required bool // required, and so is every struct around it
	ref      string
}

// inPointer reports whether the field is inside a pointer struct.
func (c *column) inPointer() bool {
	for _, g := range c.groups {
		if g.ptr {
			return true
		}
	}
	return false
}

// cells is how many cells the column takes.
func (c *column) cells() int {
	if c.kind == kText || (c.kind == kList && isTextType(c.typ.Elem())) {
		return 2
	}
	return 1
}

// sheetKind is how a sheet lays out its records.
type sheetKind int

const (
	record sheetKind = iota // one record as label/value rows
	table                   // a list, one row per item
	posts                   // a struct whose fields share one type, one row per field
)

// sheet is one sheet of the workbook and the part of the file it holds.
type sheet struct {
	name     string
	path     string // the section's path, without indexes: manufacturers.responsibilities
	key      string // its key in the owning record: responsibilities
	doc      string
	kind     sheetKind
	typ      reflect.Type // one record's or row's type
	index    int          // field index in the owner's type
	ptr      bool         // a pointer: left out when empty
	required bool
	// parent owns the section: nil for the file's top level. When the
	// parent is a table, each row names its parent row by id in the first
	// column.
	parent *sheet
	cols   []column
	posts  []post
}

// post is one row of a posts sheet: a field of the struct.
type post struct {
	key, label, doc string
	index           int
	required        bool
}

// child reports whether each row names the parent row it belongs to.
func (s *sheet) child() bool { return s.parent != nil && s.parent.kind == table }

// parentKey is the key of the first column of a child sheet.
func (s *sheet) parentKey() string { return s.parent.path + "[].id" }

// layout is the whole workbook's structure.
type layout struct {
	sheets []*sheet
	byName map[string]*sheet
}

// sheetNames names the sheets of the sections, in the order they come in
// the workbook. A struct field listed here gets a sheet of its own rather
// than columns in its owner's; a section not listed gets a sheet named by
// its label, after these.
var sheetNames = []struct{ path, name string }{
	{"application", "申请信息"},
	{"applicant", "申请人"},
	{"applicant.key_personnel", "关键岗位人员"},
	{"applicant.qa_staff", "派驻质量人员"},
	{"product", "品种"},
	{"stages", "生产阶段"},
	{"transfers", "阶段间运输"},
	{"manufacturers", "受托生产企业"},
	{"manufacturers.agreement", "协议条款"},
	{"manufacturers.responsibilities", "职责分工调整"},
	{"risks", "风险评估"},
	{"attachments", "附件"},
	{"cross_border", "跨境信息"},
}

// Sheets that are not sections.
const (
	guideSheet = "使用说明"
	listsSheet = "选项"
)

// refs names the fields whose values are ids declared elsewhere in the
// file, and what they refer to; the workbook offers those ids as a
// dropdown.
var refs = map[string]string{
	"Stage.Site":              "site",
	"Transfer.From":           "stage",
	"Transfer.To":             "stage",
	"QAStaff.Manufacturer":    "manufacturer",
	"Attachment.Manufacturer": "manufacturer",
}

var (
	textType    = reflect.TypeFor[applicant.Text]()
	nameType    = reflect.TypeFor[applicant.Name]()
	dateType    = reflect.TypeFor[civil.Date]()
	moneyType   = reflect.TypeFor[applicant.Money]()
	countryType = reflect.TypeFor[applicant.Country]()
	enumType    = reflect.TypeFor[datafile.Enum]()
	fileType    = reflect.TypeFor[applicant.File]()
)

func isTextType(t reflect.Type) bool { return t == textType || t == nameType }

// leafKind says how a field of type t is written, or false when t is a
// struct or list that needs columns or a sheet of its own.
func leafKind(t reflect.Type) (kind, bool) {
	switch {
	case isTextType(t):
		return kText, true
	case t == dateType:
		return kDate, true
	case t == moneyType:
		return kMoney, true
	case t == countryType:
		return kCountry, true
	case t.Implements(enumType):
		return kEnum, true
	}
	switch t.Kind() {
	case reflect.String:
		return kString, true
	case reflect.Bool:
		return kBool, true
	case reflect.Int, reflect.Int64, reflect.Int32:
		return kInt, true
	case reflect.Float64:
		return kFloat, true
	case reflect.Slice:
		if e := t.Elem(); isTextType(e) || e.Kind() == reflect.String {
			return kList, true
		}
	}
	return 0, false
}

// isPosts reports whether t is a struct of two or more fields of one
// struct type, such as the key posts, each filled by a person.
func isPosts(t reflect.Type) bool {
	fs := datafile.Fields(t)
	if t.Kind() != reflect.Struct || len(fs) < 2 {
		return false
	}
	ft := t.Field(fs[0].Index).Type
	if _, leaf := leafKind(ft); leaf || ft.Kind() != reflect.Struct {
		return false
	}
	for _, f := range fs {
		if t.Field(f.Index).Type != ft {
			return false
		}
	}
	return true
}

var (
	layoutOnce sync.Once
	theLayout  *layout
	layoutErr  error
)

// getLayout builds the layout once per process.
func getLayout() (*layout, error) {
	layoutOnce.Do(func() { theLayout, layoutErr = buildLayout() })
	return theLayout, layoutErr
}

type builder struct {
	docs map[string]string
	l    *layout
}

func buildLayout() (*layout, error) {
	docs, err := applicant.Docs()
	if err != nil {
		return nil, err
	}
	b := &builder{docs: docs, l: &layout{byName: map[string]*sheet{}}}
	for _, f := range datafile.Fields(fileType) {
		if err := b.section(nil, fileType, f); err != nil {
			return nil, err
		}
	}
	order := func(s *sheet) int {
		for i, n := range sheetNames {
			if n.path == s.path {
				return i
			}
		}
		return len(sheetNames)
	}
	slices.SortStableFunc(b.l.sheets, func(x, y *sheet) int { return order(x) - order(y) })
	for _, s := range b.l.sheets {
		if b.l.byName[s.name] != nil || s.name == guideSheet || s.name == listsSheet {
			return nil, fmt.Errorf("intake: two sheets named %s", s.name)
		}
		b.l.byName[s.name] = s
	}
	return b.l, nil
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// section adds the sheet of field f of owner (File, or a parent sheet's
// record type).
func (b *builder) section(parent *sheet, owner reflect.Type, f datafile.Field) error {
	sf := owner.Field(f.Index)
	t, ptr := sf.Type, false
	if t.Kind() == reflect.Pointer {
		t, ptr = t.Elem(), true
	}
	path := f.Name
	if parent != nil {
		path = parent.path + "." + f.Name
	}
	s := &sheet{path: path, key: f.Name, doc: b.docs[owner.Name()+"."+sf.Name], index: f.Index, ptr: ptr,
		required: f.Required && !ptr, parent: parent}
	s.name = b.sheetName(path, owner, sf)
	switch {
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		s.kind, s.typ = table, t.Elem()
	case isPosts(t):
		s.kind, s.typ = posts, t.Field(datafile.Fields(t)[0].Index).Type
		for _, pf := range datafile.Fields(t) {
			psf := t.Field(pf.Index)
			s.posts = append(s.posts, post{key: pf.Name, label: b.label(t, psf, pf.Name), doc: b.docs[t.Name()+"."+psf.Name], index: pf.Index, required: pf.Required})
		}
	case t.Kind() == reflect.Struct && parent != nil && parent.kind == table:
		// One row for each of the parent's rows.
		s.kind, s.typ = table, t
	case t.Kind() == reflect.Struct:
		s.kind, s.typ = record, t
	default:
		return fmt.Errorf("intake: section %s of type %s has no layout", path, t)
	}
	if s.child() {
		if !hasID(parent.typ) {
			return fmt.Errorf("intake: %s belongs to rows of %s, which have no id to name them by", path, parent.path)
		}
	}
	b.l.sheets = append(b.l.sheets, s)
	return b.columns(s, s.typ, nil, nil, "", true)
}

func hasID(t reflect.Type) bool {
	for _, f := range datafile.Fields(t) {
		if f.Name == "id" {
			return true
		}
	}
	return false
}

func (b *builder) sheetName(path string, owner reflect.Type, sf reflect.StructField) string {
	for _, n := range sheetNames {
		if n.path == path {
			return n.name
		}
	}
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, b.label(owner, sf, path))
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	return name
}

// split reports whether the struct field at path has a sheet of its own.
func split(path string) bool {
	for _, n := range sheetNames {
		if n.path == path {
			return true
		}
	}
	return false
}

// columns adds the fields of t (within a record of s) as columns, and the
// lists and split structs among them as sheets of their own.
func (b *builder) columns(s *sheet, t reflect.Type, index []int, groups []group, prefix string, req bool) error {
	for _, f := range datafile.Fields(t) {
		sf := t.Field(f.Index)
		ft, ptr := sf.Type, false
		if ft.Kind() == reflect.Pointer {
			ft, ptr = ft.Elem(), true
		}
		key := join(prefix, f.Name)
		idx := append(slices.Clone(index), f.Index)
		if k, ok := leafKind(ft); ok {
			c := column{key: key, label: b.label(t, sf, f.Name), doc: b.docs[t.Name()+"."+sf.Name], kind: k, typ: ft, index: idx,
				groups: groups, ptr: ptr, required: req && f.Required && !ptr, ref: refs[t.Name()+"."+sf.Name]}
			if len(groups) > 0 {
				c.label = b.groupLabel(s, groups) + "·" + c.label
			}
			s.cols = append(s.cols, c)
			continue
		}
		sub := s.path + "." + key
		if ft.Kind() == reflect.Slice || isPosts(ft) || split(sub) {
			if len(groups) > 0 || s.kind == posts {
				return fmt.Errorf("intake: %s is a list or sheet inside a sub-record; give it a layout", sub)
			}
			if err := b.section(s, t, f); err != nil {
				return err
			}
			continue
		}
		if ft.Kind() != reflect.Struct {
			return fmt.Errorf("intake: field %s of type %s has no layout", sub, ft)
		}
		g := append(slices.Clone(groups), group{key: f.Name, ptr: ptr})
		if err := b.columns(s, ft, idx, g, key, req && f.Required && !ptr); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) groupLabel(s *sheet, groups []group) string {
	var parts []string
	t := s.typ
	for _, g := range groups {
		for _, f := range datafile.Fields(t) {
			if f.Name == g.key {
				sf := t.Field(f.Index)
				parts = append(parts, b.label(t, sf, f.Name))
				t = sf.Type
				if t.Kind() == reflect.Pointer {
					t = t.Elem()
				}
				break
			}
		}
	}
	return strings.Join(parts, "·")
}

// label is the Chinese header of a field: from the table of labels, else
// the Chinese term its doc comment gives in parentheses, else its name.
func (b *builder) label(owner reflect.Type, sf reflect.StructField, name string) string {
	if l, ok := labels[owner.Name()+"."+sf.Name]; ok {
		return l
	}
	doc := b.docs[owner.Name()+"."+sf.Name]
	if i := strings.Index(doc, "("); i >= 0 {
		if j := strings.Index(doc[i:], ")"); j > 0 {
			if term := doc[i+1 : i+j]; strings.IndexFunc(term, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
				return term
			}
		}
	}
	return name
}
