package pdf

import (
	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
)

// A redline's marks (document.Mark) are drawn as lawyers read them:
// inserted text blue and underlined, deleted text red and struck through,
// moved text green (struck through where it was, double-underlined where it
// is now), and a change bar in the left margin beside every line holding a
// change. This file is all of it: the layout colours a marked run's text by
// markColor, calls markRun for every run of text and every justified space
// it sets, and changeBar for every line holding a mark. On the page the
// marks are rules in the mark's colour, so every serialiser draws them.

// changeBarX is where change bars stand: in the left margin, clear of the
// text.
var changeBarX = marginL - 9

// markColor is the colour of marked text and its marks.
func markColor(m document.Mark) page.Color {
	switch m {
	case document.Inserted:
		return page.Color{R: 0, G: 0.22, B: 0.72}
	case document.Deleted:
		return page.Color{R: 0.78, G: 0, B: 0}
	case document.MovedFrom, document.MovedTo:
		return page.Color{R: 0, G: 0.48, B: 0.18}
	}
	return page.Gray(0)
}

// markRun returns the marks of a run of text set at baseline y from x, w
// wide: none for unmarked text.
func (e *engine) markRun(x, y, w float64, st *textStyle) []page.Item {
	if st.mark == document.Unmarked || w <= 0 {
		return nil
	}
	thin := st.size * 0.06
	c := markColor(st.mark)
	rule := func(dy float64) page.Item {
		return page.Rule{X1: x, Y1: y + dy, X2: x + w, Y2: y + dy, Width: thin, Color: c}
	}
	switch st.mark {
	case document.Inserted:
		return []page.Item{rule(st.size * 0.12)}
	case document.MovedTo:
		return []page.Item{rule(st.size * 0.1), rule(st.size * 0.22)}
	case document.Deleted, document.MovedFrom:
		return []page.Item{rule(-st.size * 0.3)}
	}
	return nil
}

// changeBar puts a black bar in the margin beside the line whose box starts
// at top and is lead high, unless the line has one already (the cells of a
// table row share their lines).
func (e *engine) changeBar(top, lead float64) {
	items := e.page().Items
	for i := len(items) - 1; i >= 0; i-- {
		if r, ok := items[i].(page.Rule); ok && r.X1 == changeBarX && r.Y1 == top {
			return
		}
	}
	e.add(page.Rule{X1: changeBarX, Y1: top, X2: changeBarX, Y2: top + lead, Width: 1.2, Color: page.Gray(0)})
}
