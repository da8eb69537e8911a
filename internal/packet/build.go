// Package packet builds a filing packet: the one place that joins the
// applicant file, the pilot rules, a template pack and the generators, and
// the only package that writes to the output folder. A build is a list of
// small steps (Build); each file goes into a temporary folder beside the
// target as soon as it is made, and the folder is renamed into place at the
// end (write.go), so a failed build leaves the output folder as it was.
package packet

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/flosch/pongo2/v6"

	"pilotpack/generators/docx"
	"pilotpack/generators/pdf"
	"pilotpack/internal/applicant"
	"pilotpack/internal/attachment"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/pack/renderctx"
	"pilotpack/internal/readiness"
	"pilotpack/internal/rules"
	"pilotpack/internal/safefile"
)

// Options control one build.
type Options struct {
	Pack *pack.Pack
	// Lang is zh or en; empty for the application's language.
	Lang lang.Lang
	// OutDir is the folder packets are written under (default "output").
	OutDir string
	// Zip also writes OutDir/<packet>.zip.
	Zip bool
	// Draft builds despite errors in the data and watermarks every page.
	Draft bool
	// Force replaces an existing packet.
	Force bool
	// Date is the build date: documents, metadata and zip entries carry it.
	Date time.Time
	// Fonts for the PDFs; nil for the embedded defaults.
	Fonts *pdf.Fonts
	// Version is the tool's version, recorded in the manifest.
	Version string
	// Seal, when set, seals the packet: manifest.sig signs the manifest.
	Seal *SealKey
	// Attachments say where attachments may come from.
	Attachments attachment.Options
	// Claim, when set, is asked for the packet id before anything is
	// rendered; an error stops the build. A batch uses it to keep two
	// files from building into the same folder.
	Claim func(id string) error
	// Loaded, when set, is the applicant file already loaded
	// (rules.LoadFile), so that a caller who read it first does not make
	// the build read it again.
	Loaded *Loaded
}

// Loaded is an applicant file loaded, with the findings of loading it.
type Loaded struct {
	Applicant *applicant.Applicant
	Findings  finding.List
}

// Result describes a built packet.
type Result struct {
	ID       string
	Dir      string
	Zip      string
	Manifest *Manifest
	Findings finding.List
	// Warnings say what could not be set as written (missing glyphs,
	// Markdown the documents cannot express).
	Warnings []lang.Text
}

// DataError stops a build whose data has errors (without --draft), or
// that is larger than the policy allows (even with --draft).
type DataError struct {
	Findings finding.List
	// Bounds is set when the file breaks the policy's limits.
	Bounds bool
}

func (e *DataError) Error() string { return e.In(lang.En) }

// In words the error in l.
func (e *DataError) In(l lang.Lang) string {
	n := e.Findings.Count(finding.Error)
	if e.Bounds {
		return lang.Count(n, msgDataBound, msgDataBounds).In(l)
	}
	return lang.Count(n, msgDataError, msgDataErrors).In(l)
}

// ExistsError refuses to replace a packet or its zip without Force, and a
// folder where the zip goes always.
type ExistsError struct {
	Dir string
	// Folder is set when Dir is a folder where a file should go.
	Folder bool
}

func (e *ExistsError) Error() string { return e.In(lang.En) }

// In words the error in l.
func (e *ExistsError) In(l lang.Lang) string {
	if e.Folder {
		return lang.Sprintf(l, msgZipFolder, e.Dir)
	}
	return lang.Sprintf(l, msgExists, e.Dir)
}

// file is one file of the packet, as the manifest lists it; its content is
// in the staged folder (put).
type file struct {
	path  string // inside the packet
	title string
	kind  string // combined, document, checklist, attachment
	pages int
	size  int
	sha   string
}

// built is a rendered document of the pack.
type built struct {
	doc   pack.Document
	mfr   *applicant.Manufacturer
	laid  *pdf.Laid
	pdf   *file
	docx  *file
	title string
}

