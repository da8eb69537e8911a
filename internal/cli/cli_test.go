package cli

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"pilotpack/internal/termwidth"
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
// occur in it), and `tmux COLS FRAMES SHELL-COMMAND` (see tmuxCommand).
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
		// [have:PROG] is true when PROG is installed; a missing one fails
		// the script under PILOTPACK_REQUIRE_TOOLS=1 rather than skip it.
		Condition: func(cond string) (bool, error) {
			prog, ok := strings.CutPrefix(cond, "have:")
			if !ok {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			if _, err := exec.LookPath(prog); err != nil {
				if os.Getenv("PILOTPACK_REQUIRE_TOOLS") == "1" {
					return false, fmt.Errorf("%s is required (PILOTPACK_REQUIRE_TOOLS=1) but not installed; .ci/run installs it", prog)
				}
				return false, nil
			}
			return true, nil
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
			"tmux":      tmuxCommand,
			"frames":    framesCommand,
			"chinese":   chineseCommand,
			"jsonshape": jsonShapeCommand,
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

// tmuxCommand runs a shell command line in a terminal COLS columns wide (a
// tmux session of its own) and writes to FRAMES every different screen it
// showed while it ran, each under a line "--- frame N", the last one after
// the command ended. A progress bar is seen as a person sees it: what is
// on the screen, not the bytes written.
func tmuxCommand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: tmux COLS FRAMES SHELL-COMMAND")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		ts.Fatalf("tmux is not installed; guard the script with [!have:tmux] skip")
	}
	work := ts.Getenv("WORK")
	sock := filepath.Join(work, ".tmux-"+filepath.Base(args[1])+".sock")
	env := []string{"PATH=" + ts.Getenv("PATH"), "HOME=" + ts.Getenv("HOME"), "TMPDIR=" + ts.Getenv("TMPDIR"),
		"LANG=C.UTF-8", "SOURCE_DATE_EPOCH=" + ts.Getenv("SOURCE_DATE_EPOCH"), "FIXTURES=" + ts.Getenv("FIXTURES")}
	run := func(a ...string) string {
		cmd := exec.Command(tmux, append([]string{"-S", sock, "-f", "/dev/null"}, a...)...)
		cmd.Env, cmd.Dir = env, work
		out, err := cmd.CombinedOutput()
		if err != nil {
			ts.Fatalf("tmux %s: %v\n%s", strings.Join(a, " "), err, out)
		}
		return string(out)
	}
	const done = "__pilotpack_done__"
	run("new-session", "-d", "-s", "t", "-x", args[0], "-y", "40", "-c", work,
		"sh -c "+strconv.Quote("cd "+work+" && "+args[2]+"; echo "+done+" $?; sleep 600"))
	defer run("kill-server")
	var frames []string
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		screen := strings.TrimRight(run("capture-pane", "-p", "-t", "t"), "\n")
		if len(frames) == 0 || frames[len(frames)-1] != screen {
			frames = append(frames, screen)
		}
		if strings.Contains(screen, done) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	var b strings.Builder
	for i, f := range frames {
		fmt.Fprintf(&b, "--- frame %d\n%s\n", i+1, f)
	}
	if err := os.WriteFile(ts.MkAbs(args[1]), []byte(b.String()), 0o644); err != nil {
		ts.Fatalf("tmux: %v", err)
	}
}

// barLine is a line of a progress bar on a screen.
var barLine = regexp.MustCompile(`^(生成|检查|审查|building|checking|reviewing) (\[[#.]*\] )?\d+/\d+`)

// framesCommand reads the screens tmuxCommand wrote and says, for the
// script to check: how many bars it saw, the most on one screen, the widest
// line in terminal cells (failing past COLS), whether the last screen still
// holds a bar, and the last screen's lines.
func framesCommand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: frames COLS FRAMES")
	}
	cols, _ := strconv.Atoi(args[0])
	frames := strings.Split(ts.ReadFile(args[1]), "--- frame ")[1:]
	bars, most, widest := 0, 0, 0
	lastBar := false
	for _, f := range frames {
		lines := strings.Split(f, "\n")[1:]
		n := 0
		for _, l := range lines {
			if w := termwidth.String(l); w > widest {
				widest = w
			}
			if barLine.MatchString(l) {
				n++
			}
		}
		bars += n
		most = max(most, n)
		lastBar = n > 0
	}
	if widest > cols {
		ts.Fatalf("a line is %d cells wide in a terminal of %d", widest, cols)
	}
	w := ts.Stdout()
	fmt.Fprintf(w, "bars: %d\nmost bars on one screen: %d\nwidest line: %d\nlast screen has a bar: %v\n", bars, most, widest, lastBar)
	if len(frames) > 0 {
		for _, l := range strings.Split(frames[len(frames)-1], "\n")[1:] {
			fmt.Fprintf(w, "last screen: %s\n", l)
		}
	}
}

// englishWord is a word of Latin letters.
var englishWord = regexp.MustCompile(`[A-Za-z]{2,}`)

// notProse are the parts of a Chinese message that may be in Latin
// letters: quoted values, rule ids in brackets, flags, paths and field
// names (anything with . / _ or -), key ids and checksums (hex), and the
// names of formats and tools.
var notProse = regexp.MustCompile(`"[^"]*"|'[^']*'|\b[0-9a-f]{12,}\b|\[[a-z.-]+\] \S+:|\[[a-z.-]+\]|--?[a-z][a-z-]*|[!-~]*[./_\\-][!-~]*|pilotpack( [a-z]+){1,2}|\b(pilotpack|YAML|JSON|UTF|GBK|GB18030|Windows|WPS|iconv|Tab|PDF|DOCX|XLSX|zip|Ed25519|PEM|PACK|FILE|DIR|ID|KEY|YYYY|MM|DD|GMP|QA|QP|ADC|INN|OOS|OOT|CAPA|DAR|PDE|OEL)\b`)

// chineseCommand fails when a file of Chinese messages holds an English
// word that is not a field name, a value, a flag or a name; words given
// after the file are values of the test's data and allowed too.
func chineseCommand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: chinese FILE [ALLOWED...]")
	}
	text := ts.ReadFile(args[0])
	if !strings.ContainsFunc(text, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
		ts.Fatalf("%s holds no Chinese", args[0])
	}
	for _, line := range strings.Split(text, "\n") {
		rest := notProse.ReplaceAllString(line, " ")
		for _, w := range englishWord.FindAllString(rest, -1) {
			if !slices.Contains(args[1:], w) {
				ts.Fatalf("English word %q in: %s", w, line)
			}
		}
	}
}

// jsonShapeCommand prints the shape of the JSON in FILE: every path (list
// items as []) with its type, sorted, once each; it fails on a null, which
// no output should hold. Two outputs of one shape print the same.
func jsonShapeCommand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: jsonshape FILE")
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(ts.ReadFile(args[0])))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		ts.Fatalf("%s is not JSON: %v", args[0], err)
	}
	shape := map[string]bool{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case nil:
			ts.Fatalf("%s: %s is null", args[0], path)
		case map[string]any:
			shape[path+": object"] = true
			for k, e := range x {
				walk(strings.TrimPrefix(path+"."+k, "."), e)
			}
		case []any:
			shape[path+": list"] = true
			for _, e := range x {
				walk(path+"[]", e)
			}
		case json.Number:
			shape[path+": number"] = true
		case string:
			shape[path+": string"] = true
		case bool:
			shape[path+": bool"] = true
		}
	}
	walk("", v)
	lines := slices.Sorted(maps.Keys(shape))
	fmt.Fprintln(ts.Stdout(), strings.Join(lines, "\n"))
}
