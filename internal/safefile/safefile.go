// Package safefile is the one way pilotpack writes its outputs: packets,
// zips, review workbooks and work plans. New content is staged in a
// temporary sibling of its target, synced, and renamed into place in one
// step, so a reader sees the old target or the new one and never half of
// one, and a failed write leaves the old target as it was.
//
// Renames do not replace an existing target unless asked to (Keep, Overwrite),
// which closes the race between two writers of the same target: exactly one
// wins. Every temporary carries a recognisable name and an exclusive lock
// held by the process writing it; Sweep removes temporaries whose writer
// died without cleaning up (a kill -9), and Abort removes this process's
// own, for an interrupt.
package safefile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"pilotpack/internal/lang"
)

// Mode says what a commit does to an existing target.
type Mode int

const (
	// Keep refuses to touch an existing target: the commit fails with an
	// *ExistsError and the target stays as it was.
	Keep Mode = iota
	// Overwrite puts the new content in place of an existing target, in
	// one step.
	Overwrite
)

// ExistsError is a commit refused because its target exists.
type ExistsError struct {
	Path string
}

func (e *ExistsError) Error() string { return e.In(lang.En) }

// In words the error in l.
func (e *ExistsError) In(l lang.Lang) string { return lang.Sprintf(l, msgExists, e.Path) }

// ErrAborted refuses work after Abort: the process is being interrupted.
var ErrAborted = lang.Errorf(msgAborted)

// tmpName matches the names of temporaries: a dot, the target's name, a
// random tag and ".tmp", so a folder listing shows whose they are and
// Sweep can tell them from anything else. A temporary is made under the
// same name ending in ".new", locked, and only then renamed to ".tmp". Sweep
// takes either once it can lock it: a ".tmp" without a lock has lost its
// writer, and a ".new" without one has either lost its writer (killed in
// the instant between making and locking it) or is about to be locked, in
// which case its writer finds it gone or locked and makes another (make).
var tmpName = regexp.MustCompile(`^\..*\.pilotpack-[0-9a-f]{16}\.(tmp|new)$`)

// makeTries bounds how often make starts again after a Sweep took its
// ".new".
const makeTries = 8

func tempPath(target string) string {
	var tag [8]byte
	rand.Read(tag[:])
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".pilotpack-"+hex.EncodeToString(tag[:])+".tmp")
}

// fresh is the name a temporary is made under before it is locked.
func fresh(tmp string) string { return strings.TrimSuffix(tmp, ".tmp") + ".new" }

// make makes the temporary: create makes it under its ".new" name and opens
// it, make locks it, renames it to s.tmp and holds it in s.lock. When the
// lock or the rename fails, a Sweep has most likely taken the ".new" in the
// instant between its making and its locking: the temporary is made again
// under a new tag.
func (s *staged) make(create func(path string) (*os.File, error)) error {
	for try := 1; ; try++ {
		p := fresh(s.tmp)
		f, err := create(p)
		if err == nil {
			if testHookMade != nil {
				testHookMade(p)
			}
			if err = lockFile(f); err == nil {
				if err = os.Rename(p, s.tmp); err == nil {
					s.lock = f
					return nil
				}
			}
			f.Close()
			os.RemoveAll(p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err // a folder made and then gone is a Sweep's doing; anything else is not
		}
		if try == makeTries {
			return err
		}
		state.reg.Lock() // mine reads it
		s.tmp = tempPath(s.target)
		state.reg.Unlock()
	}
}

// testHookMade, when set, runs between a temporary's making and its
// locking.
var testHookMade func(path string)

// state is what Abort needs: every temporary this process holds. Writes
// and commits hold mu for reading, so that Abort (which holds it for
// writing) never removes a temporary under a write or a rename, and none
// starts after it.
var state struct {
	mu      sync.RWMutex
	aborted bool
	reg     sync.Mutex
	live    map[*staged]bool
}

// staged is one temporary: a folder or a file beside its target.
type staged struct {
	target, tmp string
	dir         bool
	lock        *os.File // holds the lock; for a file, also what is written
	// old is set after a commit that replaced a target: the old content
	// now lies at tmp, to be removed by finish or restored by revert.
	old       bool
	committed bool
	// syncing are a folder's files being synced; dirs its subfolders,
	// syncErr what went wrong. mu guards them, as several goroutines may
	// write one folder.
	syncing    sync.WaitGroup
	mu         sync.Mutex
	dirs       []string
	syncErr    error
	mode       Mode
	finishOnce sync.Once
}

func register(s *staged) error {
	state.mu.RLock()
	defer state.mu.RUnlock()
	if state.aborted {
		return ErrAborted
	}
	state.reg.Lock()
	defer state.reg.Unlock()
	if state.live == nil {
		state.live = map[*staged]bool{}
	}
	state.live[s] = true
	return nil
}

func unregister(s *staged) {
	state.reg.Lock()
	defer state.reg.Unlock()
	delete(state.live, s)
}

// guard runs f unless the process is being interrupted.
func guard(f func() error) error {
	state.mu.RLock()
	defer state.mu.RUnlock()
	if state.aborted {
		return ErrAborted
	}
	return f()
}

// checkParent refuses a target whose folder is missing, with a message
// that says so rather than a bare ENOENT on a temporary's name.
func checkParent(target string) error {
	dir := filepath.Dir(target)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return lang.Errorf(msgNoFolder, target, dir)
	}
	return nil
}

