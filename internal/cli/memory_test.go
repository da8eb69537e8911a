package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
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
	if got := debug.SetMemoryLimit(-1); got != memoryLimit(availableMemory()) {
		t.Errorf("limit %d, want %d", got, memoryLimit(availableMemory()))
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 62)
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != 1<<62 {
		t.Errorf("GOMEMLIMIT set, yet the limit became %d", got)
	}
}
