package pdf

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"

	"github.com/go-pdf/fpdf"

	"pilotpack/generators/pdf/page"
)

// Drawing turns pages into PDF content streams. fpdf draws (rules, boxes,
// transformations, colours and line styles) into a template of one page per
// document page, and hands each page's content over through its template
// API; the text operators, which fpdf cannot write for pilotpack's own font
// subsets, are written here into the same stream. The file structure around
// the streams (pages, fonts, links, outlines) is pilotpack's (file.go).

// drawPages returns the content stream of each page, with text encoded in
// the book's glyph numbering.
func drawPages(pages []*page.Page, fonts *Fonts, gl []*glyphs) ([][]byte, error) {
	if len(pages) == 0 {
		return nil, nil
	}
	d := &drawer{glyphs: gl}
	var err error
	tpl := fpdf.CreateTpl(fpdf.PointType{}, fpdf.SizeType{Wd: pageW, Ht: pageH}, "P", "pt", "", func(t *fpdf.Tpl) {
		d.p = t
		for i, pg := range pages {
			if i > 0 {
				t.AddPage()
			}
			d.items(pg.Items)
		}
		err = t.Error()
	})
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(pages))
	for i, p := range tpl.FromPages() {
		out[i] = p.Bytes()
	}
	return out, nil
}

// drawer draws items on fpdf's current page and writes text itself. It
// sets fpdf's line style and colours only when they change (fpdf writes
// them out on every call, and carries them over to a new page itself).
type drawer struct {
	p      *fpdf.Tpl
	glyphs []*glyphs
	buf    []byte
	rd     bytes.Reader // reads buf out to fpdf
	state  *lineState
}

type lineState struct {
	draw, fill [3]int
	width      float64
	dash       string
}

func (d *drawer) setDraw(c page.Color, width float64, dash []float64) {
	r, g, b := rgb(c)
	key := fmt.Sprint(dash)
	st := d.state
	if st != nil && st.draw == [3]int{r, g, b} && st.width == width && st.dash == key {
		return
	}
	if st == nil {
		st = &lineState{fill: [3]int{-1, -1, -1}}
		d.state = st
	}
	if st.draw != [3]int{r, g, b} {
		d.p.SetDrawColor(r, g, b)
		st.draw = [3]int{r, g, b}
	}
	if st.width != width {
		d.p.SetLineWidth(width)
		st.width = width
	}
	if st.dash != key {
		d.p.SetDashPattern(dash, 0)
		st.dash = key
	}
}

func (d *drawer) setFill(c page.Color) {
	r, g, b := rgb(c)
	if d.state == nil {
		d.state = &lineState{draw: [3]int{-1, -1, -1}, width: -1, dash: "?"}
	}
	if d.state.fill != [3]int{r, g, b} {
		d.p.SetFillColor(r, g, b)
		d.state.fill = [3]int{r, g, b}
	}
}

func (d *drawer) items(items []page.Item) {
	for _, it := range items {
		switch it := it.(type) {
		case page.Text:
			d.rd.Reset(d.text(it))
			d.p.RawWriteBuf(&d.rd)
		case page.Rule:
			d.setDraw(it.Color, it.Width, it.Dash)
			d.p.Line(it.X1, it.Y1, it.X2, it.Y2)
		case page.Box:
			style := ""
			if it.Fill != nil {
				d.setFill(*it.Fill)
				style += "F"
			}
			if it.Stroke > 0 {
				d.setDraw(it.StrokeColor, it.Stroke, it.Dash)
				style += "D"
			}
			if style != "" {
				d.p.Rect(it.X, it.Y, it.W, it.H, style)
			}
		case page.Group:
			d.p.TransformBegin()
			d.p.TransformRotate(it.Rotate, it.X, it.Y)
			d.items(it.Items)
			d.p.TransformEnd()
			d.state = nil // the graphics state is back to before the group
		}
		// Links, destinations and bookmarks are not drawn: the file
		// structure carries them.
	}
}

func rgb(c page.Color) (int, int, int) {
	return channel(c.R), channel(c.G), channel(c.B)
}

func channel(v float64) int { return int(math.Round(min(max(v, 0), 1) * 255)) }

// italicShear slants glyphs by 12° (tan 12°): there are no italic Chinese
// faces, so italic text is a synthetic oblique.
const italicShear = 0.2126

// text returns the operators that draw a run of text at its baseline, in
// its own graphics state: fill colour, font and size, extra glyph spacing
// for justification, and for italics a sheared text matrix. A run standing
// for other text (a placeholder) is marked with that text as its actual
// text, so that copying and searching find the character.
func (d *drawer) text(t page.Text) []byte {
	b := d.buf[:0]
	if t.Text == "" || int(t.Font) >= len(d.glyphs) || d.glyphs[t.Font] == nil {
		return b
	}
	b = textOps(b, t, d.glyphs[t.Font], pageH)
	d.buf = b
	return b
}

// textOps appends the operators of a text run on a page of the given
// height.
func textOps(b []byte, t page.Text, g *glyphs, height float64) []byte {
	num := func(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', -1, 64) }
	fixed := func(b []byte, v float64, prec int) []byte { return strconv.AppendFloat(b, v, 'f', prec, 64) }
	b = append(b, "q "...)
	if t.Actual != "" {
		b = append(b, "/Span <</ActualText <FEFF"...)
		for _, u := range utf16.Encode([]rune(t.Actual)) {
			b = append(b, hexDigits[u>>12], hexDigits[u>>8&15], hexDigits[u>>4&15], hexDigits[u&15])
		}
		b = append(b, ">>> BDC "...)
	}
	if t.Color.IsGray() {
		b = fixed(b, float64(channel(t.Color.R))/255, 3)
		b = append(b, " g "...)
	} else {
		for _, v := range []float64{t.Color.R, t.Color.G, t.Color.B} {
			b = fixed(b, float64(channel(v))/255, 3)
			b = append(b, ' ')
		}
		b = append(b, "rg "...)
	}
	b = append(b, "BT /"...)
	b = append(b, fontName(t.Font)...)
	b = append(b, ' ')
	b = num(b, t.Size)
	b = append(b, " Tf "...)
	if t.Spacing != 0 {
		b = fixed(b, t.Spacing, 4)
		b = append(b, " Tc "...)
	}
	if t.Italic {
		b = append(b, "1 0 "...)
		b = num(b, italicShear)
		b = append(b, " 1 "...)
	}
	b = fixed(b, t.X, 2)
	b = append(b, ' ')
	b = fixed(b, height-t.Y, 2)
	if t.Italic {
		b = append(b, " Tm "...)
	} else {
		b = append(b, " Td "...)
	}
	b = g.encode(b, t.Text)
	b = append(b, " Tj ET "...)
	if t.Actual != "" {
		b = append(b, "EMC "...)
	}
	return append(b, "Q\n"...)
}

const hexDigits = "0123456789ABCDEF"
