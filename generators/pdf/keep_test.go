package pdf

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
	"pilotpack/internal/pagestyle"
)

// linesOf returns, page by page, the lines drawn in the text block (running
// header and footer left out): runs of text set one after the other on a
// baseline, across the spaces of a justified line, joined into one text
// item. A line is drawn in several runs where its style changes and where
// micro-typography spaces it (a quarter em between Han and Latin text, a
// compressed mark).
func linesOf(e *engine) [][]page.Text {
	out := make([][]page.Text, len(e.pages))
	for i, p := range e.pages {
		for _, it := range p.Items {
			t, ok := it.(page.Text)
			if !ok || t.Y <= marginT || t.Y >= bodyBottom {
				continue
			}
			if n := len(out[i]); n > 0 {
				l := &out[i][n-1]
				if gap := t.X - (l.X + l.Width); math.Abs(t.Y-l.Y) < 0.01 && gap > -t.Size && gap < 2*t.Size {
					// A justified space between words; the quarter em between
					// Han and Latin text is no space.
					last, _ := utf8.DecodeLastRuneInString(l.Text)
					first, _ := utf8.DecodeRuneInString(t.Text)
					if gap > t.Size/8 && !wide(last) && !wide(first) {
						l.Text += " "
					}
					l.Text += t.Text
					l.Width = t.X + t.Width - l.X
					continue
				}
			}
			out[i] = append(out[i], t)
		}
	}
	return out
}

// where returns the page and the index among its lines of the first text
// item containing s.
func where(t *testing.T, e *engine, s string) (int, int) {
	t.Helper()
	for pi, ls := range linesOf(e) {
		for i, l := range ls {
			if strings.Contains(l.Text, s) {
				return pi, i
			}
		}
	}
	t.Fatalf("%q not drawn", s)
	return -1, -1
}

// TestKeeps fills a page more and more, then sets a heading, a lead-in and a
// table, and checks at every filling that the heading has two lines of its
// paragraph with it, the lead-in's last line shares a page with the table's
// header and first row, and no page holds a single line of a paragraph that
// spans two pages.
func TestKeeps(t *testing.T) {
	fonts := mustFonts(t)
	para := strings.Repeat("持有人应当建立覆盖全部生产场地的统一质量管理体系。", 6) // three lines
	var rows strings.Builder
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&rows, "| %d | 第%d项材料 | 说明 |\n", i, i)
	}
	for filler := 24; filler <= 34; filler++ {
		md := strings.Repeat("这一段文字只用来占满页面。\n\n", filler) +
			"# 第三章 标题\n\n" + "甲" + para + "\n\n" + "乙" + para + "尾句如下：\n\n| 序号 | 名称 | 要求 |\n|---|---|---|\n" + rows.String()
		e := layout(mustParse(md), fonts)
		hp, _ := where(t, e, "第三章")
		if p, _ := where(t, e, "甲持有人"); p != hp {
			t.Errorf("%d fillers: the heading is on page %d, its paragraph starts on page %d", filler, hp+1, p+1)
		}
		lead, _ := where(t, e, "尾句如下")
		if h, _ := where(t, e, "名称"); h != lead {
			t.Errorf("%d fillers: the lead-in ends on page %d, the table starts on page %d", filler, lead+1, h+1)
		}
		if r, _ := where(t, e, "第1项"); r != lead {
			t.Errorf("%d fillers: the lead-in ends on page %d, the first row is on page %d", filler, lead+1, r+1)
		}
		if r, _ := where(t, e, "第2项"); r != lead {
			t.Errorf("%d fillers: the table's header has one row on its first page", filler)
		}
		for _, start := range []string{"甲持有人", "乙持有人"} {
			p, i := where(t, e, start)
			ls := linesOf(e)
			if i == len(ls[p])-1 {
				t.Errorf("%d fillers: the paragraph %s… leaves one line at the foot of page %d", filler, start, p+1)
			}
		}
	}
}

