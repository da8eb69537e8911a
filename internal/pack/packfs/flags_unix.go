//go:build unix

package packfs

import "syscall"

// Opening never waits: a named pipe put in a file's place opens at once
// (and is then refused), and a folder must still be a folder.
const (
	fileFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY
	dirFlags  = syscall.O_NONBLOCK | syscall.O_DIRECTORY
)
