package document

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/width"
)

// Emphasis follows CommonMark with the CJK-friendly amendment
// (markdown-cjk-friendly, amending CommonMark 0.31.2 §6.2): CommonMark's
// flanking rule treats every punctuation character alike, so a delimiter run
// between CJK punctuation and a CJK letter, as in **自研情况。**本品种, can
// neither open nor close and the asterisks stay in the text. The amendment
// lets punctuation that is itself a CJK character count as a letter, and lets
// non-CJK punctuation open or close next to CJK text. For text without CJK
// characters the rules are exactly CommonMark's.
//
// goldmark's own emphasis parser decides flanking inside ScanDelimiter, so
// this package replaces it (inlineParsers) with one that decides by these
// rules and hands goldmark the same Delimiter nodes: matching, nesting and the
// rule of three stay goldmark's.

// isCJK reports whether r is a CJK character: East Asian Width W, F or H and
// not an emoji presented as such by default, or a Hangul character.
func isCJK(r rune) bool {
	if unicode.Is(unicode.Hangul, r) {
		return true
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return !unicode.Is(emojiPresentation, r)
	}
	return false
}

// isSVS reports a general-use variation selector other than the emoji one
// (U+FE0F): it belongs to the character before it.
func isSVS(r rune) bool { return r >= 0xFE00 && r <= 0xFE0E }

// isIVS reports an ideographic variation selector, which follows a Han
// character.
func isIVS(r rune) bool { return r >= 0xE0100 && r <= 0xE01EF }

// flank is what is on one side of a delimiter run, in the terms the
// flanking rules use.
type flank struct {
	space bool // Unicode whitespace, or the start or end of a line
	punct bool // a Unicode punctuation character (P or S) or sequence
	cjk   bool // a CJK character or sequence (CJK punctuation included)
	ivs   bool // an ideographic variation selector (before the run only)
}

// nonCJKPunct is punctuation that is not a CJK character: the only kind the
// amendment still lets block emphasis next to letters.
func (f flank) nonCJKPunct() bool { return f.punct && !f.cjk }

// classify describes character r, followed by next (0 if none). A
// punctuation character of ambiguous width followed by a variation selector
// (“︁, a full-width form) is CJK punctuation.
func classify(r, next rune) flank {
	if util.IsSpaceRune(r) {
		return flank{space: true}
	}
	f := flank{punct: util.IsPunctRune(r), cjk: isCJK(r)}
	if f.punct && !f.cjk && isSVS(next) && width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
		f.cjk = true
	}
	return f
}

// before describes what precedes a delimiter run starting at offset pos of
// src; prev is goldmark's preceding character (a line start reads as a
// newline). A variation selector joins the character before it into a
// sequence, which counts as that character.
func before(src []byte, pos int, prev rune) flank {
	switch {
	case isIVS(prev):
		return flank{ivs: true}
	case isSVS(prev):
		start := pos - utf8.RuneLen(prev)
		base, _ := utf8.DecodeLastRune(src[:max(start, 0)])
		if start <= 0 || base == utf8.RuneError {
			return flank{space: true}
		}
		return classify(base, prev)
	}
	return classify(prev, 0)
}

// after describes what follows a delimiter run: rest is the line after it.
func after(rest []byte) flank {
	if len(rest) == 0 {
		return flank{space: true} // the end of the line
	}
	r, n := utf8.DecodeRune(rest)
	next, _ := utf8.DecodeRune(rest[n:])
	return classify(r, next)
}

// flanking applies the amended definitions of left- and right-flanking
// delimiter runs.
func flanking(b, a flank) (left, right bool) {
	left = !a.space && (!a.nonCJKPunct() || b.space || b.nonCJKPunct() || b.cjk || b.ivs)
	right = !b.space && (!b.nonCJKPunct() || a.space || a.nonCJKPunct() || a.cjk)
	return left, right
}

// canOpenClose applies CommonMark's rules 1–8 for delimiter character c.
func canOpenClose(c byte, b, a flank) (open, close bool) {
	left, right := flanking(b, a)
	if c == '_' {
		return left && (!right || b.punct), right && (!left || a.punct)
	}
	return left, right
}

// emphasisParser finds runs of * and _ and pushes them as delimiters.
type emphasisParser struct{}

func (emphasisParser) Trigger() []byte { return []byte{'*', '_'} }

func (emphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	c := line[0]
	n := 1
	for n < len(line) && line[n] == c {
		n++
	}
	open, close := canOpenClose(c, before(block.Source(), seg.Start, block.PrecendingCharacter()), after(line[n:]))
	d := parser.NewDelimiter(open, close, n, c, emphasisDelimiters{})
	d.Segment = seg.WithStop(seg.Start + n)
	block.Advance(n)
	pc.PushDelimiter(d)
	return d
}