// TestLastRowNotAlone checks that the last row of a table never stands alone
// on a page after the header: the row before it goes along.
func TestLastRowNotAlone(t *testing.T) {
	fonts := mustFonts(t)
	for n := 30; n <= 50; n++ {
		var b strings.Builder
		b.WriteString("| 序号 | 名称 |\n|---|---|\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "| %d | 材料第%d项 |\n", i, i)
		}
		e := layout(mustParse(b.String()), fonts)
		last, _ := where(t, e, fmt.Sprintf("材料第%d项", n))
		before, _ := where(t, e, fmt.Sprintf("材料第%d项", n-1))
		if last != before {
			t.Errorf("%d rows: the last row stands alone on page %d", n, last+1)
		}
	}
}

// TestShortTableNotSplit fills a page more and more before a table of
// four rows: at every filling the whole table stands on one page; and a
// table of twelve rows split at any filling has at least two rows on each
// page it reaches.
func TestShortTableNotSplit(t *testing.T) {
	fonts := mustFonts(t)
	for _, n := range []int{4, 12} {
		var rows strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&rows, "| 甲方 | 联系人%d | 质量受权人 |\n", i)
		}
		for filler := 20; filler <= 36; filler++ {
			md := strings.Repeat("这一段文字只用来占满页面。\n\n", filler) + "| 协议方 | 联系人 | 职务 |\n|---|---|---|\n" + rows.String()
			e := layout(mustParse(md), fonts)
			perPage := map[int]int{}
			for i := 1; i <= n; i++ {
				p, _ := where(t, e, fmt.Sprintf("联系人%d", i))
				perPage[p]++
			}
			switch {
			case n <= shortTable && len(perPage) > 1:
				t.Errorf("%d fillers: a table of %d rows is split %v", filler, n, perPage)
			case n > shortTable:
				for p, k := range perPage {
					if k < 2 {
						t.Errorf("%d fillers: %d row(s) of %d on page %d", filler, k, n, p+1)
					}
				}
			}
		}
	}
}

// TestSignaturesEndTheirPage sets a new section after an agreement's
// signatures: it starts a page, so the page the lead line calls the
// signature page holds nothing else.
func TestSignaturesEndTheirPage(t *testing.T) {
	e := layout(mustParse("::: title\n测试协议\n:::\n\n正文。\n\n::: signature\n- 甲方：上海瀚源生物医药科技有限公司\n- 乙方：苏州澜湖生物制药有限公司\n:::\n\n# 附件1 品种\n\n内容。\n"), mustFonts(t))
	sig, _ := where(t, e, "（以下无正文，为《测试协议》之签署页）")
	annex, _ := where(t, e, "附件1")
	if annex != sig+1 {
		t.Errorf("signatures on page %d, the annex on page %d", sig+1, annex+1)
	}
}

// TestLoneSignatureNotAlone fills a page more and more before a
// declaration (a list, or a paragraph) signed by one party, which has no
// lead line: at every filling the signature shares its page with the
// declaration's last lines.
func TestLoneSignatureNotAlone(t *testing.T) {
	fonts := mustFonts(t)
	for _, decl := range []string{
		"我单位郑重承诺：\n\n1. 本次申报的全部资料真实、准确、完整。\n2. 对分段生产的产品质量依法承担责任，严格执行质量协议和委托生产协议。\n3. 如违反上述承诺，愿意承担相应的法律责任。\n",
		"我单位郑重承诺本次申报的全部资料真实、准确、完整，对分段生产的产品质量依法承担责任，严格执行质量协议和委托生产协议；如违反上述承诺，愿意承担相应的法律责任。\n",
	} {
		for filler := 20; filler <= 34; filler++ {
			md := strings.Repeat("这一段文字只用来占满页面。\n\n", filler) + decl + "\n::: signature\n- 申请人：上海瀚源生物医药科技有限公司\n:::\n"
			e := layout(mustParse(md), fonts)
			sig, _ := where(t, e, "上海瀚源生物医药科技有限公司")
			last, _ := where(t, e, "任。") // the declaration's end
			if last != sig {
				t.Errorf("%d fillers: the declaration ends on page %d, its signature stands alone on page %d", filler, last+1, sig+1)
			}
		}
	}
}

