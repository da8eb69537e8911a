// Package packet builds a filing packet: the one place that joins the
// applicant file, the pilot rules, a template pack and the generators, and
// the only package that writes to the output folder. A build is a list of
// small steps (Build); its files are collected in memory and written into a
// temporary folder beside the target, then renamed into place, so a failed
// build leaves the output folder as it was.
package packet

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/flosch/pongo2/v6"

	"pilotpack/generators/docx"
	"pilotpack/generators/pdf"
	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
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
	// Claim, when set, is asked for the packet id before anything is
	// rendered; an error stops the build. A batch uses it to keep two
	// files from building into the same folder.
	Claim func(id string) error
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
	Warnings []string
}

// DataError stops a build whose data has errors (without --draft).
type DataError struct {
	Findings finding.List
}

func (e *DataError) Error() string {
	n := e.Findings.Count(finding.Error)
	return fmt.Sprintf("%d finding%s with error severity; fix the applicant file, or build a watermarked draft with --draft", n, map[bool]string{true: "", false: "s"}[n == 1])
}

// ExistsError refuses to replace a packet without Force.
type ExistsError struct {
	Dir string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists; add --force to replace it", e.Dir)
}

// file is one file of the packet.
type file struct {
	path  string // inside the packet
	data  []byte
	title string
	kind  string // combined, document, checklist, attachment
	pages int
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
	attach   []*attachment
	docs     []*built
	files    []*file
	warnings []string
	result   *Result
	// contexts are the render contexts, one per manufacturer and one (nil)
	// for documents made once: building one walks the whole applicant, and
	// every document and checklist condition for the same party shares it.
	contexts map[*applicant.Manufacturer]pongo2.Context
	// checklistRows are the checklist as it applies, in order; the combined
	// PDF follows it.
	checklistRows []row
}

// Build builds the packet of the applicant file at path.
func Build(path string, opts Options) (*Result, error) {
	if opts.OutDir == "" {
		opts.OutDir = "output"
	}
	if opts.Date.IsZero() {
		opts.Date = time.Now().UTC().Truncate(time.Second)
	}
	b := &builder{opts: opts, path: path}
	// The build, step by step. Each step reads what earlier ones left on
	// the builder; only write touches the disk.
	steps := []struct {
		name string
		run  func() error
	}{
		{"load the applicant file and check it against the pilot rules", b.load},
		{"check and read the attachments", b.attachments},
		{"stop on errors unless building a draft", b.gate},
		{"render every document and lay it out; write the DOCX files", b.documents},
		{"copy the attachments", b.copyAttachments},
		{"write the checklist workbook", b.checklist},
		{"draw the documents' PDFs and bind the combined PDF", b.combined},
		{"write the manifest", b.manifest},
		{"write the packet into place", b.write},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return b.result, err
		}
	}
	return b.result, nil
}

