package pdf

import (
	"math"
	"sync"
	"sync/atomic"

	"pilotpack/internal/hyphen"
	"pilotpack/internal/linebreak"
)

// A justified paragraph of English text is first broken one line at a time
// (nextBreak): each line takes what fits, and hyphenates only the word that
// overflows it. Now and then that leaves a line whose spaces gape because
// what follows cannot come up ("Suzhou Lanhu Biopharmaceutical|Co., Ltd."),
// while a break a line or two earlier would have spared it. For such a
// paragraph refit chooses the breaks of the whole paragraph at once, as TeX
// does (Knuth and Plass, "Breaking paragraphs into lines", 1981): among the
// breaks the rules allow and the hyphenation points where the rules would
// hyphenate, the set whose lines stretch least overall.

// How a paragraph's breaks are weighed: TeX's measures and its defaults
// (plain.tex).
const (
	// tolerance is the badness a justified line may reach: a line reaches
	// it when its spaces stretch by a fifth of an em each, where loose
	// starts hyphenating a word rather than leave it whole.
	tolerance = 200
	// linePenalty is paid by every line, so that of two sets of breaks as
	// loose the one of fewer lines wins.
	linePenalty = 10
	// hyphenPenalty is paid by a line ending in a hyphen.
	hyphenPenalty = 50
	// doubleHyphenDemerits are paid by a hyphen on the line after a hyphen,
	// finalHyphenDemerits by a hyphen on the line before the last.
	doubleHyphenDemerits = 10000
	finalHyphenDemerits  = 5000
	// runtDemerits are paid by a last line of one short word (as runt
	// finds in ragged text), when the lines broken one at a time end in one
	// too (else such a line is not taken): as much as a line whose spaces
	// stretch by a third of an em, the gap at which loose hyphenates a
	// name.
	runtBadness  = tolerance * 125 / 27
	runtDemerits = (linePenalty + runtBadness) * (linePenalty + runtBadness)
	// maxFit is the most, in ems, that the spaces of a line refit weighs
	// may stretch: a line looser still is never the better choice (and
	// beyond 1.5 em drawLine sets it ragged).
	maxFit = 1.0
)

// shrink is how far, in ems, a space of a justified line of English text
// may shrink: a fifth of the fonts' word space (a quarter em), as setters
// let spaces close to four fifths (TeX's fonts give up a third). Only
// refit sets such lines, where a line that takes a word more saves one
// that gapes ("Co., Ltd.)" up to the line before).
const shrink = 0.05

// badness is how loose a justified line of English text looks when its
// spaces (spaces of them) take extra room besides their own, in text of em:
// 0 at the line's natural width, tolerance when each space stretches by a
// fifth of an em, growing with the cube of the stretch. A line without
// spaces cannot stretch (drawLine sets it ragged). A line wider than its
// measure (extra < 0) shrinks its spaces: 100 when each gives up all it
// may (shrink), as TeX counts.
func badness(extra float64, spaces int, em float64) float64 {
	switch {
	case extra < -1e-6 && spaces > 0:
		r := -extra / (float64(spaces) * em * shrink)
		return 100 * r * r * r
	case extra <= 1e-6:
		return 0
	case spaces == 0:
		return 1e6
	}
	r := extra / (float64(spaces) * em / 5)
	return tolerance * r * r * r
}

// demerits is what a line costs, as TeX counts: its badness and penalty
// squared, and what a hyphen after a hyphen, a hyphen on the line before
// the last and a runt last line add. The last line is set ragged: it has
// no badness.
func demerits(extra float64, spaces int, em float64, last, hy, prevHy, runt bool) float64 {
	b := 0.0
	if !last {
		b = badness(extra, spaces, em)
	}
	d := (linePenalty + b) * (linePenalty + b)
	if hy {
		d += hyphenPenalty * hyphenPenalty
		if prevHy {
			d += doubleHyphenDemerits
		}
	}
	if last && prevHy {
		d += finalHyphenDemerits
	}
	if runt {
		d += runtDemerits
	}
	return d
}

