package packet

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"pilotpack/generators/pdf"
	"pilotpack/internal/finding"
)

// Verification reads a packet that may come from anyone, so it is bounded:
// hashes are streamed through one small buffer, only files up to
// maxStructure are opened as their format, and a zip is measured from its
// directory before anything is unpacked. Memory stays within a few times
// maxStructure whatever the packet holds.
const (
	maxManifest  = 16 << 20 // manifest.json
	maxSeal      = 64 << 10 // manifest.sig
	maxListed    = 10_000   // files a manifest may list
	maxEntries   = 20_000   // entries of a packet's zip
	maxEntrySize = 4 << 30  // one file of a packet: a combined PDF of many attachments stays far below
	maxTotalSize = 64 << 30 // all of a zip's entries
	// maxRatio bounds how much an entry of more than ratioFloor bytes may
	// have shrunk in the zip: PDFs, workbooks and DOCX are compressed
	// already and shrink little, text a few times; a zip bomb shrinks by
	// a thousand.
	maxRatio   = 100
	ratioFloor = 1 << 20
	// maxStructure is the largest file opened as a PDF, workbook or DOCX;
	// larger ones are checked by size and checksum, and a PDF also by its
	// first and last bytes.
	maxStructure = 16 << 20
)

// VerifyOptions control a verification.
type VerifyOptions struct {
	// Trust are the keys one of which must have sealed the packet; empty
	// accepts an unsealed packet, with a note that says what that means.
	Trust []ed25519.PublicKey
}

// Report is the outcome of a verification.
type Report struct {
	Manifest *Manifest
	Checked  int
	// Problems fail the verification.
	Problems []string
	// Notes say what the verification proves and what it did not check.
	Notes []string
}

// NotFoundError is a packet path that does not exist.
type NotFoundError struct{ Path string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s does not exist; give a packet folder or its zip", e.Path)
}

// Verify checks a packet folder or its zip against its manifest: the
// manifest lists files and agrees with itself; every file listed is there,
// a regular file (not a link), with its size and checksum; every PDF is
// valid with the pages listed, every workbook and DOCX opens; no file is
// there that the manifest does not list; and the seal, when there is one
// or opts asks for one, signs this manifest with a trusted key. The error
// is for a packet that cannot be read at all.
func Verify(p string, opts VerifyOptions) (*Report, error) {
	src, bounds, err := openPacket(p)
	if err != nil {
		return nil, err
	}
	defer src.close()
	r := &Report{}
	if len(bounds) > 0 {
		r.Problems = append(bounds, "the zip was not unpacked")
		return r, nil
	}
	manifest, err := readSmall(src, ManifestName, maxManifest)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", p, errNoManifest)
		}
		r.Problems = append(r.Problems, fmt.Sprintf("%s: %v", ManifestName, err))
		return r, nil
	}
	m := &Manifest{}
	if err := json.Unmarshal(manifest, m); err != nil {
		return nil, fmt.Errorf("%s: manifest.json is not valid: %v", p, err)
	}
	r.Manifest = m
	sealData, err := readSmall(src, SealName, maxSeal)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		r.Problems = append(r.Problems, fmt.Sprintf("%s: %v", SealName, err))
	}
	sealProblems, note := checkSeal(m, manifest, sealData, opts.Trust)
	r.Problems = append(r.Problems, sealProblems...)
	if note != "" {
		r.Notes = append(r.Notes, note)
	}
	r.Problems = append(r.Problems, checkManifest(m)...)
	v := &verifier{src: src, r: r, buf: make([]byte, 256<<10)}
	listed := map[string]bool{ManifestName: true, SealName: true}
	for _, f := range m.Files {
		if listed[f.Path] || !fs.ValidPath(f.Path) || len(m.Files) > maxListed {
			continue // reported by checkManifest
		}
		listed[f.Path] = true
		v.file(f)
	}
	names, err := src.names()
	if err != nil {
		r.Problems = append(r.Problems, fmt.Sprintf("the packet's contents cannot be listed: %v", err))
	}
	var extra []string
	for _, n := range names {
		if !listed[n] {
			extra = append(extra, n)
		}
	}
	sort.Strings(extra)
	for _, e := range extra {
		r.Problems = append(r.Problems, fmt.Sprintf("%s: unexpected: the manifest does not list it", e))
	}
	if v.large > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d %s larger than %d MB %s checked by size and checksum (a PDF also by its first and last bytes), not opened",
			v.large, map[bool]string{true: "file", false: "files"}[v.large == 1], maxStructure>>20, map[bool]string{true: "was", false: "were"}[v.large == 1]))
	}
	return r, nil
}