// TestSignatureBlocks checks each party's block in Chinese (two parties side
// by side) and in English (names too long for that: one below the other):
// the full name on one line in a readable size, a labelled seal space of at
// least 40 × 40 mm with no text in it, a signature line below the
// signatory's label, the date, and the whole block on one page with the
// lead line.
func TestSignatureBlocks(t *testing.T) {
	for _, tc := range []struct {
		lang, md string
		names    []string
	}{
		{"zh", "::: title\n药品委托生产协议\n:::\n\n正文。\n\n::: signature\n- 甲方（委托方）：上海瀚源生物医药科技有限公司\n- 乙方（受托方）：苏州澜湖生物制药有限公司\n:::\n",
			[]string{"上海瀚源生物医药科技有限公司", "苏州澜湖生物制药有限公司"}},
		{"en", "::: title\nCommissioned Production Agreement\n:::\n\nText.\n\n::: signature\n- Party A (contract giver): Shanghai Hanyuan Biopharmaceutical Technology Co., Ltd.\n- Party B (contract acceptor): Suzhou Lanhu Biopharmaceutical Co., Ltd.\n:::\n",
			[]string{"Shanghai Hanyuan Biopharmaceutical Technology Co., Ltd.", "Suzhou Lanhu Biopharmaceutical Co., Ltd."}},
	} {
		d, _ := document.Parse([]byte(tc.md), lang.Lang(tc.lang))
		e := layout(d, mustFonts(t))
		labels := e.labels
		lead, _ := where(t, e, map[string]string{"zh": "（以下无正文，为《药品委托生产协议》之签署页）", "en": "[The text of the"}[tc.lang])
		texts := linesOf(e)[lead]
		for _, name := range tc.names {
			var runs []page.Text
			for _, x := range texts {
				if strings.Contains(name, x.Text) && len(x.Text) > 3 {
					runs = append(runs, x)
				}
			}
			joined := ""
			for _, r := range runs {
				joined += r.Text
				if r.Y != runs[0].Y || r.Size < minName {
					t.Errorf("%s: the name %q is broken or shrunk: %q at y %.1f, %.1f pt", tc.lang, name, r.Text, r.Y, r.Size)
				}
			}
			if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(name, " ", "") {
				t.Errorf("%s: the name %q is not on the signature page in one piece: %q", tc.lang, name, joined)
			}
		}
		var seals, dates, signs int
		for _, x := range texts {
			switch unhalfText(x.Text) {
			case labels.Seal:
				seals++
				// Nothing printed in the 40 × 40 mm below the label.
				for _, o := range texts {
					if o.Y > x.Y+1 && o.Y-o.Ascent < x.Y+pagestyle.MM(40) && o.X < x.X+pagestyle.MM(40) && o.X+o.Width > x.X {
						t.Errorf("%s: %q is printed in the seal space below %v", tc.lang, o.Text, x)
					}
				}
			case labels.Date:
				dates++
			case labels.Signatory:
				signs++
				rule := false
				for _, it := range e.pages[lead].Items {
					if r, ok := it.(page.Rule); ok && r.Y1 > x.Y && r.Y1 < x.Y+3*bodySize && r.X2-r.X1 > 100 {
						rule = true
					}
				}
				if !rule {
					t.Errorf("%s: no signature line below the signatory's label", tc.lang)
				}
			}
		}
		if seals != 2 || dates != 2 || signs != 2 {
			t.Errorf("%s: %d seal labels, %d signatory labels, %d dates on the lead line's page, want 2 each", tc.lang, seals, signs, dates)
		}
	}
}

