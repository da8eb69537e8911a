package compare

import (
	"encoding"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"

	"pilotpack/internal/applicant"
)

// FieldChange is one value of the applicant file that differs between the
// two versions, named by its path in the file as validate names it.
type FieldChange struct {
	// Path is where the value is in the new file (in the old one for a
	// removed value): manufacturers[1].agreement.term_years.
	Path string `json:"path"`
	// OldPath is where it was in the old file, when that is elsewhere (a
	// manufacturer listed in another place).
	OldPath string `json:"old_path,omitempty"`
	// Kind is changed, added (not in the old file), removed (not in the
	// new one) or moved (a listed item now in another place among the
	// others).
	Kind string `json:"kind"`
	Old  any    `json:"old,omitempty"`
	New  any    `json:"new,omitempty"`
	// OldAt and NewAt are where the value is written in each file:
	// adc.yaml:353:19.
	OldAt string `json:"old_at,omitempty"`
	NewAt string `json:"new_at,omitempty"`
}

// Data compares two applicant files field by field. Lists of things with
// an identity (stages, manufacturers by id; transfers by their stages;
// attachments by path; responsibilities by activity) are compared by it,
// so that a manufacturer added in front does not make every later one
// "changed"; other lists by their values, in order.
func Data(old, new *applicant.Applicant) []FieldChange {
	d := &dataDiff{old: old, new: new}
	d.value("", "", reflect.ValueOf(old.File).Elem(), reflect.ValueOf(new.File).Elem())
	return d.out
}

type dataDiff struct {
	old, new *applicant.Applicant
	out      []FieldChange
}

var (
	textType      = reflect.TypeFor[applicant.Text]()
	nameType      = reflect.TypeFor[applicant.Name]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

func (d *dataDiff) at(a *applicant.Applicant, path string) string {
	p := a.Pos(path)
	return fmt.Sprintf("%s:%d:%d", filepath.Base(a.Path), p.Line, p.Col)
}

func (d *dataDiff) add(c FieldChange) {
	if c.Kind != "added" {
		c.OldAt = d.at(d.old, or(c.OldPath, c.Path))
	}
	if c.Kind != "removed" {
		c.NewAt = d.at(d.new, c.Path)
	}
	d.out = append(d.out, c)
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// value compares a and b, at path in the new file and oldPath in the old.
func (d *dataDiff) value(path, oldPath string, a, b reflect.Value) {
	moved := ""
	if oldPath != path {
		moved = oldPath
	}
	switch {
	case a.Type() == textType || a.Type() == nameType:
		ta, tb := textOf2(a), textOf2(b)
		if ta == tb {
			return
		}
		if ta.En == "" && tb.En == "" {
			d.leaf(path, moved, ta.Zh, tb.Zh)
			return
		}
		if ta.Zh != tb.Zh {
			d.leaf(join(path, "zh"), suffix(moved, "zh"), ta.Zh, tb.Zh)
		}
		if ta.En != tb.En {
			d.leaf(join(path, "en"), suffix(moved, "en"), ta.En, tb.En)
		}
		return
	case a.Type().Implements(textMarshaler) && a.Kind() != reflect.Pointer:
		ma, _ := a.Interface().(encoding.TextMarshaler).MarshalText()
		mb, _ := b.Interface().(encoding.TextMarshaler).MarshalText()
		if string(ma) != string(mb) {
			va, vb := any(string(ma)), any(string(mb))
			if a.IsZero() {
				va = nil
			}
			if b.IsZero() {
				vb = nil
			}
			d.change(path, moved, va, vb)
		}
		return
	}
	switch a.Kind() {
	case reflect.Pointer:
		switch {
		case a.IsNil() && b.IsNil():
		case a.IsNil():
			d.change(path, moved, nil, b.Interface())
		case b.IsNil():
			d.change(path, moved, a.Interface(), nil)
		default:
			d.value(path, oldPath, a.Elem(), b.Elem())
		}
	case reflect.Struct:
		t := a.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if !f.IsExported() || name == "" || name == "-" {
				continue
			}
			d.value(join(path, name), join(oldPath, name), a.Field(i), b.Field(i))
		}
	case reflect.Slice:
		d.slice(path, oldPath, a, b)
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			va, vb := any(a.Interface()), any(b.Interface())
			if a.IsZero() {
				va = nil
			}
			if b.IsZero() {
				vb = nil
			}
			d.change(path, moved, va, vb)
		}
	}
}

func (d *dataDiff) leaf(path, oldPath, a, b string) {
	var va, vb any
	if a != "" {
		va = a
	}
	if b != "" {
		vb = b
	}
	d.change(path, oldPath, va, vb)
}

// change records a value that differs; nil is a value not given.
func (d *dataDiff) change(path, oldPath string, a, b any) {
	kind := "changed"
	switch {
	case a == nil:
		kind = "added"
	case b == nil:
		kind = "removed"
	}
	d.add(FieldChange{Path: path, OldPath: oldPath, Kind: kind, Old: a, New: b})
}

