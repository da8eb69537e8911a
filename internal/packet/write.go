package packet

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"pilotpack/internal/flatepool"
	"pilotpack/internal/lang"
	"pilotpack/internal/safefile"
)

// The packet is staged (internal/safefile): a temporary folder beside the
// target takes each file as soon as it is made, and the last step renames
// it into place together with the zip, neither replacing an existing packet
// unless Force. A failed or interrupted build removes its temporaries; one
// killed outright leaves them locked by a dead process, and the next build
// into the same folder removes them.

// checkTargets refuses, before any work, the packet id when it exists
// (without Force), and its zip path when it is a folder (always).
func (b *builder) checkTargets(id string) error {
	target := filepath.Join(b.opts.OutDir, id)
	if _, err := os.Lstat(target); err == nil && !b.opts.Force {
		return &ExistsError{Dir: target}
	}
	if b.opts.Zip {
		zp := target + ".zip"
		st, err := os.Lstat(zp)
		switch {
		case err == nil && st.IsDir():
			return &ExistsError{Dir: zp, Folder: true}
		case err == nil && !b.opts.Force:
			return &ExistsError{Dir: zp}
		}
	}
	return nil
}

// stage makes the packet's temporary folder, after removing the
// temporaries of builds that were killed.
func (b *builder) stage() error {
	out := b.opts.OutDir
	// A build that fails removes the output folder it made; a build beside
	// it that made it meanwhile only needs to make it again.
	for try := 0; ; try++ {
		made, err := safefile.MakeDirs(out)
		if err != nil {
			return lang.Errorf(msgNoOutDir, out, err)
		}
		b.made = append(b.made, made...)
		if removed, _ := safefile.Sweep(out); len(removed) > 0 {
			b.warnings = append(b.warnings, lang.Format(msgSwept, out, lang.T(strings.Join(removed, msgListSep.Zh), strings.Join(removed, msgListSep.En))))
		}
		d, err := safefile.StageDir(filepath.Join(out, b.id))
		if errors.Is(err, fs.ErrNotExist) && try < 3 {
			continue
		}
		if err != nil {
			return lang.Errorf(msgCannotWrite, out, err)
		}
		b.staged = d
		return nil
	}
}

// put writes a file of the packet into the staged folder and records its
// size and checksum for the manifest; the data is not kept.
func (b *builder) put(f *file, data []byte) error {
	if err := b.staged.WriteFile(f.path, data); err != nil {
		return err
	}
	f.size, f.sha = len(data), sha(data)
	return nil
}

// write moves the packet into place, with its zip when asked: both or
// neither.
func (b *builder) write() error {
	b.result.Dir = b.staged.Target()
	b.result.Warnings = b.warnings
	items := []safefile.Staged{b.staged}
	if b.opts.Zip {
		zp := b.staged.Target() + ".zip"
		z, err := safefile.StageFile(zp)
		if err != nil {
			return err
		}
		b.zip = z
		if err := b.writeZip(z); err != nil {
			return lang.Errorf(msgWriting, zp, err)
		}
		items = append(items, z)
	}
	mode := safefile.Keep
	if b.opts.Force {
		mode = safefile.Overwrite
	}
	if err := safefile.CommitAll(mode, items...); err != nil {
		var ee *safefile.ExistsError
		if errors.As(err, &ee) {
			return &ExistsError{Dir: ee.Path}
		}
		return err
	}
	b.written = true
	if b.zip != nil {
		b.result.Zip = b.zip.Target()
	}
	return nil
}

// discard removes what a build that did not finish staged.
func (b *builder) discard() {
	if b.staged != nil {
		b.staged.Discard()
	}
	if b.zip != nil {
		b.zip.Discard()
	}
	if !b.written {
		b.made.Undo()
	}
}

// writeZip writes the packet as a zip with its folder's name at the top,
// entries sorted and dated with the build date, so it is byte-identical for
// the same input. The files are read back from the staged folder.
func (b *builder) writeZip(w io.Writer) error {
	files := append([]*file{}, b.files...)
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	z := zip.NewWriter(w)
	z.RegisterCompressor(zip.Deflate, flatepool.Writer)
	for _, f := range files {
		h := &zip.FileHeader{Name: b.id + "/" + f.path, Method: zip.Deflate, Modified: b.opts.Date.UTC()}
		zw, err := z.CreateHeader(h)
		if err != nil {
			return err
		}
		r, err := b.staged.Open(f.path)
		if err != nil {
			return err
		}
		_, err = io.Copy(zw, r)
		r.Close()
		if err != nil {
			return err
		}
	}
	return z.Close()
}

func extOf(p string) string { return strings.ToLower(filepath.Ext(p)) }

var errNoManifest = lang.Errorf(msgNoManifest)
