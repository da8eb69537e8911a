// Package applicant is the applicant file: the data model every document and
// rule reads, and its loading from YAML or JSON with the position of every
// value, so that findings can point at the line to fix.
package applicant

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"pilotpack/internal/inputfile"
	"reflect"
	"slices"
	"strings"

	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/printable"
	"pilotpack/internal/shell"
)

// Applicant is a loaded applicant file.
type Applicant struct {
	*File
	// Path is the file's name as given on the command line.
	Path string
	// Raw is the file's content, for its digest in the manifest.
	Raw   []byte
	where *datafile.Result
}

// Pos returns the line and column of a field path such as
// manufacturers[1].credit_code, or of its nearest ancestor in the file.
func (a *Applicant) Pos(path string) datafile.Pos { return a.where.Pos(path) }

// Has reports whether the field path was given a value in the file.
func (a *Applicant) Has(path string) bool { return a.where.Has(path) }

// Dir is the folder of the applicant file; attachments resolve against it.
func (a *Applicant) Dir() string { return filepath.Dir(a.Path) }

// Stem is the file name without folder and extension.
func (a *Applicant) Stem() string {
	b := filepath.Base(a.Path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// Finding makes a finding about path, positioned where path is in the file.
// The message quotes values from the file, so its control characters are
// escaped (printable): it goes to terminals, workbooks and manifests.
func (a *Applicant) Finding(rule string, sev finding.Severity, path string, msg, basis finding.Text) finding.Finding {
	msg = finding.Text{Zh: printable.String(msg.Zh), En: printable.String(msg.En)}
	f := finding.Finding{Rule: rule, Severity: sev, File: a.Path, Path: printable.String(path), Message: msg, Basis: basis}
	Place(&f, a.Pos(path))
	return f
}

// Place gives f the position p: a line and column, or a workbook's sheet
// and cell.
func Place(f *finding.Finding, p datafile.Pos) {
	f.Line, f.Column, f.Sheet, f.Cell = p.Line, p.Col, p.Sheet, p.Cell
}

// A Format reads applicant files of one kind, known by their extension,
// into the tree the YAML and JSON loader builds, so that every kind gives
// the same model, the same rules and the same findings. YAML and JSON are
// built in; other packages register more (the intake workbook registers
// .xlsx).
type Format struct {
	// Parse returns the tree with the position of every value, the
	// problems that still let it be read (errors), notes about how values
	// were read (infos), or an error when the file cannot be read at all.
	Parse func(name string, data []byte, lim datafile.Limits) (root *datafile.Node, problems, notes []datafile.Problem, err error)
	// Init is the command that writes a new file of the kind, for the
	// message about a missing file; the file's name follows it.
	Init []string
}

var formats = map[string]Format{}

// RegisterFormat makes Load and Parse read files ending in ext (".xlsx")
// with f. Call it from an init function.
func RegisterFormat(ext string, f Format) { formats[strings.ToLower(ext)] = f }

// Extensions lists the extensions of the applicant files Load reads, for
// commands that look for applicant files in a folder.
func Extensions() []string {
	out := []string{".yaml", ".yml", ".json"}
	for _, ext := range slices.Sorted(maps.Keys(formats)) {
		out = append(out, ext)
	}
	return out
}

// IsFile reports whether name has the extension of an applicant file.
func IsFile(name string) bool {
	return slices.Contains(Extensions(), strings.ToLower(filepath.Ext(name)))
}

// Limits bound what Load reads; see datafile.Limits.
var Limits = datafile.DefaultLimits

// SchemaBasis is the basis of findings about the file's shape.
var SchemaBasis = finding.Text{Zh: "pilotpack 申请数据格式（pilotpack schema）", En: "pilotpack applicant file format (pilotpack schema)"}

var (
	msgNoFile       = lang.T("%s：没有这个文件；可用以下命令新建：%s", "%s: no such file; create one with: %s")
	msgIsFolder     = lang.T("%s：是文件夹，不是申请文件", "%s: is a folder, not an applicant file")
	msgNotRegular   = lang.T("%s：不是普通文件（而是管道、设备或套接字），请给出申请文件本身", "%s: not a regular file (a pipe, device or socket); give the applicant file itself")
	msgCannotRead   = lang.T("%s：无法读取：%v", "%s: cannot read: %v")
	msgProvinceCode = lang.T("未填写，已按省份 %s 取 %s", "not given; %s is taken from the province %s")
	basisDerived    = lang.T("GB/T 2260 行政区划代码", "GB/T 2260 administrative division codes")
)

// Load reads an applicant file. The error is for files that cannot be read
// at all (missing, too large, not UTF-8, bad syntax); problems with single
// values come back as findings with rule ids data.*, all of them at once.
func Load(path string) (*Applicant, finding.List, error) {
	f, err := openFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			create := []string{"pilotpack", "init"}
			if f, ok := formats[strings.ToLower(filepath.Ext(path))]; ok {
				create = f.Init
			}
			return nil, nil, lang.Errorf(msgNoFile, path, shell.Join(append(create, path)...))
		}
		return nil, nil, lang.Errorf(msgCannotRead, path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, lang.Errorf(msgCannotRead, path, err)
	}
	if st.IsDir() {
		return nil, nil, lang.Errorf(msgIsFolder, path)
	}
	if !st.Mode().IsRegular() {
		return nil, nil, lang.Errorf(msgNotRegular, path)
	}
	if st.Size() > Limits.MaxBytes {
		return nil, nil, datafile.TooLarge(path, st.Size(), Limits.MaxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, Limits.MaxBytes+1))
	if err != nil {
		return nil, nil, lang.Errorf(msgCannotRead, path, err)
	}
	return Parse(path, data)
}

// openFile opens an applicant file for reading without waiting: a named
// pipe opens at once, to be refused as not a regular file.
func openFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|inputfile.NonBlock, 0)
}

