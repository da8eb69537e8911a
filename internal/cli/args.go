package cli

import (
	"slices"
	"strconv"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/datafile"
	"pilotpack/internal/lang"
)

// People put flags after their arguments (build my.yaml --out x) as often
// as before them. The standard flag package, which urfave/cli v2 parses
// with, stops at the first argument that is not a flag, so everything after
// it would be read as file names. Before urfave/cli sees the command line,
// readLine reads it with each command's own flag definitions and hands on a
// canonical form: the command path, every flag as --name or --name=value,
// then "--" and the operands. This is the only place that decides what an
// argument is.

// flagSpec is what readLine needs to know of one flag.
type flagSpec struct {
	names []string // as defined: the long name first
	value bool     // takes a value
	flag  ucli.Flag
}

// dashed returns a flag's name as written on a command line: --out, -o.
func dashed(n string) string {
	if len(n) == 1 {
		return "-" + n
	}
	return "--" + n
}

// helpSpec is the -h/--help every command takes; readLine answers it.
var helpSpec = flagSpec{names: []string{"help", "h"}}

// specs returns the flags of c, with --help.
func specs(c *ucli.Command) []flagSpec {
	out := make([]flagSpec, 0, len(c.Flags)+1)
	for _, f := range c.Flags {
		s := flagSpec{names: f.Names(), flag: f}
		if d, ok := f.(ucli.DocGenerationFlag); ok {
			s.value = d.TakesValue()
		}
		out = append(out, s)
	}
	return append(out, helpSpec)
}

func lookup(ss []flagSpec, name string) (flagSpec, bool) {
	for _, s := range ss {
		if slices.Contains(s.names, name) {
			return s, true
		}
	}
	return flagSpec{}, false
}

// givenFlag is one flag as found on the command line.
type givenFlag struct {
	spec  flagSpec
	typed string // as typed, for messages: --out or -o
	value string
	set   bool // a value was given (always, for flags that take one)
}

// invocation is a command line read: the command path from the root, the
// flags of the last command on it and its operands.
type invocation struct {
	path     []*ucli.Command // path[0] is the root
	flags    []givenFlag
	operands []string
	help     bool
	version  bool
	lang     lang.Lang // --lang, if given
}

// leaf is the command that runs.
func (inv *invocation) leaf() *ucli.Command { return inv.path[len(inv.path)-1] }

// name is the command's full name: pilotpack pack sign.
func (inv *invocation) name() string { return commandName(inv.path) }

func commandName(path []*ucli.Command) string {
	names := make([]string, len(path))
	for i, c := range path {
		names[i] = c.Name
	}
	return strings.Join(names, " ")
}

// argv is the command line urfave/cli parses: the path, then the flags,
// then "--" and the operands, so that no operand is ever read as a flag.
// A flag given before the command name (pilotpack --lang zh build) is the
// command's, which defines every flag the root has but --version.
func (inv *invocation) argv() []string {
	out := make([]string, 0, len(inv.path)+len(inv.flags)+len(inv.operands)+1)
	for _, c := range inv.path {
		out = append(out, c.Name)
	}
	for _, f := range inv.flags {
		n := dashed(f.spec.names[0])
		if f.set {
			n += "=" + f.value
		}
		out = append(out, n)
	}
	out = append(out, "--")
	return append(out, inv.operands...)
}

