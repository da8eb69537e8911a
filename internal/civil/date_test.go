package civil

import (
	"testing"

	"pilotpack/internal/lang"
)

func TestParse(t *testing.T) {
	for _, good := range []string{"2024-02-29", "2025-12-31", "1999-01-01"} {
		d, err := Parse(good)
		if err != nil || d.String() != good {
			t.Errorf("Parse(%q) = %v, %v", good, d, err)
		}
	}
	for _, bad := range []string{"2025-02-29", "2025-13-01", "2025-00-10", "2025-1-1", "25-01-01", "2025/01/01", "", "2025-12-31T00:00:00Z", "abcd-ef-gh", "1800-01-01"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestArithmetic(t *testing.T) {
	a, b := MustParse("2025-12-10"), MustParse("2025-12-31")
	if a.DaysUntil(b) != 21 || b.DaysUntil(a) != -21 {
		t.Error("DaysUntil")
	}
	if !a.Before(b) || a.After(b) || !b.After(a) {
		t.Error("Before/After")
	}
	if got := MustParse("2025-11-01").AddDate(5, 0, -1); got != MustParse("2030-10-31") {
		t.Errorf("AddDate = %v", got)
	}
	for _, c := range []struct {
		from, to string
		months   int
	}{{"2022-06-01", "2025-12-10", 42}, {"2025-01-31", "2025-02-28", 0}, {"2025-01-15", "2025-02-15", 1}} {
		if got := MustParse(c.from).MonthsUntil(MustParse(c.to)); got != c.months {
			t.Errorf("MonthsUntil(%s, %s) = %d, want %d", c.from, c.to, got, c.months)
		}
	}
}

func TestFormats(t *testing.T) {
	d := MustParse("2025-12-05")
	if d.Zh() != "2025年12月5日" || d.En() != "5 December 2025" {
		t.Errorf("Zh %q En %q", d.Zh(), d.En())
	}
	var z Date
	if !z.IsZero() || z.String() != "" || z.Zh() != "" {
		t.Error("zero date")
	}
}

func TestParseErrorsInBothLanguages(t *testing.T) {
	for in, want := range map[string][2]string{
		"2025/12/01": {`"2025/12/01" 不是 YYYY-MM-DD 形式的日期`, `"2025/12/01" is not a date in the form YYYY-MM-DD`},
		"2025-02-30": {`"2025-02-30"：2025年2月没有 30 日`, `"2025-02-30": February 2025 has no day 30`},
		"2025-13-01": {`"2025-13-01"：没有 13 月`, `"2025-13-01": month 13 does not exist`},
		"1800-01-01": {`"1800-01-01"：年份 1800 不在 1900–2200 之间`, `"1800-01-01": year 1800 is out of range 1900–2200`},
	} {
		_, err := Parse(in)
		if got := lang.Message(err, lang.Zh); got != want[0] {
			t.Errorf("%s: zh %q, want %q", in, got, want[0])
		}
		if got := lang.Message(err, lang.En); got != want[1] {
			t.Errorf("%s: en %q, want %q", in, got, want[1])
		}
	}
}
