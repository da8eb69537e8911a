package safefile

import (
	"errors"
	"io/fs"
	"os"

	"pilotpack/internal/lang"
)

// renamePortable renames without renameat2. A file is linked to its new
// name, which fails if the name exists, then unlinked: as safe as
// RENAME_NOREPLACE. A folder cannot be linked; it is checked for and then
// renamed, which leaves a short window to a racing writer. Replacing moves
// the old content aside to from first, as RENAME_EXCHANGE would leave it.
func renamePortable(from, to string, replace bool) (old bool, err error) {
	st, err := os.Lstat(from)
	if err != nil {
		return false, err
	}
	if _, err := os.Lstat(to); err == nil {
		if !replace {
			return false, &ExistsError{Path: to}
		}
		if err := sameKind(from, to); err != nil {
			return false, err
		}
		aside := from + ".old"
		if err := os.Rename(to, aside); err != nil {
			return false, err
		}
		if err := os.Rename(from, to); err != nil {
			os.Rename(aside, to)
			return false, err
		}
		return true, os.Rename(aside, from)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if st.IsDir() {
		return false, os.Rename(from, to)
	}
	if err := os.Link(from, to); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return false, &ExistsError{Path: to}
		}
		return false, os.Rename(from, to)
	}
	return false, os.Remove(from)
}

// sameKind refuses to replace a folder with a file or a file with a folder:
// the user named the target for one of them.
func sameKind(from, to string) error {
	a, err := os.Lstat(from)
	if err != nil {
		return err
	}
	b, err := os.Lstat(to)
	if err != nil {
		return err
	}
	switch {
	case a.IsDir() && !b.IsDir():
		return &InTheWayError{lang.Errorf(msgNotFolder, to)}
	case !a.IsDir() && b.IsDir():
		return &InTheWayError{lang.Errorf(msgIsFolder, to)}
	}
	return nil
}

// InTheWayError is why a target cannot be replaced: something of another
// kind stands in its place (a folder where a file goes, or a file where a
// folder goes). It is the user's to clear, not a failure of the disk.
type InTheWayError struct{ err error }

func (e *InTheWayError) Error() string { return e.err.Error() }
func (e *InTheWayError) Unwrap() error { return e.err }
