package pdf

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
	"pilotpack/internal/pagestyle"
)

// ps is the page style every document is laid out in.
var ps = pagestyle.A4

// Page geometry and type sizes, from the page style.
var (
	pageW      = ps.PageWidth
	pageH      = ps.PageHeight
	marginL    = ps.Left
	marginT    = ps.Top
	textW      = ps.TextWidth()
	bodyBottom = ps.TextBottom()
	bodySize   = ps.Body.Size
	bodyLead   = ps.Body.Lead
	tableSize  = ps.Table.Size
	tableLead  = ps.Table.Lead
	headSize   = ps.Running.Size
	codeSize   = ps.Code.Size
	cellPad    = ps.CellPad
)

// placeholder is printed for a character no font can draw; the PDF keeps
// the character itself as the placeholder's actual text.
const placeholder = '〓'

type textStyle struct {
	font   page.Font
	size   float64
	italic bool
	gray   float64 // 0 black … 1 white
	blue   bool
	link   string
	// actual is the character a placeholder stands for.
	actual string
	// hyphens says when English words are hyphenated; verbatim text (code
	// blocks) keeps its quotes and spacing as written.
	hyphens  hyphens
	verbatim bool
	mark     document.Mark // a redline's mark (redline.go)
}

func bold(k page.Font) page.Font {
	if k == fSerif || k == fSans {
		return k + 1
	}
	return k
}

// Heading is where a heading landed, for tables of contents and tests.
type Heading struct {
	Level int
	Title string
	ID    string
	Page  int
}

// engine lays a document out into pages (package page), in one pass down
// the blocks; keeps (keep.go) roll a stretch back and lay it out again when
// it ends badly at a page's foot.
type engine struct {
	fonts  *Fonts
	doc    *document.Doc
	stack  bool // signatures one below the other (Options.StackSignatures)
	labels document.Labels
	pages  []*page.Page
	cover  []bool // a cover page carries no running header or footer
	y      float64

	headings []Heading
	dests    map[string]int // heading id → page index
	level    int            // last bookmark level, to keep outline levels consecutive
	// anchor is the id of a list item, set at its first line.
	anchor string
	// refs are the page numbers a contents page prints, filled in when
	// the whole document is laid out.
	refs []pageRef
	// units records the page of every line, table row and signature block
	// placed, in order: keeps check where a block's first units landed.
	units []int
	// tail, when set, makes the next paragraph end with at least that many
	// lines at the top of a new page (a lead-in kept with its table).
	tail    int
	missing []missingChar
	// badFonts are fallback faces that could not be read, fontWarnings
	// what was wrong with them.
	badFonts     []*Face
	fontWarnings []string
	err          error
	// lineLog, when not nil, collects the text of every line set (tests
	// check the breaking rules on it).
	lineLog *[]string
	// runText is lineItems' buffer for the text of a run, kept from
	// line to line.
	runText []byte
}

// pageRef is a heading's page number, right-aligned at x.
type pageRef struct {
	page int
	id   string
	x, y float64
	st   textStyle
}

// missingChar is a character no font has, where it was met.
type missingChar struct {
	r       rune
	page    int
	context string
}

func newEngine(doc *document.Doc, fonts *Fonts) *engine {
	return &engine{fonts: fonts, doc: doc, labels: document.LabelsFor(doc.Lang), dests: map[string]int{}}
}

// face returns the face of font k, parsing it on first use.
func (e *engine) face(k page.Font) *Face {
	f := e.fonts.face(k)
	if f == nil {
		f = e.fonts.Serif
	}
	if err := f.Err(); err != nil && e.err == nil {
		e.err = err
	}
	return f
}

func (e *engine) page() *page.Page { return e.pages[len(e.pages)-1] }

func (e *engine) newPage() {
	e.pages = append(e.pages, &page.Page{Width: pageW, Height: pageH})
	e.cover = append(e.cover, false)
	e.y = marginT
}

func (e *engine) atTop() bool { return e.y <= marginT+0.01 }

func (e *engine) add(items ...page.Item) { e.page().Add(items...) }

// unit records that a line, row or block was placed on the current page.
func (e *engine) unit() { e.units = append(e.units, len(e.pages)-1) }

// need starts a new page unless h more points fit on this one.
func (e *engine) need(h float64) {
	if e.y+h > bodyBottom+0.01 && !e.atTop() {
		e.newPage()
	}
}

