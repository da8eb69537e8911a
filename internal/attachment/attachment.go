// Package attachment checks and reads the supporting documents an applicant
// file lists, the one way build, validate and review all use: where a file
// may lie, what it may be, how large, and for a PDF whether the combined
// PDF can bind it and what active content it carries. Each problem is a
// finding at the attachment's line.
//
// An attachment stays inside what the user named: a relative path resolves
// inside the applicant file's folder, an absolute one only inside a folder
// given with --attachments. No symbolic link is followed anywhere below
// that folder, only regular files are read, and /proc, /sys and /dev are
// never read whatever the user names.
package attachment

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"pilotpack/generators/pdf"
	"pilotpack/internal/applicant"
	"pilotpack/internal/finding"
)

// MaxSize bounds one attachment's size.
const MaxSize = 50 << 20

// Options say where attachments may come from.
type Options struct {
	// Dirs are the folders absolute paths may lie in (--attachments).
	Dirs []string
}

// File is an attachment that passed the checks, read.
type File struct {
	// Index is its place in the applicant file's attachments list.
	Index int
	Src   applicant.Attachment
	Data  []byte
	SHA   string
	// PDF is the PDF as read and cleaned for the combined file; nil when
	// the attachment is not a PDF.
	PDF   *pdf.Foreign
	Pages int
}

var basis = finding.Text{Zh: "申报资料要求（附件须完整、可读）", En: "filing requirements (attachments must be complete and readable)"}

// checker collects the findings of one applicant file's attachments.
type checker struct {
	a    *applicant.Applicant
	opts Options
	out  finding.List
}

func (c *checker) report(i int, sev finding.Severity, rule, en, zh string) {
	path := fmt.Sprintf("attachments[%d].path", i)
	c.out = append(c.out, c.a.Finding(rule, sev, path, finding.Text{Zh: zh, En: en}, basis))
}

func (c *checker) fail(i int, rule, en, zh string) { c.report(i, finding.Error, rule, en, zh) }

// Check checks and reads every attachment of a. It returns the attachments
// that can go into the packet and a finding for each problem.
func Check(a *applicant.Applicant, opts Options) ([]*File, finding.List) {
	// Reading a PDF is most of the work, and attachments are independent:
	// they are checked side by side, and their files and findings joined
	// in the file's order, so the result is the same whatever the order
	// they finish in.
	n := len(a.Attachments)
	read := make([]*File, n)
	found := make([]finding.List, n)
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range work {
				c := &checker{a: a, opts: opts}
				read[i], found[i] = c.check(i, a.Attachments[i]), c.out
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	var files []*File
	var out finding.List
	for i := range n {
		if read[i] != nil {
			files = append(files, read[i])
		}
		out = append(out, found[i]...)
	}
	return files, out
}

func (c *checker) check(i int, at applicant.Attachment) *File {
	name := at.Path
	base, rel, ok := c.resolve(i, name)
	if !ok {
		return nil
	}
	data, ok := c.read(i, name, base, rel)
	if !ok {
		return nil
	}
	sum := sha256.Sum256(data)
	f := &File{Index: i, Src: at, Data: data, SHA: hex.EncodeToString(sum[:])}
	if isPDF(name, data) {
		if !c.readPDF(i, name, f) {
			return nil
		}
	}
	return f
}

// resolve finds the folder an attachment's path starts from and the path
// below it, or reports why the path is not allowed.
func (c *checker) resolve(i int, name string) (base, rel string, ok bool) {
	if strings.TrimSpace(name) == "" {
		return "", "", false // the loader reports the empty required field
	}
	if !filepath.IsAbs(name) {
		clean := filepath.Clean(name)
		if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
			c.fail(i, "attachment.outside",
				fmt.Sprintf("%s lies outside the applicant file's folder; move the file into that folder, or give its absolute path and its folder with --attachments", name),
				fmt.Sprintf("%s 不在申请文件所在文件夹内；请把文件移入该文件夹，或写出绝对路径并用 --attachments 指定其所在文件夹", name))
			return "", "", false
		}
		base, rel = c.a.Dir(), clean
	} else {
		clean := filepath.Clean(name)
		for _, d := range c.opts.Dirs {
			d, err := filepath.Abs(d)
			if err != nil {
				continue
			}
			if r, err := filepath.Rel(d, clean); err == nil && r != "." && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
				base, rel = d, r
				break
			}
		}
		if base == "" {
			c.fail(i, "attachment.outside",
				fmt.Sprintf("%s is an absolute path outside the folders given with --attachments; add --attachments %s, or give the path relative to the applicant file's folder", name, filepath.Dir(clean)),
				fmt.Sprintf("%s 是绝对路径，且不在 --attachments 指定的文件夹内；请加上 --attachments %s，或改写为相对于申请文件所在文件夹的路径", name, filepath.Dir(clean)))
			return "", "", false
		}
	}
	if sys := systemFolder(base, rel); sys != "" {
		c.fail(i, "attachment.outside",
			fmt.Sprintf("%s lies in %s, which holds the system's devices and processes, not documents; give the document's file", name, sys),
			fmt.Sprintf("%s 位于 %s（系统的设备与进程目录，不是文件）；请给出文件本身", name, sys))
		return "", "", false
	}
	return base, rel, true
}

