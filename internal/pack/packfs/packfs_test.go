package packfs

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// within fails the test when f takes longer than a few seconds: nothing
// here may wait on a pipe.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("hangs")
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDir(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"pack.yaml": "id: x\n", "zh/a.md": "甲", "zh/b.md": "乙", "partials/zh/p.md": "丙"})
	f, err := Dir(dir, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.Files(), " "); got != "pack.yaml partials/zh/p.md zh/a.md zh/b.md" {
		t.Errorf("files %s", got)
	}
	if err := fstest.TestFS(f, "pack.yaml", "zh/a.md", "zh/b.md", "partials/zh/p.md"); err != nil {
		t.Error(err)
	}
	if b, err := fs.ReadFile(f, "zh/a.md"); err != nil || string(b) != "甲" {
		t.Errorf("%q %v", b, err)
	}
	if _, err := f.Open("../x"); err == nil {
		t.Error("../x opened")
	}
}

// refusedDir checks that Dir refuses the folder, naming want in the error,
// within a few seconds.
func refusedDir(t *testing.T, dir string, lim Limits, want string) {
	t.Helper()
	within(t, func() {
		_, err := Dir(dir, lim)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("not refused: %v", err)
			return
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	})
}

func TestDirRefusesWhatIsNotAFile(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, map[string]string{"secret.txt": "TOP SECRET"})
	cases := []struct {
		name string
		make func(t *testing.T, dir string) error
		want string
	}{
		{"link to a file inside", func(t *testing.T, dir string) error { return os.Symlink("pack.yaml", filepath.Join(dir, "zh/link.md")) }, "zh/link.md: is a symbolic link"},
		{"link to a file outside", func(t *testing.T, dir string) error {
			return os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "zh/secret.md"))
		}, "zh/secret.md: is a symbolic link"},
		{"relative link out", func(t *testing.T, dir string) error {
			rel, _ := filepath.Rel(filepath.Join(dir, "zh"), filepath.Join(outside, "secret.txt"))
			return os.Symlink(rel, filepath.Join(dir, "zh/rel.md"))
		}, "zh/rel.md: is a symbolic link"},
		{"link to a folder inside", func(t *testing.T, dir string) error { return os.Symlink("zh", filepath.Join(dir, "en")) }, "en: is a symbolic link"},
		{"link to a folder outside", func(t *testing.T, dir string) error { return os.Symlink(outside, filepath.Join(dir, "partials")) }, "partials: is a symbolic link"},
		{"policy.yaml a link", func(t *testing.T, dir string) error {
			os.Remove(filepath.Join(dir, "policy.yaml"))
			return os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "policy.yaml"))
		}, "policy.yaml: is a symbolic link"},
		{"dangling link", func(t *testing.T, dir string) error {
			return os.Symlink("/nonexistent", filepath.Join(dir, "zh/gone.md"))
		}, "zh/gone.md: is a symbolic link"},
		{"fifo", func(t *testing.T, dir string) error { return syscall.Mkfifo(filepath.Join(dir, "zh/pipe.md"), 0o644) }, "zh/pipe.md: is a named pipe"},
		{"fifo as policy.yaml", func(t *testing.T, dir string) error {
			os.Remove(filepath.Join(dir, "policy.yaml"))
			return syscall.Mkfifo(filepath.Join(dir, "policy.yaml"), 0o644)
		}, "policy.yaml: is a named pipe"},
		{"socket", func(t *testing.T, dir string) error {
			l, err := net.Listen("unix", filepath.Join(dir, "zh/s.sock"))
			if err == nil {
				t.Cleanup(func() { l.Close() })
			}
			return err
		}, "zh/s.sock: is a socket"},
		{"character device", func(t *testing.T, dir string) error {
			// /dev/null's numbers: 1, 3.
			return syscall.Mknod(filepath.Join(dir, "zh/null.md"), syscall.S_IFCHR|0o644, 1<<8|3)
		}, "zh/null.md: is a device"},
		{"block device", func(t *testing.T, dir string) error {
			return syscall.Mknod(filepath.Join(dir, "zh/loop.md"), syscall.S_IFBLK|0o644, 7<<8|0)
		}, "zh/loop.md: is a device"},
		{"control character in a name", func(t *testing.T, dir string) error {
			return os.WriteFile(filepath.Join(dir, "zh/a\nb.md"), []byte("x"), 0o644)
		}, `"zh/a\nb.md": the name holds U+000A`},
		{"bidi control in a name", func(t *testing.T, dir string) error {
			return os.WriteFile(filepath.Join(dir, "zh/a\u202eb.md"), []byte("x"), 0o644)
		}, "the name holds U+202E"},
		{"invalid UTF-8 in a name", func(t *testing.T, dir string) error {
			return os.WriteFile(filepath.Join(dir, "zh/\xff.md"), []byte("x"), 0o644)
		}, "not valid UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string]string{"pack.yaml": "id: x\n", "policy.yaml": "a: 1\n", "zh/a.md": "甲"})
			if err := c.make(t, dir); err != nil {
				t.Skipf("cannot make it here: %v", err)
			}
			refusedDir(t, dir, DefaultLimits, c.want)
		})
	}
}

