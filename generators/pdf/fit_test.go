package pdf

import (
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
	"pilotpack/internal/hyphen"
	"pilotpack/internal/linebreak"
)

// justified returns s as justified English text in glyphs 1 wide (see
// mono) with an em of 10: a space stretches by 2 at tolerance.
func justified(s string) []glyph {
	gs := monoH(s, hyphenJustified)
	for i := range gs {
		gs[i].em = 1000
	}
	return gs
}

// firstFit breaks gs one line at a time, as breakLines does before it
// looks at the paragraph as a whole.
func firstFit(gs []glyph, width float64) [][2]int {
	br := linebreak.New(runes(gs))
	var lines [][2]int
	start, hyphenated := skipSpaces(gs, 0), 0
	for start < len(gs) {
		end := nextBreak(gs, br, start, width, &hyphenated)
		stop := end
		for stop > start && isSpace(gs[stop-1].r) {
			stop--
		}
		lines = append(lines, [2]int{start, stop})
		start = skipSpaces(gs, end)
	}
	return lines
}

// stretch is how far, in ems, each space of a line (as breakLines marked
// it) stretches when it is justified to width.
func stretch(gs []glyph, l [2]int, width float64) float64 {
	w, spaces := 0.0, 0
	for _, g := range gs[l[0]:l[1]] {
		w += g.w
		if isSpace(g.r) {
			spaces++
		}
	}
	if spaces == 0 {
		return 0
	}
	return (width - w) / float64(spaces) / (float64(gs[l[0]].em) / 100)
}

func texts(gs []glyph, lines [][2]int) string {
	var out []string
	for _, l := range lines {
		out = append(out, lineText(gs[l[0]:l[1]]))
	}
	return strings.Join(out, "|")
}

// TestTotalFit checks that a justified paragraph whose lines, broken one at
// a time, leave one gaping is broken as a whole instead, with a line a
// little looser or tighter before it, or a hyphen earlier on.
func TestTotalFit(t *testing.T) {
	for _, tt := range []struct {
		in       string
		width    float64
		firstFit string
		totalFit string
	}{
		// "on was" would stretch its space by 3 (tolerance: 2): "a" goes
		// down, and "its and" stretches by 2.
		{"its and a on was ran", 9, "its and a|on was|ran", "its and|a on was|ran"},
		// "Contract Giver to" would stretch by 2.5 a space: "product" is
		// hyphenated a line earlier, where it is not the word that
		// overflows.
		{"quality site product Contract Giver to quality", 22, "quality site product|Contract Giver to|quality", "quality site prod-|uct Contract Giver to|quality"},
		// Or a line takes a word more, its two spaces shrinking by half a
		// glyph each: "its was and" is 11 wide, in 10.
		{"its was and so the", 10, "its was|and so the", "its was and|so the"},
		// Lines within tolerance stay as they are.
		{"the holders of manufacturing", 15, "the holders of|manufacturing", "the holders of|manufacturing"},
	} {
		gs := justified(tt.in)
		if got := texts(gs, firstFit(gs, tt.width)); got != tt.firstFit {
			t.Errorf("%q at %v, one line at a time: got %q, want %q", tt.in, tt.width, got, tt.firstFit)
		}
		gs = justified(tt.in)
		if got := texts(gs, breakLines(gs, tt.width, 0)); got != tt.totalFit {
			t.Errorf("%q at %v: got %q, want %q", tt.in, tt.width, got, tt.totalFit)
		}
	}
}

