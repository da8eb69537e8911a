package docx

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"pilotpack/internal/document"
)

func (b *builder) body() string {
	var sb strings.Builder
	sb.WriteString(xmlPI + `<w:document ` + nsW + `><w:body>`)
	for i, bl := range b.doc.Blocks {
		if _, ok := bl.(*document.Title); ok && i == 0 {
			b.cover = true
		}
		b.block(&sb, bl, 0, 0)
	}
	// The section: A4 portrait, margins, header and footer; a cover page
	// (a document opening with a title block) has neither.
	sb.WriteString(`<w:sectPr><w:headerReference w:type="default" r:id="rHeader"/><w:footerReference w:type="default" r:id="rFooter"/>`)
	fmt.Fprintf(&sb, `<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="1020" w:footer="737" w:gutter="0"/>`,
		pageWTw, pageHTw, marginTTw, marginRTw, marginBTw, marginLTw)
	if b.cover {
		sb.WriteString(`<w:titlePg/>`)
	}
	sb.WriteString(`</w:sectPr></w:body></w:document>`)
	return sb.String()
}

// block writes one block. indent is the extra left indent in twips of
// blocks nested in lists and quotes; outlineNum carries an outline list's
// numbering instance to its nested lists.
func (b *builder) block(sb *strings.Builder, bl document.Block, indent, depth int) {
	switch x := bl.(type) {
	case *document.Heading:
		id := bookmark(x.ID)
		fmt.Fprintf(sb, `<w:p><w:pPr><w:pStyle w:val="Heading%d"/>%s</w:pPr><w:bookmarkStart w:id="%d" w:name="%s"/>%s<w:bookmarkEnd w:id="%d"/></w:p>`,
			x.Level, b.paragraphMark(x.Text), b.bookmarkID(x.ID), id, b.spans(x.Text, ""), b.bookmarkID(x.ID))
	case *document.Paragraph:
		b.paragraph(sb, x.Text, "", x.Align, indent, "")
	case *document.List:
		b.list(sb, x, indent, depth, -1)
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
			b.paragraph(sb, l.Text, style, document.AlignCenter, 0, "")
		}
	case *document.Signature:
		b.signature(sb, x, indent)
	case *document.CodeBlock:
		for _, line := range strings.Split(x.Text, "\n") {
			fmt.Fprintf(sb, `<w:p><w:pPr><w:pStyle w:val="Code"/>%s</w:pPr>%s</w:p>`, indentXML(indent, 0, 0), run(line, ""))
		}
	case *document.Quote:
		for _, q := range x.Blocks {
			if p, ok := q.(*document.Paragraph); ok {
				b.paragraph(sb, p.Text, "Quote", p.Align, indent, "")
			} else {
				b.block(sb, q, indent+480, depth)
			}
		}
	case *document.Rule:
		sb.WriteString(`<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="808080"/></w:pBdr><w:spacing w:after="120"/></w:pPr></w:p>`)
	}
}

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

// paragraph writes a paragraph of spans; extra is more paragraph properties.
func (b *builder) paragraph(sb *strings.Builder, spans []document.Span, style string, align document.Align, indent int, extra string) {
	sb.WriteString("<w:p><w:pPr>")
	if style != "" {
		sb.WriteString(`<w:pStyle w:val="` + style + `"/>`)
	}
	sb.WriteString(extra)
	if indent > 0 && extra == "" {
		first := 0
		if b.zh() && style == "" && (align == document.AlignDefault || align == document.AlignJustify) {
			first = 480
		}
		sb.WriteString(indentXML(indent, first, 0))
	}
	if jc, ok := jcNames[align]; ok {
		sb.WriteString(`<w:jc w:val="` + jc + `"/>`)
		if style == "" && align != document.AlignJustify {
			sb.WriteString(`<w:ind w:firstLine="0" w:firstLineChars="0"/>`)
		}
	}
	sb.WriteString(b.paragraphMark(spans))
	sb.WriteString("</w:pPr>")
	if b.anchor != "" {
		fmt.Fprintf(sb, `<w:bookmarkStart w:id="%d" w:name="%s"/>`, b.bookmarkID(b.anchor), bookmark(b.anchor))
	}
	sb.WriteString(b.spans(spans, ""))
	if b.anchor != "" {
		fmt.Fprintf(sb, `<w:bookmarkEnd w:id="%d"/>`, b.bookmarkID(b.anchor))
	}
	sb.WriteString("</w:p>")
}

