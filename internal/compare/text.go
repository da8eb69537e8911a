package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"pilotpack/internal/document"
)

// Within a clause, text is compared token by token: a Chinese character is
// a token of its own, and so is each punctuation mark, while a run of Latin
// letters or digits is one token — English is compared by words, and a
// number (2030, 1,250,000.50) changes as a whole, never digit by digit. A
// cross-reference (第十二条, Article 12) is one token too: renumbered, it
// reads as one citation replaced by another.

// token is a piece of a run of spans: its text and where it lies.
type token struct {
	text string
	span int // index of the span it is in
	from int // byte offset in that span's text
}

// tokenize splits spans into tokens; no token crosses a span.
func tokenize(spans []document.Span) []token {
	var out []token
	for si, sp := range spans {
		if sp.Ref != "" {
			out = append(out, token{text: sp.Text, span: si})
			continue
		}
		s := sp.Text
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			j := i + n
			switch {
			case isWordRune(r):
				for j < len(s) {
					r2, n2 := utf8.DecodeRuneInString(s[j:])
					if isWordRune(r2) {
						j += n2
						continue
					}
					// A separator inside a number: 1,250,000.50, 3.8.
					if (r2 == '.' || r2 == ',') && unicode.IsDigit(lastRune(s[i:j])) && j+n2 < len(s) {
						if r3, _ := utf8.DecodeRuneInString(s[j+n2:]); unicode.IsDigit(r3) {
							j += n2
							continue
						}
					}
					break
				}
			case r == ' ' || r == '\t':
				for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
					j++
				}
			}
			out = append(out, token{text: s[i:j], span: si, from: i})
			i = j
		}
	}
	return out
}

// isWordRune is a letter or digit of a script that separates words by
// spaces: not Chinese, whose characters are tokens one by one.
func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’') && !document.IsWide(r)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// op is one step of an edit script over two token sequences.
type op int

const (
	opEqual op = iota
	opDelete
	opInsert
)

// edit is a run of tokens an edit script keeps, deletes or inserts:
// old[a0:a1] and new[b0:b1] (one of them empty unless equal).
type edit struct {
	op             op
	a0, a1, b0, b1 int
}

// maxEdits bounds the work of one diff: past it, two texts have little in
// common and are shown as one replaced by the other.
const maxEdits = 4000

// diff returns a shortest edit script turning a into b (Myers' O(ND)
// algorithm), as runs of equal, deleted and inserted elements; deletions
// come before the insertions they meet.
func diff[T comparable](a, b []T) []edit {
	// The common start and end need no search.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	var mid []edit
	if ops, ok := myers(ma, mb); ok {
		mid = ops
	} else {
		mid = []edit{{op: opDelete, a0: 0, a1: len(ma)}, {op: opInsert, b0: 0, b1: len(mb)}}
	}
	var out []edit
	add := func(e edit) {
		if e.a1-e.a0 == 0 && e.b1-e.b0 == 0 {
			return
		}
		if n := len(out); n > 0 && out[n-1].op == e.op {
			out[n-1].a1, out[n-1].b1 = e.a1, e.b1
			return
		}
		out = append(out, e)
	}
	add(edit{opEqual, 0, pre, 0, pre})
	for _, e := range mid {
		e.a0, e.a1, e.b0, e.b1 = e.a0+pre, e.a1+pre, e.b0+pre, e.b1+pre
		// Positions of an empty side still say where it stands.
		add(e)
	}
	add(edit{opEqual, len(a) - suf, len(a), len(b) - suf, len(b)})
	return normalize(out)
}

// myers finds the edit script of the middle of a diff; ok is false when it
// would take more than maxEdits edits.
func myers[T comparable](a, b []T) ([]edit, bool) {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil, true
	}
	if n+m > 0 && (n == 0 || m == 0) {
		return []edit{{op: opDelete, a0: 0, a1: n, b0: 0, b1: 0}, {op: opInsert, a0: n, a1: n, b0: 0, b1: m}}, true
	}
	limit := min(n+m, maxEdits)
	off := limit + 1
	v := make([]int, 2*limit+3)
	var trace [][]int
	found := -1
	for d := 0; d <= limit && found < 0; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = d
				break
			}
		}
	}
	if found < 0 {
		return nil, false
	}
	// Walk back through the saved frontiers: trace[d] is the frontier
	// before step d.
	var rev []edit
	x, y := n, m
	for d := found; d >= 0; d-- {
		vp := trace[d]
		k := x - y
		pk := k - 1
		if k == -d || (k != d && vp[off+k-1] < vp[off+k+1]) {
			pk = k + 1
		}
		px := vp[off+pk]
		py := px - pk
		for x > px && y > py {
			x--
			y--
			rev = append(rev, edit{op: opEqual, a0: x, a1: x + 1, b0: y, b1: y + 1})
		}
		if d == 0 {
			break
		}
		if x == px {
			rev = append(rev, edit{op: opInsert, a0: px, a1: px, b0: py, b1: py + 1})
		} else {
			rev = append(rev, edit{op: opDelete, a0: px, a1: px + 1, b0: py, b1: py})
		}
		x, y = px, py
	}
	out := make([]edit, 0, len(rev))
	for i := len(rev) - 1; i >= 0; i-- {
		out = append(out, rev[i])
	}
	return out, true
}