func TestDirBounds(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"pack.yaml": "id: x\n", "zh/big.md": strings.Repeat("x", 2000)})
	refusedDir(t, dir, Limits{MaxFile: 1000, MaxTotal: 1 << 20, MaxEntries: 100}, "zh/big.md: is 2000 bytes, more than the limit of 1000")
	refusedDir(t, dir, Limits{MaxFile: 1 << 20, MaxTotal: 1500, MaxEntries: 100}, "the files add up to more than 1500 bytes")
	refusedDir(t, dir, Limits{MaxFile: 1 << 20, MaxTotal: 1 << 20, MaxEntries: 2}, "more than 2 files and folders")
}

// TestDirChangedAfterOpening swaps files for a pipe, a link and a bigger
// file after the pack was opened: reading them is refused, at once.
func TestDirChangedAfterOpening(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, map[string]string{"secret.txt": "TOP SECRET"})
	dir := t.TempDir()
	write(t, dir, map[string]string{"pack.yaml": "id: x\n", "zh/a.md": "甲", "zh/b.md": "乙", "zh/c.md": "丙", "en/d.md": "d"})
	f, err := Dir(dir, Limits{MaxFile: 100, MaxTotal: 1 << 20, MaxEntries: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	os.Remove(filepath.Join(dir, "zh/a.md"))
	if err := syscall.Mkfifo(filepath.Join(dir, "zh/a.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "zh/b.md"))
	os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "zh/b.md"))
	os.WriteFile(filepath.Join(dir, "zh/c.md"), bytes.Repeat([]byte("x"), 500), 0o644)
	os.RemoveAll(filepath.Join(dir, "en"))
	os.Symlink(outside, filepath.Join(dir, "en"))
	for name, want := range map[string]string{"zh/a.md": "named pipe", "zh/b.md": "symbolic link", "zh/c.md": "grew past the limit", "en/d.md": "en: is a symbolic link"} {
		within(t, func() {
			b, err := fs.ReadFile(f, name)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q %v, want %q", name, b, err, want)
			}
			if bytes.Contains(b, []byte("SECRET")) {
				t.Errorf("%s: read a file outside the pack", name)
			}
		})
	}
}

// zipEntry is one entry of a test zip.
type zipEntry struct {
	name string
	mode fs.FileMode // 0: a plain file
	body string
}

