package pdf

import (
	"fmt"

	"pilotpack/internal/document"
)

// A redline's marks (document.Mark) are drawn as lawyers read them:
// inserted text blue and underlined, deleted text red and struck through,
// moved text green (struck through where it was, double-underlined where it
// is now), and a change bar in the left margin beside every line holding a
// change. This file is all of it; the layout calls markRun for every run of
// text it sets, and the drawer colours the text by markColor and draws the
// marks' lines.

// markOp is a line of a redline's marks, in the mark's colour.
type markOp struct {
	x1, y1, x2, y2, width float64
	mark                  document.Mark
}

// changeBarX is where change bars stand: in the left margin, clear of the
// text.
const changeBarX = marginL - 9

// markRGB is the colour of marked text and its marks.
func markRGB(m document.Mark) (r, g, b float64, ok bool) {
	switch m {
	case document.Inserted:
		return 0, 0.22, 0.72, true
	case document.Deleted:
		return 0.78, 0, 0, true
	case document.MovedFrom, document.MovedTo:
		return 0, 0.48, 0.18, true
	}
	return 0, 0, 0, false
}

// markColor is the fill colour of marked text as a PDF colour, or "".
func markColor(m document.Mark) string {
	r, g, b, ok := markRGB(m)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%g %g %g", r, g, b)
}

// markRun adds the marks of a run of text set at baseline y from x, w wide,
// on a line whose box starts at top and is lead high.
func (e *engine) markRun(x, y, w, top, lead float64, st textStyle) {
	if st.mark == document.Unmarked || w <= 0 {
		return
	}
	thin := st.size * 0.06
	switch st.mark {
	case document.Inserted:
		e.add(markOp{x, y + st.size*0.12, x + w, y + st.size*0.12, thin, st.mark})
	case document.MovedTo:
		e.add(markOp{x, y + st.size*0.1, x + w, y + st.size*0.1, thin, st.mark})
		e.add(markOp{x, y + st.size*0.22, x + w, y + st.size*0.22, thin, st.mark})
	case document.Deleted, document.MovedFrom:
		e.add(markOp{x, y - st.size*0.3, x + w, y - st.size*0.3, thin, st.mark})
	}
	// One change bar per line: runs of the same line share it.
	p := e.page()
	for i := len(p.ops) - 1; i >= 0; i-- {
		if op, ok := p.ops[i].(markOp); ok && op.x1 == changeBarX && op.y1 == top {
			return
		}
	}
	e.add(markOp{changeBarX, top, changeBarX, top + lead, 1.2, document.Unmarked})
}

// mark draws a line of a redline's marks; a change bar is black.
func (d *drawer) mark(op markOp) {
	r, g, b, _ := markRGB(op.mark)
	d.p.SetDrawColor(int(r*255), int(g*255), int(b*255))
	d.p.SetLineWidth(op.width)
	d.p.Line(op.x1, op.y1, op.x2, op.y2)
}
