// Package linebreak decides where a line of mixed Chinese and English text
// may break. Three layers decide, the later overriding the earlier:
//
//  1. The Unicode line breaking algorithm (UAX #14, from
//     github.com/rivo/uniseg): no break inside a word or a number, none before
//     closing punctuation, a break after spaces and between ideographs.
//  2. The Chinese line-breaking rules (禁则, W3C clreq §3.1.7): a closing
//     mark (，。、；：？！）》」』】”’ … and their ASCII twins) never starts a line
//     and an opening mark (（《「『【“‘ …) never ends one, whatever spaces lie
//     between; curly quotes and dashes beside Chinese text break like the
//     Chinese text around them (UAX #14 keeps quotes to their neighbours).
//  3. pilotpack's own rules for what a filing carries (see the doc of New):
//     a sign stays with its number, a number with its unit, and e-mail
//     addresses, web addresses, codes, licence and document numbers and dates
//     are never broken; identifiers such as field paths may break after their
//     dots and underscores.
//
// The classes of UAX #14 are computed only where a caller asks, and skipped
// where they are plain (between two ideographs a line may break; between two
// ASCII letters it may not): line breaking asks near the ends of lines only.
package linebreak

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// What pilotpack's rules say about the break before a rune.
const (
	ask   uint8 = iota // the Chinese rules and UAX #14 decide
	allow              // a break where the Chinese rules allow one, whatever UAX #14 says
	never              // no break, unless the piece is wider than the line (Forced)
	tight              // no break even then: inside a number, a unit, a sign and its number
	whole              // no break at all: inside an e-mail or web address
)

// UAX #14 answers, once computed (Breaks.uax).
const (
	unknown uint8 = iota
	no
	yes
)

// Breaks holds the break opportunities of one text, a paragraph without
// hard line breaks. The zero value is empty; Reset fills it.
type Breaks struct {
	text []rune
	// rule holds what pilotpack's rules say about the break before each
	// rune: ask (the Chinese rules, then UAX #14), allow or never.
	rule []uint8
	// Computed on demand: the text in UTF-8 with each rune's offset, and
	// UAX #14's answer for each position.
	utf []byte
	off []int32
	uax []uint8
	// Where the last run of UAX #14 stopped (the first rune it has not
	// answered for) and its state there.
	resume, resumeState int
	// The ends of the last web address and number read: what lies inside
	// is not read again, so that reading stays linear on any text.
	urlEnd, numberEnd int
}

// New returns the break opportunities of text, which it keeps (without
// changing it) until the next Reset.
//
// Beyond UAX #14 and the Chinese rules, a line never breaks:
//
//   - between a sign and its number (−150, ±0.3, +65), nor after a relation
//     and its spaces (≤ -150, ≥ 95%);
//   - inside a number, its digit groups and ranges (021-6158 3720, 2–8,
//     1,650,000.50), nor between it and its unit: a unit symbol or an English
//     unit word after spaces (−150 °C, 20 mg/mL, 300 g, 2000 L, 100 mg/瓶,
//     24 hours), or the Han character after it (14 天, 5 年, 1288 号; two for
//     个月, 小时, 万元 and the like);
//   - inside a date (2030年10月31日, 2025-11-01, 31 December 2030,
//     December 31, 2030);
//   - between a label and its number (第 3 条, Article 12, Annex 1, No. 5,
//     pH 3.5, CNY 4,800,000) or Party and its letter (Party A), nor before
//     a company's Ltd or Inc;
//   - inside an e-mail address or a web address (http://, https://, www.);
//   - inside a code: ASCII parts of capitals and digits joined by hyphens,
//     with Han parts after the first (QS-WCB-001, HY-TQ-2025-001, GLP-1,
//     HTM-年份-序号), short parts joined by a slash (PIC/S, GB/T, mg/mL),
//     letters and digits run together (91310115631502488C, CXSS2500087,
//     ZL202010456789.1), a code or number and the 号 after it, a licence
//     number's Han prefix (沪20190087, up to four Han characters before six
//     or more digits or a capital and four or more: 国药准字S20240031), and a
//     document number (苏药监GMP告〔2025〕0412号: its prefix back to the
//     nearest space or punctuation, at most eight characters).
//
// Hyphenated words whose parts are not all codes (sub-contract, 15-valent)
// break after their hyphens, as UAX #14 allows. In identifiers, field paths
// and file names of lower-case letters (manufacturers[0].agreement.term_years,
// agreement.pilot-end), a line may break after a dot that joins parts of two
// or more characters and after an underscore.
func New(text []rune) *Breaks {
	b := &Breaks{}
	b.Reset(text)
	return b
}

