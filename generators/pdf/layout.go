package pdf

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"

	"pilotpack/internal/document"
)

// Page geometry in points: A4, with the left margin of at least 3 cm that
// bound dossiers need.
const (
	pageW      = 595.28
	pageH      = 841.89
	marginL    = 85.04 // 30 mm
	marginR    = 56.69 // 20 mm
	marginT    = 76.54 // 27 mm
	marginB    = 70.87 // 25 mm
	headerBase = 51.02 // 18 mm: running header baseline
	footerBase = pageH - 36.85
	textW      = pageW - marginL - marginR
	bodyBottom = pageH - marginB
)

// Type sizes follow Chinese document practice: 小四 (12 pt) body, 三号 and
// 四号 headings, 五号 (10.5 pt) tables, 小五 (9 pt) running heads.
const (
	bodySize   = 12.0
	bodyLead   = 1.6
	tableSize  = 10.5
	tableLead  = 1.45
	headSize   = 9.0
	codeSize   = 10.0
	cellPad    = 4.0
	placeholde = '〓' // printed for a character no font can draw
)

type fontKey int

const (
	fSerif fontKey = iota
	fSerifBold
	fSans
	fSansBold
	numFonts
)

var fontNames = [numFonts]struct{ family, style string }{{"serif", ""}, {"serif", "B"}, {"sans", ""}, {"sans", "B"}}

func (k fontKey) bold() fontKey {
	if k == fSerif || k == fSans {
		return k + 1
	}
	return k
}

type textStyle struct {
	font   fontKey
	size   float64
	italic bool
	gray   float64 // 0 black … 1 white
	blue   bool
	link   string
	// hyphens says when English words are hyphenated; verbatim text (code
	// blocks) keeps its quotes and spacing as written.
	hyphens  hyphens
	verbatim bool
	mark     document.Mark // a redline's mark (redline.go)
}

// Drawing operations, positioned in points from the page's top-left corner.
type (
	textOp struct {
		x, y float64 // baseline start
		text string
		st   textStyle
		tc   float64 // extra space after every glyph, for justification
	}
	lineOp struct {
		x1, y1, x2, y2, width, gray float64
	}
	rectOp struct {
		x, y, w, h float64
		fill       float64 // gray level, or -1 for none
		stroke     float64 // line width, or 0 for none
	}
	linkOp struct {
		x, y, w, h float64
		url, dest  string
	}
	destOp struct {
		id string
		y  float64
	}
	bookmarkOp struct {
		title string
		level int
		y     float64
	}
	// pageNumOp prints the page a heading ends up on, right-aligned at x:
	// table of contents entries are laid out before the numbers are known.
	pageNumOp struct {
		id   string
		x, y float64
		st   textStyle
	}
)

type page struct {
	ops   []any
	cover bool
}

// Heading is where a heading landed, for tables of contents and tests.
type Heading struct {
	Level int
	Title string
	ID    string
	Page  int
}

type engine struct {
	fonts    *Fonts
	doc      *document.Doc
	labels   document.Labels
	pages    []*page
	y        float64
	warnings []string
	headings []Heading
	dests    map[string]int // heading or item id → page index
	level    int            // last bookmark level, to keep outline levels consecutive
	// lineLog, when not nil, collects the text of every line set (tests
	// check the breaking rules on it).
	lineLog *[]string
	// anchor is the id of a list item, set at its first line.
	anchor string
}

func (e *engine) face(k fontKey) *Face {
	switch k {
	case fSerifBold:
		return e.fonts.SerifBold
	case fSans:
		return e.fonts.Sans
	case fSansBold:
		return e.fonts.SansBold
	}
	return e.fonts.Serif
}

func (e *engine) page() *page { return e.pages[len(e.pages)-1] }

func (e *engine) newPage() {
	e.pages = append(e.pages, &page{})
	e.y = marginT
}

func (e *engine) atTop() bool { return e.y <= marginT+0.01 }

func (e *engine) add(op any) { p := e.page(); p.ops = append(p.ops, op) }

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
	e := &engine{fonts: fonts, doc: doc, labels: document.LabelsFor(doc.Lang), dests: map[string]int{}}
	e.newPage()
	for i, b := range doc.Blocks {
		if t, ok := b.(*document.Title); ok && i == 0 {
			e.page().cover = true
			e.y = marginT + 0.2*(bodyBottom-marginT)
			e.title(t)
			continue
		}
		e.block(b, marginL, textW, 0, nil)
	}
	return e
}

