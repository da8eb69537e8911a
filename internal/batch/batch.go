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
	"pilotpack/internal/lang"
	"pilotpack/internal/printable"
	"pilotpack/internal/termwidth"
)

var (
	msgEmptyFolder = lang.T("%s：此文件夹中没有申请文件（%s）", "%s: no applicant files (%s) in this folder")
	msgNoMatch     = lang.T("%s：没有匹配的文件", "%s: no file matches")
	msgBadPattern  = lang.T("%s：%v", "%s: %v")
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
				return nil, lang.Errorf(msgBadPattern, a, err)
			}
			n := 0
			for _, e := range entries {
				if applicant.IsFile(e.Name()) && !e.IsDir() && !strings.HasPrefix(e.Name(), "~$") {
					add(filepath.Join(a, e.Name()))
					n++
				}
			}
			if n == 0 {
				return nil, lang.Errorf(msgEmptyFolder, a, strings.Join(applicant.Extensions(), ", "))
			}
			continue
		}
		if strings.ContainsAny(a, "*?[") {
			matches, err := filepath.Glob(a)
			if err != nil {
				return nil, lang.Errorf(msgBadPattern, a, err)
			}
			if len(matches) == 0 {
				return nil, lang.Errorf(msgNoMatch, a)
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

// Bar is a progress bar on a terminal: one line, redrawn in place, that
// says how many files are done, how fast, how long the rest will take and
// which file finished last. It measures text in terminal cells (a Chinese
// character takes two) and fits the terminal's width, read at every redraw
// so that a resized window is followed. A nil *Bar draws nothing, which is
// what NewBar returns when no one is watching.
type Bar struct {
	w     io.Writer
	fd    int
	words BarWords
	total int
	start time.Time
	last  time.Time
	now   func() time.Time
	width func() int
}

// BarWords are the words of a bar in the reader's language.
type BarWords struct {
	Verb      string // building, 生成
	PerSecond string // "%.1f/s", "%.1f 个/秒"
	Left      string // "%s left", "剩余 %s"
}

// NewBar returns a bar for total files on w, or nil when w is not a
// terminal, TERM is dumb (an editor's shell, an old console, which cannot
// redraw a line), or there is only one file. A stream that escapes what is
// written to it (printable.Writer) is drawn on beneath: the bar's own
// control sequences must reach the terminal, and it escapes the file names
// itself.
func NewBar(w io.Writer, words BarWords, total int) *Bar {
	if r, ok := w.(interface{ Raw() io.Writer }); ok {
		w = r.Raw()
	}
	f, ok := w.(*os.File)
	if !ok || total < 2 || os.Getenv("TERM") == "dumb" || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	b := &Bar{w: w, fd: int(f.Fd()), words: words, total: total, now: time.Now}
	b.width = func() int {
		if cols, _, err := term.GetSize(b.fd); err == nil && cols > 0 {
			return cols
		}
		return 80
	}
	b.start = b.now()
	return b
}

// Update redraws the bar after finished files, at most 10 times a second
// and always for the last.
func (b *Bar) Update(finished int, path string) {
	if b == nil {
		return
	}
	now := b.now()
	if finished < b.total && now.Sub(b.last) < 100*time.Millisecond {
		return
	}
	b.last = now
	fmt.Fprint(b.w, "\r\x1b[K"+b.line(finished, path, now))
}

// line is the bar's text, at most one cell narrower than the terminal so
// that the cursor never wraps onto a second line.
func (b *Bar) line(finished int, path string, now time.Time) string {
	cols := b.width() - 1
	count := fmt.Sprintf("%d/%d", finished, b.total)
	elapsed := now.Sub(b.start).Seconds()
	var rate, left string
	if elapsed > 0 && finished > 0 {
		r := float64(finished) / elapsed
		rate = fmt.Sprintf(b.words.PerSecond, r)
		if finished < b.total {
			left = fmt.Sprintf(b.words.Left, clock(time.Duration(float64(b.total-finished)/r*float64(time.Second))))
		}
	}
	// verb [####....] count rate left  name: the verb and count always, the
	// rest as the width allows, the name last and cut from the left (its
	// end tells one file of a series from the next).
	tail := count
	for _, s := range []string{rate, left} {
		if s != "" {
			tail += " " + s
		}
	}
	room := cols - termwidth.String(b.words.Verb+" "+tail)
	line := b.words.Verb
	if bw := min(32, room/3); bw >= 10 {
		filled := (bw - 2) * finished / b.total
		line += " [" + strings.Repeat("#", filled) + strings.Repeat(".", bw-2-filled) + "]"
		room -= bw + 1
	}
	line += " " + tail
	if room >= 8 {
		line += "  " + termwidth.TruncateLeft(printable.String(filepath.Base(path)), room-2)
	}
	return termwidth.Truncate(line, cols)
}

// clock writes a duration as m:ss, or h:mm:ss past an hour.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Done clears the bar's line.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	fmt.Fprint(b.w, "\r\x1b[K")
}
