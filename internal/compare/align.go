package compare

import (
	"hash/fnv"
	"strings"
	"unicode/utf8"
)

// Blocks are aligned in two passes. First the longest common subsequence of
// their identities pairs what is unchanged, or labelled the same
// ({id=audit}): those pairs are the fixed points, so that a clause
// inserted at the top leaves everything after it paired with itself.
// Then, between two fixed points, what is left on either side is paired by
// similarity, keeping the order: a clause reworded stays one clause with
// changes in it, and only what has no counterpart is inserted or deleted.

// pair is an aligned pair of positions in the old and new sequences; -1 on
// one side is an element only the other side has.
type pair struct{ a, b int }

// noPair scores two elements that must not be paired.
const noPair = -1.0

// maxGap bounds the pairing of one gap (its old length times its new
// length): past it, the two sides have nothing in common worth pairing.
const maxGap = 250000

// align aligns two sequences given their identities and a score for
// pairing element i of the old with element j of the new (noPair when
// they may not be paired). The result is in reading order, with what is
// deleted before what is inserted in its place.
func align(ida, idb []string, score func(i, j int) float64) []pair {
	var out []pair
	es := diff(ida, idb)
	for i := 0; i < len(es); {
		e := es[i]
		if e.op == opEqual {
			for k := range e.a1 - e.a0 {
				out = append(out, pair{e.a0 + k, e.b0 + k})
			}
			i++
			continue
		}
		a0, a1, b0, b1 := e.a0, e.a1, e.b0, e.b1
		for i++; i < len(es) && es[i].op != opEqual; i++ {
			a1, b1 = max(a1, es[i].a1), max(b1, es[i].b1)
		}
		out = append(out, pairGap(a0, a1, b0, b1, score)...)
	}
	return out
}

// pairGap pairs old[a0:a1] with new[b0:b1] in order so that the sum of the
// pairs' scores is highest.
func pairGap(a0, a1, b0, b1 int, score func(i, j int) float64) []pair {
	n, m := a1-a0, b1-b0
	var out []pair
	if n == 0 || m == 0 || n*m > maxGap {
		for i := a0; i < a1; i++ {
			out = append(out, pair{i, -1})
		}
		for j := b0; j < b1; j++ {
			out = append(out, pair{-1, j})
		}
		return out
	}
	s := make([]float64, n*m)
	for i := range n {
		for j := range m {
			s[i*m+j] = score(a0+i, b0+j)
		}
	}
	// best[i][j] is the best score of old[i:] against new[j:].
	best := make([]float64, (n+1)*(m+1))
	at := func(i, j int) *float64 { return &best[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := max(*at(i+1, j), *at(i, j+1))
			if p := s[i*m+j]; p >= 0 {
				v = max(v, p+*at(i+1, j+1))
			}
			*at(i, j) = v
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch p := s[i*m+j]; {
		case p >= 0 && *at(i, j) == p+*at(i+1, j+1):
			out = append(out, pair{a0 + i, b0 + j})
			i++
			j++
		case *at(i, j) == *at(i+1, j):
			out = append(out, pair{a0 + i, -1})
			i++
		default:
			out = append(out, pair{-1, b0 + j})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, pair{a0 + i, -1})
	}
	for ; j < m; j++ {
		out = append(out, pair{-1, b0 + j})
	}
	return out
}

// similarity is the Dice coefficient of the character bigrams of two
// texts: 1 for the same text, 0 for texts without a pair of characters in
// common.
func similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	ga, gb := bigrams(a), bigrams(b)
	if len(ga) == 0 || len(gb) == 0 {
		return 0
	}
	return 2 * float64(common(ga, gb)) / float64(len(ga)+len(gb))
}

// overlap is the share of the shorter text's character bigrams found in
// the longer; 0 for texts too short to tell (under 8 bigrams).
func overlap(a, b string) float64 {
	ga, gb := bigrams(a), bigrams(b)
	if len(ga) > len(gb) {
		ga, gb = gb, ga
	}
	if len(ga) < 8 {
		return 0
	}
	return float64(common(ga, gb)) / float64(len(ga))
}

// common counts the bigrams a and b share, each as often as both hold it.
func common(a, b []uint64) int {
	counts := make(map[uint64]int, len(a))
	for _, g := range a {
		counts[g]++
	}
	n := 0
	for _, g := range b {
		if counts[g] > 0 {
			counts[g]--
			n++
		}
	}
	return n
}

// bigrams lists the pairs of neighbouring characters of s (s itself when
// it is one character).
func bigrams(s string) []uint64 {
	rs := []rune(strings.TrimSpace(s))
	if len(rs) == 1 {
		return []uint64{uint64(rs[0])}
	}
	out := make([]uint64, 0, max(len(rs)-1, 0))
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, uint64(rs[i])<<32|uint64(rs[i+1]))
	}
	return out
}

// digest shortens a long identity: identities are compared, never read.
func digest(s string) string {
	if len(s) <= 64 {
		return s
	}
	h := fnv.New128a()
	h.Write([]byte(s))
	return string(h.Sum(nil)) + string(rune(utf8.RuneCountInString(s)))
}
