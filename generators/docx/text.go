package docx

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"pilotpack/internal/document"
)

// typeset prepares a paragraph's spans for the word processor. Every text
// of the body passes through it on its way into runs, so a transform of the
// text itself (quotes, stops, spaces) is made here, once. It is idempotent:
// text that has been through it (what Read returns) comes out as it went in.
func typeset(spans []document.Span) []document.Span {
	return spaceHanLatin(spans)
}

// spaceHanLatin drops the spaces typed between a Han character and a Latin
// letter or digit ("1288 号", "第 3 条"): the paragraphs ask the word
// processor for its own quarter-em space there (autoSpaceDE, autoSpaceDN),
// which a typed space would double, and "2029年" and "2029 年" then look
// alike. Code keeps its spaces. The spans are returned as they are when
// nothing changes.
//
// A redline's spans hold two versions: each is set as its own document
// would be, so that accepting every change gives the later version's text
// as its DOCX has it and rejecting every change the earlier one's. Text in
// both versions loses a space only where both drop it.
func spaceHanLatin(spans []document.Span) []document.Span {
	redline := false
	for _, s := range spans {
		redline = redline || s.Mark != document.Unmarked
	}
	var drop [][]bool
	if !redline {
		drop = dropped(spans, func(document.Mark) bool { return true })
	} else {
		later, earlier := dropped(spans, document.Mark.InNew), dropped(spans, document.Mark.InOld)
		drop = make([][]bool, len(spans))
		for i, s := range spans {
			l, e := at(later, i), at(earlier, i)
			switch {
			case s.Mark == document.Unmarked && l != nil && e != nil:
				drop[i] = make([]bool, len(s.Text))
				for j := range drop[i] {
					drop[i][j] = l[j] && e[j]
				}
			case s.Mark != document.Unmarked && s.Mark.InNew():
				drop[i] = l
			case s.Mark != document.Unmarked && s.Mark.InOld():
				drop[i] = e
			}
		}
	}
	var out []document.Span
	for i, d := range drop {
		if !slices.Contains(d, true) {
			continue
		}
		var sb strings.Builder
		for j := 0; j < len(spans[i].Text); j++ {
			if !d[j] {
				sb.WriteByte(spans[i].Text[j])
			}
		}
		if out == nil {
			out = append([]document.Span(nil), spans...)
		}
		out[i].Text = sb.String()
	}
	if out == nil {
		return spans
	}
	return out
}

// dropped finds the spaces to drop in the text of one version: the spans
// whose mark is in it, read as one text. It returns, for each span with a
// space to drop, which of its bytes go. A number that opens the text keeps
// its space: "1.1 定义" is a label and a title, not a run of text.
func dropped(spans []document.Span, in func(document.Mark) bool) [][]bool {
	// The version's text, with the span and offset of every byte.
	// Most texts have no space at all: those are seen without building it.
	type pos struct{ span, off int }
	n, spaced := 0, false
	for _, s := range spans {
		if in(s.Mark) {
			n += len(s.Text)
			spaced = spaced || strings.IndexByte(s.Text, ' ') >= 0
		}
	}
	if !spaced {
		return nil
	}
	text := make([]byte, 0, n)
	where := make([]pos, 0, n)
	for i, s := range spans {
		if !in(s.Mark) {
			continue
		}
		text = append(text, s.Text...)
		for j := range len(s.Text) {
			where = append(where, pos{i, j})
		}
	}
	var drop [][]bool
	for i := numberLabel(string(text)); i < len(text); {
		if text[i] != ' ' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] == ' ' {
			j++
		}
		var before, after rune
		if i > 0 {
			before, _ = utf8.DecodeLastRune(text[:i])
		}
		if j < len(text) {
			after, _ = utf8.DecodeRune(text[j:])
		}
		code := false
		for k := i; k < j; k++ {
			code = code || spans[where[k].span].Code
		}
		if !code && (han(before) && latin(after) || latin(before) && han(after)) {
			for k := i; k < j; k++ {
				w := where[k]
				if drop == nil {
					drop = make([][]bool, len(spans))
				}
				if drop[w.span] == nil {
					drop[w.span] = make([]bool, len(spans[w.span].Text))
				}
				drop[w.span][w.off] = true
			}
		}
		i = j
	}
	return drop
}

