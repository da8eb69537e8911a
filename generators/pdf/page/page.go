// Package page is the typeset form of a document: pages of items at fixed
// positions. Layout produces pages and nothing else; serialisers (the PDF
// writer, and whatever else wants to show or compare a document) consume
// them and never look into layout. The set of items is closed, as in Typst's
// frames: text runs, rules, boxes, groups, links, link targets and
// bookmarks.
//
// Positions are in points from the page's top-left corner, y downwards.
package page

// Page is one page.
type Page struct {
	// Width and Height are the page's size.
	Width, Height float64
	Items         []Item
}

// Add appends items to the page.
func (p *Page) Add(items ...Item) { p.Items = append(p.Items, items...) }

// Item is one thing placed on a page: Text, Rule, Box, Group, Link, Dest or
// Bookmark.
type Item interface{ item() }

// Font names a face of the document's fonts.
type Font int

// Color is an RGB colour, each component from 0 to 1.
type Color struct{ R, G, B float64 }

// Gray is a shade of gray from 0 (black) to 1 (white).
func Gray(level float64) Color { return Color{level, level, level} }

// IsGray reports whether the colour is a shade of gray.
func (c Color) IsGray() bool { return c.R == c.G && c.G == c.B }

// Text is a run of text in one font, size and colour, on one baseline.
type Text struct {
	// X and Y are the start of the baseline.
	X, Y float64
	Font Font
	Size float64
	// Width is the run's advance, spacing included.
	Width float64
	// Ascent and Descent are the run's extent above and below the baseline
	// (Descent positive, downwards).
	Ascent, Descent float64
	Color           Color
	// Spacing is extra space after every character, for justification.
	Spacing float64
	// Italic slants the run (a synthetic oblique: Chinese faces have no
	// italics).
	Italic bool
	// Text is the characters drawn.
	Text string
	// Actual is the text the run stands for when it is not Text: the
	// original character behind a placeholder that no font could draw.
	// Copying and searching return Actual.
	Actual string
}

// Rule is a straight line.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          Color
	// Dash is the dash pattern (on, off lengths), nil for a solid line.
	Dash []float64
}

// Box is a rectangle, filled or stroked or both.
type Box struct {
	X, Y, W, H float64
	// Fill is the fill colour; nil for none.
	Fill *Color
	// Stroke is the outline's width; 0 for none. StrokeColor is its colour.
	Stroke      float64
	StrokeColor Color
	Dash        []float64
}

// Group is items turned about a point, as a watermark is.
type Group struct {
	// Rotate is the angle in degrees, anticlockwise, about (X, Y).
	Rotate float64
	X, Y   float64
	Items  []Item
}

// Link makes an area of the page a link: to a URL, or to a Dest of the same
// document (or of the same book, for a combined file).
type Link struct {
	X, Y, W, H float64
	URL        string
	Dest       string
}

// Dest is a named place links can point at, at height Y of the page.
type Dest struct {
	ID string
	Y  float64
}

// Bookmark is an entry of the document's outline, pointing at height Y of
// the page; Level 0 is the top.
type Bookmark struct {
	Title string
	Level int
	Y     float64
}

func (Text) item()     {}
func (Rule) item()     {}
func (Box) item()      {}
func (Group) item()    {}
func (Link) item()     {}
func (Dest) item()     {}
func (Bookmark) item() {}
