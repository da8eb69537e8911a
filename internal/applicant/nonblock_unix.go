//go:build unix

package applicant

import "syscall"

// nonblock keeps an open from waiting on a named pipe given as an applicant
// file (Load refuses it once open); noctty keeps a terminal device from
// becoming the process's terminal.
const nonblock = syscall.O_NONBLOCK | syscall.O_NOCTTY