func (e *engine) space(h float64) {
	if !e.atTop() {
		e.y += h
	}
}

// layout sets the whole document.
func layout(doc *document.Doc, fonts *Fonts) *engine {
	e := newEngine(doc, fonts)
	e.setAll()
	return e
}

// setAll sets the whole document.
func (e *engine) setAll() {
	doc := e.doc
	e.newPage()
	blocks := doc.Blocks
	if len(blocks) > 0 {
		if t, ok := blocks[0].(*document.Title); ok {
			e.cover[0] = true
			e.y = marginT + 0.2*(bodyBottom-marginT)
			e.title(t)
			blocks = blocks[1:]
		}
	}
	e.blocks(blocks, marginL, textW, 0, nil)
	e.pageNumbers()
}

func (e *engine) zh() bool { return e.doc.Lang != "en" }

func (e *engine) block(b document.Block, left, width float64, depth int, parents []int) {
	switch b := b.(type) {
	case *document.Heading:
		e.heading(b)
	case *document.Paragraph:
		indent, after := 0.0, ps.ParagraphAfterEn
		if e.zh() {
			after = ps.ParagraphAfterZh
			if b.Align == document.AlignDefault || b.Align == document.AlignJustify {
				indent = ps.IndentZh
			}
		}
		e.paragraph(b.Text, textStyle{font: fSerif, size: bodySize}, b.Align, left, width, indent, bodyLead, after, nil)
	case *document.List:
		e.list(b, left, width, depth, parents)
	case *document.Table:
		e.table(b, left, width)
	case *document.PageBreak:
		if !e.atTop() {
			e.newPage()
		}
	case *document.TOC:
		e.toc(b)
	case *document.Title:
		e.title(b)
	case *document.Signature:
		e.signature(b, left, width)
	case *document.CodeBlock:
		e.code(b, left, width)
	case *document.Quote:
		top, pageIdx := e.y, len(e.pages)
		e.blocks(b.Blocks, left+2*bodySize, width-2*bodySize, depth, parents)
		if len(e.pages) == pageIdx {
			e.add(page.Rule{X1: left + bodySize*0.8, Y1: top, X2: left + bodySize*0.8, Y2: e.y - 4, Width: 1.5, Color: page.Gray(0.7)})
		}
	case *document.Rule:
		e.need(12)
		e.space(6)
		e.add(page.Rule{X1: left, Y1: e.y, X2: left + width, Y2: e.y, Width: 0.6, Color: page.Gray(0.5)})
		e.unit()
		e.y += 8
	}
}

func (e *engine) heading(h *document.Heading) {
	hs := ps.Heading(h.Level)
	st := textStyle{font: fSerifBold, size: hs.Size}
	if hs.Sans {
		st.font = fSansBold
	}
	lines := e.lines(h.Text, st, textW, 0)
	height := float64(len(lines)) * hs.Line()
	// A first guess at keeping the heading with two lines of what follows;
	// keep.go checks where they landed.
	e.need(hs.Before + height + hs.After + 2*bodySize*bodyLead)
	e.space(hs.Before)
	top := e.y
	e.placeLines(lines, marginL, textW, 0, hs.Line(), document.AlignLeft)
	title := document.PlainText(h.Text)
	level := min(h.Level-1, e.level+1)
	if len(e.headings) == 0 {
		level = 0
	}
	e.level = level
	pg := len(e.pages) - 1
	if len(lines) > 0 {
		pg = e.units[len(e.units)-len(lines)] // where its first line went
	}
	e.pages[pg].Add(page.Bookmark{Title: title, Level: level, Y: top}, page.Dest{ID: h.ID, Y: top})
	e.dests[h.ID] = pg
	e.headings = append(e.headings, Heading{Level: h.Level, Title: title, ID: h.ID, Page: pg + 1})
	e.y += hs.After
}

// hyphenated reports whether the line ends in a word broken with a hyphen.
func (l setLine) hyphenated() bool {
	n := len(l.gs)
	return n > 0 && l.gs[n-1].end&endHyphen != 0
}

// setLine is one laid-out line: its glyphs and styles.
type setLine struct {
	gs     []glyph
	styles []textStyle
	last   bool // the paragraph's last line, never stretched
}