// Reset makes b hold the break opportunities of text, reusing its storage.
// It reads the text once for pilotpack's rules; the rest is worked out when
// asked.
func (b *Breaks) Reset(text []rune) {
	b.text = text
	b.rule = grow(b.rule, len(text))
	b.utf, b.off, b.uax = b.utf[:0], b.off[:0], b.uax[:0]
	b.urlEnd, b.numberEnd = 0, 0
	t := text
	for i, r := range t {
		switch {
		case ideograph(r):
			if r == '号' {
				b.numberSign(i)
			}
			if i+1 < len(t) && (digit(t[i+1]) || capital(t[i+1])) {
				b.licence(i + 1)
			}
		case r < 0x80 || r == 'μ' || r == 'µ':
			prev := rune(0)
			if i > 0 {
				prev = t[i-1]
			}
			if codeRune(r) && !codeRune(prev) {
				if !(i > 1 && (prev == '-' || prev == '/') && codeRune(t[i-2])) {
					b.code(i) // a code's first part: its later parts are read with it
				}
				if digit(r) {
					if i >= b.numberEnd {
						b.number(i)
					}
				} else {
					b.word(i)
				}
			}
			if pathRune(r) && !pathRune(prev) {
				b.identifier(i)
			}
			switch {
			case r == '@':
				b.email(i)
			case (r == 'h' || r == 'H' || r == 'w' || r == 'W' || r == 'f' || r == 'F') && !alnum(prev) && i >= b.urlEnd:
				b.url(i)
			}
		case r == '〔':
			b.document(i)
		}
	}
}