// slice compares two lists: by the identity of their elements where they
// have one, else by value.
func (d *dataDiff) slice(path, oldPath string, a, b reflect.Value) {
	ka, kb := make([]string, a.Len()), make([]string, b.Len())
	keyed := true
	for i := range ka {
		ka[i] = keyOf(a.Index(i))
		keyed = keyed && ka[i] != ""
	}
	for j := range kb {
		kb[j] = keyOf(b.Index(j))
		keyed = keyed && kb[j] != ""
	}
	if !keyed {
		for i := range ka {
			ka[i] = jsonOf(a.Index(i))
		}
		for j := range kb {
			kb[j] = jsonOf(b.Index(j))
		}
	}
	elem := func(p string, i int) string { return fmt.Sprintf("%s[%d]", p, i) }
	pairs := align(ka, kb, func(i, j int) float64 {
		if keyed {
			return noPair // an element is its key: the same key is found below
		}
		return 0.5 // unlabelled: pair in order what is left between equal ones
	})
	// Elements of the same key out of order moved among the others.
	if keyed {
		byKey := map[string]int{}
		for _, p := range pairs {
			if p.a >= 0 && p.b < 0 {
				byKey[ka[p.a]] = p.a
			}
		}
		var out []pair
		matched := map[int]bool{}
		for _, p := range pairs {
			if p.a < 0 && p.b >= 0 {
				if i, ok := byKey[kb[p.b]]; ok {
					out = append(out, pair{i, p.b})
					matched[i] = true
					continue
				}
			}
			out = append(out, p)
		}
		pairs = out[:0:0]
		for _, p := range out {
			if p.b < 0 && matched[p.a] {
				continue
			}
			pairs = append(pairs, p)
		}
	}
	inOrder := map[pair]bool{}
	for _, p := range lcsPairs(pairs) {
		inOrder[p] = true
	}
	for _, p := range pairs {
		switch {
		case p.a >= 0 && p.b >= 0:
			if keyed && !inOrder[p] {
				d.add(FieldChange{Path: elem(path, p.b), OldPath: elem(oldPath, p.a), Kind: "moved", Old: p.a, New: p.b})
			}
			d.value(elem(path, p.b), elem(oldPath, p.a), a.Index(p.a), b.Index(p.b))
		case p.a >= 0:
			d.add(FieldChange{Path: elem(oldPath, p.a), Kind: "removed", Old: a.Index(p.a).Interface()})
		default:
			d.add(FieldChange{Path: elem(path, p.b), Kind: "added", New: b.Index(p.b).Interface()})
		}
	}
}

// lcsPairs returns the pairs that keep their order: the longest run of
// pairs whose old positions increase with their new ones.
func lcsPairs(pairs []pair) []pair {
	var ps []pair
	for _, p := range pairs {
		if p.a >= 0 && p.b >= 0 {
			ps = append(ps, p)
		}
	}
	// Longest increasing subsequence of old positions, in new order.
	sortedByB := append([]pair(nil), ps...)
	for i := 1; i < len(sortedByB); i++ {
		for j := i; j > 0 && sortedByB[j].b < sortedByB[j-1].b; j-- {
			sortedByB[j], sortedByB[j-1] = sortedByB[j-1], sortedByB[j]
		}
	}
	n := len(sortedByB)
	length, prev := make([]int, n), make([]int, n)
	best := -1
	for i := range n {
		length[i], prev[i] = 1, -1
		for j := range i {
			if sortedByB[j].a < sortedByB[i].a && length[j]+1 > length[i] {
				length[i], prev[i] = length[j]+1, j
			}
		}
		if best < 0 || length[i] > length[best] {
			best = i
		}
	}
	var out []pair
	for i := best; i >= 0; i = prev[i] {
		out = append(out, sortedByB[i])
	}
	return out
}

// keyOf is the identity of a list element: its id, path or activity, or
// the stages a transfer joins; "" for elements without one.
func keyOf(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct || v.Type() == textType || v.Type() == nameType {
		return ""
	}
	field := func(name string) string {
		t := v.Type()
		for i := range t.NumField() {
			if strings.Split(t.Field(i).Tag.Get("json"), ",")[0] == name && v.Field(i).Kind() == reflect.String {
				return v.Field(i).String()
			}
		}
		return ""
	}
	for _, name := range []string{"id", "path", "activity"} {
		if k := field(name); k != "" {
			return name + "=" + k
		}
	}
	if from, to := field("from"), field("to"); from != "" && to != "" {
		return "transfer=" + from + "→" + to
	}
	return ""
}

func jsonOf(v reflect.Value) string {
	b, _ := json.Marshal(v.Interface())
	return string(b)
}

func textOf2(v reflect.Value) applicant.Text {
	if v.Type() == nameType {
		return v.Interface().(applicant.Name).Text()
	}
	return v.Interface().(applicant.Text)
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func suffix(path, name string) string {
	if path == "" {
		return ""
	}
	return path + "." + name
}