type builder struct {
	opts     Options
	path     string
	a        *applicant.Applicant
	lang     lang.Lang
	id       string
	findings finding.List
	attach   []*attached
	docs     []*built
	files    []*file
	warnings []lang.Text
	result   *Result
	// base is the render context every document and checklist condition
	// shares: building it walks the whole applicant, so it is built once
	// and each party's context only adds who it is for.
	base *renderctx.Base
	// staged is the packet's temporary folder, zip its zip's.
	staged *safefile.Dir
	zip    *safefile.File
	// made are the folders of --out the build created; written says the
	// packet is in place, so that they stay.
	made    safefile.Made
	written bool
	// checklistRows are the checklist as it applies, in order; the combined
	// PDF follows it.
	checklistRows []row
	// workbook says when the checklist workbook, written alongside the
	// PDFs, is in the staged folder.
	workbook func() error
	// copies says when the attachments' copies, written while the
	// documents are made, are in the staged folder.
	copies func() error
	// checked says when the attachments, read and checked while the file
	// is checked, are in checkedFiles and checkedFindings.
	checked         func() error
	checkedFiles    []*attachment.File
	checkedFindings finding.List
}

// inBackground runs fn beside the build's steps and returns what waits for
// it and gives its error: once, however often it is called.
func inBackground(fn func() error) func() error {
	done := make(chan error, 1)
	go func() { done <- fn() }()
	return sync.OnceValue(func() error { return <-done })
}

// waitFor waits for work started inBackground, if it was started.
func waitFor(w func() error) error {
	if w == nil {
		return nil
	}
	return w()
}

// Build builds the packet of the applicant file at path.
func Build(path string, opts Options) (*Result, error) {
	if opts.OutDir == "" {
		opts.OutDir = "output"
	}
	if opts.Date.IsZero() {
		opts.Date = time.Now().UTC().Truncate(time.Second)
	}
	if opts.Fonts == nil {
		opts.Fonts, _ = pdf.DefaultFonts() // never fails
	}
	// The fonts are parsed while the file and its attachments are read,
	// rather than by the first documents laid out.
	go opts.Fonts.Prepare()
	b := &builder{opts: opts, path: path}
	defer b.discard()
	defer func() { // before the staged folder is discarded
		waitFor(b.checked)
		waitFor(b.workbook)
		waitFor(b.copies)
	}()
	// The build, step by step. Each step reads what earlier ones left on
	// the builder; only write touches the disk.
	steps := []struct {
		name string
		run  func() error
	}{
		{"load the applicant file and check it against the pilot rules", b.load},
		{"make sure the packet may be written", b.claim},
		{"check and read the attachments", b.attachments},
		{"stop on errors unless building a draft", b.gate},
		{"stage the packet beside its target", b.stage},
		{"start copying the attachments", b.startCopies},
		{"render every document and lay it out; write the DOCX files", b.documents},
		{"add the attachments' copies", b.copyAttachments},
		{"write the checklist workbook", b.checklist},
		{"draw the documents' PDFs and bind the combined PDF", b.combined},
		{"finish the checklist workbook", func() error { return waitFor(b.workbook) }},
		{"write the manifest", b.manifest},
		{"move the packet and its zip into place", b.write},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return b.result, err
		}
	}
	return b.result, nil
}

var (
	nonSlug  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^a-z0-9]+`) })
	maxFile  = 64
	packetID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`) })
)

// IDOf is the packet id of an application: its application.id, else an id
// made from its file's name (applicant.IDFromName).
func IDOf(a *applicant.Applicant) string {
	id := a.Application.ID
	if id == "" || !packetID().MatchString(id) {
		id = applicant.IDFromName(a.Stem())
	}
	return id
}

