package fonts

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"regexp"
	"testing"
)

// TestProvenance checks the embedded files are the ones PROVENANCE.md names.
func TestProvenance(t *testing.T) {
	doc, err := os.ReadFile("PROVENANCE.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile("`([A-Za-z-]+\\.ttf)`.*`([0-9a-f]{64})`").FindAllStringSubmatch(string(doc), -1)
	files := map[string][]byte{
		"NotoSerifSC-Regular.ttf": SerifRegular, "NotoSerifSC-Bold.ttf": SerifBold,
		"NotoSansSC-Regular.ttf": SansRegular, "NotoSansSC-Bold.ttf": SansBold,
	}
	if len(rows) != len(files) {
		t.Fatalf("PROVENANCE.md lists %d fonts, %d are embedded", len(rows), len(files))
	}
	for _, r := range rows {
		sum := sha256.Sum256(files[r[1]])
		if got := hex.EncodeToString(sum[:]); got != r[2] {
			t.Errorf("%s: sha256 %s, PROVENANCE.md says %s", r[1], got, r[2])
		}
	}
}
