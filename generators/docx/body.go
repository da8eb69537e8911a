package docx

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"pilotpack/internal/document"
)

func (b *builder) body() []byte {
	var sb bytes.Buffer
	sb.Grow(8192 + textSize(b.doc.Blocks))
	sb.WriteString(xmlPI + `<w:document ` + nsW + `><w:body>`)
	if len(b.doc.Blocks) > 0 {
		_, b.cover = b.doc.Blocks[0].(*document.Title)
	}
	b.marks, b.markIDs = map[string]string{}, map[string]int{}
	taken := map[string]bool{}
	for i, id := range b.doc.Anchors() {
		if _, ok := b.marks[id]; ok {
			continue
		}
		name := bookmark(id)
		if taken[name] {
			// Two ids alike in their first 40 characters.
			name = fmt.Sprintf("_h%d", i+1)
		}
		taken[name] = true
		b.marks[id], b.markIDs[id] = name, i+1
	}
	b.blocks(&sb, b.doc.Blocks, 0, 0)
	// The section: A4 portrait, margins, header and footer; a cover page
	// (a document opening with a title block) has neither.
	sb.WriteString(`<w:sectPr><w:headerReference w:type="default" r:id="rHeader"/><w:footerReference w:type="default" r:id="rFooter"/>`)
	fmt.Fprintf(&sb, `<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="1020" w:footer="737" w:gutter="0"/>`,
		pageWTw, pageHTw, marginTTw, marginRTw, marginBTw, marginLTw)
	if b.cover {
		sb.WriteString(`<w:titlePg/>`)
	}
	sb.WriteString(`</w:sectPr></w:body></w:document>`)
	return sb.Bytes()
}

// textSize is about the bytes of the text of blocks and their markup, to
// size the document's buffer once.
func textSize(blocks []document.Block) int {
	n := 0
	document.Walk(blocks, func(bl document.Block) {
		n += 100
		switch x := bl.(type) {
		case *document.Paragraph:
			n += spansSize(x.Text)
		case *document.Heading:
			n += spansSize(x.Text)
		case *document.Table:
			for _, rows := range [][]document.Row{x.Header, x.Body} {
				for _, r := range rows {
					for _, c := range r.Cells {
						n += 250 + spansSize(c.Text)
					}
				}
			}
		case *document.CodeBlock:
			n += len(x.Text)
		}
	})
	return n
}

func spansSize(spans []document.Span) int {
	n := 0
	for _, s := range spans {
		n += len(s.Text) + 40
	}
	return n
}

// blocks writes a run of blocks, each knowing the one after it.
func (b *builder) blocks(sb *bytes.Buffer, blocks []document.Block, indent, depth int) {
	for i, bl := range blocks {
		var next document.Block
		if i+1 < len(blocks) {
			next = blocks[i+1]
		}
		b.block(sb, bl, next, indent, depth)
	}
}

// leadsIn reports whether a paragraph introduces the block after it, and so
// stays on its page: a table's or a signature block's lead-in, or a
// paragraph ending in a colon before a list.
func leadsIn(p *document.Paragraph, next document.Block) bool {
	switch next.(type) {
	case *document.Table, *document.Signature:
		return true
	case *document.List:
		return endsInColon(p)
	}
	return false
}

// endsInColon reports whether a paragraph ends in a colon, as a lead-in of
// what follows does.
func endsInColon(p *document.Paragraph) bool {
	t := strings.TrimRight(document.PlainText(p.Text), " ")
	return strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":")
}

