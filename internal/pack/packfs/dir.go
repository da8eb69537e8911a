package packfs

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
)

// Dir opens the pack in folder dir. It walks the whole folder first: any
// entry that is not a regular file or a folder refuses the pack, as does a
// file or a pack above the limits.
func Dir(dir string, lim Limits) (*FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, &Error{Pack: dir, Msg: err.Error()}
	}
	b := newBuilder(dir, lim)
	// Folders still to list; iterative, so a deep tree costs no stack.
	todo := []string{"."}
	for len(todo) > 0 {
		name := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		entries, err := readDir(root, name)
		if err != nil {
			root.Close()
			return nil, b.fsys.refuse(name, "cannot be read: %v", unwrap(err))
		}
		for _, e := range entries {
			p := joinName(name, e.Name())
			if err := b.checkName(p); err != nil {
				root.Close()
				return nil, err
			}
			// The entry's own type, as Lstat sees it: a link is a link,
			// whatever it points to, and a pipe is never opened.
			info, err := root.Lstat(p)
			if err != nil {
				root.Close()
				return nil, b.fsys.refuse(p, "cannot be read: %v", unwrap(err))
			}
			switch mode := info.Mode(); {
			case mode.IsDir():
				if err := b.addDir(p); err != nil {
					root.Close()
					return nil, err
				}
				todo = append(todo, p)
			case mode.IsRegular():
				if err := b.addFile(p, info); err != nil {
					root.Close()
					return nil, err
				}
			default:
				root.Close()
				return nil, b.fsys.refuse(p, "%s", kind(mode))
			}
		}
	}
	f := b.finish()
	f.closer = root
	f.open = func(name string) (fs.File, error) { return openRegular(f, root, name) }
	return f, nil
}

// Folder gives the files of folder dir that is not a pack: the templates
// beside a template rendered on its own. Nothing is walked (the folder may
// be large), and every file is checked as it is opened, as a pack's are.
// Only files can be opened, and nothing is listed.
func Folder(dir string, lim Limits) (*FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, &Error{Pack: dir, Msg: unwrap(err).Error()}
	}
	return &FS{name: dir, lim: lim, folder: root, closer: root, files: map[string]fs.FileInfo{}, dirs: map[string][]fs.DirEntry{}}, nil
}

// readDir lists a folder of the root without following a link put in its
// place since it was seen.
func readDir(root *os.Root, name string) ([]os.DirEntry, error) {
	d, err := root.OpenFile(name, os.O_RDONLY|dirFlags, 0)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	if st, err := d.Stat(); err != nil || !st.IsDir() {
		return nil, errors.New("is no longer a folder")
	}
	return d.ReadDir(-1)
}

// openRegular opens a file of the pack again checking, as the walk did,
// that neither it nor a folder on its path has become a link or anything
// but what it was: the pack may change between opening and reading.
func openRegular(f *FS, root *os.Root, name string) (fs.File, error) {
	parts := strings.Split(name, "/")
	for i := range parts {
		p := path.Join(parts[:i+1]...)
		info, err := root.Lstat(p)
		if err != nil {
			return nil, f.refuse(name, "cannot be read: %v", unwrap(err))
		}
		last := i == len(parts)-1
		if (!last && !info.Mode().IsDir()) || (last && !info.Mode().IsRegular()) {
			return nil, f.refuse(p, "%s", kind(info.Mode()))
		}
	}
	file, err := root.OpenFile(name, os.O_RDONLY|fileFlags, 0)
	if err != nil {
		return nil, f.refuse(name, "cannot be read: %v", unwrap(err))
	}
	st, err := file.Stat()
	if err != nil || !st.Mode().IsRegular() {
		file.Close()
		mode := fs.FileMode(fs.ModeIrregular)
		if st != nil {
			mode = st.Mode()
		}
		return nil, f.refuse(name, "%s", kind(mode))
	}
	return file, nil
}

// unwrap keeps the reason of a path error: the path is said already.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