// slug makes a lowercase ASCII name with hyphens, or "" when nothing is left.
func slug(s string) string {
	return strings.Trim(nonSlug().ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// fileName builds a numbered file name of at most 64 characters.
func fileName(n int, stem, ext string) string {
	name := fmt.Sprintf("%02d-%s", n, stem)
	if len(name)+len(ext) > maxFile {
		name = strings.TrimRight(name[:maxFile-len(ext)], "-")
	}
	return name + ext
}

func (b *builder) load() error {
	var a *applicant.Applicant
	var fs finding.List
	if l := b.opts.Loaded; l != nil {
		// The attachments need only the file's list of them, within the
		// policy's limits (the limit rules alone decide that): they are
		// read and checked while the rest of the file is, unless the
		// packet may not be written anyway (claim says why).
		if l.Applicant != nil && b.checkTargets(IDOf(l.Applicant)) == nil {
			b.checked = inBackground(func() error {
				limits := rules.CheckLimits(l.Applicant, b.opts.Pack.Policy)
				b.checkedFiles, b.checkedFindings = checkAttachments(l.Applicant, limits, b.opts.Attachments)
				return nil
			})
		}
		a, fs = b.opts.Pack.ValidateLoaded(l.Applicant, l.Findings)
	} else {
		a, fs = b.opts.Pack.Validate(b.path)
	}
	b.findings = fs
	b.result = &Result{Findings: fs}
	if a == nil {
		return &DataError{Findings: fs}
	}
	b.a = a
	b.lang = b.opts.Lang
	if b.lang == "" {
		b.lang = a.Application.Language.Lang()
	}
	if b.lang != a.Application.Language.Lang() {
		// Validation checked the texts for the file's own language.
		b.findings = append(b.findings, rules.English(a, b.lang)...)
	}
	if !b.opts.Pack.HasLang(b.lang) {
		return lang.Errorf(msgNoLang, b.opts.Pack.ID, b.lang, langList(b.opts.Pack.Langs()))
	}
	b.id = IDOf(a)
	b.result.ID = b.id
	return nil
}

// claim makes sure the packet may be written: an existing packet is found
// before any work, not after; the rename into place checks again, as
// another process may have made it meanwhile.
func (b *builder) claim() error {
	if err := b.checkTargets(b.id); err != nil {
		return err
	}
	if b.opts.Claim != nil {
		return b.opts.Claim(b.id)
	}
	return nil
}

func (b *builder) gate() error {
	b.findings.Sort()
	b.result.Findings = b.findings
	if rules.OverLimits(b.findings) {
		return &DataError{Findings: b.findings, Bounds: true}
	}
	if b.findings.HasErrors() && !b.opts.Draft {
		return &DataError{Findings: b.findings}
	}
	return nil
}

func (b *builder) add(f *file) *file {
	b.files = append(b.files, f)
	return f
}

// context returns the render context of the documents for m (nil: made
// once). The values every document shares are built once, the first time.
func (b *builder) context(m *applicant.Manufacturer) pongo2.Context {
	if m == nil {
		return b.shared().For("")
	}
	return b.shared().For(m.ID)
}

// shared is the context every document of the packet shares.
func (b *builder) shared() *renderctx.Base {
	if b.base == nil {
		opts := pack.ContextOptions{Lang: b.lang, Date: civil.Of(b.opts.Date), Draft: b.opts.Draft}
		b.base = b.opts.Pack.Shared(b.a, opts, b.findings)
	}
	return b.base
}

// readiness is the packet's one answer to whether it can be filed.
func (b *builder) readiness() readiness.Readiness { return readiness.Of(b.findings) }

// documents renders every document of the pack, once or per manufacturer,
// numbered in the pack's order. The documents are rendered, laid out and
// written as DOCX in parallel, each DOCX into the staged folder as soon as
// it is made, and collected in order.
func (b *builder) documents() error {
	creator := "pilotpack " + b.opts.Version
	type job struct {
		made
		bt       *built
		r        Rendered
		docx     *file
		warnings []lang.Text
		err      error
	}
	var jobs []*job
	for _, m := range b.toMake() {
		jobs = append(jobs, &job{made: m})
	}
	// The documents are rendered first, side by side: the documents of a
	// kind (the agreements with each manufacturer) sign alike, so their
	// signature blocks stand one below the other in all of them when a
	// name does not fit side by side in one.
	render := func(j *job) error {
		r, warns, err := b.model(j.made)
		j.warnings, j.r = warns, r
		return err
	}
	lay := func(j *job, stackPDF, stackDOCX bool) error {
		// The model goes once it is laid out and written as DOCX: the
		// packet keeps its pages, not the model.
		r := j.r
		j.r = Rendered{}
		d, doc := r.Document, r.Model
		j.bt = &built{doc: d, mfr: r.Manufacturer, title: r.Title}
		laid, err := pdf.Layout(doc, pdf.Options{Fonts: b.opts.Fonts, Date: b.opts.Date, Draft: b.opts.Draft, Creator: creator, StackSignatures: stackPDF})
		if err != nil {
			return err
		}
		j.bt.laid = laid
		res := laid.Result()
		for _, w := range res.Warnings {
			j.warnings = append(j.warnings, lang.Format(msgAt, r.Stem, w))
		}
		if slices.Contains(d.Outputs, "docx") {
			pages := map[string]int{}
			for _, h := range res.Headings {
				pages[h.ID] = h.Page
			}
			var buf bytes.Buffer
			if err := docx.Write(&buf, doc, docx.Options{Date: b.opts.Date, Draft: b.opts.Draft, Creator: creator, HeadingPages: pages, StackSignatures: stackDOCX}); err != nil {
				return err
			}
			j.docx = &file{path: fileName(j.n, r.Stem, ".docx"), title: r.Title, kind: "document"}
			if err := b.put(j.docx, buf.Bytes()); err != nil {
				return err
			}
		}
		return nil
	}
	// Each document is laid out as soon as every document of its kind is
	// rendered, while the others are still being rendered. Each format
	// measures its own way (the PDF its fonts, the DOCX what a word
	// processor's may need), and decides for the kind on its own.
	left := map[string]int{} // documents of each kind not yet rendered
	for _, j := range jobs {
		left[j.d.File]++
	}
	var mu sync.Mutex
	q := newQueue(2 * len(jobs))
	for _, j := range jobs {
		q.add(func() {
			j.err = render(j)
			mu.Lock()
			left[j.d.File]--
			last := left[j.d.File] == 0
			mu.Unlock()
			if !last {
				return
			}
			var kind []*job
			stackPDF, stackDOCX := false, false
			for _, k := range jobs {
				if k.d.File == j.d.File && k.err == nil {
					kind = append(kind, k)
					stackPDF = stackPDF || !pdf.SignaturesFit(k.r.Model, b.opts.Fonts)
					stackDOCX = stackDOCX || !docx.SignaturesFit(k.r.Model)
				}
			}
			for _, k := range kind {
				q.add(func() { k.err = lay(k, stackPDF, stackDOCX) }) // reported below, in the documents' order
			}
		})
	}
	q.wait()
	for _, j := range jobs {
		b.warnings = append(b.warnings, j.warnings...)
		if j.err != nil {
			return j.err
		}
		bt := j.bt
		for _, out := range j.d.Outputs {
			switch out {
			case "pdf":
				// Drawn with the combined file, in one pass (combined.go).
				bt.pdf = b.add(&file{path: fileName(j.n, j.stem, ".pdf"), title: bt.title, kind: "document", pages: bt.laid.Result().Pages})
			case "docx":
				bt.docx = b.add(j.docx)
			}
		}
		b.docs = append(b.docs, bt)
	}
	return nil
}

// made is one document of the packet to make: the pack's document, the
// manufacturer it is for (nil: made once), its number in the packet
// (1, 2, …), its file stem and title, and its render context.
type made struct {
	d           pack.Document
	m           *applicant.Manufacturer
	n           int
	stem, title string
	ctx         pongo2.Context
}

// toMake lists the documents of the pack, once or per manufacturer, in the
// pack's order. The render contexts are made here, one at a time; the
// documents then only read them, and may be rendered in parallel.
func (b *builder) toMake() []made {
	var out []made
	n := 1
	for _, d := range b.opts.Pack.Documents {
		for _, m := range b.a.MadeFor(d.PerManufacturer) {
			title := d.Title.In(b.lang)
			stem := d.File
			if m != nil {
				stem += "-" + m.ID
				title += lang.Sprintf(b.lang, labelFor, lang.T(m.NameZh, m.NameEn))
			}
			out = append(out, made{d: d, m: m, n: n, stem: stem, title: title, ctx: b.context(m)})
			n++
		}
	}
	return out
}

// model renders one document into its model, with what the rendered
// Markdown could not express.
func (b *builder) model(mk made) (Rendered, []lang.Text, error) {
	d := mk.d
	md, err := b.opts.Pack.Engine().Render(d.Template(b.lang), mk.ctx)
	if err != nil {
		return Rendered{}, nil, err
	}
	doc, warns := document.Parse([]byte(md), b.lang)
	var warnings []lang.Text
	for _, w := range warns {
		warnings = append(warnings, lang.Format(msgMarkdown, d.Template(b.lang), w.Line, w.Msg))
	}
	doc.Title = mk.title
	doc.Author = lang.T(b.a.Applicant.NameZh, b.a.Applicant.NameEn).In(b.lang)
	doc.Subject = lang.T(b.a.Product.NameZh, b.a.Product.NameEn).In(b.lang)
	doc.Keywords = labelPilot.In(b.lang) + ", " + d.Title.In(b.lang)
	return Rendered{Document: d, Manufacturer: mk.m, Model: doc, Stem: mk.stem, Title: mk.title}, warnings, nil
}

// models renders every document of the pack into its model, once or per
// manufacturer, in the pack's order, and hands each to fn with its number
// in the packet (1, 2, …).
func (b *builder) models(fn func(n int, r Rendered) error) error {
	for _, mk := range b.toMake() {
		r, warnings, err := b.model(mk)
		b.warnings = append(b.warnings, warnings...)
		if err != nil {
			return err
		}
		if err := fn(mk.n, r); err != nil {
			return err
		}
	}
	return nil
}
