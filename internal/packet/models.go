package packet

import (
	"pilotpack/internal/applicant"
	"pilotpack/internal/document"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
)

// Rendered is one document of a packet as a document model, before it is
// laid out or written.
type Rendered struct {
	// Document is the pack's document; Manufacturer the one it is made
	// for, or nil for a document made once.
	Document     pack.Document
	Manufacturer *applicant.Manufacturer
	Model        *document.Doc
	// Stem names the document's files without their number and extension
	// (quality-agreement-lanhu-suzhou); Title is the document's title.
	Stem, Title string
	// File is the name of the document's DOCX in the packet.
	File string
}

// Models are the documents of one packet as document models.
type Models struct {
	Applicant *applicant.Applicant
	Findings  finding.List
	Lang      lang.Lang
	Documents []Rendered
	// Warnings say what the rendered Markdown could not express.
	Warnings []string
}

// Render renders the documents of the applicant file at path as Build
// does, with the same pack, language and date, but only into their models:
// nothing is laid out and nothing is written. Data errors do not stop it:
// a draft under negotiation is still worth reading.
func Render(path string, opts Options) (*Models, error) {
	b := &builder{opts: opts, path: path}
	if err := b.load(); err != nil {
		return nil, err
	}
	b.findings.Sort()
	out := &Models{Applicant: b.a, Findings: b.findings, Lang: b.lang}
	err := b.models(func(n int, r Rendered) error {
		r.File = fileName(n, r.Stem, ".docx")
		out.Documents = append(out.Documents, r)
		return nil
	})
	out.Warnings = b.warnings
	return out, err
}

// FileName is the name of document n's file in a packet: its number, its
// stem and ext, at most 64 characters.
func FileName(n int, stem, ext string) string { return fileName(n, stem, ext) }
