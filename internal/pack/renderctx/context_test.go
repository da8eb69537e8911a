package renderctx

import (
	"testing"

	"pilotpack/internal/lang"
)

func TestSeries(t *testing.T) {
	for _, c := range []struct {
		items []string
		l     lang.Lang
		want  string
	}{
		{[]string{"原液"}, lang.Zh, "原液"},
		{[]string{"单价原液", "半成品配制"}, lang.Zh, "单价原液和半成品配制"},
		{[]string{"甲", "乙", "丙"}, lang.Zh, "甲、乙和丙"},
		// A pair among the items: the list is joined with 、 alone.
		{[]string{"偶联", "无菌灌装与冻干"}, lang.Zh, "偶联、无菌灌装与冻干"},
		{[]string{"注射笔组装", "包装与贴签"}, lang.Zh, "注射笔组装、包装与贴签"},
		{[]string{"conjugation", "filling"}, lang.En, "conjugation and filling"},
		{[]string{"a", "b", "c"}, lang.En, "a, b and c"},
		{nil, lang.Zh, ""},
	} {
		if got := Series(c.items, c.l); got != c.want {
			t.Errorf("Series(%q, %s) = %q, want %q", c.items, c.l, got, c.want)
		}
	}
}

func TestDocumentNumber(t *testing.T) {
	for in, want := range map[string]string{
		"Suyaojianyaosheng [2025] 117 Hao":  "Suyaojianyaosheng [2025] No. 117",
		"Suyaojian GMP Gao [2025] 0412 Hao": "Suyaojian GMP Gao [2025] No. 0412",
		"Hu20190087":                        "Hu20190087",
		"Guoyaozhunzi S20240031":            "Guoyaozhunzi S20240031",
		"Haohua [2025] 12 Haode":            "Haohua [2025] 12 Haode",
	} {
		if got := documentNumber(in); got != want {
			t.Errorf("documentNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
