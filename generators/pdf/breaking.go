package pdf

import (
	"strings"
	"sync"
	"unicode"

	"pilotpack/internal/hyphen"
	"pilotpack/internal/linebreak"
	"pilotpack/internal/typo"
)

// glyph is one character placed in a line with its style and width.
type glyph struct {
	r rune
	// kern is spacing after the glyph: a quarter em before Latin text next
	// to Han, or less than nothing where a mark gives up its blank half
	// (typo.Spacing). A line ending in the glyph drops a positive kern.
	kern  float32
	style int // index into the line's styles
	// w is the advance the glyph takes in its line, everything included:
	// its font's advance, plus kern, plus a hyphen after it when a line
	// ends in it hyphenated.
	w float64
	// hy is the width of a hyphen in the glyph's style; em its size, in
	// hundredths of a point (so that the glyph takes 32 bytes: shaping
	// makes one for every character).
	hy   float32
	em   uint16
	hyph hyphens // when a word may be hyphenated (from the style)
	end  uint8   // set by breakLines: endLine, endHyphen
}

// spacing is the kern the glyph keeps in its line: a line ending in it
// drops a positive one.
func (g glyph) spacing() float64 {
	if g.kern > 0 && g.end&endLine != 0 {
		return 0
	}
	return float64(g.kern)
}

// hyphens says when the words of a text are hyphenated.
type hyphens uint8

const (
	// hyphenNever hyphenates a word only as a last resort, when it is wider
	// than the line.
	hyphenNever hyphens = iota
	// hyphenJustified hyphenates the word at a line's end when leaving it
	// whole would stretch the line's spaces too far.
	hyphenJustified
	// hyphenRagged hyphenates it when leaving it whole would leave more than
	// half the line empty: narrow table columns.
	hyphenRagged
)

// What breakLines marks on the glyph ending a line.
const (
	endLine   = 1 << iota // a positive kern taken off
	endHyphen             // a hyphen added after it
	// endHalf is no line's end but is kept in the same bits: settle set
	// the glyph, a compressed mark, to be drawn as its half form.
	endHalf
)

// softHyphen is what a line broken inside a word ends with: the font draws
// it as a hyphen, and text extraction knows it is not part of the word.
const softHyphen = '\u00ad'

func isNoStart(r rune) bool { return linebreak.NoStart(r) }
func isNoEnd(r rune) bool   { return linebreak.NoEnd(r) }

// wide reports whether r is set full width (typo.Wide).
func wide(r rune) bool { return typo.Wide(r) }

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' }

