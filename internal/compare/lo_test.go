package compare

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"pilotpack/generators/docx"
	"pilotpack/internal/lang"
	"pilotpack/internal/testtool"
)

// python finds a Python with LibreOffice's UNO bridge (Debian's
// python3-uno), or skips t — fails it under PILOTPACK_REQUIRE_TOOLS=1.
func python(t *testing.T) string {
	t.Helper()
	testtool.Need(t, "soffice")
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import uno").Run() == nil {
			return py
		}
	}
	if os.Getenv("PILOTPACK_REQUIRE_TOOLS") == "1" {
		t.Fatal("python3 with LibreOffice's uno module is required (PILOTPACK_REQUIRE_TOOLS=1); install python3-uno")
	}
	t.Skip("python3-uno is not installed")
	return ""
}

// TestLibreOfficeAcceptsAndRejects opens redlines in LibreOffice, accepts
// every tracked change in one copy and rejects every one in another, and
// saves them as text: accepted, each reads as LibreOffice reads the new
// version's own DOCX, numbering and contents included; rejected, as it
// reads the old one's. The documents have clauses and table rows inserted,
// deleted and changed, and articles renumbered.
func TestLibreOfficeAcceptsAndRejects(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	py := python(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var jobs []string
	type check struct{ got, want, what string }
	var checks []check
	for _, pc := range []struct {
		pair fixturePair
		docs []string
	}{
		{pairs[2], []string{"quality-agreement/zhenheng-shanghai", "quality-agreement/lanhu-suzhou", "production-agreement/zhenheng-shanghai"}},
		{pairs[4], []string{"quality-agreement/lanhu-suzhou"}},
		{englishStageMoved(), []string{"quality-agreement/zhenheng-shanghai"}},
	} {
		res := pc.pair.compare(t)
		files, err := res.Files(Output{Date: date})
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string][]byte{}
		for _, f := range files {
			byName[f.Name] = f.Data
		}
		for _, want := range pc.docs {
			var d *DocumentResult
			for i := range res.Documents {
				if res.Documents[i].ID+"/"+res.Documents[i].Manufacturer == want {
					d = &res.Documents[i]
				}
			}
			if d == nil || d.Status != StatusChanged {
				t.Fatalf("%s: %s has not changed", pc.pair.name, want)
			}
			stem := pc.pair.name + "-" + filepath.Base(d.Redline.DOCX)
			var old, new bytes.Buffer
			if err := docx.Write(&old, d.old, docx.Options{Date: date}); err != nil {
				t.Fatal(err)
			}
			if err := docx.Write(&new, d.new, docx.Options{Date: date}); err != nil {
				t.Fatal(err)
			}
			red := write(stem, byName[d.Redline.DOCX])
			o, n := write(stem+".old.docx", old.Bytes()), write(stem+".new.docx", new.Bytes())
			jobs = append(jobs, "accept", red, red+".accepted.txt", "reject", red, red+".rejected.txt",
				"none", o, o+".txt", "none", n, n+".txt")
			checks = append(checks, check{red + ".accepted.txt", n + ".txt", stem + " accepted"}, check{red + ".rejected.txt", o + ".txt", stem + " rejected"})
		}
	}
	cmd := exec.Command(py, append([]string{"testdata/lo-revisions.py", filepath.Join(dir, "profile")}, jobs...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	for _, c := range checks {
		got, err := os.ReadFile(c.got)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(c.want)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s in LibreOffice does not read as the version:\n%s", c.what, firstDiff(string(got), string(want)))
		}
	}
}

// englishStageMoved is the stage-moved pair in English: compared by words.
func englishStageMoved() fixturePair {
	p := pairs[2]
	p.name, p.lang = "stage-moved-en", lang.En
	return p
}
