package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var wantLine = regexp.MustCompile(`(?m)^# want: (.*)$`)

// TestInvalidFixtures runs every file in fixtures/invalid: each names, in a
// "# want:" comment (or a .want file beside a JSON file), exactly the
// error-severity findings it must produce as rule@line.
func TestInvalidFixtures(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/invalid/*")
	n := 0
	for _, path := range files {
		if strings.HasSuffix(path, ".want") {
			continue
		}
		n++
		t.Run(filepath.Base(path), func(t *testing.T) {
			var want []string
			if strings.HasSuffix(path, ".json") {
				w, err := os.ReadFile(path + ".want")
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(strings.TrimSpace(string(w)), "\n")
				want = strings.Fields(lines[len(lines)-1])
			} else {
				data, _ := os.ReadFile(path)
				m := wantLine.FindSubmatch(data)
				if m == nil {
					t.Fatal("no # want: line")
				}
				want = strings.Fields(string(m[1]))
			}
			_, fs := ValidateFile(path, DefaultPolicy())
			var got []string
			for _, f := range fs {
				if f.Severity == 0 {
					got = append(got, f.Rule+"@"+strconv.Itoa(f.Line))
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("errors %v, want %v\n%s", got, want, dump(fs))
			}
			if !fs.HasErrors() {
				t.Error("an invalid fixture passed")
			}
		})
	}
	if n < 20 {
		t.Errorf("only %d invalid fixtures", n)
	}
}