func grow(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// Before reports whether a line may break before text[i]. It is false at
// the text's ends.
func (b *Breaks) Before(i int) bool {
	if i <= 0 || i >= len(b.text) || b.rule[i] >= never {
		return false
	}
	return b.before(i)
}

// Forced reports whether a line may break before text[i] when what Before
// keeps whole (a code, a number with its unit, a date) is wider than the
// line: between its parts, where UAX #14 and the Chinese rules alone allow
// it (2030年10月|31日, 20 |mg/mL, 第|3条), never inside a number, a unit
// or between a number and the sign or Han unit it touches (2030年, −150,
// mg/mL). Addresses have no such place: the reader would take a break for
// part of them; a line breaking one breaks it by their own conventions.
func (b *Breaks) Forced(i int) bool {
	if i <= 0 || i >= len(b.text) || b.rule[i] >= tight {
		return false
	}
	return b.before(i)
}

// before is Before without pilotpack's rules that keep pieces whole.
func (b *Breaks) before(i int) bool {
	// The Chinese rules (and none before a space, as UAX #14 says: the
	// search for an opening mark before spaces is done once per run).
	t := b.text
	r, p := t[i], t[i-1]
	if NoStart(r) || space(r) {
		return false
	}
	q := i - 1
	for q > 0 && space(t[q]) {
		q--
	}
	switch {
	case NoEnd(t[q]):
		return false
	case b.rule[i] == allow:
		return true
	case (r == '“' || r == '‘') && cjk(p), (p == '”' || p == '’') && cjk(r):
		// Quotes in Chinese text break like the text (UAX #14 15.1's
		// LB19a); the rules above keep them to their words.
		return true
	case (r == '—' || r == '…') && p != r && cjk(p):
		// A dash or an ellipsis may begin a line of Chinese text; its two
		// halves stay together (UAX #14 LB17, LB22).
		return true
	}
	return b.uaxBefore(i)
}

// Word returns the word of ASCII letters around text[i] that hyphenation
// may break, as text[from:to]; from == to when there is none: text[i] is not
// a letter, or its word is shorter than five letters (hyphenation leaves two
// before a hyphen and three after), in capitals (an acronym), part of a
// hyphenated compound, an identifier, an address or a code, or runs into
// digits.
func (b *Breaks) Word(i int) (from, to int) {
	t := b.text
	if i < 0 || i >= len(t) || !asciiLetter(t[i]) {
		return i, i
	}
	from, to = i, wordEnd(t, i)
	for from > 0 && asciiLetter(t[from-1]) {
		from--
	}
	if to-from < 5 ||
		from > 0 && (digit(t[from-1]) || strings.ContainsRune("-_/@.\\", t[from-1])) ||
		to < len(t) && (digit(t[to]) || strings.ContainsRune("-_/@\\", t[to]) || t[to] == '.' && to+1 < len(t) && asciiLetter(t[to+1])) {
		return i, i
	}
	upper := true
	for k := from; k < to; k++ {
		upper = upper && capital(t[k])
		if k > from && b.rule[k] != ask {
			return i, i // inside an address, a code or an identifier
		}
	}
	if upper {
		return i, i
	}
	return from, to
}

// Kept reports whether pilotpack's rules keep text[i-1] and text[i]
// together: they are inside an address, a code, a number with its unit or
// a date. A line that must break between them anyway (the piece is wider
// than the line) should not add a hyphen there.
func (b *Breaks) Kept(i int) bool { return i > 0 && i < len(b.text) && b.rule[i] >= never }

// Opportunities returns, for each rune of text, whether a line may break
// before it.
func Opportunities(text []rune) []bool {
	b := New(text)
	out := make([]bool, len(text))
	for i := range out {
		out[i] = b.Before(i)
	}
	return out
}

// set makes the rule before text[i] at least r: never overrides allow,
// which overrides ask.
func (b *Breaks) set(i int, r uint8) {
	if i > 0 && i < len(b.text) && b.rule[i] < r {
		b.rule[i] = r
	}
}

// keep forbids every break inside text[from:to] but a forced one.
func (b *Breaks) keep(from, to int) {
	for i := from + 1; i < to; i++ {
		b.set(i, never)
	}
}

// glue forbids every break before text[i] but where spaces come before it,
// which a forced break may use (20 |mg/mL, and none in 20mg).
func (b *Breaks) glue(i int) {
	if i > 0 && space(b.text[i-1]) {
		b.set(i, never)
	} else {
		b.set(i, tight)
	}
}

// seal forbids every break inside text[from:to].
func (b *Breaks) seal(from, to int) {
	for i := from + 1; i < to; i++ {
		b.set(i, whole)
	}
}

// uaxBefore is UAX #14's answer for the position before text[i].
func (b *Breaks) uaxBefore(i int) bool {
	if known, brk, _ := b.plain(i); known {
		return brk
	}
	if len(b.uax) == 0 {
		b.uax = grow(b.uax[:0], len(b.text))
	}
	if b.uax[i] == unknown {
		b.runUAX(i)
	}
	return b.uax[i] == yes
}

// plain answers for the positions UAX #14 decides without looking further
// back, which are most of them: between two ideographs a break (rule
// LB31); between two ASCII letters none (LB28), nor between two digits
// (LB25), nor before a space (LB7); after a space between letters, digits
// or ideographs a break (LB18). restart says whether the algorithm's state
// after text[i] is the one it starts in at text[i], so that a run may
// start there.
func (b *Breaks) plain(i int) (known, brk, restart bool) {
	p, r := b.text[i-1], b.text[i]
	switch {
	case ideograph(p) && ideograph(r):
		return true, true, true
	case asciiLetter(p) && asciiLetter(r):
		return true, false, true
	case digit(p) && digit(r):
		return true, false, false
	case r == ' ' && p >= ' ' && p != 0x85 && p != 0x2028 && p != 0x2029: // not after a hard break (LB4, LB5)
		return true, false, false
	case p == ' ' && i >= 2 && (alnum(r) || ideograph(r)) && (alnum(b.text[i-2]) || ideograph(b.text[i-2])):
		return true, true, true
	}
	return false, false, false
}

// runUAX runs the algorithm over the text around position i. It starts
// where the last run stopped, when no plain pair lies between, or else at
// the nearest rune before i that follows a plain pair: after two letters or
// two ideographs the algorithm's state is the one it starts in, so the
// answers are those a run from the text's start would give (tests check it).
func (b *Breaks) runUAX(i int) {
	if len(b.utf) == 0 {
		b.off = b.off[:0]
		for _, r := range b.text {
			b.off = append(b.off, int32(len(b.utf)))
			b.utf = utf8.AppendRune(b.utf, r)
		}
		b.resume = -1
	}
	start := i - 1
	for start > 0 && start != b.resume {
		if _, _, ok := b.plain(start); ok {
			break
		}
		start--
	}
	state := -1
	if start == b.resume {
		state = b.resumeState
	}
	rest, pos := b.utf[b.off[start]:], start
	for len(rest) > 0 && pos < i {
		var seg []byte
		seg, rest, _, state = uniseg.FirstLineSegment(rest, state)
		end := pos + utf8.RuneCount(seg)
		for k := pos + 1; k < end; k++ {
			b.uax[k] = no
		}
		if end < len(b.text) {
			b.uax[end] = yes
		}
		pos = end
	}
	b.resume, b.resumeState = pos, state
}

// The Chinese line-breaking rules: these marks never begin a line…
const noStart = "，。、；：？！）》」』】〉〕〗〙〛］｝”’．·・～％‰℃°" + ",.;:?!)]}%"

// …and these never end one.
const noEnd = "（《「『【〈〔〖〘〚［｛“‘" + "([{"

// NoStart reports whether r may not begin a line (one of noStart; a switch
// is several times faster than a search of the string, and a test keeps
// the two the same).
func NoStart(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '】', '〉', '〕', '〗', '〙', '〛', '］', '｝',
		'”', '’', '．', '·', '・', '～', '％', '‰', '℃', '°', ',', '.', ';', ':', '?', '!', ')', ']', '}', '%':
		return true
	}
	return false
}

