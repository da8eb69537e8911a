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
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

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
	// StackSignatures sets the parties of every signature block one below
	// the other, as another document of the same kind needs them (see
	// SignaturesFit), so that a packet's agreements sign alike.
	StackSignatures bool
}

// Write writes doc as a DOCX file to w.
func Write(w io.Writer, doc *document.Doc, opts Options) error {
	return write(w, doc, opts, nil)
}

func write(w io.Writer, doc *document.Doc, opts Options, rev *revisions) error {
	b := newBuilder(doc, opts, rev)
	body := b.body()
	parts := []struct {
		name    string
		content string
		data    []byte // instead of content
	}{
		{"[Content_Types].xml", contentTypes, nil},
		{"_rels/.rels", rootRels, nil},
		{"docProps/core.xml", b.core(), nil},
		{"docProps/app.xml", b.app(), nil},
		{"word/document.xml", "", body},
		{"word/styles.xml", b.styles(), nil},
		{"word/numbering.xml", b.numbering(), nil},
		{"word/settings.xml", b.settings(), nil},
		{"word/fontTable.xml", fontTable, nil},
		{"word/theme/theme1.xml", theme, nil},
		{"word/header1.xml", b.header(), nil},
		{"word/footer1.xml", b.footer(), nil},
		{"word/_rels/document.xml.rels", b.rels(), nil},
	}
	z := zip.NewWriter(w)
	z.RegisterCompressor(zip.Deflate, flatepool.Writer)
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: opts.Date})
		if err != nil {
			return err
		}
		if p.data != nil {
			_, err = f.Write(p.data)
		} else {
			_, err = io.WriteString(f, p.content)
		}
		if err != nil {
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
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>` +
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

// settings: adjacent full-width punctuation compressed; English hyphenated
// (as the PDF is), never more than two lines running ending in a hyphen;
// theme fonts chosen for Simplified Chinese. The table of contents carries
// the page numbers of the PDF set from the same document, so the word
// processor is asked to update fields on opening (and Word to prompt for
// it) only when some of them are missing. Elements are in the schema's
// order, which Word insists on.
func (b *builder) settings() string {
	var sb strings.Builder
	sb.WriteString(xmlPI + `<w:settings ` + nsW + `><w:defaultTabStop w:val="420"/>`)
	if !b.zh() {
		sb.WriteString(`<w:autoHyphenation/><w:consecutiveHyphenLimit w:val="2"/><w:doNotHyphenateCaps/>`)
	}
	sb.WriteString(`<w:characterSpacingControl w:val="compressPunctuation"/>`)
	if b.tocStale {
		sb.WriteString(`<w:updateFields w:val="true"/>`)
	}
	sb.WriteString(`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
		`<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/>` +
		`</w:settings>`)
	return sb.String()
}

// newBuilder starts the parts of one DOCX; its body comes first, then the
// numbering its lists use.
func newBuilder(doc *document.Doc, opts Options, rev *revisions) *builder {
	if opts.Date.IsZero() {
		opts.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	opts.Date = opts.Date.UTC().Truncate(time.Second)
	if opts.Header == "" {
		opts.Header = doc.Title
	}
	return &builder{doc: doc, opts: opts, labels: document.LabelsFor(doc.Lang), rev: rev}
}

type builder struct {
	doc    *document.Doc
	opts   Options
	labels document.Labels
	links  []string // external hyperlink targets, rId = "rLink" + index
	nums   []numInstance
	cover  bool
	// tocStale is set when the table of contents lacks a heading's page.
	tocStale bool
	// marks are the bookmark names of the headings and list items that
	// links and cross-references lead to, by id; markIDs number them.
	marks   map[string]string
	markIDs map[string]int
	anchor  string // the id of the list item whose paragraph is written
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
	if clean(s) {
		return s
	}
	var buf bytes.Buffer
	writeEsc(&buf, s)
	return buf.String()
}

// clean reports whether s needs no escaping: printable ASCII without
// markup, or text without control characters, markup or invalid runes.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&' || c == '<' || c == '>' || c == '"':
			return false
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return false
		case c >= 0x80:
			return cleanRunes(s[i:])
		}
	}
	return true
}

func cleanRunes(s string) bool {
	for _, r := range s {
		// An invalid byte reads as U+FFFD, which must be written as such.
		if r == '&' || r == '<' || r == '>' || r == '"' || r == utf8.RuneError || !xmlChar(r) {
			return false
		}
	}
	return true
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// writeEsc writes s escaped for XML, dropping what XML 1.0 cannot carry.
func writeEsc(w *bytes.Buffer, s string) {
	if clean(s) {
		w.WriteString(s)
		return
	}
	for _, r := range s {
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '"':
			w.WriteString("&quot;")
		case xmlChar(r):
			w.WriteRune(r)
		}
	}
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
	sb.WriteString(`<Relationship Id="rFontTable" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>`)
	sb.WriteString(`<Relationship Id="rTheme" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>`)
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
	// 第 {PAGE} 页 共 {NUMPAGES} 页, or Page {PAGE} of {NUMPAGES}: the space
	// between Han characters and digits is the word processor's own.
	before, between, after := "第", "页 共", "页"
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

// run returns one text run with the given run properties; "\n" becomes a
// line break and "\t" a tab.
func run(text, rPr string) string {
	var buf bytes.Buffer
	writeRun(&buf, text, rPr)
	return buf.String()
}

// writeRun writes one text run, as run returns it.
func writeRun(w *bytes.Buffer, text, rPr string) {
	if text == "" {
		return
	}
	w.WriteString("<w:r>")
	if rPr != "" {
		w.WriteString("<w:rPr>")
		w.WriteString(rPr)
		w.WriteString("</w:rPr>")
	}
	first := true
	for line := range strings.SplitSeq(text, "\n") {
		if !first {
			w.WriteString("<w:br/>")
		}
		first = false
		tab := false
		for part := range strings.SplitSeq(line, "\t") {
			if tab {
				w.WriteString("<w:tab/>")
			}
			tab = true
			if part != "" {
				w.WriteString(`<w:t xml:space="preserve">`)
				writeEsc(w, part)
				w.WriteString(`</w:t>`)
			}
		}
	}
	w.WriteString("</w:r>")
}