// shape turns spans into glyphs in style base, and splits them at hard line
// breaks. A character the style's face lacks is set in the first fallback
// face that has it, else as a placeholder that keeps the character as its
// actual text.
func (e *engine) shape(spans []document.Span, base textStyle) ([][]glyph, []textStyle) {
	var styles []textStyle
	if !base.verbatim {
		spans = document.Smarten(spans, !e.zh())
	}
	// One allocation for the usual text without hard breaks.
	n := 0
	for _, sp := range spans {
		n += utf8.RuneCountInString(sp.Text)
	}
	segs := [][]glyph{make([]glyph, 0, n)}
	// variant returns the index of a style like styles[si] but in another
	// font or for a placeholder, reusing the last one made.
	variant := func(st textStyle) int {
		if n := len(styles); n > 0 && styles[n-1] == st {
			return n - 1
		}
		styles = append(styles, st)
		return len(styles) - 1
	}
	for _, sp := range spans {
		st := base
		switch {
		case sp.Code:
			st.font, st.size, st.gray = fSans, base.size*0.92, 0.2
		case sp.Bold:
			st.font = bold(base.font)
		}
		st.italic = sp.Italic
		if sp.Link != "" {
			st.link, st.blue = sp.Link, true
		}
		st.mark = sp.Mark
		styles = append(styles, st)
		si := len(styles) - 1
		face := e.face(st.font)
		hy := hyphenWidth(face, st.size)
		em := uint16(min(st.size*100, 65535))
		prevSpace := false
		for _, r := range sp.Text {
			switch {
			case r == '\n':
				segs = append(segs, nil)
				prevSpace = false
				continue
			case r == '\t', r == '\r', r == '\u00a0':
				r = ' '
			case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\ufeff' || r == '\u200b':
				continue
			}
			if r == ' ' {
				if prevSpace {
					continue
				}
				prevSpace = true
			} else {
				prevSpace = false
			}
			gi, f, ghy := si, face, hy
			if !face.Has(r) {
				if k, ok := e.fallback(r); ok {
					v := st
					v.font = k
					gi, f = variant(v), e.face(k)
					ghy = hyphenWidth(f, st.size)
				} else {
					e.missing = append(e.missing, missingChar{r: r, page: len(e.pages), context: sp.Text})
					v := st
					v.actual = string(r)
					r = placeholder
					if !face.Has(r) {
						r = '?'
					}
					gi = variant(v)
				}
			}
			n := len(segs) - 1
			segs[n] = append(segs[n], glyph{r: r, style: gi, w: float64(f.Width(r)) * st.size / 1000, hy: ghy, em: em, hyph: st.hyphens})
		}
	}
	for i := range segs {
		segs[i] = e.settle(segs[i], styles)
	}
	return segs, styles
}

// hyphenWidth is the width of the hyphen a face ends a broken word with, at
// a size.
func hyphenWidth(f *Face, size float64) float32 {
	return float32(float64(f.Width(hyphenRune(f))) * size / 1000)
}

// fallback returns the first fallback face that has r. A fallback face
// that cannot be read is left out, and said so once.
func (e *engine) fallback(r rune) (page.Font, bool) {
	for i, f := range e.fonts.Fallback {
		if err := f.Err(); err != nil {
			if !slices.Contains(e.badFonts, f) {
				e.badFonts = append(e.badFonts, f)
				e.fontWarnings = append(e.fontWarnings, fmt.Sprintf("the fallback font is left out: %v", err))
			}
			continue
		}
		if f.Has(r) {
			return numBase + page.Font(i), true
		}
	}
	return 0, false
}

// missingWarnings names each character no font has once, with how often it
// occurs and where it first does.
func (e *engine) missingWarnings() []string {
	type tally struct {
		n    int
		page int
		ctx  string
	}
	seen := map[rune]*tally{}
	var order []rune
	for _, m := range e.missing {
		t := seen[m.r]
		if t == nil {
			t = &tally{page: m.page, ctx: excerpt(m.context, m.r)}
			seen[m.r] = t
			order = append(order, m.r)
		}
		t.n++
	}
	out := slices.Clone(e.fontWarnings)
	for _, r := range order {
		t := seen[r]
		times := "once"
		if t.n > 1 {
			times = fmt.Sprintf("%d times", t.n)
		}
		out = append(out, fmt.Sprintf("%q (U+%04X) is in none of the fonts and is printed as %c %s, first on page %d in %q; the PDF keeps the character for copying and search. Add a TrueType font that has it to the pack's fonts/ folder",
			r, r, placeholder, times, t.page, t.ctx))
	}
	return out
}