// spans writes runs, wrapping linked ones in hyperlinks.
func (b *builder) spans(spans []document.Span, base string) string {
	var sb strings.Builder
	for _, s := range spans {
		rPr := base
		if s.Bold {
			rPr += `<w:b/><w:bCs/>`
		}
		if s.Italic {
			rPr += `<w:i/><w:iCs/>`
		}
		if s.Code {
			rPr = `<w:rStyle w:val="CodeChar"/>` + rPr
		}
		if s.Link == "" {
			sb.WriteString(b.markedRun(s, rPr))
			continue
		}
		rPr = `<w:rStyle w:val="Hyperlink"/>` + rPr
		if strings.HasPrefix(s.Link, "#") {
			fmt.Fprintf(&sb, `<w:hyperlink w:anchor="%s" w:history="1">%s</w:hyperlink>`, bookmark(s.Link[1:]), b.markedRun(s, rPr))
			continue
		}
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
		fmt.Fprintf(&sb, `<w:hyperlink r:id="rLink%d" w:history="1">%s</w:hyperlink>`, id, b.markedRun(s, rPr))
	}
	return sb.String()
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

func (b *builder) bookmarkID(id string) int {
	for i, a := range b.doc.Anchors() {
		if a == id {
			return i + 1
		}
	}
	return 0
}

// abstract numbering definitions, one per list style.
var listAbstract = map[document.ListStyle]int{
	document.Bullet: 1, document.Decimal: 2, document.Article: 3, document.Chinese: 4, document.Paren: 5, document.Outline: 6,
	document.Roman: 7,
}

// list writes a list. outlineNum is the numbering instance of the enclosing
// outline list, whose levels nested outline lists continue.
func (b *builder) list(sb *strings.Builder, l *document.List, indent, depth, outlineNum int) {
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
	for _, it := range l.Items {
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
				b.anchor = it.ID // cross-references lead to its bookmark
				b.paragraph(sb, spans, "ListParagraph", p.Align, 0, numPr+ind)
				b.anchor = ""
			case isPara:
				left, firstLine := indent+420*(level+1), 0
				if inline {
					left, firstLine = indent, first // a later paragraph (款) of an article
				}
				b.paragraph(sb, p.Text, "ListParagraph", p.Align, 0, indentXML(left, firstLine, 0))
			case bi > 0 || !isPara:
				if nl, ok := bl.(*document.List); ok && l.Style == document.Outline && nl.Style == document.Outline {
					b.list(sb, nl, indent, depth+1, numID)
					continue
				}
				nested := indent + 420*(level+1)
				if inline {
					nested = indent + 480
				}
				b.block(sb, bl, nested, depth+1)
			}
		}
	}
}