// looseEnglish reports whether the lines of a justified paragraph of
// English text stretch a line but the last beyond tolerance. Chinese text
// (a wide glyph anywhere) is left to spread: its lines stretch between
// their glyphs.
func looseEnglish(gs []glyph, lines [][2]int, width, firstIndent float64) bool {
	if len(lines) < 2 {
		return false
	}
	loose := false
	for i, l := range lines {
		w, spaces := 0.0, 0
		for _, g := range gs[l[0]:l[1]] {
			if wide(g.r) {
				return false
			}
			w += g.w
			if isSpace(g.r) {
				spaces++
			}
		}
		avail := width
		if i == 0 {
			avail -= firstIndent
		}
		loose = loose || i < len(lines)-1 && badness(avail-w, spaces, float64(gs[l[0]].em)/100) > tolerance
	}
	return loose
}

// isRunt reports whether the line gs[start:end], w wide, is a runt as a
// paragraph's last line: one word narrower than a fifth of the measure.
func isRunt(gs []glyph, start, end int, w, width float64) bool {
	if w >= width/5 {
		return false
	}
	for _, g := range gs[start:end] {
		if isSpace(g.r) {
			return false
		}
	}
	return true
}

// fitter chooses a paragraph's breaks; its storage is kept from one
// paragraph to the next (in scratch).
type fitter struct {
	// pre[i] is the width of gs[:i], spaces[i] the number of spaces in it.
	pre    []float64
	spaces []int32
	// cands are the places a line may end, in order: the paragraph's start
	// first (no line ends there), its end last.
	cands []cand
	// best holds, for each place and each number (0, 1, 2) of lines ending
	// in a hyphen in a row there, the least demerits of lines up to it;
	// back the state (3×place + number) the last of them starts from.
	best []float64
	back []int32
	// active are the places lines may still start from: a line from any
	// other is already too wide.
	active []int32
	// hyph says which of the lines refit was given end in a hyphen; path
	// holds the states of the lines chosen, from the last.
	hyph []bool
	path []int32
	// The paragraph being broken.
	gs                 []glyph
	width, firstIndent float64
	runts              bool
}

// cand is a place a line may end.
type cand struct {
	// next is where the line after it starts; stop is where the line ends
	// without its trailing spaces.
	next, stop int32
	// For a hyphenation point: the hyphen's width, where the word starts,
	// and the last place before the word where the rules allow a break (an
	// index into cands), where a line that leaves the word whole ends.
	hy    float32
	word  int32
	whole int32
	name  bool // the word is capitalised
}

// refit breaks a justified paragraph of English text, which breakLines has
// broken into lines (marked), again as a whole, and returns its new lines,
// marked by set; when no set of breaks costs less, the lines it was given.
func (f *fitter) refit(gs []glyph, br *linebreak.Breaks, lines [][2]int, width, firstIndent float64, set func(start, end int) [2]int) [][2]int {
	f.gs, f.width, f.firstIndent = gs, width, firstIndent
	defer func() { f.gs = nil }()
	f.hyph = f.hyph[:0]
	for _, l := range lines {
		f.hyph = append(f.hyph, gs[l[1]-1].end&endHyphen != 0)
		unset(gs, l)
	}
	// What the lines as they are cost, by the same measure. When they end
	// in a runt, other lines may too.
	old := 0.0
	for i, l := range lines {
		w, spaces := lineWidth(gs, l[0], l[1]), 0
		for _, g := range gs[l[0]:l[1]] {
			if isSpace(g.r) {
				spaces++
			}
		}
		if f.hyph[i] {
			w += float64(gs[l[1]-1].hy)
		}
		last := i == len(lines)-1
		runt := last && i > 0 && isRunt(gs, l[0], l[1], w, width)
		old += demerits(f.avail(i == 0)-w, spaces, float64(gs[l[0]].em)/100, last, f.hyph[i], i > 0 && f.hyph[i-1], runt)
		f.runts = runt
	}
	end, ok := f.solve(br, lines[0][0], old)
	if !ok {
		for i, l := range lines {
			if f.hyph[i] {
				markHyphen(gs, l[1])
			}
			lines[i] = set(l[0], l[1])
		}
		return lines
	}
	f.path = f.path[:0]
	for s := end; s > 0; s = f.back[s] {
		f.path = append(f.path, s)
	}
	lines = lines[:0]
	start := int(f.cands[0].next)
	for i := len(f.path) - 1; i >= 0; i-- {
		c := &f.cands[f.path[i]/3]
		if c.hy > 0 {
			markHyphen(gs, int(c.stop))
		}
		lines = append(lines, set(start, int(c.stop)))
		start = int(c.next)
	}
	return lines
}

