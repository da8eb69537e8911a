// Package cli is pilotpack's command line: one file per command, the one
// place (exit.go) that maps errors to exit codes, and the one reader of the
// command line (args.go) that lets flags come anywhere. Commands write only
// to the streams they are given, so tests run them in process.
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

	"pilotpack/internal/lang"
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

// state is what every command of one run shares: the command line as read
// and the languages to word messages in.
type state struct {
	inv *invocation
	// lang is --lang, or "" when not given.
	lang lang.Lang
	// locale is the language of LC_ALL, LC_MESSAGES or LANG.
	locale lang.Lang
}

// msg is the language of messages that are about no one file: --lang,
// else the locale.
func (s *state) msg() lang.Lang {
	if s.lang != "" {
		return s.lang
	}
	return s.locale
}

// about is the language of messages about a file written in fileLang (""
// when the file could not be read): --lang, else the file's, else the
// locale.
func (s *state) about(fileLang lang.Lang) lang.Lang {
	switch {
	case s.lang != "":
		return s.lang
	case fileLang.Valid():
		return fileLang
	}
	return s.locale
}

// inBatch is about for a file of a batch whose other files agree on batch:
// a file that could not be read is spoken of in the batch's language.
func (s *state) inBatch(fileLang, batch lang.Lang) lang.Lang {
	if s.lang == "" && !fileLang.Valid() {
		return batch
	}
	return s.about(fileLang)
}

func stateOf(c *ucli.Context) *state { return c.App.Metadata["state"].(*state) }

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
		// An interruption is about no one file: it speaks --lang, else
		// the locale, read here rather than from the run it stops.
		l := langArg(args[1:])
		if l == "" {
			l = lang.FromLocale(os.Getenv)
		}
		return interrupted(sig, stderr, l)
	}
}

// interrupted cleans up after a signal and says in l what it removed.
func interrupted(sig os.Signal, stderr io.Writer, l lang.Lang) int {
	unfinished := safefile.Abort()
	code, name := ExitInterrupt, msgInterrupted
	if sig == syscall.SIGTERM {
		code, name = ExitTerminated, msgTerminated
	}
	what := msgNothingWritten
	if len(unfinished) > 0 {
		slices.Sort(unfinished)
		what = lang.Format(msgRemovedUnfinished, lang.T(strings.Join(unfinished, "、"), strings.Join(unfinished, ", ")))
	}
	// The progress bar may hold the line: start a new one.
	fmt.Fprintf(stderr, "\npilotpack: %s\n", lang.Sprintf(l, msgSignal, name, what))
	return code
}

// run runs the command line; see Main.
func run(args []string, stdout, stderr io.Writer) (code int) {
	st := &state{locale: lang.FromLocale(os.Getenv)}
	defer func() {
		// The last line of defence: a bug must not print a stack trace at
		// the user, but say what happened and how to report it.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "pilotpack: %s\n", lang.Sprintf(st.msg(), msgInternal, r))
			code = ExitInternal
		}
	}()
	tuneGC()
	limitMemory()
	app := newApp(stdout, stderr)
	inv, err := readLine(rootCommand(app), args[1:])
	st.inv, st.lang = inv, inv.lang
	if err != nil {
		if st.lang == "" {
			st.lang = langArg(args[1:])
		}
		fmt.Fprintf(stderr, "pilotpack: %s\n", lang.Message(err, st.msg()))
		return exitCode(err)
	}
	switch {
	case inv.version:
		fmt.Fprintf(stdout, "%s version %s\n", app.Name, app.Version)
		return ExitOK
	case inv.help || len(inv.leaf().Subcommands) > 0:
		writeHelp(stdout, inv.path, version(), st.msg())
		return ExitOK
	}
	app.Metadata = map[string]any{"state": st}
	err = app.Run(inv.argv())
	code = exitCode(err)
	var s silentError
	if err != nil && !errors.As(err, &s) {
		fmt.Fprintf(stderr, "pilotpack: %s\n", lang.Message(err, st.msg()))
	}
	return code
}

// tuneGC leaves collecting to the memory limit (limitMemory): the
// collector runs when the heap nears its budget (256 MB, or twice what is
// live), not whenever it doubles. A build allocates many short-lived
// buffers (pages, font subsets, compressed streams) over a small live
// heap: by Go's default the collector runs every few milliseconds, and
// even at five times the live heap three collections cost a small build
// a tenth of its time (the ADC packet: some 125 against 113 ms, for 20 MB
// more at its peak). GOGC, when set, wins; with GOMEMLIMIT set, whose limit
// is the user's to choose, the collector runs at five times the live heap.
func tuneGC() {
	switch {
	case os.Getenv("GOGC") != "":
	case os.Getenv("GOMEMLIMIT") != "":
		debug.SetGCPercent(400)
	default:
		debug.SetGCPercent(-1)
	}
}

// msgLangFlag is the --lang of commands whose messages are about no one
// applicant file; data commands define their own.
func msgLangFlag() ucli.Flag {
	return &ucli.StringFlag{Name: "lang", Usage: "language of messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG)"}
}

func newApp(stdout, stderr io.Writer) *ucli.App {
	app := &ucli.App{
		Name:            "pilotpack",
		Usage:           msgRootUsage.En,
		Version:         version(),
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelp:        true,
		HideHelpCommand: true,
		HideVersion:     true,
		// Errors are printed and mapped to exit codes by Main, never by the
		// library calling os.Exit.
		ExitErrHandler: func(*ucli.Context, error) {},
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return withCode(ExitUsage, err)
		},
		Commands: []*ucli.Command{
			initCommand(),
			validateCommand(),
			buildCommand(),
			verifyCommand(),
			reviewCommand(),
			renderCommand(),
			convertCommand(),
			compareCommand(),
			schemaCommand(),
			packCommand(),
			completionCommand(),
			helpCommand(),
		},
	}
	var setup func(cs []*ucli.Command)
	setup = func(cs []*ucli.Command) {
		for _, c := range cs {
			c.OnUsageError = app.OnUsageError
			c.HideHelp, c.HideHelpCommand = true, true
			if _, ok := lookup(specs(c), "lang"); !ok {
				c.Flags = append(c.Flags, msgLangFlag())
			}
			setup(c.Subcommands)
		}
	}
	setup(app.Commands)
	return app
}

// rootCommand is the root of the command tree as readLine and help see it:
// the app's commands and the flags every command takes.
func rootCommand(app *ucli.App) *ucli.Command {
	return &ucli.Command{Name: app.Name, Usage: app.Usage, Subcommands: app.Commands, Flags: []ucli.Flag{msgLangFlag()}}
}

// needArgs checks the number of positional arguments.
func needArgs(c *ucli.Context, min, max int) error {
	n := c.NArg()
	if n < min || (max >= 0 && n > max) {
		inv := stateOf(c).inv
		return usageError(msgWrongArgs, synopsis(inv.path))
	}
	return nil
}

// needFlags checks required flags here rather than in the flag library, so
// that a missing one is a usage error (exit 2) like any other.
func needFlags(c *ucli.Context, names ...string) error {
	for _, n := range names {
		if c.String(n) == "" {
			inv := stateOf(c).inv
			return usageError(msgNeedFlag, "--"+n, synopsis(inv.path))
		}
	}
	return nil
}
