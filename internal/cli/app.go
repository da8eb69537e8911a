// Package cli is pilotpack's command line: one file per command, and the one
// place (exit.go) that maps errors to exit codes. Commands write only to the
// streams they are given, so tests run them in process.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	ucli "github.com/urfave/cli/v2"
)

// Version is the tool's version; release builds set it with -ldflags "-X".
var Version = "0.1.0"

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		return bi.Main.Version
	}
	return "dev"
}

const exitHelp = `EXIT CODES:
   0  success
   1  internal error (a bug, or the disk or permissions failed)
   2  usage error (wrong flags or arguments)
   3  invalid applicant data (findings with error severity)
   4  template pack error (invalid, or signature missing or wrong)
   5  packet verification failed
`

// Main runs the command line with args (args[0] is the program name) and
// returns the process's exit code.
func Main(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		// The last line of defence: a bug must not print a stack trace at
		// the user, but say what happened and how to report it.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "pilotpack: internal error: %v\nThis is a bug in pilotpack; please report it with the command you ran.\n", r)
			code = ExitInternal
		}
	}()
	tuneGC()
	app := newApp(stdout, stderr)
	err := app.Run(args)
	code = exitCode(err)
	var s silentError
	if err != nil && !errors.As(err, &s) {
		fmt.Fprintf(stderr, "pilotpack: %v\n", err)
	}
	return code
}

// tuneGC makes the collector run less often than Go's default. A build
// allocates many short-lived buffers (pages, font subsets, compressed
// streams) over a small live heap, so by default the collector runs every
// few milliseconds. Collecting at 5× the live heap rather than 2× makes a
// build about a quarter faster for a few tens of megabytes, and the live
// heap stays flat however many files a batch holds. GOGC, when set, wins.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

func newApp(stdout, stderr io.Writer) *ucli.App {
	app := &ucli.App{
		Name:    "pilotpack",
		Usage:   "build filing packets for the phased-manufacturing pilot for biological products (生物制品分段生产试点)",
		Version: version(),
		Description: "pilotpack checks an applicant file against the pilot's rules and turns it into the\n" +
			"packet a provincial bureau receives: the application, the quality and commissioned\n" +
			"production agreements for every contract manufacturer, the checklist workbook,\n" +
			"attachments and a manifest with checksums.\n\n" + exitHelp,
		Writer:               stdout,
		ErrWriter:            stderr,
		HideHelpCommand:      true,
		EnableBashCompletion: false,
		// Errors are printed and mapped to exit codes by Main, never by the
		// library calling os.Exit.
		ExitErrHandler: func(*ucli.Context, error) {},
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return withCode(ExitUsage, err)
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("unknown command %q; run pilotpack --help for the list", c.Args().First())
			}
			return ucli.ShowAppHelp(c)
		},
		Commands: []*ucli.Command{
			initCommand(),
			buildCommand(),
			verifyCommand(),
			validateCommand(),
			reviewCommand(),
			schemaCommand(),
			renderCommand(),
			packCommand(),
			compareCommand(),
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = app.OnUsageError
		if c.Description == "" {
			c.Description = c.Usage
		}
		c.Description += "\n\n" + exitHelp
	}
	return app
}

// needArgs checks the number of positional arguments.
func needArgs(c *ucli.Context, min, max int) error {
	n := c.NArg()
	if n < min || (max >= 0 && n > max) {
		return usageErrorf("%s: wrong number of arguments; usage: pilotpack %s %s", c.Command.Name, c.Command.Name, c.Command.ArgsUsage)
	}
	return nil
}
