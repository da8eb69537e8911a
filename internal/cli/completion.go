package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/lang"
	"pilotpack/internal/termwidth"
)

// The completion scripts are generated from the command tree, so they
// offer exactly the commands, subcommands and flags readLine accepts and
// the values of the flags that take fixed ones. Each script carries the
// tree as data and walks the words typed so far the way readLine does: a
// word after a flag that takes a value is that value, "--" ends the flags.
// Nothing runs pilotpack while completing.

var shells = []string{"bash", "zsh", "fish", "powershell"}

func completionCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "completion",
		Usage:     "print the completion script for bash, zsh, fish or PowerShell",
		ArgsUsage: "bash|zsh|fish|powershell",
		Description: "Completes commands, subcommands, flags and the values of --lang, --format and --example.\n" +
			"bash:        source <(pilotpack completion bash)        (in ~/.bashrc)\n" +
			"zsh:         source <(pilotpack completion zsh)         (in ~/.zshrc, after compinit)\n" +
			"fish:        pilotpack completion fish > ~/.config/fish/completions/pilotpack.fish\n" +
			"PowerShell:  pilotpack completion powershell | Out-String | Invoke-Expression   (in $PROFILE)",
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 1, 1); err != nil {
				return err
			}
			shell := c.Args().First()
			if !slices.Contains(shells, shell) {
				return usageError(msgBadChoice, "completion", listOr(shells), shell, lang.Text{})
			}
			st := stateOf(c)
			tree := completionTree(st.inv.path[0], st.msg())
			var err error
			switch shell {
			case "bash":
				err = writeBash(c.App.Writer, tree)
			case "zsh":
				err = writeZsh(c.App.Writer, tree)
			case "fish":
				err = writeFish(c.App.Writer, tree)
			case "powershell":
				err = writePowerShell(c.App.Writer, tree)
			}
			return err
		},
	}
}

// compNode is one command as the scripts see it.
type compNode struct {
	path  string // "" for the root, "build", "pack sign"
	desc  string
	subs  []string
	args  []string // the only operands it takes, if fixed
	flags []compFlag
}

type compFlag struct {
	names   []string // dashed: --out, -o
	value   bool
	dirs    bool // the value is a folder
	choices []string
	desc    string
}

// completionTree lists every command with its flags; "help" takes command
// names as its operands, so it has a node per command that has subcommands.
func completionTree(root *ucli.Command, l lang.Lang) []compNode {
	var out []compNode
	var walk func(path []*ucli.Command)
	walk = func(path []*ucli.Command) {
		c := path[len(path)-1]
		n := compNode{path: strings.Join(pathNames(path), " "), desc: short(usageOf(path, l))}
		for _, s := range c.Subcommands {
			n.subs = append(n.subs, s.Name)
		}
		if c.Name == "completion" {
			n.args = shells
		}
		for _, s := range specs(c) {
			f := compFlag{value: s.value, choices: flagChoices(path, s), desc: short(flagUsage(path, s, l))}
			for _, nm := range s.names {
				f.names = append(f.names, dashed(nm))
			}
			f.dirs = strings.Contains(placeholder(path, s), "DIR")
			n.flags = append(n.flags, f)
		}
		out = append(out, n)
		for _, s := range c.Subcommands {
			walk(append(append([]*ucli.Command(nil), path...), s))
		}
	}
	walk([]*ucli.Command{root})
	// help COMMAND...: the command names, level by level, as a node per
	// command that has subcommands.
	commands := slices.Clone(out)
	for i, n := range commands {
		if n.path != "help" {
			continue
		}
		for _, m := range commands {
			if len(m.subs) == 0 {
				continue
			}
			h := compNode{path: strings.TrimSpace("help " + m.path), desc: n.desc, flags: n.flags}
			for _, s := range m.subs {
				if s != "help" {
					h.subs = append(h.subs, s)
				}
			}
			if m.path == "" {
				out[i].subs = h.subs
				continue
			}
			out = append(out, h)
		}
	}
	return out
}

// short cuts a usage to what fits beside a completion: its first clause.
func short(s string) string {
	if i := strings.IndexAny(s, ";；:"); i > 0 && !strings.Contains(s[:i], "(") {
		s = s[:i]
	}
	return termwidth.Truncate(s, 60)
}

// subTarget is the command the word sub names after the command path:
// pack + sign is pack sign; after help it is the command help is asked
// about, help pack + sign is pack sign too.
func subTarget(path, sub string) string {
	path = strings.TrimSpace(strings.TrimPrefix(path+" ", "help "))
	return strings.TrimSpace(path + " " + sub)
}