var (
	nonSlug  = regexp.MustCompile(`[^a-z0-9]+`)
	maxFile  = 64
	packetID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// IDOf is the packet id of an application: its application.id, else its
// file's name made into a lowercase ASCII name.
func IDOf(a *applicant.Applicant) string {
	id := a.Application.ID
	if id == "" || !packetID.MatchString(id) {
		id = slug(a.Stem())
	}
	if id == "" {
		id = "packet"
	}
	return id
}

// slug makes a lowercase ASCII name with hyphens, or "" when nothing is left.
func slug(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
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
	a, fs := b.opts.Pack.Validate(b.path)
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
	if !b.opts.Pack.HasLang(b.lang) {
		return fmt.Errorf("the pack %s has no %s templates; use --lang %s", b.opts.Pack.ID, b.lang, lang.Join(b.opts.Pack.Langs(), " or "))
	}
	b.id = IDOf(a)
	b.result.ID = b.id
	// An existing packet is found before any work, not after; write checks
	// again, as another process may have made it meanwhile.
	target := filepath.Join(b.opts.OutDir, b.id)
	if _, err := os.Lstat(target); err == nil && !b.opts.Force {
		return &ExistsError{Dir: target}
	}
	if b.opts.Claim != nil {
		return b.opts.Claim(b.id)
	}
	return nil
}

func (b *builder) gate() error {
	b.findings.Sort()
	b.result.Findings = b.findings
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
// once), built the first time it is asked for.
func (b *builder) context(m *applicant.Manufacturer) pongo2.Context {
	if ctx, ok := b.contexts[m]; ok {
		return ctx
	}
	opts := pack.ContextOptions{Lang: b.lang, Date: civil.Of(b.opts.Date), Draft: b.opts.Draft}
	if m != nil {
		opts.Manufacturer = m.ID
	}
	if b.contexts == nil {
		b.contexts = map[*applicant.Manufacturer]pongo2.Context{}
	}
	ctx := b.opts.Pack.Context(b.a, opts, b.findings)
	b.contexts[m] = ctx
	return ctx
}

// documents renders every document of the pack, once or per manufacturer,
// numbered in the pack's order. The documents are rendered, laid out and
// written as DOCX in parallel, and collected in order.
func (b *builder) documents() error {
	p := b.opts.Pack
	creator := "pilotpack " + b.opts.Version
	type job struct {
		d           pack.Document
		m           *applicant.Manufacturer
		n           int
		title, stem string
		ctx         pongo2.Context
		doc         *document.Doc
		laid        *pdf.Laid
		docx        []byte
		warnings    []string
		err         error
	}
	var jobs []*job
	n := 1
	for _, d := range p.Documents {
		for _, m := range b.a.MadeFor(d.PerManufacturer) {
			title := d.Title.In(b.lang)
			stem := d.File
			if m != nil {
				stem += "-" + m.ID
				title += map[bool]string{true: "（" + m.NameZh + "）", false: " (" + m.NameEn + ")"}[b.lang == "zh"]
			}
			// The render contexts are made here, one at a time; the
			// documents then only read them.
			jobs = append(jobs, &job{d: d, m: m, n: n, title: title, stem: stem, ctx: b.context(m)})
			n++
		}
	}
	render := func(j *job) error {
		md, err := p.Engine().Render(j.d.Template(b.lang), j.ctx)
		if err != nil {
			return err
		}
		doc, warns := document.Parse([]byte(md), b.lang)
		for _, w := range warns {
			j.warnings = append(j.warnings, fmt.Sprintf("%s: rendered Markdown %s", j.d.Template(b.lang), w))
		}
		doc.Title = j.title
		doc.Author, doc.Subject = b.a.Applicant.NameZh, b.a.Product.NameZh
		if b.lang == "en" {
			doc.Author, doc.Subject = b.a.Applicant.NameEn, b.a.Product.NameEn
		}
		doc.Keywords = map[bool]string{true: "生物制品分段生产试点", false: "phased-manufacturing pilot for biological products"}[b.lang == "zh"] + ", " + j.d.Title.In(b.lang)
		j.doc = doc
		laid, err := pdf.Layout(doc, pdf.Options{Fonts: b.opts.Fonts, Date: b.opts.Date, Draft: b.opts.Draft, Creator: creator})
		if err != nil {
			return err
		}
		j.laid = laid
		res := laid.Result()
		for _, w := range res.Warnings {
			j.warnings = append(j.warnings, fmt.Sprintf("%s: %s", j.stem, w))
		}
		if slices.Contains(j.d.Outputs, "docx") {
			pages := map[string]int{}
			for _, h := range res.Headings {
				pages[h.ID] = h.Page
			}
			var buf bytes.Buffer
			if err := docx.Write(&buf, doc, docx.Options{Date: b.opts.Date, Draft: b.opts.Draft, Creator: creator, HeadingPages: pages}); err != nil {
				return err
			}
			j.docx = buf.Bytes()
		}
		return nil
	}
	next := make(chan *job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for j := range next {
				j.err = render(j)
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	for _, j := range jobs {
		if j.err != nil {
			return j.err
		}
		b.warnings = append(b.warnings, j.warnings...)
		bt := &built{doc: j.d, mfr: j.m, title: j.title, laid: j.laid}
		for _, out := range j.d.Outputs {
			switch out {
			case "pdf":
				// Drawn with the combined file, in one pass (combined.go).
				bt.pdf = b.add(&file{path: fileName(j.n, j.stem, ".pdf"), title: j.title, kind: "document", pages: j.laid.Result().Pages})
			case "docx":
				bt.docx = b.add(&file{path: fileName(j.n, j.stem, ".docx"), data: j.docx, title: j.title, kind: "document"})
			}
		}
		b.docs = append(b.docs, bt)
	}
	return nil
}