// Dir is a folder being staged beside its target.
type Dir struct{ s *staged }

// StageDir starts a new folder for target, empty and beside it.
func StageDir(target string) (*Dir, error) {
	if err := checkParent(target); err != nil {
		return nil, err
	}
	s := &staged{target: target, tmp: tempPath(target), dir: true}
	if err := register(s); err != nil {
		return nil, err
	}
	err := guard(func() error {
		return s.make(func(p string) (*os.File, error) {
			if err := os.Mkdir(p, 0o755); err != nil {
				return nil, err
			}
			f, err := openPath(p)
			if err != nil {
				os.Remove(p)
			}
			return f, err
		})
	})
	if err != nil {
		unregister(s)
		return nil, lang.Errorf(msgWriteInto, filepath.Dir(target), err)
	}
	return &Dir{s}, nil
}

// Target is where the folder goes.
func (d *Dir) Target() string { return d.s.target }

// WriteFile writes one file of the folder; rel is slash-separated and may
// name subfolders, which are made as needed. The file is synced in the
// background while the caller goes on making the next one; Commit waits
// for every sync, so the disk's work overlaps the caller's.
func (d *Dir) WriteFile(rel string, data []byte) error {
	if !fs.ValidPath(rel) || rel == "." {
		return lang.Errorf(msgNotInside, rel)
	}
	return guard(func() error {
		p := filepath.Join(d.s.tmp, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return lang.Errorf(msgWriting, rel, err)
		}
		d.s.mu.Lock()
		defer d.s.mu.Unlock()
		if dir := filepath.Dir(p); dir != d.s.tmp && !slices.Contains(d.s.dirs, dir) {
			d.s.dirs = append(d.s.dirs, dir)
		}
		d.s.syncing.Go(func() {
			syncSlots <- struct{}{}
			err := f.Sync()
			<-syncSlots
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				d.s.mu.Lock()
				d.s.syncErr = errors.Join(d.s.syncErr, lang.Errorf(msgWriting, rel, err))
				d.s.mu.Unlock()
			}
		})
		return nil
	})
}

// syncSlots bounds the syncs running at once, across every folder.
var syncSlots = make(chan struct{}, 4)

// syncAll waits for the folder's files to be synced, then syncs its
// subfolders' entry lists.
func (s *staged) syncAll() error {
	s.syncing.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.syncErr
	for _, d := range s.dirs {
		if f, oerr := os.Open(d); oerr == nil {
			err = errors.Join(err, f.Sync())
			f.Close()
		}
	}
	return err
}

// Open opens a file already written into the folder, for reading it back.
func (d *Dir) Open(rel string) (*os.File, error) {
	return os.Open(filepath.Join(d.s.tmp, filepath.FromSlash(rel)))
}

