package cli

import (
	"bufio"
	"bytes"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
)

// limitMemory sets a soft memory limit for the Go runtime unless GOMEMLIMIT
// is set: three quarters of the memory the process may use (the smaller of
// the machine's RAM and its cgroup's limit), else 4 GiB when neither can be
// read.
//
// tuneGC lets the heap grow to five times what is live before collecting,
// which makes builds faster but would, on a small machine or a container
// with a tight limit, run into the OOM killer before the collector runs.
// The limit makes the collector work harder as the heap nears it, so the
// process stays within the machine; it never makes an allocation fail, so
// a build that truly needs more still finishes. A quarter is left for what
// the limit does not count well (the binary, fonts mapped in, the
// kernel's page cache for the files being written) and for other programs.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(memoryLimit(availableMemory()))
}

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
