package document

import (
	"fmt"
	"strings"
)

// BenchmarkMarkdown returns about pages A4 pages of mixed Chinese and
// English text with headings, lists and tables, for the generators'
// benchmarks.
func BenchmarkMarkdown(pages int) string {
	var b strings.Builder
	b.WriteString("<!-- toc -->\n\n")
	// A section sets about three quarters of a page.
	for i := 1; i <= pages*4/3; i++ {
		fmt.Fprintf(&b, "# 第%s章 受托生产活动 %d\n\n", ChineseNumber(i), i)
		b.WriteString("持有人应当建立覆盖全部生产场地的统一质量管理体系，包括统一的供应商管理、质量标准、工艺规程、变更控制和偏差处理程序。" +
			"受托方应当按照《药品生产质量管理规范（2010年修订）》组织生产；检验结果超标（OOS）时，应当立即调查并在24小时内通知持有人。\n\n")
		b.WriteString("The manufacturer shall not sub-contract any activity without the holder's prior written consent, and shall notify the holder " +
			"within 24 hours of any regulatory inspection, deviation affecting release, or out-of-specification result.\n\n")
		b.WriteString("<!-- numbering: paren -->\n1. 受托方负责偶联原液的生产、检验与出厂放行；\n2. 持有人负责上市放行、变更申报与药物警戒。\n\n")
		b.WriteString("| 序号 | 活动 | 持有人 | 受托方 |\n|---|---|---|---|\n")
		for r := 1; r <= 8; r++ {
			fmt.Fprintf(&b, "| %d | 批记录审核与批号关联（HTC-2025-%03d） | 批准 | 负责 |\n", r, r)
		}
		b.WriteString("\n")
	}
	return b.String()
}
