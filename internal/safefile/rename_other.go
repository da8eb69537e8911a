//go:build !linux

package safefile

// rename moves from to to; see rename_linux.go. Elsewhere there is no
// renameat2, so the portable way is all there is.
func rename(from, to string, replace bool) (old bool, err error) {
	return renamePortable(from, to, replace)
}
