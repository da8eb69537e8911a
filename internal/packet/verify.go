package packet

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"pilotpack/generators/pdf"
)

// Report is the outcome of a verification.
type Report struct {
	Manifest *Manifest
	Checked  int
	Problems []string
}

// Verify checks a packet folder or its zip against its manifest: every file
// listed is there with its size and checksum; every PDF is valid with the
// pages listed; every workbook and DOCX opens; and no file is there that the
// manifest does not list. The error is for a packet that cannot be read at
// all.
func Verify(p string) (*Report, error) {
	fsys, closer, err := openPacket(p)
	if err != nil {
		return nil, err
	}
	if closer != nil {
		defer closer.Close()
	}
	data, err := fs.ReadFile(fsys, ManifestName)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, errNoManifest)
	}
	m := &Manifest{}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("%s: manifest.json is not valid: %v", p, err)
	}
	r := &Report{Manifest: m}
	listed := map[string]bool{ManifestName: true}
	for _, f := range m.Files {
		if f.Path == ManifestName {
			continue
		}
		listed[f.Path] = true
		data, err := fs.ReadFile(fsys, f.Path)
		if err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: missing", f.Path))
			continue
		}
		r.Checked++
		if len(data) != f.Size || sha(data) != f.SHA256 {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: changed (size %d, sha256 %s; the manifest says %d, %s)", f.Path, len(data), sha(data)[:12], f.Size, f.SHA256[:min(12, len(f.SHA256))]))
			continue
		}
		if err := checkFormat(f, data); err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: %v", f.Path, err))
		}
	}
	var extra []string
	fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !listed[name] {
			extra = append(extra, name)
		}
		return nil
	})
	sort.Strings(extra)
	for _, e := range extra {
		r.Problems = append(r.Problems, fmt.Sprintf("%s: unexpected: the manifest does not list it", e))
	}
	return r, nil
}

// openPacket opens a packet folder, or a zip holding one (at its top or in a
// single folder).
func openPacket(p string) (fs.FS, io.Closer, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, nil, err
	}
	if st.IsDir() {
		return os.DirFS(p), nil, nil
	}
	z, err := zip.OpenReader(p)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: neither a packet folder nor a zip: %v", p, err)
	}
	if _, err := fs.Stat(z, ManifestName); err == nil {
		return z, z, nil
	}
	entries, _ := fs.ReadDir(z, ".")
	if len(entries) == 1 && entries[0].IsDir() {
		sub, err := fs.Sub(z, entries[0].Name())
		if err == nil {
			return sub, z, nil
		}
	}
	return z, z, nil
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
		x, err := excelize.OpenReader(bytes.NewReader(data))
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

func checkDocx(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("not a valid DOCX (not a zip): %v", err)
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
		dec := xml.NewDecoder(rc)
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
