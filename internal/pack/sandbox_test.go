package pack

import (
	"archive/zip"
	"crypto/ed25519"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pilotpack/internal/pack/signature"
)

// refused opens spec as a pack and checks it is refused as a pack error
// naming want, within a few seconds, without reading secret.
func refused(t *testing.T, spec, want string) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := Open(spec)
		done <- err
	}()
	select {
	case err := <-done:
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("not refused as a pack error: %v", err)
			return
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
		if strings.Contains(err.Error(), "TOP SECRET") {
			t.Error("a file outside the pack was read")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("opening the pack hangs")
	}
}

// TestFolderPackHoldsOnlyRegularFiles puts each kind of entry that is not
// a regular file into a copy of the default pack, where a template, the
// policy or a partial would be read: each refuses the pack, naming it.
func TestFolderPackHoldsOnlyRegularFiles(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("TOP SECRET"), 0o644)
	for _, c := range []struct {
		name string
		make func(dir string) error
		want string
	}{
		{"link to a file inside", func(dir string) error {
			os.Remove(filepath.Join(dir, "zh/application.md"))
			return os.Symlink("../en/application.md", filepath.Join(dir, "zh/application.md"))
		}, "zh/application.md: is a symbolic link"},
		{"link to a file outside", func(dir string) error {
			os.Remove(filepath.Join(dir, "zh/application.md"))
			return os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "zh/application.md"))
		}, "zh/application.md: is a symbolic link"},
		{"link to a folder inside", func(dir string) error { return os.Symlink("zh", filepath.Join(dir, "zh-copy")) }, "zh-copy: is a symbolic link"},
		{"link to a folder outside", func(dir string) error {
			os.RemoveAll(filepath.Join(dir, "partials/zh"))
			return os.Symlink(outside, filepath.Join(dir, "partials/zh"))
		}, "partials/zh: is a symbolic link"},
		{"policy.yaml a link", func(dir string) error {
			os.Remove(filepath.Join(dir, "policy.yaml"))
			return os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "policy.yaml"))
		}, "policy.yaml: is a symbolic link"},
		{"pipe as a template", func(dir string) error {
			os.Remove(filepath.Join(dir, "zh/application.md"))
			return syscall.Mkfifo(filepath.Join(dir, "zh/application.md"), 0o644)
		}, "zh/application.md: is a named pipe"},
		{"pipe as policy.yaml", func(dir string) error {
			os.Remove(filepath.Join(dir, "policy.yaml"))
			return syscall.Mkfifo(filepath.Join(dir, "policy.yaml"), 0o644)
		}, "policy.yaml: is a named pipe"},
		{"pipe the digest would hash", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "notes.txt"), 0o644) }, "notes.txt: is a named pipe"},
		{"device", func(dir string) error {
			return syscall.Mknod(filepath.Join(dir, "zh/null.md"), syscall.S_IFCHR|0o644, 1<<8|3)
		}, "zh/null.md: is a device"},
		{"file above the limit", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "zh/huge.md"), make([]byte, 2<<20), 0o644)
		}, "zh/huge.md: is 2097152 bytes, more than the limit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := defaultPack(t).WriteTo(dir, true); err != nil {
				t.Fatal(err)
			}
			if err := c.make(dir); err != nil {
				t.Skipf("cannot make it here: %v", err)
			}
			refused(t, dir, c.want)
		})
	}
}

// TestZipPackHoldsOnlyRegularFiles does the same for zip packs: link and
// device entries, and names that leave the pack or come twice.
func TestZipPackHoldsOnlyRegularFiles(t *testing.T) {
	p := defaultPack(t)
	files, err := Files(p.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		entry string
		mode  fs.FileMode
		body  string
		want  string
	}{
		{"link entry", "zh/evil.md", fs.ModeSymlink | 0o777, "/etc/passwd", "zh/evil.md: is a symbolic link"},
		{"link as policy.yaml", "policy.yaml", fs.ModeSymlink | 0o777, "../../etc/passwd", "policy.yaml: is a symbolic link"},
		{"character device", "zh/tty.md", fs.ModeDevice | fs.ModeCharDevice | 0o666, "", "zh/tty.md: is a device"},
		{"block device", "zh/sda.md", fs.ModeDevice | 0o666, "", "zh/sda.md: is a device"},
		{"pipe", "zh/p.md", fs.ModeNamedPipe | 0o666, "", "zh/p.md: is a named pipe"},
		{"second pack.yaml", "pack.yaml", 0, "id: evil\n", "pack.yaml: appears twice"},
		{"zip slip", "../evil.md", 0, "x", `entry "../evil.md" would leave the pack`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "pack.zip")
			f, _ := os.Create(path)
			z := zip.NewWriter(f)
			for _, name := range files {
				if name == c.entry && c.mode != 0 {
					continue
				}
				w, _ := z.Create(name)
				data, _ := fs.ReadFile(p.FS, name)
				w.Write(data)
			}
			h := &zip.FileHeader{Name: c.entry, Method: zip.Deflate}
			if c.mode != 0 {
				h.SetMode(c.mode)
			}
			w, _ := z.CreateHeader(h)
			w.Write([]byte(c.body))
			z.Close()
			f.Close()
			refused(t, path, c.want)
		})
	}
}

// TestSignatureCoversEveryFile signs a folder pack and then changes, adds
// or removes files of every kind: a template, a .go file, a file without an
// extension, a file in a new folder. Each is refused under --trust, naming
// the file.
func TestSignatureCoversEveryFile(t *testing.T) {
	priv, pub, _, _ := signature.GenerateKey(nil)
	key, _ := signature.ParsePrivateKey("k", priv)
	pubKey, _ := signature.ParsePublicKey("k", pub)
	for _, c := range []struct {
		name   string
		change func(dir string) error
		want   string
	}{
		{"a .go file changed", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "tools/gen.go"), []byte("package tools // changed\n"), 0o644)
		}, "tools/gen.go changed"},
		{"a .go file added", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "zh/extra.go"), []byte("package zh\n"), 0o644)
		}, "zh/extra.go added"},
		{"a file without an extension changed", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("changed"), 0o644)
		}, "LICENSE changed"},
		{"a file without an extension added", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "zh/NOTES"), []byte("x"), 0o644)
		}, "zh/NOTES added"},
		{"a template changed", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "zh/application.md"), []byte("# 申请书\n"), 0o644)
		}, "zh/application.md changed"},
		{"a partial removed", func(dir string) error { return os.Remove(filepath.Join(dir, "partials/zh/stages.md")) }, "partials/zh/stages.md removed"},
		{"the README changed", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "README.md"), []byte("changed"), 0o644)
		}, "README.md changed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := defaultPack(t).WriteTo(dir, true); err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Join(dir, "tools"), 0o755)
			os.WriteFile(filepath.Join(dir, "tools/gen.go"), []byte("package tools\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("CC-BY-4.0\n"), 0o644)
			if _, err := Sign(dir, key, "bureau"); err != nil {
				t.Fatal(err)
			}
			p, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Trust([]ed25519.PublicKey{pubKey}); err != nil {
				t.Fatalf("the signed pack: %v", err)
			}
			if err := c.change(dir); err != nil {
				t.Fatal(err)
			}
			p, err = Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			err = p.Trust([]ed25519.PublicKey{pubKey})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("changed pack: %v, want %q", err, c.want)
			}
		})
	}
}
