// Package pdf sets a document model as an A4 PDF with embedded Chinese
// fonts.
//
// pilotpack lays out; fpdf draws. fpdf's own text functions drop a character
// at every CJK line break, know no Chinese punctuation rules and crash on
// characters beyond the BMP, so this package breaks lines itself
// (breaking.go) and places every line, table cell and page (layout.go,
// table.go). fpdf then draws the pages' rules, boxes, links and transforms,
// while the text operators and the embedded font subsets are written here
// (embed.go), from faces parsed once per process (face.go). Documents drawn
// together share one pass and one subset of each face (book.go): each comes
// out as a file of its own and all of them as one combined file, assembled
// from the pass's objects with pilotpack's own catalog, outlines and
// metadata (writer.go, objects.go).
package pdf

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"

	"pilotpack/internal/document"
)

// Options control one PDF.
type Options struct {
	// Fonts to set the document in; nil for the embedded defaults.
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
}

// Result describes a written PDF.
type Result struct {
	Pages int
	// Headings are the document's headings with the pages they are on.
	Headings []Heading
	// Warnings say what could not be set as written, and where.
	Warnings []string
}

// Laid is a document laid out on pages, ready to draw alone (Write) or
// with others (Combine).
type Laid struct {
	e      *engine
	doc    *document.Doc
	opts   Options
	chrome chrome
}

// Layout lays doc out on pages.
func Layout(doc *document.Doc, opts Options) (*Laid, error) {
	if opts.Fonts == nil {
		var err error
		if opts.Fonts, err = DefaultFonts(); err != nil {
			return nil, err
		}
	}
	if opts.Header == "" {
		opts.Header = doc.Title
	}
	if opts.Date.IsZero() {
		opts.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	e := layout(doc, opts.Fonts)
	return &Laid{e: e, doc: doc, opts: opts, chrome: e.chrome(opts)}, nil
}

// Result describes the laid-out document.
func (l *Laid) Result() *Result {
	return &Result{Pages: len(l.e.pages), Headings: l.e.headings, Warnings: l.e.warnings}
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

// chrome is what every page carries besides its content.
type chrome struct {
	header    []textOp
	footers   []textOp
	watermark textOp
}

func (e *engine) chrome(opts Options) chrome {
	var c chrome
	small := textStyle{font: fSerif, size: headSize, gray: 0.35}
	if opts.Header != "" {
		for _, l := range e.lines([]document.Span{{Text: opts.Header}}, small, textW, 0) {
			text := ""
			for _, g := range l.gs {
				text += string(g.r)
			}
			c.header = append(c.header, textOp{x: marginL, y: headerBase, text: text, st: small})
			break // one line: a long title is cut at the first line
		}
	}
	for i := range e.pages {
		label := e.labels.Page(i+1, len(e.pages))
		c.footers = append(c.footers, textOp{x: marginL + textW - e.textWidth(label, small), y: footerBase, text: label, st: small})
	}
	if opts.Draft {
		st := textStyle{font: fSansBold, size: 110, gray: 0.88}
		c.watermark = textOp{text: e.labels.Draft, st: st}
	}
	return c
}

// meta is what goes into a PDF's metadata.
type meta struct {
	doc  *document.Doc
	opts Options
}

// draw has fpdf draw laid-out documents, one after another, as one PDF with
// uncompressed page contents, for a Book to take apart. Links named in extra
// (a target id → a page of the whole file) let one part point at another's
// pages. The metadata, bookmarks and catalog are the Book's to write.
func draw(w io.Writer, parts []*Laid, extra map[string]int) ([numFonts]*glyphs, error) {
	var runes [numFonts][]rune
	for _, l := range parts {
		rs := l.e.runesOf()
		for k := range numFonts {
			runes[k] = append(runes[k], rs[k]...)
		}
		for _, op := range append(append(append([]textOp{}, l.chrome.header...), l.chrome.footers...), l.chrome.watermark) {
			for _, r := range op.text {
				runes[op.st.font] = append(runes[op.st.font], r)
			}
		}
	}
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pageW, Ht: pageH}, OrientationStr: "P"})
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetCatalogSort(true)
	p.SetCreationDate(parts[0].opts.Date)
	p.SetModificationDate(parts[0].opts.Date)
	p.SetCompression(false)
	// The glyphs of the book's subset of each face (see embed.go).
	var gl [numFonts]*glyphs
	for k := range numFonts {
		if len(runes[k]) > 0 {
			gl[k] = newGlyphs(runes[k])
		}
	}
	// Internal links need their targets before the pages that use them.
	links := map[string]int{}
	offset := 0
	for pi, l := range parts {
		for i, pg := range l.e.pages {
			for _, op := range pg.ops {
				if d, ok := op.(destOp); ok {
					id := p.AddLink()
					p.SetLink(id, d.y, offset+i+1)
					links[fmt.Sprintf("%d/%s", pi, d.id)] = id
				}
			}
		}
		offset += len(l.e.pages)
	}
	for name, page := range extra {
		id := p.AddLink()
		p.SetLink(id, 0, page)
		links["extra/"+name] = id
	}
	d := &drawer{p: p, glyphs: gl}
	for pi, l := range parts {
		for i, pg := range l.e.pages {
			p.AddPage()
			if l.opts.Draft {
				wm := l.chrome.watermark
				width := l.e.textWidth(wm.text, wm.st)
				p.TransformBegin()
				p.TransformRotate(35, pageW/2, pageH/2)
				wm.x, wm.y = pageW/2-width/2, pageH/2+wm.st.size*0.35
				d.text(wm)
				p.TransformEnd()
			}
			if !pg.cover {
				for _, h := range l.chrome.header {
					d.text(h)
				}
				if len(l.chrome.header) > 0 {
					d.line(lineOp{marginL, headerBase + 5, marginL + textW, headerBase + 5, 0.5, 0.5})
				}
				d.text(l.chrome.footers[i])
			}
			for _, op := range pg.ops {
				switch op := op.(type) {
				case textOp:
					d.text(op)
				case lineOp:
					d.line(op)
				case markOp:
					d.mark(op)
				case rectOp:
					d.rect(op)
				case linkOp:
					if op.url != "" {
						p.LinkString(op.x, op.y, op.w, op.h, op.url)
					} else if id, ok := links[fmt.Sprintf("%d/%s", pi, op.dest)]; ok {
						p.Link(op.x, op.y, op.w, op.h, id)
					} else if id, ok := links["extra/"+op.dest]; ok {
						p.Link(op.x, op.y, op.w, op.h, id)
					}
				case pageNumOp:
					n := "?"
					if pg, ok := l.e.dests[op.id]; ok {
						n = fmt.Sprint(pg + 1)
					}
					d.text(textOp{x: op.x - l.e.textWidth(n, op.st), y: op.y, text: n, st: op.st})
				}
			}
		}
	}
	if err := p.Output(w); err != nil {
		return gl, err
	}
	return gl, p.Error()
}

