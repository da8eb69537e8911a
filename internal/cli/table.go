package cli

import (
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"pilotpack/internal/termwidth"
)

// writeTable writes rows as aligned columns. Widths are display widths:
// a Chinese character takes two cells of a terminal, which text/tabwriter
// does not know. On a terminal too narrow for the table, the first column
// (file names, which can be long) is cut from the left to fit.
func writeTable(w io.Writer, rows [][]string) error {
	if cols := terminalWidth(w); cols > 0 {
		rows = fitFirstColumn(rows, cols-1)
	}
	var widths []int
	for _, r := range rows {
		for i, cell := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], termwidth.String(cell))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, cell := range r {
			if i < len(r)-1 {
				b.WriteString(termwidth.Pad(cell, widths[i]+2))
			} else {
				b.WriteString(cell)
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// terminalWidth is the width of the terminal w writes to, or 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return cols
}

// fitFirstColumn cuts the cells of the first column so that every row fits
// in cols cells, keeping at least 12 of them.
func fitFirstColumn(rows [][]string, cols int) [][]string {
	var widths []int
	for _, r := range rows {
		for i, cell := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], termwidth.String(cell))
		}
	}
	total := 0
	for _, w := range widths {
		total += w + 2
	}
	over := total - 2 - cols
	if over <= 0 || len(widths) == 0 {
		return rows
	}
	keep := max(12, widths[0]-over)
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string(nil), r...)
		if len(r) > 0 {
			out[i][0] = termwidth.TruncateLeft(r[0], keep)
		}
	}
	return out
}