// avail is the width of the first line or of the others.
func (f *fitter) avail(first bool) float64 {
	if first {
		return f.width - f.firstIndent
	}
	return f.width
}

// solve finds the lines of least demerits from gs[start] to the end (gs
// unmarked), each no wider than avail once its spaces shrink (the last
// does not: it is set ragged), ending at a break the rules allow
// or at a hyphenation point of a word hyphenation may break (br.Word)
// where the rules would hyphenate it, with no three hyphens in a row, and
// the last a runt only when runts are allowed. It returns the state the
// last of them ends in (an index into best), and whether they cost less
// than old. The places are found and weighed in one pass, in order.
func (f *fitter) solve(br *linebreak.Breaks, start int, old float64) (int32, bool) {
	gs := f.gs
	n := len(gs)
	f.pre = growTo(f.pre, n+1)
	f.spaces = growTo(f.spaces, n+1)
	f.pre[0], f.spaces[0] = 0, 0
	for i := range gs {
		f.pre[i+1] = f.pre[i] + gs[i].w
		f.spaces[i+1] = f.spaces[i]
		if isSpace(gs[i].r) {
			f.spaces[i+1]++
		}
	}
	trim := func(k int) int32 {
		for k > start && isSpace(gs[k-1].r) {
			k--
		}
		return int32(k)
	}
	f.cands = append(f.cands[:0], cand{next: int32(start), stop: int32(start)})
	f.best = append(f.best[:0], 0, math.Inf(1), math.Inf(1))
	f.back = append(f.back[:0], 0, 0, 0)
	f.active = append(f.active[:0], 0)
	whole := int32(0)
	var word [64]byte
	for k := start + 1; k < n; k++ {
		// No line breaks between two letters (UAX #14 and linebreak's
		// rules alike): most places need no asking.
		inWord := asciiLetter(gs[k-1].r) && asciiLetter(gs[k].r)
		if !inWord && br.Before(k) {
			whole = int32(len(f.cands))
			f.add(cand{next: int32(k), stop: trim(k)}, false)
			continue
		}
		// At a word's second letter, its hyphenation points (all after
		// it: none leaves fewer than two letters before it), when a line
		// may end in the word.
		if !inWord || k >= 2 && asciiLetter(gs[k-2].r) {
			continue
		}
		from, to := br.Word(k - 1)
		if to <= from || to-from > len(word) || !f.mayHyphenate(whole, from, to) {
			continue
		}
		for i := from; i < to; i++ {
			word[i-from] = byte(gs[i].r)
		}
		for _, p := range hyphenPoints(word[:to-from]) {
			k := from + p
			// hy > 0 marks a hyphenation point, even in a face without
			// a hyphen.
			f.add(cand{next: int32(k), stop: int32(k), hy: max(gs[k-1].hy, 1e-3),
				word: int32(from), whole: whole, name: gs[from].r >= 'A' && gs[from].r <= 'Z'}, false)
		}
	}
	m := int32(len(f.cands))
	f.add(cand{next: int32(n), stop: trim(n)}, true)
	end, least := int32(-1), old*(1-1e-9)
	for h := range int32(3) {
		if s := 3*m + h; f.best[s] < least {
			end, least = s, f.best[s]
		}
	}
	return end, end > 0
}

