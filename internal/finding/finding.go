// Package finding is the common shape of every problem pilotpack reports about
// an applicant file: the loader's schema problems and the pilot rules' findings
// are sorted, counted and printed together, so they share one type.
package finding

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"pilotpack/internal/lang"
)

// Severity says whether a finding blocks a packet.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
	Info
)

var severityNames = [...]struct{ key, zh string }{
	Error:   {"error", "错误"},
	Warning: {"warning", "警告"},
	Info:    {"info", "提示"},
}

// String returns error, warning or info.
func (s Severity) String() string { return severityNames[s].key }

// Zh returns the Chinese label: 错误, 警告 or 提示.
func (s Severity) Zh() string { return severityNames[s].zh }

// Label returns the severity's word in l: 错误 or error, and so on.
func (s Severity) Label(l lang.Lang) string {
	if l == lang.Zh {
		return s.Zh()
	}
	return s.String()
}

// MarshalText writes the English key.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads error, warning or info.
func (s *Severity) UnmarshalText(b []byte) error {
	for i, n := range severityNames {
		if n.key == string(b) {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("unknown severity %q: use error, warning or info", b)
}

// Text is a message in both languages.
type Text = lang.Text

// Finding is one problem at one place of one file.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	// Sheet and Cell place a finding about a workbook: Cell is the sheet
	// and cell as a spreadsheet names them (受托生产企业!D4), Line and Column
	// are then its row and column, and Sheet is the sheet's place in the
	// workbook, for sorting.
	Sheet   int    `json:"sheet,omitempty"`
	Cell    string `json:"cell,omitempty"`
	Path    string `json:"path"`
	Message Text   `json:"message"`
	Basis   Text   `json:"basis"`
	// Subject names what the finding is about where that is a thing a
	// document may name, such as a missing material.
	Subject Text `json:"subject,omitzero"`
}

// Position returns file:line:col, leaving out what is unknown, or
// file:sheet!cell in a workbook.
func (f Finding) Position() string {
	switch {
	case f.Cell != "":
		return f.File + ":" + f.Cell
	case f.Line == 0:
		return f.File
	case f.Column == 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
}

// Format renders the finding as one line of human output in lang:
//
//	applicant.yaml:14:7: error [id.credit-code] manufacturers[1].credit_code: check character …
//	applicant.xlsx:受托生产企业!D4: error [id.credit-code] manufacturers[1].credit_code: check character …
func (f Finding) Format(l lang.Lang) string {
	var b strings.Builder
	b.WriteString(f.Position())
	b.WriteString(": ")
	b.WriteString(f.Severity.Label(l))
	fmt.Fprintf(&b, " [%s] ", f.Rule)
	if f.Path != "" {
		b.WriteString(f.Path)
		b.WriteString(": ")
	}
	b.WriteString(f.Message.In(l))
	return b.String()
}

// List is the findings of one or more files.
type List []Finding

// Sort orders findings by file and position, then severity and rule, so
// output reads top to bottom like the file and is stable from run to run.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Sheet, b.Sheet),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Message.En, b.Message.En),
		)
	})
}

// Count returns how many findings have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, f := range l {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any finding blocks the packet.
func (l List) HasErrors() bool { return l.Count(Error) > 0 }

// Rules returns the distinct rule ids in the list, sorted.
func (l List) Rules() []string {
	var ids []string
	for _, f := range l {
		ids = append(ids, f.Rule)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// MarshalJSON writes an empty list as [] rather than null.
func (l List) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]Finding(l))
}
