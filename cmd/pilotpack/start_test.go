package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// initLine is one package's line of GODEBUG=inittrace=1.
var initLine = regexp.MustCompile(`(?m)^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestInitsAreSmall keeps every package's initialisation small, which is
// what keeps each under a millisecond of start-up: it is measured by what
// it allocates, since clock times vary with the machine. The largest today
// are goldmark's extensions (about 260 kB in 2,000 allocations, for their
// link patterns); excelize's column-name table, 16,384 strings made at
// start-up, was 1.3 MB in 21,000 before it was made on first use
// (third_party/excelize-lazy-init.patch).
func TestInitsAreSmall(t *testing.T) {
	const maxBytes, maxAllocs = 512 << 10, 5000
	cmd := exec.Command(binary, "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("--version: %v\n%s", err, stderr.String())
	}
	lines := initLine.FindAllStringSubmatch(stderr.String(), -1)
	if len(lines) < 50 {
		t.Fatalf("only %d init lines in:\n%s", len(lines), stderr.String())
	}
	for _, m := range lines {
		b, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[3])
		if b > maxBytes || n > maxAllocs {
			t.Errorf("init %s allocates %d bytes in %d allocations, more than %d bytes or %d allocations: make what it builds on first use", m[1], b, n, maxBytes, maxAllocs)
		}
	}
}