func (n compNode) flagNames() []string {
	var out []string
	for _, f := range n.flags {
		out = append(out, f.names...)
	}
	return out
}

func (n compNode) valueFlags() []string {
	var out []string
	for _, f := range n.flags {
		if f.value {
			out = append(out, f.names...)
		}
	}
	return out
}

// sq quotes s for a POSIX shell (and fish and PowerShell, which take the
// same single quotes with their own escape).
func sq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func writeBash(w io.Writer, tree []compNode) error {
	var b strings.Builder
	b.WriteString(`# bash completion for pilotpack. Load it with:
#   source <(pilotpack completion bash)
_pilotpack() {
    local cur prev cmd="" subs flags vflags i w skip=0 ended=0
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    # bash splits --flag=value at "=": complete the value.
    if [[ $cur == "=" ]]; then
        cur=""
    elif [[ $prev == "=" ]]; then
        prev="${COMP_WORDS[COMP_CWORD-2]}"
    fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${COMP_WORDS[i]}"
        if ((skip)); then skip=0; continue; fi
        if ((ended)); then continue; fi
        case "$w" in
        --) ended=1 ;;
        =) skip=1 ;;
        -*)
            _pilotpack_tree "$cmd"
            [[ " $vflags " == *" $w "* && "${COMP_WORDS[i+1]}" != "=" ]] && skip=1
            ;;
        *)
            _pilotpack_tree "$cmd"
            [[ " $subs " == *" $w "* ]] && cmd="${cmd:+$cmd }$w"
            ;;
        esac
    done
    _pilotpack_tree "$cmd"
    if [[ $prev == -* && " $vflags " == *" $prev "* ]] && ! ((ended)) && [[ $cur != "=" ]]; then
        case "$cmd $prev" in
`)
	for _, n := range tree {
		for _, f := range n.flags {
			if len(f.choices) == 0 && !f.dirs {
				continue
			}
			var pats []string
			for _, nm := range f.names {
				pats = append(pats, fmt.Sprintf(`"%s %s"`, n.path, nm))
			}
			if len(f.choices) > 0 {
				fmt.Fprintf(&b, "        %s) compopt +o default 2>/dev/null; COMPREPLY=($(compgen -W %s -- \"$cur\")) ;;\n", strings.Join(pats, "|"), sq(strings.Join(f.choices, " ")))
			} else {
				fmt.Fprintf(&b, "        %s) COMPREPLY=($(compgen -d -- \"$cur\")) ;;\n", strings.Join(pats, "|"))
			}
		}
	}
	b.WriteString(`        *) COMPREPLY=() ;;
        esac
        return
    fi
    if [[ $cur == -* ]] && ! ((ended)); then
        compopt +o default 2>/dev/null
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    elif [[ -n $subs ]]; then
        compopt +o default 2>/dev/null
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    else
        # Operands are file names: bash's default completion offers them.
        COMPREPLY=()
    fi
}

# _pilotpack_tree sets subs, flags and vflags for the command path $1.
_pilotpack_tree() {
    case "$1" in
`)
	for _, n := range tree {
		subs := n.subs
		if len(n.args) > 0 {
			subs = n.args
		}
		fmt.Fprintf(&b, "    %s) subs=%s flags=%s vflags=%s ;;\n", sq(n.path), sq(strings.Join(subs, " ")), sq(strings.Join(n.flagNames(), " ")), sq(strings.Join(n.valueFlags(), " ")))
	}
	b.WriteString(`    *) subs="" flags="" vflags="" ;;
    esac
}

complete -o default -F _pilotpack pilotpack
`)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeZsh(w io.Writer, tree []compNode) error {
	var b strings.Builder
	b.WriteString(`#compdef pilotpack
# zsh completion for pilotpack. Load it with (after compinit):
#   source <(pilotpack completion zsh)
# or save it as _pilotpack in a folder of $fpath.

_pilotpack() {
    local cmd="" cur="${words[CURRENT]}" prev="${words[CURRENT-1]}" w i skip=0 ended=0
    local -a subs flags vflags descs
    for ((i = 2; i < CURRENT; i++)); do
        w="${words[i]}"
        if ((skip)); then skip=0; continue; fi
        if ((ended)); then continue; fi
        case "$w" in
        --) ended=1 ;;
        -*)
            _pilotpack_tree "$cmd"
            (( ${vflags[(Ie)$w]} )) && skip=1
            ;;
        *)
            _pilotpack_tree "$cmd"
            (( ${subs[(Ie)$w]} )) && cmd="${cmd:+$cmd }$w"
            ;;
        esac
    done
    _pilotpack_tree "$cmd"
    local flag="$prev" prefix=""
    if [[ $cur == -*=* ]] && ! ((ended)); then
        flag="${cur%%=*}" prefix="${cur%%=*}="
        cur="${cur#*=}"
    elif ! (( ${vflags[(Ie)$prev]} )) || ((ended)); then
        flag=""
    fi
    if [[ -n $flag ]]; then
        case "$cmd $flag" in
`)
	for _, n := range tree {
		for _, f := range n.flags {
			if len(f.choices) == 0 && !f.dirs {
				continue
			}
			var pats []string
			for _, nm := range f.names {
				pats = append(pats, sq(n.path+" "+nm))
			}
			if len(f.choices) > 0 {
				fmt.Fprintf(&b, "        %s) compadd -P \"$prefix\" -- %s ;;\n", strings.Join(pats, "|"), strings.Join(f.choices, " "))
			} else {
				fmt.Fprintf(&b, "        %s) _directories ;;\n", strings.Join(pats, "|"))
			}
		}
	}
	b.WriteString(`        *) _files ;;
        esac
        return
    fi
    if [[ $cur == -* ]] && ! ((ended)); then
        _describe -t flags 'flag' descs
    elif (( ${#subs} )); then
        _pilotpack_subdescs "$cmd"
        _describe -t commands 'command' descs
    else
        _files
    fi
}

# _pilotpack_tree sets subs, flags, vflags and descs (the flags with their
# descriptions) for the command path $1.
_pilotpack_tree() {
    case "$1" in
`)
	for _, n := range tree {
		subs := n.subs
		if len(n.args) > 0 {
			subs = n.args
		}
		var descs []string
		for _, f := range n.flags {
			for _, nm := range f.names {
				descs = append(descs, sq(nm+":"+f.desc))
			}
		}
		fmt.Fprintf(&b, "    %s)\n        subs=(%s)\n        flags=(%s)\n        vflags=(%s)\n        descs=(%s) ;;\n",
			sq(n.path), strings.Join(subs, " "), strings.Join(n.flagNames(), " "), strings.Join(n.valueFlags(), " "), strings.Join(descs, " "))
	}
	b.WriteString(`    *) subs=() flags=() vflags=() descs=() ;;
    esac
}

# _pilotpack_subdescs sets descs to the subcommands of $1 with descriptions.
_pilotpack_subdescs() {
    case "$1" in
`)
	desc := map[string]string{}
	for _, n := range tree {
		desc[n.path] = n.desc
	}
	for _, n := range tree {
		if len(n.subs) == 0 && len(n.args) == 0 {
			continue
		}
		var descs []string
		for _, s := range n.subs {
			descs = append(descs, sq(s+":"+desc[subTarget(n.path, s)]))
		}
		for _, a := range n.args {
			descs = append(descs, sq(a))
		}
		fmt.Fprintf(&b, "    %s) descs=(%s) ;;\n", sq(n.path), strings.Join(descs, " "))
	}
	b.WriteString(`    *) descs=() ;;
    esac
}

if (( $+functions[compdef] )); then
    compdef _pilotpack pilotpack
fi
`)
	_, err := io.WriteString(w, b.String())
	return err
}

// fq quotes s for fish: single quotes, with \ and ' escaped.
func fq(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func writeFish(w io.Writer, tree []compNode) error {
	var b strings.Builder
	b.WriteString(`# fish completion for pilotpack. Install it with:
#   pilotpack completion fish > ~/.config/fish/completions/pilotpack.fish

# __pilotpack_path prints the command path of the words before the cursor.
function __pilotpack_path
    set -l words (commandline -opc)
    set -e words[1]
    set -l path ''
    set -l skip 0
    for w in $words
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case '--'
                break
            case '-*'
                if contains -- "$path $w" $__pilotpack_vflags
                    set skip 1
                end
            case '*'
                if contains -- "$path/$w" $__pilotpack_subs
                    set path (string trim -- "$path $w")
                end
        end
    end
    echo $path
end

function __pilotpack_is
    test (__pilotpack_path) = "$argv[1]"
end

`)
	var subs, vflags []string
	for _, n := range tree {
		for _, s := range n.subs {
			subs = append(subs, fq(n.path+"/"+s))
		}
		for _, f := range n.valueFlags() {
			vflags = append(vflags, fq(n.path+" "+f))
		}
	}
	fmt.Fprintf(&b, "set -g __pilotpack_subs %s\nset -g __pilotpack_vflags %s\n\n", strings.Join(subs, " "), strings.Join(vflags, " "))
	b.WriteString("complete -c pilotpack -e\n")
	desc := map[string]string{}
	for _, n := range tree {
		desc[n.path] = n.desc
	}
	for _, n := range tree {
		cond := fq("__pilotpack_is " + sq(n.path))
		if len(n.subs) > 0 || len(n.args) > 0 {
			fmt.Fprintf(&b, "complete -c pilotpack -n %s -f\n", cond)
		}
		for _, s := range n.subs {
			fmt.Fprintf(&b, "complete -c pilotpack -n %s -a %s -d %s\n", cond, fq(s), fq(desc[subTarget(n.path, s)]))
		}
		for _, a := range n.args {
			fmt.Fprintf(&b, "complete -c pilotpack -n %s -a %s\n", cond, fq(a))
		}
		for _, f := range n.flags {
			var opts []string
			for _, nm := range f.names {
				if strings.HasPrefix(nm, "--") {
					opts = append(opts, "-l "+strings.TrimPrefix(nm, "--"))
				} else {
					opts = append(opts, "-s "+strings.TrimPrefix(nm, "-"))
				}
			}
			switch {
			case len(f.choices) > 0:
				opts = append(opts, "-x -a "+fq(strings.Join(f.choices, " ")))
			case f.dirs:
				opts = append(opts, "-x -a '(__fish_complete_directories)'")
			case f.value:
				opts = append(opts, "-r -F")
			}
			fmt.Fprintf(&b, "complete -c pilotpack -n %s %s -d %s\n", cond, strings.Join(opts, " "), fq(f.desc))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// pq quotes s for PowerShell: single quotes, with ' doubled.
func pq(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func writePowerShell(w io.Writer, tree []compNode) error {
	var b strings.Builder
	b.WriteString(`# PowerShell completion for pilotpack. Load it with (in $PROFILE):
#   pilotpack completion powershell | Out-String | Invoke-Expression

$__pilotpackTree = @{
`)
	for _, n := range tree {
		subs := n.subs
		if len(n.args) > 0 {
			subs = n.args
		}
		quote := func(ss []string) string {
			var q []string
			for _, s := range ss {
				q = append(q, pq(s))
			}
			return "@(" + strings.Join(q, ", ") + ")"
		}
		var choices []string
		for _, f := range n.flags {
			for _, nm := range f.names {
				if len(f.choices) > 0 {
					choices = append(choices, pq(nm)+" = "+quote(f.choices))
				}
			}
		}
		fmt.Fprintf(&b, "    %s = @{ Subs = %s; Flags = %s; ValueFlags = %s; Choices = @{ %s } }\n",
			pq(n.path), quote(subs), quote(n.flagNames()), quote(n.valueFlags()), strings.Join(choices, "; "))
	}
	b.WriteString(`}

Register-ArgumentCompleter -Native -CommandName pilotpack -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.ToString() })
    if ($wordToComplete -ne '' -and $words.Count -gt 0) { $words = $words[0..($words.Count - 2)] }
    $cmd = ''
    $skip = $false
    $ended = $false
    foreach ($w in ($words | Select-Object -Skip 1)) {
        if ($skip) { $skip = $false; continue }
        if ($ended) { continue }
        $node = $__pilotpackTree[$cmd]
        if ($w -eq '--') { $ended = $true }
        elseif ($w.StartsWith('-')) { if ($node.ValueFlags -contains $w) { $skip = $true } }
        elseif ($node.Subs -contains $w) { $cmd = ("$cmd $w").Trim() }
    }
    $node = $__pilotpackTree[$cmd]
    $prev = if ($words.Count -gt 0) { $words[-1] } else { '' }
    $candidates = @()
    if (-not $ended -and $node.ValueFlags -contains $prev) {
        if ($node.Choices.ContainsKey($prev)) { $candidates = $node.Choices[$prev] } else { return }
    } elseif (-not $ended -and $wordToComplete.StartsWith('-')) {
        $candidates = $node.Flags
    } elseif ($node.Subs.Count -gt 0) {
        $candidates = $node.Subs
    } else {
        return
    }
    $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`)
	_, err := io.WriteString(w, b.String())
	return err
}
