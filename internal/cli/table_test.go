package cli

import (
	"strings"
	"testing"

	"pilotpack/internal/termwidth"
)

func TestWriteTable(t *testing.T) {
	var b strings.Builder
	writeTable(&b, [][]string{{"文件", "结果"}, {"a.yaml", "通过"}, {"深圳康峤.yaml", "有错误"}})
	want := "文件           结果\na.yaml         通过\n深圳康峤.yaml  有错误\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestFitFirstColumn(t *testing.T) {
	rows := [][]string{{"FILE", "RESULT"}, {"in/深圳康峤生物科技有限公司倍格鲁肽注射液第二版.yaml", "built"}}
	fit := fitFirstColumn(rows, 40)
	for _, r := range fit {
		if w := termwidth.String(r[0]) + 2 + termwidth.String(r[1]); w > 40 {
			t.Errorf("%q is %d cells", r, w)
		}
	}
	if !strings.HasSuffix(fit[1][0], "第二版.yaml") || !strings.HasPrefix(fit[1][0], "…") {
		t.Errorf("cut wrongly: %q", fit[1][0])
	}
	if got := fitFirstColumn(rows, 200); got[1][0] != rows[1][0] {
		t.Errorf("cut although it fits: %q", got[1][0])
	}
}
