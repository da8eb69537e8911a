package lang

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// causes word in Chinese what the system says went wrong, in the order they
// are tried: the system's errors come in English, and a Chinese message
// should not end in "permission denied".
var causes = []struct {
	err error
	zh  string
}{
	{fs.ErrPermission, "没有权限"},
	{fs.ErrNotExist, "不存在"},
	{fs.ErrExist, "已存在"},
	{syscall.ENOSPC, "磁盘空间不足"},
	{syscall.EROFS, "所在的文件系统只读"},
	{syscall.ENOTDIR, "不是文件夹"},
	{syscall.EISDIR, "是文件夹，不是文件"},
	{syscall.ENOTEMPTY, "文件夹不是空的"},
	{syscall.EXDEV, "不能跨磁盘（文件系统）移动"},
	{syscall.ELOOP, "符号链接层数过多"},
	{syscall.ENAMETOOLONG, "文件名过长"},
	{syscall.EMFILE, "同时打开的文件过多"},
	{syscall.EBUSY, "正被其他程序占用"},
	{syscall.EIO, "读写磁盘出错"},
	{zip.ErrFormat, "不是有效的 zip 文件"},
	{zip.ErrAlgorithm, "使用了不支持的压缩方法"},
	{zip.ErrChecksum, "校验和不符，文件已损坏"},
	{zip.ErrInsecurePath, "含有指向压缩包之外的路径"},
	{io.ErrUnexpectedEOF, "文件意外结束，可能不完整"},
}

// systemZh words an error of the system's in Chinese: the path it names
// and its cause, when the cause is one of causes. A cause wrapped in words
// it does not know is left as it is, lest they be lost.
func systemZh(err error) (string, bool) {
	cause, bare := "", false
	for _, c := range causes {
		if errors.Is(err, c.err) {
			_, errno := err.(syscall.Errno)
			cause, bare = c.zh, errno || err == c.err
			break
		}
	}
	if cause == "" {
		return "", false
	}
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Path + "：" + cause, true
	case errors.As(err, &le):
		return le.Old + " → " + le.New + "：" + cause, true
	case bare:
		return cause, true
	}
	return "", false
}