func makeZip(t *testing.T, entries []zipEntry) string {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := z.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e.body))
	}
	z.Close()
	p := filepath.Join(t.TempDir(), "pack.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

func TestZip(t *testing.T) {
	p := makeZip(t, []zipEntry{{name: "pack.yaml", body: "id: x\n"}, {name: "zh/", mode: fs.ModeDir | 0o755}, {name: "zh/a.md", body: "甲"}, {name: "en/b.md", body: "b"}})
	f, err := Zip(p, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := fstest.TestFS(f, "pack.yaml", "zh/a.md", "en/b.md"); err != nil {
		t.Error(err)
	}
}

func TestZipRefuses(t *testing.T) {
	base := []zipEntry{{name: "pack.yaml", body: "id: x\n"}}
	cases := []struct {
		name    string
		entries []zipEntry
		lim     Limits
		want    string
	}{
		{"symbolic link", []zipEntry{{name: "zh/a.md", mode: fs.ModeSymlink | 0o777, body: "/etc/passwd"}}, DefaultLimits, "zh/a.md: is a symbolic link"},
		{"link as policy", []zipEntry{{name: "policy.yaml", mode: fs.ModeSymlink | 0o777, body: "../../x"}}, DefaultLimits, "policy.yaml: is a symbolic link"},
		{"character device", []zipEntry{{name: "zh/tty.md", mode: fs.ModeDevice | fs.ModeCharDevice | 0o666}}, DefaultLimits, "zh/tty.md: is a device"},
		{"block device", []zipEntry{{name: "zh/sda.md", mode: fs.ModeDevice | 0o666}}, DefaultLimits, "zh/sda.md: is a device"},
		{"fifo", []zipEntry{{name: "zh/p.md", mode: fs.ModeNamedPipe | 0o666}}, DefaultLimits, "zh/p.md: is a named pipe"},
		{"socket", []zipEntry{{name: "zh/s", mode: fs.ModeSocket | 0o666}}, DefaultLimits, "zh/s: is a socket"},
		{"slip", []zipEntry{{name: "../evil.md", body: "x"}}, DefaultLimits, `entry "../evil.md" would leave the pack`},
		{"absolute", []zipEntry{{name: "/etc/passwd", body: "x"}}, DefaultLimits, "would leave the pack"},
		{"backslash", []zipEntry{{name: `zh\..\..\evil.md`, body: "x"}}, DefaultLimits, "would leave the pack"},
		{"dot dot inside", []zipEntry{{name: "zh/../../evil.md", body: "x"}}, DefaultLimits, "would leave the pack"},
		{"duplicate", []zipEntry{{name: "zh/a.md", body: "甲"}, {name: "zh/a.md", body: "乙"}}, DefaultLimits, "zh/a.md: appears twice"},
		{"duplicate manifest", []zipEntry{{name: "pack.yaml", body: "id: y\n"}}, DefaultLimits, "pack.yaml: appears twice"},
		{"file and folder", []zipEntry{{name: "zh", body: "x"}, {name: "zh/a.md", body: "甲"}}, DefaultLimits, "zh: is both a file and a folder"},
		{"too big", []zipEntry{{name: "zh/big.md", body: strings.Repeat("x", 5000)}}, Limits{MaxFile: 1000, MaxTotal: 1 << 20, MaxEntries: 10, MaxRatio: 1 << 20}, "zh/big.md: unpacks to 5000 bytes, more than the limit of 1000"},
		{"too much", []zipEntry{{name: "a.md", body: strings.Repeat("x", 800)}, {name: "b.md", body: strings.Repeat("x", 800)}}, Limits{MaxFile: 1000, MaxTotal: 1500, MaxEntries: 10, MaxRatio: 1 << 20}, "the files add up to more than 1500 bytes"},
		{"too many", []zipEntry{{name: "a.md"}, {name: "b.md"}, {name: "c.md"}}, Limits{MaxFile: 1000, MaxTotal: 1500, MaxEntries: 3, MaxRatio: 100}, "4 entries, more than 3"},
		{"bomb", []zipEntry{{name: "zh/zeros.md", body: strings.Repeat("\x00", 900_000)}}, DefaultLimits, "zh/zeros.md: expands from"},
		{"control character", []zipEntry{{name: "zh/a\x1b[31m.md", body: "x"}}, DefaultLimits, "the name holds U+001B"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := makeZip(t, append(append([]zipEntry{}, base...), c.entries...))
			within(t, func() {
				_, err := Zip(p, c.lim)
				var pe *Error
				if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
					t.Errorf("error %v, want %q", err, c.want)
				}
			})
		})
	}
}