// TestHintedColumnsKeepWords sets a responsibility matrix whose width
// hints give its answer columns less than their words: every column is
// still as wide as its longest word, so no cell hyphenates a word to fit
// it (responsi-ble, partici-pates).
func TestHintedColumnsKeepWords(t *testing.T) {
	md := "<!-- widths: 1 4 5 3 3 2 -->\n| No. | Chapter | Activity | Contract Giver | Contract Acceptor | Note |\n|---|---|---|---|---|---|\n" +
		"| 1 | Quality assurance | Corrective and preventive actions (CAPA) | responsible | participates | |\n" +
		"| 2 | Complaints, pharmacovigilance and recalls | Handling complaints | approves | responsible | |\n"
	d, _ := document.Parse([]byte(md), lang.En)
	var log []string
	e := layoutLogged(d, mustFonts(t), &log)
	tb := d.Blocks[0].(*document.Table)
	widths := columnWidths(tb, e.shapeCells(tb, 6), 6, textW)
	for c, word := range map[int]string{1: "pharmacovigilance", 3: "responsible", 4: "participates"} {
		if w := e.textWidth(word, textStyle{font: fSerif, size: tableSize}) + 2*cellPad; widths[c] < w {
			t.Errorf("column %d (%.1f pt) is narrower than %q (%.1f pt)", c+1, widths[c], word, w)
		}
	}
	for _, l := range log {
		if strings.HasSuffix(l, "-") {
			t.Errorf("a cell hyphenates: %q", l)
		}
	}
}

// TestHeaderWordsStayWhole sets the quality agreement's interface table,
// whose hints and long codes leave narrow columns: no header word is
// hyphenated (and specifica-|tion), and no cell hyphenates a word whose
// tail then stands alone on its line (verifica-|tion|completed).
func TestHeaderWordsStayWhole(t *testing.T) {
	md := "<!-- widths: 3 4 4 3 3 -->\n| Hand-over | Intermediate and specification text | Transport, container and temperature | Transport qualification | Documents |\n|---|---|---|---|---|\n" +
		"| Received from Shanghai Hanyuan Biopharmaceutical Technology Co., Ltd. (cell bank) | Working cell bank (WCB) vials; Hanyuan WCB specification QS-WCB-001 | By road, Shanghai to Suzhou, accompanied by a designated courier; a liquid-nitrogen dry shipper (container verification completed); ≤ -150 °C | Qualified (HY-TQ-2025-001, 12 June 2025) | Site release documents, certificate of analysis, temperature records |\n"
	d, _ := document.Parse([]byte(md), lang.En)
	var log []string
	layoutLogged(d, mustFonts(t), &log)
	for i, l := range log {
		if strings.HasSuffix(l, "-") && i+1 < len(log) && !strings.Contains(log[i+1], " ") {
			t.Errorf("%q hyphenated, its tail %q alone on the next line", l, log[i+1])
		}
		if strings.HasPrefix(l, "and specifica") && strings.HasSuffix(l, "-") {
			t.Errorf("the header hyphenates: %q", l)
		}
	}
}

// TestTableColumns checks the columns of a table without width hints: no
// column narrower than its longest word, an empty column as narrow as its
// header, numbers aligned right.
func TestTableColumns(t *testing.T) {
	md := "| No. | Description | Remarks | Pages |\n|---|---|---|---|\n" +
		"| 1 | An intermediate shipped under qualified conditions to the next site, where the incoming inspection decides | | 12 |\n" +
		"| 2 | Pharmacovigilance | | 1,288 |\n"
	d, _ := document.Parse([]byte(md), lang.En)
	e := layout(d, mustFonts(t))
	tb := d.Blocks[0].(*document.Table)
	widths := columnWidths(tb, e.shapeCells(tb, 4), 4, textW)
	word := e.textWidth("Pharmacovigilance", textStyle{font: fSerif, size: tableSize}) + 2*cellPad
	if widths[1] < word {
		t.Errorf("the description column (%.1f pt) is narrower than its longest word (%.1f pt)", widths[1], word)
	}
	header := e.textWidth("Remarks", textStyle{font: fSansBold, size: tableSize}) + 2*cellPad + 1
	if widths[2] > header+0.5 {
		t.Errorf("the empty column is %.1f pt wide; its header needs %.1f", widths[2], header)
	}
	var pages []page.Text
	for _, it := range e.pages[0].Items {
		if x, ok := it.(page.Text); ok && (x.Text == "12" || x.Text == "1,288") {
			pages = append(pages, x)
		}
	}
	if len(pages) != 2 || math.Abs(pages[0].X+pages[0].Width-(pages[1].X+pages[1].Width)) > 0.01 {
		t.Errorf("the numbers are not aligned right: %+v", pages)
	}
}

