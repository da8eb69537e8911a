package pack

import (
	"bytes"
	"fmt"
	"io/fs"
	"pilotpack/internal/pack/renderctx"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/document"
)

// Lint checks a pack as thoroughly as a build would use it: every variable
// path its templates use exists in the render context (with suggestions),
// every filter, macro, include and import exists, no template uses ssi or
// reaches outside the pack, every checklist condition is sound, and every
// document renders against every fixture in every language without leaving
// a tag unrendered. It returns the problems, each with its position.
func (p *Pack) Lint(fixtures []*applicant.Applicant) []string {
	var out []string
	templates := map[string]bool{}
	for _, d := range p.documents() {
		for _, lang := range p.Langs() {
			templates[d.Template(lang)] = true
		}
	}
	// Templates and what they include, transitively.
	queue := slices.Sorted(func(yield func(string) bool) {
		for t := range templates {
			if !yield(t) {
				return
			}
		}
	})
	seen := map[string]bool{}
	shape := ContextShape()
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		src, err := fs.ReadFile(p.FS, name)
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		l := &linter{file: name, src: src, fsys: p.FS, root: shape}
		l.run()
		out = append(out, l.problems...)
		for _, inc := range l.includes {
			if !seen[inc] {
				queue = append(queue, inc)
			}
		}
	}
	for i, it := range p.Checklist {
		if it.When == "" {
			continue
		}
		l := &linter{file: "checklist.yaml", src: []byte("{% if " + it.When + " %}{% endif %}"), fsys: p.FS, root: shape,
			where: fmt.Sprintf("items[%d] (%s).when: ", i, it.ID)}
		l.run()
		out = append(out, l.problems...)
	}
	if len(out) > 0 {
		return out // rendering would only repeat these
	}
	return append(out, p.renderAll(fixtures)...)
}

// documents are the pack's documents and its work plan.
func (p *Pack) documents() []Document {
	docs := slices.Clone(p.Documents)
	if p.Plan != nil {
		docs = append(docs, *p.Plan)
	}
	return docs
}

// renderAll renders every document for every fixture, language and, where
// the document is per manufacturer, manufacturer.
func (p *Pack) renderAll(fixtures []*applicant.Applicant) []string {
	var out []string
	for _, a := range fixtures {
		for _, lang := range p.Langs() {
			for _, d := range p.documents() {
				for _, mfr := range a.MadeFor(d.PerManufacturer) {
					m := ""
					if mfr != nil {
						m = mfr.ID
					}
					what := fmt.Sprintf("%s with %s (%s", d.Template(lang), a.Path, lang)
					if m != "" {
						what += ", manufacturer " + m
					}
					what += ")"
					opts := ContextOptions{Lang: lang, Manufacturer: m, Date: civil.MustParse("2025-12-10")}
					md, err := p.Render(d, a, opts, nil)
					if p.Plan != nil && d.ID == p.Plan.ID && d.Template(lang) == p.Plan.Template(lang) {
						md, err = p.RenderPlan(a, opts, nil)
					}
					if err != nil {
						out = append(out, fmt.Sprintf("%s: %v", what, err))
						continue
					}
					if i := strings.Index(md, "{{"); i >= 0 {
						out = append(out, fmt.Sprintf("%s: the output still holds %q", what, snippet(md, i)))
					}
					if i := strings.Index(md, "{%"); i >= 0 {
						out = append(out, fmt.Sprintf("%s: the output still holds %q", what, snippet(md, i)))
					}
					_, warns := document.Parse([]byte(md), lang)
					for _, w := range warns {
						out = append(out, fmt.Sprintf("%s: rendered Markdown %s", what, w))
					}
				}
			}
		}
	}
	return out
}

func snippet(s string, i int) string {
	end := min(len(s), i+40)
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	return s[i:end]
}

type linter struct {
	file     string
	src      []byte
	fsys     fs.FS
	root     *Shape
	where    string // prefix of messages, for conditions
	scopes   []map[string]*Shape
	macros   map[string]bool
	includes []string
	problems []string
}

