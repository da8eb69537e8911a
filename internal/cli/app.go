// Package cli is pilotpack's command line: one file per command, and the one
// place (exit.go) that maps errors to exit codes. Commands write only to the
// streams they are given, so tests run them in process.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/printable"
	"pilotpack/internal/safefile"
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
 130  interrupted (Ctrl-C, SIGINT): what was being written is removed
 143  terminated (SIGTERM): likewise
`

// Main runs the command line with args (args[0] is the program name) and
// returns the process's exit code. An interrupt (SIGINT) or termination
// (SIGTERM) removes the temporaries of unfinished outputs and returns at
// once with 130 or 143, the shell's codes for them; outputs already in
// place stay.
func Main(args []string, stdout, stderr io.Writer) int {
	// Whatever a command prints may quote a value from a file: no control
	// character reaches the terminal as it is.
	stdout, stderr = printable.NewWriter(stdout), printable.NewWriter(stderr)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan int, 1)
	go func() { done <- run(args, stdout, stderr) }()
	select {
	case code := <-done:
		return code
	case sig := <-sigs:
		return interrupted(sig, stderr)
	}
}

// interrupted cleans up after a signal and says what it removed.
func interrupted(sig os.Signal, stderr io.Writer) int {
	unfinished := safefile.Abort()
	code, name := ExitInterrupt, "interrupted"
	if sig == syscall.SIGTERM {
		code, name = ExitTerminated, "terminated"
	}
	msg := "nothing was being written"
	if len(unfinished) > 0 {
		slices.Sort(unfinished)
		msg = "removed what was being written: " + strings.Join(unfinished, ", ")
	}
	// The progress bar may hold the line: start a new one.
	fmt.Fprintf(stderr, "\npilotpack: %s; %s\n", name, msg)
	return code
}

// run runs the command line; see Main.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		// The last line of defence: a bug must not print a stack trace at
		// the user, but say what happened and how to report it.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "pilotpack: internal error: %v\nThis is a bug in pilotpack; please report it with the command you ran.\n", r)
			code = ExitInternal
		}
	}()
	tuneGC()
	limitMemory()
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
