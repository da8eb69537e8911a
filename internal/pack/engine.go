// Package pack is a template pack: the unit a bureau publishes. It holds the
// pack's manifest, policy and checklist, and renders its Markdown templates
// with pongo2 in a sandbox, because packs come from outside: templates load
// only through an fs.FS rooted at the pack (no ../, no absolute paths), the
// ssi tag is banned, a panic becomes an error, recursion is refused before it
// can overflow the stack, and output size and render time are bounded.
package pack

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/flosch/pongo2/v6"
)

// Limits bound one render.
type Limits struct {
	// MaxOutput is the largest rendered document, in bytes.
	MaxOutput int
	// Timeout is the longest a render may take.
	Timeout time.Duration
}

// DefaultLimits fit the largest real document many times over.
var DefaultLimits = Limits{MaxOutput: 8 << 20, Timeout: 10 * time.Second}

// TemplateError is a problem in a template, with its position; the column
// counts characters.
type TemplateError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *TemplateError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Engine renders the templates of one pack.
type Engine struct {
	fsys   fs.FS
	set    *pongo2.TemplateSet
	limits Limits
	// checked remembers templates whose include and macro graphs are free
	// of cycles.
	mu      sync.Mutex
	checked map[string]error
}

var setup sync.Once

// NewEngine makes an engine over the templates in fsys.
func NewEngine(fsys fs.FS, limits Limits) *Engine {
	setup.Do(func() {
		// Templates write Markdown, not HTML: "Smith & Sons" must stay as it is.
		pongo2.SetAutoescape(false)
		registerFilters()
	})
	set := pongo2.NewSet("pack", rootLoader{fsys})
	// ssi reads any file on disk whatever the loader; it must be banned
	// before the first template is parsed. cycle and ifchanged keep state
	// in the parsed template, so two documents rendered at once (a batch
	// build) would disturb each other.
	for _, tag := range []string{"ssi", "cycle", "ifchanged"} {
		if err := set.BanTag(tag); err != nil {
			panic(err)
		}
	}
	return &Engine{fsys: fsys, set: set, limits: limits, checked: map[string]error{}}
}

// rootLoader resolves every include, import and extends against the pack's
// root, whichever template names it, and refuses any path with "..": the
// pack's files are the only ones a template can reach.
type rootLoader struct{ fsys fs.FS }

func (l rootLoader) Abs(base, name string) string { return strings.TrimPrefix(name, "/") }

func (l rootLoader) Get(name string) (io.Reader, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("%q is not a path inside the pack", name)
	}
	return l.fsys.Open(name)
}

// errAbort stops a render from inside pongo2 when a limit is passed.
type errAbort struct{ msg string }

// limitWriter collects output and aborts the render past the size limit or
// the deadline.
type limitWriter struct {
	buf      bytes.Buffer
	max      int
	deadline time.Time
	writes   int
}

func (w *limitWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.buf.Len()+len(p) > w.max {
		panic(errAbort{fmt.Sprintf("output passes the limit of %d bytes; is a loop running away?", w.max)})
	}
	if w.writes%64 == 0 && time.Now().After(w.deadline) {
		panic(errAbort{"render took longer than the time limit"})
	}
	return w.buf.Write(p)
}

func (w *limitWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Render renders the template at name (a path in the pack) with ctx.
func (e *Engine) Render(name string, ctx pongo2.Context) (out string, err error) {
	if err := e.checkGraph(name); err != nil {
		return "", err
	}
	// Parsed once, then shared: executing a template is safe from several
	// goroutines (the tags that are not are banned).
	tpl, err := e.set.FromCache(name)
	if err != nil {
		return "", e.convert(name, err)
	}
	w := &limitWriter{max: e.limits.MaxOutput, deadline: time.Now().Add(e.limits.Timeout)}
	type result struct {
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				if a, ok := r.(errAbort); ok {
					done <- result{&TemplateError{File: name, Msg: a.msg}}
					return
				}
				done <- result{&TemplateError{File: name, Msg: fmt.Sprintf("the template failed: %v", r)}}
			}
		}()
		done <- result{tpl.ExecuteWriterUnbuffered(ctx, w)}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return "", e.convert(name, r.err)
		}
	case <-time.After(e.limits.Timeout):
		return "", &TemplateError{File: name, Msg: fmt.Sprintf("render did not finish within %s", e.limits.Timeout)}
	}
	return w.buf.String(), nil
}

var (
	reRequired = regexp.MustCompile(`required: (.*)$`)
)

