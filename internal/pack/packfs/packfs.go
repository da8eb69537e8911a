// Package packfs reads the files of one template pack and nothing else. A
// pack comes from outside, so every way of reaching beyond its own regular
// files is closed here, in one place: a folder is read through os.Root (no
// path or link leaves it) and a zip through its checked central directory;
// an entry that is a symbolic link, a named pipe, a device, a socket or
// anything but a regular file or a folder refuses the whole pack, naming
// the entry; file names are plain text; and every file's size, the total
// and the number of entries are bounded before anything is read or hashed.
// Nothing here opens a file that could block: a pipe is seen with Lstat
// before any open, and opens are non-blocking besides.
package packfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits bound what a pack may hold.
type Limits struct {
	// MaxFile is the largest file, in bytes.
	MaxFile int64
	// MaxTotal is the most bytes all files may hold together.
	MaxTotal int64
	// MaxEntries is the most files and folders a pack may hold.
	MaxEntries int
	// MaxRatio is the most a zip entry may expand: uncompressed size over
	// compressed size.
	MaxRatio int64
}

// DefaultLimits fit the largest real pack many times over: the default
// pack has about twenty files, none above 40 KB.
var DefaultLimits = Limits{MaxFile: 1 << 20, MaxTotal: 64 << 20, MaxEntries: 1000, MaxRatio: 200}

// Error is a pack refused because of one of its entries (or, with Path
// empty, as a whole).
type Error struct {
	// Pack names the pack as given: a folder or a zip file.
	Pack string
	// Path is the entry's path inside the pack.
	Path string
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("%s: %s", e.Pack, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", e.Pack, e.Path, e.Msg)
}

// FS is a pack's files, checked when it was opened. It implements fs.FS,
// fs.ReadDirFS, fs.ReadFileFS and fs.StatFS; it knows only the entries it
// found then, and checks each file again when it is opened.
type FS struct {
	name  string
	lim   Limits
	files map[string]fs.FileInfo
	dirs  map[string][]fs.DirEntry
	// open opens a file the index holds; it checks the file is still a
	// regular file.
	open   func(name string) (fs.File, error)
	closer io.Closer
	// folder is set for a folder that is not a pack (see Folder): it has
	// no index, and each file is checked as it is opened.
	folder *os.Root
}

// Files lists the pack's regular files, sorted by path.
func (f *FS) Files() []string {
	out := make([]string, 0, len(f.files))
	for name := range f.files {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Name is the pack as it was given.
func (f *FS) Name() string { return f.name }

// Close releases the folder or zip file behind the pack.
func (f *FS) Close() error {
	if f.closer == nil {
		return nil
	}
	return f.closer.Close()
}

func (f *FS) refuse(name, format string, args ...any) error {
	return &Error{Pack: f.name, Path: name, Msg: fmt.Sprintf(format, args...)}
}

// Open opens a file or folder of the pack.
func (f *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f.folder != nil {
		file, err := openRegular(f, f.folder, name)
		if err != nil {
			return nil, err
		}
		return &limitedFile{File: file, name: name, fsys: f, left: f.lim.MaxFile}, nil
	}
	if entries, ok := f.dirs[name]; ok {
		return &dirFile{name: name, info: f.dirInfo(name), entries: entries}, nil
	}
	if _, ok := f.files[name]; !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	file, err := f.open(name)
	if err != nil {
		return nil, err
	}
	return &limitedFile{File: file, name: name, fsys: f, left: f.lim.MaxFile}, nil
}

// ReadFile reads a whole file of the pack, within the size limit.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if _, ok := f.dirs[name]; ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder")}
	}
	return io.ReadAll(file)
}

// ReadDir lists a folder of the pack, sorted by name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, ok := f.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return append([]fs.DirEntry(nil), entries...), nil
}

