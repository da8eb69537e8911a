package pack

// pilotpack's own versions of pongo2's tags that call, loop or bind: for,
// macro, import, include, set and with. They do what pongo2's do (the code
// follows pongo2 v6's, MIT-licensed), and count what they do against the
// render's budget where it happens: every loop iteration, macro call and
// include is a step; macro calls and includes are levels of depth, with the
// Go stack measured at each; a macro's output is charged as it is written;
// a value a template binds may not exceed the bound of one value. pongo2
// registers tags globally, so these replace its own for every template set.

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/flosch/pongo2/v6"
)

func replaceTags() {
	for name, parser := range map[string]pongo2.TagParser{
		"for": forParser, "macro": macroParser, "import": importParser,
		"include": includeParser, "set": setParser, "with": withParser,
	} {
		if err := pongo2.ReplaceTag(name, parser); err != nil {
			panic(err)
		}
	}
}

// carried takes an error out of a macro body to the render, with its
// position: pongo2 turns an error a function returns into a string.
type carried struct{ err *pongo2.Error }

// --- for ---

type forNode struct {
	pos              *pongo2.Token
	key, value       string
	obj              pongo2.IEvaluator
	reversed, sorted bool
	body, empty      *pongo2.NodeWrapper
}

// forLoop is what a template sees as forloop.
type forLoop struct {
	Counter, Counter0, Revcounter, Revcounter0 int
	First, Last                                bool
	Parentloop                                 *forLoop
}

func (n *forNode) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) (ferr *pongo2.Error) {
	r := renderOf(ctx)
	fctx := pongo2.NewChildExecutionContext(ctx)
	info := &forLoop{First: true}
	if parent, ok := fctx.Private["forloop"].(*forLoop); ok {
		info.Parentloop = parent
	}
	fctx.Private["forloop"] = info
	obj, err := n.obj.Evaluate(fctx)
	if err != nil {
		return err
	}
	obj.IterateOrder(func(idx, count int, key, value *pongo2.Value) bool {
		r.step(n.pos)
		fctx.Private[n.key] = key
		if value != nil {
			fctx.Private[n.value] = value
		}
		info.Counter, info.Counter0 = idx+1, idx
		info.First = idx == 0
		info.Last = idx+1 == count
		info.Revcounter, info.Revcounter0 = count-idx, count-idx-1
		if err := n.body.Execute(fctx, w); err != nil {
			ferr = err
			return false
		}
		return true
	}, func() {
		if n.empty != nil {
			ferr = n.empty.Execute(fctx, w)
		}
	}, n.reversed, n.sorted)
	return ferr
}

func forParser(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
	n := &forNode{pos: start}
	key := args.MatchType(pongo2.TokenIdentifier)
	if key == nil {
		return nil, args.Error("Expected an key identifier as first argument for 'for'-tag", nil)
	}
	n.key = key.Val
	if args.Match(pongo2.TokenSymbol, ",") != nil {
		value := args.MatchType(pongo2.TokenIdentifier)
		if value == nil {
			return nil, args.Error("Value name must be an identifier.", nil)
		}
		n.value = value.Val
	}
	if args.Match(pongo2.TokenKeyword, "in") == nil {
		return nil, args.Error("Expected keyword 'in'.", nil)
	}
	obj, err := args.ParseExpression()
	if err != nil {
		return nil, err
	}
	n.obj = obj
	n.reversed = args.MatchOne(pongo2.TokenIdentifier, "reversed") != nil
	n.sorted = args.MatchOne(pongo2.TokenIdentifier, "sorted") != nil
	if args.Remaining() > 0 {
		return nil, args.Error("Malformed for-loop arguments.", nil)
	}
	body, endargs, err := doc.WrapUntilTag("empty", "endfor")
	if err != nil {
		return nil, err
	}
	if endargs.Count() > 0 {
		return nil, endargs.Error("Arguments not allowed here.", nil)
	}
	n.body = body
	if body.Endtag == "empty" {
		empty, endargs, err := doc.WrapUntilTag("endfor")
		if err != nil {
			return nil, err
		}
		if endargs.Count() > 0 {
			return nil, endargs.Error("Arguments not allowed here.", nil)
		}
		n.empty = empty
	}
	return n, nil
}