// excerpt returns up to ten characters either side of r's first occurrence
// in s.
func excerpt(s string, r rune) string {
	ctx := []rune(s)
	if len(ctx) <= 24 {
		return s
	}
	for i, c := range ctx {
		if c == r {
			return string(ctx[max(0, i-10):min(len(ctx), i+11)])
		}
	}
	return string(ctx[:24])
}

// lines shapes and breaks spans into lines of the given width.
func (e *engine) lines(spans []document.Span, base textStyle, width, firstIndent float64) []setLine {
	segs, styles := e.shape(spans, base)
	return setLines(segs, styles, width, firstIndent)
}

// setLines breaks shaped text (shape's segments and styles) into lines.
func setLines(segs [][]glyph, styles []textStyle, width, firstIndent float64) []setLine {
	var out []setLine
	for si, seg := range segs {
		indent := 0.0
		if si == 0 {
			indent = firstIndent
		}
		rs := breakLines(seg, width, indent)
		if len(rs) == 0 && si > 0 {
			out = append(out, setLine{styles: styles, last: true}) // an empty line between two breaks
		}
		for i, r := range rs {
			out = append(out, setLine{gs: seg[r[0]:r[1]], styles: styles, last: i == len(rs)-1})
		}
	}
	return out
}

// placeLines puts lines on the page at the current position, each lead
// high; the first line is indented by firstIndent.
func (e *engine) placeLines(lines []setLine, left, width, firstIndent, lead float64, align document.Align) {
	for i, l := range lines {
		indent := 0.0
		if i == 0 {
			indent = firstIndent
		}
		e.need(lead)
		e.drawLine(l, left+indent, e.y, width-indent, lead, align)
		e.unit()
		e.y += lead
	}
}

// paragraph sets running text, never leaving a single line of it alone at
// the bottom or the top of a page. prefix, when given, is a list marker set
// beside the first line.
func (e *engine) paragraph(spans []document.Span, st textStyle, align document.Align, left, width, indent, leadFactor, after float64, prefix *marker) {
	tail := e.tail
	e.tail = 0
	lead := st.size * leadFactor
	if align == document.AlignDefault || align == document.AlignJustify {
		st.hyphens = hyphenJustified
	}
	lines := e.lines(spans, st, width, indent)
	if len(lines) == 0 {
		if prefix == nil {
			return
		}
		lines = []setLine{{last: true}}
	}
	for i := 0; i < len(lines); {
		fit := int((bodyBottom - e.y + 0.01) / lead)
		rest := len(lines) - i
		take := min(fit, rest)
		if take == rest && tail > 0 && !e.atTop() {
			take = max(rest-tail, 0) // the last lines go over with what follows
		}
		if take < rest {
			if rest-take == 1 {
				take-- // a widow: take one more line along
			}
			if i == 0 && take == 1 {
				take = 0 // an orphan: start on the next page
			}
			// A word is not carried over a page break: the page ends a
			// line earlier (two, after two hyphens in a row), or, when
			// that would leave a line alone, the paragraph starts on the
			// next page.
			for take > 2 && lines[i+take-1].hyphenated() {
				take--
			}
			if take > 0 && i == 0 && lines[take-1].hyphenated() {
				take = 0
			}
		}
		if take <= 0 {
			if !e.atTop() {
				e.newPage()
				continue
			}
			take = 1
		}
		for j := i; j < i+take; j++ {
			x, w := left, width
			if j == 0 {
				x, w = left+indent, width-indent
				if e.anchor != "" {
					// A list item's id points at its first line.
					e.add(page.Dest{ID: e.anchor, Y: e.y})
					e.anchor = ""
				}
				if prefix != nil {
					e.drawMarker(prefix, left, e.y, lead)
				}
			}
			e.drawLine(lines[j], x, e.y, w, lead, align)
			e.unit()
			e.y += lead
		}
		i += take
		if i < len(lines) {
			e.newPage()
		}
	}
	e.y += after
}

