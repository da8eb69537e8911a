package packet

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// write puts the packet in place: every file into a temporary folder beside
// the target, then one rename; an existing packet is moved aside first and
// removed only once the new one stands. On any failure the temporary files
// go and the output folder is as it was.
func (b *builder) write() (err error) {
	out := b.opts.OutDir
	target := filepath.Join(out, b.id)
	b.result.Dir = target
	b.result.Warnings = b.warnings
	if _, err := os.Lstat(target); err == nil && !b.opts.Force {
		return &ExistsError{Dir: target}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create the output folder %s: %w", out, err)
	}
	tmp, err := os.MkdirTemp(out, "."+b.id+".tmp-")
	if err != nil {
		return fmt.Errorf("cannot write into the output folder %s: %w; check its permissions or choose another with --out", out, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it private
		os.RemoveAll(tmp)
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, f := range b.files {
		p := filepath.Join(tmp, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
	}
	var zipTmp string
	if b.opts.Zip {
		zf, err := os.CreateTemp(out, "."+b.id+".zip.tmp-")
		if err != nil {
			return err
		}
		zipTmp = zf.Name()
		defer func() {
			if err != nil {
				os.Remove(zipTmp)
			}
		}()
		if err := b.writeZip(zf); err != nil {
			zf.Close()
			return err
		}
		if err := zf.Close(); err != nil {
			return err
		}
	}
	var old string
	if _, err := os.Lstat(target); err == nil {
		old = tmp + ".old"
		if err := os.Rename(target, old); err != nil {
			return fmt.Errorf("cannot replace %s: %w", target, err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		if old != "" {
			os.Rename(old, target)
		}
		return fmt.Errorf("cannot move the packet into place: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	if zipTmp != "" {
		b.result.Zip = filepath.Join(out, b.id+".zip")
		if err := os.Rename(zipTmp, b.result.Zip); err != nil {
			return err
		}
	}
	return nil
}

// writeZip writes the packet as a zip with its folder's name at the top,
// entries sorted and dated with the build date, so it is byte-identical for
// the same input.
func (b *builder) writeZip(w io.Writer) error {
	files := append([]*file{}, b.files...)
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	z := zip.NewWriter(w)
	for _, f := range files {
		h := &zip.FileHeader{Name: b.id + "/" + f.path, Method: zip.Deflate, Modified: b.opts.Date.UTC()}
		zw, err := z.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := zw.Write(f.data); err != nil {
			return err
		}
	}
	return z.Close()
}

func extOf(p string) string { return strings.ToLower(filepath.Ext(p)) }

var errNoManifest = errors.New("no manifest.json: this is not a pilotpack packet")
