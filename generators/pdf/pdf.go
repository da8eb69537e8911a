// Package pdf sets a document model as an A4 PDF with embedded Chinese
// fonts.
//
// fpdf draws; pilotpack lays out. fpdf's own text functions drop a character
// at every CJK line break, know no Chinese punctuation rules and crash on
// characters beyond the BMP, so this package breaks lines itself (breaking.go),
// places every line, table cell and page (layout.go, table.go), and hands
// fpdf only positioned runs of text. Each document embeds a subset of the
// fonts holding just the glyphs it uses (face.go), built from fonts parsed
// once per process.
package pdf

import (
	"fmt"
	"io"
	"math"
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
func draw(w io.Writer, parts []*Laid, extra map[string]int) error {
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
	e0 := parts[0].e
	for k := range numFonts {
		if len(runes[k]) == 0 {
			continue
		}
		face := e0.face(k)
		sub, err := face.Subset(runes[k])
		if err != nil {
			sub = face.data // too many ranges for a subset: embed the whole face
		}
		p.AddUTF8FontFromBytes(fontNames[k].family, fontNames[k].style, sub)
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("fonts: %w", err)
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
	d := &drawer{p: p}
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
		return err
	}
	return p.Error()
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

// drawer keeps fpdf's state changes to those that differ from the last.
type drawer struct {
	p      *fpdf.Fpdf
	cur    textStyle
	set    bool
	color  int
	colors bool
}

func (d *drawer) font(st textStyle) {
	if !d.set || d.cur.font != st.font || d.cur.size != st.size {
		d.p.SetFont(fontNames[st.font].family, fontNames[st.font].style, st.size)
		d.cur, d.set = st, true
	}
}

func (d *drawer) text(op textOp) {
	if op.text == "" {
		return
	}
	d.font(op.st)
	if op.st.blue {
		d.p.SetTextColor(0, 51, 153)
	} else {
		g := gray(op.st.gray)
		d.p.SetTextColor(g, g, g)
	}
	if op.tc != 0 {
		d.p.RawWriteStr(fmt.Sprintf("%.4f Tc\n", op.tc))
	}
	if op.st.italic {
		// No italic Chinese faces exist: slant the glyphs (a synthetic
		// oblique) around the baseline.
		d.p.TransformBegin()
		d.p.TransformSkewX(12, op.x, op.y)
		d.p.Text(op.x, op.y, op.text)
		d.p.TransformEnd()
	} else {
		d.p.Text(op.x, op.y, op.text)
	}
	if op.tc != 0 {
		d.p.RawWriteStr("0 Tc\n")
	}
}

func (d *drawer) line(op lineOp) {
	g := gray(op.gray)
	d.p.SetDrawColor(g, g, g)
	d.p.SetLineWidth(op.width)
	d.p.Line(op.x1, op.y1, op.x2, op.y2)
}
