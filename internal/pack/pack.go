package pack

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"pilotpack/internal/lang"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
	"pilotpack/internal/pack/packfs"
	"pilotpack/internal/pack/signature"
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
	// The bureau's product-specific work plan (一品一策) that review --plans
	// drafts for each application; its template sees plan as well.
	Plan *Document `json:"plan"`
	// The pack this one extends: default, the embedded pack. Then this
	// pack holds only what it changes: templates and partials at the same
	// paths replace the base's, documents, checklist items and activities
	// replace the base's of the same id, policy values replace the base's
	// one by one; languages and documents may be left out.
	Extends string `json:"extends"`
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
	// In a pack that extends another: drop the base's document of this id.
	Omit bool `json:"omit"`
}

// Template returns the document's template for lang.
func (d Document) Template(l lang.Lang) string {
	if l == lang.En {
		return d.Templates.En
	}
	return d.Templates.Zh
}

type matrixFile struct {
	Activities []Activity `json:"activities" pp:"required"`
	// In a pack that extends another: ids of the base's activities to drop.
	Omit []string `json:"omit"`
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
	// Digest is the sha256 over every file of the pack, whatever its name
	// (see signature.Digest); for a pack that extends another, over its
	// own files.
	Digest string
	// Base is the pack this one extends, or nil.
	Base *Pack
	// Signature is the pack's signature, when it has one.
	Signature *signature.Signature
	listing   []signature.FileSum
	engine    *Engine
}

// Error is a problem with a pack; every message carries its position.
type Error struct {
	Problems []string
}

func (e *Error) Error() string { return strings.Join(e.Problems, "\n") }

// embeddedSource is the Source of the pack built into pilotpack.
const embeddedSource = "embedded default pack"

// Open opens a pack: "" for the embedded default, a folder, or a .zip file.
// A pack is read through packfs, which admits only its own regular files:
// a link, a pipe or a device anywhere in it refuses the pack.
func Open(spec string) (*Pack, error) {
	if spec == "" || spec == "default" {
		return openEmbedded()
	}
	st, err := os.Stat(spec)
	if err != nil {
		return nil, &Error{[]string{fmt.Sprintf("%s: %v; give a pack folder or .zip (or leave --pack out for the default pack)", spec, unwrapPath(err))}}
	}
	var own *packfs.FS
	if st.IsDir() {
		own, err = packfs.Dir(spec, packfs.DefaultLimits)
	} else {
		own, err = packfs.Zip(spec, packfs.DefaultLimits)
	}
	if err != nil {
		return nil, &Error{[]string{err.Error()}}
	}
	return load(spec, own)
}

// openEmbedded opens the pack built into pilotpack.
func openEmbedded() (*Pack, error) {
	own, err := packfs.Embedded(embeddedSource, templates.FS, packfs.DefaultLimits)
	if err != nil {
		return nil, &Error{[]string{err.Error()}}
	}
	if d := generatedFor(own); d != nil {
		p := &Pack{Source: embeddedSource, FS: own, Manifest: d.Manifest, Policy: d.Policy, Checklist: d.Checklist, Matrix: d.Matrix}
		return p.finish(own, nil)
	}
	return load(embeddedSource, own)
}

// unwrapPath keeps the reason of a path error whose path is said already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// problems collects what is wrong with a pack's files, each with its
// position.
type problems []string

func (ps *problems) add(name string, list []datafile.Problem) {
	for _, pr := range list {
		*ps = append(*ps, fmt.Sprintf("%s:%d:%d: %s: %s", name, pr.Pos.Line, pr.Pos.Col, pr.Path, pr.En))
	}
}

