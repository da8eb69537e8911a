package compare

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"pilotpack/generators/docx"
	"pilotpack/generators/pdf"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
)

// ChangesName is the file name of the summary in the output folder.
const ChangesName = "changes.json"

// Output controls the files a comparison writes.
type Output struct {
	// Fonts set the redline PDFs; nil for the embedded defaults.
	Fonts *pdf.Fonts
	// Date dates the files; the same result and date give the same bytes.
	Date time.Time
	// Creator names the producing tool in the files' properties.
	Creator string
}

// File is one file of a comparison's output.
type File struct {
	Name string
	Data []byte
}

// Files are the output of a comparison: for every changed document a
// redline DOCX with tracked changes and a redline PDF opening with a page
// that lists the changes, and changes.json. The PDFs are drawn in one pass.
func (r *Result) Files(o Output) ([]File, error) {
	var files []File
	type drawn struct {
		at   int
		laid *pdf.Laid
	}
	var laid []drawn
	for i := range r.Documents {
		d := &r.Documents[i]
		if d.Status != StatusChanged {
			continue
		}
		stem := strings.TrimSuffix(d.NewFile, ".docx")
		d.Redline = &Files{DOCX: stem + "-redline.docx", PDF: stem + "-redline.pdf"}
		var buf bytes.Buffer
		if err := docx.WriteRedline(&buf, d.redline, docx.Options{Date: o.Date, Creator: o.Creator}, docx.Revisions{Author: r.Author, Date: o.Date}); err != nil {
			return nil, fmt.Errorf("%s: %w", d.Redline.DOCX, err)
		}
		files = append(files, File{Name: d.Redline.DOCX, Data: buf.Bytes()})
		l, err := pdf.Layout(r.pdfModel(d), pdf.Options{Fonts: o.Fonts, Date: o.Date, Creator: o.Creator,
			Header: words.headerPrefix.In(d.redline.Lang) + d.redline.Title})
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: d.Redline.PDF})
		laid = append(laid, drawn{len(files) - 1, l})
	}
	if len(laid) > 0 {
		var entries []pdf.Entry
		for _, l := range laid {
			entries = append(entries, pdf.Entry{Laid: l.laid})
		}
		book, err := pdf.Draw(entries)
		if err != nil {
			return nil, err
		}
		for _, l := range laid {
			if files[l.at].Data, err = book.Document(l.laid); err != nil {
				return nil, err
			}
		}
	}
	data, err := r.JSON()
	if err != nil {
		return nil, err
	}
	files = append(files, File{Name: ChangesName, Data: data})
	return files, nil
}

// JSON is the summary as changes.json holds it.
func (r *Result) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(r)
	return buf.Bytes(), err
}

// words are the fixed phrases of a redline PDF's first page.
var words = struct {
	summary, document, old, new, author, legend, inserted, deleted, moved, bar, none, renumbered, headerPrefix lang.Text
	count                                                                                                      func(l lang.Lang, c Counts) string
	kinds                                                                                                      map[Kind]lang.Text
	source                                                                                                     func(l lang.Lang, s *Side) string
}{
	summary:      lang.T("修订对照说明", "Summary of changes"),
	document:     lang.T("文件：", "Document: "),
	old:          lang.T("原版本：", "Earlier version: "),
	new:          lang.T("新版本：", "Later version: "),
	author:       lang.T("修订人：", "Changes by: "),
	legend:       lang.T("标记：", "Marks: "),
	inserted:     lang.T("插入的文字", "inserted text"),
	deleted:      lang.T("删除的文字", "deleted text"),
	moved:        lang.T("移动的条款", "moved clauses"),
	bar:          lang.T("；页边竖线标出有修订的行。", "; a bar in the margin marks every line with a change."),
	none:         lang.T("（无实质修订）", "(no change of substance)"),
	renumbered:   lang.T("仅编号变化（条款编号及其引用随插入、删除的条款更新）：", "Renumbering only (numbers and citations updated for clauses inserted or deleted):"),
	headerPrefix: lang.T("修订对照稿　", "Redline — "),
	count: func(l lang.Lang, c Counts) string {
		if l == lang.En {
			return fmt.Sprintf("%d changes of substance (%d changed, %d inserted, %d deleted, %d moved):", c.Substantive(), c.Changed, c.Inserted, c.Deleted, c.Moved)
		}
		return fmt.Sprintf("共 %d 处实质修订（修改 %d，插入 %d，删除 %d，移动 %d）：", c.Substantive(), c.Changed, c.Inserted, c.Deleted, c.Moved)
	},
	kinds: map[Kind]lang.Text{
		Changed:    lang.T("修改", "changed"),
		Inserted:   lang.T("插入", "inserted"),
		Deleted:    lang.T("删除", "deleted"),
		Moved:      lang.T("移动", "moved"),
		Renumbered: lang.T("编号变化", "renumbered"),
	},
	source: func(l lang.Lang, s *Side) string {
		if l == lang.En {
			return fmt.Sprintf("%s (pack %s %s, %s)", s.Source, s.Pack.ID, s.Pack.Version, s.Date)
		}
		return fmt.Sprintf("%s（模板包 %s %s，%s）", s.Source, s.Pack.ID, s.Pack.Version, s.Date)
	},
}

