package cli

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestControlCharactersNeverReachTheTerminal puts escape sequences, a bell,
// C1 controls and bidirectional overrides into an applicant file's keys and
// values, and its name, and checks that no command prints one raw: each
// comes out as an escape such as \x1b.
func TestControlCharactersNeverReachTheTerminal(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../fixtures/applicants/glp1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	evil := `\e[2J\e]0;pwned\a\x9b31m\u202eevil`
	text := strings.NewReplacer(
		"credit_code: 91440300709264812T", `credit_code: "9144\e[31m0300709264812T"`,
		"    site: jinrui-chengdu", `    site: "jinrui`+evil+`"`,
		"attachments/glp1/pen-device.pdf", `"attachments/`+evil+`.pdf"`,
	).Replace(string(src))
	text += `"` + evil + `": 1` + "\n"
	name := filepath.Join(dir, "a\x1b[1mb.yaml")
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// A packet's zip with an entry named to clear the screen.
	zipPath := filepath.Join(dir, "p.zip")
	f, _ := os.Create(zipPath)
	z := zip.NewWriter(f)
	w, _ := z.Create("manifest.json")
	w.Write([]byte(`{"files": [{"path": "x\u001b[2J.pdf", "size": 1, "sha256": "00"}]}`))
	w, _ = z.Create("\x1b[2J\u202e.pdf")
	w.Write([]byte("x"))
	z.Close()
	f.Close()

	for _, args := range [][]string{
		{"validate", name},
		{"validate", "--lang", "zh", name},
		{"validate", "--format", "json", name},
		{"validate", dir},
		{"build", "--out", filepath.Join(dir, "out"), name},
		{"build", "--out", filepath.Join(dir, "out"), "--draft", name},
		{"review", "--out", filepath.Join(dir, "r.xlsx"), name},
		{"verify", zipPath},
	} {
		var out, errs strings.Builder
		code := Main(append([]string{"pilotpack"}, args...), &out, &errs)
		all := out.String() + errs.String()
		if code == ExitInternal {
			t.Errorf("%v: exit 1\n%s", args, all)
		}
		for _, r := range all {
			if r != '\n' && r != '\t' && (unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)) {
				t.Errorf("%v prints %U raw:\n%s", args, r, all)
				break
			}
		}
		if args[1] == "--format" && !json.Valid([]byte(out.String())) {
			t.Errorf("%v: the escaped output is no longer JSON:\n%s", args, out.String())
		}
		if !strings.Contains(all, `\x1b`) && !strings.Contains(all, `\u001b`) {
			t.Errorf("%v does not show the escape as \\x1b:\n%s", args, all)
		}
	}
}
