// Command pilotpack builds filing packets for the phased-manufacturing pilot
// for biological products. See README.md.
package main

import (
	"os"

	"pilotpack/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdout, os.Stderr))
}
