//go:build !unix

package packfs

// Elsewhere, files are checked with Lstat before they are opened.
const (
	fileFlags = 0
	dirFlags  = 0
)
