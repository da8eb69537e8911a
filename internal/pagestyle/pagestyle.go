// Package pagestyle is the one page style of every page-based document
// pilotpack writes: the page size and margins (A4, the left margin of at
// least 3 cm that bound dossiers need), where the running header, footer and
// packet page number sit, the type sizes of Chinese document practice, and
// how a table's columns share the text width. The PDF and DOCX generators
// both read it, so the two formats lay a document out alike.
//
// Lengths are in points (1/72 inch); Twips converts for Word.
package pagestyle

import "math"

// Style is a page style.
type Style struct {
	// PageWidth and PageHeight are the paper size.
	PageWidth, PageHeight float64
	// Margins around the text block.
	Top, Right, Bottom, Left float64
	// HeaderBaseline is the running header's baseline, from the page's top
	// edge; a rule runs HeaderRule below it.
	HeaderBaseline, HeaderRule float64
	// FooterBaseline is the page footer's baseline ("第 1 页 共 9 页"), from
	// the page's bottom edge.
	FooterBaseline float64
	// StampBaseline is the baseline of the packet page number that the
	// combined PDF prints on every page, its own and the attachments', from
	// the page's bottom edge: below the footer, in the band that documents
	// leave free and that scans seldom use.
	StampBaseline float64

	// Body is running text; Table the text of table cells; Running the
	// running header, footer and stamp; Code preformatted text.
	Body, Table, Running, Code Type
	// Headings are the heading styles, by level (index 0 is level 1).
	Headings [4]Heading
	// Title is a cover's first title line, Subtitle its further lines.
	Title, Subtitle Type
	// CellPad is the padding inside a table cell, on every side.
	CellPad float64
	// ParagraphAfter is the space after a paragraph, by language: Chinese
	// paragraphs are told apart by their first-line indent, English ones by
	// space.
	ParagraphAfterZh, ParagraphAfterEn float64
	// IndentZh is the first-line indent of a Chinese paragraph: two
	// characters.
	IndentZh float64

	// Fonts names the faces by role, as an office suite should find them.
	Fonts Fonts
}

// Type is a type size and the line height as a multiple of it.
type Type struct {
	Size, Lead float64
}

// Line is the height of one line of the type.
func (t Type) Line() float64 { return t.Size * t.Lead }

// Heading is the style of one heading level.
type Heading struct {
	Type
	// Sans sets the heading in the sans (黑体) face rather than the serif.
	Sans bool
	// Before and After are the space around the heading.
	Before, After float64
}

// Fonts are the families of the two roles: serif (宋体 style) for body text,
// sans (黑体 style) for headings, table header rows and code. EastAsia and
// the Latin names are what a DOCX declares; the PDF embeds the faces it is
// given.
type Fonts struct {
	Serif, Sans FontNames
}

// FontNames are the names of one family: the one embedded in PDFs, and the
// Windows face an office suite on a Chinese system has.
type FontNames struct {
	Embedded string // Noto Serif SC
	Windows  string // SimSun
}

// A4 is the style of every pilotpack document: A4 portrait, margins of 27 mm
// at the top, 20 mm right, 25 mm bottom and 30 mm left (binding side); 小四
// (12 pt) body text, 三号 / 四号 / 小四 headings, 五号 (10.5 pt) tables and 小五
// (9 pt) running heads.
var A4 = Style{
	PageWidth: 595.28, PageHeight: 841.89,
	Top: MM(27), Right: MM(20), Bottom: MM(25), Left: MM(30),
	HeaderBaseline: MM(18), HeaderRule: 5,
	FooterBaseline: 36.85, // 13 mm
	StampBaseline:  MM(7),
	Body:           Type{12, 1.6},
	Table:          Type{10.5, 1.45},
	Running:        Type{9, 1.4},
	Code:           Type{10, 1.45},
	Headings: [4]Heading{
		{Type{16, 1.4}, true, 18, 10}, // 三号
		{Type{14, 1.4}, true, 14, 7},  // 四号
		{Type{12, 1.4}, true, 10, 5},  // 小四
		{Type{12, 1.4}, false, 8, 4},
	},
	Title:            Type{22, 1.5},
	Subtitle:         Type{15, 1.5},
	CellPad:          4,
	ParagraphAfterZh: 4,
	ParagraphAfterEn: 8,
	IndentZh:         24,
	Fonts: Fonts{
		Serif: FontNames{Embedded: "Noto Serif SC", Windows: "SimSun"},
		Sans:  FontNames{Embedded: "Noto Sans SC", Windows: "SimHei"},
	},
}

// MM converts millimetres to points.
func MM(mm float64) float64 { return mm * 72 / 25.4 }

// Twips converts points to twentieths of a point, Word's unit.
func Twips(pt float64) int { return int(math.Round(pt * 20)) }

// TextWidth is the width of the text block.
func (s Style) TextWidth() float64 { return s.PageWidth - s.Left - s.Right }

// TextBottom is where the text block ends, from the page's top edge.
func (s Style) TextBottom() float64 { return s.PageHeight - s.Bottom }

// Heading returns the style of a heading level (1–4; others are clamped).
func (s Style) Heading(level int) Heading {
	return s.Headings[min(max(level, 1), len(s.Headings))-1]
}