// block writes one block; next is the block after it (nil at the end).
// indent is the extra left indent in twips of blocks nested in lists and
// quotes.
func (b *builder) block(sb *bytes.Buffer, bl, next document.Block, indent, depth int) {
	switch x := bl.(type) {
	case *document.Heading:
		// The heading styles keep a heading with what follows it.
		fmt.Fprintf(sb, `<w:p><w:pPr><w:pStyle w:val="Heading%d"/>%s</w:pPr><w:bookmarkStart w:id="%d" w:name="%s"/>`, x.Level, b.paragraphMark(x.Text), b.markID(x.ID), b.mark(x.ID))
		b.spans(sb, typeset(x.Text))
		fmt.Fprintf(sb, `<w:bookmarkEnd w:id="%d"/></w:p>`, b.markID(x.ID))
	case *document.Paragraph:
		b.paragraph(sb, x.Text, para{align: x.Align, indent: indent, keep: leadsIn(x, next)})
	case *document.List:
		b.list(sb, x, next, indent, depth, -1)
	case *document.Table:
		b.table(sb, x, indent)
	case *document.PageBreak:
		sb.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
	case *document.TOC:
		b.toc(sb, x)
	case *document.Title:
		for i, l := range x.Lines {
			style := "Title"
			if i > 0 {
				style = "Subtitle"
			}
			b.paragraph(sb, l.Text, para{style: style, align: document.AlignCenter, keep: i < len(x.Lines)-1})
		}
	case *document.Signature:
		b.signature(sb, x, indent)
	case *document.CodeBlock:
		// A short listing is kept on one page.
		code := strings.Split(x.Text, "\n")
		for i, line := range code {
			keep := ""
			if len(code) <= 12 && i < len(code)-1 {
				keep = `<w:keepNext/>`
			}
			fmt.Fprintf(sb, `<w:p><w:pPr><w:pStyle w:val="Code"/>%s%s</w:pPr>%s</w:p>`, keep, indentXML(indent, 0, 0), run(line, ""))
		}
	case *document.Quote:
		for i, q := range x.Blocks {
			var qnext document.Block
			if i+1 < len(x.Blocks) {
				qnext = x.Blocks[i+1]
			}
			if p, ok := q.(*document.Paragraph); ok {
				b.paragraph(sb, p.Text, para{style: "Quote", align: p.Align, indent: indent, keep: leadsIn(p, qnext)})
			} else {
				b.block(sb, q, qnext, indent+480, depth)
			}
		}
	case *document.Rule:
		sb.WriteString(`<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="808080"/></w:pBdr><w:spacing w:after="120"/></w:pPr></w:p>`)
	}
}

// mark is the bookmark name of a heading's or list item's id.
func (b *builder) mark(id string) string {
	if name, ok := b.marks[id]; ok {
		return name
	}
	return bookmark(id)
}

// markID is the number of the bookmark of an id.
func (b *builder) markID(id string) int { return b.markIDs[id] }

func indentXML(left, firstLine, hanging int) string {
	if left == 0 && firstLine == 0 && hanging == 0 {
		return ""
	}
	s := fmt.Sprintf(`<w:ind w:left="%d"`, left)
	if firstLine > 0 {
		s += fmt.Sprintf(` w:firstLine="%d"`, firstLine)
	}
	if hanging > 0 {
		s += fmt.Sprintf(` w:hanging="%d"`, hanging)
	}
	return s + "/>"
}

var jcNames = map[document.Align]string{document.AlignLeft: "left", document.AlignCenter: "center", document.AlignRight: "right", document.AlignJustify: "both"}

// para says how a paragraph is set.
type para struct {
	style string
	align document.Align
	// indent is an extra left indent in twips (of nested blocks).
	indent int
	// keep keeps the paragraph on the page of the next one.
	keep bool
	// extra is more paragraph properties (numbering, indents), in the
	// schema's order; with extra the paragraph sets no indent of its own.
	extra string
}

// paragraph writes a paragraph of spans.
func (b *builder) paragraph(sb *bytes.Buffer, spans []document.Span, p para) {
	sb.WriteString("<w:p><w:pPr>")
	if p.style != "" {
		sb.WriteString(`<w:pStyle w:val="` + p.style + `"/>`)
	}
	if p.keep {
		sb.WriteString(`<w:keepNext/>`)
	}
	sb.WriteString(p.extra)
	if p.extra == "" {
		// Body text aligned other than justified has no first-line indent.
		noFirst := p.style == "" && p.align != document.AlignDefault && p.align != document.AlignJustify
		switch {
		case noFirst:
			fmt.Fprintf(sb, `<w:ind w:left="%d" w:firstLine="0" w:firstLineChars="0"/>`, p.indent)
		case p.indent > 0:
			first := 0
			if b.zh() && p.style == "" {
				first = 480
			}
			sb.WriteString(indentXML(p.indent, first, 0))
		}
	}
	if jc, ok := jcNames[p.align]; ok {
		sb.WriteString(`<w:jc w:val="` + jc + `"/>`)
	}
	sb.WriteString(b.paragraphMark(spans))
	sb.WriteString("</w:pPr>")
	if b.anchor != "" {
		fmt.Fprintf(sb, `<w:bookmarkStart w:id="%d" w:name="%s"/>`, b.markID(b.anchor), b.mark(b.anchor))
	}
	b.spans(sb, typeset(spans))
	if b.anchor != "" {
		fmt.Fprintf(sb, `<w:bookmarkEnd w:id="%d"/>`, b.markID(b.anchor))
	}
	sb.WriteString("</w:p>")
}