// normalize merges neighbouring runs of one kind and puts the deletions of
// a change before its insertions.
func normalize(es []edit) []edit {
	var out []edit
	for i := 0; i < len(es); {
		if es[i].op == opEqual {
			e := es[i]
			for i++; i < len(es) && es[i].op == opEqual; i++ {
				e.a1, e.b1 = es[i].a1, es[i].b1
			}
			out = append(out, e)
			continue
		}
		// A change: everything up to the next equality.
		a0, b0 := es[i].a0, es[i].b0
		a1, b1 := a0, b0
		for ; i < len(es) && es[i].op != opEqual; i++ {
			a1, b1 = max(a1, es[i].a1), max(b1, es[i].b1)
		}
		if a1 > a0 {
			out = append(out, edit{op: opDelete, a0: a0, a1: a1, b0: b0, b1: b0})
		}
		if b1 > b0 {
			out = append(out, edit{op: opInsert, a0: a1, a1: a1, b0: b0, b1: b1})
		}
	}
	return out
}

// cleanup folds into the changes around it an equality too short to be
// worth reading between them: 的 kept between two rewritten halves of a
// sentence is noise, not a point of agreement. An equality goes when it is
// no longer than the changes on either side of it (the rule of
// diff-match-patch's semantic cleanup). size measures a run of tokens.
func cleanup(es []edit, size func(e edit, old bool) int) []edit {
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(es); i++ {
			if es[i].op != opEqual || i == 0 || i == len(es)-1 {
				continue
			}
			before, after := changeAround(es, i, -1, size), changeAround(es, i, 1, size)
			eq := size(es[i], true)
			if before > 0 && after > 0 && eq <= before && eq <= after {
				e := es[i]
				es[i] = edit{op: opDelete, a0: e.a0, a1: e.a1, b0: e.b0, b1: e.b0}
				es = append(es[:i+1], append([]edit{{op: opInsert, a0: e.a1, a1: e.a1, b0: e.b0, b1: e.b1}}, es[i+1:]...)...)
				es = normalize(es)
				changed = true
				break
			}
		}
	}
	return es
}

// changeAround measures the change next to equality i, in direction dir:
// the larger of its deleted and inserted sides.
func changeAround(es []edit, i, dir int, size func(e edit, old bool) int) int {
	del, ins := 0, 0
	for j := i + dir; j >= 0 && j < len(es) && es[j].op != opEqual; j += dir {
		if es[j].op == opDelete {
			del += size(es[j], true)
		} else {
			ins += size(es[j], false)
		}
	}
	return max(del, ins)
}

// inline is the redline of two runs of spans: the new text's spans where the
// text is the same, the old text's marked deleted and the new text's marked
// inserted where it changed. same reports whether the texts are equal.
func inline(old, new []document.Span) (out []document.Span, same bool) {
	ta, tb := tokenize(old), tokenize(new)
	a, b := make([]string, len(ta)), make([]string, len(tb))
	for i, t := range ta {
		a[i] = t.text
	}
	for i, t := range tb {
		b[i] = t.text
	}
	es := diff(a, b)
	es = cleanup(es, func(e edit, old bool) int {
		n := 0
		if old {
			for _, t := range a[e.a0:e.a1] {
				n += utf8.RuneCountInString(t)
			}
		} else {
			for _, t := range b[e.b0:e.b1] {
				n += utf8.RuneCountInString(t)
			}
		}
		return n
	})
	same = true
	for _, e := range es {
		switch e.op {
		case opEqual:
			out = appendTokens(out, new, tb[e.b0:e.b1], document.Unmarked)
		case opDelete:
			same = false
			out = appendTokens(out, old, ta[e.a0:e.a1], document.Deleted)
		case opInsert:
			same = false
			out = appendTokens(out, new, tb[e.b0:e.b1], document.Inserted)
		}
	}
	return out, same
}

// appendTokens appends the text of toks, cut from spans with their styles,
// with mark m, joining what shares a span and a mark.
func appendTokens(out, spans []document.Span, toks []token, m document.Mark) []document.Span {
	for _, t := range toks {
		sp := spans[t.span]
		sp.Text, sp.Mark = t.text, m
		if n := len(out); n > 0 && sameSpan(out[n-1], sp) {
			out[n-1].Text += sp.Text
			continue
		}
		out = append(out, sp)
	}
	return out
}

// sameSpan reports whether two pieces can be one span: same style, same
// mark, and not a cross-reference (each is a citation of its own).
func sameSpan(a, b document.Span) bool {
	return a.Bold == b.Bold && a.Italic == b.Italic && a.Code == b.Code && a.Link == b.Link &&
		a.Ref == "" && b.Ref == "" && a.NoBreak == b.NoBreak && a.Mark == b.Mark
}

// marked returns a copy of spans with every span marked m.
func marked(spans []document.Span, m document.Mark) []document.Span {
	out := make([]document.Span, 0, len(spans))
	for _, s := range spans {
		if s.Text == "" {
			continue
		}
		s.Mark = m
		out = append(out, s)
	}
	return out
}

// plain is the text of spans; normal is the same with every
// cross-reference written as the id it cites, so that a renumbered
// citation reads the same.
func plain(spans []document.Span) string { return document.PlainText(spans) }

func normal(spans []document.Span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Ref != "" {
			b.WriteString("\x00" + s.Ref + "\x00")
			continue
		}
		b.WriteString(s.Text)
	}
	return b.String()
}