type marker struct {
	text string
	st   textStyle
	x    float64 // offset from the item's left edge
}

func (e *engine) drawMarker(m *marker, left, top, lead float64) {
	face := e.face(m.st.font)
	base := top + (lead-m.st.size)/2 + float64(face.Ascent())*m.st.size/1000
	e.addText(left+m.x, base, m.text, m.st, 0)
}

// addText places a run of text that needs no breaking (a marker, a page
// number, a running header).
func (e *engine) addText(x, base float64, text string, st textStyle, tc float64) {
	e.add(e.run(x, base, text, st, tc))
}

// run makes the text item of a run.
func (e *engine) run(x, base float64, text string, st textStyle, tc float64) page.Text {
	face := e.face(st.font)
	w := 0.0
	for _, r := range text {
		w += float64(face.Width(r))*st.size/1000 + tc
	}
	return e.textItem(x, base, text, st, tc, w)
}

// textItem makes the text item of a run w wide.
func (e *engine) textItem(x, base float64, text string, st textStyle, tc, w float64) page.Text {
	face := e.face(st.font)
	c := page.Gray(st.gray)
	switch {
	case st.mark != document.Unmarked:
		c = markColor(st.mark)
	case st.blue:
		c = page.Color{R: 0, G: 0.2, B: 0.6}
	}
	return page.Text{X: x, Y: base, Font: st.font, Size: st.size, Width: w,
		Ascent: float64(face.Ascent()) * st.size / 1000, Descent: -float64(face.Descent()) * st.size / 1000,
		Color: c, Spacing: tc, Italic: st.italic, Text: text, Actual: st.actual}
}

func (e *engine) textWidth(s string, st textStyle) float64 {
	face := e.face(st.font)
	w := 0.0
	for _, r := range s {
		if face.Has(r) {
			w += float64(face.Width(r)) * st.size / 1000
		}
	}
	return w
}

// drawLine emits one line of text at top-left (x, top) in a box of the given
// width and height, aligned; justified lines stretch to the full width:
// Chinese by spacing its glyphs (the PDF Tc operator), English at spaces,
// which shrink a little in a line refit set wider than the measure. A
// line holding a redline's marks gets a change bar in the margin.
func (e *engine) drawLine(l setLine, x, top, width, lead float64, align document.Align) {
	if len(l.gs) == 0 {
		return
	}
	if e.lineLog != nil {
		*e.lineLog = append(*e.lineLog, lineText(l.gs))
	}
	items, marked := e.lineItems(l, x, top, width, lead, align)
	e.add(items...)
	if marked {
		e.changeBar(top, lead)
	}
}

