package cli

import (
	"errors"
	"fmt"

	"pilotpack/internal/datafile"
	"pilotpack/internal/pack"
	"pilotpack/internal/rules"
	"pilotpack/internal/safefile"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0 // success
	ExitInternal = 1 // a bug or an environment problem (disk full, permissions)
	ExitUsage    = 2 // wrong flags or arguments
	ExitData     = 3 // the applicant data is invalid
	ExitPack     = 4 // the template pack is invalid or untrusted
	ExitVerify   = 5 // a packet failed verification
	// ExitInterrupt and ExitTerminated are the shell's codes for a process
	// ended by SIGINT and SIGTERM (128 + the signal's number).
	ExitInterrupt  = 130
	ExitTerminated = 143
)

// exitError carries the exit code an error should produce.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

// silentError reports only an exit code: the command already printed what
// went wrong (findings, a verification report).
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode is the one place that decides the process's exit code.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var s silentError
	if errors.As(err, &s) {
		return s.code
	}
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	var in *safefile.InTheWayError
	if errors.As(err, &in) {
		return ExitUsage
	}
	var de *datafile.Error
	if errors.As(err, &de) {
		return ExitData
	}
	var pe *rules.PolicyError
	if errors.As(err, &pe) {
		return ExitPack
	}
	var ke *pack.Error
	if errors.As(err, &ke) {
		return ExitPack
	}
	var te *pack.TemplateError
	if errors.As(err, &te) {
		return ExitPack
	}
	return ExitInternal
}

// seriousness orders exit codes for a batch, whose code is its worst
// file's: an internal error over an untrusted or broken pack, over a failed
// verification, over invalid data, over a usage error (a packet that
// already exists).
var seriousness = map[int]int{ExitOK: 0, ExitUsage: 1, ExitData: 2, ExitVerify: 3, ExitPack: 4, ExitInternal: 5}

// worse returns the more serious of two exit codes.
func worse(a, b int) int {
	if seriousness[b] > seriousness[a] {
		return b
	}
	return a
}

// exitWith ends a command that has reported everything with code.
func exitWith(code int) error {
	if code == ExitOK {
		return nil
	}
	return silentError{code}
}
