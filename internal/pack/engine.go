// Package pack is a template pack: the unit a bureau publishes. It holds the
// pack's manifest, policy and checklist, and renders its Markdown templates
// with pongo2 in a sandbox, because packs come from outside. Templates load
// only the pack's own regular files (packfs), by paths inside the pack; ssi
// and the tags that keep state or turn escaping off are banned; every value
// a template prints with {{ }} is escaped as text (document.Escape) unless
// the template says |markdown; loops, macro calls and includes are counted
// and nested within bounds where they happen; every filter that builds a
// string or a list checks its size before it allocates; and output, memory
// and time are bounded per document. A breach is a TemplateError naming the
// template, the line and the bound, never a crash.
package pack

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
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
	// MaxProduced bounds the text one render makes at every level (its
	// output, every macro's output, every value set), which is what it
	// holds in memory.
	MaxProduced int
	// MaxSteps bounds loop iterations.
	MaxSteps int
	// MaxCalls bounds macro calls and includes.
	MaxCalls int
	// MaxDepth bounds macro calls and includes inside each other.
	MaxDepth int
	// MaxFrames bounds the Go stack at each macro call and include, and at
	// each template loaded from another: blocks nested deeply inside each
	// level add up, and a stack overflow cannot be recovered.
	MaxFrames int
	// MaxTemplate is the largest template file, in bytes.
	MaxTemplate int64
	// MaxLoads bounds the template files one template's parse reads.
	MaxLoads int
}

// DefaultLimits fit the largest real document many times over: the default
// pack's documents render to at most 30 KB in under a hundred loop
// iterations and two macro calls or includes (measured over the fixtures),
// and its largest template is 25 KB.
var DefaultLimits = Limits{
	MaxOutput: 8 << 20, Timeout: 10 * time.Second, MaxProduced: 64 << 20, MaxSteps: 1_000_000,
	MaxCalls: 10_000, MaxDepth: 32, MaxFrames: 20_000, MaxTemplate: 256 << 10, MaxLoads: 500,
}

// orDefaults fills the limits left zero with the defaults'.
func (l Limits) orDefaults() Limits {
	d := DefaultLimits
	pick := func(v, def int) int {
		if v > 0 {
			return v
		}
		return def
	}
	l.MaxOutput, l.MaxProduced, l.MaxSteps = pick(l.MaxOutput, d.MaxOutput), pick(l.MaxProduced, d.MaxProduced), pick(l.MaxSteps, d.MaxSteps)
	l.MaxCalls = pick(l.MaxCalls, d.MaxCalls)
	l.MaxDepth, l.MaxFrames, l.MaxLoads = pick(l.MaxDepth, d.MaxDepth), pick(l.MaxFrames, d.MaxFrames), pick(l.MaxLoads, d.MaxLoads)
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	if l.MaxTemplate <= 0 {
		l.MaxTemplate = d.MaxTemplate
	}
	return l
}

// maxPlus bounds the + signs on one line of a template. A tag fits on one
// line, and + joins strings inside an expression where no bound can see
// it: a+a+a… with a long a would build a string of any size.
const maxPlus = 16

// TemplateError is a problem in a template, with its position; the column
// counts characters.
type TemplateError struct {
	File      string
	Line, Col int
	Msg       string
	// Bound names the limit the render passed, when it passed one: output,
	// memory, time, steps, depth, stack, value, include, template.
	Bound string
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
	// Parsed templates and the macros they export, by path; parseMu
	// guards both.
	cache   map[string]parsed
	exports map[string]map[string]*macroNode
}

type parsed struct {
	tpl *pongo2.Template
	err error
}

// Tags and filters that are not allowed, with why, for pack lint.
var (
	bannedTags = map[string]string{
		"ssi":        "it reads files outside the pack",
		"cycle":      "it keeps state that documents rendered in parallel share",
		"ifchanged":  "it keeps state that documents rendered in parallel share",
		"autoescape": "values from the applicant file are always printed as text; print Markdown on purpose with |markdown",
		"filter":     "it builds its content outside the render's bounds; apply the filter to the value",
		"spaceless":  "it is for HTML, and builds its content outside the render's bounds",
		"now":        "documents must not depend on the clock; use today",
		"lorem":      "documents hold no placeholder text",
	}
	bannedFilters = map[string]string{
		"safe":               "values from the applicant file are text; print Markdown on purpose with |markdown",
		"escape":             "values are escaped for Markdown already",
		"e":                  "values are escaped for Markdown already",
		"escapejs":           "documents hold no JavaScript",
		"urlize":             "links come from templates only",
		"urlizetrunc":        "links come from templates only",
		"linebreaks":         "it writes HTML; a line break in a value stays a line break",
		"linebreaksbr":       "it writes HTML; a line break in a value stays a line break",
		"truncatechars_html": "it writes HTML",
		"truncatewords_html": "it writes HTML",
		"removetags":         "it is for HTML",
		"striptags":          "it is for HTML",
		"random":             "documents must come out the same every time",
	}
)

