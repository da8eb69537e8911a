// Package pdf sets a document model as an A4 PDF with embedded Chinese
// fonts, in three stages, as Typst does:
//
//   - shaping and line breaking (layout.go, breaking.go): spans become
//     glyphs in a face, a fallback face or a placeholder, spaced by
//     internal/typo, and lines where internal/linebreak allows, English
//     words hyphenated by internal/hyphen;
//   - layout (layout.go, keep.go, table.go, signature.go, redline.go):
//     blocks become pages of typed items (package page), with keeps, widow
//     and orphan control, tables, signature blocks and a redline's marks,
//     in the one page style that the DOCX generator shares
//     (internal/pagestyle);
//   - serialisation (book.go, draw.go, embed.go, fontpack.go, file.go,
//     foreign.go, stamp.go): pages become PDF files through a typed object
//     model (package pdfobj). fpdf draws each page's graphics; the text
//     operators and font subsets are pilotpack's. Documents drawn together
//     (a Book) number their characters once, so every page is drawn and
//     compressed once and every outline coded once: each document comes
//     out as a file of its own embedding only the glyphs it uses, and all
//     of them as one combined file with packet page numbers, page labels
//     and nested bookmarks.
//
// Every file is PDF 1.7, with XMP metadata matching its information
// dictionary, opening on its first page with the outline shown when there
// is one.
package pdf

import (
	"io"
	"time"

	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
)

// Options control one PDF.
type Options struct {
	// Fonts to set the document in; nil for the embedded defaults. Its
	// Fallback faces (a pack's fonts, LoadFaces) are tried for characters
	// the others lack.
	Fonts *Fonts
	// Date is written as the creation and modification date. The same
	// input and date give byte-identical files.
	Date time.Time
	// Draft watermarks every page 草稿 / DRAFT.
	Draft bool
	// Header is the running header; the document's title when empty.
	Header string
	// Creator names the producing tool in the metadata.
	Creator string
	// StackSignatures sets the parties of every signature block one below
	// the other, as another document of the same kind needs them (see
	// SignaturesFit), so that a packet's agreements sign alike.
	StackSignatures bool
}

// Result describes a written PDF.
type Result struct {
	Pages int
	// Headings are the document's headings with the pages they are on.
	Headings []Heading
	// Warnings say what could not be set as written, and where: each
	// character no font has, once, with how often it occurs.
	Warnings []string
}

// Laid is a document laid out on pages, ready to draw alone (Write) or
// with others (Draw). A packet lays out all its documents before the first
// is drawn (drawing numbers the characters of all of them at once), so a
// Laid keeps only what drawing and the file structure need: its pages
// packed, the characters each face sets, and each page's links and
// bookmarks; of the document model, only its metadata.
type Laid struct {
	doc      *document.Doc // its metadata; no blocks
	opts     Options
	pages    page.Packed
	runes    [][]rune // by page.Font, the characters set in each face
	links    [][]page.Link
	marks    [][]page.Bookmark
	dests    map[string]destPos
	headings []Heading
	warnings []string
}

// destPos is where a link target is in a document.
type destPos struct {
	page int
	y    float64
}

// SignaturesFit reports whether every signature block of two or more
// parties in doc stands side by side, each name on one line, in fonts (nil
// for the embedded defaults).
func SignaturesFit(doc *document.Doc, fonts *Fonts) bool {
	if fonts == nil {
		fonts, _ = DefaultFonts() // never fails
	}
	e := newEngine(doc, fonts.forLang(doc.Lang))
	for _, bl := range doc.Blocks {
		if s, ok := bl.(*document.Signature); ok && len(s.Parties) > 1 && !e.sideBySide(s, (textW-partyGap)/2) {
			return false
		}
	}
	return true
}

// Layout lays doc out on pages.
func Layout(doc *document.Doc, opts Options) (*Laid, error) {
	if opts.Fonts == nil {
		var err error
		if opts.Fonts, err = DefaultFonts(); err != nil {
			return nil, err
		}
	}
	opts.Fonts = opts.Fonts.forLang(doc.Lang)
	if opts.Header == "" {
		opts.Header = doc.Title
	}
	if opts.Date.IsZero() {
		opts.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	e := newEngine(doc, opts.Fonts)
	e.stack = opts.StackSignatures
	e.setAll()
	warnings := e.missingWarnings() // of the text, not of the running header
	e.chrome(opts)
	if e.err != nil {
		return nil, e.err
	}
	info := *doc
	info.Blocks = nil
	packed, err := page.Pack(e.pages)
	if err != nil {
		return nil, err
	}
	l := &Laid{doc: &info, opts: opts, pages: packed, dests: map[string]destPos{}, headings: e.headings, warnings: warnings,
		links: make([][]page.Link, len(e.pages)), marks: make([][]page.Bookmark, len(e.pages))}
	sets := make([]runeSet, opts.Fonts.count())
	for i, p := range e.pages {
		collectRunes(sets, p.Items)
		for _, it := range p.Items {
			switch it := it.(type) {
			case page.Dest:
				l.dests[it.ID] = destPos{page: i, y: it.Y}
			case page.Link:
				l.links[i] = append(l.links[i], it)
			case page.Bookmark:
				l.marks[i] = append(l.marks[i], it)
			}
		}
	}
	l.runes = make([][]rune, len(sets))
	for k := range sets {
		l.runes[k] = sets[k].runes()
	}
	return l, nil
}

// Pages returns the laid-out pages, unpacked anew on every call.
func (l *Laid) Pages() ([]*page.Page, error) { return l.pages.Unpack() }

// Result describes the laid-out document.
func (l *Laid) Result() *Result {
	return &Result{Pages: l.pages.Len(), Headings: l.headings, Warnings: l.warnings}
}

// Write draws the document as a PDF on w.
func (l *Laid) Write(w io.Writer) error {
	b, err := Draw([]Entry{{Laid: l}})
	if err != nil {
		return err
	}
	return b.WriteDocument(w, l)
}

// Write sets doc as a PDF on w.
func Write(w io.Writer, doc *document.Doc, opts Options) (*Result, error) {
	l, err := Layout(doc, opts)
	if err != nil {
		return nil, err
	}
	if err := l.Write(w); err != nil {
		return nil, err
	}
	return l.Result(), nil
}