// Stat describes a file or folder of the pack as it was when the pack was
// opened.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	if f.folder != nil {
		file, err := f.Open(name)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		return file.Stat()
	}
	if info, ok := f.files[name]; ok {
		return info, nil
	}
	if _, ok := f.dirs[name]; ok {
		return f.dirInfo(name), nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

func (f *FS) dirInfo(name string) fs.FileInfo {
	return staticInfo{name: path.Base(name), mode: fs.ModeDir | 0o755}
}

// builder collects a pack's entries while it is opened, checking each.
type builder struct {
	fsys    *FS
	total   int64
	entries int
}

func newBuilder(name string, lim Limits) *builder {
	return &builder{fsys: &FS{name: name, lim: lim, files: map[string]fs.FileInfo{}, dirs: map[string][]fs.DirEntry{".": nil}}}
}

// checkName refuses names that are not plain text: a name with a control
// character or invalid UTF-8 could make two listings of different files
// look alike, and would print badly in every message.
func (b *builder) checkName(name string) error {
	if !utf8.ValidString(name) {
		return b.fsys.refuse(fmt.Sprintf("%q", name), "the name is not valid UTF-8; rename the file")
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == '\\' || unicode.Is(unicode.Cf, r) {
			return b.fsys.refuse(fmt.Sprintf("%q", name), "the name holds %U, which a file name of a pack may not; rename the file", r)
		}
	}
	if !fs.ValidPath(name) || name == "." {
		return b.fsys.refuse(fmt.Sprintf("%q", name), "the path would leave the pack; refusing the pack")
	}
	return nil
}

// count counts one more entry against the limit.
func (b *builder) count() error {
	b.entries++
	if b.entries > b.fsys.lim.MaxEntries {
		return b.fsys.refuse("", "the pack holds more than %d files and folders; is this the right folder?", b.fsys.lim.MaxEntries)
	}
	return nil
}

// addDir records a folder and makes sure its parents are recorded.
func (b *builder) addDir(name string) error {
	if name == "." {
		return nil
	}
	if _, ok := b.fsys.files[name]; ok {
		return b.fsys.refuse(name, "is both a file and a folder; refusing the pack")
	}
	if _, ok := b.fsys.dirs[name]; ok {
		return nil
	}
	if err := b.count(); err != nil {
		return err
	}
	b.fsys.dirs[name] = nil
	if err := b.addDir(path.Dir(name)); err != nil {
		return err
	}
	parent := path.Dir(name)
	b.fsys.dirs[parent] = append(b.fsys.dirs[parent], fs.FileInfoToDirEntry(b.fsys.dirInfo(name)))
	return nil
}

// addFile records a regular file of the given size.
func (b *builder) addFile(name string, info fs.FileInfo) error {
	if _, ok := b.fsys.files[name]; ok {
		return b.fsys.refuse(name, "appears twice; refusing the pack")
	}
	if _, ok := b.fsys.dirs[name]; ok {
		return b.fsys.refuse(name, "is both a file and a folder; refusing the pack")
	}
	if err := b.checkSize(name, info.Size()); err != nil {
		return err
	}
	if err := b.count(); err != nil {
		return err
	}
	if err := b.addDir(path.Dir(name)); err != nil {
		return err
	}
	b.fsys.files[name] = staticInfo{name: path.Base(name), size: info.Size(), mode: info.Mode() & fs.ModePerm, mtime: info.ModTime()}
	parent := path.Dir(name)
	b.fsys.dirs[parent] = append(b.fsys.dirs[parent], fs.FileInfoToDirEntry(b.fsys.files[name]))
	return nil
}

func (b *builder) checkSize(name string, size int64) error {
	if size < 0 || size > b.fsys.lim.MaxFile {
		return b.fsys.refuse(name, "is %d bytes, more than the limit of %d for a file of a pack", size, b.fsys.lim.MaxFile)
	}
	b.total += size
	if b.total > b.fsys.lim.MaxTotal {
		return b.fsys.refuse("", "the files add up to more than %d bytes; is this the right folder?", b.fsys.lim.MaxTotal)
	}
	return nil
}

// finish sorts every listing and returns the pack.
func (b *builder) finish() *FS {
	for _, entries := range b.fsys.dirs {
		sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	}
	return b.fsys
}

// kind names what a non-regular entry is, for the message that refuses it.
func kind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeSymlink != 0:
		return "is a symbolic link; a pack holds only regular files and folders: put a copy of the file there instead"
	case mode&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a file; a pack holds only regular files and folders"
	case mode&fs.ModeSocket != 0:
		return "is a socket, not a file; a pack holds only regular files and folders"
	case mode&fs.ModeDevice != 0, mode&fs.ModeCharDevice != 0:
		return "is a device, not a file; a pack holds only regular files and folders"
	}
	return "is not a regular file; a pack holds only regular files and folders"
}

// Embedded indexes a pack compiled into the program (an embed.FS, whose
// entries are regular files and folders), with the same limits as any other.
func Embedded(name string, fsys fs.FS, lim Limits) (*FS, error) {
	b := newBuilder(name, lim)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		if err := b.checkName(p); err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return b.addDir(p)
		case info.Mode().IsRegular():
			return b.addFile(p, info)
		}
		return b.fsys.refuse(p, "%s", kind(info.Mode()))
	})
	if err != nil {
		return nil, err
	}
	f := b.finish()
	f.open = fsys.Open
	return f, nil
}

// limitedFile reads at most the size limit of the pack's files, however
// much the file holds by the time it is read.
type limitedFile struct {
	fs.File
	name string
	fsys *FS
	left int64
}

func (l *limitedFile) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more than the limit tells a file that grew from one
		// that ends exactly there.
		var one [1]byte
		if n, _ := l.File.Read(one[:]); n > 0 {
			return 0, l.fsys.refuse(l.name, "grew past the limit of %d bytes for a file of a pack while it was read", l.fsys.lim.MaxFile)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.File.Read(p)
	l.left -= int64(n)
	return n, err
}

// dirFile is an open folder of the pack.
type dirFile struct {
	name    string
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dirFile) Close() error               { return nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a folder")}
}

func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return append([]fs.DirEntry(nil), rest...), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return append([]fs.DirEntry(nil), rest[:n]...), nil
}

// staticInfo describes an entry as the index recorded it.
type staticInfo struct {
	name  string
	size  int64
	mode  fs.FileMode
	mtime time.Time
}

func (s staticInfo) Name() string       { return s.name }
func (s staticInfo) Size() int64        { return s.size }
func (s staticInfo) Mode() fs.FileMode  { return s.mode }
func (s staticInfo) ModTime() time.Time { return s.mtime }
func (s staticInfo) IsDir() bool        { return s.mode.IsDir() }
func (s staticInfo) Sys() any           { return nil }

// joinName is the path of entry inside folder dir.
func joinName(dir, entry string) string {
	if dir == "." {
		return entry
	}
	return dir + "/" + entry
}

// trimSlash drops the slash that marks a folder entry of a zip.
func trimSlash(name string) (string, bool) {
	if strings.HasSuffix(name, "/") {
		return strings.TrimSuffix(name, "/"), true
	}
	return name, false
}
