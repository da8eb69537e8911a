// Package hyphen finds where English words may be hyphenated, with Liang's
// algorithm (the one TeX uses) over the standard TeX American English
// patterns and exceptions (hyph-utf8's hyph-en-us, embedded from patterns/;
// see patterns/PROVENANCE.md for where they come from and their licence).
//
// A word keeps at least LeftMin letters before a hyphen and RightMin after
// it, the minimums the patterns are made for. Only words of ASCII letters are
// hyphenated: the patterns know nothing else.
package hyphen

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// The fewest letters a hyphen may leave before and after it, as the
// patterns' header asks (hyphenmins 2 and 3).
const (
	LeftMin  = 2
	RightMin = 3
)

// maxWord bounds the words looked at, so that the work per word stays
// small on any input; no English word in running text comes near it.
const maxWord = 64

var (
	//go:embed patterns/hyph-en-us.pat.txt
	patternText string
	//go:embed patterns/hyph-en-us.hyp.txt
	exceptionText string
)

// Points returns the places in word where a hyphen may go, in ascending
// order: p means between word[p-1] and word[p]. It returns nil for words
// with anything but ASCII letters, and for words too short to hyphenate.
// Case does not matter.
func Points(word string) []int {
	n := len(word)
	if n < LeftMin+RightMin || n > maxWord {
		return nil
	}
	// The word between dots, as the patterns see it (".hyphenation.").
	var buf [maxWord + 2]byte
	s := buf[:n+2]
	s[0], s[n+1] = '.', '.'
	for i := range n {
		c := word[i]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		default:
			return nil
		}
		s[i+1] = c
	}
	t := patterns()
	if pts, ok := t.exceptions[string(s[1:n+1])]; ok {
		return slices.Clone(pts)
	}
	// values[i] is the highest digit any pattern puts before s[i].
	var vbuf [maxWord + 3]uint8
	values := vbuf[:n+3]
	for i := range s {
		n := int32(-1)
		for j := i; j < len(s); j++ {
			if n = t.next(n, s[j]); n < 0 {
				break
			}
			nd := t.nodes[n]
			for k, v := range t.vals[nd.valOff : nd.valOff+int32(nd.valLen)] {
				values[i+k] = max(values[i+k], v)
			}
		}
	}
	var out []int
	for p := LeftMin; p <= n-RightMin; p++ {
		if values[p+1]%2 == 1 { // s[p+1] is word[p]
			out = append(out, p)
		}
	}
	return out
}

// trie holds the patterns as a tree of letters: each node keeps its first
// child and its next sibling (few nodes have more than a handful of
// children), and the digits of the pattern that ends at it, one more than
// its letters, as vals[valOff:valOff+valLen].
type trie struct {
	nodes      []node
	root       [256]int32 // the root's children by letter, for the widest level
	vals       []uint8
	exceptions map[string][]int
}

type node struct {
	child, sibling, valOff int32
	label, valLen          uint8
}

func (t *trie) next(n int32, c byte) int32 {
	if n < 0 {
		return t.root[c]
	}
	for k := t.nodes[n].child; k >= 0; k = t.nodes[k].sibling {
		if t.nodes[k].label == c {
			return k
		}
	}
	return -1
}

// patterns builds the trie once, the first time a word is hyphenated:
// programs that never hyphenate pay nothing.
var patterns = sync.OnceValue(func() *trie { return build(patternText, exceptionText) })

func build(patternText, exceptionText string) *trie {
	// About one node per three bytes of patterns, and one digit per byte.
	t := &trie{
		nodes:      make([]node, 0, len(patternText)/3),
		vals:       make([]uint8, 0, len(patternText)),
		exceptions: map[string][]int{},
	}
	for i := range t.root {
		t.root[i] = -1
	}
	for p := range strings.FieldsSeq(patternText) {
		n := int32(-1) // the root
		off := int32(len(t.vals))
		t.vals = append(t.vals, 0)
		for i := 0; i < len(p); i++ {
			c := p[i]
			if c >= '0' && c <= '9' {
				t.vals[len(t.vals)-1] = c - '0'
				continue
			}
			t.vals = append(t.vals, 0)
			k := t.next(n, c)
			if k < 0 {
				k = int32(len(t.nodes))
				t.nodes = append(t.nodes, node{child: -1, sibling: -1, label: c})
				if n < 0 {
					t.root[c] = k
				} else {
					t.nodes[k].sibling, t.nodes[n].child = t.nodes[n].child, k
				}
			}
			n = k
		}
		if n >= 0 {
			t.nodes[n].valOff, t.nodes[n].valLen = off, uint8(int32(len(t.vals))-off)
		}
	}
	for e := range strings.FieldsSeq(exceptionText) {
		word := strings.ReplaceAll(e, "-", "")
		var pts []int
		letters := 0
		for i := 0; i < len(e); i++ {
			if e[i] == '-' {
				// TeX applies the hyphenmins to exceptions too.
				if letters >= LeftMin && len(word)-letters >= RightMin {
					pts = append(pts, letters)
				}
			} else {
				letters++
			}
		}
		t.exceptions[strings.ToLower(word)] = pts
	}
	return t
}