// Parse reads an applicant file's content; name is used in positions, and
// its extension chooses the format (YAML or JSON unless registered).
func Parse(name string, data []byte) (*Applicant, finding.List, error) {
	var root *datafile.Node
	var problems, notes []datafile.Problem
	var err error
	if f, ok := formats[strings.ToLower(filepath.Ext(name))]; ok {
		root, problems, notes, err = f.Parse(name, data, Limits)
	} else {
		root, problems, err = datafile.Parse(name, data, Limits)
	}
	if err != nil {
		return nil, nil, err
	}
	file := &File{}
	res, more := datafile.DecodeNode(root, file, datafile.Options{Codes: isCode})
	problems = append(problems, more...)
	// How a workbook's values were read (a formula's saved result) is
	// worth knowing, not fixing.
	for _, n := range notes {
		n.Severity = finding.Info
		problems = append(problems, n)
	}
	a := &Applicant{File: file, Path: name, Raw: data, where: res}
	assignPlain(reflect.ValueOf(file).Elem(), a.Application.Language.Lang())
	var out finding.List
	for _, p := range problems {
		f := finding.Finding{Rule: "data." + p.Code, Severity: p.Severity, File: name,
			Path: printable.String(p.Path), Message: finding.Text{Zh: printable.String(p.Zh), En: printable.String(p.En)}, Basis: SchemaBasis}
		Place(&f, p.Pos)
		out = append(out, f)
	}
	out = append(out, a.defaults()...)
	out.Sort()
	return a, out, nil
}

