//go:build unix

package inputfile

import "syscall"

// NonBlock keeps an open from waiting on a named pipe (Read refuses it
// once open); O_NOCTTY keeps a terminal from becoming the process's.
const NonBlock = syscall.O_NONBLOCK | syscall.O_NOCTTY