// NoEnd reports whether r may not end a line (one of noEnd).
func NoEnd(r rune) bool {
	switch r {
	case '（', '《', '「', '『', '【', '〈', '〔', '〖', '〘', '〚', '［', '｛', '“', '‘', '(', '[', '{':
		return true
	}
	return false
}

// identifier lets a field path or file name starting at text[i] break
// after its dots and underscores.
func (b *Breaks) identifier(i int) {
	t := b.text
	e, joined := i, false
	for e < len(t) && pathRune(t[e]) {
		joined = joined || t[e] == '.' || t[e] == '_'
		e++
	}
	if !joined || i > 0 && asciiLetter(t[i-1]) || e < len(t) && asciiLetter(t[e]) {
		return // no dots or underscores, or part of a word with capitals
	}
	end := e
	for end > i && t[end-1] == '.' {
		end-- // a full stop after it
	}
	dotted, seg, parts := true, 0, 1
	for k := i; k < end; k++ {
		switch {
		case t[k] != '.':
			seg++
		case seg < 2:
			dotted = false
		default:
			seg = 0
			parts++
		}
	}
	dotted = dotted && parts >= 2 && seg >= 2
	for k := i + 1; k < end-1; k++ {
		if (t[k] == '.' && dotted || t[k] == '_' && asciiLetter(t[k-1])) && asciiLetter(t[k+1]) {
			b.set(k+1, allow)
		}
	}
}

func pathRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '[' || r == ']' || r == '-'
}

// email keeps the e-mail address around the @ at text[i] whole.
func (b *Breaks) email(i int) {
	t := b.text
	from := i
	for from > 0 && (alnum(t[from-1]) || strings.ContainsRune("._%+-", t[from-1])) {
		from--
	}
	to, dot := i+1, false
	for to < len(t) && (alnum(t[to]) || t[to] == '.' || t[to] == '-') {
		dot = dot || t[to] == '.'
		to++
	}
	for to > i+1 && (t[to-1] == '.' || t[to-1] == '-') {
		to--
	}
	if from < i && to > i+1 && dot {
		b.seal(from, to)
	}
}

// url keeps a web address starting at text[i] whole.
func (b *Breaks) url(i int) {
	t := b.text
	ok := false
	for _, p := range []string{"http://", "https://", "ftp://", "www."} {
		ok = ok || hasPrefixFold(t[i:], p)
	}
	if !ok {
		return
	}
	to, open := i, 0
	for to < len(t) && t[to] > ' ' && t[to] < 0x7f && t[to] != '<' && t[to] != '>' && t[to] != '"' {
		switch t[to] {
		case '(':
			open++
		case ')':
			open--
		}
		to++
	}
	// Punctuation after an address ends the sentence, not the address; a
	// closing parenthesis belongs to it when it closes one the address
	// opened.
	for to > i {
		c := t[to-1]
		if c == ')' && open < 0 {
			open++
		} else if c == ')' || !strings.ContainsRune(".,;:!?']}", c) {
			break
		}
		to--
	}
	b.seal(i, to)
	b.urlEnd = to
}