// codeFields are the fields that hold identifiers, codes and numbers
// rather than text: datafile tidies their values (spaces at either end,
// full-width letters and digits) as it reads them. Dates, amounts, enumerated
// values and whole numbers are codes by their type.
var codeFields = map[string]bool{
	"application.id": true, "application.province_code": true,
	"applicant.credit_code": true, "applicant.contact.phone": true, "applicant.contact.email": true,
	"applicant.licence.number": true, "applicant.licence.category": true, "applicant.qa_staff[].manufacturer": true,
	"product.registration.number": true, "product.entrustment_approval.reference": true,
	"applicant.key_personnel.enterprise_head.phone": true, "applicant.key_personnel.enterprise_head.email": true,
	"applicant.key_personnel.production_head.phone": true, "applicant.key_personnel.production_head.email": true,
	"applicant.key_personnel.quality_head.phone": true, "applicant.key_personnel.quality_head.email": true,
	"applicant.key_personnel.qualified_person.phone": true, "applicant.key_personnel.qualified_person.email": true,
	"stages[].id": true, "stages[].site": true, "stages[].country": true,
	"transfers[].from": true, "transfers[].to": true, "transfers[].qualification.report": true,
	"manufacturers[].id": true, "manufacturers[].credit_code": true, "manufacturers[].country": true,
	"manufacturers[].licence.number": true, "manufacturers[].licence.category": true,
	"manufacturers[].gmp.number": true, "manufacturers[].consent.reference": true,
	"manufacturers[].quality_contact.phone": true, "manufacturers[].quality_contact.email": true,
	"manufacturers[].qualified_person.phone": true, "manufacturers[].qualified_person.email": true,
	"manufacturers[].agreement.price.currency": true, "manufacturers[].responsibilities[].activity": true,
	"attachments[].manufacturer": true, "attachments[].item": true,
}

func isCode(path string, t reflect.Type) bool {
	return codeFields[path] || t == dateType || t == moneyType || t.Implements(enumType)
}

// defaults fills what the file may leave out, and says so where what it
// fills in is derived from other fields.
func (a *Applicant) defaults() finding.List {
	var out finding.List
	if a.Application.Language == "" {
		a.Application.Language = "zh"
	}
	if app := &a.Application; app.ProvinceCode == "" && !a.Has("application.province_code") {
		if info, ok := app.Province.Info(); ok {
			app.ProvinceCode = info.Code
			f := a.Finding("data.derived", finding.Info, "application.province_code",
				lang.T(fmt.Sprintf(msgProvinceCode.Zh, info.Name, info.Code), fmt.Sprintf(msgProvinceCode.En, info.Code, info.Name)), basisDerived)
			out = append(out, f)
		}
	}
	for i := range a.Stages {
		if a.Stages[i].Country == "" {
			a.Stages[i].Country = "CN"
		}
	}
	for i := range a.Manufacturers {
		m := &a.Manufacturers[i]
		if m.Country == "" {
			m.Country = "CN"
		}
		if m.Agreement.GoverningLaw.IsZero() {
			m.Agreement.GoverningLaw = T("中华人民共和国法律", "the laws of the People's Republic of China")
		}
		if m.Agreement.Price != nil && m.Agreement.Price.Currency == "" {
			m.Agreement.Price.Currency = "CNY"
		}
		if m.Compliance.Record == "" {
			m.Compliance.Record = "good"
		}
	}
	return out
}

// Manufacturer returns the manufacturer with the given id.
func (f *File) Manufacturer(id string) (*Manufacturer, int) {
	for i := range f.Manufacturers {
		if f.Manufacturers[i].ID == id {
			return &f.Manufacturers[i], i
		}
	}
	return nil, -1
}

// Stage returns the stage with the given id.
func (f *File) Stage(id string) (*Stage, int) {
	for i := range f.Stages {
		if f.Stages[i].ID == id {
			return &f.Stages[i], i
		}
	}
	return nil, -1
}

// Abroad reports whether any stage or manufacturer is outside mainland China.
func (f *File) Abroad() bool {
	for _, s := range f.Stages {
		if s.Country.Abroad() {
			return true
		}
	}
	for _, m := range f.Manufacturers {
		if m.Country.Abroad() {
			return true
		}
	}
	return false
}

// MadeFor lists whom a document or checklist item of a pack is made for:
// every manufacturer when perManufacturer, else once, as a single nil.
func (a *Applicant) MadeFor(perManufacturer bool) []*Manufacturer {
	if !perManufacturer {
		return []*Manufacturer{nil}
	}
	out := make([]*Manufacturer, len(a.Manufacturers))
	for i := range a.Manufacturers {
		out[i] = &a.Manufacturers[i]
	}
	return out
}

// HolderSite is the value of Stage.Site for the holder's own site.
const HolderSite = "holder"
