package pack

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
	"pilotpack/internal/rules"
	"pilotpack/templates"
)

// Manifest is pack.yaml: what the pack is and which documents it makes.
type Manifest struct {
	// Short identifier, e.g. default or shanghai-2025.
	ID string `json:"id" pp:"required"`
	// Name of the pack.
	Name finding.Text `json:"name" pp:"required"`
	// Who publishes it, e.g. a provincial medical products administration.
	Issuer finding.Text `json:"issuer" pp:"required"`
	// Version of the pack.
	Version string `json:"version" pp:"required"`
	// Day from which the pack applies.
	Effective civil.Date `json:"effective" pp:"required"`
	// Languages the pack's documents are written in.
	Languages []applicant.Language `json:"languages" pp:"required"`
	// The documents of a packet, in the order a bureau reads them.
	Documents []Document `json:"documents" pp:"required"`
}

// Document is one document of the packet.
type Document struct {
	// Identifier, also the checklist's reference to it.
	ID string `json:"id" pp:"required"`
	// Title in both languages.
	Title finding.Text `json:"title" pp:"required"`
	// Template per language, as paths in the pack.
	Templates finding.Text `json:"templates" pp:"required"`
	// Whether one is made for every manufacturer.
	PerManufacturer bool `json:"per_manufacturer"`
	// Formats to write: pdf, docx.
	Outputs []string `json:"outputs" pp:"required"`
	// File name stem: lowercase letters, digits and hyphens.
	File string `json:"file" pp:"required"`
}

// Template returns the document's template for lang.
func (d Document) Template(lang string) string {
	if lang == "en" {
		return d.Templates.En
	}
	return d.Templates.Zh
}

// Activity is one row of the responsibility matrix (职责分工表).
type Activity struct {
	// Identifier that applicant files override by.
	ID string `json:"id" pp:"required"`
	// The quality-agreement chapter the activity belongs to.
	Chapter finding.Text `json:"chapter" pp:"required"`
	// The activity.
	Name finding.Text `json:"name" pp:"required"`
	// The holder's default role.
	Holder applicant.Role `json:"holder" pp:"required"`
	// The manufacturer's default role.
	Manufacturer applicant.Role `json:"manufacturer" pp:"required"`
}

type matrixFile struct {
	Activities []Activity `json:"activities" pp:"required"`
}

// Pack is an opened template pack.
type Pack struct {
	Manifest
	// Source says where the pack came from: embedded, a folder or a zip.
	Source    string
	FS        fs.FS
	Policy    *rules.Policy
	Checklist []Item
	Matrix    []Activity
	// Digest is the sha256 over every file of the pack (see Digest).
	Digest string
	// Signer names the key that signed the pack, when it is signed.
	Signer string
	engine *Engine
}

// Error is a problem with a pack; every message carries its position.
type Error struct {
	Problems []string
}

func (e *Error) Error() string { return strings.Join(e.Problems, "\n") }

// Zip packs are bounded: they come from outside.
const (
	maxZipFiles = 1000
	maxZipBytes = 64 << 20
)

// Open opens a pack: "" for the embedded default, a folder, or a .zip file.
func Open(spec string) (*Pack, error) {
	if spec == "" || spec == "default" {
		return load("embedded default pack", templates.FS)
	}
	st, err := os.Stat(spec)
	if err != nil {
		return nil, &Error{[]string{fmt.Sprintf("%s: %v; give a pack folder or .zip (or leave --pack out for the default pack)", spec, err)}}
	}
	if st.IsDir() {
		return load(spec, os.DirFS(spec))
	}
	fsys, err := openZip(spec)
	if err != nil {
		return nil, err
	}
	return load(spec, fsys)
}

