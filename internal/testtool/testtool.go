// Package testtool runs the external programs tests check outputs with
// (poppler's pdftotext and pdffonts, LibreOffice). Without the program a test
// is skipped, unless PILOTPACK_REQUIRE_TOOLS=1 (as CI sets) makes it fail: a
// missing install step must not pass silently.
package testtool

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// Need skips or fails t when the program is not installed, and returns its
// path.
func Need(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("PILOTPACK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s is required (PILOTPACK_REQUIRE_TOOLS=1) but not installed; .ci/run installs it", name)
		}
		t.Skipf("%s is not installed; install poppler-utils / LibreOffice to run this test", name)
	}
	return path
}

// Run runs a program and returns its standard output, failing t on error.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	Need(t, name)
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, errb.String())
	}
	return out.String()
}