// decode reads one file of the pack into v. It returns nil when the file is
// missing or unreadable (and says so in ps); otherwise the result and the
// problems of its values, for the caller to filter and add.
func decode(fsys fs.FS, name string, v any, ps *problems) (*datafile.Result, []datafile.Problem) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		*ps = append(*ps, fmt.Sprintf("%s: missing from the pack", name))
		return nil, nil
	}
	if err != nil {
		*ps = append(*ps, err.Error())
		return nil, nil
	}
	res, list, err := datafile.Decode(name, data, v, datafile.DefaultLimits)
	if err != nil {
		*ps = append(*ps, err.Error())
		return nil, nil
	}
	return res, list
}

func load(source string, own *packfs.FS) (*Pack, error) {
	var fsys fs.FS = own
	p := &Pack{Source: source, FS: fsys}
	var ps problems
	res, list := decode(fsys, "pack.yaml", &p.Manifest, &ps)
	if res != nil && p.Extends != "" {
		return loadExtending(p, own, res, list)
	}
	ps.add("pack.yaml", list)
	manifestOK := res != nil && len(list) == 0
	// The other files are decoded side by side: every command opens a pack
	// first. Their problems are reported in the same order whatever
	// finishes first.
	var (
		cl           checklistFile
		mx           matrixFile
		clPs, mxPs   problems
		clRes, mxRes *datafile.Result
		clList       []datafile.Problem
		mxList       []datafile.Problem
		pol          *rules.Policy
		polErr       error
		wg           sync.WaitGroup
	)
	wg.Go(func() { clRes, clList = decode(fsys, "checklist.yaml", &cl, &clPs) })
	wg.Go(func() { mxRes, mxList = decode(fsys, "responsibilities.yaml", &mx, &mxPs) })
	pol, polErr = rules.LoadPolicy(fsys, "policy.yaml")
	wg.Wait()
	ps = append(ps, clPs...)
	if clRes != nil {
		ps.add("checklist.yaml", clList)
		if clRes.Given("omit") {
			ps = append(ps, fmt.Sprintf("checklist.yaml:%s: omit: only a pack that extends another can omit items", clRes.Pos("omit")))
		}
		p.Checklist = cl.Items
	}
	ps = append(ps, mxPs...)
	if mxRes != nil {
		ps.add("responsibilities.yaml", mxList)
		if mxRes.Given("omit") {
			ps = append(ps, fmt.Sprintf("responsibilities.yaml:%s: omit: only a pack that extends another can omit activities", mxRes.Pos("omit")))
		}
		p.Matrix = mx.Activities
	}
	for i, d := range p.Documents {
		if d.Omit {
			ps = append(ps, fmt.Sprintf("pack.yaml:%s: omit: only a pack that extends another can omit documents", res.Pos(fmt.Sprintf("documents[%d].omit", i))))
		}
	}
	if polErr != nil {
		ps = append(ps, policyProblems(polErr)...)
	} else {
		p.Policy = pol
	}
	if manifestOK {
		// Cross-references are only worth checking against a manifest that
		// decoded: otherwise every reference would repeat its error.
		ps = append(ps, p.check()...)
	}
	return p.finish(own, ps)
}

func policyProblems(err error) []string {
	var pe *rules.PolicyError
	if errors.As(err, &pe) {
		return pe.Problems
	}
	return []string{"policy.yaml: " + err.Error()}
}

// finish computes the digest of the pack's own files, reads its signature
// and readies its engine, unless there were problems.
func (p *Pack) finish(own *packfs.FS, ps problems) (*Pack, error) {
	if len(ps) > 0 {
		return nil, &Error{ps}
	}
	list, err := signature.List(own, own.Files())
	if err != nil {
		return nil, &Error{[]string{err.Error()}}
	}
	p.listing, p.Digest = list, signature.Digest(list)
	sig, err := signature.Read(own)
	if err != nil {
		return nil, &Error{[]string{err.Error()}}
	}
	p.Signature = sig
	p.engine = NewEngine(p.FS, DefaultLimits)
	return p, nil
}