// TestListItemsLineUp: the items of a list share one hanging indent, from
// its widest marker, so that the text of (f) and (i) starts where (a)'s
// does.
func TestListItemsLineUp(t *testing.T) {
	md := "<!-- numbering: article -->\n1. In this Agreement:\n"
	for i := range 9 {
		md += fmt.Sprintf("   %d. Word%d means something.\n", i+1, i+1)
	}
	d, _ := document.Parse([]byte(md), lang.En)
	e := layout(d, mustFonts(t).latin())
	starts := map[float64]bool{}
	for _, p := range e.pages {
		for _, it := range p.Items {
			if x, ok := it.(page.Text); ok && strings.HasPrefix(x.Text, "Word") {
				starts[math.Round(x.X*100)/100] = true
			}
		}
	}
	if len(starts) != 1 {
		t.Errorf("the items' text starts at %d places, want one: %v", len(starts), starts)
	}
}

// TestNoWordAcrossPages: a page never ends in half a word. Paragraphs of
// many lengths are set so that page breaks fall on hyphenated lines; the
// page ends a line earlier, or the paragraph moves over whole.
func TestNoWordAcrossPages(t *testing.T) {
	words := strings.Fields("the contract acceptor shall send the certificate of analysis and packing list with each shipment and have its temperature record verified by the receiving site before the intermediate is released to the next stage of the phased manufacture under the responsibility matrix")
	var b strings.Builder
	for i := range 120 {
		n := 30 + (i*7)%40
		for k := range n {
			b.WriteString(words[(i*5+k*3)%len(words)] + " ")
		}
		b.WriteString("\n\n")
	}
	d, _ := document.Parse([]byte(b.String()), lang.En)
	e := layout(d, mustFonts(t).latin())
	broken := 0
	for pi, p := range e.pages {
		var last page.Text
		for _, it := range p.Items {
			if x, ok := it.(page.Text); ok && x.Y < bodyBottom+1 && x.Y >= last.Y {
				last = x
			}
		}
		if strings.HasSuffix(last.Text, "\u00ad") || strings.HasSuffix(last.Text, "-") {
			broken++
			t.Errorf("page %d ends in half a word: %q", pi+1, last.Text)
		}
	}
	if len(e.pages) < 10 {
		t.Fatalf("only %d pages", len(e.pages))
	}
}

// TestListLeadsInTable: an article (a list's last item) ending in a colon
// keeps with the table after it; one that does not, or a table after a
// list that ends otherwise, does not.
func TestListLeadsInTable(t *testing.T) {
	for _, c := range []struct {
		src  string
		keep bool
	}{
		{"<!-- numbering: article -->\n1. 通知送达下列地址：\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", true},
		{"<!-- numbering: article -->\n1. Notices go to the addresses below:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", true},
		{"<!-- numbering: article -->\n1. 通知以书面形式送达。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", false},
	} {
		d, _ := document.Parse([]byte(c.src), lang.Zh)
		if len(d.Blocks) != 2 {
			t.Fatalf("%q: %d blocks", c.src, len(d.Blocks))
		}
		if got := keepsWithNext(d.Blocks[0], d.Blocks[1]); got != c.keep {
			t.Errorf("%q: keeps with the table %v, want %v", c.src, got, c.keep)
		}
	}
}