// --- macro ---

type macroNode struct {
	pos       *pongo2.Token
	name      string
	argsOrder []string
	args      map[string]pongo2.IEvaluator
	exported  bool
	body      *pongo2.NodeWrapper
}

func (n *macroNode) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) *pongo2.Error {
	ctx.Private[n.name] = n.bind(ctx)
	return nil
}

// bind makes the function a template calls the macro by.
func (n *macroNode) bind(ctx *pongo2.ExecutionContext) func(args ...*pongo2.Value) (*pongo2.Value, error) {
	return func(args ...*pongo2.Value) (*pongo2.Value, error) { return n.call(ctx, args...) }
}

func (n *macroNode) call(ctx *pongo2.ExecutionContext, args ...*pongo2.Value) (*pongo2.Value, error) {
	r := renderOf(ctx)
	r.enter(n.pos, "macro "+n.name)
	defer r.leave()
	if len(args) > len(n.argsOrder) {
		panic(&carried{ctx.Error(fmt.Sprintf("macro %s takes %d arguments, not %d", n.name, len(n.argsOrder), len(args)), n.pos)})
	}
	mctx := pongo2.NewChildExecutionContext(ctx)
	for name, def := range n.args {
		mctx.Private[name] = nil
		if def != nil {
			v, err := def.Evaluate(ctx)
			if err != nil {
				panic(&carried{err})
			}
			r.bound(n.pos, "argument "+name+" of macro "+n.name, v)
			mctx.Private[name] = v
		}
	}
	for i, v := range args {
		r.bound(n.pos, "argument "+n.argsOrder[i]+" of macro "+n.name, v)
		mctx.Private[n.argsOrder[i]] = v.Interface()
	}
	var b bytes.Buffer
	if err := n.body.Execute(mctx, &textWriter{r: r, buf: &b}); err != nil {
		panic(&carried{err})
	}
	return pongo2.AsSafeValue(b.String()), nil
}

func macroParser(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
	n := &macroNode{pos: start, args: map[string]pongo2.IEvaluator{}}
	name := args.MatchType(pongo2.TokenIdentifier)
	if name == nil {
		return nil, args.Error("Macro-tag needs at least an identifier as name.", nil)
	}
	n.name = name.Val
	if args.MatchOne(pongo2.TokenSymbol, "(") == nil {
		return nil, args.Error("Expected '('.", nil)
	}
	for args.Match(pongo2.TokenSymbol, ")") == nil {
		arg := args.MatchType(pongo2.TokenIdentifier)
		if arg == nil {
			return nil, args.Error("Expected argument name as identifier.", nil)
		}
		n.argsOrder = append(n.argsOrder, arg.Val)
		n.args[arg.Val] = nil
		if args.Match(pongo2.TokenSymbol, "=") != nil {
			def, err := args.ParseExpression()
			if err != nil {
				return nil, err
			}
			n.args[arg.Val] = def
		}
		if args.Match(pongo2.TokenSymbol, ")") != nil {
			break
		}
		if args.Match(pongo2.TokenSymbol, ",") == nil {
			return nil, args.Error("Expected ',' or ')'.", nil)
		}
	}
	n.exported = args.Match(pongo2.TokenKeyword, "export") != nil
	if args.Remaining() > 0 {
		return nil, args.Error("Malformed macro-tag.", nil)
	}
	body, endargs, err := doc.WrapUntilTag("endmacro")
	if err != nil {
		return nil, err
	}
	if endargs.Count() > 0 {
		return nil, endargs.Error("Arguments not allowed here.", nil)
	}
	n.body = body
	if n.exported {
		if err := exportMacro(start.Filename, n); err != nil {
			return nil, doc.Error(err.Error(), start)
		}
	}
	return n, nil
}

// --- import ---

type importNode struct {
	macros map[string]*macroNode // by the name the importing template uses
}

func (n *importNode) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) *pongo2.Error {
	for name, m := range n.macros {
		ctx.Private[name] = m.bind(ctx)
	}
	return nil
}

