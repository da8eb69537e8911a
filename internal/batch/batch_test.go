package batch

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"pilotpack/internal/termwidth"
)

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.yaml", "a.yaml", "c.json", "notes.txt", "sub/d.yaml"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	j := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, filepath.Join(dir, n))
		}
		return out
	}
	for _, tc := range []struct {
		name string
		args []string
		want []string
		err  string
	}{
		{"files as given", j("b.yaml", "a.yaml"), j("b.yaml", "a.yaml"), ""},
		{"a pattern, sorted", j("*.yaml"), j("a.yaml", "b.yaml"), ""},
		{"a folder: its yaml and json", j(""), j("a.yaml", "b.yaml", "c.json"), ""},
		{"named twice, kept once", j("a.yaml", "*.yaml"), j("a.yaml", "b.yaml"), ""},
		{"a missing file is kept for the job to report", j("missing.yaml"), j("missing.yaml"), ""},
		{"a pattern matching nothing", j("*.yml"), nil, "no file matches"},
		{"a folder named the long way", j("sub/../sub/.."), j("a.yaml", "b.yaml", "c.json"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Expand(tc.args)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				got[i] = filepath.Clean(got[i])
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	empty := t.TempDir()
	if _, err := Expand([]string{empty}); err == nil || !strings.Contains(err.Error(), "no applicant files (.yaml, .yml, .json") {
		t.Errorf("empty folder: %v", err)
	}
}

// TestRun checks that results come back in the files' order whatever order
// the workers finish in, that no more than jobs run at once, and that done
// counts every file.
func TestRun(t *testing.T) {
	var files []string
	for i := range 40 {
		files = append(files, strings.Repeat("x", i%7)+string(rune('a'+i%26)))
	}
	for _, jobs := range []int{1, 2, 8, 100} {
		var running, peak atomic.Int32
		var seen []int
		got := Run(files, jobs, func(path string) string {
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(time.Duration(len(path)) * 100 * time.Microsecond)
			running.Add(-1)
			return "done " + path
		}, func(finished int, path string) { seen = append(seen, finished) })
		for i, f := range files {
			if got[i] != "done "+f {
				t.Fatalf("jobs %d: result %d is %q, want %q", jobs, i, got[i], "done "+f)
			}
		}
		if int(peak.Load()) > jobs {
			t.Errorf("jobs %d: %d ran at once", jobs, peak.Load())
		}
		if len(seen) != len(files) || seen[len(seen)-1] != len(files) {
			t.Errorf("jobs %d: done called %d times, last with %v", jobs, len(seen), seen[len(seen)-1])
		}
	}
	if got := Run(nil, 4, func(string) int { return 1 }, nil); len(got) != 0 {
		t.Errorf("no files: %v", got)
	}
}

func TestBarOnlyOnATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if b := NewBar(f, enWords, 10); b != nil {
		t.Error("a bar for a file that is not a terminal")
	}
	var b *Bar
	b.Update(1, "x") // a nil bar draws nothing and does not panic
	b.Done()
}

var (
	enWords = BarWords{Verb: "building", PerSecond: "%.1f/s", Left: "%s left"}
	zhWords = BarWords{Verb: "生成", PerSecond: "%.1f 个/秒", Left: "剩余 %s"}
)

// TestBarLine checks the bar's one line at several terminal widths: never
// wider than the terminal less one cell (CJK counted double), the count,
// rate and time left always there when they fit, the name cut from the left.
func TestBarLine(t *testing.T) {
	start := time.Date(2025, 12, 10, 9, 0, 0, 0, time.UTC)
	long := "/in/深圳康峤生物科技有限公司倍格鲁肽注射液预填充注射笔分段生产试点申请材料第二版.yaml"
	for _, tc := range []struct {
		words    BarWords
		cols     int
		finished int
		want     []string // parts the line must hold
		lacks    []string
	}{
		{enWords, 120, 50, []string{"building [", "] 50/200 ", "5.0/s", "0:30 left", "…", "第二版.yaml"}, nil},
		{enWords, 70, 50, []string{"building [", "50/200 5.0/s 0:30 left", "第二版.yaml"}, nil},
		{zhWords, 70, 50, []string{"生成 [", "50/200 5.0 个/秒 剩余 0:30", "第二版.yaml"}, nil},
		{zhWords, 40, 50, []string{"生成 50/200 5.0 个/秒 剩余 0:30"}, []string{"["}},
		{enWords, 20, 50, []string{"building 50/200"}, nil},
		{enWords, 70, 200, []string{"200/200 20.0/s"}, []string{"left"}},
	} {
		now := start.Add(10 * time.Second)
		b := &Bar{words: tc.words, total: 200, start: start, width: func() int { return tc.cols }}
		line := b.line(tc.finished, long, now)
		if w := termwidth.String(line); w > tc.cols-1 {
			t.Errorf("%d columns: %q is %d cells wide", tc.cols, line, w)
		}
		for _, p := range tc.want {
			if !strings.Contains(line, p) {
				t.Errorf("%d columns: %q lacks %q", tc.cols, line, p)
			}
		}
		for _, p := range tc.lacks {
			if strings.Contains(line, p) {
				t.Errorf("%d columns: %q has %q", tc.cols, line, p)
			}
		}
	}
}

func TestBarOffForDumbTerminals(t *testing.T) {
	t.Setenv("TERM", "dumb")
	if b := NewBar(os.Stderr, enWords, 10); b != nil {
		t.Error("a bar on a dumb terminal")
	}
}

func TestClock(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 59 * time.Second: "0:59", 61 * time.Second: "1:01", 2*time.Hour + 3*time.Minute + 4*time.Second: "2:03:04"} {
		if got := clock(d); got != want {
			t.Errorf("clock(%v) = %s, want %s", d, got, want)
		}
	}
}
