package lang

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestErrorf(t *testing.T) {
	inner := Errorf(T("没有文件 %q", "no file %q"), "a.yaml")
	outer := Errorf(T("读取失败：%v", "cannot read: %v"), inner)
	if got := Message(outer, Zh); got != `读取失败：没有文件 "a.yaml"` {
		t.Errorf("zh: %s", got)
	}
	if got := Message(outer, En); got != `cannot read: no file "a.yaml"` {
		t.Errorf("en: %s", got)
	}
	if outer.Error() != Message(outer, En) {
		t.Errorf("Error() is not the English: %s", outer.Error())
	}
	if !errors.Is(outer, inner) {
		t.Error("the wrapped error is lost")
	}
	// A foreign wrapper keeps its prefix in English; Chinese gets ours.
	foreign := fmt.Errorf("step: %w", inner)
	if got := Message(foreign, En); got != `step: no file "a.yaml"` {
		t.Errorf("foreign en: %s", got)
	}
	if got := Message(foreign, Zh); got != `没有文件 "a.yaml"` {
		t.Errorf("foreign zh: %s", got)
	}
	if got := Message(errors.New("plain"), Zh); got != "plain" {
		t.Errorf("plain: %s", got)
	}
	if got := Sprintf(Zh, T("%s 与 %s", "%s and %s"), T("甲", "A"), "b"); got != "甲 与 b" {
		t.Errorf("Sprintf with a Text argument: %s", got)
	}
}

func TestFormatAndCount(t *testing.T) {
	got := Format(T("%s：%v", "%s: %v"), T("甲", "A"), Errorf(T("坏了", "broken")))
	if got != T("甲：坏了", "A: broken") {
		t.Errorf("Format: %+v", got)
	}
	one, many := T("%d 个文件", "%d file"), T("%d 个文件", "%d files")
	for _, tc := range []struct {
		n    int
		want Text
	}{{0, T("0 个文件", "0 files")}, {1, T("1 个文件", "1 file")}, {2, T("2 个文件", "2 files")}} {
		if got := Count(tc.n, one, many); got != tc.want {
			t.Errorf("Count(%d) = %+v, want %+v", tc.n, got, tc.want)
		}
	}
	if got := Count(1, T("%d 个大于 %d MB 的文件", "%d file larger than %d MB"), T("", ""), 16); got != T("1 个大于 16 MB 的文件", "1 file larger than 16 MB") {
		t.Errorf("Count with arguments: %+v", got)
	}
}

// TestSystemErrorsInChinese: what the system says went wrong is worded in
// Chinese with the path it names; what it does not know stays as it is,
// and English is never changed.
func TestSystemErrorsInChinese(t *testing.T) {
	dir := t.TempDir()
	_, notThere := os.Open(filepath.Join(dir, "none.yaml"))
	_, notZip := zip.NewReader(strings.NewReader("plain text"), 10)
	for _, tc := range []struct {
		err    error
		zh, en string
	}{
		{notThere, filepath.Join(dir, "none.yaml") + "：不存在", notThere.Error()},
		{&fs.PathError{Op: "mkdir", Path: "out/x", Err: syscall.EACCES}, "out/x：没有权限", "mkdir out/x: permission denied"},
		{&os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EXDEV}, "a → b：不能跨磁盘（文件系统）移动", "rename a b: invalid cross-device link"},
		{fmt.Errorf("step: %w", &fs.PathError{Op: "write", Path: "f", Err: syscall.ENOSPC}), "f：磁盘空间不足", "step: write f: no space left on device"},
		{notZip, "不是有效的 zip 文件", "zip: not a valid zip file"},
		{syscall.ENOENT, "不存在", "no such file or directory"},
		{fmt.Errorf("k.key: %w", syscall.ENOENT), "k.key: no such file or directory", "k.key: no such file or directory"},
		{Errorf(T("%s：%v", "%s: %v"), "k.key", syscall.EACCES), "k.key：没有权限", "k.key: permission denied"},
		{&fs.PathError{Op: "open", Path: "f", Err: syscall.Errno(0x7ffe)}, "open f: errno 32766", "open f: errno 32766"},
		{errors.New("plain"), "plain", "plain"},
	} {
		if got := Message(tc.err, Zh); got != tc.zh {
			t.Errorf("zh: %q, want %q", got, tc.zh)
		}
		if got := Message(tc.err, En); got != tc.en {
			t.Errorf("en: %q, want %q", got, tc.en)
		}
	}
}