func hasPrefixFold(t []rune, p string) bool {
	if len(t) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if unicode.ToLower(t[i]) != rune(p[i]) {
			return false
		}
	}
	return true
}

// code keeps the code starting at text[i] whole: its parts joined by
// hyphens when all are codes, and short parts joined by slashes.
func (b *Breaks) code(i int) {
	t := b.text
	type part struct {
		from, to int
		han      bool
	}
	var buf [8]part
	parts := buf[:0]
	e := i
	for e < len(t) && codeRune(t[e]) {
		e++
	}
	parts = append(parts, part{i, e, false})
	for e+1 < len(t) && (t[e] == '-' || t[e] == '/') {
		k := e + 1
		switch {
		case codeRune(t[k]):
			for k < len(t) && codeRune(t[k]) {
				k++
			}
			parts = append(parts, part{e + 1, k, false})
		case t[e] == '-' && ideograph(t[k]):
			for k < len(t) && ideograph(t[k]) {
				k++
			}
			parts = append(parts, part{e + 1, k, true})
		}
		if k == e+1 {
			break
		}
		e = k
	}
	if len(parts) < 2 {
		return
	}
	code := true
	for _, p := range parts {
		code = code && (p.han || codeLike(t[p.from:p.to]))
	}
	for n := 1; n < len(parts); n++ {
		a, c := parts[n-1], parts[n]
		j := a.to // the joiner
		short := !a.han && !c.han && a.to-a.from <= 4 && c.to-c.from <= 4
		if code || t[j] == '/' && short {
			b.keep(j-1, j+2)
			if c.han {
				b.keep(c.from, c.to)
			}
		}
	}
}

// licence keeps a licence number starting at text[i] with the Han
// characters before it: 沪20190087, 国药准字S20240031.
func (b *Breaks) licence(i int) {
	t := b.text
	k := i
	if capital(t[k]) {
		k++
	}
	digits := 0
	for k < len(t) && digit(t[k]) {
		k++
		digits++
	}
	if k == i+digits && digits >= 6 || k > i+digits && digits >= 4 {
		from := i - 1
		for from > 0 && i-from < 4 && ideograph(t[from-1]) {
			from--
		}
		b.keep(from, i+1)
	}
}

// document keeps a document number whose year bracket is at text[i] whole:
// 机关代字〔年份〕序号号, as in 苏药监GMP告〔2025〕0412号.
func (b *Breaks) document(i int) {
	t := b.text
	if i+5 >= len(t) || !digits4(t[i+1:i+5]) || t[i+5] != '〕' {
		return
	}
	to := i + 6
	for to < len(t) && digit(t[to]) {
		to++
	}
	if to > i+6 && to < len(t) && t[to] == '号' {
		from := i
		for from > 0 && i-from < 8 && (ideograph(t[from-1]) || alnum(t[from-1])) {
			from--
		}
		b.keep(from, to+1)
	}
}

func digits4(t []rune) bool {
	for _, r := range t {
		if !digit(r) {
			return false
		}
	}
	return true
}

// codeRune reports whether r may be part of a code or a unit: an ASCII
// letter or digit, or the micro sign.
func codeRune(r rune) bool { return alnum(r) || r == 'μ' || r == 'µ' }

// codeLike reports whether a part can be part of a code: it has no
// lower-case letter, or it has a digit (IgG1).
func codeLike(t []rune) bool {
	lower, dig := false, false
	for _, r := range t {
		lower = lower || r >= 'a' && r <= 'z' || r == 'μ' || r == 'µ'
		dig = dig || digit(r)
	}
	return !lower || dig
}

// numberSign keeps the 号 at text[i] with the code or number before it,
// across spaces: CXSS2500087 号.
func (b *Breaks) numberSign(i int) {
	if q := skipBack(b.text, i-1); q >= 0 && codeRune(b.text[q]) {
		b.glue(i)
	}
}