// convert turns a pongo2 error into a TemplateError with a character column.
func (e *Engine) convert(name string, err error) error {
	var te *TemplateError
	if errors.As(err, &te) {
		return te
	}
	var pe *pongo2.Error
	if !errors.As(err, &pe) {
		return &TemplateError{File: name, Msg: err.Error()}
	}
	file := pe.Filename
	msg := pe.OrigError.Error()
	if _, err := fs.Stat(e.fsys, file); file == "" || file == "<string>" || err != nil {
		// pongo2 names the file it failed to include; the position is in
		// the template that includes it.
		if file != "" && file != "<string>" {
			msg = fmt.Sprintf("cannot include %q: it is not a file of the pack (paths are relative to the pack's root and may not contain ..)", pe.Filename)
		}
		file = name
	}
	var inner *pongo2.Error
	if errors.As(pe.OrigError, &inner) && inner != pe {
		return e.convert(name, inner)
	}
	if m := reRequired.FindStringSubmatch(msg); m != nil {
		msg = m[1]
	}
	if pe.Token != nil && !strings.Contains(msg, pe.Token.Val) {
		msg += fmt.Sprintf(" (near %q)", pe.Token.Val)
	}
	return &TemplateError{File: file, Line: pe.Line, Col: e.charColumn(file, pe.Line, pe.Column), Msg: msg}
}

// charColumn converts pongo2's byte column on a line into characters.
func (e *Engine) charColumn(file string, line, col int) int {
	if line <= 0 || col <= 0 {
		return col
	}
	data, err := fs.ReadFile(e.fsys, file)
	if err != nil {
		return col
	}
	lines := strings.Split(string(data), "\n")
	if line > len(lines) {
		return col
	}
	l := lines[line-1]
	if col-1 > len(l) {
		return col
	}
	return utf8.RuneCountInString(l[:col-1]) + 1
}

var (
	reComment = regexp.MustCompile(`(?s){#.*?#}`)
	reInclude = regexp.MustCompile(`{%-?\s*(?:include|extends|import)\s+"([^"]+)"`)
	reMacro   = regexp.MustCompile(`{%-?\s*macro\s+(\w+)\s*\(`)
	reEndMac  = regexp.MustCompile(`{%-?\s*endmacro\s*-?%}`)
	reCall    = regexp.MustCompile(`(\w+)\s*\(`)
)

// checkGraph refuses templates whose includes or macros call themselves: a
// recursion overflows the Go stack, which no recover can catch.
func (e *Engine) checkGraph(name string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err, ok := e.checked[name]; ok {
		return err
	}
	err := e.walk(name, map[string]bool{}, nil)
	e.checked[name] = err
	return err
}

func (e *Engine) walk(name string, onPath map[string]bool, chain []string) error {
	chain = append(chain, name)
	if onPath[name] {
		return &TemplateError{File: chain[0], Msg: "templates include each other in a circle: " + strings.Join(chain, " → ")}
	}
	raw, err := fs.ReadFile(e.fsys, name)
	if err != nil {
		return nil // pongo2 reports a missing file with its position
	}
	data := reComment.ReplaceAll(raw, nil)
	if err := macroCycle(name, string(data)); err != nil {
		return err
	}
	onPath[name] = true
	defer delete(onPath, name)
	for _, m := range reInclude.FindAllStringSubmatch(string(data), -1) {
		next := strings.TrimPrefix(m[1], "/")
		if err := e.walk(next, onPath, chain); err != nil {
			return err
		}
	}
	return nil
}

// macroCycle finds a macro that calls itself, directly or through others,
// within one file.
func macroCycle(name, src string) error {
	bodies := map[string]string{}
	for _, loc := range reMacro.FindAllStringSubmatchIndex(src, -1) {
		macro := src[loc[2]:loc[3]]
		rest := src[loc[1]:]
		end := reEndMac.FindStringIndex(rest)
		if end == nil {
			continue
		}
		bodies[macro] = rest[:end[0]]
	}
	calls := map[string][]string{}
	for m, body := range bodies {
		for _, c := range reCall.FindAllStringSubmatch(body, -1) {
			if _, ok := bodies[c[1]]; ok {
				calls[m] = append(calls[m], c[1])
			}
		}
	}
	state := map[string]int{}
	var visit func(m string, chain []string) error
	visit = func(m string, chain []string) error {
		chain = append(chain, m)
		switch state[m] {
		case 1:
			return &TemplateError{File: name, Msg: "macro calls itself: " + strings.Join(chain, " → ") + "; recursion is not allowed"}
		case 2:
			return nil
		}
		state[m] = 1
		for _, c := range calls[m] {
			if err := visit(c, chain); err != nil {
				return err
			}
		}
		state[m] = 2
		return nil
	}
	for m := range bodies {
		if err := visit(m, nil); err != nil {
			return err
		}
	}
	return nil
}
