package rules

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestReadmeRuleTable keeps the README's rule table equal to the rules in
// code; go test -update rewrites it.
func TestReadmeRuleTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("<!-- rules:start -->\n| rule | severity | checks | basis |\n|---|---|---|---|\n")
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, r.Severity, r.Summary.En, r.Basis.En)
	}
	b.WriteString("<!-- rules:end -->")
	const path = "../../README.md"
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?s)<!-- rules:start -->.*<!-- rules:end -->`)
	if *update {
		os.WriteFile(path, section.ReplaceAll(readme, []byte(b.String())), 0o644)
		return
	}
	if got := section.Find(readme); string(got) != b.String() {
		t.Errorf("README's rule table is out of date; run go test ./internal/rules -update")
	}
}