var setupOnce sync.Once

// setup readies pongo2 for pilotpack, once: its tag and filter registries
// are global.
func setup() {
	setupOnce.Do(func() {
		// Templates write Markdown: {{ }} of a string goes through pongo2's
		// escape filter when autoescape is on, and escape escapes for the
		// Markdown dialect here, not for HTML.
		pongo2.SetAutoescape(true)
		registerFilters()
		replaceTags()
	})
}

// NewEngine makes an engine over the templates in fsys; limits left zero
// are the defaults.
func NewEngine(fsys fs.FS, limits Limits) *Engine {
	setup()
	limits = limits.orDefaults()
	e := &Engine{fsys: fsys, limits: limits, cache: map[string]parsed{}, exports: map[string]map[string]*macroNode{}}
	e.set = pongo2.NewSet("pack", loader{e})
	// Bans must come before the first template is parsed.
	for _, tag := range slices.Sorted(maps.Keys(bannedTags)) {
		if err := e.set.BanTag(tag); err != nil {
			panic(err)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(bannedFilters)) {
		if err := e.set.BanFilter(f); err != nil {
			panic(err)
		}
	}
	return e
}

// parseMu serialises parsing: pongo2 parses the templates a template
// includes from inside its tags, which find the engine and the chain of
// templates being parsed in parsing.
var (
	parseMu sync.Mutex
	parsing *parseState
)

type parseState struct {
	e *Engine
	// stack is the templates being parsed, outermost first.
	stack []string
	// loads is every file read, in order.
	loads []string
	// err is the first bound passed while loading, which pongo2 would
	// report as a file it cannot resolve.
	err error
}

// template returns the parsed template at name, parsing it (and what it
// includes and imports) the first time.
func (e *Engine) template(name string) (tpl *pongo2.Template, err error) {
	parseMu.Lock()
	defer parseMu.Unlock()
	if p, ok := e.cache[name]; ok {
		return p.tpl, p.err
	}
	parsing = &parseState{e: e}
	defer func() {
		parsing = nil
		if v := recover(); v != nil {
			tpl, err = nil, &TemplateError{File: name, Msg: fmt.Sprintf("the template cannot be parsed: %v", v)}
		}
	}()
	return e.load(name)
}

// load parses a template while parseMu is held.
func (e *Engine) load(name string) (*pongo2.Template, error) {
	if p, ok := e.cache[name]; ok {
		return p.tpl, p.err
	}
	st := parsing
	top := name
	if len(st.stack) > 0 {
		top = st.stack[0]
	}
	if i := slices.Index(st.stack, name); i >= 0 {
		return nil, &TemplateError{File: top, Bound: "include",
			Msg: "templates include each other in a circle: " + strings.Join(append(slices.Clone(st.stack[i:]), name), " → ")}
	}
	if len(st.stack) >= e.limits.MaxDepth || deeperThan(e.limits.MaxFrames) {
		return nil, &TemplateError{File: top, Bound: "depth",
			Msg: fmt.Sprintf("templates include and import each other more than %d deep (%s)", e.limits.MaxDepth, chain(append(slices.Clone(st.stack), name)))}
	}
	st.stack = append(st.stack, name)
	tpl, err := e.set.FromFile(name)
	st.stack = st.stack[:len(st.stack)-1]
	if err != nil && st.err != nil {
		err = st.err
	}
	// A template that failed inside another is reported from there; on its
	// own it may be fine.
	if err == nil || len(st.stack) == 0 {
		e.cache[name] = parsed{tpl, err}
	}
	return tpl, err
}

// loadTemplate parses a template another names (include); tags call it
// while their template is parsed.
func loadTemplate(name string) (*pongo2.Template, error) {
	if parsing == nil {
		return nil, errors.New("a template outside a pack can include nothing")
	}
	return parsing.e.load(name)
}

// loadExports parses a template another imports and returns its exported
// macros.
func loadExports(name string) (map[string]*macroNode, error) {
	if _, err := loadTemplate(name); err != nil {
		return nil, err
	}
	return parsing.e.exports[name], nil
}

// exportMacro records a macro a template exports.
func exportMacro(file string, m *macroNode) error {
	if parsing == nil {
		return nil
	}
	ex := parsing.e.exports
	if ex[file] == nil {
		ex[file] = map[string]*macroNode{}
	}
	if _, ok := ex[file][m.name]; ok {
		return fmt.Errorf("another macro with name '%s' already exported", m.name)
	}
	ex[file][m.name] = m
	return nil
}

// missing reports whether err says a template file does not exist.
func missing(err error) bool {
	var pe *pongo2.Error
	return errors.As(err, &pe) && pe.Sender == "fromfile"
}

// loader resolves every include, import and extends against the pack's
// root, whichever template names it, and refuses any path with "..": the
// pack's files are the only ones a template can reach. It bounds what one
// parse reads: the number of files, their size, and + signs on a line.
type loader struct{ e *Engine }

func (l loader) Abs(base, name string) string { return templateName(name) }

func (l loader) Get(name string) (io.Reader, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("%q is not a path inside the pack", name)
	}
	fail := func(te *TemplateError) (io.Reader, error) {
		if parsing != nil && parsing.err == nil {
			parsing.err = te
		}
		return nil, te
	}
	if st := parsing; st != nil {
		st.loads = append(st.loads, name)
		if len(st.loads) > l.e.limits.MaxLoads || deeperThan(l.e.limits.MaxFrames) {
			return fail(&TemplateError{File: st.loads[0], Bound: "depth",
				Msg: fmt.Sprintf("templates extend or include each other in a circle, or nest too deep (%s): reading them went past %d files", chain(st.loads), l.e.limits.MaxLoads)})
		}
	}
	info, err := fs.Stat(l.e.fsys, name)
	if err != nil {
		return nil, err
	}
	if info.Size() > l.e.limits.MaxTemplate {
		return fail(&TemplateError{File: name, Bound: "template",
			Msg: fmt.Sprintf("the template is %d bytes, more than the limit of %d; split it into partials", info.Size(), l.e.limits.MaxTemplate)})
	}
	f, err := l.e.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, l.e.limits.MaxTemplate+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > l.e.limits.MaxTemplate {
		return fail(&TemplateError{File: name, Bound: "template", Msg: fmt.Sprintf("the template grew past %d bytes", l.e.limits.MaxTemplate)})
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		if bytes.Count(line, []byte("+")) > maxPlus {
			return fail(&TemplateError{File: name, Line: i + 1, Bound: "value",
				Msg: fmt.Sprintf("the line holds more than %d + signs; join long strings with filters such as join, not with +", maxPlus)})
		}
	}
	return bytes.NewReader(data), nil
}