func importParser(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
	file := args.MatchType(pongo2.TokenString)
	if file == nil {
		return nil, args.Error("Import-tag needs a filename as string.", nil)
	}
	if args.Remaining() == 0 {
		return nil, args.Error("You must at least specify one macro to import.", nil)
	}
	name := templateName(file.Val)
	exports, err := loadExports(name)
	if err != nil {
		return nil, carry(doc, err, start)
	}
	n := &importNode{macros: map[string]*macroNode{}}
	for args.Remaining() > 0 {
		m := args.MatchType(pongo2.TokenIdentifier)
		if m == nil {
			return nil, args.Error("Expected macro name (identifier).", nil)
		}
		as := m.Val
		if args.Match(pongo2.TokenKeyword, "as") != nil {
			alias := args.MatchType(pongo2.TokenIdentifier)
			if alias == nil {
				return nil, args.Error("Expected macro alias name (identifier).", nil)
			}
			as = alias.Val
		}
		macro, ok := exports[m.Val]
		if !ok {
			return nil, args.Error(fmt.Sprintf("Macro '%s' not found (or not exported) in '%s'.", m.Val, name), m)
		}
		n.macros[as] = macro
		if args.Remaining() == 0 {
			break
		}
		if args.Match(pongo2.TokenSymbol, ",") == nil {
			return nil, args.Error("Expected ','.", nil)
		}
	}
	return n, nil
}

// --- include ---

type includeNode struct {
	pos      *pongo2.Token
	name     string
	tpl      *pongo2.Template  // a file named in quotes, parsed with the includer
	lazy     pongo2.IEvaluator // or an expression naming the file
	ifExists bool
	only     bool
	with     map[string]pongo2.IEvaluator
}

func (n *includeNode) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) *pongo2.Error {
	r := renderOf(ctx)
	ictx := pongo2.Context{}
	if !n.only {
		ictx.Update(ctx.Public)
		ictx.Update(ctx.Private)
	}
	ictx[renderKey] = r
	for key, expr := range n.with {
		v, err := expr.Evaluate(ctx)
		if err != nil {
			return err
		}
		r.bound(n.pos, key, v)
		ictx[key] = v
	}
	tpl, name := n.tpl, n.name
	if n.lazy != nil {
		v, err := n.lazy.Evaluate(ctx)
		if err != nil {
			return err
		}
		name = templateName(v.String())
		if name == "" {
			return ctx.Error("Filename for 'include'-tag evaluated to an empty string.", n.pos)
		}
		var lerr error
		if tpl, lerr = r.engine().template(name); lerr != nil {
			if n.ifExists && missing(lerr) {
				return nil
			}
			return ctx.OrigError(lerr, n.pos)
		}
	}
	r.enter(n.pos, "include "+name)
	defer r.leave()
	if err := tpl.ExecuteWriterUnbuffered(ictx, w); err != nil {
		if pe, ok := err.(*pongo2.Error); ok {
			return pe
		}
		return ctx.OrigError(err, n.pos)
	}
	return nil
}

func includeParser(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
	n := &includeNode{pos: start, with: map[string]pongo2.IEvaluator{}}
	if file := args.MatchType(pongo2.TokenString); file != nil {
		n.ifExists = args.Match(pongo2.TokenIdentifier, "if_exists") != nil
		n.name = templateName(file.Val)
		tpl, err := loadTemplate(n.name)
		switch {
		case err != nil && n.ifExists && missing(err):
			return &emptyNode{}, nil
		case err != nil:
			return nil, carry(doc, err, file)
		}
		n.tpl = tpl
	} else {
		lazy, err := args.ParseExpression()
		if err != nil {
			return nil, err
		}
		n.lazy = lazy
		n.ifExists = args.Match(pongo2.TokenIdentifier, "if_exists") != nil
	}
	if args.Match(pongo2.TokenIdentifier, "with") != nil {
		for args.Remaining() > 0 {
			key, v, err := assignment(args)
			if err != nil {
				return nil, err
			}
			n.with[key] = v
			if args.Match(pongo2.TokenIdentifier, "only") != nil {
				n.only = true
				break
			}
		}
	}
	if args.Remaining() > 0 {
		return nil, args.Error("Malformed 'include'-tag arguments.", nil)
	}
	return n, nil
}

type emptyNode struct{}

func (emptyNode) Execute(*pongo2.ExecutionContext, pongo2.TemplateWriter) *pongo2.Error { return nil }