// pdfModel is the redline as its PDF sets it: a first page listing the
// changes, each linked to its place, then the redline, where an article
// inserted or deleted whole shows its number marked too.
func (r *Result) pdfModel(d *DocumentResult) *document.Doc {
	l := d.redline.Lang
	out := *d.redline
	sep := map[lang.Lang]string{lang.Zh: "；", lang.En: "; "}[l]
	blocks := []document.Block{
		&document.Paragraph{Align: document.AlignCenter, Text: []document.Span{{Text: words.summary.In(l), Bold: true}}},
		&document.Paragraph{Align: document.AlignLeft, Text: []document.Span{{Text: words.document.In(l), Bold: true}, {Text: d.redline.Title}}},
		&document.Paragraph{Align: document.AlignLeft, Text: []document.Span{{Text: words.old.In(l), Bold: true}, {Text: words.source(l, r.Old)}}},
		&document.Paragraph{Align: document.AlignLeft, Text: []document.Span{{Text: words.new.In(l), Bold: true}, {Text: words.source(l, r.New)}}},
		&document.Paragraph{Align: document.AlignLeft, Text: []document.Span{{Text: words.author.In(l), Bold: true}, {Text: r.Author + sep + r.Date}}},
		&document.Paragraph{Align: document.AlignLeft, Text: []document.Span{
			{Text: words.legend.In(l), Bold: true},
			{Text: words.inserted.In(l), Mark: document.Inserted}, {Text: sep},
			{Text: words.deleted.In(l), Mark: document.Deleted}, {Text: sep},
			{Text: words.moved.In(l), Mark: document.MovedTo},
			{Text: words.bar.In(l)},
		}},
		&document.Paragraph{Align: document.AlignLeft, Text: []document.Span{{Text: words.count(l, d.Counts), Bold: true}}},
	}
	var main, renumbered []document.Item
	for _, c := range d.Changes {
		it := document.Item{Blocks: []document.Block{&document.Paragraph{Align: document.AlignLeft, Text: summaryLine(l, c)}}}
		if c.Kind == Renumbered {
			renumbered = append(renumbered, it)
		} else {
			main = append(main, it)
		}
	}
	if len(main) == 0 {
		blocks = append(blocks, &document.Paragraph{Text: []document.Span{{Text: words.none.In(l)}}})
	} else {
		blocks = append(blocks, &document.List{Style: document.Bullet, Start: 1, Items: main})
	}
	if len(renumbered) > 0 {
		blocks = append(blocks, &document.Paragraph{Align: document.AlignLeft, Text: []document.Span{{Text: words.renumbered.In(l), Bold: true}}},
			&document.List{Style: document.Bullet, Start: 1, Items: renumbered})
	}
	for i := range blocks {
		if l, ok := blocks[i].(*document.List); ok {
			for j := range l.Items {
				l.Items[j].Label = "•"
			}
		}
	}
	blocks = append(blocks, &document.PageBreak{})
	out.Blocks = append(blocks, runInLabels(d.redline.Blocks)...)
	return &out
}

// summaryLine is one change on the first page: where it is, linked to the
// place, what happened, and the changed text with a little around it.
func summaryLine(l lang.Lang, c Change) []document.Span {
	where := c.Clause
	switch {
	case where != "" && c.Section != "" && l == lang.En:
		where += " (" + c.Section + ")"
	case where != "" && c.Section != "":
		where += "（" + c.Section + "）"
	case where == "":
		where = c.Section
	}
	if part := partName(l, c.Part); where == "" {
		where = part
	} else if strings.HasPrefix(c.Part, "table") {
		where += map[lang.Lang]string{lang.Zh: "，", lang.En: ", "}[l] + part
	}
	colon := map[lang.Lang]string{lang.Zh: "：", lang.En: ": "}[l]
	kind := words.kinds[c.Kind].In(l)
	if c.Kind == Moved && c.From != "" {
		if l == lang.En {
			kind += " from " + c.From
		} else {
			kind += "（原" + c.From + "）"
		}
	}
	link := ""
	if c.anchor != "" {
		link = "#" + c.anchor
	}
	spans := []document.Span{{Text: where, Bold: true, Link: link}, {Text: map[lang.Lang]string{lang.Zh: "　", lang.En: " "}[l] + kind + colon}}
	return append(spans, excerpt(c.spans, 24, 160)...)
}

