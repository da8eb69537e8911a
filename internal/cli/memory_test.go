package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimit(t *testing.T) {
	if got := memoryLimit(0); got != 4<<30 {
		t.Errorf("unknown memory: limit %d, want 4 GiB", got)
	}
	if got := memoryLimit(8 << 30); got != 6<<30 {
		t.Errorf("8 GiB: limit %d, want 6 GiB", got)
	}
	p := filepath.Join(t.TempDir(), "meminfo")
	os.WriteFile(p, []byte("MemTotal:       24731184 kB\nMemFree:  1 kB\n"), 0o644)
	if got := memTotal(p); got != 24731184<<10 {
		t.Errorf("MemTotal %d", got)
	}
	if availableMemory() <= 0 {
		t.Error("no memory found on this machine")
	}
}

// TestGOMEMLIMITWins: the limit is set unless the user set GOMEMLIMIT.
func TestGOMEMLIMITWins(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	debug.SetMemoryLimit(1 << 62)
	limitMemory()
	if want := heapLimit(0, memoryLimit(availableMemory())); debug.SetMemoryLimit(-1) != want {
		t.Errorf("limit %d, want %d", debug.SetMemoryLimit(-1), want)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 62)
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != 1<<62 {
		t.Errorf("GOMEMLIMIT set, yet the limit became %d", got)
	}
}

func TestHeapLimit(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name                string
		live, ceiling, want int64
	}{
		{"a small heap stays within the budget", 12 * mb, 6 << 30, 256 * mb},
		{"a large heap may double", 200 * mb, 6 << 30, 400 * mb},
		{"never above the ceiling", 3 << 30, 4 << 30, 4 << 30},
		{"a small machine's ceiling wins over the budget", 0, 192 * mb, 192 * mb},
	}
	for _, tc := range tests {
		if got := heapLimit(tc.live, tc.ceiling); got != tc.want {
			t.Errorf("%s: heapLimit(%d, %d) = %d, want %d", tc.name, tc.live, tc.ceiling, got, tc.want)
		}
	}
}

// TestLimitFollowsTheLiveHeap: after a collection, the limit is raised to
// twice a live heap larger than half the budget.
func TestLimitFollowsTheLiveHeap(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer heapBudget.Store(0)
	heapBudget.Store(32 << 20)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	limitMemory()
	live := make([]byte, budget()*3/4)
	for i := range live {
		live[i] = byte(i)
	}
	for range 3 { // the finalizer runs after the collection that finds it
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got, want := debug.SetMemoryLimit(-1), int64(2*len(live)); got < want && got != ceiling.Load() {
		t.Errorf("with %d MB live the limit is %d MB, want at least %d MB", len(live)>>20, got>>20, want>>20)
	}
	runtime.KeepAlive(live)
}
