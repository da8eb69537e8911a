//go:build unix

package packet

import "syscall"

// noFollow opens a file without following a link put in its place after it
// was checked, and without blocking on a FIFO put there.
const noFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
