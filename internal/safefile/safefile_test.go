package safefile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"pilotpack/internal/lang"
)

func TestReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := WriteFile(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	// A write that fails leaves the old content and no temporary file.
	err := Replace(path, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("error %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "two" {
		t.Errorf("content %q after a failed write", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the folder", len(entries))
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644&^umask(t) {
		t.Errorf("mode %v", st.Mode())
	}
	missing := filepath.Join(dir, "no", "such", "x")
	err = WriteFile(missing, nil)
	if err == nil || err.Error() != "cannot write "+missing+": folder "+filepath.Dir(missing)+" does not exist" {
		t.Errorf("missing folder: %v", err)
	}
	if zh := lang.Message(err, lang.Zh); zh != "无法写出 "+missing+"：文件夹 "+filepath.Dir(missing)+" 不存在" {
		t.Errorf("missing folder, in Chinese: %s", zh)
	}
}

// umask reads the process's umask from what a new file gets.
func umask(t *testing.T) os.FileMode {
	p := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(p, nil, 0o777); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	return 0o777 &^ st.Mode().Perm()
}

// TestReplaceSweeps: writing a file removes what a killed writer left in
// its folder.
func TestReplaceSweeps(t *testing.T) {
	dir := t.TempDir()
	dead := filepath.Join(dir, ".review.xlsx.pilotpack-0123456789abcdef.tmp")
	os.WriteFile(dead, []byte("half a workbook"), 0o644)
	if err := WriteFile(filepath.Join(dir, "review.xlsx"), []byte("whole")); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "review.xlsx")
}

func TestCreateKeepsAnExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.zip")
	os.WriteFile(path, []byte("mine"), 0o644)
	err := Create(path, func(w io.Writer) error { _, err := w.Write([]byte("theirs")); return err })
	var ee *ExistsError
	if !errors.As(err, &ee) || ee.Path != path {
		t.Fatalf("error %v, want an ExistsError for %s", err, path)
	}
	if data, _ := os.ReadFile(path); string(data) != "mine" {
		t.Errorf("content %q", data)
	}
	assertOnly(t, filepath.Dir(path), "a.zip")
}

// assertOnly checks that dir holds exactly the names given.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

// TestRacingFolders commits many folders to one target at once without
// replacing: exactly one lands, the others fail with an ExistsError and
// leave nothing behind.
func TestRacingFolders(t *testing.T) {
	out := t.TempDir()
	target := filepath.Join(out, "packet")
	const n = 16
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			d, err := StageDir(target)
			if err != nil {
				errs[i] = err
				return
			}
			defer d.Discard()
			if err := d.WriteFile("sub/who.txt", []byte{byte('a' + i)}); err != nil {
				errs[i] = err
				return
			}
			errs[i] = d.Commit(Keep)
		})
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		var ee *ExistsError
		switch {
		case err == nil:
			won++
			if data, _ := os.ReadFile(filepath.Join(target, "sub", "who.txt")); string(data) != string(rune('a'+i)) {
				t.Errorf("the packet holds %q, not the winner's %q", data, string(rune('a'+i)))
			}
		case !errors.As(err, &ee):
			t.Errorf("writer %d: %v", i, err)
		}
	}
	if won != 1 {
		t.Errorf("%d writers won, want 1", won)
	}
	assertOnly(t, out, "packet")
}

func TestOverwriteFolder(t *testing.T) {
	out := t.TempDir()
	target := filepath.Join(out, "packet")
	for _, content := range []string{"old", "new"} {
		d, err := StageDir(target)
		if err != nil {
			t.Fatal(err)
		}
		d.WriteFile("f.txt", []byte(content))
		if err := d.Commit(Overwrite); err != nil {
			t.Fatal(err)
		}
		d.Discard()
	}
	if data, _ := os.ReadFile(filepath.Join(target, "f.txt")); string(data) != "new" {
		t.Errorf("content %q", data)
	}
	assertOnly(t, out, "packet")
}