// TestTotalFitRules breaks random paragraphs of words, names and
// hyphenatable words at many widths and checks that breaking them as a
// whole keeps every rule of breaking them a line at a time: lines fit,
// they end where linebreak allows or at a hyphenation point, a word is
// hyphenated only where leaving it whole would open the line's spaces too
// far (a name: by a third of an em), never three hyphens in a row, and
// the lines cost no more than those of one line at a time; a paragraph
// without a loose line is left as it was.
func TestTotalFitRules(t *testing.T) {
	words := strings.Fields("the of a to is and batch record quality agreement holder site manufacture release product " +
		"Lanhu Contract Giver Biopharmaceutical responsibilities documents, (Hantuzumab Co., Ltd.) 20 mg/mL QS-WCB-001")
	r := rand.New(rand.NewSource(1))
	refits := 0
	for range 3000 {
		ws := make([]string, 8+r.Intn(20))
		for i := range ws {
			ws[i] = words[r.Intn(len(words))]
		}
		text := strings.Join(ws, " ")
		width := float64(20 + r.Intn(30))
		ffs := justified(text)
		ff := firstFit(ffs, width)
		gs := justified(text)
		lines := breakLines(gs, width, 0)
		if !looseEnglish(ffs, ff, width, 0) {
			if !slices.Equal(lines, ff) {
				t.Errorf("%q at %v: lines %q, one at a time %q, and none is loose", text, width, texts(gs, lines), texts(ffs, ff))
			}
			continue
		}
		if slices.Equal(lines, ff) {
			continue // no better lines: those of one line at a time, whatever their rules
		}
		refits++
		br := linebreak.New(runes(gs))
		run := 0
		for i, l := range lines {
			line := lineText(gs[l[0]:l[1]])
			w, spaces := 0.0, 0
			for _, g := range gs[l[0]:l[1]] {
				w += g.w
				if isSpace(g.r) {
					spaces++
				}
			}
			// Only a justified line may shrink its spaces.
			if i == len(lines)-1 {
				spaces = 0
			}
			if w > width+float64(spaces)*10*shrink+1e-9 {
				t.Errorf("%q at %v: line %q is %v wide", text, width, line, w)
			}
			if i == len(lines)-1 {
				break
			}
			next := lines[i+1][0]
			if gs[l[1]-1].end&endHyphen == 0 {
				run = 0
				if !br.Before(next) {
					t.Errorf("%q at %v: %q|%q breaks where the rules allow no break", text, width, line, lineText(gs[next:lines[i+1][1]]))
				}
				continue
			}
			if run++; run > 2 {
				t.Errorf("%q at %v: three hyphens in a row, up to %q", text, width, line)
			}
			from, to := br.Word(next)
			word := string(runes(gs[from:to]))
			if to <= from || next != l[1] || !slices.Contains(hyphen.Points(word), next-from) {
				t.Errorf("%q at %v: %q|%q is no hyphenation point", text, width, line, lineText(gs[next:lines[i+1][1]]))
				continue
			}
			// The line with the word left whole for the next.
			brk := from
			for brk > l[0] && !br.Before(brk) {
				brk--
			}
			name := word[0] >= 'A' && word[0] <= 'Z'
			if brk > l[0] {
				clean := justified(text)
				if !loose(clean, l[0], brk, width, clean[from], name) {
					t.Errorf("%q at %v: %q hyphenates %q, which leaves the line close enough whole", text, width, line, word)
				}
			}
		}
		runt := func(gs []glyph, lines [][2]int) bool {
			l := lines[len(lines)-1]
			return len(lines) > 1 && isRunt(gs, l[0], l[1], lineWidth(gs, l[0], l[1]), width)
		}
		if runt(gs, lines) && !runt(ffs, ff) {
			t.Errorf("%q at %v: %q ends in a runt, one line at a time did not: %q", text, width, texts(gs, lines), texts(ffs, ff))
		}
		if c, old := cost(gs, lines, width), cost(ffs, ff, width); c > old+1e-6 {
			t.Errorf("%q at %v: %q costs %v, more than %q (%v)", text, width, texts(gs, lines), c, texts(ffs, ff), old)
		}
	}
	if refits < 100 {
		t.Errorf("only %d paragraphs broken otherwise than one line at a time", refits)
	}
}

