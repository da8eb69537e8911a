package pagestyle

import (
	"slices"
	"strings"
	"unicode"
)

// Column is what one table column's content needs, measured by the
// generator in its own fonts, cell padding included.
type Column struct {
	// Min is the width of the longest piece of the column that no line
	// should break: a whole word (hyphenation in a column at least this wide
	// only fills a line out, it is never needed for a word to fit), a code,
	// a number with its unit, or a whole short cell (see KeepWhole).
	Min float64
	// Max is the width of the column's widest cell set on one line.
	Max float64
	// Empty says no body cell of the column holds text.
	Empty bool
	// Hint is the relative width a template asked for (<!-- widths: … -->),
	// or 0 for none.
	Hint float64
}

// KeepWhole is the width, in ems of the table type, up to which a cell is
// never broken: a label, a date, 项目 or a number stays on one line.
const KeepWhole = 5.0

// ColumnWidths shares width among columns.
//
// Without hints the columns are sized by content, as browsers size automatic
// tables: when every cell fits on one line the columns get their one-line
// widths, stretched alike to the full width; otherwise each column gets its
// minimum and the rest of the width goes to the columns in proportion to how
// much more their text would take. An empty column is thus as narrow as its
// header allows.
//
// With hints (every column's, from the template) the columns take the
// proportions the author asked for, except that no column goes below its
// minimum: a column that would is set at its minimum and the others share the
// rest, still in the author's proportions. An empty column keeps the share
// its hint gives it, for what is written in by hand. So a hint says how to
// share the room, never that a word must break.
//
// Only when even the minimums do not fit do columns get less than their
// minimum: the widest give way first (see levelled).
func ColumnWidths(cols []Column, width float64) []float64 {
	out := make([]float64, len(cols))
	if len(cols) == 0 {
		return out
	}
	sumMin, sumMax := 0.0, 0.0
	for _, c := range cols {
		sumMin += c.Min
		sumMax += max(c.Max, c.Min)
	}
	if sumMin >= width {
		return levelled(cols, width)
	}
	hinted := true
	for _, c := range cols {
		hinted = hinted && c.Hint > 0
	}
	if hinted {
		return hintedWidths(cols, width)
	}
	if sumMax <= width {
		for i, c := range cols {
			m := max(c.Max, c.Min)
			out[i] = m + (width-sumMax)*m/sumMax
		}
		return out
	}
	for i, c := range cols {
		out[i] = c.Min + (width-sumMin)*(max(c.Max, c.Min)-c.Min)/(sumMax-sumMin)
	}
	return out
}

// levelled shares a width narrower than the columns' minimums: the widest
// minimums are cut down to one level, as far as the width requires, and the
// narrower columns keep theirs. The widest piece is most often an address
// or a long word that breaks at its punctuation or with a hyphen, while the
// narrow columns hold labels, names and numbers that read badly broken
// ("Party | A", "0755-2681 | 4477"), and a column cut by a few points loses
// less than every column cut by a few.
func levelled(cols []Column, width float64) []float64 {
	mins := make([]float64, len(cols))
	for i, c := range cols {
		mins[i] = c.Min
	}
	slices.Sort(mins)
	// The level: below it the columns keep their minimums, above it they
	// are cut to it; the first level at which the width is all used.
	level, below := 0.0, 0.0
	for i, m := range mins {
		above := float64(len(mins) - i)
		if below+above*m >= width {
			level = (width - below) / above
			break
		}
		below += m
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = min(c.Min, level)
	}
	return out
}

// hintedWidths shares width in the hints' proportions, with every column at
// least its minimum. An empty column keeps its share: it is there to be
// written in (a signature, a date, a note).
func hintedWidths(cols []Column, width float64) []float64 {
	out := make([]float64, len(cols))
	fixed := make([]bool, len(cols))
	for {
		rest, hints := width, 0.0
		for i, c := range cols {
			if fixed[i] {
				rest -= out[i]
			} else {
				hints += c.Hint
			}
		}
		changed := false
		for i, c := range cols {
			if fixed[i] {
				continue
			}
			w := rest * c.Hint / hints
			switch {
			case w < c.Min:
				out[i], fixed[i], changed = c.Min, true, true
			default:
				out[i] = w
			}
		}
		if !changed {
			return out
		}
		free := false
		for _, f := range fixed {
			free = free || !f
		}
		if !free {
			// Every column is at a bound: the room left goes to all alike.
			sum := 0.0
			for _, w := range out {
				sum += w
			}
			for i := range out {
				out[i] *= width / sum
			}
			return out
		}
	}
}

// Numeric reports whether a cell's text is a number, which tables align
// right: digits with an optional sign, thousands separators, a decimal
// point, and a trailing percent or per-mille sign.
func Numeric(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, "%‰％")
	s = strings.TrimLeft(s, "+-−")
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case (r == ',' || r == '.') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return digits > 0
}
