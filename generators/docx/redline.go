package docx

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"pilotpack/internal/document"
)

// A redline is written with the same styles, numbering and layout as any
// document; only its marks (document.Mark) add Word's tracked changes: text
// inserted in w:ins, deleted in w:del (w:delText), a paragraph inserted or
// deleted as a whole with its paragraph mark tracked too (so that rejecting
// an inserted clause leaves no empty paragraph behind), and table rows
// inserted or deleted as row revisions. Word, WPS and LibreOffice show them
// as revisions to accept or reject one by one. Moved text is tracked as a
// deletion at its old place and an insertion at its new one, which every
// word processor accepts and rejects alike.
//
// The hooks the writer calls are small and do nothing outside a redline:
// markedRun, paragraphMark, rowMark, tableEndMark, numberList and tocEntry.

// Revisions says who made a redline's changes and when.
type Revisions struct {
	// Author is the name the word processor shows with every change.
	Author string
	// Date is the changes' date; the document's date when zero.
	Date time.Time
}

// revisions is the state of a redline being written.
type revisions struct {
	author, date string
	next         int
	// articleNum is the numbering instance every article list shares, and
	// articles the articles of the later version counted so far.
	articleNum, articles int
}

// WriteRedline writes a redline — a document whose spans and rows carry
// marks — as a DOCX whose marks are tracked changes: accepting all of them
// gives the later version, rejecting all of them the earlier one.
func WriteRedline(w io.Writer, doc *document.Doc, opts Options, r Revisions) error {
	return write(w, doc, opts, newRevisions(doc, opts, r))
}

// revisionDate is how a revision's date is written.
const revisionDate = "2006-01-02T15:04:05Z"

func newRevisions(doc *document.Doc, opts Options, r Revisions) *revisions {
	if r.Date.IsZero() {
		r.Date = opts.Date
	}
	if r.Date.IsZero() {
		r.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return &revisions{author: r.Author, date: r.Date.UTC().Truncate(time.Second).Format(revisionDate),
		// Revision ids follow the bookmarks'.
		next: len(doc.Anchors()) + 1}
}

// attrs are the attributes of the next revision.
func (b *builder) attrs() string {
	id := b.rev.next
	b.rev.next++
	return fmt.Sprintf(` w:id="%d" w:author="%s" w:date="%s"`, id, esc(b.rev.author), b.rev.date)
}

// markedRun writes the run of a span, inserted or deleted as its mark says.
func (b *builder) markedRun(w *bytes.Buffer, s document.Span, rPr string) {
	if b.rev == nil || s.Text == "" || s.Mark == document.Unmarked {
		writeRun(w, s.Text, rPr)
		return
	}
	w.WriteString(b.markedRunString(s, rPr))
}

func (b *builder) markedRunString(s document.Span, rPr string) string {
	r := run(s.Text, rPr)
	switch s.Mark {
	case document.Inserted, document.MovedTo:
		return `<w:ins` + b.attrs() + `>` + r + `</w:ins>`
	case document.Deleted, document.MovedFrom:
		r = strings.ReplaceAll(r, `<w:t xml:space="preserve">`, `<w:delText xml:space="preserve">`)
		r = strings.ReplaceAll(r, `</w:t>`, `</w:delText>`)
		return `<w:del` + b.attrs() + `>` + r + `</w:del>`
	}
	return r
}

// paragraphMark tracks the mark of a paragraph inserted or deleted as a
// whole (the last of its properties). A cell's paragraph goes with its row.
func (b *builder) paragraphMark(spans []document.Span) string {
	if b.rev == nil || b.inCell {
		return ""
	}
	return b.markProps(document.WholeMark(spans))
}

func (b *builder) markProps(m document.Mark) string {
	switch m {
	case document.Inserted, document.MovedTo:
		return `<w:rPr><w:ins` + b.attrs() + `/></w:rPr>`
	case document.Deleted, document.MovedFrom:
		return `<w:rPr><w:del` + b.attrs() + `/></w:rPr>`
	}
	return ""
}

// rowMark tracks a row inserted or deleted as a whole.
func (b *builder) rowMark(r document.Row) string {
	if b.rev == nil {
		return ""
	}
	switch r.Mark {
	case document.Inserted, document.MovedTo:
		return `<w:ins` + b.attrs() + `/>`
	case document.Deleted, document.MovedFrom:
		return `<w:del` + b.attrs() + `/>`
	}
	return ""
}

// tableEndMark tracks the paragraph that closes a table inserted or
// deleted as a whole, which goes with it.
func (b *builder) tableEndMark(t *document.Table) string {
	if b.rev == nil {
		return ""
	}
	rows := append(append([]document.Row{}, t.Header...), t.Body...)
	if len(rows) == 0 {
		return ""
	}
	for _, r := range rows {
		if r.Mark != rows[0].Mark {
			return ""
		}
	}
	return b.markProps(rows[0].Mark)
}

// numberList returns the numbering instance of a list: one of its own,
// starting at its first number. In a redline, article lists share one, so
// that articles count on through the document whichever version the word
// processor shows: inserted articles count once accepted, deleted ones once
// rejected. A list that sets its own count keeps an instance of its own.
func (b *builder) numberList(l *document.List) int {
	if b.rev != nil && l.Style == document.Article {
		n := 0
		for _, it := range l.Items {
			if inNew(it) {
				n++
			}
		}
		continues := l.Start == b.rev.articles+1
		b.rev.articles = l.Start - 1 + n
		if continues && b.rev.articleNum > 0 {
			return b.rev.articleNum
		}
		b.nums = append(b.nums, numInstance{abstract: listAbstract[l.Style], start: l.Start})
		b.rev.articleNum = len(b.nums)
		return b.rev.articleNum
	}
	b.nums = append(b.nums, numInstance{abstract: listAbstract[l.Style], start: l.Start})
	return len(b.nums)
}

// tocEntry writes a heading's entry in the table of contents. In a
// redline the entry carries the heading's changes, so that the contents
// the word processor shows before it updates its fields are those of the
// version it shows.
func (b *builder) tocEntry(h *document.Heading) string {
	if b.rev == nil {
		return run(document.PlainText(typeset(h.Text)), "")
	}
	var sb strings.Builder
	for _, s := range typeset(h.Text) {
		s.Link = ""
		sb.WriteString(b.markedRunString(s, ""))
	}
	return sb.String()
}

// inNew reports whether a list item of a redline is in the later version:
// its first paragraph is not deleted as a whole.
func inNew(it document.Item) bool {
	if len(it.Blocks) > 0 {
		if p, ok := it.Blocks[0].(*document.Paragraph); ok && !document.WholeMark(p.Text).InNew() {
			return false
		}
	}
	return true
}