func (e *engine) block(b document.Block, left, width float64, depth int, parents []int) {
	zh := e.doc.Lang != "en"
	switch b := b.(type) {
	case *document.Heading:
		e.heading(b)
	case *document.Paragraph:
		indent := 0.0
		if zh && (b.Align == document.AlignDefault || b.Align == document.AlignJustify) {
			indent = 2 * bodySize
		}
		after := 4.0
		if !zh {
			after = 8
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
		for _, q := range b.Blocks {
			e.block(q, left+2*bodySize, width-2*bodySize, depth, parents)
		}
		if len(e.pages) == pageIdx {
			e.add(lineOp{left + bodySize*0.8, top, left + bodySize*0.8, e.y - 4, 1.5, 0.7})
		}
	case *document.Rule:
		e.need(12)
		e.space(6)
		e.add(lineOp{left, e.y, left + width, e.y, 0.6, 0.5})
		e.y += 8
	}
}

var headingStyles = map[int]struct {
	font          fontKey
	size          float64
	before, after float64
}{
	1: {fSansBold, 16, 18, 10}, // 三号
	2: {fSansBold, 14, 14, 7},  // 四号
	3: {fSansBold, 12, 10, 5},  // 小四
	4: {fSerifBold, 12, 8, 4},
}

func (e *engine) heading(h *document.Heading) {
	hs := headingStyles[h.Level]
	st := textStyle{font: hs.font, size: hs.size}
	lines := e.lines(h.Text, st, textW, 0)
	height := float64(len(lines)) * hs.size * 1.4
	// Keep the heading with at least two lines of what follows.
	e.need(hs.before + height + hs.after + 2*bodySize*bodyLead)
	e.space(hs.before)
	top := e.y
	e.placeLines(lines, marginL, textW, 0, hs.size*1.4, document.AlignLeft)
	title := document.PlainText(h.Text)
	level := min(h.Level-1, e.level+1)
	if len(e.headings) == 0 {
		level = 0
	}
	e.level = level
	e.add(bookmarkOp{title: title, level: level, y: top})
	e.add(destOp{id: h.ID, y: top})
	e.dests[h.ID] = len(e.pages) - 1
	e.headings = append(e.headings, Heading{Level: h.Level, Title: title, ID: h.ID, Page: len(e.pages)})
	e.y += hs.after
}

// setLine is one laid-out line: its glyphs and styles.
type setLine struct {
	gs     []glyph
	styles []textStyle
	last   bool // the paragraph's last line, never stretched
}

// shape turns spans into glyphs in style base, replacing characters the font
// lacks, and splits them at hard line breaks.
func (e *engine) shape(spans []document.Span, base textStyle) ([][]glyph, []textStyle) {
	var styles []textStyle
	if !base.verbatim {
		spans = smarten(spans)
	}
	// One allocation for the usual text without hard breaks.
	n := 0
	for _, sp := range spans {
		n += utf8.RuneCountInString(sp.Text)
	}
	segs := [][]glyph{make([]glyph, 0, n)}
	for _, sp := range spans {
		st := base
		switch {
		case sp.Code:
			st.font, st.size, st.gray = fSans, base.size*0.92, 0.2
		case sp.Bold:
			st.font = base.font.bold()
		}
		st.italic = sp.Italic
		if sp.Link != "" {
			st.link, st.blue = sp.Link, true
		}
		st.mark = sp.Mark
		styles = append(styles, st)
		si := len(styles) - 1
		face := e.face(st.font)
		hy := float32(float64(face.Width(hyphenRune(face))) * st.size / 1000)
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
			if !face.Has(r) {
				e.missing(r, face, sp.Text)
				r = placeholde
				if !face.Has(r) {
					r = '?'
				}
			}
			n := len(segs) - 1
			segs[n] = append(segs[n], glyph{r: r, style: si, w: float64(face.Width(r)) * st.size / 1000, hy: hy, em: uint16(min(st.size*100, 65535)), hyph: st.hyphens})
		}
	}
	for i := range segs {
		segs[i] = e.settle(segs[i], styles)
	}
	return segs, styles
}