// reDocumentEntry matches a path into one of pack.yaml's documents.
var reDocumentEntry = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^documents\[(\d+)\]\.`) })

// loadExtending loads a pack that extends the embedded default pack: its
// manifest, checklist, responsibilities and policy are laid over the base's,
// and its files over the base's files.
func loadExtending(p *Pack, own *packfs.FS, res *datafile.Result, list []datafile.Problem) (*Pack, error) {
	var ps problems
	if p.Extends != "default" {
		return nil, &Error{[]string{fmt.Sprintf("pack.yaml:%s: extends: %q: only the embedded pack can be extended; write extends: default", res.Pos("extends"), p.Extends)}}
	}
	base, err := openEmbedded()
	if err != nil {
		return nil, err
	}
	p.Base = base
	p.FS = overlay{top: own, base: base.FS}

	// The manifest: what is left out comes from the base.
	child := p.Manifest
	baseDoc := map[string]int{}
	for i, d := range base.Documents {
		baseDoc[d.ID] = i
	}
	ps.add("pack.yaml", datafile.WithoutMissing(res, list, func(path string) bool {
		if path == "languages" || path == "documents" {
			return true
		}
		if m := reDocumentEntry().FindStringSubmatch(path); m != nil {
			i, _ := strconv.Atoi(m[1])
			_, ok := baseDoc[child.Documents[i].ID]
			return ok
		}
		return strings.HasPrefix(path, "plan.") && base.Plan != nil
	}))
	p.Languages = slices.Clone(base.Languages)
	if res.Given("languages") {
		p.Languages = child.Languages
	}
	p.Documents = slices.Clone(base.Documents)
	fields := datafile.Fields(reflect.TypeFor[Document]())
	for i, d := range child.Documents {
		j := slices.IndexFunc(p.Documents, func(b Document) bool { return b.ID == d.ID })
		switch {
		case d.Omit && j < 0:
			ps = append(ps, fmt.Sprintf("pack.yaml:%s: omit: the base pack has no document %q", res.Pos(fmt.Sprintf("documents[%d]", i)), d.ID))
		case d.Omit:
			p.Documents = slices.Delete(p.Documents, j, j+1)
		case j < 0:
			p.Documents = append(p.Documents, d)
		default:
			// Field by field: the fields the pack gives replace the base's.
			merged := reflect.ValueOf(&p.Documents[j]).Elem()
			for _, f := range fields {
				if res.Given(fmt.Sprintf("documents[%d].%s", i, f.Name)) {
					merged.Field(f.Index).Set(reflect.ValueOf(d).Field(f.Index))
				}
			}
		}
	}

	// The work plan: the fields given replace the base's.
	p.Plan = base.Plan
	if res.Given("plan") && child.Plan != nil {
		merged := Document{}
		if base.Plan != nil {
			merged = *base.Plan
		}
		mv := reflect.ValueOf(&merged).Elem()
		for _, f := range fields {
			if res.Given("plan." + f.Name) {
				mv.Field(f.Index).Set(reflect.ValueOf(*child.Plan).Field(f.Index))
			}
		}
		p.Plan = &merged
	}

	// The checklist and the responsibility matrix: entries replace the
	// base's of the same id or are added; omit drops the base's.
	p.Checklist = base.Checklist
	if exists(own, "checklist.yaml") {
		var cl checklistFile
		if res, list := decode(own, "checklist.yaml", &cl, &ps); res != nil {
			ps.add("checklist.yaml", datafile.WithoutMissing(res, list, func(path string) bool { return path == "items" }))
			var err []string
			p.Checklist, err = mergeByID(base.Checklist, cl.Items, cl.Omit, func(it Item) string { return it.ID }, "checklist.yaml", "item", res)
			ps = append(ps, err...)
		}
	}
	p.Matrix = base.Matrix
	if exists(own, "responsibilities.yaml") {
		var mx matrixFile
		if res, list := decode(own, "responsibilities.yaml", &mx, &ps); res != nil {
			ps.add("responsibilities.yaml", datafile.WithoutMissing(res, list, func(path string) bool { return path == "activities" }))
			var err []string
			p.Matrix, err = mergeByID(base.Matrix, mx.Activities, mx.Omit, func(a Activity) string { return a.ID }, "responsibilities.yaml", "activity", res)
			ps = append(ps, err...)
		}
	}
	p.Policy = base.Policy
	if exists(own, "policy.yaml") {
		data, err := fs.ReadFile(own, "policy.yaml")
		if err == nil {
			p.Policy, err = rules.ParsePolicyOver(base.Policy, "policy.yaml", data)
		}
		if err != nil {
			ps = append(ps, policyProblems(err)...)
		}
	}
	if len(ps) == 0 {
		ps = append(ps, p.check()...)
	}
	return p.finish(own, ps)
}

// mergeByID lays entries over base: an entry replaces the base's of the same
// id, in its place, or is added at the end; omitted ids are dropped.
func mergeByID[T any](base, over []T, omit []string, id func(T) string, file, what string, res *datafile.Result) ([]T, []string) {
	out := slices.Clone(base)
	var ps []string
	for _, e := range over {
		if j := slices.IndexFunc(out, func(b T) bool { return id(b) == id(e) }); j >= 0 {
			out[j] = e
		} else {
			out = append(out, e)
		}
	}
	for i, o := range omit {
		j := slices.IndexFunc(out, func(b T) bool { return id(b) == o })
		if j < 0 {
			ps = append(ps, fmt.Sprintf("%s:%s: omit: the base pack has no %s %q", file, res.Pos(fmt.Sprintf("omit[%d]", i)), what, o))
			continue
		}
		out = slices.Delete(out, j, j+1)
	}
	return out, ps
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// overlay is a pack's own files over its base's: a file of the pack hides
// the base's at the same path.
type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	return o.base.Open(name)
}

// ReadDir lists a folder of both, the pack's entries winning.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	top, errTop := fs.ReadDir(o.top, name)
	base, errBase := fs.ReadDir(o.base, name)
	if errTop != nil && errBase != nil {
		return nil, errTop
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range top {
		seen[e.Name()] = true
		out = append(out, e)
	}
	for _, e := range base {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// checkDocument checks one document's file name, outputs, titles and
// templates.
func (p *Pack) checkDocument(where string, d Document) []string {
	var out []string
	if !fileStem().MatchString(d.File) {
		out = append(out, where+fmt.Sprintf(": file %q: use lowercase letters, digits and hyphens", d.File))
	}
	for _, o := range d.Outputs {
		if o != "pdf" && o != "docx" {
			out = append(out, where+fmt.Sprintf(": output %q: use pdf or docx", o))
		}
	}
	for _, l := range p.Langs() {
		if !d.Title.Has(l) {
			out = append(out, where+fmt.Sprintf(": no %s title", l))
		}
		t := d.Template(l)
		if t == "" {
			out = append(out, where+fmt.Sprintf(": no %s template", l))
			continue
		}
		if _, err := fs.Stat(p.FS, t); err != nil {
			out = append(out, where+fmt.Sprintf(": template %s is not in the pack", t))
		}
	}
	return out
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
		out = append(out, p.checkDocument(where, d)...)
	}
	if p.Plan != nil {
		out = append(out, p.checkDocument("pack.yaml: plan", *p.Plan)...)
		if p.Plan.PerManufacturer {
			out = append(out, "pack.yaml: plan: per_manufacturer: the work plan is one per application")
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

// Files lists every file of fsys, sorted, but the pack's signature.
func Files(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && p != signature.File {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
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

// Langs returns the pack's languages.
func (p *Pack) Langs() []lang.Lang {
	var out []lang.Lang
	for _, l := range p.Languages {
		out = append(out, l.Lang())
	}
	return out
}

// HasLang reports whether the pack is written in l.
func (p *Pack) HasLang(l lang.Lang) bool { return slices.Contains(p.Langs(), l) }

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