// Render renders the template at name (a path in the pack) with ctx.
func (e *Engine) Render(name string, ctx pongo2.Context) (string, error) {
	tpl, err := e.template(name)
	if err != nil {
		return "", e.convert(name, err)
	}
	r := newRender(e, e.limits)
	// The caller's context may be shared with other renders: the budget
	// goes into a copy.
	c := make(pongo2.Context, len(ctx)+1)
	maps.Copy(c, ctx)
	c[renderKey] = r
	var buf bytes.Buffer
	done := make(chan error, 1)
	go func() {
		defer func() {
			v := recover()
			switch v := v.(type) {
			case nil:
			case *breach:
				if v.err.File == "" {
					v.err.File = name
				}
				done <- v.err
			case *carried:
				done <- v.err
			default:
				te := &TemplateError{File: name, Msg: fmt.Sprintf("the template failed: %v", v)}
				if r.pos != nil {
					te.File, te.Line = r.pos.Filename, r.pos.Line
				}
				done <- te
			}
		}()
		done <- tpl.ExecuteWriterUnbuffered(c, &textWriter{r: r, buf: &buf})
	}()
	// The render stops itself at its deadline; this is for code that
	// runs long between the points where it looks.
	timer := time.NewTimer(e.limits.Timeout + time.Second)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			return "", e.convert(name, err)
		}
	case <-timer.C:
		r.stop.Store(true)
		return "", &TemplateError{File: name, Bound: "time", Msg: fmt.Sprintf("the document did not finish rendering within %s", e.limits.Timeout)}
	}
	return buf.String(), nil
}

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
	if errors.As(pe.OrigError, &te) {
		return te
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
	// pongo2 turns an error inside a function call into a string, in its
	// own wording: the innermost message and position are the ones to give.
	line, col := pe.Line, pe.Column
	for {
		m := reNested().FindStringSubmatch(msg)
		if m == nil {
			break
		}
		if m[1] != "" && m[1] != "<string>" {
			file = m[1]
		}
		if m[2] != "" {
			line, _ = strconv.Atoi(m[2])
			col, _ = strconv.Atoi(m[3])
		}
		msg = m[4]
	}
	if m := reBanned().FindStringSubmatch(msg); m != nil {
		why := bannedTags[m[2]]
		if m[1] == "filter" {
			why = bannedFilters[m[2]]
		}
		msg = fmt.Sprintf("the %s %s is not allowed: %s", m[2], m[1], why)
	}
	if i := strings.Index(msg, "required: "); i >= 0 {
		msg = msg[i+len("required: "):]
	}
	if pe.Token != nil && !strings.Contains(msg, pe.Token.Val) {
		msg += fmt.Sprintf(" (near %q)", pe.Token.Val)
	}
	return &TemplateError{File: file, Line: line, Col: e.charColumn(file, line, col), Msg: msg}
}

// reBanned is pongo2's wording of a banned tag or filter.
var reBanned = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`Usage of (tag|filter) '(\w+)' is not allowed`) })

// reNested is pongo2's wording of an error: [Error (where: …) in FILE |
// Line 3 Col 5 near 'x'] message.
var reNested = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?s)^\[Error \(where: [^)]*\)(?: in (\S+))?(?: \| Line (\d+) Col (\d+)(?: near '[^']*')?)?\] (.*)$`)
})

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
