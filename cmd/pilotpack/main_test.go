package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pilotpack/fixtures"
)

// These tests run the built binary as a user's shell would: signals and
// races need a real process.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pilotpack-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "pilotpack")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// pilotpack runs the binary and returns its exit code and output.
func pilotpack(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), out.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String()
}

// temporaries lists what unfinished writes left in dir: the names that
// start with a dot.
func temporaries(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// packets lists the packet folders in dir.
func packets(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// verifyAll runs verify on every packet in dir.
func verifyAll(t *testing.T, dir string) {
	t.Helper()
	for _, p := range packets(dir) {
		if code, out := pilotpack(t, "verify", filepath.Join(dir, p)); code != 0 {
			t.Errorf("verify %s: exit %d\n%s", p, code, out)
		}
	}
}

// TestSignalMidBatch starts a batch build, stops it with a signal while
// packets are being written, and builds again. SIGINT and SIGTERM remove
// the unfinished packets' temporaries before the process exits with 130 or
// 143; SIGKILL leaves them, and the next build into the folder removes
// them. Packets that were finished are whole either way.
func TestSignalMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a batch several times")
	}
	in := t.TempDir()
	if _, err := fixtures.Generate("../../fixtures/applicants", in, 6); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int // -1: killed
	}{
		{syscall.SIGINT, 130},
		{syscall.SIGTERM, 143},
		{syscall.SIGKILL, -1},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"build", "--jobs", "2", "--date", "2025-12-10", "--zip", "--out", out, in}
			cmd := exec.Command(binary, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait for a packet to be under way, after at least one is
			// finished when the machine allows.
			start := time.Now()
			for len(temporaries(out)) == 0 || (len(packets(out)) == 0 && time.Since(start) < 10*time.Second) {
				if time.Since(start) > time.Minute {
					cmd.Process.Kill()
					t.Fatal("no packet was under way within a minute")
				}
				time.Sleep(5 * time.Millisecond)
			}
			cmd.Process.Signal(tc.sig)
			err := cmd.Wait()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			}
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s", code, tc.code, stderr.String())
			}
			left := temporaries(out)
			if tc.sig == syscall.SIGKILL {
				if len(left) == 0 {
					t.Fatal("kill -9 left no temporaries: the test did not interrupt a write")
				}
			} else {
				if len(left) > 0 {
					t.Errorf("%s left %v", tc.sig, left)
				}
				if !strings.Contains(stderr.String(), "removed what was being written") {
					t.Errorf("stderr does not say what was removed:\n%s", stderr.String())
				}
			}
			verifyAll(t, out)
			done := len(packets(out))

			code, msg := pilotpack(t, append([]string{"build", "--force"}, args[1:]...)...)
			if code != 0 {
				t.Fatalf("rebuild: exit %d\n%s", code, msg)
			}
			if left := temporaries(out); len(left) > 0 {
				t.Errorf("the rebuild left %v", left)
			}
			if tc.sig == syscall.SIGKILL && !strings.Contains(msg, "removed what interrupted builds left") {
				t.Errorf("the rebuild does not say it removed the killed build's temporaries:\n%s", msg)
			}
			if n := len(packets(out)); n != 6 {
				t.Errorf("%d packets after the rebuild, want 6 (%d before)", n, done)
			}
			verifyAll(t, out)
		})
	}
}

// TestRacingBuilds starts two builds of the same packet at once, without
// --force: exactly one succeeds, the other exits 2, and the packet and its
// zip are the winner's, whole.
func TestRacingBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a packet several times")
	}
	for round := range 2 {
		out := t.TempDir()
		var wg sync.WaitGroup
		codes := make([]int, 2)
		msgs := make([]string, 2)
		for i := range 2 {
			wg.Go(func() {
				codes[i], msgs[i] = pilotpack(t, "build", "--zip", "--date", "2025-12-10", "--out", out, "../../fixtures/applicants/glp1.yaml")
			})
		}
		wg.Wait()
		ok, refused := 0, 0
		for i, c := range codes {
			switch c {
			case 0:
				ok++
			case 2:
				refused++
				if !strings.Contains(msgs[i], "already exists") {
					t.Errorf("round %d: the loser says:\n%s", round, msgs[i])
				}
			default:
				t.Errorf("round %d: exit %d\n%s", round, c, msgs[i])
			}
		}
		if ok != 1 || refused != 1 {
			t.Errorf("round %d: %d succeeded and %d were refused, want 1 and 1", round, ok, refused)
		}
		entries, _ := os.ReadDir(out)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if strings.Join(names, " ") != "kq-glp1-pen-guangdong kq-glp1-pen-guangdong.zip" {
			t.Errorf("round %d: the output folder holds %v", round, names)
		}
		verifyAll(t, out)
		if code, msg := pilotpack(t, "verify", filepath.Join(out, "kq-glp1-pen-guangdong.zip")); code != 0 {
			t.Errorf("round %d: the zip fails verification: %s", round, msg)
		}
	}
}
