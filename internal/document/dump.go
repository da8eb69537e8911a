package document

import (
	"fmt"
	"strings"
)

// Dump writes the model as indented text, one block per line, for golden
// tests and for authors debugging a template.
func Dump(d *Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "doc lang=%s title=%q\n", d.Lang, d.Title)
	dumpBlocks(&b, d.Blocks, 1)
	return b.String()
}

func dumpBlocks(b *strings.Builder, blocks []Block, depth int) {
	ind := strings.Repeat("  ", depth)
	for _, bl := range blocks {
		switch x := bl.(type) {
		case *Heading:
			kind := ""
			if x.Kind != Section {
				kind = fmt.Sprintf("%s=%q ", x.Kind, x.Label)
			}
			fmt.Fprintf(b, "%sheading %d #%s %s%s\n", ind, x.Level, x.ID, kind, dumpSpans(x.Text))
		case *Paragraph:
			fmt.Fprintf(b, "%sparagraph %s%s\n", ind, alignTag(x.Align), dumpSpans(x.Text))
		case *List:
			runIn := ""
			if x.RunIn {
				runIn = " run-in"
			}
			fmt.Fprintf(b, "%slist %s start=%d%s\n", ind, x.Style, x.Start, runIn)
			for _, it := range x.Items {
				task := ""
				switch it.Task {
				case Unchecked:
					task = " ☐"
				case Checked:
					task = " ☑"
				}
				id := ""
				if it.ID != "" {
					id = " #" + it.ID
				}
				fmt.Fprintf(b, "%s  item %q%s%s\n", ind, it.Label, id, task)
				dumpBlocks(b, it.Blocks, depth+2)
			}
		case *Table:
			fmt.Fprintf(b, "%stable widths=%v align=%v\n", ind, x.Widths, x.Align)
			for _, r := range x.Header {
				fmt.Fprintf(b, "%s  header %s\n", ind, dumpRow(r))
			}
			for _, r := range x.Body {
				mark := ""
				if r.Mark != Unmarked {
					mark = "[" + r.Mark.String() + "] "
				}
				fmt.Fprintf(b, "%s  row %s%s\n", ind, mark, dumpRow(r))
			}
		case *PageBreak:
			fmt.Fprintf(b, "%spagebreak\n", ind)
		case *TOC:
			fmt.Fprintf(b, "%stoc depth=%d\n", ind, x.Depth)
		case *Title:
			fmt.Fprintf(b, "%stitle\n", ind)
			for _, l := range x.Lines {
				fmt.Fprintf(b, "%s  line %s\n", ind, dumpSpans(l.Text))
			}
		case *Signature:
			keep := ""
			if x.KeepTogether {
				keep = " keep-together"
			}
			fmt.Fprintf(b, "%ssignature%s lead=%s\n", ind, keep, dumpSpans(x.Lead))
			for _, p := range x.Parties {
				fmt.Fprintf(b, "%s  party role=%s name=%s\n", ind, dumpSpans(p.Role), dumpSpans(p.Name))
				fmt.Fprintf(b, "%s    seal %q %gx%g mm; signatory %q; date %q\n", ind, p.Seal.Label, p.Seal.Width, p.Seal.Height, p.Signatory, p.Date)
			}
		case *CodeBlock:
			fmt.Fprintf(b, "%scode %q\n", ind, x.Text)
		case *Quote:
			fmt.Fprintf(b, "%squote\n", ind)
			dumpBlocks(b, x.Blocks, depth+1)
		case *Rule:
			fmt.Fprintf(b, "%srule\n", ind)
		}
	}
}

func alignTag(a Align) string {
	if a == AlignDefault {
		return ""
	}
	return "align=" + a.String() + " "
}

func dumpRow(r Row) string {
	var cells []string
	for _, c := range r.Cells {
		cells = append(cells, dumpSpans(c.Text))
	}
	return strings.Join(cells, " | ")
}

func dumpSpans(spans []Span) string {
	var parts []string
	for _, s := range spans {
		var tags []string
		if s.Bold {
			tags = append(tags, "b")
		}
		if s.Italic {
			tags = append(tags, "i")
		}
		if s.Code {
			tags = append(tags, "code")
		}
		if s.Link != "" {
			tags = append(tags, "link="+s.Link)
		}
		if s.Ref != "" {
			tags = append(tags, "ref="+s.Ref)
		}
		if s.NoBreak {
			tags = append(tags, "nobreak")
		}
		if s.Mark != Unmarked {
			tags = append(tags, s.Mark.String())
		}
		q := fmt.Sprintf("%q", s.Text)
		if len(tags) > 0 {
			q = "[" + strings.Join(tags, ",") + "]" + q
		}
		parts = append(parts, q)
	}
	return strings.Join(parts, " ")
}