// cost is the demerits of lines broken by firstFit or breakLines, as refit
// weighs them.
func cost(gs []glyph, lines [][2]int, width float64) float64 {
	if len(lines) == 0 {
		return 0
	}
	hys := make([]bool, len(lines))
	for i, l := range lines {
		hys[i] = gs[l[1]-1].end&endHyphen != 0
		unset(gs, l) // widths without the marks
	}
	d := 0.0
	prevHy := false
	for i, l := range lines {
		hy := hys[i]
		w := lineWidth(gs, l[0], l[1])
		if hy {
			w += float64(gs[l[1]-1].hy)
		}
		spaces := 0
		for _, g := range gs[l[0]:l[1]] {
			if isSpace(g.r) {
				spaces++
			}
		}
		last := i == len(lines)-1
		d += demerits(width-w, spaces, 10, last, hy, prevHy, last && i > 0 && isRunt(gs, l[0], l[1], w, width))
		prevHy = hy
	}
	return d
}

// TestLooseParagraphs sets paragraphs of the fixtures' documents in the
// embedded fonts whose lines broken one at a time left a line gaping: the
// process of an antibody intermediate, set with a line of 0.58 em between
// words ("vation → anion/cation exchange chromatography → nanofiltration
// →"), an agreement's annex article ("(Hantuzumab Vedotin for Injection,
// Suzhou Lanhu Biopharmaceutical|Co., Ltd.)") and a definition. Broken as a
// whole, no line but the last stretches its spaces by more than limit, nor
// shrinks them by more than shrink.
func TestLooseParagraphs(t *testing.T) {
	e := newEngine(&document.Doc{Lang: "en"}, mustFonts(t))
	e.newPage()
	for _, tt := range []struct {
		spans []document.Span
		width float64
		limit float64 // em per space
	}{
		{[]document.Span{{Text: "Process: WCB thaw → seed expansion → 2000 L fed-batch culture (14 days) → depth filtration → " +
			"protein A affinity chromatography → low-pH viral inactivation → anion/cation exchange chromatography → nanofiltration → " +
			"ultrafiltration/diafiltration (concentration and buffer exchange)"}}, textW, 1.0 / 3},
		{[]document.Span{{Text: "Article 56 ", Bold: true}, {Text: "Annex.", Bold: true}, {Text: " The Quality Agreement for Entrusted Manufacturing " +
			"(Hantuzumab Vedotin for Injection, Suzhou Lanhu Biopharmaceutical Co., Ltd.) is an annex to this Agreement, signed as a separate document, " +
			"and has the same effect as this Agreement."}}, textW, 0.2},
		{[]document.Span{{Text: "Rework", Bold: true}, {Text: " means returning all or part of an intermediate or product that does not meet its specification " +
			"to a previous step and processing it again by the same process; "}, {Text: "reprocessing", Bold: true}, {Text: " means processing it again by a different process."}},
			textW - 4*bodySize, 0.2},
	} {
		st := textStyle{font: fSerif, size: bodySize, hyphens: hyphenJustified}
		segs, _ := e.shape(tt.spans, st)
		gs := segs[0]
		before := 0.0
		ff := firstFit(gs, tt.width)
		for _, l := range ff[:len(ff)-1] {
			before = max(before, stretch(gs, l, tt.width))
		}
		if before <= tt.limit {
			t.Errorf("%q: one line at a time stretches by %.2f em at most, no more than %.2f: the case tests nothing", lineText(gs), before, tt.limit)
		}
		ls := e.lines(tt.spans, st, tt.width, 0)
		for _, l := range ls {
			if l.last {
				continue
			}
			w, spaces := 0.0, 0
			for _, g := range l.gs {
				w += g.w
				if isSpace(g.r) {
					spaces++
				}
			}
			if s := (tt.width - w) / float64(spaces) / bodySize; s > tt.limit || s < -shrink-1e-9 {
				t.Errorf("%q stretches by %.2f em a space (one line at a time: %.2f at most)", lineText(l.gs), s, before)
			}
			// Drawn, stretched or shrunk, it fills the measure.
			items, _ := e.lineItems(l, 0, 0, tt.width, bodySize*bodyLead, document.AlignJustify)
			first, last := items[0].(page.Text), items[len(items)-1].(page.Text)
			if math.Abs(first.X) > 1e-6 || math.Abs(last.X+last.Width-tt.width) > 0.01 {
				t.Errorf("%q is drawn from %.2f to %.2f, in a measure of %.2f", lineText(l.gs), first.X, last.X+last.Width, tt.width)
			}
		}
	}
}