// settle spaces shaped glyphs: the quarter em between Han and Latin text
// (the spaces typed between them dropped) and compressed adjacent
// full-width marks (typo.Spacing). It returns gs, shortened in place.
func (e *engine) settle(gs []glyph, styles []textStyle) []glyph {
	spaced := false // Chinese text or marks, which typo.Spacing spaces
	for i := range gs {
		if gs[i].r >= 0x2000 {
			spaced = true
			break
		}
	}
	if !spaced {
		return gs
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.adjust = typo.Spacing(sc.load(gs), sc.adjust)
	var none typo.Adjust
	// Marks are compressed only where the font sets them full width.
	full := func(g glyph) bool { return e.face(styles[g.style].font).Width(g.r) == 1000 }
	out := 0
	for i, a := range sc.adjust {
		if a == none {
			if out != i {
				gs[out] = gs[i]
			}
			out++
			continue
		}
		g := gs[i]
		if st := &styles[g.style]; !st.verbatim { // code blocks keep their spacing
			em := float32(st.size)
			if a.Drop {
				continue
			}
			// halve draws a full-width mark that gives up half an em as
			// its half form (see halfBase), when its font allows.
			halve := func(h *glyph, by float32) bool {
				if by != 0.5 || h.end&endHalf != 0 || !e.face(styles[h.style].font).canHalve(h.r) {
					return false
				}
				h.end |= endHalf
				h.w -= float64(by * em)
				return true
			}
			switch {
			case a.After > 0:
				g.kern += a.After * em
			case a.After < 0 && full(g) && !halve(&g, -a.After):
				g.kern += a.After * em
			}
			if p := out - 1; a.Lead > 0 && p >= 0 && full(g) && full(gs[p]) && !halve(&gs[p], a.Lead) {
				// The blank taken off this mark's left side is taken off
				// the advance of the mark before it: the pair looks the
				// same, and a glyph is only ever moved by the one before.
				gs[p].kern -= a.Lead * em
				gs[p].w -= float64(a.Lead * em)
			}
			g.w += float64(g.kern)
		}
		gs[out] = g
		out++
	}
	gs = gs[:out]
	e.narrowQuotes(gs, styles, full)
	return gs
}

// quoteBlank is the blank side of a full-width curly quote that English
// text gives up, in ems: the Chinese faces draw “ at the right of its em
// and ” at the left, with more than half an em empty beside the mark.
const quoteBlank = 0.5

// englishQuote reports whether gs[i] is a curly quote set in English
// text (neither neighbour Chinese) by a face that draws it full width, and
// whether it opens.
func englishQuote(gs []glyph, i int, full func(glyph) bool) (ok, opening bool) {
	switch gs[i].r {
	case '“', '‘':
		opening = true
	case '”', '’':
	default:
		return false, false
	}
	// Dashes and ellipses are set full width in English too: “—” is
	// English text.
	chinese := func(r rune) bool { return wide(r) && r != '—' && r != '…' }
	if i > 0 && chinese(gs[i-1].r) || i+1 < len(gs) && chinese(gs[i+1].r) || !full(gs[i]) {
		return false, false
	}
	return true, opening
}

// narrowQuotes takes the blank half off curly quotes in English text, so
// that “Contract Giver” reads as quotes do in English: an opening quote by
// the advance of the glyph before it (at a line's start, lineItems moves
// it), a closing one by its own.
func (e *engine) narrowQuotes(gs []glyph, styles []textStyle, full func(glyph) bool) {
	for i := range gs {
		ok, opening := englishQuote(gs, i, full)
		if !ok {
			continue
		}
		cut := float32(quoteBlank * styles[gs[i].style].size)
		g := &gs[i]
		if opening {
			if i == 0 {
				continue
			}
			g = &gs[i-1]
			if !isSpace(g.r) {
				// Never back over the glyph before: its box and the
				// quote's would cross in the text layer ("(“Background").
				cut = min(cut, float32(g.w)*0.9)
			}
		}
		g.kern -= cut
		g.w -= float64(cut)
	}
}

// hyphenRune is what a face draws the hyphen of a broken word with.
func hyphenRune(f *Face) rune {
	if f.Has(softHyphen) {
		return softHyphen
	}
	return '-'
}

// scratch is reused storage for breaking one text.
type scratch struct {
	runes  []rune
	adjust []typo.Adjust
	breaks linebreak.Breaks
	fit    fitter
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// load returns the runes of gs, in sc's storage.
func (sc *scratch) load(gs []glyph) []rune {
	sc.runes = sc.runes[:0]
	for i := range gs {
		sc.runes = append(sc.runes, gs[i].r)
	}
	return sc.runes
}

// breakLines splits gs (text without hard line breaks) into lines no wider
// than width, the first narrower by firstIndent, and returns each line's
// index range. Lines break where internal/linebreak allows; spaces at a
// break are dropped, and so is the quarter em after the line's last glyph.
// An English word at a line's end is hyphenated when its glyphs' style
// asks for it (hyphens), and always when it is wider than the line: the
// glyph before the hyphen is marked endHyphen and its width includes the
// hyphen. With no break the rules allow, a line breaks between characters;
// closing marks that cannot go anywhere else hang past its end. A
// justified paragraph of English text whose lines, so broken one at a
// time, leave one loose is broken again as a whole (refit).
//
// breakLines marks the glyphs that end lines (it first clears the marks an
// earlier call left), so the lines' widths are the sums of their glyphs'.
func breakLines(gs []glyph, width, firstIndent float64) [][2]int {
	total := 0.0
	for i := range gs {
		g := &gs[i]
		if g.end&endLine != 0 && g.kern > 0 {
			g.w += float64(g.kern)
		}
		if g.end&endHyphen != 0 {
			g.w -= float64(g.hy)
		}
		g.end &= endHalf
		total += g.w
	}
	var lines [][2]int
	// set ends a line: its trailing spaces go, and its last glyph's
	// quarter em.
	set := func(start, end int) [2]int {
		stop := end
		for stop > start && isSpace(gs[stop-1].r) {
			stop--
		}
		if stop > start && gs[stop-1].kern > 0 && gs[stop-1].end&endLine == 0 {
			gs[stop-1].end |= endLine
			gs[stop-1].w -= float64(gs[stop-1].kern)
		}
		return [2]int{start, stop}
	}
	emit := func(start, end int) { lines = append(lines, set(start, end)) }
	start := 0
	for start < len(gs) && isSpace(gs[start].r) {
		start++
	}
	if start == len(gs) {
		return nil
	}
	if total <= width-firstIndent+1e-6 {
		emit(start, len(gs)) // the usual table cell or heading: one line
		return lines
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	br := &sc.breaks
	br.Reset(sc.load(gs))
	hyphenated := 0 // consecutive lines ending in a hyphen
	for start < len(gs) {
		avail := width
		if len(lines) == 0 {
			avail -= firstIndent
		}
		end := nextBreak(gs, br, start, avail, &hyphenated)
		emit(start, end)
		start = skipSpaces(gs, end)
	}
	if gs[lines[0][0]].hyph == hyphenJustified && looseEnglish(gs, lines, width, firstIndent) {
		lines = sc.fit.refit(gs, br, lines, width, firstIndent, set)
	}
	lines = spread(gs, br, lines, width, firstIndent, set)
	// A paragraph or a cell does not end in a line of one Chinese
	// character (孤字, "冻|干"): the line before gives up its last
	// character, and so ends a little short.
	if k := loneHan(gs, br, lines); k > 0 {
		prev, last := lines[len(lines)-2], lines[len(lines)-1]
		if g := &gs[prev[1]-1]; g.end&endLine != 0 { // undo what emit marked
			g.end &^= endLine
			g.w += float64(g.kern)
		}
		lines = lines[:len(lines)-2]
		emit(prev[0], k)
		lines = append(lines, [2]int{k, last[1]})
	}
	if k := runt(gs, br, lines, width); k > 0 {
		prev, last := lines[len(lines)-2], lines[len(lines)-1]
		unset(gs, prev)
		unset(gs, last)
		lines[len(lines)-2] = set(prev[0], k)
		lines[len(lines)-1] = set(skipSpaces(gs, k), last[1])
	}
	return lines
}

// runt returns where the line before the last should end so that ragged
// English text (a signature page's lead line, a table's header) does not
// end in a line of one short word ("follow.]"): at its last break, when
// the line above keeps two words and the last line takes the word it
// gives up. Else 0. Justified text keeps its lines: a word taken off a
// full line would open its spaces.
func runt(gs []glyph, br *linebreak.Breaks, lines [][2]int, width float64) int {
	n := len(lines)
	if n < 2 {
		return 0
	}
	prev, last := lines[n-2], lines[n-1]
	if gs[last[0]].hyph == hyphenJustified || last[0] <= prev[1] || gs[prev[1]-1].end&endHyphen != 0 ||
		lineWidth(gs, last[0], last[1]) >= width/5 {
		return 0
	}
	for _, g := range gs[last[0]:last[1]] {
		if isSpace(g.r) || wide(g.r) {
			return 0 // more than one word, or Chinese (loneHan's)
		}
	}
	spaces := 0
	for k := prev[1] - 1; k > prev[0]; k-- {
		if isSpace(gs[k-1].r) {
			spaces++
		}
		if wide(gs[k].r) || wide(gs[k-1].r) {
			return 0
		}
		if br.Before(k) && spaces > 0 {
			if lineWidth(gs, k, last[1]) > width+1e-6 {
				return 0
			}
			// The line above keeps at least two words.
			for i := prev[0]; i < k; i++ {
				if isSpace(gs[i].r) && i > prev[0] && !isSpace(gs[i-1].r) {
					return k
				}
			}
			return 0
		}
	}
	return 0
}

// nextBreak returns where a line starting at gs[start] ends: it takes
// glyphs while they fit (a glyph fits when the line ending in it, without
// its quarter em, fits), then lets breakAt choose the break.
func nextBreak(gs []glyph, br *linebreak.Breaks, start int, avail float64, hyphenated *int) int {
	w, end := 0.0, start
	for end < len(gs) {
		g := &gs[end]
		if end > start && !isSpace(g.r) && w+g.w-float64(max(g.kern, 0)) > avail+1e-6 {
			break
		}
		w += g.w
		end++
	}
	if end < len(gs) {
		end = breakAt(gs, br, start, end, avail, hyphenated)
	}
	return end
}

func skipSpaces(gs []glyph, i int) int {
	for i < len(gs) && isSpace(gs[i].r) {
		i++
	}
	return i
}

// maxStretch is how far, in ems, a justified line of Chinese text may
// stretch between two glyphs; a line that would stretch further is set
// ragged. Wider gaps read as letter-spacing.
const maxStretch = 0.125

// stretchy reports whether the line gs[start:end] (Chinese text), set in
// avail, stretches no more than maxStretch between its glyphs.
func stretchy(gs []glyph, start, end int, avail float64) bool {
	gaps := stretchGaps(gs[start:end])
	left := avail - lineWidth(gs, start, end)
	return left <= 0 || gaps > 0 && left <= float64(gaps)*maxStretch*float64(gs[start].em)/100
}

// spread shares out the room a justified line of Chinese text leaves empty
// when what follows it cannot break (an e-mail address, a date, a code):
// instead of one line stretched to letter-spacing or left half empty, the
// lines before it (up to three) each give up a little, so that the short
// line starts earlier and every line stretches no more than maxStretch.
// An address is never broken to fill a line: when no sharing works, the
// lines stay as they were (drawLine sets a line too loose to stretch
// ragged).
func spread(gs []glyph, br *linebreak.Breaks, lines [][2]int, width, firstIndent float64, set func(start, end int) [2]int) [][2]int {
	avail := func(i int) float64 {
		if i == 0 {
			return width - firstIndent
		}
		return width
	}
	loose := func(l int) bool {
		start, end := lines[l][0], lines[l][1]
		return gs[start].hyph == hyphenJustified && gs[end-1].end&endHyphen == 0 && hasWide(gs[start:end]) && !stretchy(gs, start, end, avail(l))
	}
	share := func(l int) bool {
		// As many lines as may share (up to four), so that each stretches
		// least, down to a line of English text alone, whose spaces
		// stretch (drawLine).
		first := l
		for first > 0 && l-first < 3 && hasWide(gs[lines[first-1][0]:lines[first-1][1]]) {
			first--
		}
		for j := first; j < l; j++ {
			// reflow breaks the lines afresh: their marks go first, and
			// come back when it finds nothing better.
			hy := make([]bool, l-j+1)
			for i := range hy {
				hy[i] = gs[lines[j+i][1]-1].end&endHyphen != 0
				unset(gs, lines[j+i])
			}
			try, tryHy := reflow(gs, br, lines, j, l, avail)
			done := try != nil
			if !done {
				try, tryHy = lines[j:l+1], hy
			}
			for i, t := range try {
				if tryHy[i] {
					markHyphen(gs, t[1])
				}
				lines[j+i] = set(t[0], t[1])
			}
			if done {
				return true
			}
		}
		return false
	}
	for l := 0; l < len(lines)-1; l++ {
		if loose(l) {
			share(l)
		}
	}
	return lines
}

// unset undoes what set and markHyphen marked on a line's last glyph.
func unset(gs []glyph, t [2]int) {
	if t[1] <= t[0] {
		return
	}
	g := &gs[t[1]-1]
	if g.end&endLine != 0 {
		g.end &^= endLine
		g.w += float64(g.kern)
	}
	unmarkHyphen(gs, t[1])
}

// reflow breaks lines j..l again (their ends unmarked), j..l-1 narrower
// by a share of their room, with line l ending where it did, and returns
// the new lines, and which of them end in a hyphen, when every one of them
// fits and stretches no more than maxStretch; else nil. It leaves no marks.
func reflow(gs []glyph, br *linebreak.Breaks, lines [][2]int, j, l int, avail func(int) float64) ([][2]int, []bool) {
	room := 0.0
	for i := j; i <= l; i++ {
		room += avail(i) - lineWidth(gs, lines[i][0], lines[i][1])
	}
	// Each line gives up room in proportion to the places it stretches,
	// so that all stretch alike.
	gaps := 0
	for i := j; i <= l; i++ {
		gaps += stretchGaps(gs[lines[i][0]:lines[i][1]])
	}
	if gaps == 0 {
		return nil, nil
	}
	perGap := room / float64(gaps)
	for _, f := range []float64{1, 0.85, 0.7} {
		out := make([][2]int, 0, l-j+1)
		hy := make([]bool, 0, l-j+1)
		start, ok := lines[j][0], true
		for i := j; i < l && ok; i++ {
			share := perGap * float64(stretchGaps(gs[lines[i][0]:lines[i][1]]))
			hyphenated := 0
			end := nextBreak(gs, br, start, avail(i)-share*f, &hyphenated)
			// The narrower line must end at a break the rules allow (or
			// in a hyphen), not in marks hanging past it, and stretch
			// little in the full width.
			ok = end > start && (hyphenated > 0 || br.Before(end)) && stretchy(gs, start, end, avail(i))
			if hyphenated > 0 {
				unmarkHyphen(gs, end)
			}
			out, hy = append(out, [2]int{start, end}), append(hy, hyphenated > 0)
			start = skipSpaces(gs, end)
		}
		end := lines[l][1]
		if ok && start < end && lineWidth(gs, start, end) <= avail(l)+1e-6 && stretchy(gs, start, end, avail(l)) {
			return append(out, [2]int{start, end}), append(hy, false)
		}
	}
	return nil, nil
}

// loneHan returns where the last line should start when it holds one Chinese
// character (and closing marks) alone: before the last character of the
// line above, where a line may break and at least three characters stay
// above. Else 0.
func loneHan(gs []glyph, br *linebreak.Breaks, lines [][2]int) int {
	n := len(lines)
	if n < 2 {
		return 0
	}
	prev, last := lines[n-2], lines[n-1]
	han := 0
	for _, g := range gs[last[0]:last[1]] {
		switch {
		case isNoStart(g.r):
		case unicode.Is(unicode.Han, g.r):
			han++
		default:
			return 0
		}
	}
	k := prev[1] - 1
	if han != 1 || last[0] != prev[1] || k-prev[0] < 3 || !unicode.Is(unicode.Han, gs[k].r) || !br.Before(k) {
		return 0
	}
	return k
}

// breakAt chooses where a line that starts at gs[start] and overflows at
// gs[end] ends, and marks a hyphen when it ends inside a word.
func breakAt(gs []glyph, br *linebreak.Breaks, start, end int, avail float64, hyphenated *int) int {
	brk := -1 // the last break the rules allow
	for k := end; k > start; k-- {
		if br.Before(k) {
			brk = k
			break
		}
	}
	over := gs[end]
	at := end
	if end > start && asciiLetter(gs[end-1].r) && strings.ContainsRune(",.;:)!?'\"”’", over.r) {
		// The mark after a word that fits overflows ("documents,"): the
		// word is the one to hyphenate.
		at = end - 1
	}
	if from, to := br.Word(at); to > from && from >= brk {
		// The overflowing glyph is in a word hyphenation may break (which
		// may have begun on the line before, when it is that long).
		// Capitalised words (names of companies and places, defined terms)
		// break only where leaving them whole would open gaps a reader
		// sees (and acronyms are no words to br.Word).
		forced := brk < 0
		name := gs[from].r >= 'A' && gs[from].r <= 'Z'
		if forced || *hyphenated < 2 && loose(gs, start, brk, avail, over, name) {
			// When the word must break anyway, a point that leaves the line
			// less than half full and the rest too long for the next is not
			// worth it: the letters that fit are.
			if k := hyphenPoint(gs, start, from, to, end, avail); k > 0 &&
				(!forced || lineWidth(gs, start, k)+float64(gs[k-1].hy) >= avail/2 || lineWidth(gs, k, to) <= avail) &&
				(forced || over.hyph != hyphenRagged || tailShares(gs, br, k, to, avail)) {
				*hyphenated++
				return markHyphen(gs, k)
			}
		}
	}
	if brk > start {
		*hyphenated = 0
		return brk
	}
	// No break the rules allow, and no hyphenation point that fits: the
	// text is wider than the line.
	if end > start && asciiLetter(gs[end-1].r) && plainWord(gs, br, end) {
		// Inside a word: break it with a hyphen, leaving what fits (one
		// letter at least), and three letters for the next line when two
		// stay on this one.
		from, to := end-1, end
		for from > start && asciiLetter(gs[from-1].r) {
			from--
		}
		for to < len(gs) && asciiLetter(gs[to].r) {
			to++
		}
		k := end
		for k > from+1 && lineWidth(gs, start, k)+float64(gs[k-1].hy) > avail+1e-6 {
			k--
		}
		if to-k < hyphen.RightMin && to-hyphen.RightMin >= from+hyphen.LeftMin {
			k = min(k, to-hyphen.RightMin)
		}
		*hyphenated++
		return markHyphen(gs, k)
	}
	*hyphenated = 0
	if isNoStart(over.r) && !inToken(gs, end) {
		// Closing marks hang past the line's end (标点悬挂) rather than
		// start the next line.
		for end < len(gs) && isNoStart(gs[end].r) {
			end++
		}
		return end
	}
	// A code, a number or a date wider than the line: break it where the
	// Unicode and Chinese rules alone would (20 |mg/mL, 8月|15日). An
	// address: after an @ or before a dot, hyphen, underscore or slash
	// near the end, as style manuals ask. Else where the line is full. No
	// hyphen is added: it would read as part of it.
	for k := end; k > start; k-- {
		if br.Forced(k) && !((gs[k-1].r == '.' || gs[k].r == '.') && shortTail(gs, k)) {
			return k
		}
	}
	for k := end; k > start+1 && k > end-12; k-- {
		if (gs[k-1].r == '@' || strings.ContainsRune(".-_/", gs[k].r) && !strings.ContainsRune("./", gs[k-1].r)) && !shortTail(gs, k) {
			return k
		}
	}
	for k := end; k > start+1; k-- {
		if !isNoEnd(gs[k-1].r) {
			return k
		}
	}
	return end
}

// inToken reports whether the ASCII mark gs[i] joins letters or digits on
// both sides (example.cn, 3.5): no closing mark to hang, but part of what
// it stands in. (The Chinese marks, 、 in A、B, never start a line.)
func inToken(gs []glyph, i int) bool {
	alnum := func(r rune) bool { return asciiLetter(r) || digit(r) }
	return gs[i].r < 0x80 && i > 0 && i+1 < len(gs) && alnum(gs[i-1].r) && alnum(gs[i+1].r)
}

// shortTail reports whether fewer than five characters of an address
// follow gs[k]: a line of its own for ".cn" reads as a stray.
func shortTail(gs []glyph, k int) bool {
	n := 0
	for ; k < len(gs) && !isSpace(gs[k].r) && !wide(gs[k].r); k++ {
		n++
	}
	return n < 5
}

// plainWord reports whether gs[i] is a letter of a word: a run of letters
// not in an address, a code or a number.
func plainWord(gs []glyph, br *linebreak.Breaks, i int) bool {
	if !asciiLetter(gs[i].r) {
		return false
	}
	from, to := i, i+1
	for from > 0 && asciiLetter(gs[from-1].r) {
		from--
	}
	for to < len(gs) && asciiLetter(gs[to].r) {
		to++
	}
	if from > 0 && (digit(gs[from-1].r) || strings.ContainsRune("@._/\\", gs[from-1].r)) ||
		to < len(gs) && (digit(gs[to].r) || strings.ContainsRune("@_/\\", gs[to].r) || gs[to].r == '.' && to+1 < len(gs) && asciiLetter(gs[to+1].r)) {
		return false
	}
	for k := from + 1; k < to; k++ {
		if br.Kept(k) {
			return false
		}
	}
	return true
}

func digit(r rune) bool { return r >= '0' && r <= '9' }

// loose reports whether ending the line at brk (or nowhere, brk < 0)
// leaves it looser than hyphenating the overflowing word would be worth;
// for a name, a capitalised word, only when the gaps would be wide.
func loose(gs []glyph, start, brk int, avail float64, over glyph, name bool) bool {
	if brk < 0 {
		return true
	}
	left := avail - lineWidth(gs, start, brk)
	em := float64(over.em) / 100
	switch over.hyph {
	case hyphenJustified:
		spaces, wideGlyphs := 0, false
		for _, g := range gs[start:brk] {
			if isSpace(g.r) {
				spaces++
			}
			wideGlyphs = wideGlyphs || wide(g.r)
		}
		if wideGlyphs {
			// Chinese lines stretch between every glyph.
			return left > 2*em
		}
		return gapes(left, spaces, em, name)
	case hyphenRagged:
		return !name && left > avail/2
	}
	return false
}

// gapes reports whether a justified line of English text, left short by
// left with spaces spaces (those it ends in included), stretches them too
// far to leave the word after it whole: by more than a fifth of an em each,
// about what TeX's default tolerance allows; before a name, by more than a
// third, spaces over half an em wide.
func gapes(left float64, spaces int, em float64, name bool) bool {
	if name {
		return spaces == 0 || left > float64(spaces)*em/3
	}
	return spaces == 0 || left > float64(spaces)*em/5
}

// tailShares reports whether the rest of a word hyphenated at k (the word
// ends at to) shares the next line with the text after it: in a ragged
// column, a hyphen that leaves "tion" alone on its line saves no line and
// only breaks the word.
func tailShares(gs []glyph, br *linebreak.Breaks, k, to int, avail float64) bool {
	next := to // the end of the word's piece, with its marks ("tion),")
	for next < len(gs) && !br.Before(next) {
		next++
	}
	if next == len(gs) {
		return false // the piece ends the text: its tail would be the last line
	}
	next++ // and the piece after it
	for next < len(gs) && !br.Before(next) {
		next++
	}
	return lineWidth(gs, k, next) <= avail+1e-6
}

// hyphenPoint returns where to break the word gs[from:to] so that the line
// from start fits with a hyphen: the hyphenation point furthest along that
// fits, or 0 when none does.
func hyphenPoint(gs []glyph, start, from, to, end int, avail float64) int {
	var word [64]byte
	if to-from > len(word) {
		return 0
	}
	for i := from; i < to; i++ {
		word[i-from] = byte(gs[i].r)
	}
	pts := hyphenPoints(word[:to-from])
	for i := len(pts) - 1; i >= 0; i-- {
		k := from + pts[i]
		if k > start && k <= end && lineWidth(gs, start, k)+float64(gs[k-1].hy) <= avail+1e-6 {
			return k
		}
	}
	return 0
}

// markHyphen ends a line before gs[k] with a hyphen and returns k.
func markHyphen(gs []glyph, k int) int {
	g := &gs[k-1]
	g.end |= endHyphen
	g.w += float64(g.hy)
	return k
}

// unmarkHyphen undoes markHyphen(gs, k).
func unmarkHyphen(gs []glyph, k int) {
	if g := &gs[k-1]; g.end&endHyphen != 0 {
		g.end &^= endHyphen
		g.w -= float64(g.hy)
	}
}

// hasWide reports whether gs holds Chinese text, which stretches between
// its glyphs.
func hasWide(gs []glyph) bool {
	for i := range gs {
		if wide(gs[i].r) {
			return true
		}
	}
	return false
}

// lineWidth is the width of a line of gs[start:end]: without its trailing
// spaces and its last glyph's quarter em.
func lineWidth(gs []glyph, start, end int) float64 {
	for end > start && isSpace(gs[end-1].r) {
		end--
	}
	w := 0.0
	for i := start; i < end; i++ {
		w += gs[i].w
	}
	if end > start && gs[end-1].kern > 0 && gs[end-1].end&endLine == 0 {
		w -= float64(gs[end-1].kern)
	}
	return w
}

func asciiLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// widths returns the width of gs set on one line and the width of its
// widest piece no line may break (spaces aside): what a table column needs
// at most and at least. Text no wider than short is taken as one piece
// (the caller never breaks it), without looking for breaks.
func widths(gs []glyph, short float64) (total, widest float64) {
	for i := range gs {
		total += gs[i].w
	}
	if total <= short {
		return total, total
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.breaks.Reset(sc.load(gs))
	// Spaces count where no line may break after them (021-6158 3720,
	// 300 g): a line ending at a break drops its spaces, but not those
	// inside a piece.
	piece, spaces := 0.0, 0.0
	for i := range gs {
		if sc.breaks.Before(i) {
			piece, spaces = 0, 0
		}
		if isSpace(gs[i].r) {
			if piece > 0 {
				spaces += gs[i].w
			}
			continue
		}
		piece += spaces + gs[i].w
		spaces = 0
		widest = max(widest, piece)
	}
	return total, widest
}

// stretchAfter reports whether a justified line of Chinese text stretches
// after gs[i]: between two glyphs when either is Chinese text or a space,
// never inside a Latin word or number nor after the last glyph.
func stretchAfter(gs []glyph, i int) bool {
	if i+1 >= len(gs) {
		return false
	}
	a, b := gs[i].r, gs[i+1].r
	return wide(a) || wide(b) || isSpace(a) || isSpace(b)
}

// stretchGaps counts the places a justified line of Chinese text stretches.
func stretchGaps(gs []glyph) int {
	n := 0
	for i := range gs {
		if stretchAfter(gs, i) {
			n++
		}
	}
	return n
}

// lineText is the text a line shows: its glyphs and the hyphen it ends in.
func lineText(gs []glyph) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteRune(g.r)
		if g.end&endHyphen != 0 {
			b.WriteByte('-')
		}
	}
	return b.String()
}
