package pack

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pilotpack/internal/civil"
	"pilotpack/internal/pack/signature"
)

// writePack writes files into a new folder and returns it.
func writePack(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const extendingYAML = `id: shanghai-2026
name: {zh: 上海市模板, en: Shanghai templates}
issuer: {zh: 上海市药品监督管理局, en: Shanghai MPA}
version: "2026.1"
effective: 2026-01-05
extends: default
`

// TestExtendingPack overrides one document's template and title and one
// policy value, and checks that everything else comes from the default.
func TestExtendingPack(t *testing.T) {
	base := defaultPack(t)
	qa, err := readFS(base, "zh/quality-agreement.md")
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(qa), "质量协议", "质量协议（上海版）", 1)
	if changed == string(qa) {
		t.Fatal("the default quality agreement no longer says 质量协议")
	}
	dir := writePack(t, map[string]string{
		"pack.yaml": extendingYAML + `documents:
  - id: application
    title: {zh: 上海市生物制品分段生产试点申请书, en: Shanghai pilot application}
`,
		"policy.yaml":             "deadline: 2026-06-30\n",
		"zh/quality-agreement.md": changed,
	})
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "shanghai-2026" || p.Base == nil || p.Base.ID != "default" {
		t.Errorf("id %q, base %v", p.ID, p.Base)
	}
	if got := p.Policy.Deadline; got != civil.MustParse("2026-06-30") {
		t.Errorf("deadline %s, want the pack's 2026-06-30", got)
	}
	if p.Policy.PilotEnd != base.Policy.PilotEnd || p.Policy.MinQAStaff != base.Policy.MinQAStaff {
		t.Error("policy values the pack leaves out must stay the default's")
	}
	if len(p.Documents) != len(base.Documents) {
		t.Fatalf("%d documents, the default has %d", len(p.Documents), len(base.Documents))
	}
	app, _ := p.Document("application")
	if app.Title.Zh != "上海市生物制品分段生产试点申请书" || app.Templates != base.Documents[0].Templates || app.File != "application" {
		t.Errorf("application merged wrongly: %+v", app)
	}
	if len(p.Checklist) != len(base.Checklist) || len(p.Matrix) != len(base.Matrix) {
		t.Error("the checklist and matrix must be the default's")
	}
	if problems := p.Lint(loadFixtures(t)); len(problems) > 0 {
		t.Errorf("the extending pack does not lint:\n%s", strings.Join(problems, "\n"))
	}
	a := loadFixtures(t)[0]
	doc, _ := p.Document("quality-agreement")
	md, err := p.Render(doc, a, ContextOptions{Lang: "zh", Manufacturer: a.Manufacturers[0].ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, "质量协议（上海版）") {
		t.Error("the pack's own quality agreement template was not used")
	}
	// The partials it does not override still come from the default.
	doc, _ = p.Document("production-agreement")
	if _, err := p.Render(doc, a, ContextOptions{Lang: "zh", Manufacturer: a.Manufacturers[0].ID}, nil); err != nil {
		t.Errorf("a document the pack does not change fails: %v", err)
	}
	if p.Digest == base.Digest {
		t.Error("the pack's digest must cover its own files")
	}
}

func TestExtendingPackEntries(t *testing.T) {
	dir := writePack(t, map[string]string{
		"pack.yaml": extendingYAML + `documents:
  - id: production-agreement
    omit: true
`,
		"checklist.yaml": `items:
  - id: shanghai-form
    name: {zh: 上海市补充申报表, en: Shanghai supplementary form}
    necessity: required
    form: original
    medium: both
    copies: 1
    source: applicant
    responsible: holder
omit: [transport, production-agreement]
`,
		"responsibilities.yaml": "omit: [subcontracting]\nactivities: []\n",
	})
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	base := defaultPack(t)
	if _, ok := p.Document("production-agreement"); ok || len(p.Documents) != len(base.Documents)-1 {
		t.Error("omit: true must drop the document")
	}
	last := p.Checklist[len(p.Checklist)-1]
	if last.ID != "shanghai-form" || len(p.Checklist) != len(base.Checklist)-1 {
		t.Errorf("checklist: %d items, last %q", len(p.Checklist), last.ID)
	}
	for _, it := range p.Checklist {
		if it.ID == "transport" {
			t.Error("an omitted item is still there")
		}
	}
	if len(p.Matrix) != len(base.Matrix)-1 {
		t.Errorf("matrix: %d activities, want %d", len(p.Matrix), len(base.Matrix)-1)
	}
}

func TestExtendingPackErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"other base", map[string]string{"pack.yaml": strings.Replace(extendingYAML, "extends: default", "extends: national", 1)},
			"pack.yaml:6:10: extends: \"national\": only the embedded pack can be extended"},
		{"new document incomplete", map[string]string{"pack.yaml": extendingYAML + "documents:\n  - id: extra\n    file: extra\n"},
			`documents[0].title: missing required field "title"`},
		{"omit unknown document", map[string]string{"pack.yaml": extendingYAML + "documents:\n  - id: nothing\n    omit: true\n"},
			`omit: the base pack has no document "nothing"`},
		{"policy value wrong", map[string]string{"pack.yaml": extendingYAML, "policy.yaml": "deadline: 2023-01-01\n"},
			"the deadline must come after pilot_start"},
		{"policy value empty", map[string]string{"pack.yaml": extendingYAML, "policy.yaml": "deadline:\n"},
			`required field "deadline" has no value`},
		{"omit unknown item", map[string]string{"pack.yaml": extendingYAML, "checklist.yaml": "items: []\nomit: [nothing]\n"},
			`checklist.yaml:2:8: omit: the base pack has no item "nothing"`},
		{"template missing", map[string]string{"pack.yaml": extendingYAML + "documents:\n  - id: application\n    templates: {zh: zh/mine.md, en: en/application.md}\n"},
			"template zh/mine.md is not in the pack"},
		{"omit in a base pack", map[string]string{"pack.yaml": "id: x\nname: {zh: x, en: x}\nissuer: {zh: x, en: x}\nversion: 1\neffective: 2025-01-01\nlanguages: [zh]\ndocuments: []\n",
			"checklist.yaml": "items: []\nomit: [a]\n", "responsibilities.yaml": "activities: []\n", "policy.yaml": "pilot_start: 2024-10-21\ndeadline: 2025-12-31\npilot_end: 2026-12-31\neligible_categories: [adc]\nbarred_types: [blood]\n"},
			"only a pack that extends another can omit items"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(writePack(t, tc.files))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestSignatures(t *testing.T) {
	priv, pub, id, err := signature.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	key, err := signature.ParsePrivateKey("k.key", priv)
	if err != nil {
		t.Fatal(err)
	}
	pubKey, err := signature.ParsePublicKey("k.pub", pub)
	if err != nil {
		t.Fatal(err)
	}
	other, _, _ := ed25519.GenerateKey(nil) // the public half
	dir := writePack(t, map[string]string{"pack.yaml": extendingYAML, "policy.yaml": "deadline: 2026-06-30\n"})

	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Trust([]ed25519.PublicKey{pubKey}); err == nil || !strings.Contains(err.Error(), "not signed") {
		t.Errorf("unsigned pack: %v", err)
	}
	sig, err := Sign(dir, key, "上海市药品监督管理局")
	if err != nil {
		t.Fatal(err)
	}
	if sig.KeyID != id {
		t.Errorf("key id %s, keygen said %s", sig.KeyID, id)
	}
	p, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Trust([]ed25519.PublicKey{pubKey}); err != nil {
		t.Errorf("signed pack refused: %v", err)
	}
	if err := p.Trust([]ed25519.PublicKey{other}); err == nil || !strings.Contains(err.Error(), "not a trusted key") {
		t.Errorf("pack signed by another key: %v", err)
	}
	// One changed file, and the pack is refused, naming it.
	if err := os.WriteFile(filepath.Join(dir, "policy.yaml"), []byte("deadline: 2026-09-30\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Trust([]ed25519.PublicKey{pubKey}); err == nil || !strings.Contains(err.Error(), "policy.yaml changed") {
		t.Errorf("changed pack: %v", err)
	}
	// A forged signature file does not pass either.
	data, _ := os.ReadFile(filepath.Join(dir, signature.File))
	forged := bytes.Replace(data, []byte(sig.Digest), []byte(p.Digest), 1)
	os.WriteFile(filepath.Join(dir, signature.File), forged, 0o644)
	p, _ = Open(dir)
	if err := p.Trust([]ed25519.PublicKey{pubKey}); err == nil || !strings.Contains(err.Error(), "not valid") {
		t.Errorf("forged signature: %v", err)
	}
	// The embedded pack is never taken for a signed one.
	if err := defaultPack(t).Trust([]ed25519.PublicKey{pubKey}); err == nil {
		t.Error("the embedded pack passed --trust")
	}
}

func TestSignZipPack(t *testing.T) {
	priv, pub, _, _ := signature.GenerateKey(nil)
	key, _ := signature.ParsePrivateKey("k", priv)
	pubKey, _ := signature.ParsePublicKey("k", pub)
	zipPath := filepath.Join(t.TempDir(), "pack.zip")
	writeZip(t, zipPath, defaultPack(t), "")
	if _, err := Sign(zipPath, key, "bureau"); err != nil {
		t.Fatal(err)
	}
	p, err := Open(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Trust([]ed25519.PublicKey{pubKey}); err != nil {
		t.Errorf("signed zip refused: %v", err)
	}
	// Signing again replaces the signature rather than adding a second.
	if _, err := Sign(zipPath, key, "bureau"); err != nil {
		t.Fatal(err)
	}
	if p, err := Open(zipPath); err != nil || p.Trust([]ed25519.PublicKey{pubKey}) != nil {
		t.Errorf("re-signed zip: %v", err)
	}
}

// FuzzOpenZip opens arbitrary bytes as a zip pack: a pack comes from
// outside, so no input may panic; it opens or gives a pack error.
func FuzzOpenZip(f *testing.F) {
	dir := f.TempDir()
	good := filepath.Join(dir, "seed.zip")
	p, err := Open("")
	if err != nil {
		f.Fatal(err)
	}
	writeZipFS(f, good, p, "")
	data, _ := os.ReadFile(good)
	f.Add(data)
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "p.zip")
		os.WriteFile(path, data, 0o644)
		p, err := Open(path)
		if err == nil && p.Engine() == nil {
			t.Error("an opened pack without an engine")
		}
	})
}