// spans writes runs, wrapping linked ones in hyperlinks.
func (b *builder) spans(sb *bytes.Buffer, spans []document.Span) {
	for _, s := range spans {
		rPr := ""
		if s.Bold {
			rPr += `<w:b/><w:bCs/>`
		}
		if s.Italic {
			rPr += `<w:i/><w:iCs/>`
		}
		// One character style: a link's, else code's.
		switch {
		case s.Link != "":
			rPr = `<w:rStyle w:val="Hyperlink"/>` + rPr
		case s.Code:
			rPr = `<w:rStyle w:val="CodeChar"/>` + rPr
		}
		if s.Link == "" {
			b.markedRun(sb, s, rPr)
			continue
		}
		if strings.HasPrefix(s.Link, "#") {
			sb.WriteString(`<w:hyperlink w:anchor="` + b.mark(s.Link[1:]) + `" w:history="1">`)
		} else {
			id := -1
			for i, l := range b.links {
				if l == s.Link {
					id = i
				}
			}
			if id < 0 {
				id = len(b.links)
				b.links = append(b.links, s.Link)
			}
			fmt.Fprintf(sb, `<w:hyperlink r:id="rLink%d" w:history="1">`, id)
		}
		b.markedRun(sb, s, rPr)
		sb.WriteString(`</w:hyperlink>`)
	}
}