// TestCommitAllUndoes commits a folder and then a file whose target exists:
// the file is refused, and the folder goes back, so nothing changed.
func TestCommitAllUndoes(t *testing.T) {
	for _, mode := range []Mode{Keep, Overwrite} {
		out := t.TempDir()
		target := filepath.Join(out, "packet")
		if mode == Overwrite {
			os.Mkdir(target, 0o755)
			os.WriteFile(filepath.Join(target, "f.txt"), []byte("old"), 0o644)
		}
		zip := filepath.Join(out, "packet.zip")
		os.Mkdir(zip, 0o755) // a folder where the file goes: even Overwrite fails
		d, _ := StageDir(target)
		d.WriteFile("f.txt", []byte("new"))
		f, _ := StageFile(zip)
		f.Write([]byte("zip"))
		if err := CommitAll(mode, d, f); err == nil {
			t.Fatalf("mode %d: committed over a folder", mode)
		}
		if mode == Overwrite {
			if data, _ := os.ReadFile(filepath.Join(target, "f.txt")); string(data) != "old" {
				t.Errorf("the old packet holds %q after the undo", data)
			}
			assertOnly(t, out, "packet", "packet.zip")
		} else {
			assertOnly(t, out, "packet.zip")
		}
	}
}

// TestSweep removes temporaries nobody holds and keeps those of a live
// writer, here this process's own.
func TestSweep(t *testing.T) {
	out := t.TempDir()
	live, err := StageDir(filepath.Join(out, "live"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Discard()
	liveFile, _ := StageFile(filepath.Join(out, "live.zip"))
	defer liveFile.Discard()
	dead := filepath.Join(out, ".dead.pilotpack-0123456789abcdef.tmp")
	os.MkdirAll(filepath.Join(dead, "attachments"), 0o755)
	os.WriteFile(filepath.Join(dead, "attachments", "x.pdf"), nil, 0o644)
	deadZip := filepath.Join(out, ".dead.zip.pilotpack-fedcba9876543210.tmp")
	os.WriteFile(deadZip, nil, 0o644)
	os.Symlink("/", filepath.Join(out, ".evil.pilotpack-aaaaaaaaaaaaaaaa.tmp"))
	mine := filepath.Join(out, ".notes.tmp") // not a pilotpack name
	os.WriteFile(mine, nil, 0o644)
	// A ".new" nobody holds is taken however young: its writer died in
	// the instant before locking it, or will find it gone and make another
	// (TestSweepWhileMaking).
	young := filepath.Join(out, ".young.pilotpack-1111111111111111.new")
	os.Mkdir(young, 0o755)
	youngFile := filepath.Join(out, ".young.zip.pilotpack-2222222222222222.new")
	os.WriteFile(youngFile, nil, 0o644)

	removed, err := Sweep(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 3 {
		t.Errorf("removed %v, want the two dead temporaries and the link (the .new go unsaid)", removed)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 3 {
		t.Errorf("left %v, want the live folder, the live file and .notes.tmp", entries)
	}
	for _, p := range []string{live.s.tmp, liveFile.s.tmp, mine} {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if err := live.Commit(Keep); err != nil {
		t.Errorf("the live folder could not be committed after a sweep: %v", err)
	}
}

// TestSweepWhileMaking takes a temporary's ".new" in the instant between
// its making and its locking, as another process's Sweep may, the one
// moment an unlocked ".new" belongs to a live writer: the writer makes its
// temporary again and loses nothing. This process's own Sweep leaves it.
func TestSweepWhileMaking(t *testing.T) {
	if _, err := tryLock(t.TempDir()); err != nil {
		t.Skip("no locks here: Sweep removes nothing")
	}
	out := t.TempDir()
	// What another process's Sweep does to an unlocked ".new".
	takeAway := func(p string) {
		if l, err := tryLock(p); err == nil {
			os.RemoveAll(p)
			l.Close()
		}
	}
	taken := 0
	testHookMade = func(p string) {
		if taken < 3 { // the first makes lose their ".new", then one succeeds
			takeAway(p)
			taken++
		}
	}
	defer func() { testHookMade = nil }()
	d, err := StageDir(filepath.Join(out, "packet"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a.txt", []byte("a")); err != nil {
		t.Fatal(err)
	}
	f, err := StageFile(filepath.Join(out, "packet.zip"))
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("zip"))
	if taken != 3 {
		t.Fatalf("took %d .new, want 3", taken)
	}
	// This process's own Sweep, in that instant, takes nothing.
	var swept []string
	testHookMade = func(string) {
		removed, _ := Sweep(out)
		swept = append(swept, removed...)
	}
	other, err := StageFile(filepath.Join(out, "other.zip"))
	if err != nil {
		t.Fatal(err)
	}
	other.Write([]byte("other"))
	if len(swept) > 0 {
		t.Errorf("this process's Sweep removed %v", swept)
	}
	if err := CommitAll(Keep, d, f, other); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, out, "other.zip", "packet", "packet.zip")
	if data, _ := os.ReadFile(filepath.Join(out, "packet", "a.txt")); string(data) != "a" {
		t.Errorf("packet/a.txt holds %q", data)
	}

	// A ".new" taken at every making uses up the tries: a clear error,
	// nothing left.
	testHookMade = takeAway
	if _, err := StageFile(filepath.Join(out, "last.zip")); err == nil {
		t.Error("staged a file whose every temporary was taken")
	}
	assertOnly(t, out, "other.zip", "packet", "packet.zip")
}

// TestSweepRace stages and commits folders and files while another writer
// sweeps their folder without pause: every write lands.
func TestSweepRace(t *testing.T) {
	out := t.TempDir()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
				Sweep(out)
			}
		}
	}()
	const writers, each = 4, 50
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				name := filepath.Join(out, fmt.Sprintf("p%d-%d", w, i))
				var it Staged
				if i%2 == 0 {
					d, err := StageDir(name)
					if err != nil {
						errs <- err
						continue
					}
					if err := d.WriteFile("a.txt", []byte("a")); err != nil {
						errs <- err
					}
					it = d
				} else {
					f, err := StageFile(name)
					if err != nil {
						errs <- err
						continue
					}
					f.Write([]byte("a"))
					it = f
				}
				if err := CommitAll(Keep, it); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	<-done
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != writers*each {
		t.Errorf("%d entries, want %d", len(entries), writers*each)
	}
}

// TestAbort removes what this process is writing and refuses more.
func TestAbort(t *testing.T) {
	defer func() { state.aborted = false }()
	out := t.TempDir()
	done, _ := StageDir(filepath.Join(out, "done"))
	done.Commit(Keep)
	d, _ := StageDir(filepath.Join(out, "half"))
	d.WriteFile("a.txt", []byte("a"))
	f, _ := StageFile(filepath.Join(out, "half.zip"))
	targets := Abort()
	if len(targets) != 2 {
		t.Errorf("aborted %v, want the folder and the file", targets)
	}
	assertOnly(t, out, "done")
	if err := d.WriteFile("b.txt", nil); !errors.Is(err, ErrAborted) {
		t.Errorf("write after abort: %v", err)
	}
	if _, err := f.Write([]byte("x")); !errors.Is(err, ErrAborted) {
		t.Errorf("file write after abort: %v", err)
	}
	if err := d.Commit(Keep); !errors.Is(err, ErrAborted) {
		t.Errorf("commit after abort: %v", err)
	}
	if _, err := StageDir(filepath.Join(out, "more")); !errors.Is(err, ErrAborted) {
		t.Errorf("staging after abort: %v", err)
	}
	d.Discard()
	f.Discard()
	done.Discard()
	assertOnly(t, out, "done")
}

func TestMakeDirsUndo(t *testing.T) {
	root := t.TempDir()
	made, err := MakeDirs(filepath.Join(root, "a", "b", "c"))
	if err != nil {
		t.Fatal(err)
	}
	if len(made) != 3 || made[0] != filepath.Join(root, "a") {
		t.Fatalf("made %q, want a, a/b, a/b/c", made)
	}
	// A file another writer put in a/b keeps a and a/b.
	if err := os.WriteFile(filepath.Join(root, "a", "b", "kept"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	made.Undo()
	if _, err := os.Stat(filepath.Join(root, "a", "b", "c")); !os.IsNotExist(err) {
		t.Errorf("a/b/c is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "a", "b", "kept")); err != nil {
		t.Errorf("a/b/kept went: %v", err)
	}
	os.Remove(filepath.Join(root, "a", "b", "kept"))
	again, _ := MakeDirs(filepath.Join(root, "a", "b"))
	if len(again) != 0 {
		t.Errorf("made %q of folders that exist", again)
	}
	made.Undo()
	if _, err := os.Stat(filepath.Join(root, "a")); !os.IsNotExist(err) {
		t.Errorf("a is still there: %v", err)
	}
}
