package packfs

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"
)

// Zip opens the pack in the zip file at file. Its central directory is
// checked before any entry is read: names that would leave the pack or
// appear twice, entries that are links, devices or anything but files and
// folders, encrypted entries, and sizes or compression ratios above the
// limits refuse the pack.
func Zip(file string, lim Limits) (*FS, error) {
	st, err := os.Stat(file)
	if err != nil {
		return nil, &Error{Pack: file, Msg: unwrap(err).Error()}
	}
	if !st.Mode().IsRegular() {
		return nil, &Error{Pack: file, Msg: kind(st.Mode())}
	}
	fh, err := os.OpenFile(file, os.O_RDONLY|fileFlags, 0)
	if err != nil {
		return nil, &Error{Pack: file, Msg: unwrap(err).Error()}
	}
	if st, err = fh.Stat(); err != nil || !st.Mode().IsRegular() {
		fh.Close()
		return nil, &Error{Pack: file, Msg: "is not a regular file"}
	}
	r, err := zip.NewReader(fh, st.Size())
	if err != nil {
		fh.Close()
		return nil, &Error{Pack: file, Msg: fmt.Sprintf("not a zip file: %v", err)}
	}
	f, err := index(file, r, lim)
	if err != nil {
		fh.Close()
		return nil, err
	}
	f.closer = fh
	return f, nil
}

// index checks and records every entry of a zip.
func index(file string, r *zip.Reader, lim Limits) (*FS, error) {
	b := newBuilder(file, lim)
	if len(r.File) > lim.MaxEntries {
		return nil, b.fsys.refuse("", "%d entries, more than %d", len(r.File), lim.MaxEntries)
	}
	entries := map[string]*zip.File{}
	for _, zf := range r.File {
		name, slash := trimSlash(zf.Name)
		if strings.HasPrefix(zf.Name, "/") || strings.Contains(zf.Name, `\`) || !fs.ValidPath(name) || name == "." {
			return nil, b.fsys.refuse("", "entry %q would leave the pack; refusing the pack", zf.Name)
		}
		if err := b.checkName(name); err != nil {
			return nil, err
		}
		mode := zf.Mode()
		switch {
		case slash || mode.IsDir():
			if _, twice := entries[name+"/"]; twice {
				return nil, b.fsys.refuse(name, "appears twice; refusing the pack")
			}
			entries[name+"/"] = zf
			if err := b.addDir(name); err != nil {
				return nil, err
			}
			continue
		case !mode.IsRegular():
			return nil, b.fsys.refuse(name, "%s", kind(mode))
		case zf.Flags&0x1 != 0:
			return nil, b.fsys.refuse(name, "is encrypted; a pack must be readable without a password")
		}
		if zf.UncompressedSize64 > uint64(lim.MaxFile) {
			return nil, b.fsys.refuse(name, "unpacks to %d bytes, more than the limit of %d for a file of a pack", zf.UncompressedSize64, lim.MaxFile)
		}
		if err := checkRatio(b.fsys, name, zf, lim); err != nil {
			return nil, err
		}
		if err := b.addFile(name, zipInfo{zf}); err != nil {
			return nil, err
		}
		entries[name] = zf
	}
	f := b.finish()
	f.open = func(name string) (fs.File, error) {
		zf := entries[name]
		rc, err := zf.Open()
		if err != nil {
			return nil, f.refuse(name, "cannot be read: %v", err)
		}
		return &zipFile{ReadCloser: rc, info: f.files[name]}, nil
	}
	return f, nil
}

// checkRatio refuses an entry that expands far more than text does: a zip
// bomb. Small entries are left alone; their size is bounded anyway.
func checkRatio(f *FS, name string, zf *zip.File, lim Limits) error {
	const small = 64 << 10
	if zf.UncompressedSize64 <= small {
		return nil
	}
	if zf.CompressedSize64 == 0 || zf.UncompressedSize64/zf.CompressedSize64 > uint64(lim.MaxRatio) {
		return f.refuse(name, "expands from %d to %d bytes, more than %d times: refusing what looks like a zip bomb", zf.CompressedSize64, zf.UncompressedSize64, lim.MaxRatio)
	}
	return nil
}

// zipInfo describes a zip entry for the index.
type zipInfo struct{ zf *zip.File }

func (z zipInfo) Name() string { return path.Base(z.zf.Name) }

// Size is the declared size; reading checks it holds.
func (z zipInfo) Size() int64 { return int64(z.zf.UncompressedSize64) }
func (z zipInfo) Mode() fs.FileMode {
	return z.zf.Mode()
}
func (z zipInfo) ModTime() time.Time { return z.zf.Modified }
func (z zipInfo) IsDir() bool        { return false }
func (z zipInfo) Sys() any           { return nil }

// zipFile is an open entry of a zip pack.
type zipFile struct {
	io.ReadCloser
	info fs.FileInfo
}

func (z *zipFile) Stat() (fs.FileInfo, error) { return z.info, nil }