// bookmark makes a valid bookmark name from a heading id: a letter first,
// letters, digits and underscores, at most 40 characters.
func bookmark(id string) string {
	var sb strings.Builder
	sb.WriteString("_h_")
	for _, r := range id {
		if r < 128 && (r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
			sb.WriteRune(r)
		} else {
			fmt.Fprintf(&sb, "%x", r)
		}
	}
	s := sb.String()
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

// abstract numbering definitions, one per list style.
var listAbstract = map[document.ListStyle]int{
	document.Bullet: 1, document.Decimal: 2, document.Article: 3, document.Chinese: 4, document.Paren: 5, document.Outline: 6,
	document.Roman: 7,
}

// list writes a list; after is the block after it (nil when nested), which
// its last item may introduce. outlineNum is the numbering instance of the
// enclosing outline list, whose levels nested outline lists continue.
func (b *builder) list(sb *bytes.Buffer, l *document.List, after document.Block, indent, depth, outlineNum int) {
	level := 0
	numID := 0
	if l.Style == document.Outline && outlineNum > 0 {
		numID, level = outlineNum, min(depth, 8)
	} else {
		numID = b.numberList(l)
		depth = 0
	}
	inline := l.RunIn
	first := 0
	if b.zh() {
		first = 480
	}
	for ii, it := range l.Items {
		// keeps says whether the item's bi-th block, paragraph p, stays
		// with the block after it: the item's next, or after the list's
		// last item what follows the list (a table only when p ends in a
		// colon: 第四十四条 ……送达下列地址：).
		keeps := func(p *document.Paragraph, bi int) bool {
			switch {
			case bi+1 < len(it.Blocks):
				return leadsIn(p, it.Blocks[bi+1])
			case ii < len(l.Items)-1 || after == nil:
				return false
			}
			if _, table := after.(*document.Table); table {
				return endsInColon(p)
			}
			return leadsIn(p, after)
		}
		for bi, bl := range it.Blocks {
			p, isPara := bl.(*document.Paragraph)
			switch {
			case bi == 0 && isPara:
				spans := p.Text
				numPr := fmt.Sprintf(`<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>`, level, numID)
				if it.Task != document.NoTask {
					box := "☐ "
					if it.Task == document.Checked {
						box = "☑ "
					}
					spans = append([]document.Span{{Text: box}}, spans...)
					numPr = ""
				}
				ind := ""
				if indent > 0 || it.Task != document.NoTask {
					if inline {
						ind = indentXML(indent, first, 0)
					} else {
						ind = indentXML(indent+420*(level+1), 0, 420)
					}
				}
				keep := keeps(p, bi)
				space := ""
				if inline {
					// Clauses are spaced as paragraphs are.
					space = `<w:spacing w:after="80"/>`
				}
				b.anchor = it.ID // cross-references lead to its bookmark
				b.paragraph(sb, spans, para{style: "ListParagraph", align: p.Align, keep: keep, extra: numPr + space + ind})
				b.anchor = ""
			case isPara:
				left, firstLine := indent+420*(level+1), 0
				if inline {
					left, firstLine = indent, first // a later paragraph (款) of an article
				}
				b.paragraph(sb, p.Text, para{style: "ListParagraph", align: p.Align, keep: keeps(p, bi), extra: indentXML(left, firstLine, 0)})
			case bi > 0 || !isPara:
				if nl, ok := bl.(*document.List); ok && l.Style == document.Outline && nl.Style == document.Outline {
					b.list(sb, nl, nil, indent, depth+1, numID)
					continue
				}
				nested := indent + 420*(level+1)
				if inline {
					nested = indent + 480
				}
				var next document.Block
				if bi+1 < len(it.Blocks) {
					next = it.Blocks[bi+1]
				}
				b.block(sb, bl, next, nested, depth+1)
			}
		}
	}
}

// Table text, as in the PDF: 10.5 pt on lines 15.25 pt apart, 4 pt above
// and below each cell's text and 4 pt cell margins left and right (the
// TableText style and the TableGrid table style).
const (
	tableSize    = 10.5
	tableLead    = 15.25
	tablePadPt   = 8
	cellMarginTw = 80
	// pageTextH is the height of the page's text area in points.
	pageTextH = float64(pageHTw-marginTTw-marginBTw) / 20
)

func (b *builder) table(sb *bytes.Buffer, t *document.Table, indent int) {
	ncol := len(t.Align)
	for _, r := range t.Header {
		ncol = max(ncol, len(r.Cells))
	}
	for _, r := range t.Body {
		ncol = max(ncol, len(r.Cells))
	}
	if ncol == 0 {
		return
	}
	widths := columnWidths(t, ncol, textWTw-indent)
	sb.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>`)
	fmt.Fprintf(sb, `<w:tblW w:w="%d" w:type="dxa"/>`, textWTw-indent)
	if indent > 0 {
		fmt.Fprintf(sb, `<w:tblInd w:w="%d" w:type="dxa"/>`, indent)
	}
	sb.WriteString(`<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(sb, `<w:gridCol w:w="%d"/>`, w)
	}
	sb.WriteString(`</w:tblGrid>`)
	// Header rows repeat on every page the table spans.
	headerH := 0.0
	for _, r := range t.Header {
		headerH += rowHeight(r, widths)
	}
	row := func(r document.Row, header, keep bool) {
		sb.WriteString(`<w:tr><w:trPr>`)
		// A row is split across pages only when it is too tall for one:
		// Word would rather cut off a row that cannot split than break it.
		if rowHeight(r, widths)*1.25 < pageTextH-headerH {
			sb.WriteString(`<w:cantSplit/>`)
		}
		if header {
			sb.WriteString(`<w:tblHeader/>`)
		}
		sb.WriteString(b.rowMark(r))
		sb.WriteString(`</w:trPr>`)
		for c := range ncol {
			fmt.Fprintf(sb, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, widths[c])
			if header {
				sb.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E6E6E6"/>`)
			}
			sb.WriteString(`</w:tcPr>`)
			var spans []document.Span
			if c < len(r.Cells) {
				spans = r.Cells[c].Text
			}
			align := document.AlignLeft
			if c < len(t.Align) && t.Align[c] != document.AlignDefault {
				align = t.Align[c]
			}
			style := "TableText"
			if header {
				style, align = "TableHeading", document.AlignCenter
			}
			// A cell's paragraph goes with its row, whose mark says so.
			b.inCell = true
			b.paragraph(sb, spans, para{style: style, align: align, keep: keep})
			b.inCell = false
			sb.WriteString(`</w:tc>`)
		}
		sb.WriteString(`</w:tr>`)
	}
	// Keeps, as Word reads them in a table: a row whose paragraphs keep
	// with the next stays on the page of the next row. The header stays
	// with the first row (and so with the lead-in, which keeps with the
	// header), as in the PDF; the last row stays with the one before it,
	// never alone at the top of a page. Keeping more rows together leaves
	// half pages empty before tables of tall rows.
	n := len(t.Body)
	for _, r := range t.Header {
		row(r, true, n > 0)
	}
	for i, r := range t.Body {
		row(r, false, n >= 2 && i == n-2)
	}
	// 8 pt below the table, as in the PDF.
	sb.WriteString(`</w:tbl><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="exact"/>` + b.tableEndMark(t) + `</w:pPr></w:p>`)
}

