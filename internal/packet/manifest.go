package packet

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"

	"pilotpack/internal/lang"
	"pilotpack/internal/readiness"

	"pilotpack/internal/civil"
	"pilotpack/internal/finding"
	"pilotpack/internal/pack"
)

// ManifestName is the manifest's file name in a packet.
const ManifestName = "manifest.json"

// Manifest lists a packet's files with their checksums, so a receiver can
// check nothing was changed, lost or added (pilotpack verify).
type Manifest struct {
	Tool    string     `json:"tool"`
	Version string     `json:"version"`
	Packet  string     `json:"packet"`
	Pack    PackRecord `json:"pack"`
	Input   struct {
		File   string `json:"file"`
		SHA256 string `json:"sha256"`
	} `json:"input"`
	Date  string    `json:"date"`
	Lang  lang.Lang `json:"lang"`
	Draft bool      `json:"draft"`
	// Readiness is the packet's one verdict: ready, incomplete (required
	// materials missing), invalid (data errors) — as the checklist, the
	// console and a review report it.
	Readiness readiness.Verdict `json:"readiness"`
	// Seal names the key that sealed the packet (manifest.sig), if one did.
	Seal     *SealRecord `json:"seal,omitempty"`
	Files    []FileEntry `json:"files"`
	Findings struct {
		Errors   int          `json:"errors"`
		Warnings int          `json:"warnings"`
		Infos    int          `json:"infos"`
		List     finding.List `json:"list"`
	} `json:"findings"`
}

// PackRecord names the template pack a packet was built from.
type PackRecord struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	// Digest is the sha256 over the pack's files (see signature.Digest).
	Digest string `json:"digest"`
	// Signer and KeyID name who signed the pack, when its signature
	// matches its files.
	Signer string `json:"signer,omitempty"`
	KeyID  string `json:"key_id,omitempty"`
	// Extends is the pack it extends, if any.
	Extends *PackRecord `json:"extends,omitempty"`
}

// Record describes a pack for a manifest.
func Record(p *pack.Pack) PackRecord {
	r := PackRecord{ID: p.ID, Version: p.Version, Digest: p.Digest}
	if s := p.Signature; s != nil && p.VerifySignature() == nil {
		r.Signer, r.KeyID = s.Signer, s.KeyID
	}
	if p.Base != nil {
		b := Record(p.Base)
		r.Extends = &b
	}
	return r
}

// FileEntry is one file of a packet.
type FileEntry struct {
	Path   string `json:"path"`
	Title  string `json:"title"`
	Kind   string `json:"kind"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
	Pages  int    `json:"pages,omitempty"`
}

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

func (b *builder) manifest() error {
	m := &Manifest{Tool: "pilotpack", Version: b.opts.Version, Packet: b.id, Date: civil.Of(b.opts.Date).String(), Lang: b.lang, Draft: b.opts.Draft}
	m.Pack = Record(b.opts.Pack)
	if b.opts.Seal != nil {
		m.Seal = record(b.opts.Seal)
	}
	m.Input.File = b.a.Stem() + extOf(b.a.Path)
	m.Input.SHA256 = sha(b.a.Raw)
	for _, f := range b.files {
		m.Files = append(m.Files, FileEntry{Path: f.path, Title: f.title, Kind: f.kind, Size: f.size, SHA256: f.sha, Pages: f.pages})
	}
	// Positions name the input by its base name, so the manifest does not
	// depend on where the file lay.
	list := make(finding.List, len(b.findings))
	for i, f := range b.findings {
		f.File = m.Input.File
		list[i] = f
	}
	m.Findings.Errors, m.Findings.Warnings, m.Findings.Infos = list.Count(finding.Error), list.Count(finding.Warning), list.Count(finding.Info)
	m.Findings.List = list
	m.Readiness = b.readiness().Verdict
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	b.result.Manifest = m
	data = append(data, '\n')
	if err := b.put(b.add(&file{path: ManifestName, kind: "manifest"}), data); err != nil {
		return err
	}
	if b.opts.Seal == nil {
		return nil
	}
	// The seal signs the manifest, so the manifest cannot list it.
	sig, err := seal(b.opts.Seal, data)
	if err != nil {
		return err
	}
	return b.put(b.add(&file{path: SealName, kind: "seal"}), sig)
}

// parseManifest reads manifest.json, saying where it is not valid.
func parseManifest(data []byte) (*Manifest, error) {
	m := &Manifest{}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, lang.Errorf(msgBadManifest, jsonProblem(err))
	}
	return m, nil
}

// jsonProblem words what encoding/json found wrong: its own English, and
// the place in Chinese.
func jsonProblem(err error) lang.Text {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return lang.Format(msgJSONSyntax, se.Offset, err)
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "manifest.json"
		}
		return lang.Format(msgJSONType, field, te.Type.String(), err)
	}
	return lang.Format(lang.T("%v", "%v"), err)
}
