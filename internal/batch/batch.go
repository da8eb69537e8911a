// Package batch runs one job per applicant file over many files: the files
// named or matched by glob patterns, a pool of workers, a progress bar when
// a person is watching, and the results in the order the files were given.
package batch

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"pilotpack/internal/applicant"
)

// Expand turns command-line arguments into files. An argument naming a file
// is kept; a folder stands for the applicant files in it (YAML, JSON and
// the formats registered with the applicant package, such as workbooks;
// not the lock files ~$… that Excel leaves beside an open workbook); a pattern
// (*, ? or [) is matched as a shell would, for shells that do not (and for
// quoted patterns), and must match something. Files named twice are kept
// once. A name that is none of these is kept, for the job to report.
func Expand(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, a := range args {
		if st, err := os.Stat(a); err == nil {
			if !st.IsDir() {
				add(a)
				continue
			}
			entries, err := os.ReadDir(a)
			if err != nil {
				return nil, err
			}
			n := 0
			for _, e := range entries {
				if applicant.IsFile(e.Name()) && !e.IsDir() && !strings.HasPrefix(e.Name(), "~$") {
					add(filepath.Join(a, e.Name()))
					n++
				}
			}
			if n == 0 {
				return nil, fmt.Errorf("%s: no applicant files (%s) in this folder", a, strings.Join(applicant.Extensions(), ", "))
			}
			continue
		}
		if strings.ContainsAny(a, "*?[") {
			matches, err := filepath.Glob(a)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", a, err)
			}
			if len(matches) == 0 {
				return nil, fmt.Errorf("%s: no file matches", a)
			}
			slices.Sort(matches)
			for _, m := range matches {
				add(m)
			}
			continue
		}
		add(a)
	}
	return out, nil
}

// Run calls work for every file on jobs goroutines and returns the results
// in the files' order. A result should be small (a summary, not a packet):
// what Run keeps grows with the number of files, what work allocates does
// not outlive it. done, if not nil, is called after each file, from one
// goroutine at a time.
func Run[T any](files []string, jobs int, work func(path string) T, done func(finished int, path string)) []T {
	jobs = max(1, min(jobs, len(files)))
	results := make([]T, len(files))
	next := make(chan int)
	var mu sync.Mutex
	finished := 0
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for i := range next {
				r := work(files[i])
				mu.Lock()
				results[i] = r
				finished++
				if done != nil {
					done(finished, files[i])
				}
				mu.Unlock()
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// Bar is a progress bar on a terminal. A nil *Bar draws nothing, which is
// what NewBar returns when w is not a terminal: logs and pipes get only the
// summary.
type Bar struct {
	w     io.Writer
	verb  string
	total int
	last  time.Time
}

// NewBar returns a bar for total files on w, or nil when w is not a
// terminal or there is only one file.
func NewBar(w io.Writer, verb string, total int) *Bar {
	f, ok := w.(*os.File)
	if !ok || total < 2 || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &Bar{w: w, verb: verb, total: total}
}

// Update redraws the bar after finished files, at most 20 times a second
// and always for the last.
func (b *Bar) Update(finished int, path string) {
	if b == nil {
		return
	}
	now := time.Now()
	if finished < b.total && now.Sub(b.last) < 50*time.Millisecond {
		return
	}
	b.last = now
	const width = 30
	filled := width * finished / b.total
	name := []rune(filepath.Base(path))
	if len(name) > 40 {
		name = append(name[:37], []rune("...")...)
	}
	fmt.Fprintf(b.w, "\r\x1b[K%s %s %d/%d %s", b.verb, "["+strings.Repeat("#", filled)+strings.Repeat(".", width-filled)+"]", finished, b.total, string(name))
}

// Done clears the bar's line.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	fmt.Fprint(b.w, "\r\x1b[K")
}