// add appends place c (the paragraph's end when last) and weighs the lines
// that end there from the active places; c becomes active when some line
// reaches it.
func (f *fitter) add(c cand, last bool) {
	gs := f.gs
	ci := int32(len(f.cands))
	f.cands = append(f.cands, c)
	inf := math.Inf(1)
	f.best = append(f.best, inf, inf, inf)
	f.back = append(f.back, 0, 0, 0)
	// The active places are in order: the lines from them to c get
	// shorter, first too wide, last too loose.
	keep := f.active[:0]
	for i, ai := range f.active {
		a := &f.cands[ai]
		keep = append(keep, ai)
		if c.stop <= a.next {
			continue
		}
		av := f.avail(ai == 0)
		w := f.pre[c.stop] - f.pre[a.next]
		if g := gs[c.stop-1]; g.kern > 0 {
			w -= float64(g.kern) // set drops it
		}
		spaces := int(f.spaces[c.stop] - f.spaces[a.next])
		em := float64(gs[a.next].em) / 100
		// A space takes more room than it may give up: what is too wide
		// here is too wide for every later place.
		room := float64(spaces) * em * shrink
		if w > av+room+1e-6 {
			keep = keep[:len(keep)-1]
			continue
		}
		w += float64(c.hy)
		if !last && av-w > float64(spaces)*em*maxFit {
			keep = append(keep, f.active[i+1:]...)
			break
		}
		if last {
			room = 0
		}
		if w > av+room+1e-6 || c.hy > 0 && !f.gapesBefore(a, c.whole, c.word, av, c.name) {
			continue
		}
		runt := last && ai > 0 && isRunt(gs, int(a.next), int(c.stop), w, f.width)
		if runt && !f.runts {
			continue
		}
		hy := c.hy > 0
		d := demerits(av-w, spaces, em, last, hy, a.hy > 0, runt)
		for h := range int32(3) {
			s := 3*ai + h
			next := int32(0)
			if hy {
				next = h + 1
			}
			if next > 2 || f.best[s] == inf {
				continue
			}
			if t := 3*ci + next; f.best[s]+d < f.best[t] {
				f.best[t], f.back[t] = f.best[s]+d, s
			}
		}
	}
	f.active = keep
	if !last && min(f.best[3*ci], f.best[3*ci+1], f.best[3*ci+2]) < inf {
		f.active = append(f.active, ci)
	}
}

// gapesBefore reports whether a line from place a that ends at place whole,
// before the word at gs[word], avail wide, gapes so that the rules would
// hyphenate the word rather than leave it whole for the next line, as loose
// decides (for a name, only when the gaps would be wide); or whether it is
// no line: the word begins it.
func (f *fitter) gapesBefore(a *cand, whole, word int32, avail float64, name bool) bool {
	gs := f.gs
	b := &f.cands[whole]
	if b.next <= a.next {
		return true
	}
	w := f.pre[b.stop] - f.pre[a.next]
	if g := gs[b.stop-1]; g.kern > 0 {
		w -= float64(g.kern)
	}
	// loose counts the spaces before the break too.
	return gapes(avail-w, int(f.spaces[b.next]-f.spaces[a.next]), float64(gs[word].em)/100, name)
}

// mayHyphenate reports whether the rules would hyphenate the word
// gs[from:to], after place whole, on a line from an active place: one that
// holds more than the word and would gape without it, where the word's
// first letters fit. Else its hyphenation points are not looked for. (A
// word wider than a line is left to breakAt: its pieces would be lines
// without spaces, which refit never takes.)
func (f *fitter) mayHyphenate(whole int32, from, to int) bool {
	gs := f.gs
	name := gs[from].r >= 'A' && gs[from].r <= 'Z'
	head, tail := from+hyphen.LeftMin, to-hyphen.RightMin
	for _, ai := range f.active {
		a := &f.cands[ai]
		if a.next >= f.cands[whole].next || math.IsInf(min(f.best[3*ai], f.best[3*ai+1], f.best[3*ai+2]), 1) {
			continue
		}
		// The line ending at the word's first point fits, and the one
		// ending at its last is not too loose.
		av := f.avail(ai == 0)
		em := float64(gs[a.next].em) / 100
		fits := f.pre[head]-f.pre[a.next]+float64(gs[head-1].hy) <= av+1e-6
		loose := av-(f.pre[tail]-f.pre[a.next]+float64(gs[tail-1].hy)) > float64(f.spaces[tail]-f.spaces[a.next])*em*maxFit
		if fits && !loose && f.gapesBefore(a, whole, int32(from), av, name) {
			return true
		}
	}
	return false
}

// pointsCache keeps hyphen.Points by word, for the process: agreements use
// few words, keeps lay paragraphs out more than once, and a process may
// build many packets. It keeps maxPoints words at most.
var (
	pointsCache sync.Map // string → []int
	pointsKept  atomic.Int32
)

const maxPoints = 1 << 14

// hyphenPoints returns hyphen.Points(word), from the cache when it can.
func hyphenPoints(word []byte) []int {
	if pts, ok := pointsCache.Load(string(word)); ok {
		return pts.([]int)
	}
	pts := hyphen.Points(string(word))
	if pointsKept.Load() < maxPoints {
		if _, loaded := pointsCache.LoadOrStore(string(word), pts); !loaded {
			pointsKept.Add(1)
		}
	}
	return pts
}

// growTo returns s with length n, in its own storage when that is large
// enough; the values are the caller's to set.
func growTo[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
