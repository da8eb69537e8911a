package safefile

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// rename moves from to to in one step. Without replace it fails with an
// *ExistsError when to exists (RENAME_NOREPLACE: no window between a check
// and the rename). With replace, an existing to is swapped with from
// (RENAME_EXCHANGE), so the old content stays at from until it is removed
// and a folder is replaced as atomically as a file; old reports that.
func rename(from, to string, replace bool) (old bool, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, to, unix.RENAME_NOREPLACE)
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, unix.EEXIST) && !replace:
		return false, &ExistsError{Path: to}
	case errors.Is(err, unix.EEXIST):
		if err := sameKind(from, to); err != nil {
			return false, err
		}
		if err := unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, to, unix.RENAME_EXCHANGE); err != nil {
			return false, &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
		}
		return true, nil
	case errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS):
		// A file system without renameat2 flags (some network and FUSE
		// ones): the portable way, with its window.
		return renamePortable(from, to, replace)
	}
	return false, &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
}
