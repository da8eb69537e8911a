package cli

import (
	"io"
	"slices"
	"strings"
	"testing"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/lang"
)

// sample is a value a flag accepts, for the tests.
func sample(path []*ucli.Command, s flagSpec) string {
	if c := flagChoices(path, s); len(c) > 0 {
		return c[len(c)-1]
	}
	if _, ok := s.flag.(*ucli.IntFlag); ok {
		return "2"
	}
	return "some value"
}

// TestFlagsAnywhere reads, for every command and every one of its flags,
// the flag given before the operands, after them, between them, with
// --flag=value and with its short name: each reading is the same. An
// operand after -- that looks like a flag stays an operand.
func TestFlagsAnywhere(t *testing.T) {
	root := rootCommand(newApp(io.Discard, io.Discard))
	n := 0
	for _, path := range leaves(root) {
		names := pathNames(path)
		if names[0] == "help" {
			continue // its operands are command names: TestScripts/help
		}
		for _, s := range specs(path[len(path)-1]) {
			if s.flag == nil {
				continue
			}
			for _, name := range s.names {
				typed := []string{dashed(name)}
				if s.value {
					typed = append(typed, sample(path, s))
				}
				forms := map[string][]string{
					"before":  concat(names, typed, []string{"a.yaml", "b.yaml"}),
					"after":   concat(names, []string{"a.yaml", "b.yaml"}, typed),
					"between": concat(names, []string{"a.yaml"}, typed, []string{"b.yaml"}),
				}
				if s.value {
					forms["equals"] = concat(names, []string{"a.yaml", "b.yaml", dashed(name) + "=" + typed[1]})
				}
				want := ""
				for form, args := range forms {
					inv, err := readLine(root, args)
					if err != nil {
						t.Errorf("%s %s (%s): %v", commandName(path), dashed(name), form, err)
						continue
					}
					got := strings.Join(inv.argv(), "|")
					if want == "" {
						want = got
					} else if got != want {
						t.Errorf("%s %s: %s reads as %s, not %s", commandName(path), dashed(name), form, got, want)
					}
					if !strings.HasSuffix(got, "|--|a.yaml|b.yaml") {
						t.Errorf("%s %s (%s): operands not after --: %s", commandName(path), dashed(name), form, got)
					}
					n++
				}
			}
		}
		inv, err := readLine(root, concat(names, []string{"--", "--out", "-x.yaml"}))
		if err != nil || !slices.Equal(inv.operands, []string{"--out", "-x.yaml"}) {
			t.Errorf("%s -- --out -x.yaml: %v %v", commandName(path), inv.operands, err)
		}
	}
	if n < 100 {
		t.Errorf("only %d readings: the table misses commands or flags", n)
	}
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// TestFlagErrors checks that what is not a flag of the command is a usage
// error naming it, with the nearest flag, and never a file name.
func TestFlagErrors(t *testing.T) {
	root := rootCommand(newApp(io.Discard, io.Discard))
	for _, tc := range []struct {
		args string
		want string
	}{
		{"build my.yaml --outt x", "--outt is not a flag of pilotpack build; did you mean --out?"},
		{"build my.yaml -x.yaml", "-x.yaml is not a flag of pilotpack build"},
		{"validate my.yaml --fromat json", "--fromat is not a flag of pilotpack validate; did you mean --format?"},
		{"pack sign mypack --kye k.key", "--kye is not a flag of pilotpack pack sign; did you mean --key?"},
		{"pack sign mypack --out k.key", "--out is not a flag of pilotpack pack sign; its flags are: --key, --signer, --lang, --help"},
		{"build my.yaml --out", "--out needs a value: --out DIR"},
		{"build --out --force my.yaml", "--out needs a value (--out DIR), but --force after it is a flag"},
		{"build my.yaml --force=yes", "--force is a switch: write --force or --force=false, not the value \"yes\""},
		{"build my.yaml --lang fr", `--lang must be zh or en, not "fr"`},
		{"validate my.yaml --format jsn", `--format must be text or json, not "jsn"; did you mean json?`},
		{"init --example insulin", `--example must be adc, vaccine or glp1, not "insulin"`},
		{"build my.yaml --jobs many", `--jobs takes a whole number, not "many"`},
		{"--out x build my.yaml", "--out is not a flag of pilotpack"},
		{"buidl my.yaml", `"buidl" is not a command of pilotpack; did you mean "build"?`},
		{"pack sing p", `"sing" is not a command of pilotpack pack; did you mean "sign"?`},
		{"valid my.yaml", `"valid" is not a command of pilotpack; did you mean "validate"?`},
		{"---lang zh", "---lang is not a flag of pilotpack"},
	} {
		_, err := readLine(root, strings.Fields(tc.args))
		if err == nil {
			t.Errorf("%s: no error", tc.args)
			continue
		}
		if exitCode(err) != ExitUsage {
			t.Errorf("%s: exit %d, want %d", tc.args, exitCode(err), ExitUsage)
		}
		if got := lang.Message(err, lang.En); !strings.Contains(got, tc.want) {
			t.Errorf("%s:\n got %s\nwant %s", tc.args, got, tc.want)
		}
		if zh := lang.Message(err, lang.Zh); zh == lang.Message(err, lang.En) {
			t.Errorf("%s: the Chinese is the English: %s", tc.args, zh)
		}
	}
}

// TestFlagDocs checks that every flag of every command has its Chinese
// usage and, if it takes a value, a placeholder: a flag added without them
// would print English in Chinese help and VALUE in usage lines.
func TestFlagDocs(t *testing.T) {
	root := rootCommand(newApp(io.Discard, io.Discard))
	var walk func(path []*ucli.Command)
	walk = func(path []*ucli.Command) {
		c := path[len(path)-1]
		if len(path) > 1 {
			name := strings.Join(pathNames(path), " ")
			if z := commandZh[name]; z.usage == "" {
				t.Errorf("%s has no Chinese usage", name)
			}
		}
		for _, s := range specs(c) {
			if s.flag == nil {
				continue
			}
			d := docOf(path, s)
			if d.zh == "" {
				t.Errorf("%s %s has no Chinese usage", commandName(path), dashed(s.names[0]))
			}
			if s.value && d.arg == "" {
				t.Errorf("%s %s has no placeholder", commandName(path), dashed(s.names[0]))
			}
		}
		for _, sub := range c.Subcommands {
			walk(append(append([]*ucli.Command(nil), path...), sub))
		}
	}
	walk([]*ucli.Command{root})
}

// FuzzReadLine reads random command lines: never a panic, and a line read
// without error reads back the same from its canonical form.
func FuzzReadLine(f *testing.F) {
	for _, s := range []string{"build my.yaml --out x --force", "pack sign p --key=k", "help pack sign", "--lang zh validate -- -x", "init --example", "---", "- -- --"} {
		f.Add(s)
	}
	root := rootCommand(newApp(io.Discard, io.Discard))
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Split(line, " ")
		inv, err := readLine(root, args)
		if err != nil || inv.help || inv.version {
			return
		}
		again, err := readLine(root, inv.argv()[1:])
		if err != nil {
			t.Fatalf("%q reads as %q, which does not read: %v", args, inv.argv(), err)
		}
		if a, b := strings.Join(inv.argv(), "\x00"), strings.Join(again.argv(), "\x00"); a != b {
			t.Fatalf("%q reads as %q, then as %q", args, inv.argv(), again.argv())
		}
	})
}