func (b *builder) table(sb *strings.Builder, t *document.Table, indent int) {
	ncol := len(t.Align)
	for _, r := range append(append([]document.Row{}, t.Header...), t.Body...) {
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
	row := func(r document.Row, header bool) {
		sb.WriteString(`<w:tr>`)
		if header {
			sb.WriteString(`<w:trPr><w:cantSplit/><w:tblHeader/>` + b.rowMark(r) + `</w:trPr>`)
		} else {
			sb.WriteString(`<w:trPr><w:cantSplit/>` + b.rowMark(r) + `</w:trPr>`)
		}
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
			b.paragraph(sb, spans, style, align, 0, "")
			b.inCell = false
			sb.WriteString(`</w:tc>`)
		}
		sb.WriteString(`</w:tr>`)
	}
	for _, r := range t.Header {
		row(r, true)
	}
	for _, r := range t.Body {
		row(r, false)
	}
	sb.WriteString(`</w:tbl><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>` + b.tableEndMark(t) + `</w:pPr></w:p>`)
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

func (b *builder) toc(sb *strings.Builder, t *document.TOC) {
	sb.WriteString(`<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>` + run(b.labels.Contents, "") + `</w:p>`)
	fmt.Fprintf(sb, `<w:p><w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="%d"/></w:tabs></w:pPr>`+
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-%d" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>`, textWTw, t.Depth)
	// The cached entries link to the headings; their page numbers are
	// PAGEREF fields showing the pages of the PDF set from the same document,
	// which the word processor recomputes when it updates fields.
	for _, h := range b.doc.Headings() {
		if h.Level > t.Depth {
			continue
		}
		name := bookmark(h.ID)
		page := ""
		if n, ok := b.opts.HeadingPages[h.ID]; ok {
			page = fmt.Sprint(n)
		}
		fmt.Fprintf(sb, `<w:p><w:pPr><w:pStyle w:val="TOC%d"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="%d"/></w:tabs>%s</w:pPr>`+
			`<w:hyperlink w:anchor="%s" w:history="1">%s<w:r><w:tab/></w:r>`+
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF %s \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>%s<w:r><w:fldChar w:fldCharType="end"/></w:r>`+
			`</w:hyperlink></w:p>`, h.Level, textWTw, b.paragraphMark(h.Text), name, b.tocEntry(h), name, run(page, ""))
	}
	sb.WriteString(`<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`)
	sb.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
}

// signature sets the parties side by side in a borderless table, with the
// same lines as the PDF.
func (b *builder) signature(sb *strings.Builder, s *document.Signature, indent int) {
	colW := (textWTw - indent) / 2
	if len(s.Parties) == 1 {
		colW = (textWTw - indent) * 3 / 5
	}
	if len(s.Lead) > 0 {
		b.paragraph(sb, s.Lead, "", document.AlignDefault, indent, "")
	}
	for i := 0; i < len(s.Parties); i += 2 {
		row := s.Parties[i:min(i+2, len(s.Parties))]
		widths := [2]int{colW, textWTw - indent - colW}
		fmt.Fprintf(sb, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>`,
			textWTw-indent, widths[0], widths[1])
		for c := range 2 {
			fmt.Fprintf(sb, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, widths[c])
			if c < len(row) {
				p := row[c]
				role := make([]document.Span, len(p.Role))
				for j, r := range p.Role {
					r.Bold = true
					role[j] = r
				}
				// The role on a line of its own, so that the name comes whole.
				if len(role) > 0 {
					b.paragraph(sb, role, "Signature", document.AlignLeft, 0, "")
				}
				b.paragraph(sb, p.Name, "Signature", document.AlignLeft, 0, "")
				b.paragraph(sb, nil, "Signature", document.AlignLeft, 0, "")
				b.paragraph(sb, []document.Span{{Text: p.Seal.Label}}, "Signature", document.AlignLeft, 0, "")
				b.paragraph(sb, []document.Span{{Text: p.Signatory}}, "Signature", document.AlignLeft, 0, "")
				sb.WriteString(`<w:p><w:pPr><w:pStyle w:val="Signature"/><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr></w:pPr></w:p>`)
				b.paragraph(sb, []document.Span{{Text: p.Date}}, "Signature", document.AlignLeft, 0, "")
			} else {
				sb.WriteString(`<w:p/>`)
			}
			sb.WriteString(`</w:tc>`)
		}
		sb.WriteString(`</w:tr></w:tbl><w:p/>`)
	}
}
