// Package testtool runs the external programs tests check outputs with
// (poppler's pdftotext and pdffonts, LibreOffice), and reads the parts of
// the zip files (DOCX, XLSX) they check. Without the program a test is
// skipped, unless PILOTPACK_REQUIRE_TOOLS=1 (as CI sets) makes it fail: a
// missing install step must not pass silently.
package testtool

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// Soffice converts the file in with LibreOffice (headless) to the format
// to (such as pdf, or "xlsx:Calc MS Excel 2007 XML" to save a workbook
// again as LibreOffice writes it) into the folder out, and returns the
// converted file's path. Each call has a LibreOffice profile of its own,
// so that tests running at once, and people using LibreOffice, do not
// share one.
func Soffice(t testing.TB, in, to, out string) string {
	t.Helper()
	soffice := Need(t, "soffice")
	profile, err := os.MkdirTemp("", "pilotpack-lo-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+profile, "--headless", "--norestore", "--convert-to", to, "--outdir", out, in)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &errb, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice --convert-to %s %s: %v\n%s", to, in, err, errb.String())
	}
	ext, _, _ := strings.Cut(to, ":")
	base := filepath.Base(in)
	got := filepath.Join(out, strings.TrimSuffix(base, filepath.Ext(base))+"."+ext)
	if _, err := os.Stat(got); err != nil {
		t.Fatalf("soffice wrote no %s: %v\n%s", got, err, errb.String())
	}
	return got
}

// ZipPart returns the part called name of the zip file data (a DOCX's
// word/document.xml), failing t when there is none.
func ZipPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no %s in the zip", name)
	return nil
}