// TestZipSizeLies reads an entry whose central directory claims fewer bytes
// than it holds: the read fails instead of going past the limit.
func TestZipSizeLies(t *testing.T) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, _ := z.CreateRaw(&zip.FileHeader{Name: "zh/a.md", Method: zip.Store, CompressedSize64: 4000, UncompressedSize64: 10, CRC32: 0})
	w.Write(bytes.Repeat([]byte("x"), 4000))
	z.Close()
	p := filepath.Join(t.TempDir(), "lie.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	f, err := Zip(p, Limits{MaxFile: 100, MaxTotal: 1000, MaxEntries: 10, MaxRatio: 100})
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(f, "zh/a.md")
	if err == nil || len(b) > 100 {
		t.Errorf("read %d bytes, err %v", len(b), err)
	}
}

func TestZipThatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pack.zip")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	within(t, func() {
		if _, err := Zip(fifo, DefaultLimits); err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("a pipe as the zip: %v", err)
		}
	})
	if _, err := Zip(dir, DefaultLimits); err == nil {
		t.Error("a folder opened as a zip")
	}
}

func TestEmbedded(t *testing.T) {
	m := fstest.MapFS{"pack.yaml": {Data: []byte("id: x")}, "zh/a.md": {Data: []byte("甲")}}
	f, err := Embedded("embedded", m, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(f, "pack.yaml", "zh/a.md"); err != nil {
		t.Error(err)
	}
	m["zh/l.md"] = &fstest.MapFile{Mode: fs.ModeSymlink}
	if _, err := Embedded("embedded", m, DefaultLimits); err == nil || !strings.Contains(err.Error(), "zh/l.md: is a symbolic link") {
		t.Errorf("link: %v", err)
	}
}

// FuzzZip opens arbitrary bytes as a zip pack and reads every file it
// admits: nothing may panic, hang or read past the limits.
func FuzzZip(f *testing.F) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range []string{"pack.yaml", "zh/a.md", "zh/"} {
		w, _ := z.Create(name)
		io.WriteString(w, "x: 1\n")
	}
	z.Close()
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	lim := Limits{MaxFile: 4096, MaxTotal: 16384, MaxEntries: 50, MaxRatio: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		fsys, err := index("fuzz.zip", r, lim)
		if err != nil {
			return
		}
		for _, name := range fsys.Files() {
			b, _ := fs.ReadFile(fsys, name)
			if int64(len(b)) > lim.MaxFile {
				t.Fatalf("%s: read %d bytes", name, len(b))
			}
		}
	})
}

func TestFolder(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, map[string]string{"secret.md": "TOP SECRET"})
	dir := t.TempDir()
	write(t, dir, map[string]string{"t.md": "x", "p/q.md": "y"})
	os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "link.md"))
	os.Symlink(outside, filepath.Join(dir, "out"))
	syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644)
	f, err := Folder(dir, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, want := range map[string]string{"t.md": "", "p/q.md": "", "link.md": "is a symbolic link", "out/secret.md": "out: is a symbolic link", "pipe.md": "is a named pipe", "../x.md": "invalid"} {
		within(t, func() {
			b, err := fs.ReadFile(f, name)
			_, serr := fs.Stat(f, name)
			if want == "" {
				if err != nil || serr != nil {
					t.Errorf("%s: %v %v", name, err, serr)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), want) || serr == nil {
				t.Errorf("%s: %q %v %v, want %q", name, b, err, serr, want)
			}
		})
	}
}
