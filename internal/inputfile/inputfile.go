// Package inputfile reads a file a user names on the command line (a
// template, a font): a regular file only, of bounded size, opened without
// waiting, so that a named pipe or a device put in a file's place is
// refused at once rather than read for ever.
package inputfile

import (
	"fmt"
	"io"
	"os"

	"pilotpack/internal/lang"
)

var (
	msgNotRegular = lang.T("%s：不是普通文件（而是文件夹、管道、设备或套接字）", "%s: not a regular file (a folder, pipe, device or socket)")
	msgTooLarge   = lang.T("%s：超过 %d 字节的上限", "%s: more than the limit of %d bytes")
)

// Read returns the content of the regular file at path, of at most max
// bytes. Its errors name the path; a missing file's wraps fs.ErrNotExist.
func Read(path string, max int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|NonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, lang.Errorf(msgNotRegular, path)
	}
	if st.Size() > max {
		return nil, lang.Errorf(msgTooLarge, path, max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, lang.Errorf(msgTooLarge, path, max)
	}
	return data, nil
}
