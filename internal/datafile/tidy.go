package datafile

import (
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
)

// A Chinese input method types full-width digits and letters (９１３１…,
// ＡＢ) and a copy from a Word table brings spaces, often the ideographic
// space U+3000, at either end of a cell. In an identifier, a code or a
// number these are never meant: tidy removes them and says so, in fields
// Options.Codes names only; text keeps every character it was given.

var (
	msgTidied    = lang.T("已规范为 %s（原为 %s）：%s", "read as %s (was %s): %s")
	msgTidyWidth = lang.T("全角字母和数字改为半角", "full-width letters and digits made ASCII")
	msgTidyTrim  = lang.T("删去了前后的空格", "spaces at the start or end removed")
	msgTidySep   = lang.T("；", "; ")
)

var numberKinds = map[reflect.Kind]bool{reflect.Int: true, reflect.Int32: true, reflect.Int64: true, reflect.Float64: true}

// tidy returns n with its value tidied when the field holds a code or a
// number, adding an Info problem that names the change.
func (d *decoder) tidy(n *Node, t reflect.Type, path string) *Node {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if !numberKinds[t.Kind()] && (d.opts.Codes == nil || !d.opts.Codes(pattern(path), t)) {
		return n
	}
	trimmed := strings.TrimFunc(n.Value, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })
	narrow := norm.NFKC.String(trimmed)
	if narrow == n.Value {
		return n
	}
	var what []lang.Text
	if narrow != trimmed {
		what = append(what, msgTidyWidth)
	}
	if trimmed != n.Value {
		what = append(what, msgTidyTrim)
	}
	how := lang.T(joinTexts(what, msgTidySep.Zh, lang.Zh), joinTexts(what, msgTidySep.En, lang.En))
	m := format(msgTidied, strconv.Quote(narrow), strconv.Quote(n.Value), how)
	d.problems = append(d.problems, Problem{Code: "tidied", Severity: finding.Info, Pos: n.Pos, Path: path, En: m.En, Zh: m.Zh})
	c := *n
	c.Value = narrow
	// A number typed in full width reads as text to YAML; tidied, it is
	// the number it shows.
	if c.Tag == "str" {
		if _, err := strconv.ParseInt(narrow, 10, 64); err == nil {
			c.Tag = "int"
		} else if _, err := strconv.ParseFloat(narrow, 64); err == nil {
			c.Tag = "float"
		}
	}
	return &c
}

func joinTexts(ts []lang.Text, sep string, l lang.Lang) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.In(l)
	}
	return strings.Join(s, sep)
}

// pattern writes a path's list indexes as []: manufacturers[2].id →
// manufacturers[].id.
func pattern(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	skip := false
	for _, r := range path {
		switch {
		case r == '[':
			b.WriteString("[]")
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}
