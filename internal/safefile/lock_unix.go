//go:build unix

package safefile

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockPath opens path (a folder or file, never following a link, never
// blocking on a FIFO) and takes an exclusive lock on it, or fails at once
// when another open file holds one. The lock lives as long as the returned
// file stays open, and the kernel drops it when the process dies however it
// dies: that is what tells Sweep a temporary has no live writer.
func lockPath(path string) (*os.File, error) {
	f, err := openPath(path)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// openPath opens path for reading, never following a link, never blocking
// on a FIFO.
func openPath(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
}

func lockFile(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
}

func tryLock(path string) (*os.File, error) { return lockPath(path) }

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
