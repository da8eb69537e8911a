package cli

import (
	"archive/zip"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pilotpack": func() { os.Exit(Main(os.Args, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the txtar scripts in testdata/script. $FIXTURES is the
// repository's fixtures folder. Besides testscript's commands, scripts use
// `code N prog args...`, which runs prog and requires exit code N, and
// `replace FILE OLD NEW`, which edits a file as an author would (OLD must
// occur in it).
func TestScripts(t *testing.T) {
	fixtures, err := filepath.Abs("../../fixtures")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("FIXTURES", fixtures)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"code": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: code N prog args...")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("code: %v", err)
				}
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("code: %v", err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("exit code %d, want %d", got, want)
				}
			},
			"replace": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: replace FILE OLD NEW")
				}
				data := ts.ReadFile(args[0])
				if !strings.Contains(data, args[1]) {
					ts.Fatalf("replace: %q is not in %s", args[1], args[0])
				}
				if err := os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Replace(data, args[1], args[2], 1)), 0o644); err != nil {
					ts.Fatalf("replace: %v", err)
				}
			},
		},
	})
}

// TestZipSlipPackWritesNothing builds with a zip pack holding an entry that
// would leave it: the build is refused as a pack error and nothing is
// written, neither the packet nor the entry.
func TestZipSlipPackWritesNothing(t *testing.T) {
	dir := t.TempDir()
	packDir := filepath.Join(dir, "pack")
	var out, errs strings.Builder
	if code := Main([]string{"pilotpack", "pack", "init", packDir}, &out, &errs); code != 0 {
		t.Fatalf("pack init: %d %s", code, errs.String())
	}
	evil := filepath.Join(dir, "work", "evil.zip")
	os.MkdirAll(filepath.Dir(evil), 0o755)
	f, _ := os.Create(evil)
	z := zip.NewWriter(f)
	filepath.WalkDir(packDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(packDir, p)
		w, _ := z.Create(filepath.ToSlash(rel))
		data, _ := os.ReadFile(p)
		w.Write(data)
		return nil
	})
	w, _ := z.Create("../evil.md")
	w.Write([]byte("{% ssi \"/etc/passwd\" %}"))
	z.Close()
	f.Close()

	outDir := filepath.Join(dir, "work", "out")
	errs.Reset()
	code := Main([]string{"pilotpack", "build", "--pack", evil, "--out", outDir, "../../fixtures/applicants/glp1.yaml"}, &out, &errs)
	if code != ExitPack {
		t.Errorf("exit %d, want %d", code, ExitPack)
	}
	if !strings.Contains(errs.String(), `entry "../evil.md" would leave the pack`) {
		t.Errorf("stderr: %s", errs.String())
	}
	for _, p := range []string{outDir, filepath.Join(dir, "evil.md"), filepath.Join(dir, "work", "..", "evil.md")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was written", p)
		}
	}
}
