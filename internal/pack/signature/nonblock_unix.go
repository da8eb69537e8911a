//go:build unix

package signature

import "syscall"

// nonblock keeps an open from waiting on a pipe put in a key file's place.
const nonblock = syscall.O_NONBLOCK