// lineItems returns the items of a line drawn as drawLine draws it, and
// whether any of its text is marked.
func (e *engine) lineItems(l setLine, x, top, width, lead float64, align document.Align) (items []page.Item, marked bool) {
	natural, spaces, hasWide := 0.0, 0, false
	for i := range l.gs {
		g := &l.gs[i]
		natural += g.w
		if isSpace(g.r) {
			spaces++
		}
		hasWide = hasWide || wide(g.r)
	}
	full := func(g glyph) bool { return e.face(l.styles[g.style].font).Width(g.r) == 1000 }
	if ok, opening := englishQuote(l.gs, 0, full); ok && opening && align != document.AlignCenter && align != document.AlignRight {
		// A line opening with a curly quote in English text: its blank
		// half goes into the margin, so that the mark stands where the
		// line's letters start.
		cut := quoteBlank * l.styles[l.gs[0].style].size
		x, width = x-cut, width+cut
	}
	extra := width - natural
	tc, spaceExtra := 0.0, 0.0
	justify := !l.last && (align == document.AlignDefault || align == document.AlignJustify)
	size := l.styles[l.gs[0].style].size
	switch {
	case align == document.AlignCenter:
		x += extra / 2
	case align == document.AlignRight:
		x += extra
	case justify && extra < 0 && !hasWide && spaces > 0 && -extra <= float64(spaces)*size*shrink+1e-6:
		// A line of English text refit set a little wider than the
		// measure: its spaces shrink.
		spaceExtra = extra / float64(spaces)
	case justify && extra > 0:
		if !hasWide && spaces > 0 {
			if spaceExtra = extra / float64(spaces); spaceExtra > size*1.5 {
				spaceExtra = 0
			}
		} else if gaps := stretchGaps(l.gs); gaps > 0 {
			if tc = extra / float64(gaps); tc > size*maxStretch+1e-6 {
				tc = 0
			}
		}
	}
	// Baseline from the tallest style on the line.
	maxSize, asc := 0.0, 0.0
	for i := range l.gs {
		st := &l.styles[l.gs[i].style]
		if st.size > maxSize {
			maxSize, asc = st.size, float64(e.face(st.font).Ascent())*st.size/1000
		}
	}
	base := top + (lead-maxSize)/2 + asc
	run := e.runText[:0]
	defer func() { e.runText = run[:0] }()
	pen, runStart, runW, runTc, cur, wasMoved := x, x, 0.0, 0.0, -1, false
	mark := func(x, w float64, st *textStyle) {
		if m := e.markRun(x, base, w, st); len(m) > 0 {
			items, marked = append(items, m...), true
		}
	}
	flush := func() {
		if len(run) == 0 {
			return
		}
		st := &l.styles[cur]
		items = append(items, e.textItem(runStart, base, string(run), *st, runTc, runW))
		// The marks run on through the room settle leaves after the run
		// (the quarter em before Latin text), as through a space.
		mark(runStart, pen-runStart, st)
		if st.link != "" {
			items = append(items, page.Link{X: runStart, Y: base - st.size*0.9, W: runW, H: st.size * 1.15, URL: externalURL(st.link), Dest: internalID(st.link)})
		}
		runW = 0
		run = run[:0]
	}
	for i := range l.gs {
		g := &l.gs[i]
		// Chinese text stretches between glyphs but not inside Latin words.
		stretch := 0.0
		if tc != 0 && stretchAfter(l.gs, i) {
			stretch = tc
		}
		// After a glyph spaced by settle the next run starts where the line
		// puts it; a glyph that gives up room is drawn alone with that as
		// its character spacing, so that a reader of the text layer moves
		// on from it no further than the line does (text extraction keeps
		// "Injection）；INN" on one line).
		sp := g.spacing()
		gtc := stretch
		if sp < 0 {
			gtc += sp
		}
		if g.style != cur || (spaceExtra != 0 && isSpace(g.r)) || sp < 0 || wasMoved || gtc != runTc {
			flush()
			cur, runTc = g.style, gtc
		}
		wasMoved = sp != 0
		if spaceExtra != 0 && isSpace(g.r) {
			// A justified space is no text, but a mark runs on through it.
			mark(pen, g.w+spaceExtra, &l.styles[g.style])
			pen += g.w + spaceExtra
			continue
		}
		if len(run) == 0 {
			runStart = pen
		}
		if g.end&endHalf != 0 {
			run = utf8.AppendRune(run, halfOf(g.r))
		} else {
			run = utf8.AppendRune(run, g.r)
		}
		if g.end&endHyphen != 0 {
			run = utf8.AppendRune(run, hyphenRune(e.face(l.styles[g.style].font)))
		}
		runW += g.w + stretch
		pen += g.w + stretch
		if sp > 0 {
			runW -= sp // the link box ends at the glyph
		}
	}
	flush()
	return items, marked
}

func externalURL(link string) string {
	if strings.HasPrefix(link, "#") {
		return ""
	}
	return link
}

func internalID(link string) string {
	if strings.HasPrefix(link, "#") {
		return link[1:]
	}
	return ""
}

