package document

import (
	"fmt"

	"pilotpack/internal/lang"
)

// Labels are the words generators add to a document, in its language, so
// the PDF and the DOCX say the same thing.
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
}

// LabelsFor returns the labels of a document language.
func LabelsFor(l lang.Lang) Labels {
	if l == lang.En {
		return Labels{
			Contents:  "Contents",
			Page:      func(x, y int) string { return fmt.Sprintf("Page %d of %d", x, y) },
			Packet:    func(x, y int) string { return fmt.Sprintf("Packet page %d of %d", x, y) },
			Seal:      "(Company seal)",
			Signatory: "Legal or authorised representative (signature):",
			Date:      "Date:",
			Draft:     "DRAFT",
		}
	}
	return Labels{
		Contents:  "目　录",
		Page:      func(x, y int) string { return fmt.Sprintf("第 %d 页 共 %d 页", x, y) },
		Packet:    func(x, y int) string { return fmt.Sprintf("申报资料第 %d 页 共 %d 页", x, y) },
		Seal:      "（盖章）",
		Signatory: "法定代表人或授权代表（签字）：",
		Date:      "日期：　　　　年　　月　　日",
		Draft:     "草稿",
	}
}

// Marker returns the label of item n (1-based) of a list in style s; parents
// are the numbers of enclosing outline items.
func Marker(s ListStyle, n int, parents []int) string {
	switch s {
	case Decimal:
		return fmt.Sprintf("%d.", n)
	case Article:
		return "第" + ChineseNumber(n) + "条"
	case Chinese:
		return ChineseNumber(n) + "、"
	case Paren:
		return "（" + ChineseNumber(n) + "）"
	case Outline:
		out := ""
		for _, p := range parents {
			out += fmt.Sprintf("%d.", p)
		}
		return fmt.Sprintf("%s%d", out, n)
	}
	return "•"
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
		return "十" + map[bool]string{true: "", false: digitsZh[n%10]}[n%10 == 0]
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