func (l *linter) problem(off int, format string, args ...any) {
	if l.where != "" {
		// A checklist condition: its position is the item's, not the text's.
		l.problems = append(l.problems, fmt.Sprintf("%s: %s%s", l.file, l.where, fmt.Sprintf(format, args...)))
		return
	}
	pos := offsetPos(l.src, off)
	l.problems = append(l.problems, fmt.Sprintf("%s:%d:%d: %s%s", l.file, pos.Line, pos.Col, l.where, fmt.Sprintf(format, args...)))
}

func offsetPos(src []byte, off int) datafile.Pos {
	off = min(off, len(src))
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return datafile.Pos{Line: line, Col: 1 + utf8.RuneCount(src[start:off])}
}

var (
	tagStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{[{%#]`) })
	reMacro  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`{%-?\s*macro\s+(\w+)\s*\(`) })
)

func (l *linter) run() {
	l.macros = map[string]bool{}
	// Macros may be called before their definition in the file.
	for _, m := range reMacro().FindAllSubmatch(l.src, -1) {
		l.macros[string(m[1])] = true
	}
	src := string(l.src)
	for i := 0; i < len(src); {
		loc := tagStart().FindStringIndex(src[i:])
		if loc == nil {
			break
		}
		start := i + loc[0]
		kind := src[start+1]
		closer := map[byte]string{'{': "}}", '%': "%}", '#': "#}"}[kind]
		end := strings.Index(src[start+2:], closer)
		if end < 0 {
			l.problem(start, "tag is never closed with %s", closer)
			return
		}
		body := src[start+2 : start+2+end]
		if kind == '#' && strings.Contains(body, "\n") {
			l.problem(start, "a {# #} comment must fit on one line; use {%% comment %%} … {%% endcomment %%} for longer ones")
		}
		bodyOff := start + 2
		i = start + 2 + end + 2
		trimmed := strings.TrimLeft(strings.TrimPrefix(body, "-"), " \t\n")
		bodyOff += len(body) - len(strings.TrimPrefix(body, "-")) + (len(strings.TrimPrefix(body, "-")) - len(trimmed))
		trimmed = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(trimmed, " \t\n"), "-"), " \t\n")
		switch kind {
		case '{':
			l.expr(trimmed, bodyOff)
		case '%':
			i = l.tag(trimmed, bodyOff, src, i)
		}
	}
	if len(l.scopes) > 0 {
		l.problem(len(src), "a block (for, with or macro) is never closed")
	}
}