func (e *engine) missing(r rune, face *Face, context string) {
	ctx := []rune(context)
	if len(ctx) > 24 {
		for i, c := range ctx {
			if c == r {
				from, to := max(0, i-10), min(len(ctx), i+11)
				ctx = ctx[from:to]
				break
			}
		}
	}
	w := fmt.Sprintf("page %d: %q (U+%04X) is not in the font %s and is printed as %c, in %q", len(e.pages), r, r, face.Name, placeholde, string(ctx))
	for _, old := range e.warnings {
		if old == w {
			return
		}
	}
	e.warnings = append(e.warnings, w)
}

// lines shapes and breaks spans into lines of the given width.
func (e *engine) lines(spans []document.Span, base textStyle, width, firstIndent float64) []setLine {
	segs, styles := e.shape(spans, base)
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
		e.y += lead
	}
}

// paragraph sets running text, never leaving a single line of it alone at
// the bottom or the top of a page. prefix, when given, is a list marker set
// beside the first line.
func (e *engine) paragraph(spans []document.Span, st textStyle, align document.Align, left, width, indent, leadFactor, after float64, prefix *marker) {
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
		if take < rest {
			if i == 0 && take == 1 {
				take = 0 // an orphan: start on the next page
			}
			if rest-take == 1 && rest >= 3 {
				take-- // a widow: take one more line along
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
					e.add(destOp{id: e.anchor, y: e.y})
					e.dests[e.anchor] = len(e.pages) - 1
					e.anchor = ""
				}
				if prefix != nil {
					e.drawMarker(prefix, left, e.y, lead)
				}
			}
			e.drawLine(lines[j], x, e.y, w, lead, align)
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
	base := top + (lead-m.st.size)/2 + float64(e.face(m.st.font).Ascent)*m.st.size/1000
	e.add(textOp{x: left + m.x, y: base, text: m.text, st: m.st})
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
// Chinese by spacing every glyph (the PDF Tc operator), English at spaces.
func (e *engine) drawLine(l setLine, x, top, width, lead float64, align document.Align) {
	if len(l.gs) == 0 {
		return
	}
	if e.lineLog != nil {
		*e.lineLog = append(*e.lineLog, lineText(l.gs))
	}
	natural, spaces, hasWide := 0.0, 0, false
	for i := range l.gs {
		g := &l.gs[i]
		natural += g.w
		if isSpace(g.r) {
			spaces++
		}
		hasWide = hasWide || wide(g.r)
	}
	extra := width - natural
	tc, spaceExtra := 0.0, 0.0
	switch {
	case align == document.AlignCenter:
		x += extra / 2
	case align == document.AlignRight:
		x += extra
	case extra > 0 && !l.last && (align == document.AlignDefault || align == document.AlignJustify):
		size := l.styles[l.gs[0].style].size
		if !hasWide && spaces > 0 {
			if spaceExtra = extra / float64(spaces); spaceExtra > size*1.5 {
				spaceExtra = 0
			}
		} else if gaps := stretchGaps(l.gs); gaps > 0 {
			if tc = extra / float64(gaps); tc > size*0.3 {
				tc = 0
			}
		}
	}
	// Baseline from the tallest style on the line.
	maxSize, asc := 0.0, 0.0
	for i := range l.gs {
		st := &l.styles[l.gs[i].style]
		if st.size > maxSize {
			maxSize, asc = st.size, float64(e.face(st.font).Ascent)*st.size/1000
		}
	}
	base := top + (lead-maxSize)/2 + asc
	var run strings.Builder
	pen, runStart, runW, runTc, cur, wasMoved := x, x, 0.0, 0.0, -1, false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		st := l.styles[cur]
		e.add(textOp{x: runStart, y: base, text: run.String(), st: st, tc: runTc})
		e.markRun(runStart, base, runW, top, lead, st)
		if st.link != "" {
			e.add(linkOp{x: runStart, y: base - st.size*0.9, w: runW, h: st.size * 1.15, url: externalURL(st.link), dest: internalID(st.link)})
		}
		runW = 0
		run.Reset()
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
		if g.style != cur || (spaceExtra > 0 && isSpace(g.r)) || sp < 0 || wasMoved || gtc != runTc {
			flush()
			cur, runTc = g.style, gtc
		}
		wasMoved = sp != 0
		if spaceExtra > 0 && isSpace(g.r) {
			e.markRun(pen, base, g.w+spaceExtra, top, lead, l.styles[g.style])
			pen += g.w + spaceExtra
			continue
		}
		if run.Len() == 0 {
			runStart = pen
		}
		run.WriteRune(g.r)
		if g.end&endHyphen != 0 {
			run.WriteRune(hyphenRune(e.face(l.styles[g.style].font)))
		}
		runW += g.w + stretch
		pen += g.w + stretch
		if sp > 0 {
			runW -= sp // the link box ends at the glyph
		}
	}
	flush()
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
	for i, it := range l.Items {
		n := l.Start + i
		mst := textStyle{font: fSerif, size: bodySize}
		text := it.Label
		if l.Style == document.Article {
			mst.font = fSerifBold
		}
		switch it.Task {
		case document.Unchecked:
			text = "☐"
		case document.Checked:
			text = "☑"
		}
		var childParents []int
		if l.Style == document.Outline {
			childParents = append(append([]int{}, parents...), n)
		}
		itemLeft, itemWidth := left, width
		e.anchor = it.ID
		for bi, b := range it.Blocks {
			p, isPara := b.(*document.Paragraph)
			switch {
			case bi == 0 && isPara && inline:
				// 第一条　text…: the marker opens the paragraph, which is set
				// like any Chinese paragraph.
				spans := append([]document.Span{{Text: text, Bold: l.Style == document.Article}}, p.Text...)
				indent := 0.0
				if e.doc.Lang != "en" {
					indent = 2 * bodySize
				}
				e.paragraph(spans, textStyle{font: fSerif, size: bodySize}, p.Align, left, width, indent, bodyLead, 4, nil)
			case bi == 0 && isPara:
				mw := e.textWidth(text, mst)
				box := max(mw+0.6*bodySize, 1.5*bodySize)
				itemLeft, itemWidth = left+box, width-box
				e.paragraph(p.Text, textStyle{font: fSerif, size: bodySize}, p.Align, itemLeft, itemWidth, 0, bodyLead, 3,
					&marker{text: text, st: mst, x: -box})
			case bi == 0:
				mw := e.textWidth(text, mst)
				box := max(mw+0.6*bodySize, 1.5*bodySize)
				itemLeft, itemWidth = left+box, width-box
				e.need(bodySize * bodyLead)
				e.drawMarker(&marker{text: text, st: mst}, left, e.y, bodySize*bodyLead)
				e.block(b, itemLeft, itemWidth, depth+1, childParents)
			case isPara:
				// A run-in article's later paragraphs (款) are set like
				// the first, indented in Chinese.
				indent := 0.0
				if inline && e.doc.Lang != "en" {
					indent = 2 * bodySize
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
	}
	e.y += 3
}

func (e *engine) title(t *document.Title) {
	for i, l := range t.Lines {
		st := textStyle{font: fSansBold, size: 22}
		lead := 1.5
		if i > 0 {
			st = textStyle{font: fSerif, size: 15}
		}
		lines := e.lines(l.Text, st, textW, 0)
		e.placeLines(lines, marginL, textW, 0, st.size*lead, document.AlignCenter)
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
	st := textStyle{font: fSansBold, size: 16}
	e.placeLines(e.lines([]document.Span{{Text: e.labels.Contents}}, st, textW, 0), marginL, textW, 0, 16*1.6, document.AlignCenter)
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
				top := e.y
				e.add(linkOp{x: marginL, y: top, w: textW, h: lead * float64(len(lines)), dest: h.ID})
			}
			e.drawLine(l, marginL+indent, e.y, avail, lead, document.AlignLeft)
			if i == len(lines)-1 {
				w := 0.0
				for _, g := range l.gs {
					w += g.w
				}
				from := marginL + indent + w + dotW
				to := marginL + textW - numW - dotW
				if n := int((to - from) / dotW); n > 0 {
					base := e.y + (lead-bodySize)/2 + float64(e.face(fSerif).Ascent)*bodySize/1000
					e.add(textOp{x: to - float64(n)*dotW, y: base, text: strings.Repeat(".", n), st: dot})
				}
				base := e.y + (lead-bodySize)/2 + float64(e.face(fSerif).Ascent)*bodySize/1000
				e.add(pageNumOp{id: h.ID, x: marginL + textW, y: base, st: entry})
			}
			e.y += lead
		}
	}
	e.newPage()
}

func (e *engine) code(c *document.CodeBlock, left, width float64) {
	st := textStyle{font: fSans, size: codeSize, gray: 0.15, verbatim: true}
	lead := codeSize * 1.45
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
	for _, l := range lines {
		e.need(lead)
		e.add(rectOp{x: left, y: e.y, w: width, h: lead, fill: 0.95})
		l.last = true
		e.drawLine(l.setLine, left+cellPad+l.indent, e.y, width-2*cellPad-l.indent, lead, document.AlignLeft)
		e.y += lead
	}
	e.y += 8
}

// signature sets the parties side by side, two to a row, each with lines for
// the seal, the signature and the date. A block never splits across pages.
func (e *engine) signature(s *document.Signature, left, width float64) {
	const gap = 24.0
	lead := bodySize * 1.9
	if len(s.Lead) > 0 {
		e.block(&document.Paragraph{Text: s.Lead}, left, width, 0, nil)
	}
	for i := 0; i < len(s.Parties); i += 2 {
		row := s.Parties[i:min(i+2, len(s.Parties))]
		colW := (width - gap) / 2
		if len(s.Parties) == 1 {
			colW = width * 0.6 // a single party (an applicant's declaration) is not squeezed
		}
		var cols [][]setLine
		height := 0.0
		for _, p := range row {
			// The role on a line of its own, so that the name comes whole.
			var ls []setLine
			if len(p.Role) > 0 {
				ls = append(ls, e.lines(boldSpans(p.Role), textStyle{font: fSerif, size: bodySize}, colW, 0)...)
			}
			ls = append(ls, e.lines(p.Name, textStyle{font: fSerif, size: bodySize}, colW, 0)...)
			cols = append(cols, ls)
			height = max(height, float64(len(ls)+4)*lead)
		}
		e.need(height + 24)
		e.space(24)
		top := e.y
		for c, ls := range cols {
			x := left + float64(c)*(colW+gap)
			y := top
			for _, l := range ls {
				l.last = true
				e.drawLine(l, x, y, colW, lead, document.AlignLeft)
				y += lead
			}
			y += lead * 0.5
			p := row[c]
			for _, label := range []string{p.Seal.Label, p.Signatory, p.Date} {
				ll := e.lines([]document.Span{{Text: label}}, textStyle{font: fSerif, size: bodySize}, colW, 0)
				for _, l := range ll {
					l.last = true
					e.drawLine(l, x, y, colW, lead, document.AlignLeft)
					y += lead
				}
				if label == p.Signatory {
					e.add(lineOp{x + colW*0.15, y + lead*0.55, x + colW, y + lead*0.55, 0.6, 0})
					y += lead * 0.8
				}
			}
		}
		e.y = top + height
	}
}

func boldSpans(spans []document.Span) []document.Span {
	out := make([]document.Span, len(spans))
	for i, s := range spans {
		s.Bold = true
		out[i] = s
	}
	return out
}

// runesOf lists the distinct runes each font draws, for its subset.
func (e *engine) runesOf() [numFonts][]rune {
	// A bit per rune of the Basic Multilingual Plane: the coverage check
	// has replaced anything beyond it.
	var seen [numFonts]*[0x10000 / 64]uint64
	add := func(k fontKey, s string) {
		if seen[k] == nil {
			seen[k] = new([0x10000 / 64]uint64)
		}
		for _, r := range s {
			if r < 0x10000 {
				seen[k][r/64] |= 1 << (r % 64)
			}
		}
	}
	for _, p := range e.pages {
		for _, op := range p.ops {
			switch op := op.(type) {
			case textOp:
				add(op.st.font, op.text)
			case pageNumOp:
				add(op.st.font, "0123456789?")
			}
		}
	}
	var out [numFonts][]rune
	for k, set := range seen {
		if set == nil {
			continue
		}
		for i, w := range set {
			for ; w != 0; w &= w - 1 {
				out[k] = append(out[k], rune(i*64+bits.TrailingZeros64(w)))
			}
		}
	}
	return out
}
