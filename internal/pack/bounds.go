package pack

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/document"
)

// The bounds of one value a template builds or binds: a filter's result, a
// value set or passed to a macro. A real document's values are names,
// dates, amounts and paragraphs of a few kilobytes.
const (
	maxValue = 1 << 20 // bytes of a string
	maxList  = 100_000 // items of a list
	// maxWidth bounds a width, precision or number of decimals a template
	// gives a filter.
	maxWidth = 1000
)

// checkValue reports a value above the bounds of one value.
func checkValue(v *pongo2.Value) error {
	if v == nil || v.IsNil() {
		return nil
	}
	if v.IsString() {
		if n := len(v.String()); n > maxValue {
			return fmt.Errorf("%d bytes, more than the limit of %d for one value", n, maxValue)
		}
		return nil
	}
	switch reflect.ValueOf(v.Interface()).Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		if n := v.Len(); n > maxList {
			return fmt.Errorf("%d items, more than the limit of %d for one list", n, maxList)
		}
	}
	return nil
}

// valueSize is about what a value holds, for the render's budget.
func valueSize(v *pongo2.Value) int {
	if v.IsString() {
		return len(v.String())
	}
	switch reflect.ValueOf(v.Interface()).Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return 16 * v.Len()
	}
	return 16
}

// fits refuses a filter's result of n bytes above the bound of one value,
// before it is built.
func fits(filter string, n int) *pongo2.Error {
	if n > maxValue || n < 0 {
		return filterError(filter, "%s: the result would be %d bytes, more than the limit of %d for one value", filter, n, maxValue)
	}
	return nil
}

func fitsList(filter string, n int) *pongo2.Error {
	if n > maxList {
		return filterError(filter, "%s: the result would be a list of %d items, more than the limit of %d", filter, n, maxList)
	}
	return nil
}

func fitsWidth(filter string, n int) *pongo2.Error {
	if n > maxWidth || n < -maxWidth {
		return filterError(filter, "%s: %d is wider than the limit of %d", filter, n, maxWidth)
	}
	return nil
}

// boundedFilters replace pongo2's filters that build a string or a list in
// proportion to an argument or to their input (and so, chained, without
// limit): each works as pongo2 v6's does, but checks the size of its result
// before it allocates it. The other built-in filters make nothing larger
// than their input, or are banned (see bannedFilters).
var boundedFilters = map[string]pongo2.FilterFunction{
	"add":          filterAdd,
	"addslashes":   filterAddslashes,
	"center":       filterCenter,
	"floatformat":  filterFloatformat,
	"iriencode":    filterIriencode,
	"join":         filterJoin,
	"linenumbers":  filterLinenumbers,
	"ljust":        filterLjust,
	"make_list":    filterMakeList,
	"rjust":        filterRjust,
	"split":        filterSplit,
	"stringformat": filterStringformat,
	"urlencode":    filterUrlencode,
	"wordwrap":     filterWordwrap,
	// The escape every {{ }} of a string goes through.
	"escape": func(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
		return pongo2.AsValue(document.Escape(in.String())), nil
	},
}

// markdownFilter prints a value as Markdown, not as text: the one way a
// template inserts markup from a value on purpose.
func markdownFilter(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	return pongo2.AsSafeValue(in.String()), nil
}

func filterAdd(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	if in.IsNumber() && param.IsNumber() {
		if in.IsFloat() || param.IsFloat() {
			return pongo2.AsValue(in.Float() + param.Float()), nil
		}
		return pongo2.AsValue(in.Integer() + param.Integer()), nil
	}
	a, b := in.String(), param.String()
	if err := fits("add", len(a)+len(b)); err != nil {
		return nil, err
	}
	return pongo2.AsValue(a + b), nil
}

