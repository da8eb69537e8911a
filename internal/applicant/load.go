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
	"reflect"
	"slices"
	"strings"

	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
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
func (a *Applicant) Finding(rule string, sev finding.Severity, path string, msg, basis finding.Text) finding.Finding {
	f := finding.Finding{Rule: rule, Severity: sev, File: a.Path, Path: path, Message: msg, Basis: basis}
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
	// message about a missing file.
	Init string
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

// Load reads an applicant file. The error is for files that cannot be read
// at all (missing, too large, not UTF-8, bad syntax); problems with single
// values come back as findings with rule ids data.*, all of them at once.
func Load(path string) (*Applicant, finding.List, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			create := "pilotpack init"
			if f, ok := formats[strings.ToLower(filepath.Ext(path))]; ok {
				create = f.Init
			}
			return nil, nil, fmt.Errorf("%s: no such file; create one with: %s %s", path, create, path)
		}
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if st.IsDir() {
		return nil, nil, fmt.Errorf("%s: is a folder, not an applicant file", path)
	}
	if st.Size() > Limits.MaxBytes {
		return nil, nil, &datafile.Error{File: path, Msg: fmt.Sprintf("file is %d bytes, more than the limit of %d; is this the right file?", st.Size(), Limits.MaxBytes)}
	}
	data, err := io.ReadAll(io.LimitReader(f, Limits.MaxBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return Parse(path, data)
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
	res, more := datafile.DecodeNode(root, file)
	problems = append(problems, more...)
	a := &Applicant{File: file, Path: name, Raw: data, where: res}
	a.defaults()
	assignPlain(reflect.ValueOf(file).Elem(), a.Application.Language.Lang())
	var out finding.List
	for i, p := range append(problems, notes...) {
		f := finding.Finding{Rule: "data." + p.Code, Severity: finding.Error, File: name,
			Path: p.Path, Message: finding.Text{Zh: p.Zh, En: p.En}, Basis: SchemaBasis}
		if i >= len(problems) {
			f.Severity = finding.Info
		}
		Place(&f, p.Pos)
		out = append(out, f)
	}
	out.Sort()
	return a, out, nil
}

// defaults fills what the file may leave out.
func (a *Applicant) defaults() {
	if a.Application.Language == "" {
		a.Application.Language = "zh"
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