// templateName is the pack path a template names: relative to the pack's
// root, whichever template names it.
func templateName(s string) string { return strings.TrimPrefix(s, "/") }

// carry turns an error loading another template into a parse error at the
// tag that named it, keeping a TemplateError as it is.
func carry(doc *pongo2.Parser, err error, at *pongo2.Token) *pongo2.Error {
	if pe, ok := err.(*pongo2.Error); ok {
		if pe.Line == 0 {
			// pongo2 names the file it could not read, without a position:
			// the position is the tag's.
			c := *pe
			c.Line, c.Column, c.Token = at.Line, at.Col, at
			return &c
		}
		return pe
	}
	return &pongo2.Error{Filename: at.Filename, Line: at.Line, Column: at.Col, Token: at, Sender: "tag", OrigError: err}
}

// --- set and with ---

type setNode struct {
	pos  *pongo2.Token
	name string
	expr pongo2.IEvaluator
}

func (n *setNode) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) *pongo2.Error {
	v, err := n.expr.Evaluate(ctx)
	if err != nil {
		return err
	}
	r := renderOf(ctx)
	r.bound(n.pos, n.name, v)
	r.charge(valueSize(v))
	ctx.Private[n.name] = v
	return nil
}

func setParser(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
	name := args.MatchType(pongo2.TokenIdentifier)
	if name == nil {
		return nil, args.Error("Expected an identifier.", nil)
	}
	if args.Match(pongo2.TokenSymbol, "=") == nil {
		return nil, args.Error("Expected '='.", nil)
	}
	expr, err := args.ParseExpression()
	if err != nil {
		return nil, err
	}
	if args.Remaining() > 0 {
		return nil, args.Error("Malformed 'set'-tag arguments.", nil)
	}
	return &setNode{pos: start, name: name.Val, expr: expr}, nil
}

type withNode struct {
	pos   *pongo2.Token
	pairs map[string]pongo2.IEvaluator
	body  *pongo2.NodeWrapper
}

func (n *withNode) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) *pongo2.Error {
	r := renderOf(ctx)
	wctx := pongo2.NewChildExecutionContext(ctx)
	for key, expr := range n.pairs {
		v, err := expr.Evaluate(ctx)
		if err != nil {
			return err
		}
		r.bound(n.pos, key, v)
		wctx.Private[key] = v
	}
	return n.body.Execute(wctx, w)
}

func withParser(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
	n := &withNode{pos: start, pairs: map[string]pongo2.IEvaluator{}}
	if args.Count() == 0 {
		return nil, args.Error("Tag 'with' requires at least one argument.", nil)
	}
	body, endargs, err := doc.WrapUntilTag("endwith")
	if err != nil {
		return nil, err
	}
	if endargs.Count() > 0 {
		return nil, endargs.Error("Arguments not allowed here.", nil)
	}
	n.body = body
	// The old style, with x as y, is told by an "as" anywhere.
	old := false
	for i := 0; i < args.Count(); i++ {
		if args.PeekN(i, pongo2.TokenKeyword, "as") != nil {
			old = true
			break
		}
	}
	for args.Remaining() > 0 {
		if old {
			v, err := args.ParseExpression()
			if err != nil {
				return nil, err
			}
			if args.Match(pongo2.TokenKeyword, "as") == nil {
				return nil, args.Error("Expected 'as' keyword.", nil)
			}
			key := args.MatchType(pongo2.TokenIdentifier)
			if key == nil {
				return nil, args.Error("Expected an identifier", nil)
			}
			n.pairs[key.Val] = v
			continue
		}
		key, v, err := assignment(args)
		if err != nil {
			return nil, err
		}
		n.pairs[key] = v
	}
	return n, nil
}

// assignment parses one name=expression of a tag's arguments.
func assignment(args *pongo2.Parser) (string, pongo2.IEvaluator, *pongo2.Error) {
	key := args.MatchType(pongo2.TokenIdentifier)
	if key == nil {
		return "", nil, args.Error("Expected an identifier", nil)
	}
	if args.Match(pongo2.TokenSymbol, "=") == nil {
		return "", nil, args.Error("Expected '='.", nil)
	}
	v, err := args.ParseExpression()
	if err != nil {
		return "", nil, err
	}
	return key.Val, v, nil
}
