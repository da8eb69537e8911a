package cli

import (
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeCommandTable keeps the README's command table equal to the
// commands' usage lines and one-line descriptions as --help prints them;
// go test ./internal/cli -run TestReadmeCommandTable -update rewrites it.
func TestReadmeCommandTable(t *testing.T) {
	root := rootCommand(newApp(io.Discard, io.Discard))
	var b strings.Builder
	b.WriteString("<!-- commands:start -->\n| command | what it does |\n|---|---|\n")
	for _, path := range leaves(root) {
		syn := strings.ReplaceAll(synopsis(path), "|", `\|`)
		b.WriteString("| `" + syn + "` | " + path[len(path)-1].Usage + " |\n")
	}
	b.WriteString("<!-- commands:end -->")
	const readme = "../../README.md"
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?s)<!-- commands:start -->.*<!-- commands:end -->`)
	if !section.Match(data) {
		t.Fatal("README.md has no <!-- commands:start --> … <!-- commands:end --> section")
	}
	if *update {
		os.WriteFile(readme, section.ReplaceAll(data, []byte(b.String())), 0o644)
		return
	}
	if got := section.Find(data); string(got) != b.String() {
		t.Errorf("README's command table is out of date; run go test ./internal/cli -run TestReadmeCommandTable -update\ngot:\n%s\nwant:\n%s", got, b.String())
	}
}
