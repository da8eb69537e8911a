package compare

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"pilotpack/internal/document"
)

// The identities and fingerprints of blocks: an identity says two blocks
// are the same (unchanged, or labelled alike), a fingerprint is the text
// their similarity is measured on. Neither reads numbers the model counts:
// an article's label, a chapter's number, a citation's wording.

var autoID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^sec-[0-9]+$`) })

func identity(b document.Block) string {
	switch x := b.(type) {
	case *document.Heading:
		if x.ID != "" && !autoID().MatchString(x.ID) {
			return "h#" + x.ID
		}
		return fmt.Sprintf("h%d:%s", x.Level, headingText(x))
	case *document.TOC:
		return "toc"
	case *document.PageBreak:
		return "pagebreak"
	case *document.Rule:
		return "rule"
	}
	return digest(kindName(b) + ":" + fingerprint(b))
}

func itemIdentity(it document.Item) string {
	if it.ID != "" {
		return "#" + it.ID
	}
	return digest("i:" + blocksText(it.Blocks))
}

func kindName(b document.Block) string {
	switch x := b.(type) {
	case *document.Heading:
		return fmt.Sprintf("heading%d", x.Level)
	case *document.Paragraph:
		return "paragraph"
	case *document.List:
		return "list-" + x.Style.String()
	case *document.Table:
		return fmt.Sprintf("table%d", columns(x))
	case *document.Title:
		return "title"
	case *document.Signature:
		return "signature"
	case *document.Quote:
		return "quote"
	case *document.CodeBlock:
		return "code"
	case *document.TOC:
		return "toc"
	case *document.PageBreak:
		return "pagebreak"
	}
	return "rule"
}

// score says how well two blocks pair: blocks of different kinds never;
// containers (a list, a table, a title, a signature block) of the same kind
// always, best the most alike; text only when alike enough.
func score(a, b document.Block, fa, fb string) float64 {
	if kindName(a) != kindName(b) {
		return noPair
	}
	switch a.(type) {
	case *document.Heading, *document.Paragraph, *document.CodeBlock:
		return leafScore(fa, fb)
	}
	return 0.5 + similarity(fa, fb)/2
}

// leafScore pairs texts at least half alike, or of which the shorter is
// mostly kept in the longer: a clause rewritten at length is still the
// clause it was.
func leafScore(a, b string) float64 {
	s := max(similarity(a, b), 0.9*overlap(a, b))
	if s < 0.5 {
		return noPair
	}
	return s
}

func fingerprint(b document.Block) string {
	if h, ok := b.(*document.Heading); ok {
		return headingText(h)
	}
	return textOf(b, normal)
}

// blocksText is the fingerprint of a run of blocks, a list item's.
func blocksText(blocks []document.Block) string { return blocksTextOf(blocks, normal) }

// textOf is the text of a block, its spans written by f, one line for each
// paragraph, item or row. A heading's is without its number.
func textOf(b document.Block, f func([]document.Span) string) string {
	switch x := b.(type) {
	case *document.Heading:
		return f(x.Text)
	case *document.Paragraph:
		return f(x.Text)
	case *document.List:
		var parts []string
		for _, it := range x.Items {
			parts = append(parts, blocksTextOf(it.Blocks, f))
		}
		return strings.Join(parts, "\n")
	case *document.Table:
		var parts []string
		for _, r := range append(append([]document.Row{}, x.Header...), x.Body...) {
			var cells []string
			for _, c := range r.Cells {
				cells = append(cells, f(c.Text))
			}
			parts = append(parts, strings.Join(cells, " | "))
		}
		return strings.Join(parts, "\n")
	case *document.Title:
		var parts []string
		for _, l := range x.Lines {
			parts = append(parts, f(l.Text))
		}
		return strings.Join(parts, "\n")
	case *document.Signature:
		parts := []string{f(x.Lead)}
		for _, p := range x.Parties {
			parts = append(parts, f(p.Role)+f(p.Name))
		}
		return strings.Join(parts, "\n")
	case *document.Quote:
		return blocksTextOf(x.Blocks, f)
	case *document.CodeBlock:
		return x.Text
	}
	return ""
}

func blocksTextOf(blocks []document.Block, f func([]document.Span) string) string {
	var parts []string
	for _, b := range blocks {
		if t := textOf(b, f); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}

// headingText is a heading's text without its number: 总则, not 第一章　总则.
func headingText(h *document.Heading) string {
	t := normal(h.Text)
	if h.Label != "" {
		if rest, ok := strings.CutPrefix(t, h.Label); ok {
			t = strings.TrimLeft(rest, " 　")
		}
	}
	return t
}

func columns(t *document.Table) int {
	n := len(t.Align)
	for _, r := range append(append([]document.Row{}, t.Header...), t.Body...) {
		n = max(n, len(r.Cells))
	}
	return n
}

func rowText(r document.Row) string {
	var parts []string
	for _, c := range r.Cells {
		parts = append(parts, plain(c.Text))
	}
	return strings.Join(parts, " | ")
}

func rowNormal(r document.Row) string {
	var parts []string
	for _, c := range r.Cells {
		parts = append(parts, normal(c.Text))
	}
	return strings.Join(parts, " | ")
}

// redline writes marked spans as text: [-deleted-]{+inserted+}.
func redline(spans []document.Span) string {
	var b strings.Builder
	cur := document.Unmarked
	closeMark := func() {
		switch cur {
		case document.Deleted, document.MovedFrom:
			b.WriteString("-]")
		case document.Inserted, document.MovedTo:
			b.WriteString("+}")
		}
	}
	for _, s := range spans {
		if s.Mark != cur {
			closeMark()
			switch s.Mark {
			case document.Deleted, document.MovedFrom:
				b.WriteString("[-")
			case document.Inserted, document.MovedTo:
				b.WriteString("{+")
			}
			cur = s.Mark
		}
		b.WriteString(s.Text)
	}
	closeMark()
	return b.String()
}

func rowRedline(r document.Row) string {
	var parts []string
	for _, c := range r.Cells {
		parts = append(parts, redline(c.Text))
	}
	return strings.Join(parts, " | ")
}

func rowSpans(r document.Row) []document.Span {
	var out []document.Span
	for i, c := range r.Cells {
		if i > 0 {
			out = append(out, document.Span{Text: " | "})
		}
		out = append(out, c.Text...)
	}
	return out
}
