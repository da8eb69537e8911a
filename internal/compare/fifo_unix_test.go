//go:build unix

package compare

import "syscall"

// mkfifo makes a FIFO, which a reader of a packet must not wait on.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
