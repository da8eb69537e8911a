package cli

import (
	"errors"
	"fmt"

	"pilotpack/internal/datafile"
	"pilotpack/internal/pack"
	"pilotpack/internal/rules"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0 // success
	ExitInternal = 1 // a bug or an environment problem (disk full, permissions)
	ExitUsage    = 2 // wrong flags or arguments
	ExitData     = 3 // the applicant data is invalid
	ExitPack     = 4 // the template pack is invalid or untrusted
	ExitVerify   = 5 // a packet failed verification
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

func usageErrorf(format string, args ...any) error {
	return withCode(ExitUsage, fmt.Errorf(format, args...))
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
