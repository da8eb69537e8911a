package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pilotpack/fixtures"
	"pilotpack/internal/packet"
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
	// Enough packets that, once one is finished, others are still being
	// written when the signal arrives, however fast the machine.
	const batch = 10
	in := t.TempDir()
	if _, err := fixtures.Generate("../../fixtures/applicants", in, batch); err != nil {
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
			// A signal that lands between two packets' writes interrupts
			// nothing: the interruption is tried again, a few times.
			var out string
			var args []string
			var stderr bytes.Buffer
			for try := 1; ; try++ {
				out = filepath.Join(t.TempDir(), "out")
				args = []string{"build", "--jobs", "2", "--date", "2025-12-10", "--zip", "--out", out, in}
				cmd := exec.Command(binary, args...)
				stderr.Reset()
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
				missed := strings.Contains(stderr.String(), "nothing was being written") || strings.Contains(stderr.String(), "没有正在写出的文件")
				if !missed || try == 5 {
					break
				}
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
			// The fixtures are in Chinese, and so is what their builds say.
			// A ".new" (made, not yet locked, never written into) goes
			// without a word; what held content is named.
			held := slices.ContainsFunc(left, func(n string) bool { return strings.HasSuffix(n, ".tmp") })
			if tc.sig == syscall.SIGKILL && held && !strings.Contains(msg, "已清除中断的生成在 "+out+" 中留下的临时文件：") {
				t.Errorf("the rebuild does not say it removed the killed build's temporaries:\n%s", msg)
			}
			if n := len(packets(out)); n != batch {
				t.Errorf("%d packets after the rebuild, want %d (%d before)", n, batch, done)
			}
			verifyAll(t, out)
		})
	}
}