// checkManifest finds what no build writes: a manifest that lists nothing,
// paths that leave the packet or come twice, counts that disagree with the
// findings listed, and a packet that is no draft despite errors.
func checkManifest(m *Manifest) []string {
	var out []string
	if len(m.Files) == 0 {
		out = append(out, "the manifest lists no files: a packet always holds its documents")
	}
	if len(m.Files) > maxListed {
		out = append(out, fmt.Sprintf("the manifest lists %d files, more than the %d a packet can hold", len(m.Files), maxListed))
		return out
	}
	seen := map[string]bool{}
	for _, f := range m.Files {
		switch {
		case !fs.ValidPath(f.Path) || f.Path == ".":
			out = append(out, fmt.Sprintf("the manifest lists %q, which is not a path inside the packet", f.Path))
		case f.Path == ManifestName || f.Path == SealName:
			out = append(out, fmt.Sprintf("the manifest lists %s, which it cannot checksum", f.Path))
		case seen[f.Path]:
			out = append(out, fmt.Sprintf("the manifest lists %s twice", f.Path))
		}
		seen[f.Path] = true
	}
	fs := m.Findings
	if n := fs.List.Count(finding.Error); n != fs.Errors {
		out = append(out, fmt.Sprintf("the manifest counts %d errors but lists %d", fs.Errors, n))
	}
	if n := fs.List.Count(finding.Warning); n != fs.Warnings {
		out = append(out, fmt.Sprintf("the manifest counts %d warnings but lists %d", fs.Warnings, n))
	}
	if n := fs.List.Count(finding.Info); n != fs.Infos {
		out = append(out, fmt.Sprintf("the manifest counts %d infos but lists %d", fs.Infos, n))
	}
	if !m.Draft && max(fs.Errors, fs.List.Count(finding.Error)) > 0 {
		out = append(out, "the manifest says the packet is not a draft, yet lists errors: only a draft is built despite errors")
	}
	return out
}

type verifier struct {
	src   source
	r     *Report
	buf   []byte
	large int
}

// file checks one listed file.
func (v *verifier) file(f FileEntry) {
	bad := func(format string, args ...any) {
		v.r.Problems = append(v.r.Problems, f.Path+": "+fmt.Sprintf(format, args...))
	}
	size, err := v.src.entry(f.Path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			bad("missing")
		} else {
			bad("%v", err)
		}
		return
	}
	v.r.Checked++
	if size != int64(f.Size) {
		bad("changed (size %d; the manifest says %d)", size, f.Size)
		return
	}
	rc, err := v.src.open(f.Path)
	if err != nil {
		bad("cannot be read: %v", err)
		return
	}
	defer rc.Close()
	h := sha256.New()
	var w io.Writer = h
	var whole *bytes.Buffer
	var ends *edges
	if size <= maxStructure {
		whole = bytes.NewBuffer(make([]byte, 0, size))
		w = io.MultiWriter(h, whole)
	} else {
		v.large++
		ends = &edges{}
		w = io.MultiWriter(h, ends)
	}
	n, err := io.CopyBuffer(w, io.LimitReader(rc, size+1), v.buf)
	if err != nil {
		bad("cannot be read: %v", err)
		return
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if n != size || sum != f.SHA256 {
		bad("changed (size %d, sha256 %s; the manifest says %d, %s)", n, sum[:12], f.Size, f.SHA256[:min(12, len(f.SHA256))])
		return
	}
	if whole != nil {
		err = checkFormat(f, whole.Bytes())
	} else if strings.EqualFold(path.Ext(f.Path), ".pdf") {
		err = ends.checkPDF()
	}
	if err != nil {
		bad("%v", err)
	}
}

