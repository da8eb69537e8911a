package packet

import (
	"io"
	"io/fs"
	"path"
	"time"

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
	Warnings []lang.Text
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

// Open opens a packet folder, or a zip holding one, for reading, as verify
// reads it: nothing follows a link, and a zip beyond a packet's bounds is
// refused before anything is unpacked. Close the closer when done.
func Open(p string) (fs.FS, io.Closer, error) {
	src, problems, err := openPacket(p)
	if err != nil {
		return nil, nil, err
	}
	if len(problems) > 0 {
		src.close()
		return nil, nil, lang.Errorf(msgAt, p, lang.JoinTexts(problems, msgProblemSep))
	}
	return sourceFS{src}, sourceFS{src}, nil
}

// sourceFS reads a packet's files through its source.
type sourceFS struct{ s source }

func (f sourceFS) Close() error { f.s.close(); return nil }

func (f sourceFS) Open(name string) (fs.File, error) {
	size, err := f.s.entry(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	rc, err := f.s.open(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &sourceFile{ReadCloser: rc, name: name, size: size}, nil
}

// ReadFile reads a file whole, no more than the packet says it holds.
func (f sourceFS) ReadFile(name string) ([]byte, error) {
	data, err := readSmall(f.s, name, maxEntrySize)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

type sourceFile struct {
	io.ReadCloser
	name string
	size int64
}

func (f *sourceFile) Stat() (fs.FileInfo, error) { return fileInfo{f.name, f.size}, nil }

type fileInfo struct {
	name string
	size int64
}

func (i fileInfo) Name() string       { return path.Base(i.name) }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return 0o444 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }

// ReadManifest reads the manifest of an opened packet.
func ReadManifest(fsys fs.FS) (*Manifest, error) {
	data, err := fs.ReadFile(fsys, ManifestName)
	if err != nil {
		return nil, errNoManifest
	}
	return parseManifest(data)
}

// SHA256 is the checksum the manifest records for data.
func SHA256(data []byte) string { return sha(data) }
