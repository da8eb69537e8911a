package rules

import (
	"errors"

	"pilotpack/internal/applicant"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/printable"
)

// ValidateFile loads the applicant file at path and checks it against p. A
// file that cannot be read at all comes back as a single data.file or
// data.syntax finding, so every caller reports problems one way. The
// applicant is nil when the file could not be read.
func ValidateFile(path string, p *Policy) (*applicant.Applicant, finding.List) {
	a, loaded := LoadFile(path)
	if a == nil {
		return nil, loaded
	}
	return a, Check(a, p, loaded)
}

// LoadFile loads the applicant file at path, with the findings of loading
// it; ValidateFile is LoadFile and Check. It needs no policy, so a caller
// may load files while its pack is still being opened.
func LoadFile(path string) (*applicant.Applicant, finding.List) {
	a, loaded, err := applicant.Load(path)
	if err != nil {
		return nil, finding.List{fileFinding(path, err)}
	}
	return a, loaded
}

func fileFinding(path string, err error) finding.Finding {
	f := finding.Finding{Rule: "data.file", Severity: finding.Error, File: path, Basis: applicant.SchemaBasis,
		Message: finding.Text{En: printable.String(lang.Message(err, lang.En)), Zh: printable.String(lang.Message(err, lang.Zh))}}
	var de *datafile.Error
	if errors.As(err, &de) {
		applicant.Place(&f, de.Pos)
		f.Message = finding.Text{En: printable.String(de.Msg.En), Zh: printable.String(de.Msg.Zh)}
		if de.Pos.Line > 0 {
			f.Rule = "data.syntax"
		}
	}
	return f
}