// readLine reads args (without the program's name) against the command tree
// under root. Every error is a usage error worded in both languages.
func readLine(root *ucli.Command, args []string) (*invocation, error) {
	inv := &invocation{path: []*ucli.Command{root}}
	cur := root
	ended := false // after "--"
	for i := 0; i < len(args); i++ {
		a := args[i]
		if ended || a == "-" || !strings.HasPrefix(a, "-") {
			if !ended && len(cur.Subcommands) > 0 && len(inv.operands) == 0 {
				if a == "help" && cur == root {
					inv.help = true
					return readHelp(inv, root, args[i+1:])
				}
				sub := cur.Command(a)
				if sub == nil {
					return inv, unknownCommand(inv.path, a)
				}
				inv.path = append(inv.path, sub)
				cur = sub
				continue
			}
			inv.operands = append(inv.operands, a)
			continue
		}
		if a == "--" {
			ended = true
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		typed := a
		if hasValue {
			typed = a[:len(a)-len(value)-1]
		}
		if cur == root && (name == "version" || name == "v") && !hasValue {
			inv.version = true
			continue
		}
		s, ok := lookup(specs(cur), name)
		if !ok || name == "" || strings.HasPrefix(a, "---") {
			return inv, unknownFlag(inv.path, typed)
		}
		if s.names[0] == "help" {
			inv.help = true
			continue
		}
		g := givenFlag{spec: s, typed: typed, value: value, set: hasValue}
		if s.value && !hasValue {
			if i+1 >= len(args) {
				return inv, usageError(msgFlagNeedsValue, typed, placeholder(inv.path, s))
			}
			next := args[i+1]
			if n, _, _ := strings.Cut(strings.TrimLeft(next, "-"), "="); strings.HasPrefix(next, "-") && next != "-" {
				if _, isFlag := lookup(specs(cur), n); isFlag {
					return inv, usageError(msgFlagNeedsValueNotFlag, typed, placeholder(inv.path, s), next)
				}
			}
			g.value, g.set = next, true
			i++
		}
		if !s.value && hasValue {
			switch strings.ToLower(value) {
			case "true", "false", "1", "0":
			default:
				return inv, usageError(msgBoolValue, typed, value)
			}
		}
		if s.value {
			if err := checkValue(inv.path, s, typed, g.value); err != nil {
				return inv, err
			}
		}
		if s.names[0] == "lang" {
			inv.lang = lang.Lang(g.value)
		}
		inv.flags = append(inv.flags, g)
	}
	// A flag given before the command's name belongs to the command: every
	// command takes the root's flags (but --version, which readLine answers).
	for _, f := range inv.flags {
		if _, ok := lookup(specs(inv.leaf()), f.spec.names[0]); !ok {
			return inv, unknownFlag(inv.path, f.typed)
		}
	}
	return inv, nil
}

// readHelp reads the words after help: a command path.
func readHelp(inv *invocation, root *ucli.Command, words []string) (*invocation, error) {
	cur := root
	for i := 0; i < len(words); i++ {
		w := words[i]
		if strings.HasPrefix(w, "-") {
			if l := langArg(words[i:min(i+2, len(words))]); l != "" {
				inv.lang = l
			}
			continue
		}
		if i > 0 && (words[i-1] == "--lang" || words[i-1] == "-lang") {
			continue
		}
		sub := cur.Command(w)
		if sub == nil {
			return inv, unknownCommand(inv.path, w)
		}
		inv.path = append(inv.path, sub)
		cur = sub
	}
	return inv, nil
}

// checkValue holds a flag's value to the flag's type and, for a flag with a
// fixed set of values, to that set.
func checkValue(path []*ucli.Command, s flagSpec, typed, value string) error {
	if _, isInt := s.flag.(*ucli.IntFlag); isInt {
		if _, err := strconv.Atoi(value); err != nil {
			return usageError(msgNotInt, typed, value)
		}
	}
	choices := flagChoices(path, s)
	if len(choices) == 0 || slices.Contains(choices, value) {
		return nil
	}
	var hint lang.Text
	if near := datafile.Suggest(value, choices); near != "" {
		hint = lang.T("；是否应为 "+near+"？", "; did you mean "+near+"?")
	}
	return usageError(msgBadChoice, typed, listOr(choices), value, hint)
}

func unknownCommand(path []*ucli.Command, name string) error {
	parent := path[len(path)-1]
	var names []string
	for _, c := range parent.Subcommands {
		names = append(names, c.Name)
	}
	if parent == path[0] {
		names = append(names, "help")
	}
	if near := nearest(name, names); near != "" {
		return usageError(msgUnknownCommandNear, name, commandName(path), near)
	}
	return usageError(msgUnknownCommand, name, commandName(path), commandName(path)+" --help")
}

func unknownFlag(path []*ucli.Command, typed string) error {
	c := path[len(path)-1]
	var names []string
	for _, s := range specs(c) {
		names = append(names, dashed(s.names[0]))
	}
	// A name like -x.yaml is more likely a file than a flag: say how to
	// give it as one.
	file := lang.Text{}
	if strings.ContainsAny(typed, "./") {
		file = format(msgDashFile, typed)
	}
	if near := nearest(typed, names); near != "" {
		return usageError(msgUnknownFlagNear, typed, commandName(path), near, file)
	}
	return usageError(msgUnknownFlag, typed, commandName(path), lang.T(strings.Join(names, "、"), strings.Join(names, ", ")), file)
}

// format words t with args in both languages.
func format(t lang.Text, args ...any) lang.Text {
	return lang.T(lang.Sprintf(lang.Zh, t, args...), lang.Sprintf(lang.En, t, args...))
}

// nearest returns the candidate a mistyped name most likely meant: the
// closest by edit distance, else the only one it begins.
func nearest(name string, candidates []string) string {
	if s := datafile.Suggest(name, candidates); s != "" {
		return s
	}
	var starts []string
	for _, c := range candidates {
		if len(name) > 1 && strings.HasPrefix(c, name) {
			starts = append(starts, c)
		}
	}
	if len(starts) == 1 {
		return starts[0]
	}
	return ""
}

// langArg finds --lang on a command line that could not be read, so that
// the error about it is worded as asked.
func langArg(args []string) lang.Lang {
	l := lang.Lang("")
	for i, a := range args {
		if a == "--" {
			break
		}
		switch {
		case a == "--lang" || a == "-lang":
			if i+1 < len(args) {
				l = lang.Lang(args[i+1])
			}
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			_, v, _ := strings.Cut(a, "=")
			l = lang.Lang(v)
		}
	}
	if !l.Valid() {
		return ""
	}
	return l
}