// tag checks one {% %} tag and returns where scanning continues.
func (l *linter) tag(body string, off int, src string, next int) int {
	name, args, _ := strings.Cut(body, " ")
	args = strings.TrimSpace(args)
	argOff := off + len(body) - len(strings.TrimLeft(strings.TrimPrefix(body, name), " "))
	if args == "" {
		argOff = off + len(body)
	}
	switch name {
	case "if", "elif":
		l.expr(args, argOff)
	case "else", "endif", "empty", "endblock", "endfilter", "endautoescape", "endspaceless":
	case "for":
		vars, iter, ok := strings.Cut(args, " in ")
		if !ok {
			l.problem(off, "for needs the form: for x in list")
			return next
		}
		iter = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(iter), " reversed"), " sorted"))
		iterOff := argOff + strings.Index(args, " in ") + 4
		elem := l.expr(iter, iterOff)
		scope := map[string]*Shape{"forloop": forloopShape}
		names := strings.Split(vars, ",")
		for i, v := range names {
			v = strings.TrimSpace(v)
			switch {
			case len(names) == 2 && i == 0:
				scope[v] = scalar // a map's key
			case elem != nil && elem.Kind == List:
				scope[v] = elem.Elem
			default:
				scope[v] = &Shape{Kind: Any}
			}
		}
		l.scopes = append(l.scopes, scope)
	case "endfor", "endwith", "endmacro":
		if len(l.scopes) == 0 {
			l.problem(off, "%s without its opening tag", name)
		} else {
			l.scopes = l.scopes[:len(l.scopes)-1]
		}
	case "with":
		scope := map[string]*Shape{}
		if v, as, ok := strings.Cut(args, " as "); ok {
			scope[strings.TrimSpace(as)] = l.expr(v, argOff)
		} else {
			for _, pair := range strings.Fields(args) {
				k, v, _ := strings.Cut(pair, "=")
				scope[k] = l.expr(v, argOff+strings.Index(args, pair)+len(k)+1)
			}
		}
		l.scopes = append(l.scopes, scope)
	case "set":
		k, v, ok := strings.Cut(args, "=")
		if !ok {
			l.problem(off, "set needs the form: set name = value")
			return next
		}
		s := l.expr(v, argOff+len(k)+1)
		if len(l.scopes) == 0 {
			l.scopes = append(l.scopes, map[string]*Shape{})
			// A set at the top level lasts for the file.
			l.scopes[0][strings.TrimSpace(k)] = s
			l.scopes = l.scopes[:0]
			l.root = withField(l.root, strings.TrimSpace(k), s)
		} else {
			l.scopes[len(l.scopes)-1][strings.TrimSpace(k)] = s
		}
	case "macro":
		scope := map[string]*Shape{}
		if open := strings.Index(args, "("); open >= 0 {
			if close := strings.LastIndex(args, ")"); close > open {
				for _, p := range strings.Split(args[open+1:close], ",") {
					p, _, _ = strings.Cut(p, "=")
					if p = strings.TrimSpace(p); p != "" {
						scope[p] = &Shape{Kind: Any}
					}
				}
			}
		}
		l.scopes = append(l.scopes, scope)
	case "include", "extends", "import":
		file := quoted().FindStringSubmatch(args)
		if file == nil {
			l.problem(argOff, "%s needs a file name in quotes", name)
			return next
		}
		target := strings.TrimPrefix(file[1], "/")
		switch {
		case strings.Contains(target, ".."):
			l.problem(argOff, "%s %q leaves the pack: paths are relative to the pack's root and may not contain ..", name, file[1])
		default:
			if _, err := fs.Stat(l.fsys, target); err != nil {
				l.problem(argOff, "%s %q: no such file in the pack", name, file[1])
			} else {
				l.includes = append(l.includes, target)
			}
		}
		if name == "import" {
			rest := strings.Fields(strings.TrimSpace(args[len(file[0]):]))
			for i := 0; i < len(rest); i++ {
				if rest[i] == "as" && i+1 < len(rest) {
					l.macros[rest[i+1]] = true
					i++
					continue
				}
				l.macros[strings.TrimSuffix(rest[i], ",")] = true
			}
		}
	case "comment":
		if end := strings.Index(src[next:], "endcomment"); end >= 0 {
			return next + end
		}
	case "raw", "verbatim":
		if end := strings.Index(src[next:], "end"+name); end >= 0 {
			return next + end
		}
	case "block", "firstof", "templatetag", "widthratio", "ifequal", "ifnotequal", "endifequal", "endifnotequal":
	default:
		if why, ok := bannedTags[name]; ok {
			l.problem(off, "the %s tag is not allowed: %s", name, why)
			break
		}
		l.problem(off, "unknown tag %q", name)
	}
	return next
}

var quoted = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*"([^"]*)"`) })

// dataRoots are the names under which a template reaches values of the
// applicant file (and what is derived from them): the markdown filter may
// not print them. They are found on first use: walking the applicant
// file's types took a third of a millisecond of every start.
var dataRoots = sync.OnceValue(func() map[string]bool {
	roots := map[string]bool{"manufacturer": true, "holder_stages": true, "holder_stage_terms": true, "holder_facts": true,
		"key_persons": true, "bureau": true, "readiness": true, "findings": true, "plan": true}
	for name := range renderctx.FileShape().Fields {
		roots[name] = true
	}
	return roots
})

func withField(s *Shape, name string, v *Shape) *Shape {
	c := *s
	c.Fields = map[string]*Shape{}
	for k, f := range s.Fields {
		c.Fields[k] = f
	}
	c.Fields[name] = v
	return &c
}

type token struct {
	text string
	off  int
	kind byte // 'i' identifier, 's' string, 'n' number, 'p' punctuation
}