// Commit moves the folder into place (see Mode); on success the folder is
// the target's. Call Discard afterwards in any case: it finishes a commit
// and cleans up after a failed one.
func (d *Dir) Commit(mode Mode) error { return d.s.commit(mode) }

// Discard removes what is left of the staging: the temporary folder of an
// uncommitted folder, the old content a commit replaced. It is safe to call
// more than once and after a failed commit.
func (d *Dir) Discard() { d.s.finish() }

// File is a file being staged beside its target; write its content through
// it.
type File struct{ s *staged }

// StageFile starts a new file for target, empty and beside it, with the
// mode of pilotpack's other outputs (0644 before the umask).
func StageFile(target string) (*File, error) {
	if err := checkParent(target); err != nil {
		return nil, err
	}
	s := &staged{target: target, tmp: tempPath(target)}
	if err := register(s); err != nil {
		return nil, err
	}
	err := guard(func() error {
		return s.make(func(p string) (*os.File, error) {
			return os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		})
	})
	if err != nil {
		unregister(s)
		return nil, lang.Errorf(msgWriteFile, target, err)
	}
	return &File{s}, nil
}

// Target is where the file goes.
func (f *File) Target() string { return f.s.target }

// Write appends to the staged file.
func (f *File) Write(p []byte) (n int, err error) {
	err = guard(func() error {
		n, err = f.s.lock.Write(p)
		return err
	})
	return n, err
}

// Commit syncs the file and moves it into place (see Mode). Call Discard
// afterwards in any case.
func (f *File) Commit(mode Mode) error {
	if err := f.s.lock.Sync(); err != nil {
		return lang.Errorf(msgWriting, f.s.target, err)
	}
	return f.s.commit(mode)
}

// Discard removes what is left of the staging (see Dir.Discard).
func (f *File) Discard() { f.s.finish() }

// Staged is a folder or file being staged: *Dir or *File.
type Staged interface {
	Commit(Mode) error
	Discard()
	revert() error
}

func (d *Dir) revert() error  { return d.s.revert() }
func (f *File) revert() error { return f.s.revert() }

// CommitAll commits several staged outputs as one: in order, and when one
// fails, those before it are put back as they were, so that either all of
// them land or none does. It discards them all in any case.
func CommitAll(mode Mode, items ...Staged) error {
	defer func() {
		for _, it := range items {
			it.Discard()
		}
	}()
	for i, it := range items {
		if err := it.Commit(mode); err != nil {
			for j := i - 1; j >= 0; j-- {
				if rerr := items[j].revert(); rerr != nil {
					return lang.Errorf(msgUndo, err, rerr)
				}
			}
			return err
		}
	}
	return nil
}

func (s *staged) commit(mode Mode) error {
	return guard(func() error {
		if s.committed {
			return lang.Errorf(msgTwice)
		}
		if s.dir {
			// The folder's files, subfolders and own entry list are synced
			// before it is renamed, so a crash cannot leave it renamed but
			// empty.
			if err := s.syncAll(); err != nil {
				return lang.Errorf(msgWriting, s.target, err)
			}
			if err := s.lock.Sync(); err != nil {
				return lang.Errorf(msgWriting, s.target, err)
			}
		}
		old, err := rename(s.tmp, s.target, mode == Overwrite)
		if err != nil {
			var ee *ExistsError
			if errors.As(err, &ee) {
				return err
			}
			return lang.Errorf(msgMove, s.target, err)
		}
		s.committed, s.old, s.mode = true, old, mode
		if old {
			// The replaced content now has the temporary's name: hold it
			// until finish, so that no Sweep takes it while revert may
			// still want it back.
			if l, err := lockPath(s.tmp); err == nil {
				s.lock.Close()
				s.lock = l
			}
		}
		syncDir(filepath.Dir(s.target))
		return nil
	})
}

// revert undoes a commit: the target goes back to the temporary's name (a
// new target), or the old content comes back (a replaced one).
func (s *staged) revert() error {
	return guard(func() error {
		if !s.committed {
			return nil
		}
		if s.old {
			if _, err := rename(s.tmp, s.target, true); err != nil {
				return err
			}
		} else if _, err := rename(s.target, s.tmp, false); err != nil {
			return err
		}
		s.committed, s.old = false, false
		return nil
	})
}