func filterAddslashes(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	s := in.String()
	n := len(s) + strings.Count(s, `\`) + strings.Count(s, `"`) + strings.Count(s, "'")
	if err := fits("addslashes", n); err != nil {
		return nil, err
	}
	return pongo2.AsValue(strings.NewReplacer(`\`, `\\`, `"`, `\"`, "'", `\'`).Replace(s)), nil
}

// pad is the room a width leaves around s, in characters.
func pad(filter string, s string, width int) (int, *pongo2.Error) {
	room := width - utf8.RuneCountInString(s)
	if room <= 0 {
		return 0, nil
	}
	return room, fits(filter, len(s)+room)
}

func filterCenter(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	s := in.String()
	room, err := pad("center", s, param.Integer())
	if err != nil || room == 0 {
		return in, err
	}
	left := room/2 + room%2
	return pongo2.AsValue(strings.Repeat(" ", left) + s + strings.Repeat(" ", room-left)), nil
}

func filterLjust(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	s := in.String()
	room, err := pad("ljust", s, param.Integer())
	if err != nil {
		return nil, err
	}
	return pongo2.AsValue(s + strings.Repeat(" ", room)), nil
}

func filterRjust(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	s := in.String()
	width := param.Integer()
	left := width >= 0
	if !left {
		width = -width
	}
	room, err := pad("rjust", s, width)
	if err != nil {
		return nil, err
	}
	if left {
		return pongo2.AsValue(strings.Repeat(" ", room) + s), nil
	}
	return pongo2.AsValue(s + strings.Repeat(" ", room)), nil
}

func filterFloatformat(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	val := in.Float()
	decimals := -1
	if !param.IsNil() {
		decimals = param.Integer()
	}
	if err := fitsWidth("floatformat", decimals); err != nil {
		return nil, err
	}
	trim := !param.IsNumber()
	if decimals <= 0 {
		decimals = -decimals
		trim = true
	}
	if trim && float64(int(val)) == val {
		return pongo2.AsValue(in.Integer()), nil
	}
	return pongo2.AsValue(strconv.FormatFloat(val, 'f', decimals, 64)), nil
}

// queryEscaped is the length of url.QueryEscape(s), counted before it is
// built.
func queryEscaped(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-_.~ ", c) >= 0:
			n++
		default:
			n += 3
		}
	}
	return n
}

// iriKept are the characters iriencode leaves as they are.
const iriKept = "/#%[]=:;$&()+,!?*@'~"

func filterIriencode(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	s := in.String()
	n := 0
	for _, r := range s {
		if strings.ContainsRune(iriKept, r) {
			n += utf8.RuneLen(r)
		} else {
			n += queryEscaped(string(r))
		}
	}
	if err := fits("iriencode", n); err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(iriKept, r) {
			b.WriteRune(r)
		} else {
			b.WriteString(url.QueryEscape(string(r)))
		}
	}
	return pongo2.AsValue(b.String()), nil
}

func filterUrlencode(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	s := in.String()
	if err := fits("urlencode", queryEscaped(s)); err != nil {
		return nil, err
	}
	return pongo2.AsValue(url.QueryEscape(s)), nil
}

func filterJoin(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	if !in.CanSlice() {
		return in, nil
	}
	sep := param.String()
	n := in.Len()
	parts := make([]string, 0, min(n, maxList))
	size := 0
	for i := range n {
		p := in.Index(i).String()
		size += len(p) + len(sep)
		if err := fits("join", size-len(sep)); err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	return pongo2.AsValue(strings.Join(parts, sep)), nil
}

func filterLinenumbers(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	s := in.String()
	lines := strings.Count(s, "\n") + 1
	if err := fits("linenumbers", len(s)+lines*(len(strconv.Itoa(lines))+2)); err != nil {
		return nil, err
	}
	out := strings.Split(s, "\n")
	for i, l := range out {
		out[i] = fmt.Sprintf("%d. %s", i+1, l)
	}
	return pongo2.AsValue(strings.Join(out, "\n")), nil
}

func filterMakeList(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	s := in.String()
	if err := fitsList("make_list", utf8.RuneCountInString(s)); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(s))
	for _, r := range s {
		out = append(out, string(r))
	}
	return pongo2.AsValue(out), nil
}

func filterSplit(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	s, sep := in.String(), param.String()
	n := utf8.RuneCountInString(s)
	if sep != "" {
		n = strings.Count(s, sep) + 1
	}
	if err := fitsList("split", n); err != nil {
		return nil, err
	}
	return pongo2.AsValue(strings.Split(s, sep)), nil
}

// filterStringformat formats with a Go verb; the widths and precisions it
// gives are bounded, and none may come from the value (*).
func filterStringformat(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	format := param.String()
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		for i++; i < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[i]) >= 0; {
			switch c := format[i]; {
			case c == '*':
				return nil, filterError("stringformat", "stringformat %q: a width or precision must be written in the format, not taken from the value (*)", format)
			case c >= '0' && c <= '9':
				j := i
				for j < len(format) && format[j] >= '0' && format[j] <= '9' {
					j++
				}
				n, err := strconv.Atoi(format[i:j])
				if err != nil || n > maxWidth {
					return nil, filterError("stringformat", "stringformat %q: %s is wider than the limit of %d", format, format[i:j], maxWidth)
				}
				i = j
			default:
				i++
			}
		}
	}
	return pongo2.AsValue(fmt.Sprintf(format, in.Interface())), nil
}

// filterWordwrap puts every param words on a line of their own. (pongo2's
// counts the lines wrongly and fails for 5 words in lines of 3.)
func filterWordwrap(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	words := strings.Fields(in.String())
	per := param.Integer()
	if per <= 0 {
		return in, nil
	}
	var lines []string
	for i := 0; i < len(words); i += per {
		lines = append(lines, strings.Join(words[i:min(i+per, len(words))], " "))
	}
	return pongo2.AsValue(strings.Join(lines, "\n")), nil
}
