package pack

import (
	"errors"
	"io/fs"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
)

// bombs are templates written to crash or exhaust the process: recursion
// that overflowed the stack, loops and filters that allocated without
// limit. Each must end in a TemplateError naming the template, the line
// and the bound, quickly, within a small memory.
var bombs = []struct {
	name  string
	files map[string]string
	bound string // the TemplateError's Bound; "" for an ordinary error
	want  string // a fragment of the message
	line  int
}{
	{"macro recursion", map[string]string{"t.md": "x\n{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"}, "depth", "t.md:2: macro calls and includes nest deeper than 32 levels", 2},
	{"mutual recursion", map[string]string{"t.md": "{% macro a() %}{{ b() }}{% endmacro %}\n{% macro b() %}{{ a() }}{% endmacro %}\n{{ a() }}"}, "depth", "macro a → macro b → macro a", 0},
	{"recursion behind endmacro in a string", map[string]string{"t.md": `{% macro m() %}{{ "{% endmacro %}" }}{{ m() }}{% endmacro %}{{ m() }}`}, "depth", "nest deeper than 32", 1},
	{"recursion through another name", map[string]string{"t.md": "{% macro m() %}{% with g=m %}{{ g() }}{% endwith %}{% endmacro %}{{ m() }}"}, "depth", "nest deeper than 32", 1},
	{"recursion with a growing argument", map[string]string{"t.md": `{% macro m(x) %}{{ m(x|add:x) }}{% endmacro %}{{ m("xxxxxxxxxxxxxxxx") }}`}, "", "t.md:1:24: add: the result would be 2097152 bytes", 1},
	{"recursion deep inside each call", map[string]string{"t.md": "{% macro m() %}" + strings.Repeat("{% if 1 %}", 3000) + "{{ m() }}" + strings.Repeat("{% endif %}", 3000) + "{% endmacro %}{{ m() }}"}, "stack", "too deeply", 1},
	{"include cycle", map[string]string{"t.md": "{% include \"p.md\" %}", "p.md": "x\n{% include \"t.md\" %}"}, "include", "templates include each other in a circle: t.md → p.md → t.md", 0},
	{"include itself", map[string]string{"t.md": "a\n{% include \"t.md\" %}"}, "include", "circle: t.md → t.md", 0},
	{"include itself by a variable", map[string]string{"t.md": "a\n{% include self %}"}, "depth", "t.md:2: macro calls and includes nest deeper than 32 levels (include t.md → include t.md", 2},
	{"import cycle", map[string]string{"t.md": "{% import \"m.md\" f %}{{ f() }}", "m.md": "{% import \"t.md\" g %}{% macro f() export %}x{% endmacro %}"}, "include", "circle: t.md → m.md → t.md", 0},
	{"extends cycle", map[string]string{"t.md": "{% extends \"b.md\" %}", "b.md": "{% extends \"t.md\" %}"}, "depth", "templates extend or include each other in a circle", 0},
	{"nested loops multiplying output", map[string]string{"t.md": "x\n{% for a in big %}{% for b in big %}{% for c in big %}xxxxxxxxxxxxxxxx{% endfor %}{% endfor %}{% endfor %}"}, "output", "passes the limit of 1048576 bytes", 2},
	{"nested loops in a macro", map[string]string{"t.md": "{% macro m() %}{% for a in big %}{% for b in big %}{% for c in big %}xxxxxxxxxxxxxxxx{% endfor %}{% endfor %}{% endfor %}{% endmacro %}{{ m() }}"}, "output", "passes the limit", 1},
	{"loops with no output", map[string]string{"t.md": "{% for a in big %}{% for b in big %}{% for c in big %}{% endfor %}{% endfor %}{% endfor %}"}, "steps", "more than 100000 loop iterations", 1},
	{"macro fan-out", map[string]string{"t.md": fanOut(12)}, "calls", "more than 10000 macro calls and includes", 1},
	{"ljust", map[string]string{"t.md": "x\n{{ \"a\"|ljust:1000000000 }}"}, "", "t.md:2:8: ljust: the result would be 1000000000 bytes, more than the limit of 1048576 for one value", 2},
	{"rjust", map[string]string{"t.md": "{{ \"a\"|rjust:1000000000 }}"}, "", "rjust: the result would be 1000000000 bytes", 1},
	{"center", map[string]string{"t.md": "{{ \"a\"|center:2000000 }}"}, "", "the result would be", 1},
	{"make_list on a huge string", map[string]string{"t.md": "{{ \"a\"|ljust:1000000|make_list|length }}"}, "", "a list of 1000000 items, more than the limit of 100000", 1},
	{"split into too many", map[string]string{"t.md": "{{ \"a\"|ljust:1000000|split:\"\"|length }}"}, "", "a list of 1000000 items", 1},
	{"join", map[string]string{"t.md": "{% set s = \"x\"|ljust:500000 %}{{ big|join:s }}"}, "", "join: the result would be", 1},
	{"add doubling in a loop", map[string]string{"t.md": "{% set s = \"xx\" %}{% for i in big %}{% set s = s|add:s %}{% endfor %}{{ s|length }}"}, "", "add: the result would be", 1},
	{"+ doubling in a loop", map[string]string{"t.md": "{% set s = \"xx\" %}{% for i in big %}{% set s = s + s %}{% endfor %}{{ s|length }}"}, "value", "s: 2097152 bytes, more than the limit of 1048576 for one value", 1},
	{"+ doubling in with", map[string]string{"t.md": "{% set s = \"x\"|ljust:600000 %}{% with a=s+s %}{% with b=a+a %}{{ b|length }}{% endwith %}{% endwith %}"}, "value", "a: 1200000 bytes", 1},
	{"+ chain on one line", map[string]string{"t.md": "x\n{{ s" + strings.Repeat("+s", 40) + " }}"}, "value", "t.md:2: the line holds more than 16 + signs", 2},
	{"addslashes chain", map[string]string{"t.md": "{{ q" + strings.Repeat("|addslashes", 30) + " }}"}, "", "addslashes: the result would be", 1},
	{"linenumbers chain", map[string]string{"t.md": "{{ nl" + strings.Repeat("|linenumbers", 12) + " }}"}, "", "linenumbers: the result would be", 1},
	{"stringformat width", map[string]string{"t.md": "{{ 1|stringformat:\"%1000000000d\" }}"}, "", "is wider than the limit of 1000", 1},
	{"stringformat width from the value", map[string]string{"t.md": "{{ 1000000000|stringformat:\"%[1]*[1]d\" }}"}, "", "not taken from the value", 1},
	{"floatformat decimals", map[string]string{"t.md": "{{ 1.5|floatformat:1000000000 }}"}, "", "is wider than the limit", 1},
	{"wordwrap that pongo2 broke", map[string]string{"t.md": "{{ \"a b c d e\"|wordwrap:3 }}"}, "ok", "", 0},
	{"template too large", map[string]string{"t.md": strings.Repeat("(", 300<<10)}, "template", "the template is 307200 bytes, more than the limit", 0},
	{"parentheses nested deep", map[string]string{"t.md": "{{ " + strings.Repeat("(", 60000) + "1" + strings.Repeat(")", 60000) + " }}"}, "ok", "", 0},
	{"filter tag", map[string]string{"t.md": "{% filter upper %}x{% endfilter %}"}, "", "not allowed", 1},
	{"autoescape off", map[string]string{"t.md": "{% autoescape off %}{{ q }}{% endautoescape %}"}, "", "not allowed", 1},
	{"safe", map[string]string{"t.md": "{{ q|safe }}"}, "", "not allowed", 1},
	{"lorem", map[string]string{"t.md": "{% lorem 1000000000 w %}"}, "", "not allowed", 1},
	{"division by zero", map[string]string{"t.md": "a\n{{ 1/0 }}"}, "", "t.md", 0},
	{"slow loop", map[string]string{"t.md": "{% set s = \"x\"|ljust:1000000 %}{% set u = \"x\"|ljust:1000000 %}{% for a in big %}{% for b in big %}{% if s == u %}{% endif %}{% endfor %}{% endfor %}"}, "time", "took longer than the time limit of 1s", 1},
}