// number keeps the number starting at text[i] with its sign, label and
// unit, and a date whole.
func (b *Breaks) number(i int) {
	t := b.text
	if i > 0 && (t[i-1] == '.' || t[i-1] == ',') || i > 1 && (t[i-1] == '-' || t[i-1] == '/') && codeRune(t[i-2]) {
		return // inside a number or a code (GLP-1)
	}
	start, e := i, b.numberLength(i)
	b.numberEnd = e
	// A sign before it, and a relation before the sign across spaces.
	if start > 0 && sign(t[start-1]) {
		b.set(start, tight)
		start--
	}
	q := skipBack(t, start-1)
	switch {
	case q >= 0 && q < start-1 && relation(t[q]):
		b.set(start, never)
	case q < start-1 && start < i:
		// A line may break after a space before a signed number, as UAX
		// #14 says (LB18) and uniseg 0.4.7 does not: its look-ahead for
		// LB25 forbids every break before a hyphen followed by a digit.
		b.set(start, allow)
	}
	// A label before it: 第 3, Article 12, December 31.
	month := false
	if q >= 0 {
		w := q
		for w > 0 && asciiLetter(t[w-1]) {
			w--
		}
		label := t[w : q+1]
		month = q < start-1 && is(monthWord, label)
		if t[q] == '第' || q < start-1 && (is(labelWord, label) || month) {
			b.set(start, never)
		}
	}
	// What follows: a Han measure word, a unit, a month, a year.
	u := skipSpaces(t, e)
	switch {
	case u >= len(t):
	case ideograph(t[u]) && digit(t[e-1]):
		b.glue(u)
		if u+1 < len(t) && (twoCharUnit(t[u], t[u+1]) || strings.ContainsRune("万亿千百", t[u]) && ideograph(t[u+1])) {
			b.set(u+1, tight)
		}
		if t[u] == '年' || t[u] == '月' {
			// A date goes on: 2030年10月31日.
			if d := skipSpaces(t, u+1); d < len(t) && digit(t[d]) {
				b.keep(u, d+1)
			}
		}
	default:
		if v := unitEnd(t, u); v > u {
			b.glue(u)
			for k := u + 1; k < v; k++ {
				b.set(k, tight)
			}
		} else if w := wordEnd(t, u); is(monthWord, t[u:w]) {
			// 31 December 2030
			b.keep(e-1, u+1)
			if y := skipSpaces(t, w); y > w && y+4 <= len(t) && digits4(t[y:y+4]) {
				b.keep(w-1, y+1)
			}
		}
	}
	if month && e+6 <= len(t) && t[e] == ',' && t[e+1] == ' ' && digits4(t[e+2:e+6]) {
		b.keep(e, e+3) // December 31, 2030
	}
}

// numberLength returns the end of the number starting at text[i]: its
// digits, decimal parts, digit groups and ranges, and a percent sign.
func (b *Breaks) numberLength(i int) int {
	t := b.text
	j := i
	for {
		for j < len(t) && digit(t[j]) {
			j++
		}
		if j+1 >= len(t) || !digit(t[j+1]) {
			break
		}
		switch t[j] {
		case '.', ',':
		case ' ', '–', '-', '~', '～', '/':
			// Digit groups (6158 3720), ranges (2–8) and dates (2025-11-01,
			// 2025/11/01) stay together.
			b.keep(j-1, j+2)
		default:
			return j
		}
		j++
	}
	if j < len(t) && (t[j] == '%' || t[j] == '‰') {
		j++
	}
	return j
}

// word keeps Party and its letter together, and a company's Ltd or Inc
// with the name before it, for the word starting at text[i].
func (b *Breaks) word(i int) {
	t := b.text
	if r := t[i]; r != 'P' && r != 'L' && r != 'I' && r != 'G' {
		return
	}
	e := wordEnd(t, i)
	if e-i < 3 || e-i > 5 {
		return
	}
	switch string(t[i:e]) {
	case "Party":
		if u := skipSpaces(t, e); u > e && u < len(t) && capital(t[u]) && (u+1 == len(t) || !asciiLetter(t[u+1])) {
			b.set(u, never)
		}
	case "Ltd", "Inc", "LLC", "GmbH", "PLC":
		if q := skipBack(t, i-1); q >= 0 && q < i-1 {
			b.set(i, never)
		}
	}
}

