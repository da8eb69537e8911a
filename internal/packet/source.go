package packet

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"pilotpack/internal/lang"
)

// source is a packet to verify, a folder or a zip, read only through what
// verification needs: nothing follows a link, nothing reads more than the
// packet says it holds.
type source interface {
	// entry returns the size of a file of the packet, or why it is not
	// one: missing (fs.ErrNotExist), a link, not a regular file.
	entry(name string) (int64, error)
	// open opens a file that entry accepted.
	open(name string) (io.ReadCloser, error)
	// names lists every file of the packet, links and other non-folders
	// included.
	names() ([]string, error)
	close()
}

// readSmall reads a small file of the packet whole.
func readSmall(s source, name string, limit int64) ([]byte, error) {
	size, err := s.entry(name)
	if err != nil {
		return nil, err
	}
	if size > limit {
		return nil, lang.Errorf(msgTooBig, size, name, limit)
	}
	rc, err := s.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, size+1))
	if err == nil && int64(len(data)) != size {
		err = lang.Errorf(msgChangedRead)
	}
	return data, err
}

// openPacket opens a packet folder, or a zip holding one (at its top or in
// a single folder). A zip whose directory breaks the bounds comes back
// with the problems, to be reported rather than read.
func openPacket(p string) (source, []lang.Text, error) {
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, &NotFoundError{Path: p}
	}
	if err != nil {
		return nil, nil, err
	}
	if st.IsDir() {
		root, err := os.OpenRoot(p)
		if err != nil {
			return nil, nil, err
		}
		return &dirSource{root: root}, nil, nil
	}
	if !st.Mode().IsRegular() {
		return nil, nil, lang.Errorf(msgNotPacketFile, p)
	}
	z, err := zip.OpenReader(p)
	if errors.Is(err, zip.ErrInsecurePath) {
		return &zipSource{z: z, files: map[string]*zip.File{}}, []lang.Text{msgInsecureZip}, nil
	}
	if err != nil {
		return nil, nil, lang.Errorf(msgNotPacket, p, err)
	}
	if problems := zipBounds(z.File, st.Size()); len(problems) > 0 {
		return &zipSource{z: z, files: map[string]*zip.File{}}, problems, nil
	}
	return newZipSource(z), nil, nil
}

// zipBounds measures a zip from its directory, before anything is
// unpacked: how many entries, how large each and all together, and how
// much each has shrunk.
func zipBounds(files []*zip.File, archive int64) []lang.Text {
	var out []lang.Text
	if len(files) > maxEntries {
		return []lang.Text{lang.Format(msgZipEntries, len(files), maxEntries)}
	}
	var total uint64
	seen := map[string]bool{}
	for _, f := range files {
		u, c := f.UncompressedSize64, f.CompressedSize64
		switch {
		case u > maxEntrySize:
			out = append(out, lang.Format(msgZipEntryBig, f.Name, u, maxEntrySize>>20))
		case u > ratioFloor && u/max(c, 1) > maxRatio:
			out = append(out, lang.Format(msgZipBomb, f.Name, u, c, u/max(c, 1)))
		}
		if seen[f.Name] {
			out = append(out, lang.Format(msgZipTwice, f.Name))
		}
		seen[f.Name] = true
		total += u
	}
	limit := min(uint64(maxTotalSize), uint64(archive)*maxRatio+ratioFloor)
	if total > limit {
		out = append(out, lang.Format(msgZipTotal, total, limit))
	}
	return out
}

// dirSource is a packet folder. Paths are opened through an os.Root, so
// nothing leaves the folder, and every component is looked at first, so
// nothing passes through a link.
type dirSource struct {
	root *os.Root
}

func (d *dirSource) entry(name string) (int64, error) {
	if !fs.ValidPath(name) {
		return 0, fs.ErrNotExist
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		st, err := d.root.Lstat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return 0, fs.ErrNotExist
			}
			return 0, err
		}
		last := i == len(parts)-1
		switch {
		case st.Mode()&fs.ModeSymlink != 0 && last:
			return 0, lang.Errorf(msgSymlink)
		case st.Mode()&fs.ModeSymlink != 0:
			return 0, lang.Errorf(msgBehindLink, p)
		case !last && !st.IsDir():
			return 0, fs.ErrNotExist
		case last && !st.Mode().IsRegular():
			return 0, lang.Errorf(msgNotRegular)
		case last:
			return st.Size(), nil
		}
	}
	return 0, fs.ErrNotExist
}

func (d *dirSource) open(name string) (io.ReadCloser, error) {
	f, err := d.root.OpenFile(name, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, lang.Errorf(msgNotRegular)
	}
	return f, nil
}

func (d *dirSource) names() ([]string, error) {
	var out []string
	err := fs.WalkDir(d.root.FS(), ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			out = append(out, name)
		}
		return nil
	})
	return out, err
}

func (d *dirSource) close() { d.root.Close() }

// zipSource is a packet's zip, its entries under one top folder or none.
type zipSource struct {
	z     *zip.ReadCloser
	files map[string]*zip.File // by name inside the packet
	// outside are entries outside the packet's folder.
	outside []string
}

func newZipSource(z *zip.ReadCloser) *zipSource {
	s := &zipSource{z: z, files: map[string]*zip.File{}}
	prefix := ""
	top := map[string]bool{}
	hasManifest := false
	for _, f := range z.File {
		first, _, nested := strings.Cut(f.Name, "/")
		if nested {
			top[first] = true
		} else if f.Name == ManifestName {
			hasManifest = true
		}
	}
	if !hasManifest && len(top) == 1 {
		for t := range top {
			prefix = t + "/"
		}
	}
	for _, f := range z.File {
		name, ok := strings.CutPrefix(f.Name, prefix)
		switch {
		case !ok:
			s.outside = append(s.outside, f.Name)
		case strings.HasSuffix(name, "/") || name == "":
			// a folder entry
		default:
			s.files[path.Clean(name)] = f
		}
	}
	return s
}

func (s *zipSource) entry(name string) (int64, error) {
	f, ok := s.files[name]
	switch {
	case !ok:
		return 0, fs.ErrNotExist
	case f.Mode()&fs.ModeSymlink != 0:
		return 0, lang.Errorf(msgSymlink)
	case !f.Mode().IsRegular():
		return 0, lang.Errorf(msgNotRegular)
	}
	return int64(f.UncompressedSize64), nil
}

func (s *zipSource) open(name string) (io.ReadCloser, error) {
	f, ok := s.files[name]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return f.Open()
}

func (s *zipSource) names() ([]string, error) {
	out := append([]string{}, s.outside...)
	for n := range s.files {
		out = append(out, n)
	}
	return out, nil
}

func (s *zipSource) close() { s.z.Close() }
