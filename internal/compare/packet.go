package compare

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"pilotpack/generators/docx"
	"pilotpack/internal/applicant"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/packet"
)

// A packet is compared through its own DOCX files, which are the
// project's own and read back into their document models exactly
// (docx.Read): no applicant file, pack render or PDF text is needed, so two
// packets sent by e-mail compare as they are. What makes that safe is
// checked first: the manifest names the pack the packet was built from,
// which must be at hand (to pair its documents by document and
// manufacturer id), and every DOCX must still have the checksum the
// manifest records — one edited in a word processor is no longer the
// document as built and is refused. The applicant file is compared field
// by field when it lies beside the packet (or in it) with the checksum the
// manifest records.

// PacketError says why a packet cannot be compared.
type PacketError struct {
	Packet string
	Msg    string
}

func (e *PacketError) Error() string { return e.Packet + ": " + e.Msg }

// FromPacket reads the documents of a packet folder or zip. packs are the
// packs it may have been built from, besides the default pack.
func FromPacket(path string, packs []*pack.Pack) (*Side, error) {
	fail := func(format string, args ...any) error {
		return &PacketError{Packet: path, Msg: fmt.Sprintf(format, args...)}
	}
	fsys, closer, err := packet.Open(path)
	if err != nil {
		return nil, fail("%v", err)
	}
	if closer != nil {
		defer closer.Close()
	}
	m, err := packet.ReadManifest(fsys)
	if err != nil {
		return nil, fail("%v", err)
	}
	p, err := packOf(m, packs)
	if err != nil {
		return nil, fail("%v", err)
	}
	s := &Side{Source: path, Kind: "packet", Pack: m.Pack, Lang: m.Lang, Date: m.Date}
	for _, f := range m.Files {
		if f.Kind != "document" || !strings.HasSuffix(f.Path, ".docx") {
			continue
		}
		id, mfr, ok := documentOf(p, f.Path)
		if !ok {
			return nil, fail("%s is not a document of the pack %s; was the packet built from another pack?", f.Path, p.ID)
		}
		data, err := fs.ReadFile(fsys, f.Path)
		if err != nil {
			return nil, fail("%s is missing; check the packet with: pilotpack verify %s", f.Path, path)
		}
		if packet.SHA256(data) != f.SHA256 {
			return nil, fail("%s was changed after the build (its checksum is not the manifest's): compare reads documents as built; compare an edited DOCX in a word processor, or rebuild the packet", f.Path)
		}
		model, err := docx.Read(data)
		if err != nil {
			return nil, fail("%s: %v", f.Path, err)
		}
		s.Documents = append(s.Documents, Doc{ID: id, Manufacturer: mfr, Title: f.Title, File: f.Path, Model: model})
	}
	if len(s.Documents) == 0 {
		return nil, fail("the manifest lists no DOCX documents to compare")
	}
	s.Applicant, err = inputOf(path, fsys, m)
	if err != nil {
		s.Warnings = append(s.Warnings, lang.Format(lang.T("%v", "%v"), err))
	}
	return s, nil
}

// packOf finds the pack a packet was built from among packs and the
// default pack, by its id, version and digest.
func packOf(m *packet.Manifest, packs []*pack.Pack) (*pack.Pack, error) {
	if def, err := pack.Open(""); err == nil {
		packs = append(packs, def)
	}
	for _, p := range packs {
		if p != nil && sameRecord(packet.Record(p), m.Pack) {
			return p, nil
		}
	}
	return nil, fmt.Errorf("built from the pack %s %s (digest %.12s…), which is neither the default pack nor one given: give it with --pack (or --pack-old, --pack-new)", m.Pack.ID, m.Pack.Version, m.Pack.Digest)
}

func sameRecord(a, b packet.PackRecord) bool {
	if a.ID != b.ID || a.Version != b.Version || a.Digest != b.Digest || (a.Extends == nil) != (b.Extends == nil) {
		return false
	}
	return a.Extends == nil || sameRecord(*a.Extends, *b.Extends)
}

var numbered = regexp.MustCompile(`^[0-9]+-(.*)\.docx$`)

// documentOf names the pack document and manufacturer of a packet's file,
// 02-quality-agreement-lanhu-suzhou.docx: the document whose file stem
// opens the name, the longest if several do.
func documentOf(p *pack.Pack, name string) (id, mfr string, ok bool) {
	m := numbered.FindStringSubmatch(name)
	if m == nil {
		return "", "", false
	}
	stem, best := m[1], -1
	for _, d := range p.Documents {
		switch {
		case !d.PerManufacturer && stem == d.File:
		case d.PerManufacturer && strings.HasPrefix(stem, d.File+"-"):
		default:
			continue
		}
		if len(d.File) > best {
			best, id, mfr = len(d.File), d.ID, ""
			if d.PerManufacturer {
				mfr = stem[len(d.File)+1:]
			}
		}
	}
	return id, mfr, best >= 0
}

// inputOf loads the applicant file a packet was built from when it lies in
// the packet or beside it with the checksum the manifest records; nil
// without an error when there is none.
func inputOf(path string, fsys fs.FS, m *packet.Manifest) (*applicant.Applicant, error) {
	name := m.Input.File
	if name == "" || name != filepath.Base(name) {
		return nil, nil
	}
	var data []byte
	where := filepath.Join(filepath.Dir(filepath.Clean(path)), name)
	if d, err := fs.ReadFile(fsys, name); err == nil {
		data, where = d, filepath.Join(path, name)
	} else if d, err := os.ReadFile(where); err == nil {
		data = d
	} else {
		return nil, nil
	}
	if packet.SHA256(data) != m.Input.SHA256 {
		return nil, fmt.Errorf("%s is not the file the packet was built from (its checksum is not the manifest's); its data is not compared", where)
	}
	a, _, err := applicant.Parse(where, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	return a, nil
}