// systemFolders are never read: their "files" are devices, processes and
// kernel state, which block, never end or reveal the machine.
var systemFolders = []string{"/proc", "/sys", "/dev"}

// systemFolder returns the system folder rel below base lies in, by its
// name or by where base really is, or "".
func systemFolder(base, rel string) string {
	paths := []string{filepath.Join(base, rel)}
	if abs, err := filepath.Abs(paths[0]); err == nil {
		paths = append(paths, abs)
	}
	if real, err := filepath.EvalSymlinks(base); err == nil {
		paths = append(paths, filepath.Join(real, rel))
	}
	for _, p := range paths {
		for _, s := range systemFolders {
			if p == s || strings.HasPrefix(p, s+string(filepath.Separator)) {
				return s
			}
		}
	}
	return ""
}

// read reads rel below base. No component below base may be a symbolic
// link; the file must be a regular file of at most MaxSize bytes, and the
// file opened must be the one checked (not swapped meanwhile).
func (c *checker) read(i int, name, base, rel string) ([]byte, bool) {
	parts := strings.Split(rel, string(filepath.Separator))
	cur := base
	var st fs.FileInfo
	for n, part := range parts {
		cur = filepath.Join(cur, part)
		var err error
		st, err = os.Lstat(cur)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			c.fail(i, "attachment.missing",
				fmt.Sprintf("%s does not exist; check the path (a relative path starts at the applicant file's folder)", name),
				fmt.Sprintf("%s 不存在；请检查路径（相对路径以申请文件所在文件夹为起点）", name))
			return nil, false
		case err != nil:
			c.unreadable(i, name, err)
			return nil, false
		case st.Mode()&fs.ModeSymlink != 0:
			link := filepath.Join(parts[:n+1]...)
			if n == len(parts)-1 {
				c.fail(i, "attachment.symlink",
					fmt.Sprintf("%s is a symbolic link; give the file itself", name),
					fmt.Sprintf("%s 是符号链接；请直接给出文件本身", name))
			} else {
				c.fail(i, "attachment.symlink",
					fmt.Sprintf("%s passes through the symbolic link %s; give the file's real location", name, link),
					fmt.Sprintf("%s 经过符号链接 %s；请给出文件的实际位置", name, link))
			}
			return nil, false
		case n < len(parts)-1 && !st.IsDir():
			c.fail(i, "attachment.missing",
				fmt.Sprintf("%s does not exist: %s is not a folder", name, filepath.Join(parts[:n+1]...)),
				fmt.Sprintf("%s 不存在：%s 不是文件夹", name, filepath.Join(parts[:n+1]...)))
			return nil, false
		}
	}
	switch {
	case !st.Mode().IsRegular():
		what := "a folder"
		whatZh := "文件夹"
		if !st.IsDir() {
			what, whatZh = "not a regular file (a device, pipe or socket)", "不是普通文件（设备、管道或套接字）"
		}
		c.fail(i, "attachment.unreadable", fmt.Sprintf("%s is %s; give a document's file", name, what), fmt.Sprintf("%s 是%s；请给出文件本身", name, whatZh))
		return nil, false
	case st.Size() > MaxSize:
		c.tooLarge(i, name, st.Size())
		return nil, false
	}
	f, err := os.OpenFile(cur, os.O_RDONLY|noFollow, 0)
	if err != nil {
		c.unreadable(i, name, err)
		return nil, false
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(st, now) {
		c.fail(i, "attachment.unreadable",
			fmt.Sprintf("%s changed while it was being read; try again", name),
			fmt.Sprintf("%s 在读取时发生了变化；请重试", name))
		return nil, false
	}
	data, err := readAll(f, st.Size())
	if err != nil {
		c.unreadable(i, name, err)
		return nil, false
	}
	if len(data) > MaxSize {
		c.tooLarge(i, name, int64(len(data)))
		return nil, false
	}
	return data, true
}

// readAll reads f, of size bytes when it was checked, up to one byte more
// than MaxSize. The buffer is made for the size the file had, so that a
// file is read into memory once rather than grown into by doubling; a file
// that grew meanwhile is still read whole.
func readAll(f io.Reader, size int64) ([]byte, error) {
	r := io.LimitReader(f, MaxSize+1)
	// One byte more than the size, so that the end is seen without growing.
	buf := make([]byte, 0, max(0, min(size, MaxSize))+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

func (c *checker) unreadable(i int, name string, err error) {
	why, whyZh := "it cannot be read", "无法读取"
	if errors.Is(err, fs.ErrPermission) {
		why, whyZh = "you may not read it (permissions)", "没有读取权限"
	}
	c.fail(i, "attachment.unreadable", fmt.Sprintf("%s: %s; check the file", name, why), fmt.Sprintf("%s：%s；请检查该文件", name, whyZh))
}

func (c *checker) tooLarge(i int, name string, size int64) {
	c.fail(i, "attachment.too-large",
		fmt.Sprintf("%s is %d MB, more than the %d MB limit; compress or split it", name, size>>20, MaxSize>>20),
		fmt.Sprintf("%s 大小为 %d MB，超过 %d MB 的限制；请压缩或拆分", name, size>>20, MaxSize>>20))
}