func (e *engine) list(l *document.List, left, width float64, depth int, parents []int) {
	inline := l.RunIn
	// A tail (keep.go) is the last item's to keep.
	tail := e.tail
	e.tail = 0
	mst := textStyle{font: fSerif, size: bodySize}
	if l.Style == document.Article {
		mst.font = fSerifBold
	}
	label := func(it document.Item) string {
		switch it.Task {
		case document.Unchecked:
			return "☐"
		case document.Checked:
			return "☑"
		}
		return it.Label
	}
	// One hanging indent for the whole list, from its widest marker, so
	// that the items' text lines up: (f) and (i) start where (a) does.
	box := 1.5 * bodySize
	for _, it := range l.Items {
		box = max(box, e.textWidth(label(it), mst)+0.6*bodySize)
	}
	for i, it := range l.Items {
		n := l.Start + i
		text := label(it)
		var childParents []int
		if l.Style == document.Outline {
			childParents = append(append([]int{}, parents...), n)
		}
		itemLeft, itemWidth := left, width
		e.anchor = it.ID
		for bi, b := range it.Blocks {
			if i == len(l.Items)-1 && bi == len(it.Blocks)-1 {
				e.tail = tail
			}
			p, isPara := b.(*document.Paragraph)
			switch {
			case bi == 0 && isPara && inline:
				// 第一条　text…: the marker opens the paragraph, which is set
				// like any Chinese paragraph. The label carries its space.
				spans := append([]document.Span{{Text: text, Bold: l.Style == document.Article}}, p.Text...)
				indent := 0.0
				if e.zh() {
					indent = ps.IndentZh
				}
				e.paragraph(spans, textStyle{font: fSerif, size: bodySize}, p.Align, left, width, indent, bodyLead, ps.ParagraphAfterZh, nil)
			case bi == 0 && isPara:
				itemLeft, itemWidth = left+box, width-box
				e.paragraph(p.Text, textStyle{font: fSerif, size: bodySize}, p.Align, itemLeft, itemWidth, 0, bodyLead, 3,
					&marker{text: text, st: mst, x: -box})
			case bi == 0:
				itemLeft, itemWidth = left+box, width-box
				e.need(bodySize * bodyLead)
				if e.anchor != "" {
					e.add(page.Dest{ID: e.anchor, Y: e.y})
					e.anchor = ""
				}
				e.drawMarker(&marker{text: text, st: mst}, left, e.y, bodySize*bodyLead)
				e.block(b, itemLeft, itemWidth, depth+1, childParents)
			case isPara:
				// A run-in article's later paragraphs (款) are set like
				// the first, indented in Chinese.
				indent := 0.0
				if inline && e.zh() {
					indent = ps.IndentZh
				}
				e.paragraph(p.Text, textStyle{font: fSerif, size: bodySize}, p.Align, itemLeft, itemWidth, indent, bodyLead, 3, nil)
			default:
				nestedLeft, nestedWidth := itemLeft, itemWidth
				if inline {
					nestedLeft, nestedWidth = left+2*bodySize, width-2*bodySize
				}
				e.block(b, nestedLeft, nestedWidth, depth+1, childParents)
			}
		}
		e.anchor = ""
	}
	e.tail = 0
	e.y += 3
}

func (e *engine) title(t *document.Title) {
	for i, l := range t.Lines {
		ty := ps.Title
		st := textStyle{font: fSansBold, size: ty.Size}
		if i > 0 {
			ty = ps.Subtitle
			st = textStyle{font: fSerif, size: ty.Size}
		}
		lines := e.lines(l.Text, st, textW, 0)
		e.placeLines(lines, marginL, textW, 0, ty.Line(), document.AlignCenter)
		if i == 0 {
			e.y += 10
		}
	}
	e.y += 18
}

func (e *engine) toc(t *document.TOC) {
	if !e.atTop() {
		e.newPage()
	}
	hs := ps.Heading(1)
	st := textStyle{font: fSansBold, size: hs.Size}
	e.placeLines(e.lines([]document.Span{{Text: e.labels.Contents}}, st, textW, 0), marginL, textW, 0, hs.Size*1.6, document.AlignCenter)
	e.y += 10
	numW := e.textWidth("0000", textStyle{font: fSerif, size: bodySize})
	dot := textStyle{font: fSerif, size: bodySize, gray: 0.35}
	dotW := e.textWidth(".", dot)
	lead := bodySize * 1.75
	for _, h := range e.doc.Headings() {
		if h.Level > t.Depth {
			continue
		}
		entry := textStyle{font: fSerif, size: bodySize}
		if h.Level == 1 {
			entry.font = fSerifBold
		}
		indent := float64(h.Level-1) * 2 * bodySize
		avail := textW - indent - numW - 3*dotW
		lines := e.lines(h.Text, entry, avail, 0)
		for i, l := range lines {
			e.need(lead)
			if i == 0 {
				e.add(page.Link{X: marginL, Y: e.y, W: textW, H: lead * float64(len(lines)), Dest: h.ID})
			}
			e.drawLine(l, marginL+indent, e.y, avail, lead, document.AlignLeft)
			e.unit()
			if i == len(lines)-1 {
				w := 0.0
				for _, g := range l.gs {
					w += g.w
				}
				from := marginL + indent + w + dotW
				to := marginL + textW - numW - dotW
				base := e.y + (lead-bodySize)/2 + float64(e.face(fSerif).Ascent())*bodySize/1000
				if n := int((to - from) / dotW); n > 0 {
					e.addText(to-float64(n)*dotW, base, strings.Repeat(".", n), dot, 0)
				}
				e.refs = append(e.refs, pageRef{page: len(e.pages) - 1, id: h.ID, x: marginL + textW, y: base, st: entry})
			}
			e.y += lead
		}
	}
	e.newPage()
}

