package readiness

import (
	"fmt"
	"testing"

	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
)

func TestOf(t *testing.T) {
	missing := finding.Finding{Rule: MissingRule, Severity: finding.Warning, Subject: lang.T("审计报告", "audit report")}
	deferred := finding.Finding{Rule: DeferredRule, Severity: finding.Info, Subject: lang.T("工艺验证资料", "process validation data")}
	broken := finding.Finding{Rule: "licence.category", Severity: finding.Error}
	for _, c := range []struct {
		name string
		fs   finding.List
		want Verdict
		ctx  map[string]any
	}{
		{"nothing", nil, Ready, map[string]any{"ready": true, "complete": true, "missing": []any{}, "deferred": []any{}}},
		// A deferrable material leaves the verdict alone, but is named.
		{"deferred", finding.List{deferred}, Ready, map[string]any{"ready": true, "complete": true, "missing": []any{}, "deferred": []any{"process validation data"}}},
		{"missing", finding.List{missing, deferred}, Incomplete, map[string]any{"ready": false, "complete": false, "missing": []any{"audit report"}, "deferred": []any{"process validation data"}}},
		{"errors", finding.List{broken, missing}, Invalid, map[string]any{"ready": false, "complete": false, "missing": []any{"audit report"}, "deferred": []any{}}},
	} {
		r := Of(c.fs)
		if r.Verdict != c.want {
			t.Errorf("%s: verdict %s, want %s", c.name, r.Verdict, c.want)
		}
		got := r.Context(lang.En)
		for k, v := range c.ctx {
			if fmt.Sprint(got[k]) != fmt.Sprint(v) {
				t.Errorf("%s: %s = %v, want %v", c.name, k, got[k], v)
			}
		}
	}
}