// rowHeight estimates a row's height in points from its tallest cell.
func rowHeight(r document.Row, widths []int) float64 {
	most := 1
	for c, cell := range r.Cells {
		if c >= len(widths) {
			break
		}
		w := float64(widths[c]-2*cellMarginTw) / 20
		most = max(most, lines(document.PlainText(cell.Text), tableSize, w))
	}
	return float64(most)*tableLead + tablePadPt
}

// columnWidths divides the width among columns: by the author's relative
// widths, else by the length of each column's longest cell, each column
// getting at least its short cells whole.
func columnWidths(t *document.Table, ncol, total int) []int {
	weights := make([]float64, ncol)
	if len(t.Widths) == ncol {
		copy(weights, t.Widths)
	} else {
		for _, r := range append(append([]document.Row{}, t.Header...), t.Body...) {
			for c := 0; c < ncol && c < len(r.Cells); c++ {
				n := 0.0
				for _, ch := range document.PlainText(r.Cells[c].Text) {
					if utf8.RuneLen(ch) > 1 {
						n += 2
					} else {
						n++
					}
				}
				weights[c] = max(weights[c], math.Min(n, 60)+4)
			}
		}
	}
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	out := make([]int, ncol)
	used := 0
	for c, w := range weights {
		out[c] = int(float64(total) * w / sum)
		used += out[c]
	}
	out[ncol-1] += total - used
	return out
}

