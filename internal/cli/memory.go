package cli

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// limitMemory sets a soft memory limit for the Go runtime unless GOMEMLIMIT
// is set.
//
// With tuneGC the limit is what starts the collector: the heap may grow
// to a budget (256 MB) while what is live is small, which small builds
// never reach, and a large one (a hundred manufacturers: some 50 MB live)
// is collected as it nears it, which costs little while what is live is a
// fraction of it. As the live heap grows the limit is raised with it, to
// twice what is live (Go's default GOGC), so that the collector never runs
// without end; and it never exceeds three quarters of the memory the
// process may use (the smaller of the machine's RAM and its cgroup's
// limit, else 4 GiB when neither can be read), so that a small machine or
// a container with a tight limit collects before the OOM killer comes. A
// soft limit never makes an allocation fail, so a build that truly needs
// more still finishes. A quarter is left for what the limit does not count
// (the binary, fonts mapped in, the kernel's page cache for the files
// being written) and for other programs.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	ceiling.Store(memoryLimit(availableMemory()))
	debug.SetMemoryLimit(heapLimit(0, ceiling.Load()))
	watchHeap()
}

// defaultHeapBudget is the memory a command may take before the collector
// works harder than tuneGC asks.
const defaultHeapBudget = 256 << 20

// heapBudget, when set, replaces the default budget (for tests, while the
// finalizer of watchHeap reads it).
var heapBudget atomic.Int64

func budget() int64 {
	if b := heapBudget.Load(); b > 0 {
		return b
	}
	return defaultHeapBudget
}

// ceiling is the most limitMemory lets the limit become.
var ceiling atomic.Int64

// heapLimit is the soft limit for a live heap of live bytes.
func heapLimit(live, ceiling int64) int64 {
	return min(ceiling, max(budget(), 2*live))
}

// watchHeap raises the limit with the live heap after every collection,
// from a finalizer that each collection runs and that arms the next. It
// starts once per process.
var watchHeap = sync.OnceFunc(func() {
	var arm func()
	arm = func() {
		runtime.SetFinalizer(&collected{}, func(*collected) {
			sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && os.Getenv("GOMEMLIMIT") == "" {
				debug.SetMemoryLimit(heapLimit(int64(sample[0].Value.Uint64()), ceiling.Load()))
			}
			arm()
		})
	}
	arm()
})

// collected is what the finalizer of watchHeap hangs on: large enough not
// to share its allocation with others (finalizers of tiny objects may not
// run).
type collected struct{ _ [32]byte }

// memoryLimit is the limit for a process that may use avail bytes (0 when
// unknown).
func memoryLimit(avail int64) int64 {
	if avail <= 0 {
		return 4 << 30
	}
	return avail / 4 * 3
}

// availableMemory is the smaller of the RAM and the cgroup's memory limit,
// or 0 when neither is known.
func availableMemory() int64 {
	limit := int64(0)
	consider := func(n int64) {
		if n > 0 && (limit == 0 || n < limit) {
			limit = n
		}
	}
	consider(memTotal("/proc/meminfo"))
	for _, p := range cgroupLimitFiles() {
		if data, err := os.ReadFile(p); err == nil {
			// "max" (v2) or a huge number (v1) mean no limit; ParseInt
			// refuses the first and the RAM bounds the second.
			if n, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil {
				consider(n)
			}
		}
	}
	return limit
}

// memTotal reads MemTotal from a meminfo file, in bytes.
func memTotal(path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// cgroupLimitFiles lists where the process's cgroup memory limit may be
// read: under the process's own cgroup (from /proc/self/cgroup), v2 and
// v1, and at the root of the hierarchy as a container sees it.
func cgroupLimitFiles() []string {
	files := []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}
	data, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return files
	}
	for _, line := range strings.Split(string(data), "\n") {
		// hierarchy-id:controllers:path
		f := strings.SplitN(line, ":", 3)
		if len(f) != 3 || f[2] == "/" || strings.Contains(f[2], "..") {
			continue
		}
		switch {
		case f[0] == "0" && f[1] == "":
			files = append(files, "/sys/fs/cgroup"+f[2]+"/memory.max")
		case slices.Contains(strings.Split(f[1], ","), "memory"):
			files = append(files, "/sys/fs/cgroup/memory"+f[2]+"/memory.limit_in_bytes")
		}
	}
	return files
}
