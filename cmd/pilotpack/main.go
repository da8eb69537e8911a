// Command pilotpack builds filing packets for the phased-manufacturing pilot
// for biological products. See README.md.
package main

import (
	"os"
	"runtime/debug"

	"pilotpack/internal/cli"
)

func main() {
	// A build allocates many short-lived buffers (pages, font subsets,
	// compressed streams) over a small live heap, so the default collector
	// runs every few milliseconds. Collecting at 5× the live heap rather
	// than 2× makes a build about a quarter faster for a few tens of
	// megabytes; GOGC, when set, still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(cli.Main(os.Args, os.Stdout, os.Stderr))
}
