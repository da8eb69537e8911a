// Package docx writes a document model as an editable Word document: real
// styles (Title, Heading 1–4 with outline levels, Normal, list and table
// styles), numbering definitions for Chinese clause numbering, tables with
// repeating header rows, a header and a footer with page fields, a table of
// contents field, East Asian font names and A4 pages. It is a few XML parts
// in a zip, written in a fixed order with fixed times, so the same document
// and date give the same bytes.
package docx

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"

	"pilotpack/internal/document"
	"pilotpack/internal/flatepool"
)

// Options control one DOCX.
type Options struct {
	// Date is the creation and modification date in the core properties and
	// the zip entries.
	Date time.Time
	// Header is the running header; the document's title when empty.
	Header string
	// Creator names the producing tool in the properties.
	Creator string
	// Draft adds 草稿 / DRAFT to the header.
	Draft bool
	// HeadingPages are the pages headings fall on in the PDF of the same
	// document (by heading id): the table of contents shows them until the
	// word processor updates its fields.
	HeadingPages map[string]int
}

// Write writes doc as a DOCX file to w.
func Write(w io.Writer, doc *document.Doc, opts Options) error {
	return write(w, doc, opts, nil)
}

func write(w io.Writer, doc *document.Doc, opts Options, rev *revisions) error {
	if opts.Date.IsZero() {
		opts.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	opts.Date = opts.Date.UTC().Truncate(time.Second)
	if opts.Header == "" {
		opts.Header = doc.Title
	}
	b := &builder{doc: doc, opts: opts, labels: document.LabelsFor(doc.Lang), rev: rev}
	body := b.body()
	parts := []struct{ name, content string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", b.core()},
		{"docProps/app.xml", b.app()},
		{"word/document.xml", body},
		{"word/styles.xml", b.styles()},
		{"word/numbering.xml", b.numbering()},
		{"word/settings.xml", settings},
		{"word/header1.xml", b.header()},
		{"word/footer1.xml", b.footer()},
		{"word/_rels/document.xml.rels", b.rels()},
	}
	z := zip.NewWriter(w)
	z.RegisterCompressor(zip.Deflate, flatepool.Writer)
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: opts.Date})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.content); err != nil {
			return err
		}
	}
	return z.Close()
}

const (
	nsW   = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	xmlPI = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	// Page geometry in twentieths of a point: A4, margins as in the PDF.
	pageWTw   = 11906
	pageHTw   = 16838
	marginLTw = 1701 // 30 mm
	marginRTw = 1134 // 20 mm
	marginTTw = 1531 // 27 mm
	marginBTw = 1417 // 25 mm
	textWTw   = pageWTw - marginLTw - marginRTw
)

const contentTypes = xmlPI + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xmlPI + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// settings asks the word processor to refresh fields (the table of contents
// and its page numbers) when the document opens.
const settings = xmlPI + `<w:settings ` + nsW + `><w:updateFields w:val="true"/><w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

type builder struct {
	doc    *document.Doc
	opts   Options
	labels document.Labels
	links  []string // external hyperlink targets, rId = "rLink" + index
	nums   []numInstance
	cover  bool
	anchor string // the id of the list item whose paragraph is written
	// rev is set when the document is a redline: its marks are written
	// as tracked changes (redline.go).
	rev *revisions
	// inCell is set while a table cell's paragraph is written.
	inCell bool
}

type numInstance struct {
	abstract int
	start    int
}

func (b *builder) zh() bool { return b.doc.Lang != "en" }

func (b *builder) lang() string {
	if b.zh() {
		return "zh-CN"
	}
	return "en-US"
}

// esc escapes text for XML and drops characters XML 1.0 cannot carry.
func esc(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			sb.WriteString("&amp;")
		case r == '<':
			sb.WriteString("&lt;")
		case r == '>':
			sb.WriteString("&gt;")
		case r == '"':
			sb.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF):
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func (b *builder) core() string {
	d := b.opts.Date.Format(time.RFC3339)
	return xmlPI + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(b.doc.Title) + `</dc:title>` +
		`<dc:subject>` + esc(b.doc.Subject) + `</dc:subject>` +
		`<dc:creator>` + esc(b.doc.Author) + `</dc:creator>` +
		`<cp:keywords>` + esc(b.doc.Keywords) + `</cp:keywords>` +
		`<dc:language>` + b.lang() + `</dc:language>` +
		`<cp:lastModifiedBy>` + esc(b.opts.Creator) + `</cp:lastModifiedBy>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + d + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + d + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

func (b *builder) app() string {
	return xmlPI + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>` + esc(b.opts.Creator) + `</Application></Properties>`
}

func (b *builder) rels() string {
	var sb strings.Builder
	sb.WriteString(xmlPI + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	sb.WriteString(`<Relationship Id="rStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	sb.WriteString(`<Relationship Id="rNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>`)
	sb.WriteString(`<Relationship Id="rSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>`)
	sb.WriteString(`<Relationship Id="rHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`)
	sb.WriteString(`<Relationship Id="rFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`)
	for i, l := range b.links {
		fmt.Fprintf(&sb, `<Relationship Id="rLink%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="%s" TargetMode="External"/>`, i, esc(l))
	}
	sb.WriteString(`</Relationships>`)
	return sb.String()
}

func (b *builder) header() string {
	text := b.opts.Header
	if b.opts.Draft {
		text += "　" + b.labels.Draft
	}
	return xmlPI + `<w:hdr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>` + run(text, "") + `</w:p></w:hdr>`
}

func (b *builder) footer() string {
	// 第 {PAGE} 页 共 {NUMPAGES} 页, or Page {PAGE} of {NUMPAGES}.
	before, between, after := "第 ", " 页 共 ", " 页"
	if !b.zh() {
		before, between, after = "Page ", " of ", ""
	}
	field := func(instr string) string {
		return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr + ` </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
	}
	return xmlPI + `<w:ftr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="right"/></w:pPr>` +
		run(before, "") + field("PAGE") + run(between, "") + field("NUMPAGES") + run(after, "") + `</w:p></w:ftr>`
}

// run writes one text run with the given run properties; "\n" becomes a line
// break and "\t" a tab.
func run(text, rPr string) string {
	if text == "" {
		return ""
	}
	var sb strings.Builder
	sb.WriteString("<w:r>")
	if rPr != "" {
		sb.WriteString("<w:rPr>" + rPr + "</w:rPr>")
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			sb.WriteString("<w:br/>")
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				sb.WriteString("<w:tab/>")
			}
			if part != "" {
				sb.WriteString(`<w:t xml:space="preserve">` + esc(part) + `</w:t>`)
			}
		}
	}
	sb.WriteString("</w:r>")
	return sb.String()
}
