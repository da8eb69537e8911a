package packet

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"

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

// Open opens a packet folder, or a zip holding one, for reading; the closer
// is nil for a folder.
func Open(p string) (fs.FS, io.Closer, error) { return openPacket(p) }

// ReadManifest reads the manifest of an opened packet.
func ReadManifest(fsys fs.FS) (*Manifest, error) {
	data, err := fs.ReadFile(fsys, ManifestName)
	if err != nil {
		return nil, errNoManifest
	}
	m := &Manifest{}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("manifest.json is not valid: %v", err)
	}
	return m, nil
}

// SHA256 is the checksum the manifest records for data.
func SHA256(data []byte) string { return sha(data) }