// numberLabel is the length of a leading section number and the spaces
// after it ("1.1 ", "3. "; a number with a dot, not "2029 "), or 0.
func numberLabel(s string) int {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if i == 0 || j == i || !strings.Contains(s[:i], ".") {
		return 0
	}
	return j
}

// at is the i-th entry of what dropped returns, or nil.
func at(drop [][]bool, i int) []bool {
	if i < len(drop) {
		return drop[i]
	}
	return nil
}

func han(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

func latin(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
}

// Typeset returns a copy of doc with its text as Write sets it (typeset):
// the model Read gives back from the DOCX, less what a DOCX does not keep.
// The signature block's labels are filled in where the model leaves them
// to the writer. Two versions of a document typeset alike compare as their
// DOCX files read, and their redline's tracked changes, accepted or
// rejected, give exactly each version's text.
func Typeset(doc *document.Doc) *document.Doc {
	out := *doc
	lb := document.LabelsFor(doc.Lang)
	out.Blocks = typesetBlocks(doc.Blocks, lb)
	return &out
}

func typesetBlocks(blocks []document.Block, lb document.Labels) []document.Block {
	if blocks == nil {
		return nil
	}
	text := func(s string) string { return document.PlainText(typeset([]document.Span{{Text: s}})) }
	spans := func(in []document.Span) []document.Span {
		t := typeset(in)
		if len(t) > 0 && &t[0] == &in[0] {
			t = append([]document.Span(nil), in...)
		}
		return t
	}
	rows := func(in []document.Row) []document.Row {
		if in == nil {
			return nil
		}
		out := make([]document.Row, len(in))
		for i, r := range in {
			out[i] = document.Row{Mark: r.Mark, Cells: make([]document.Cell, len(r.Cells))}
			for j, c := range r.Cells {
				out[i].Cells[j] = document.Cell{Text: spans(c.Text)}
			}
		}
		return out
	}
	out := make([]document.Block, len(blocks))
	for i, b := range blocks {
		switch x := b.(type) {
		case *document.Heading:
			h := *x
			h.Text = spans(x.Text)
			out[i] = &h
		case *document.Paragraph:
			p := *x
			p.Text = spans(x.Text)
			out[i] = &p
		case *document.List:
			l := *x
			l.Items = make([]document.Item, len(x.Items))
			for j, it := range x.Items {
				it.Blocks = typesetBlocks(it.Blocks, lb)
				l.Items[j] = it
			}
			out[i] = &l
		case *document.Table:
			t := *x
			t.Header, t.Body = rows(x.Header), rows(x.Body)
			out[i] = &t
		case *document.Title:
			t := &document.Title{Lines: make([]document.Paragraph, len(x.Lines))}
			for j, l := range x.Lines {
				l.Text = spans(l.Text)
				t.Lines[j] = l
			}
			out[i] = t
		case *document.Signature:
			s := *x
			s.Lead = spans(x.Lead)
			s.Parties = make([]document.Party, len(x.Parties))
			for j, p := range x.Parties {
				p.Role, p.Name = spans(p.Role), spans(p.Name)
				p.Seal.Label = text(or(p.Seal.Label, lb.Seal))
				p.Signatory, p.Date = text(or(p.Signatory, lb.Signatory)), text(or(p.Date, lb.Date))
				s.Parties[j] = p
			}
			out[i] = &s
		case *document.Quote:
			out[i] = &document.Quote{Blocks: typesetBlocks(x.Blocks, lb)}
		default:
			out[i] = b
		}
	}
	return out
}