// excerpt shortens marked spans to the changes and up to context
// characters of unchanged text around each, and at most limit characters
// of changed text; what is cut is shown as an ellipsis.
func excerpt(in []document.Span, context, limit int) []document.Span {
	// Text only, one span for each run of a mark.
	var spans []document.Span
	for _, s := range in {
		s = document.Span{Text: s.Text, Mark: s.Mark}
		if n := len(spans); n > 0 && spans[n-1].Mark == s.Mark {
			spans[n-1].Text += s.Text
			continue
		}
		spans = append(spans, s)
	}
	var out []document.Span
	first, last := -1, -1
	for i, s := range spans {
		if s.Mark != document.Unmarked {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return nil
	}
	changed := 0
	for i, s := range spans {
		s.Text = strings.ReplaceAll(s.Text, "\n", " / ")
		switch {
		case s.Mark != document.Unmarked:
			rs := []rune(s.Text)
			if changed+len(rs) > limit {
				rs = append(rs[:max(limit-changed, 0)], '…')
			}
			changed += len(rs)
			s.Text = string(rs)
		case i < first:
			s.Text = tail(s.Text, context)
		case i > last:
			s.Text = head(s.Text, context)
		default:
			if utf8.RuneCountInString(s.Text) > 2*context {
				s.Text = head(s.Text, context) + tail(s.Text, context)[len("…"):]
			}
		}
		if s.Text != "" {
			out = append(out, s)
		}
		if changed >= limit {
			break
		}
	}
	return out
}

// head is the first n characters of s, and an ellipsis where it is cut. A
// word or number is not cut (苏20180123 shown as 苏201… reads as another
// number) unless it is longer than n itself.
func head(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := n
	for cut < len(rs) && cut < 2*n && isWordRune(rs[cut-1]) && isWordRune(rs[cut]) {
		cut++
	}
	if cut == len(rs) {
		return s
	}
	return string(rs[:cut]) + "…"
}

// tail is the last n characters of s, after an ellipsis where it is cut;
// as head, it does not cut a word or number.
func tail(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := len(rs) - n
	for cut > 0 && cut > len(rs)-2*n && isWordRune(rs[cut-1]) && isWordRune(rs[cut]) {
		cut--
	}
	if cut == 0 {
		return s
	}
	return "…" + string(rs[cut:])
}

// runInLabels gives the articles and items inserted, deleted or moved
// whole their number as marked text: a run-in label opens the item's
// paragraph, so it reads as part of what changed. The DOCX numbers its
// items itself and needs none of this.
func runInLabels(blocks []document.Block) []document.Block {
	out := make([]document.Block, len(blocks))
	for i, b := range blocks {
		switch x := b.(type) {
		case *document.List:
			l := *x
			l.Items = make([]document.Item, len(x.Items))
			for j, it := range x.Items {
				it.Blocks = runInLabels(it.Blocks)
				if p, ok := firstParagraph(it); ok && l.RunIn {
					if m := document.WholeMark(p.Text); m != document.Unmarked && it.Label != "" {
						np := *p
						np.Text = append([]document.Span{{Text: it.Label, Bold: l.Style == document.Article, Mark: m}}, p.Text...)
						it.Blocks = append([]document.Block{&np}, it.Blocks[1:]...)
						it.Label = ""
					}
				}
				l.Items[j] = it
			}
			out[i] = &l
		case *document.Quote:
			out[i] = &document.Quote{Blocks: runInLabels(x.Blocks)}
		default:
			out[i] = b
		}
	}
	return out
}

func firstParagraph(it document.Item) (*document.Paragraph, bool) {
	if len(it.Blocks) == 0 {
		return nil, false
	}
	p, ok := it.Blocks[0].(*document.Paragraph)
	return p, ok
}

// partName says in the document's language what part of it changed: a
// table row, a heading, the title.
func partName(l lang.Lang, part string) string {
	var n int
	for _, p := range []struct {
		format string
		name   lang.Text
	}{
		{"table row %d", lang.T("表格第%d行", "table row %d")},
		{"table header %d", lang.T("表头第%d行", "table header row %d")},
	} {
		if _, err := fmt.Sscanf(part, p.format, &n); err == nil {
			return fmt.Sprintf(p.name.In(l), n)
		}
	}
	names := map[string]lang.Text{
		"heading": lang.T("标题", "heading"), "paragraph": lang.T("段落", "paragraph"), "clause": lang.T("条款", "clause"),
		"table": lang.T("表格", "table"), "title": lang.T("文件标题", "title"), "signature": lang.T("签署页", "signature page"),
	}
	if t, ok := names[part]; ok {
		return t.In(l)
	}
	return part
}