func tokenize(s string, off int) []token {
	var out []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '"' || r == '\'':
			j := i + 1
			for j < len(s) && s[j] != byte(r) {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			out = append(out, token{s[i:min(j+1, len(s))], off + i, 's'})
			i = j + 1
		case unicode.IsDigit(r):
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9') {
				j++
			}
			out = append(out, token{s[i:j], off + i, 'n'})
			i = j
		case unicode.IsLetter(r) || r == '_':
			j := i
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_') {
					break
				}
				j += n
			}
			out = append(out, token{s[i:j], off + i, 'i'})
			i = j
		default:
			j := i + size
			if j < len(s) && strings.Contains("=!<>", string(r)) && s[j] == '=' {
				j++
			}
			out = append(out, token{s[i:j], off + i, 'p'})
			i = j
		}
	}
	return out
}

var keywords = map[string]bool{"and": true, "or": true, "not": true, "in": true, "is": true, "True": true, "False": true,
	"None": true, "true": true, "false": true, "nil": true, "as": true, "reversed": true, "sorted": true, "only": true}

// expr checks the variable paths, filters and calls of an expression and
// returns the shape of its first path (for loops and with).
func (l *linter) expr(s string, off int) *Shape {
	toks := tokenize(s, off)
	var first *Shape
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != 'i' || keywords[t.text] {
			continue
		}
		prev := ""
		if i > 0 {
			prev = toks[i-1].text
		}
		if prev == "." {
			continue // part of a path handled below
		}
		if prev == "|" {
			switch why, banned := bannedFilters[t.text]; {
			case banned:
				l.problem(t.off, "the %s filter is not allowed: %s", t.text, why)
			case !pongo2.FilterExists(t.text):
				l.problem(t.off, "unknown filter %q", t.text)
			case t.text == "markdown" && len(toks) > 0 && dataRoots()[toks[0].text]:
				l.problem(t.off, "%s|markdown would print a value of the applicant file as Markdown; data stays text: leave the filter out", toks[0].text)
			}
			continue
		}
		if i+1 < len(toks) && toks[i+1].text == "(" {
			if !l.macros[t.text] {
				l.problem(t.off, "unknown macro %q; define it with {%% macro %%} or import it", t.text)
			}
			continue
		}
		if i+1 < len(toks) && toks[i+1].text == "=" {
			continue // a keyword argument of a macro call
		}
		parts := []token{t}
		for i+2 < len(toks) && toks[i+1].text == "." && (toks[i+2].kind == 'i' || toks[i+2].kind == 'n') {
			parts = append(parts, toks[i+2])
			i += 2
		}
		shape := l.resolve(parts)
		if first == nil {
			first = shape
			if shape == nil {
				first = &Shape{Kind: Any}
			}
		}
	}
	return first
}

func (l *linter) resolve(parts []token) *Shape {
	var cur *Shape
	root := parts[0].text
	for i := len(l.scopes) - 1; i >= 0 && cur == nil; i-- {
		cur = l.scopes[i][root]
	}
	if cur == nil {
		cur = l.root.Fields[root]
	}
	if cur == nil {
		var names []string
		for _, sc := range l.scopes {
			for k := range sc {
				names = append(names, k)
			}
		}
		names = append(names, l.root.FieldNames()...)
		l.unknown(parts[0], root, names)
		return nil
	}
	path := root
	for _, p := range parts[1:] {
		switch cur.Kind {
		case Any:
			return cur
		case Map:
			next := cur.Fields[p.text]
			if next == nil {
				l.unknown(p, path+"."+p.text, cur.FieldNames())
				return nil
			}
			cur = next
		case List:
			if p.kind != 'n' {
				l.problem(p.off, "%s is a list: use a number (%s.0) or loop over it", path, path)
				return nil
			}
			cur = cur.Elem
		case Scalar:
			l.problem(p.off, "%s is a single value and has no field %q", path, p.text)
			return nil
		}
		path += "." + p.text
	}
	return cur
}

func (l *linter) unknown(t token, path string, candidates []string) {
	msg := fmt.Sprintf("unknown field %s", path)
	name := path[strings.LastIndex(path, ".")+1:]
	if s := datafile.Suggest(name, candidates); s != "" {
		msg += fmt.Sprintf("; did you mean %s?", strings.TrimSuffix(path, name)+s)
	}
	l.problem(t.off, "%s", msg)
}
