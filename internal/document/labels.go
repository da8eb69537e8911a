package document

import (
	"fmt"
	"strconv"
	"strings"

	"pilotpack/internal/lang"
)

// Labels are the words generators add to a document, in its language, so
// the PDF and the DOCX say the same thing, and the words of the document's
// numbering, so that one template structure serves every language.
type Labels struct {
	Contents string
	// Page formats "page x of y".
	Page func(x, y int) string
	// Packet formats "page x of y" of the whole packet, which the combined
	// PDF prints on every page, attachments included.
	Packet func(x, y int) string
	// Seal, Signatory and Date are the lines of a signature block.
	Seal, Signatory, Date string
	Draft                 string
	// SignatureLead closes an agreement's text before its signature page;
	// title is the agreement's, or empty.
	SignatureLead func(title string) string

	// Chapter, Annex and Article name the n-th chapter, annex and article
	// as a heading prints and a cross-reference cites them.
	Chapter, Annex, Article func(n int) string
	// HeadingSep separates a numbered heading's number from its text;
	// ArticleSep an article's number from the text it opens.
	HeadingSep, ArticleSep string
	// Paren and Chinese format the numbers of those list styles.
	Paren, Chinese func(n int) string
	// RunIn lists the styles whose labels open their item's paragraph;
	// the others hang beside it.
	RunIn map[ListStyle]bool
	// Items are the styles of the ordered lists nested in an article, by
	// depth: its items (项) and their sub-items (目).
	Items []ListStyle
	// Cite cites an item whose label is label ((c), （三）, 3.) under the
	// citation of what holds it (Article 12, 第十二条第（三）项, or nothing);
	// level 1 is an article's item (项), 2 its sub-item (目).
	Cite func(parent string, level int, label string) string
}

var labelsZh = Labels{
	Contents:  "目　录",
	Page:      func(x, y int) string { return fmt.Sprintf("第 %d 页 共 %d 页", x, y) },
	Packet:    func(x, y int) string { return fmt.Sprintf("申报资料第 %d 页 共 %d 页", x, y) },
	Seal:      "（盖章）",
	Signatory: "法定代表人或授权代表（签字）：",
	Date:      "日期：　　　　年　　月　　日",
	Draft:     "草稿",
	SignatureLead: func(title string) string {
		if title == "" {
			return "（以下无正文，为签署页）"
		}
		return "（以下无正文，为《" + title + "》之签署页）"
	},
	Chapter:    func(n int) string { return "第" + ChineseNumber(n) + "章" },
	Annex:      func(n int) string { return "附件" + strconv.Itoa(n) },
	Article:    func(n int) string { return "第" + ChineseNumber(n) + "条" },
	HeadingSep: "　",
	ArticleSep: "　",
	Paren:      func(n int) string { return "（" + ChineseNumber(n) + "）" },
	Chinese:    func(n int) string { return ChineseNumber(n) + "、" },
	RunIn:      map[ListStyle]bool{Article: true, Chinese: true, Paren: true},
	Items:      []ListStyle{Paren, Decimal},
	// 立法技术规范: 第十二条第（三）项第1目; an item of no article is 第（三）项.
	Cite: func(parent string, level int, label string) string {
		unit := "项"
		if level > 1 {
			unit = "目"
		}
		return parent + "第" + strings.TrimRight(label, ".、") + unit
	},
}

var labelsEn = Labels{
	Contents:  "Contents",
	Page:      func(x, y int) string { return fmt.Sprintf("Page %d of %d", x, y) },
	Packet:    func(x, y int) string { return fmt.Sprintf("Packet page %d of %d", x, y) },
	Seal:      "(Company seal)",
	Signatory: "Legal or authorised representative (signature):",
	Date:      "Date:",
	Draft:     "DRAFT",
	// What an English agreement says where the Chinese says 以下无正文: that
	// its text ends and the signatures follow. Not "[Signature page
	// follows.]" nor "the remainder of this page is intentionally left
	// blank": the line stands on the signature page, just above the first
	// party, and the parties may follow on the page of the last article.
	SignatureLead: func(title string) string {
		if title == "" {
			return "[The text ends here; signatures follow.]"
		}
		return "[The text of the " + title + " ends here; signatures follow.]"
	},
	Chapter:    func(n int) string { return "Chapter " + strconv.Itoa(n) },
	Annex:      func(n int) string { return "Annex " + strconv.Itoa(n) },
	Article:    func(n int) string { return "Article " + strconv.Itoa(n) },
	HeadingSep: " ",
	ArticleSep: " ",
	Paren:      func(n int) string { return "(" + letters(n) + ")" },
	Chinese:    func(n int) string { return strconv.Itoa(n) + "." },
	RunIn:      map[ListStyle]bool{Article: true},
	Items:      []ListStyle{Paren, Roman},
	// Article 12(c)(ii); an item of no article is (c).
	Cite: func(parent string, level int, label string) string {
		return parent + "(" + strings.Trim(label, "().") + ")"
	},
}

// LabelsFor returns the labels of a document language.
func LabelsFor(l lang.Lang) Labels {
	if l == lang.En {
		return labelsEn
	}
	return labelsZh
}

// Marker returns the label of item n (1-based) of a list in style s, in
// language l; parents are the numbers of enclosing outline items. A run-in
// article's label carries the space before its text.
func Marker(l lang.Lang, s ListStyle, n int, parents []int) string {
	lb := LabelsFor(l)
	switch s {
	case Decimal:
		return fmt.Sprintf("%d.", n)
	case Article:
		return lb.Article(n) + lb.ArticleSep
	case Chinese:
		return lb.Chinese(n)
	case Paren:
		return lb.Paren(n)
	case Roman:
		return "(" + roman(n) + ")"
	case Outline:
		out := ""
		for _, p := range parents {
			out += fmt.Sprintf("%d.", p)
		}
		return fmt.Sprintf("%s%d", out, n)
	}
	return "•"
}

// letters numbers a, b, … z, aa, bb, … zz, aaa, as English legal drafting
// letters paragraphs.
func letters(n int) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
}

// roman writes n in lower-case Roman numerals (1 to 3999; others in
// figures).
func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, d := range []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for ; n >= d.v; n -= d.v {
			b.WriteString(d.s)
		}
	}
	return b.String()
}

var digitsZh = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// ChineseNumber writes n (0 ≤ n < 100000) in Chinese numerals the way
// clause numbers are written: 十, 十一, 二十, 一百零五, 一千零二十.
func ChineseNumber(n int) string {
	if n < 0 || n >= 100000 {
		return fmt.Sprint(n)
	}
	if n < 10 {
		return digitsZh[n]
	}
	if n < 20 {
		if n == 10 {
			return "十"
		}
		return "十" + digitsZh[n%10]
	}
	units := []string{"", "十", "百", "千", "万"}
	var parts []int
	for m := n; m > 0; m /= 10 {
		parts = append(parts, m%10)
	}
	out := ""
	zero := false
	for i := len(parts) - 1; i >= 0; i-- {
		d := parts[i]
		if d == 0 {
			zero = true
			continue
		}
		if zero && out != "" {
			out += "零"
		}
		zero = false
		out += digitsZh[d] + units[i]
	}
	return out
}