// finish removes the temporary: an uncommitted output, or the old content
// a commit replaced.
func (s *staged) finish() {
	s.finishOnce.Do(func() {
		state.mu.RLock()
		defer state.mu.RUnlock()
		if !s.committed || s.old {
			os.RemoveAll(s.tmp)
		}
		if s.lock != nil {
			s.lock.Close()
		}
		unregister(s)
	})
}

// Replace writes path's new content through write and puts it in place of
// the old, if any.
func Replace(path string, write func(io.Writer) error) error {
	return stageWrite(path, Overwrite, write)
}

// Create writes a new file at path through write; it fails with an
// *ExistsError, writing nothing, if path exists.
func Create(path string, write func(io.Writer) error) error {
	return stageWrite(path, Keep, write)
}

// stageWrite writes one file, after removing what writers killed in its
// folder left there (Sweep).
func stageWrite(path string, mode Mode, write func(io.Writer) error) error {
	Sweep(filepath.Dir(path))
	f, err := StageFile(path)
	if err != nil {
		return err
	}
	defer f.Discard()
	if err := write(f); err != nil {
		return lang.Errorf(msgWriting, path, err)
	}
	return f.Commit(mode)
}

// WriteFile replaces path with data.
func WriteFile(path string, data []byte) error {
	return Replace(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Sweep removes the temporaries in dir that no live process holds: those a
// writer killed outright left behind. It returns the names of those it
// removed that held content (".tmp"); an unlocked ".new" is never written
// into, and may be a live writer's in the instant before it locks it (which
// then makes another), so it goes without a word. Temporaries of live
// writers, in this process or another, stay; this process's own are not
// even tried.
func Sweep(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		if !tmpName.MatchString(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			// Never made by a writer: a link is removed, not followed.
			if os.Remove(p) == nil {
				removed = append(removed, e.Name())
			}
			continue
		}
		if !e.IsDir() && !e.Type().IsRegular() || mine(p) {
			continue
		}
		l, err := tryLock(p)
		if err != nil {
			continue // held by a live writer, or gone meanwhile
		}
		err = os.RemoveAll(p)
		l.Close()
		if err == nil && !strings.HasSuffix(e.Name(), ".new") {
			removed = append(removed, e.Name())
		}
	}
	return removed, nil
}

// mine reports whether p is a temporary of this process, made or being
// made.
func mine(p string) bool {
	state.reg.Lock()
	defer state.reg.Unlock()
	for s := range state.live {
		if p == s.tmp || p == fresh(s.tmp) {
			return true
		}
	}
	return false
}

// Abort removes every temporary of this process and makes every later
// write, commit and staging fail with ErrAborted: what an interrupted
// process does before it exits. It returns the targets that were being
// written. Outputs already committed stay.
func Abort() []string {
	state.mu.Lock()
	defer state.mu.Unlock()
	state.aborted = true
	state.reg.Lock()
	defer state.reg.Unlock()
	var targets []string
	for s := range state.live {
		if !s.committed {
			targets = append(targets, s.target)
		}
		if !s.committed || s.old {
			os.RemoveAll(s.tmp)
		}
		if s.lock != nil {
			s.lock.Close()
		}
		delete(state.live, s)
	}
	return targets
}

// Made are the folders MakeDirs created, outermost first.
type Made []string

// MakeDirs makes dir and any missing parents, like os.MkdirAll, and returns
// the folders it created, so that a write that fails can leave the disk as
// it found it (Undo).
func MakeDirs(dir string) (Made, error) {
	var made Made
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		made = append(Made{d}, made...)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return made, nil
}

// Undo removes the folders MakeDirs created, innermost first, each only if
// it is still empty: what another writer has put there since stays.
func (m Made) Undo() {
	for i := len(m) - 1; i >= 0; i-- {
		if err := os.Remove(m[i]); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return
		}
	}
}
