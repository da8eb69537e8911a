package packet

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"pilotpack/generators/pdf"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
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
	// Problems fail the verification; they are worded in both languages,
	// for the caller to print in its reader's.
	Problems []lang.Text
	// Notes say what the verification proves and what it did not check.
	Notes []lang.Text
}

// NotFoundError is a packet path that does not exist.
type NotFoundError struct{ Path string }

func (e *NotFoundError) Error() string { return e.In(lang.En) }

// In words the error in l.
func (e *NotFoundError) In(l lang.Lang) string { return lang.Sprintf(l, msgNotFound, e.Path) }

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
		r.Problems = append(bounds, msgUnpacked)
		return r, nil
	}
	manifest, err := readSmall(src, ManifestName, maxManifest)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, lang.Errorf(msgAt, p, errNoManifest)
		}
		r.Problems = append(r.Problems, lang.Format(msgAt, ManifestName, err))
		return r, nil
	}
	m, err := parseManifest(manifest)
	if err != nil {
		return nil, lang.Errorf(msgAt, p, err)
	}
	r.Manifest = m
	sealData, err := readSmall(src, SealName, maxSeal)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		r.Problems = append(r.Problems, lang.Format(msgAt, SealName, err))
	}
	sealProblems, note := checkSeal(m, manifest, sealData, opts.Trust)
	r.Problems = append(r.Problems, sealProblems...)
	if !note.IsZero() {
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
		r.Problems = append(r.Problems, lang.Format(msgNoListing, err))
	}
	var extra []string
	for _, n := range names {
		if !listed[n] {
			extra = append(extra, n)
		}
	}
	sort.Strings(extra)
	for _, e := range extra {
		r.Problems = append(r.Problems, lang.Format(msgUnlisted, e))
	}
	if v.large > 0 {
		r.Notes = append(r.Notes, largeNote(v.large))
	}
	return r, nil
}

// largeNote says how n files too large to open were checked.
func largeNote(n int) lang.Text {
	return lang.Count(n, msgLargeOne, msgLargeChecked, maxStructure>>20)
}

// checkManifest finds what no build writes: a manifest that lists nothing,
// paths that leave the packet or come twice, counts that disagree with the
// findings listed, and a packet that is no draft despite errors.
func checkManifest(m *Manifest) []lang.Text {
	var out []lang.Text
	if len(m.Files) == 0 {
		out = append(out, msgListsNothing)
	}
	if len(m.Files) > maxListed {
		out = append(out, lang.Format(msgListsTooMany, len(m.Files), maxListed))
		return out
	}
	seen := map[string]bool{}
	for _, f := range m.Files {
		switch {
		case !fs.ValidPath(f.Path) || f.Path == ".":
			out = append(out, lang.Format(msgListsOutside, f.Path))
		case f.Path == ManifestName || f.Path == SealName:
			out = append(out, lang.Format(msgListsItself, f.Path))
		case seen[f.Path]:
			out = append(out, lang.Format(msgListsTwice, f.Path))
		}
		seen[f.Path] = true
	}
	fs := m.Findings
	if n := fs.List.Count(finding.Error); n != fs.Errors {
		out = append(out, lang.Format(msgCountErrors, fs.Errors, n))
	}
	if n := fs.List.Count(finding.Warning); n != fs.Warnings {
		out = append(out, lang.Format(msgCountWarns, fs.Warnings, n))
	}
	if n := fs.List.Count(finding.Info); n != fs.Infos {
		out = append(out, lang.Format(msgCountInfos, fs.Infos, n))
	}
	if !m.Draft && max(fs.Errors, fs.List.Count(finding.Error)) > 0 {
		out = append(out, msgNotDraft)
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
	bad := func(t lang.Text, args ...any) {
		v.r.Problems = append(v.r.Problems, lang.Format(msgAt, f.Path, lang.Format(t, args...)))
	}
	size, err := v.src.entry(f.Path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			bad(msgMissing)
		} else {
			bad(lang.T("%v", "%v"), err)
		}
		return
	}
	v.r.Checked++
	if size != int64(f.Size) {
		bad(msgSizeChanged, size, f.Size)
		return
	}
	rc, err := v.src.open(f.Path)
	if err != nil {
		bad(msgCannotRead, err)
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
		bad(msgCannotRead, err)
		return
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if n != size || sum != f.SHA256 {
		bad(msgSumChanged, n, sum[:12], f.Size, f.SHA256[:min(12, len(f.SHA256))])
		return
	}
	if whole != nil {
		err = checkFormat(f, whole.Bytes())
	} else if strings.EqualFold(path.Ext(f.Path), ".pdf") {
		err = ends.checkPDF()
	}
	if err != nil {
		bad(lang.T("%v", "%v"), err)
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
		return lang.Errorf(msgNoPDFHeader, "%PDF-")
	}
	if !bytes.Contains(e.tail, []byte("startxref")) || !bytes.Contains(e.tail, []byte("%%EOF")) {
		return lang.Errorf(msgNoPDFEnd)
	}
	return nil
}

// checkFormat opens a file the way its reader would.
func checkFormat(f FileEntry, data []byte) error {
	switch strings.ToLower(path.Ext(f.Path)) {
	case ".pdf":
		read, err := pdf.ReadForeign(data)
		if err != nil {
			return lang.Errorf(msgBadPDF, err)
		}
		if n := read.Pages; f.Pages > 0 && n != f.Pages {
			return lang.Errorf(msgPages, n, f.Pages)
		}
	case ".xlsx":
		if err := checkZipBounds(data); err != nil {
			return lang.Errorf(msgBadWorkbook, err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxStructure * maxRatio, UnzipXMLSizeLimit: maxStructure})
		if err != nil {
			return lang.Errorf(msgBadWorkbook, err)
		}
		defer x.Close()
		if len(x.GetSheetList()) == 0 {
			return lang.Errorf(msgNoSheets)
		}
		if _, err := x.GetRows(x.GetSheetList()[0]); err != nil {
			return lang.Errorf(msgBadSheet, err)
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
		return lang.Errorf(msgNotZip, err)
	}
	if problems := zipBounds(z.File, int64(len(data))); len(problems) > 0 {
		return lang.Errorf(lang.T("%s", "%s"), problems[0])
	}
	return nil
}

func checkDocx(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return lang.Errorf(msgDocxNotZip, err)
	}
	if problems := zipBounds(z.File, int64(len(data))); len(problems) > 0 {
		return lang.Errorf(msgBadDocx, problems[0])
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
			return lang.Errorf(msgAt, f.Name, err)
		}
		dec := xml.NewDecoder(io.LimitReader(rc, int64(f.UncompressedSize64)))
		for {
			if _, err := dec.Token(); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				rc.Close()
				return lang.Errorf(msgBadXML, f.Name, err)
			}
		}
		rc.Close()
	}
	for _, name := range slices.Sorted(maps.Keys(need)) {
		if !need[name] {
			return lang.Errorf(msgDocxLacks, name)
		}
	}
	return nil
}