// emphasisDelimiters matches * with * and _ with _ into emphasis (one
// delimiter) and strong emphasis (two).
type emphasisDelimiters struct{}

func (emphasisDelimiters) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisDelimiters) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// inlineParsers are goldmark's inline parsers with emphasis replaced.
func inlineParsers() []util.PrioritizedValue {
	ps := parser.DefaultInlineParsers()
	for i, p := range ps {
		if p.Value == parser.NewEmphasisParser() {
			ps[i].Value = emphasisParser{}
		}
	}
	return ps
}

// emojiPresentation holds the characters whose default presentation is
// emoji (Emoji_Presentation=Yes in Unicode 15.0's emoji-data.txt): wide, but
// not CJK.
var emojiPresentation = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x231A, 0x231B, 1},
		{0x23E9, 0x23EC, 1},
		{0x23F0, 0x23F0, 1},
		{0x23F3, 0x23F3, 1},
		{0x25FD, 0x25FE, 1},
		{0x2614, 0x2615, 1},
		{0x2648, 0x2653, 1},
		{0x267F, 0x267F, 1},
		{0x2693, 0x2693, 1},
		{0x26A1, 0x26A1, 1},
		{0x26AA, 0x26AB, 1},
		{0x26BD, 0x26BE, 1},
		{0x26C4, 0x26C5, 1},
		{0x26CE, 0x26CE, 1},
		{0x26D4, 0x26D4, 1},
		{0x26EA, 0x26EA, 1},
		{0x26F2, 0x26F3, 1},
		{0x26F5, 0x26F5, 1},
		{0x26FA, 0x26FA, 1},
		{0x26FD, 0x26FD, 1},
		{0x2705, 0x2705, 1},
		{0x270A, 0x270B, 1},
		{0x2728, 0x2728, 1},
		{0x274C, 0x274C, 1},
		{0x274E, 0x274E, 1},
		{0x2753, 0x2755, 1},
		{0x2757, 0x2757, 1},
		{0x2795, 0x2797, 1},
		{0x27B0, 0x27B0, 1},
		{0x27BF, 0x27BF, 1},
		{0x2B1B, 0x2B1C, 1},
		{0x2B50, 0x2B50, 1},
		{0x2B55, 0x2B55, 1},
	},
	R32: []unicode.Range32{
		{0x1F004, 0x1F004, 1},
		{0x1F0CF, 0x1F0CF, 1},
		{0x1F18E, 0x1F18E, 1},
		{0x1F191, 0x1F19A, 1},
		{0x1F1E6, 0x1F1FF, 1},
		{0x1F201, 0x1F201, 1},
		{0x1F21A, 0x1F21A, 1},
		{0x1F22F, 0x1F22F, 1},
		{0x1F232, 0x1F236, 1},
		{0x1F238, 0x1F23A, 1},
		{0x1F250, 0x1F251, 1},
		{0x1F300, 0x1F320, 1},
		{0x1F32D, 0x1F335, 1},
		{0x1F337, 0x1F37C, 1},
		{0x1F37E, 0x1F393, 1},
		{0x1F3A0, 0x1F3CA, 1},
		{0x1F3CF, 0x1F3D3, 1},
		{0x1F3E0, 0x1F3F0, 1},
		{0x1F3F4, 0x1F3F4, 1},
		{0x1F3F8, 0x1F43E, 1},
		{0x1F440, 0x1F440, 1},
		{0x1F442, 0x1F4FC, 1},
		{0x1F4FF, 0x1F53D, 1},
		{0x1F54B, 0x1F54E, 1},
		{0x1F550, 0x1F567, 1},
		{0x1F57A, 0x1F57A, 1},
		{0x1F595, 0x1F596, 1},
		{0x1F5A4, 0x1F5A4, 1},
		{0x1F5FB, 0x1F64F, 1},
		{0x1F680, 0x1F6C5, 1},
		{0x1F6CC, 0x1F6CC, 1},
		{0x1F6D0, 0x1F6D2, 1},
		{0x1F6D5, 0x1F6D7, 1},
		{0x1F6DC, 0x1F6DF, 1},
		{0x1F6EB, 0x1F6EC, 1},
		{0x1F6F4, 0x1F6FC, 1},
		{0x1F7E0, 0x1F7EB, 1},
		{0x1F7F0, 0x1F7F0, 1},
		{0x1F90C, 0x1F93A, 1},
		{0x1F93C, 0x1F945, 1},
		{0x1F947, 0x1F9FF, 1},
		{0x1FA70, 0x1FA7C, 1},
		{0x1FA80, 0x1FA88, 1},
		{0x1FA90, 0x1FABD, 1},
		{0x1FABF, 0x1FAC5, 1},
		{0x1FACE, 0x1FADB, 1},
		{0x1FAE0, 0x1FAE8, 1},
		{0x1FAF0, 0x1FAF8, 1},
	},
}