// edges keeps the first and last bytes of what is written through it.
type edges struct {
	head, tail []byte
}

const edgeSize = 2048

func (e *edges) Write(p []byte) (int, error) {
	if len(e.head) < edgeSize {
		e.head = append(e.head, p[:min(len(p), edgeSize-len(e.head))]...)
	}
	e.tail = append(e.tail, p[max(0, len(p)-edgeSize):]...)
	if len(e.tail) > edgeSize {
		e.tail = append(e.tail[:0], e.tail[len(e.tail)-edgeSize:]...)
	}
	return len(p), nil
}

// checkPDF checks what a truncated or overwritten PDF loses first: its
// header, and the cross-reference pointer and end marker at its end.
func (e *edges) checkPDF() error {
	if !bytes.HasPrefix(e.head, []byte("%PDF-")) {
		return errors.New("not a valid PDF: it does not start with %PDF-")
	}
	if !bytes.Contains(e.tail, []byte("startxref")) || !bytes.Contains(e.tail, []byte("%%EOF")) {
		return errors.New("not a valid PDF: its end is missing")
	}
	return nil
}

// checkFormat opens a file the way its reader would.
func checkFormat(f FileEntry, data []byte) error {
	switch strings.ToLower(path.Ext(f.Path)) {
	case ".pdf":
		read, err := pdf.ReadForeign(data)
		if err != nil {
			return fmt.Errorf("not a valid PDF: %v", err)
		}
		if n := read.Pages; f.Pages > 0 && n != f.Pages {
			return fmt.Errorf("%d pages; the manifest says %d", n, f.Pages)
		}
	case ".xlsx":
		if err := checkZipBounds(data); err != nil {
			return fmt.Errorf("not a valid workbook: %v", err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxStructure * maxRatio, UnzipXMLSizeLimit: maxStructure})
		if err != nil {
			return fmt.Errorf("not a valid workbook: %v", err)
		}
		defer x.Close()
		if len(x.GetSheetList()) == 0 {
			return errors.New("the workbook has no sheets")
		}
		if _, err := x.GetRows(x.GetSheetList()[0]); err != nil {
			return fmt.Errorf("the workbook cannot be read: %v", err)
		}
	case ".docx":
		return checkDocx(data)
	}
	return nil
}

// checkZipBounds measures a zip held in memory (a DOCX, a workbook) from
// its directory, as openPacket does a packet's zip.
func checkZipBounds(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("not a zip: %v", err)
	}
	if problems := zipBounds(z.File, int64(len(data))); len(problems) > 0 {
		return errors.New(problems[0])
	}
	return nil
}

func checkDocx(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("not a valid DOCX (not a zip): %v", err)
	}
	if problems := zipBounds(z.File, int64(len(data))); len(problems) > 0 {
		return fmt.Errorf("not a valid DOCX: %s", problems[0])
	}
	need := map[string]bool{"[Content_Types].xml": false, "word/document.xml": false, "_rels/.rels": false}
	for _, f := range z.File {
		if _, ok := need[f.Name]; ok {
			need[f.Name] = true
		}
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %v", f.Name, err)
		}
		dec := xml.NewDecoder(io.LimitReader(rc, int64(f.UncompressedSize64)))
		for {
			if _, err := dec.Token(); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				rc.Close()
				return fmt.Errorf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		rc.Close()
	}
	for name, ok := range need {
		if !ok {
			return fmt.Errorf("not a valid DOCX: %s is missing", name)
		}
	}
	return nil
}