// openZip opens a zip pack after checking every entry stays inside it and
// its size and file count are bounded.
func openZip(path_ string) (fs.FS, error) {
	r, err := zip.OpenReader(path_)
	if err != nil {
		return nil, &Error{[]string{fmt.Sprintf("%s: not a zip file: %v", path_, err)}}
	}
	if len(r.File) > maxZipFiles {
		return nil, &Error{[]string{fmt.Sprintf("%s: %d entries, more than %d", path_, len(r.File), maxZipFiles)}}
	}
	var total uint64
	for _, f := range r.File {
		name := f.Name
		if strings.Contains(name, `\`) || strings.HasPrefix(name, "/") || !fs.ValidPath(strings.TrimSuffix(name, "/")) {
			return nil, &Error{[]string{fmt.Sprintf("%s: entry %q would leave the pack; refusing the pack", path_, name)}}
		}
		total += f.UncompressedSize64
		if total > maxZipBytes {
			return nil, &Error{[]string{fmt.Sprintf("%s: unpacks to more than %d bytes", path_, maxZipBytes)}}
		}
	}
	return &r.Reader, nil
}

func load(source string, fsys fs.FS) (*Pack, error) {
	p := &Pack{Source: source, FS: fsys}
	var problems []string
	readInto := func(name string, v any) bool {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: missing from the pack (%v)", name, err))
			return false
		}
		_, ps, err := datafile.Decode(name, data, v, datafile.DefaultLimits)
		if err != nil {
			problems = append(problems, err.Error())
			return false
		}
		for _, pr := range ps {
			problems = append(problems, fmt.Sprintf("%s:%d:%d: %s: %s", name, pr.Pos.Line, pr.Pos.Col, pr.Path, pr.En))
		}
		return len(ps) == 0
	}
	manifestOK := readInto("pack.yaml", &p.Manifest)
	var cl checklistFile
	if readInto("checklist.yaml", &cl) {
		p.Checklist = cl.Items
	}
	var mx matrixFile
	if readInto("responsibilities.yaml", &mx) {
		p.Matrix = mx.Activities
	}
	if pol, err := rules.LoadPolicy(fsys, "policy.yaml"); err != nil {
		var pe *rules.PolicyError
		if errors.As(err, &pe) {
			problems = append(problems, pe.Problems...)
		} else {
			problems = append(problems, "policy.yaml: "+err.Error())
		}
	} else {
		p.Policy = pol
	}
	if manifestOK {
		// Cross-references are only worth checking against a manifest that
		// decoded: otherwise every reference would repeat its error.
		problems = append(problems, p.check()...)
	}
	if len(problems) > 0 {
		return nil, &Error{problems}
	}
	digest, err := Digest(fsys)
	if err != nil {
		return nil, &Error{[]string{err.Error()}}
	}
	p.Digest = digest
	p.engine = NewEngine(fsys, DefaultLimits)
	return p, nil
}

// check validates the manifest's references.
func (p *Pack) check() []string {
	var out []string
	seen := map[string]bool{}
	for i, d := range p.Documents {
		where := fmt.Sprintf("pack.yaml: documents[%d] (%s)", i, d.ID)
		if seen[d.ID] {
			out = append(out, where+": the id is used twice")
		}
		seen[d.ID] = true
		if !fileStem.MatchString(d.File) {
			out = append(out, where+fmt.Sprintf(": file %q: use lowercase letters, digits and hyphens", d.File))
		}
		for _, o := range d.Outputs {
			if o != "pdf" && o != "docx" {
				out = append(out, where+fmt.Sprintf(": output %q: use pdf or docx", o))
			}
		}
		for _, lang := range p.Languages {
			if d.Title.In(string(lang)) == "" || (lang == "zh" && d.Title.Zh == "") {
				out = append(out, where+fmt.Sprintf(": no %s title", lang))
			}
			t := d.Template(string(lang))
			if t == "" {
				out = append(out, where+fmt.Sprintf(": no %s template", lang))
				continue
			}
			if _, err := fs.Stat(p.FS, t); err != nil {
				out = append(out, where+fmt.Sprintf(": template %s is not in the pack", t))
			}
		}
	}
	acts := map[string]bool{}
	for i, a := range p.Matrix {
		if acts[a.ID] {
			out = append(out, fmt.Sprintf("responsibilities.yaml: activities[%d]: id %q is used twice", i, a.ID))
		}
		acts[a.ID] = true
	}
	for i, it := range p.Checklist {
		where := fmt.Sprintf("checklist.yaml: items[%d] (%s)", i, it.ID)
		if it.Document != "" && !seen[it.Document] {
			out = append(out, where+fmt.Sprintf(": document %q is not in pack.yaml", it.Document))
		}
		if it.When != "" {
			if _, err := compileCondition(it.When); err != nil {
				out = append(out, where+": when: "+err.Error())
			}
		}
	}
	return out
}

// Document returns the pack's document with the given id.
func (p *Pack) Document(id string) (Document, bool) {
	for _, d := range p.Documents {
		if d.ID == id {
			return d, true
		}
	}
	return Document{}, false
}

// Render renders a document of the pack for the applicant.
func (p *Pack) Render(doc Document, a *applicant.Applicant, opts ContextOptions, fs finding.List) (string, error) {
	return p.engine.Render(doc.Template(opts.Lang), p.Context(a, opts, fs))
}

// RenderTemplate renders any template of the pack by path.
func (p *Pack) RenderTemplate(name string, a *applicant.Applicant, opts ContextOptions, fs finding.List) (string, error) {
	return p.engine.Render(name, p.Context(a, opts, fs))
}

// Files lists every file of the pack, sorted.
func Files(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasSuffix(p, ".go") && path.Base(p) != "pack.sig" {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// Digest is the sha256 of a canonical listing of the pack: one line per file,
// sorted by path, with the sha256 of its content. Signing signs this digest.
func Digest(fsys fs.FS) (string, error) {
	files, err := Files(fsys)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, f := range files {
		r, err := fsys.Open(f)
		if err != nil {
			return "", err
		}
		fh := sha256.New()
		_, err = io.Copy(fh, r)
		r.Close()
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s  %s\n", hex.EncodeToString(fh.Sum(nil)), f)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WriteTo copies the pack's files into dir, which must not exist or be empty.
func (p *Pack) WriteTo(dir string, force bool) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !force {
		return nil, fmt.Errorf("%s is not empty; choose a new folder or add --force", dir)
	}
	files, err := Files(p.FS)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, err := fs.ReadFile(p.FS, f)
		if err != nil {
			return nil, err
		}
		dst := path.Join(dir, f)
		if err := os.MkdirAll(path.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// Languages returns the pack's languages as strings.
func (p *Pack) Langs() []string {
	var out []string
	for _, l := range p.Languages {
		out = append(out, string(l))
	}
	return out
}

// HasLang reports whether the pack is written in lang.
func (p *Pack) HasLang(lang string) bool { return slices.Contains(p.Langs(), lang) }

// Engine returns the engine that renders the pack's templates.
func (p *Pack) Engine() *Engine { return p.engine }

// Locate finds the pack a template file on disk belongs to: the nearest
// folder above it holding a pack.yaml. It returns that folder and the
// template's path inside it, or ok=false.
func Locate(file string) (dir, name string, ok bool) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", "", false
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		if st, err := os.Stat(filepath.Join(d, "pack.yaml")); err == nil && !st.IsDir() {
			rel, err := filepath.Rel(d, abs)
			if err != nil {
				return "", "", false
			}
			return d, filepath.ToSlash(rel), true
		}
		if parent := filepath.Dir(d); parent == d {
			return "", "", false
		}
	}
}
