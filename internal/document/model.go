// Package document is the one intermediate form of every page-based output:
// a document model (headings, paragraphs of styled spans, lists, tables, page
// breaks, a table of contents, title and signature blocks) and the parser
// that builds it from the Markdown templates produce. The PDF and DOCX
// generators both read this model, so one template yields both formats.
package document

import "pilotpack/internal/lang"

// Doc is a whole document.
type Doc struct {
	// Title names the document in its metadata, running header and bookmarks.
	Title string
	// Subject, Author and Keywords go into the metadata.
	Subject, Author, Keywords string
	// Lang is "zh" or "en": it picks paragraph conventions (first-line indent
	// in Chinese) and the wording of generated labels.
	Lang   lang.Lang
	Blocks []Block
}

// Block is one block-level element.
type Block interface{ isBlock() }

// Align is a paragraph's or a table column's alignment.
type Align int

// Alignments. Justify is the default for body text.
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
	AlignJustify
)

var alignNames = [...]string{"default", "left", "center", "right", "justify"}

func (a Align) String() string { return alignNames[a] }

// Span is a run of text in one style. Text may contain "\n" for a hard line
// break.
type Span struct {
	Text   string
	Bold   bool
	Italic bool
	Code   bool
	// Link is a URL, or "#id" for a heading or list item of the same
	// document.
	Link string
	// Ref is set on a cross-reference: the id it cites. The parser has
	// written the citation into Text (第十二条, Article 12(c)) and pointed
	// Link at the id.
	Ref string
	// NoBreak asks the layout to keep the span on one line: a line may
	// break before or after it, not inside. Where even a whole line cannot
	// hold it, break at spaces only.
	NoBreak bool
	// Mark is set in a redline: the span was inserted, deleted or moved
	// between two versions of the document (see Mark).
	Mark Mark
}

// Heading is a section heading of level 1 to 4.
type Heading struct {
	Level int
	// Text is the heading as set, its number included: 第一章　总则.
	Text []Span
	// ID is the anchor that links and the table of contents point at.
	ID string
	// Kind says whether and how the heading is numbered.
	Kind HeadingKind
	// Label is a numbered heading's number as a cross-reference cites it
	// (第三章, Chapter 3, 附件1, Annex 1); empty for other headings.
	Label string
}

// HeadingKind is how a heading is numbered.
type HeadingKind int

// Heading kinds. Chapters and annexes are counted through the document,
// each kind on its own.
const (
	Section HeadingKind = iota // not numbered: the text says what it is
	Chapter                    // 第一章 / Chapter 1
	Annex                      // 附件1 / Annex 1
)

var headingKindNames = [...]string{"section", "chapter", "annex"}

func (k HeadingKind) String() string { return headingKindNames[k] }

// Paragraph is a block of running text.
type Paragraph struct {
	Text  []Span
	Align Align
}

// ListStyle is how list items are marked.
type ListStyle int

// List styles. Article, Paren and Roman number a contract's clauses the
// way Chinese and English contracts do: articles (条) counted through the
// whole document, their items (项) and sub-items (目). Styles whose
// numbering is Chinese have an English form, so that one template structure
// serves both languages.
const (
	Bullet  ListStyle = iota // •
	Decimal                  // 1. 2. 3.
	Article                  // 第一条 第二条 / Article 1, Article 2
	Chinese                  // 一、二、三、 / 1. 2. 3.
	Paren                    // （一）（二） / (a) (b)
	Outline                  // 1.1 1.2 (nested lists continue: 1.1.1)
	Roman                    // (i) (ii) (iii)
)

var listStyleNames = [...]string{"bullet", "decimal", "article", "chinese", "paren", "outline", "roman"}

func (s ListStyle) String() string { return listStyleNames[s] }

// ListStyleByName returns the style with the given name.
func ListStyleByName(name string) (ListStyle, bool) {
	for i, n := range listStyleNames {
		if n == name {
			return ListStyle(i), true
		}
	}
	return 0, false
}

// List is an ordered or unordered list.
type List struct {
	Style ListStyle
	// Start is the number of the first item of an ordered list; an article
	// list's continues the articles before it.
	Start int
	// RunIn says the items' labels open their first paragraph, as Chinese
	// clauses and articles are set (第一条　本协议……); otherwise each label
	// hangs to the left of its item's text.
	RunIn bool
	Items []Item
}

// Task marks a list item as a checkbox.
type Task int

// Task states.
const (
	NoTask Task = iota
	Unchecked
	Checked
)

// Item is one list item.
type Item struct {
	Task   Task
	Blocks []Block
	// Label is the item's finished marker in the document's language: 第十二条　,
	// （三）, (c), (ii), 3., 1.2, •. The label of a run-in item ends with the
	// space that separates it from the text, where the label needs one.
	// Task items show their box instead.
	Label string
	// ID is the anchor of a labelled item, which cross-references cite.
	ID string
}

// Cell is one table cell.
type Cell struct {
	Text []Span
}

// Row is one table row.
type Row struct {
	Cells []Cell
	// Mark is set in a redline on a row inserted or deleted as a whole.
	Mark Mark
}

