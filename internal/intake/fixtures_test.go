package intake

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the fixtures' workbooks (fixtures/applicants/*.xlsx) from their YAML")

// TestFixtures checks that each fixture's workbook is what convert makes
// of its YAML, so the two stay one application; after changing a YAML
// fixture (or the workbook's layout), rewrite them with
//
//	go test ./internal/intake -run TestFixtures -update
//
// (go generate ./fixtures runs the same).
func TestFixtures(t *testing.T) {
	for _, name := range fixtureNames {
		want, err := Encode(loadFixture(t, name).File, name+".xlsx")
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("..", "..", "fixtures", "applicants", name+".xlsx")
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v; write it with: go test ./internal/intake -run TestFixtures -update", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not the workbook of %s.yaml; rewrite it with: go test ./internal/intake -run TestFixtures -update", path, name)
		}
	}
}
