package pack

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/flosch/pongo2/v6"
)

// renderKey is where a render's budget travels in the context, so that
// the tags of every template it includes find it. Templates cannot change
// it (set and with write elsewhere), and it prints as nothing.
const renderKey = "pilotpack_render"

// render is the budget of one render: what it has spent of its limits,
// where it is, and which macros and includes it is inside. One goroutine
// uses it.
type render struct {
	e        *Engine
	lim      Limits
	deadline time.Time
	// stop is set when Render gave up waiting.
	stop     atomic.Bool
	steps    int
	calls    int
	produced int
	writes   int
	// inside is the macro calls and includes in progress.
	inside []string
	// pos is the tag being executed, for the position of a breach.
	pos *pongo2.Token
}

func newRender(e *Engine, lim Limits) *render {
	return &render{e: e, lim: lim, deadline: time.Now().Add(lim.Timeout)}
}

// String keeps the budget out of a document that prints it.
func (r *render) String() string { return "" }

func (r *render) engine() *Engine {
	if r.e == nil {
		panic(&breach{&TemplateError{Msg: "this template can include nothing: it is not rendered from a pack"}})
	}
	return r.e
}

// renderOf finds the render a tag runs in.
func renderOf(ctx *pongo2.ExecutionContext) *render {
	if r, ok := ctx.Public[renderKey].(*render); ok {
		return r
	}
	// A template run outside Engine.Render (pilotpack has none) is bounded
	// all the same, by a budget of its own.
	r := newRender(nil, DefaultLimits)
	ctx.Public[renderKey] = r
	return r
}

// breach is a limit passed: it stops the render at once, wherever it is.
type breach struct{ err *TemplateError }

func (r *render) fail(bound, format string, args ...any) {
	te := &TemplateError{Msg: fmt.Sprintf(format, args...), Bound: bound}
	if r.pos != nil {
		te.File, te.Line = r.pos.Filename, r.pos.Line
	}
	panic(&breach{te})
}

// step counts a loop iteration at pos.
func (r *render) step(pos *pongo2.Token) {
	r.pos = pos
	r.steps++
	if r.steps > r.lim.MaxSteps {
		r.fail("steps", "more than %d loop iterations in one document; is a loop running away?", r.lim.MaxSteps)
	}
	// A loop's body may be slow: the clock is read at every iteration
	// (tens of nanoseconds; a real document has under a hundred).
	r.checkTime()
}

func (r *render) checkTime() {
	if r.stop.Load() || time.Now().After(r.deadline) {
		r.fail("time", "the document took longer than the time limit of %s to render", r.lim.Timeout)
	}
}

// enter starts a macro call or include at pos: one level deeper.
func (r *render) enter(pos *pongo2.Token, what string) {
	r.pos = pos
	r.calls++
	if r.calls > r.lim.MaxCalls {
		r.fail("calls", "more than %d macro calls and includes in one document; do macros call each other over and over?", r.lim.MaxCalls)
	}
	r.checkTime()
	r.inside = append(r.inside, what)
	if len(r.inside) > r.lim.MaxDepth {
		r.fail("depth", "macro calls and includes nest deeper than %d levels (%s); does a macro call itself, or do templates include each other?", r.lim.MaxDepth, chain(r.inside))
	}
	if deeperThan(r.lim.MaxFrames) {
		r.fail("stack", "templates nest too deeply here (%s): more than %d stack frames; nest fewer blocks, macros and includes inside each other", chain(r.inside), r.lim.MaxFrames)
	}
}

func (r *render) leave() { r.inside = r.inside[:len(r.inside)-1] }

// deeperThan reports whether the goroutine's stack holds more than n
// frames: Go cannot recover from a stack overflow, so deep nesting inside
// each level must be stopped long before it. Only the frame past the n-th
// is asked for, so nothing the size of the stack is kept.
func deeperThan(n int) bool {
	var pc [1]uintptr
	return runtime.Callers(n, pc[:]) > 0
}

// charge counts n bytes of text made at any level: a document, a macro's
// output, a value set.
func (r *render) charge(n int) {
	r.produced += n
	if r.produced > r.lim.MaxProduced {
		r.fail("memory", "the document makes more than %d bytes of text in loops, macros and includes; is a loop running away?", r.lim.MaxProduced)
	}
	r.writes++
	if r.writes%64 == 0 {
		r.checkTime()
	}
}

// bound checks a value a template binds (set, with, a macro argument, an
// include's with): no single value may pass the bound of one value.
func (r *render) bound(pos *pongo2.Token, name string, v *pongo2.Value) {
	if err := checkValue(v); err != nil {
		r.pos = pos
		r.fail("value", "%s: %v", name, err)
	}
}

// chain shows macro calls and includes in progress, shortened.
func chain(calls []string) string {
	if len(calls) > 6 {
		return strings.Join(calls[:3], " → ") + " → … → " + strings.Join(calls[len(calls)-2:], " → ")
	}
	return strings.Join(calls, " → ")
}

// textWriter collects a document or a macro's output within the limits.
type textWriter struct {
	r   *render
	buf *bytes.Buffer
}

func (w *textWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.r.lim.MaxOutput {
		w.r.fail("output", "the document passes the limit of %d bytes; is a loop running away?", w.r.lim.MaxOutput)
	}
	w.r.charge(len(p))
	return w.buf.Write(p)
}

func (w *textWriter) WriteString(s string) (int, error) {
	if w.buf.Len()+len(s) > w.r.lim.MaxOutput {
		w.r.fail("output", "the document passes the limit of %d bytes; is a loop running away?", w.r.lim.MaxOutput)
	}
	w.r.charge(len(s))
	return w.buf.WriteString(s)
}