// Table is a table with header rows that repeat on every page it spans.
type Table struct {
	// Widths are relative column widths; nil lets the generator size
	// columns by their content.
	Widths []float64
	Align  []Align
	Header []Row
	Body   []Row
}

// PageBreak starts a new page.
type PageBreak struct{}

// TOC is where the table of contents goes.
type TOC struct {
	// Depth is the deepest heading level listed (default 2).
	Depth int
}

// Title is a centred title block, such as a cover's: the first line is set
// largest.
type Title struct {
	Lines []Paragraph
}

// Party is one signing party of a signature block, with everything its
// part of a signature page shows.
type Party struct {
	// Role is the party's designation, e.g. 甲方（委托方）：.
	Role []Span
	// Name is the party's full name. Its spans are NoBreak: a name is never
	// broken across lines where a line can hold it.
	Name []Span
	// Signatory labels the line the legal or authorised representative
	// signs on: 法定代表人或授权代表（签字）：.
	Signatory string
	// Date labels the date line: 日期：　　　　年　　月　　日.
	Date string
	// Seal is the blank area the company seal is pressed on.
	Seal SealArea
}

// SealArea is the space left for a company seal.
type SealArea struct {
	// Label marks the area: （盖章）, (Company seal).
	Label string
	// Width and Height are in millimetres, at least MinSeal each.
	Width, Height float64
}

// MinSeal is the least width and height of a seal area in millimetres: PRC
// company seals are round, 40 to 42 mm across (GA 241), and are pressed
// without touching the text around them.
const MinSeal = 40.0

// sealSize is the seal area the model gives each party, with room around a
// 42 mm seal.
const sealSize = 45.0

// Signature is a signature-and-seal block: the parties side by side, each
// with its name, a seal area, the representative's signature line and the
// date.
type Signature struct {
	// Lead closes an agreement's text before its signature page:
	// （以下无正文，为《药品委托生产质量协议》之签署页）. It is empty for a
	// block of one party (a declaration, an authority's seal).
	Lead    []Span
	Parties []Party
	// KeepTogether asks the layout never to split a party's block across
	// pages: its role, name, seal area, signature line and date stay on
	// one page, and parties set side by side stay on the same one.
	KeepTogether bool
}

// CodeBlock is preformatted text.
type CodeBlock struct {
	Text string
}

// Quote is an indented block.
type Quote struct {
	Blocks []Block
}

// Rule is a horizontal line.
type Rule struct{}

func (*Heading) isBlock()   {}
func (*Paragraph) isBlock() {}
func (*List) isBlock()      {}
func (*Table) isBlock()     {}
func (*PageBreak) isBlock() {}
func (*TOC) isBlock()       {}
func (*Title) isBlock()     {}
func (*Signature) isBlock() {}
func (*CodeBlock) isBlock() {}
func (*Quote) isBlock()     {}
func (*Rule) isBlock()      {}

// PlainText joins the text of spans.
func PlainText(spans []Span) string {
	n := 0
	for _, s := range spans {
		n += len(s.Text)
	}
	b := make([]byte, 0, n)
	for _, s := range spans {
		b = append(b, s.Text...)
	}
	return string(b)
}

// Headings returns every heading of the document in order, including those
// inside lists and quotes.
func (d *Doc) Headings() []*Heading {
	var out []*Heading
	Walk(d.Blocks, func(b Block) {
		if h, ok := b.(*Heading); ok {
			out = append(out, h)
		}
	})
	return out
}

// Walk calls fn for every block, depth first.
func Walk(blocks []Block, fn func(Block)) {
	for _, b := range blocks {
		fn(b)
		switch b := b.(type) {
		case *List:
			for _, it := range b.Items {
				Walk(it.Blocks, fn)
			}
		case *Quote:
			Walk(b.Blocks, fn)
		case *Title:
			for i := range b.Lines {
				fn(&b.Lines[i])
			}
		}
	}
}

// EachText calls fn with every run of spans in blocks, depth first: the
// text of headings, paragraphs, table cells, title lines and signature
// parties. fn may rewrite the spans in place.
func EachText(blocks []Block, fn func(*[]Span)) {
	Walk(blocks, func(b Block) {
		switch b := b.(type) {
		case *Heading:
			fn(&b.Text)
		case *Paragraph:
			fn(&b.Text)
		case *Table:
			for _, rows := range [][]Row{b.Header, b.Body} {
				for i := range rows {
					for j := range rows[i].Cells {
						fn(&rows[i].Cells[j].Text)
					}
				}
			}
		case *Signature:
			fn(&b.Lead)
			for i := range b.Parties {
				fn(&b.Parties[i].Role)
				fn(&b.Parties[i].Name)
			}
		}
	})
}

// Anchors returns the id of every heading and labelled list item, in order:
// the places links within the document lead to.
func (d *Doc) Anchors() []string {
	var out []string
	Walk(d.Blocks, func(b Block) {
		switch b := b.(type) {
		case *Heading:
			out = append(out, b.ID)
		case *List:
			for _, it := range b.Items {
				if it.ID != "" {
					out = append(out, it.ID)
				}
			}
		}
	})
	return out
}