// fanOut is n macros, each calling the one before it ten times: 10^n calls
// with no recursion.
func fanOut(n int) string {
	var b strings.Builder
	b.WriteString("{% macro m0() %}x{% endmacro %}")
	for i := 1; i <= n; i++ {
		b.WriteString("{% macro m" + itoa(i) + "() %}" + strings.Repeat("{{ m"+itoa(i-1)+"() }}", 10) + "{% endmacro %}")
	}
	b.WriteString("{{ m" + itoa(n) + "() }}")
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fsys
}

func TestBombs(t *testing.T) {
	big := make([]int, 200)
	// The heap while the bombs go off, sampled.
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()
	defer close(stop)
	for _, b := range bombs {
		t.Run(b.name, func(t *testing.T) {
			// A long deadline, so that each bomb meets its own bound
			// first even on a loaded machine under -race.
			lim := Limits{MaxOutput: 1 << 20, Timeout: 30 * time.Second, MaxSteps: 100_000}
			if b.bound == "time" {
				lim.Timeout = time.Second
			}
			e := NewEngine(mapFS(b.files), lim)
			start := time.Now()
			out, err := e.Render("t.md", pongo2.Context{"big": big, "self": "t.md", "q": `'"\%%%%%%%%%%`, "s": "x", "nl": strings.Repeat("\n", 200_000)})
			if d := time.Since(start); d > lim.Timeout+5*time.Second {
				t.Errorf("took %v", d)
			}
			if b.bound == "ok" {
				if err != nil {
					t.Errorf("%v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("rendered %d bytes", len(out))
			}
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("not a TemplateError: %T %v", err, err)
			}
			t.Log(err)
			if te.Bound != b.bound {
				t.Errorf("bound %q, want %q: %v", te.Bound, b.bound, err)
			}
			if !strings.Contains(err.Error(), b.want) {
				t.Errorf("error %q lacks %q", err, b.want)
			}
			if !strings.HasPrefix(te.File, "t.md") && !strings.HasSuffix(te.File, ".md") {
				t.Errorf("no template named: %v", err)
			}
			if b.line > 0 && te.Line != b.line {
				t.Errorf("line %d, want %d: %v", te.Line, b.line, err)
			}
		})
	}
	p := peak.Load()
	if p > 400<<20 {
		t.Errorf("the heap reached %d MB", p>>20)
	}
	t.Logf("the heap peaked at %d MB while the bombs went off", p>>20)
}

// FuzzRender renders random templates, and a partial they may include,
// with a fixture's context under tight bounds: whatever a template holds,
// the render ends within them, with the output or a TemplateError, never a
// panic, a hang or a crash. The seeds are the default pack's templates and
// the bombs.
func FuzzRender(f *testing.F) {
	p, err := Open("")
	if err != nil {
		f.Fatal(err)
	}
	files, _ := Files(p.FS)
	for _, name := range files {
		if strings.HasSuffix(name, ".md") && name != "README.md" {
			src, _ := fs.ReadFile(p.FS, name)
			f.Add(string(src), "")
		}
	}
	for _, b := range bombs {
		f.Add(b.files["t.md"], b.files["p.md"])
	}
	a, _, err := applicant.Load("../../fixtures/applicants/adc.yaml")
	if err != nil {
		f.Fatal(err)
	}
	ctx := p.PlanContext(a, ContextOptions{Lang: "zh", Manufacturer: a.Manufacturers[0].ID, Date: civil.MustParse("2025-12-10")}, nil)
	ctx["big"] = make([]int, 200)
	lim := Limits{MaxOutput: 64 << 10, MaxProduced: 1 << 20, Timeout: 2 * time.Second, MaxSteps: 20_000, MaxCalls: 2_000}
	f.Fuzz(func(t *testing.T, tpl, partial string) {
		fsys := overlay{top: fstest.MapFS{"t.md": {Data: []byte(tpl)}, "p.md": {Data: []byte(partial)}}, base: p.FS}
		start := time.Now()
		out, err := NewEngine(fsys, lim).Render("t.md", ctx)
		// The render gives up at its deadline, and Render waits a second
		// more; the rest is slack for a loaded machine and -race.
		if d := time.Since(start); d > lim.Timeout+6*time.Second {
			t.Errorf("took %v", d)
		}
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Errorf("%T: %v", err, err)
			}
			return
		}
		if len(out) > lim.MaxOutput {
			t.Errorf("%d bytes of output", len(out))
		}
	})
}

// TestDeeperThan counts frames as the stack bound needs: a call nested a
// thousand deep is deeper than five hundred frames and not deeper than
// five thousand.
func TestDeeperThan(t *testing.T) {
	var nest func(n int, check func() bool) bool
	nest = func(n int, check func() bool) bool {
		if n == 0 {
			return check()
		}
		return nest(n-1, check)
	}
	for _, tc := range []struct {
		depth, limit int
		want         bool
	}{
		{1000, 500, true},
		{1000, 5000, false},
		{10, 2, true},
		{10, 1000, false},
	} {
		if got := nest(tc.depth, func() bool { return deeperThan(tc.limit) }); got != tc.want {
			t.Errorf("%d deep, deeper than %d: %v, want %v", tc.depth, tc.limit, got, tc.want)
		}
	}
}