// Kinds of words a number keeps close (bits of words' values).
const (
	unitWord = 1 << iota
	labelWord
	monthWord
)

// words indexes the lists below, built the first time a number is read.
var words = sync.OnceValue(func() map[string]uint8 {
	m := map[string]uint8{}
	for kind, list := range map[uint8]string{unitWord: units, labelWord: labels, monthWord: months} {
		for _, w := range strings.Fields(list) {
			m[w] |= kind
		}
	}
	return m
})

// is reports whether w is a word of the given kind.
func is(kind uint8, w []rune) bool {
	var buf [48]byte
	if len(w) == 0 || len(w) > len(buf)/4 {
		return false
	}
	n := 0
	for _, r := range w {
		n += utf8.EncodeRune(buf[n:], r)
	}
	return words()[string(buf[:n])]&kind != 0
}

// unitEnd returns the end of the unit starting at text[u] (mg, °C, mg/mL,
// mg/瓶, hours), or u when there is none.
func unitEnd(t []rune, u int) int {
	v := u
	for v < len(t) && (codeRune(t[v]) || strings.ContainsRune("°℃Ω·/²³⁻¹", t[v])) {
		v++
	}
	if v > u && v < len(t) && t[v-1] == '/' && ideograph(t[v]) {
		v++ // 100 mg/瓶
	}
	head := v
	for k := u; k < v; k++ {
		if t[k] == '/' {
			head = k
			break
		}
	}
	if !is(unitWord, t[u:head]) {
		return u
	}
	for v > u && t[v-1] == '/' {
		v--
	}
	return v
}

// The units a number keeps after it, written as pilotpack's data writes
// them: SI and pharmacopoeial symbols, and English units of time.
const units = " g mg μg µg ng pg kg t L mL μL µL dL nL m cm mm μm µm nm km m² m³ cm² " +
	"°C ℃ °F K % ‰ h min s ms d IU U kU MIU mol mmol μmol µmol nmol M mM μM nM Pa kPa MPa " +
	"bar psi ppm ppb Da kDa V mV W kW Hz kHz MHz rpm xg ×g CFU EU lx Gy kGy cP mPa·s N kN J kJ kcal A mA Ω " +
	"second seconds minute minutes hour hours day days week weeks month months year years "

// twoCharUnit reports whether a and b make one measure word.
func twoCharUnit(a, b rune) bool {
	switch string([]rune{a, b}) {
	case "个月", "小时", "分钟", "毫升", "毫克", "微克", "纳克", "千克", "公斤", "月龄", "周岁", "批次":
		return true
	}
	return false
}

// Labels a number stays with.
const labels = " Article Articles Chapter Section Clause Annex Appendix Schedule Part Item Step Stage Table Figure " +
	"No. Nos. p. pp. Fig. pH USD RMB CNY EUR GBP JPY SGD HKD "

const months = " January February March April May June July August September October November December "

func sign(r rune) bool { return strings.ContainsRune("-−+±∓~～≈", r) }

func relation(r rune) bool { return strings.ContainsRune("≤≥<>=≈≠±~～⩽⩾", r) }

func skipSpaces(t []rune, i int) int {
	for i < len(t) && t[i] == ' ' {
		i++
	}
	return i
}

// skipBack returns the index of the last rune at or before i that is not a
// space, or -1.
func skipBack(t []rune, i int) int {
	for i >= 0 && t[i] == ' ' {
		i--
	}
	return i
}

func wordEnd(t []rune, i int) int {
	for i < len(t) && asciiLetter(t[i]) {
		i++
	}
	return i
}

func space(r rune) bool       { return r == ' ' || r == '\t' || r == '\u3000' }
func digit(r rune) bool       { return r >= '0' && r <= '9' }
func asciiLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
func alnum(r rune) bool       { return digit(r) || asciiLetter(r) }
func capital(r rune) bool     { return r >= 'A' && r <= 'Z' }

// ideograph reports whether r is a CJK unified ideograph (of the basic block
// or extension A), all of UAX #14 class ID.
func ideograph(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF }

// cjk reports whether r is Chinese text or punctuation, as quotes and
// dashes beside it break like it.
func cjk(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F ||
		r >= 0xFF00 && r <= 0xFF60 || r >= 0x20000 && r <= 0x3FFFF
}