// toc writes the table of contents as Word does: a TOC field whose cached
// result is one hyperlinked paragraph per heading, the first one opening
// the field, each ending in a PAGEREF field. The cached page numbers are
// those of the PDF set from the same document, so the contents are right
// when the document opens in a word processor that shows cached results
// (LibreOffice, WPS) and when Word does not update fields.
func (b *builder) toc(sb *bytes.Buffer, t *document.TOC) {
	depth := t.Depth
	if depth <= 0 {
		depth = 2
	}
	sb.WriteString(`<w:p><w:pPr><w:pStyle w:val="TOCHeading"/><w:keepNext/></w:pPr>` + run(b.labels.Contents, "") + `</w:p>`)
	begin := fmt.Sprintf(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-%d" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`, depth)
	entries := 0
	for _, h := range b.doc.Headings() {
		if h.Level > depth {
			continue
		}
		name := b.mark(h.ID)
		page := ""
		if n, ok := b.opts.HeadingPages[h.ID]; ok {
			page = strconv.Itoa(n)
		} else {
			b.tocStale = true
		}
		fmt.Fprintf(sb, `<w:p><w:pPr><w:pStyle w:val="TOC%d"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="%d"/></w:tabs>%s</w:pPr>`, h.Level, textWTw, b.paragraphMark(h.Text))
		if entries == 0 {
			sb.WriteString(begin)
		}
		fmt.Fprintf(sb, `<w:hyperlink w:anchor="%s" w:history="1">%s<w:r><w:tab/></w:r>`+
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF %s \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>%s<w:r><w:fldChar w:fldCharType="end"/></w:r>`+
			`</w:hyperlink></w:p>`, name, b.tocEntry(h), name, run(page, ""))
		entries++
	}
	// The field ends where the contents' page does.
	sb.WriteString(`<w:p>`)
	if entries == 0 {
		// Nothing to list: an empty field, for the word processor to fill.
		b.tocStale = true
		sb.WriteString(begin)
	}
	sb.WriteString(`<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:br w:type="page"/></w:r></w:p>`)
}

// Signature blocks: a signature line at most 90 mm long, and a gap between
// two parties' blocks.
const (
	signLineTw = 5102
	partyGapTw = 360
	// signSize is the size of a signature block's text in points.
	signSize = 12
)

// mmTw converts millimetres to twips.
func mmTw(mm float64) int { return int(math.Ceil(mm * 1440 / 25.4)) }

// signature sets a signature block: the model's lead line, then the parties two to
// a row, or one to a row when a full name would not fit on one line of half
// the width. Each party's block is one table cell whose row cannot split:
// role, full name, the seal area, the legal or authorised
// representative's line to sign on, and the date; every row but the last
// keeps with the next, so the parties sign on one page, with the lead line.
func (b *builder) signature(sb *bytes.Buffer, s *document.Signature, indent int) {
	if len(s.Parties) == 0 {
		return
	}
	width := textWTw - indent
	if len(s.Lead) > 0 {
		// Set as the PDF sets it: an English lead ragged, not justified
		// with wide gaps across its two lines; a Chinese one as body text.
		align := document.AlignDefault
		if !b.zh() {
			align = document.AlignLeft
		}
		b.paragraph(sb, s.Lead, para{indent: indent, keep: true, align: align})
	}
	perRow, colW := 2, width/2
	switch {
	case len(s.Parties) == 1:
		// One party (an applicant's declaration) is not squeezed.
		perRow, colW = 1, width*3/5
	case b.opts.StackSignatures || !sideBySide(s, width):
		perRow, colW = 1, width
	}
	grid := []int{colW}
	if perRow == 2 {
		grid = append(grid, width-colW)
	}
	fmt.Fprintf(sb, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/>`, width)
	if indent > 0 {
		fmt.Fprintf(sb, `<w:tblInd w:w="%d" w:type="dxa"/>`, indent)
	}
	sb.WriteString(noBorders + `<w:tblLayout w:type="fixed"/>`)
	fmt.Fprintf(sb, `<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`, partyGapTw)
	for _, w := range grid {
		fmt.Fprintf(sb, `<w:gridCol w:w="%d"/>`, w)
	}
	sb.WriteString(`</w:tblGrid>`)
	for i := 0; i < len(s.Parties); i += perRow {
		row := s.Parties[i:min(i+perRow, len(s.Parties))]
		keep := i+perRow < len(s.Parties)
		sb.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for c, w := range grid {
			fmt.Fprintf(sb, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, w)
			if c < len(row) {
				b.party(sb, row[c], w-partyGapTw, keep)
			} else {
				sb.WriteString(`<w:p/>`)
			}
			sb.WriteString(`</w:tc>`)
		}
		sb.WriteString(`</w:tr>`)
	}
	sb.WriteString(`</w:tbl><w:p/>`)
}

const noBorders = `<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`

// party writes one party's block in a cell whose text is width twips wide.
// keep keeps the block with the next row's.
func (b *builder) party(sb *bytes.Buffer, p document.Party, width int, keep bool) {
	sign := para{style: "Signature", align: document.AlignLeft, keep: keep}
	role := make([]document.Span, len(p.Role))
	for j, r := range p.Role {
		r.Bold = true
		role[j] = r
	}
	// The role, then the full name on a line of its own, so that it is not
	// broken (the parties are one to a row when a name would not fit).
	top := sign
	top.extra = `<w:spacing w:before="240"/>`
	b.paragraph(sb, role, top)
	b.paragraph(sb, p.Name, sign)
	// The seal area: a borderless cell of exactly the model's size, never
	// less than 40 mm square nor wider than the column.
	sealW := min(mmTw(max(p.Seal.Width, document.MinSeal)), width)
	sealH := mmTw(max(p.Seal.Height, document.MinSeal))
	fmt.Fprintf(sb, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/>`+noBorders+`<w:tblLayout w:type="fixed"/>`+
		`<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>`+
		`<w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="%d" w:hRule="exact"/></w:trPr>`+
		`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, sealW, sealW, sealH, sealW)
	b.paragraph(sb, []document.Span{{Text: or(p.Seal.Label, b.labels.Seal)}}, sign)
	sb.WriteString(`</w:tc></w:tr></w:tbl>`)
	b.paragraph(sb, []document.Span{{Text: or(p.Signatory, b.labels.Signatory)}}, sign)
	// The line to sign on: a paragraph's bottom border.
	line := sign
	line.extra = fmt.Sprintf(`<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr><w:ind w:left="0" w:right="%d"/>`, max(width-signLineTw, 0))
	b.paragraph(sb, nil, line)
	b.paragraph(sb, []document.Span{{Text: or(p.Date, b.labels.Date)}}, sign)
}

// fits reports whether spans fit on one line of a signature block width
// twips wide.
// sideBySide reports whether a signature block's parties stand two to a
// row in a text block width twips wide: every name fits its column.
func sideBySide(s *document.Signature, width int) bool {
	for _, p := range s.Parties {
		if !fits(p.Name, width/2-partyGapTw) {
			return false
		}
	}
	return true
}

// SignaturesFit reports whether every signature block of two or more
// parties in doc stands side by side, each name on one line.
func SignaturesFit(doc *document.Doc) bool {
	for _, bl := range doc.Blocks {
		if s, ok := bl.(*document.Signature); ok && len(s.Parties) > 1 && !sideBySide(s, textWTw) {
			return false
		}
	}
	return true
}

func fits(spans []document.Span, width int) bool {
	return textWidth(document.PlainText(spans), signSize) <= float64(width)/20
}

// or is s, else the default.
func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
