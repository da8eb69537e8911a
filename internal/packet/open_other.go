//go:build !unix

package packet

// noFollow: see open_unix.go; elsewhere the SameFile check after opening
// is the guard.
const noFollow = 0