func (d *drawer) rect(op rectOp) {
	style := ""
	if op.fill >= 0 {
		g := gray(op.fill)
		d.p.SetFillColor(g, g, g)
		style += "F"
	}
	if op.stroke > 0 {
		d.p.SetLineWidth(op.stroke)
		d.p.SetDrawColor(0, 0, 0)
		style += "D"
	}
	d.p.Rect(op.x, op.y, op.w, op.h, style)
}

func gray(level float64) int { return int(math.Round(level * 255)) }

// drawer keeps fpdf's state changes to those that differ from the last,
// and writes the text operators itself.
type drawer struct {
	p      *fpdf.Fpdf
	glyphs [numFonts]*glyphs
	buf    []byte
}

// italicShear slants glyphs by 12° (tan 12°): there are no italic Chinese
// faces, so italic text is a synthetic oblique.
const italicShear = 0.2126

// text draws a run of text at its baseline, in its own graphics state: fill
// colour, font and size, extra glyph spacing for justification, and for
// italics a sheared text matrix.
func (d *drawer) text(op textOp) {
	g := d.glyphs[op.st.font]
	if op.text == "" || g == nil {
		return
	}
	num := func(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', -1, 64) }
	fixed := func(b []byte, v float64, prec int) []byte { return strconv.AppendFloat(b, v, 'f', prec, 64) }
	b := append(d.buf[:0], "q "...)
	if c := markColor(op.st.mark); c != "" {
		b = append(b, c+" rg "...)
	} else if op.st.blue {
		b = append(b, "0 0.2 0.6 rg "...)
	} else {
		b = fixed(b, float64(gray(op.st.gray))/255, 3)
		b = append(b, " g "...)
	}
	b = append(b, "BT /"...)
	b = append(b, fontName(op.st.font)...)
	b = append(b, ' ')
	b = num(b, op.st.size)
	b = append(b, " Tf "...)
	if op.tc != 0 {
		b = fixed(b, op.tc, 4)
		b = append(b, " Tc "...)
	}
	if op.st.italic {
		b = append(b, "1 0 "...)
		b = num(b, italicShear)
		b = append(b, " 1 "...)
	}
	b = fixed(b, op.x, 2)
	b = append(b, ' ')
	b = fixed(b, pageH-op.y, 2)
	if op.st.italic {
		b = append(b, " Tm "...)
	} else {
		b = append(b, " Td "...)
	}
	b = g.encode(b, op.text)
	b = append(b, " Tj ET Q\n"...)
	d.p.RawWriteStr(string(b))
	d.buf = b
}

func (d *drawer) line(op lineOp) {
	g := gray(op.gray)
	d.p.SetDrawColor(g, g, g)
	d.p.SetLineWidth(op.width)
	d.p.Line(op.x1, op.y1, op.x2, op.y2)
}