// TestInterruptedInChinese interrupts a build whose messages are in
// Chinese: what the interruption removed is said in Chinese too.
func TestInterruptedInChinese(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a packet")
	}
	for try := 0; ; try++ {
		out := filepath.Join(t.TempDir(), "out")
		cmd := exec.Command(binary, "build", "--zip", "--date", "2025-12-10", "--out", out, "../../fixtures/applicants/adc.yaml")
		cmd.Env = append(os.Environ(), "LC_ALL=", "LC_MESSAGES=", "LANG=zh_CN.UTF-8")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		for len(temporaries(out)) == 0 && cmd.ProcessState == nil && time.Since(start) < time.Minute {
			time.Sleep(2 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 {
			// The build finished before the signal came: try again.
			if try < 3 {
				continue
			}
			t.Fatalf("not interrupted: %v\n%s", err, stderr.String())
		}
		// The packet, and its zip when the signal came as it was written.
		msg := strings.TrimSpace(stderr.String())
		packet := filepath.Join(out, "hy-adc01-shanghai")
		if want := "pilotpack: 已中断；已删除未写完的文件：" + packet; msg != want && msg != want+"、"+packet+".zip" {
			t.Fatalf("stderr:\n%s\nwant\n%s", msg, want)
		}
		return
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
				codes[i], msgs[i] = pilotpack(t, "build", "--lang", "en", "--zip", "--date", "2025-12-10", "--out", out, "../../fixtures/applicants/glp1.yaml")
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

// TestVerifyMemory verifies, with the binary, a packet holding a 1 GB
// file and a 15 MB PDF, and a zip bomb, and measures the process's peak
// memory: hashes are streamed, only files up to 16 MB are opened as their
// format, and a bomb is refused from the zip's directory.
func TestVerifyMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("hashes a gigabyte")
	}
	out := t.TempDir()
	if code, msg := pilotpack(t, "build", "--date", "2025-12-10", "--zip", "--out", out, "../../fixtures/applicants/glp1.yaml"); code != 0 {
		t.Fatalf("build: %s", msg)
	}
	dir := filepath.Join(out, "kq-glp1-pen-guangdong")

	// A sparse gigabyte that looks like a PDF at both ends, and a PDF just
	// under the size that is opened.
	big := filepath.Join(dir, "attachments", "90-big.pdf")
	f, _ := os.Create(big)
	f.WriteString("%PDF-1.7\n")
	f.Truncate(1 << 30)
	f.WriteAt([]byte("\nstartxref\n9\n%%EOF\n"), 1<<30)
	f.Close()
	noise := make([]byte, 15<<20)
	for i := range noise {
		noise[i] = byte(i * 7919 >> 3)
	}
	medium := filepath.Join(dir, "attachments", "91-medium.pdf")
	os.WriteFile(medium, fixtures.PDF("", "", "medium", fixtures.Stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", string(noise))), 0o644)
	m := readManifest(t, dir)
	for _, p := range []string{big, medium} {
		data := hashFile(t, p)
		m.Files = append(m.Files, packet.FileEntry{Path: "attachments/" + filepath.Base(p), Kind: "attachment", Size: data.size, SHA256: data.sha})
	}
	writeManifest(t, dir, m)

	// A zip bomb: the packet's zip with 256 MB of zeros added.
	bomb := filepath.Join(t.TempDir(), "bomb.zip")
	zipWith(t, filepath.Join(out, "kq-glp1-pen-guangdong.zip"), bomb, "kq-glp1-pen-guangdong/attachments/99-zeros.pdf", 256<<20)

	for _, tc := range []struct {
		name, path string
		code       int
		says       string
		maxMB      int64
	}{
		{"a packet with a 1 GB file", dir, 0, "1 file larger than 16 MB was checked by size and checksum", 150},
		{"a zip bomb", bomb, 5, "a zip bomb", 60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(binary, "verify", tc.path)
			var stdout bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stdout
			code, peak := runMeasured(t, cmd)
			if code != tc.code || !strings.Contains(stdout.String(), tc.says) {
				t.Fatalf("exit %d, want %d; output:\n%s", code, tc.code, stdout.String())
			}
			t.Logf("%s: peak RSS %d MB", tc.name, peak)
			if peak > tc.maxMB {
				t.Errorf("peak RSS %d MB, more than %d MB", peak, tc.maxMB)
			}
		})
	}
}

func readManifest(t *testing.T, dir string) *packet.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, packet.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m packet.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

func writeManifest(t *testing.T, dir string, m *packet.Manifest) {
	t.Helper()
	data, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, packet.ManifestName), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

type sum struct {
	size int
	sha  string
}

func hashFile(t *testing.T, p string) sum {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	n, _ := io.Copy(h, f)
	return sum{int(n), hex.EncodeToString(h.Sum(nil))}
}

// zipWith copies a zip and adds an entry of size zero bytes.
func zipWith(t *testing.T, from, to, name string, size int) {
	t.Helper()
	r, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, _ := os.Create(to)
	defer f.Close()
	z := zip.NewWriter(f)
	for _, e := range r.File {
		z.Copy(e)
	}
	w, _ := z.Create(name)
	zeros := make([]byte, 1<<20)
	for range size >> 20 {
		w.Write(zeros)
	}
	z.Close()
}

// runMeasured runs cmd and returns its exit code and its peak resident
// memory in MB, read from the kernel's high-water mark of the process's
// own memory (VmHWM) while it runs. (The rusage of a child is no good
// here: a child started from a large test process counts the parent's
// pages it shared before exec.)
func runMeasured(t *testing.T, cmd *exec.Cmd) (int, int64) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	var peak int64
	for {
		select {
		case err := <-done:
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			return code, peak >> 10
		default:
		}
		if data, err := os.ReadFile(status); err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				var kb int64
				if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil {
					peak = max(peak, kb)
				}
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestSignalMidCompare interrupts comparisons at several moments while a
// comparison written before lies in the output folder: each exits 130,
// leaves no temporary beside the folder, and the folder holds either the
// earlier comparison or the new one, whole.
func TestSignalMidCompare(t *testing.T) {
	if testing.Short() {
		t.Skip("compares packets several times")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "redline")
	const fx = "../../fixtures/"
	compare := func(newer string) []string {
		return []string{"compare", "--date", "2025-12-10", "--out", out, fx + "applicants/adc.yaml", fx + newer}
	}
	if code, msg := pilotpack(t, compare("compare/adc-term-extended.yaml")...); code != 0 {
		t.Fatalf("compare: exit %d\n%s", code, msg)
	}
	earlier, _ := os.ReadFile(filepath.Join(out, "changes.json"))
	interrupted := 0
	for _, after := range []time.Duration{50, 200, 400, 700, 1000, 1500} {
		cmd := exec.Command(binary, compare("compare/adc-stage-moved.yaml")...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after * time.Millisecond)
		cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee) && ee.ExitCode() == 130:
			interrupted++
		case err != nil:
			t.Fatalf("after %v ms: %v\n%s", after, err, stderr.String())
		}
		if left := temporaries(parent); len(left) > 0 {
			t.Errorf("after %v ms: left %v", after, left)
		}
		now, err := os.ReadFile(filepath.Join(out, "changes.json"))
		if err != nil {
			t.Fatalf("after %v ms: %v", after, err)
		}
		var res struct {
			Documents []struct {
				Redline *struct{ DOCX, PDF string }
			}
		}
		json.Unmarshal(now, &res)
		want := []string{"changes.json"}
		for _, d := range res.Documents {
			if d.Redline != nil {
				want = append(want, d.Redline.DOCX, d.Redline.PDF)
			}
		}
		entries, _ := os.ReadDir(out)
		if len(entries) != len(want) {
			t.Errorf("after %v ms: the folder holds %d files, its changes.json names %d", after, len(entries), len(want))
		}
		for _, f := range want {
			if _, err := os.Stat(filepath.Join(out, f)); err != nil {
				t.Errorf("after %v ms: %v", after, err)
			}
		}
		if !bytes.Equal(now, earlier) && !bytes.Contains(now, []byte("adc-stage-moved")) {
			t.Errorf("after %v ms: the folder holds neither comparison", after)
		}
	}
	t.Logf("%d of 6 comparisons interrupted", interrupted)
}
