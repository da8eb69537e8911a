package renderctx

import (
	"strings"
	"testing"

	"pilotpack/internal/civil"
)

func TestReportDates(t *testing.T) {
	d := civil.MustParse
	for _, tc := range []struct {
		start, end string
		want       string
	}{
		{"2025-12-10", "2026-12-31", "2026-03-31 2026-06-30 2026-09-30 2026-12-31 final 2027-01-31"},
		{"2025-11-15", "2026-06-30", "2025-12-31 2026-03-31 2026-06-30 final 2026-07-30"},
		{"2026-12-20", "2026-12-31", "final 2027-01-31"},
		{"2026-03-31", "2026-12-31", "2026-06-30 2026-09-30 2026-12-31 final 2027-01-31"},
	} {
		var got []string
		for _, r := range reports(d(tc.start), d(tc.end)) {
			m := r.(map[string]any)
			if m["kind"] == "final" {
				got = append(got, "final")
			}
			got = append(got, m["date"].(civil.Date).String())
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("reports(%s, %s) = %s, want %s", tc.start, tc.end, strings.Join(got, " "), tc.want)
		}
	}
}