// pageNumbers prints the page numbers of contents entries, now that every
// heading has its page.
func (e *engine) pageNumbers() {
	for _, r := range e.refs {
		n := "?"
		if pg, ok := e.dests[r.id]; ok {
			n = fmt.Sprint(pg + 1)
		}
		e.pages[r.page].Add(e.run(r.x-e.textWidth(n, r.st), r.y, n, r.st, 0))
	}
}

func (e *engine) code(c *document.CodeBlock, left, width float64) {
	st := textStyle{font: fSans, size: codeSize, gray: 0.15, verbatim: true}
	lead := ps.Code.Line()
	type codeLine struct {
		setLine
		indent float64
	}
	var lines []codeLine
	space := e.textWidth(" ", st)
	for _, src := range strings.Split(c.Text, "\n") {
		// Preformatted text keeps its indentation.
		trimmed := strings.TrimLeft(src, " ")
		indent := min(float64(len(src)-len(trimmed))*space, width/2)
		ls := e.lines([]document.Span{{Text: trimmed}}, st, width-2*cellPad-indent, 0)
		if len(ls) == 0 {
			ls = []setLine{{last: true}}
		}
		for _, l := range ls {
			lines = append(lines, codeLine{l, indent})
		}
	}
	e.space(4)
	fill := page.Gray(0.95)
	for i, l := range lines {
		// No single line of code alone at a page's foot or head.
		if i == 0 && len(lines) > 1 {
			e.need(2 * lead)
		} else if i == len(lines)-2 {
			e.need(2 * lead)
		} else {
			e.need(lead)
		}
		e.add(page.Box{X: left, Y: e.y, W: width, H: lead, Fill: &fill})
		l.last = true
		e.drawLine(l.setLine, left+cellPad+l.indent, e.y, width-2*cellPad-l.indent, lead, document.AlignLeft)
		e.unit()
		e.y += lead
	}
	e.y += 8
}

// chrome adds what every page but a cover carries besides its content: the
// running header and its rule, the page footer, and a draft's watermark.
func (e *engine) chrome(opts Options) {
	small := textStyle{font: fSerif, size: headSize, gray: 0.35}
	var header []page.Item
	if opts.Header != "" {
		// One line: a long title is cut at the end of the first line.
		if ls := e.lines([]document.Span{{Text: opts.Header}}, small, textW, 0); len(ls) > 0 {
			ls[0].last = true
			asc := float64(e.face(fSerif).Ascent()) * headSize / 1000
			header, _ = e.lineItems(ls[0], marginL, ps.HeaderBaseline-asc, textW, headSize, document.AlignLeft)
		}
	}
	for i, p := range e.pages {
		items := p.Items
		p.Items = nil
		if opts.Draft {
			st := textStyle{font: fSansBold, size: 110, gray: 0.88}
			w := e.textWidth(e.labels.Draft, st)
			wm := e.run(pageW/2-w/2, pageH/2+st.size*0.35, e.labels.Draft, st, 0)
			p.Add(page.Group{Rotate: 35, X: pageW / 2, Y: pageH / 2, Items: []page.Item{wm}})
		}
		if !e.cover[i] {
			if len(header) > 0 {
				p.Add(header...)
				p.Add(page.Rule{X1: marginL, Y1: ps.HeaderBaseline + ps.HeaderRule, X2: marginL + textW, Y2: ps.HeaderBaseline + ps.HeaderRule, Width: 0.5, Color: page.Gray(0.5)})
			}
			label := e.labels.Page(i+1, len(e.pages))
			p.Add(e.run(marginL+textW-e.textWidth(label, small), pageH-ps.FooterBaseline, label, small, 0))
		}
		p.Add(items...)
	}
}
