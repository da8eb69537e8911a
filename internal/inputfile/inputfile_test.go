package inputfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "t.md")
	if err := os.WriteFile(file, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if data, err := Read(file, 5); err != nil || string(data) != "hello" {
		t.Errorf("a regular file: %q, %v", data, err)
	}
	for _, c := range []struct {
		path string
		max  int64
		want string
	}{
		{pipe, 100, "not a regular file"},
		{dir, 100, "not a regular file"},
		{"/dev/zero", 100, "not a regular file"},
		{file, 4, "more than the limit of 4 bytes"},
	} {
		done := make(chan error, 1)
		go func() { _, err := Read(c.path, c.max); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
				t.Errorf("%s: %v, want an error naming it and saying %q", c.path, err, c.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: still reading after 5 s", c.path)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}
