package datafile

import (
	"encoding"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
)

// Problem is something wrong with one value of a file that still let the rest
// be read. Code is a short stable name: unknown-field, duplicate-key, type,
// enum, required, value or unsupported.
type Problem struct {
	Code string
	Pos  Pos
	Path string
	// Key is the offending key for unknown-field and duplicate-key.
	Key string
	// Severity is Error (the zero value) for problems with the file, Info
	// for a value that was tidied as it was read (see Options.Codes), and
	// Warning for one the file may not mean (cut short at " #").
	Severity finding.Severity
	En, Zh   string
}

// Options tune decoding.
type Options struct {
	// Codes reports whether the field at path (list indexes written [],
	// as in manufacturers[].credit_code), of type t, holds an identifier,
	// a code or a number rather than text. Such values are tidied as they
	// are read: spaces at either end (U+3000 too) are removed and
	// full-width letters and digits made ASCII (NFKC), each change an Info
	// problem naming the field. Whole numbers and numbers are always.
	Codes func(path string, t reflect.Type) bool
}

// SchemaKey is the key a JSON file names its schema with, for editors; it
// may stand at the top level of any file and is not decoded.
const SchemaKey = "$schema"

// Enum is implemented by string types that only take listed values.
type Enum interface {
	EnumKeys() []string
}

// Result remembers where each decoded value came from.
type Result struct {
	pos map[string]Pos
	set map[string]bool
}

// Pos returns the position of path, or of its nearest ancestor present in the
// file (a missing field is reported where its parent is).
func (r *Result) Pos(path string) Pos {
	for {
		if p, ok := r.pos[path]; ok {
			return p
		}
		if path == "" {
			return Pos{Line: 1, Col: 1}
		}
		path = Parent(path)
	}
}

// Has reports whether path was given a non-null value in the file.
func (r *Result) Has(path string) bool { return r.set[path] }

// Given reports whether the file names path at all, even with no value.
func (r *Result) Given(path string) bool {
	_, ok := r.pos[path]
	return ok
}

// WithoutMissing drops the problems that only say a required field is
// absent from the file, for files that override another: what they leave
// out comes from what they override. A field given with no value is still
// a problem.
func WithoutMissing(res *Result, problems []Problem, inherited func(path string) bool) []Problem {
	var out []Problem
	for _, p := range problems {
		if p.Code == "required" && !res.Given(p.Path) && inherited(p.Path) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// Parent returns the path one level up: a.b[2].c → a.b[2] → a.b → a → "".
func Parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// Decode parses data (see Parse) and decodes it into v, which must be a
// pointer to a struct. A returned error means the file could not be read;
// problems are everything wrong with individual values.
func Decode(name string, data []byte, v any, lim Limits) (*Result, []Problem, error) {
	return DecodeWith(name, data, v, lim, Options{})
}

// DecodeWith is Decode with options.
func DecodeWith(name string, data []byte, v any, lim Limits, opts Options) (*Result, []Problem, error) {
	root, problems, err := Parse(name, data, lim)
	if err != nil {
		return nil, nil, err
	}
	r, more := decodeNode(root, v, opts)
	return r, append(problems, more...), nil
}

// DecodeNode decodes a parsed tree into v, as DecodeWith does the tree it
// parses.
func DecodeNode(root *Node, v any, opts Options) (*Result, []Problem) {
	return decodeNode(root, v, opts)
}

func decodeNode(root *Node, v any, opts Options) (*Result, []Problem) {
	d := &decoder{res: &Result{pos: map[string]Pos{}, set: map[string]bool{}}, bad: map[string]bool{}, opts: opts}
	d.decode(root, reflect.ValueOf(v).Elem(), "", root.Pos)
	return d.res, d.problems
}

type decoder struct {
	opts     Options
	res      *Result
	problems []Problem
	// bad holds paths that already have a problem, so a value of the wrong
	// type is not also reported as missing.
	bad map[string]bool
}

func (d *decoder) add(code string, pos Pos, path, en, zh string) {
	d.problems = append(d.problems, Problem{Code: code, Pos: pos, Path: path, En: en, Zh: zh})
	d.bad[path] = true
}

var kindZh = [...]string{Null: "空值", Scalar: "单个值", Mapping: "映射（字段: 值）", Sequence: "列表"}

func (d *decoder) wrongKind(n *Node, path string, want Kind) {
	d.add("type", n.Pos, path,
		fmt.Sprintf("expected %s, found %s", want, n.Kind),
		fmt.Sprintf("应为%s，实际为%s", kindZh[want], kindZh[n.Kind]))
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// decode fills v from n. keyPos is where the field's key stands: a problem
// with a whole block is easier to find at its key than at its first line.
func (d *decoder) decode(n *Node, v reflect.Value, path string, keyPos Pos) {
	if n.Kind == Scalar {
		d.res.pos[path] = n.Pos
		n = d.tidy(n, v.Type(), path)
	} else {
		d.res.pos[path] = keyPos
	}
	if n.Kind == Null {
		return
	}
	for _, dup := range n.Dups {
		d.problems = append(d.problems, Problem{Code: "duplicate-key", Pos: dup.Key.Pos, Path: join(path, dup.Key.Value), Key: dup.Key.Value,
			En: fmt.Sprintf("%q is given twice, first at line %d; remove one of them", dup.Key.Value, dup.First.Line),
			Zh: fmt.Sprintf("%q 重复出现（首次在第 %d 行），请删除其中一个", dup.Key.Value, dup.First.Line)})
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if v.CanAddr() && v.Addr().Type().Implements(textUnmarshaler) {
		if n.Kind == Mapping && v.Kind() == reflect.Struct {
			// A type that takes a plain value or its fields, such as
			// text in one language or in both.
			d.structure(n, v, path)
			return
		}
		if n.Kind != Scalar {
			d.wrongKind(n, path, Scalar)
			return
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			d.add("value", n.Pos, path, lang.Message(err, lang.En), lang.Message(err, lang.Zh))
			return
		}
		d.res.set[path] = true
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structure(n, v, path)
	case reflect.Slice:
		if n.Kind != Sequence {
			d.wrongKind(n, path, Sequence)
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Values), len(n.Values))
		for i, item := range n.Values {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i), item.Pos)
		}
		v.Set(s)
		d.res.set[path] = true
	case reflect.Map:
		if n.Kind != Mapping {
			d.wrongKind(n, path, Mapping)
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Keys))
		for i, k := range n.Keys {
			e := reflect.New(v.Type().Elem()).Elem()
			p := join(path, k.Value)
			d.decode(n.Values[i], e, p, k.Pos)
			m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), e)
		}
		v.Set(m)
		d.res.set[path] = true
	default:
		if n.Kind != Scalar {
			d.wrongKind(n, path, Scalar)
			return
		}
		if d.scalar(n, v, path) {
			d.res.set[path] = true
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func (d *decoder) scalar(n *Node, v reflect.Value, path string) bool {
	switch v.Kind() {
	case reflect.String:
		// Any scalar is accepted as text: phone numbers and codes written
		// without quotes are numbers to YAML but text to the applicant.
		if e, ok := v.Addr().Interface().(Enum); ok {
			keys := e.EnumKeys()
			if !slices.Contains(keys, n.Value) {
				var en, zh string
				switch s := Suggest(n.Value, keys); {
				case s != "":
					en = fmt.Sprintf("%q is not an allowed value; did you mean %q?", n.Value, s)
					zh = fmt.Sprintf("%q 不是允许的取值；是否应为 %q？", n.Value, s)
				case len(keys) <= 12:
					en = fmt.Sprintf("%q is not one of: %s", n.Value, strings.Join(keys, ", "))
					zh = fmt.Sprintf("%q 不是允许的取值（%s）", n.Value, strings.Join(keys, "、"))
				default:
					en = fmt.Sprintf("%q is not an allowed value; the schema lists them (pilotpack schema)", n.Value)
					zh = fmt.Sprintf("%q 不是允许的取值；允许的取值见 pilotpack schema", n.Value)
				}
				d.add("enum", n.Pos, path, en, zh)
				return false
			}
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Tag != "bool" {
			d.add("type", n.Pos, path, fmt.Sprintf("expected true or false, found %q", n.Value), fmt.Sprintf("应为 true 或 false，实际为 %q", n.Value))
			return false
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Int, reflect.Int64, reflect.Int32:
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if n.Tag != "int" || err != nil || v.OverflowInt(i) {
			d.add("type", n.Pos, path, fmt.Sprintf("expected a whole number, found %q", n.Value), fmt.Sprintf("应为整数，实际为 %q", n.Value))
			return false
		}
		v.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if (n.Tag != "int" && n.Tag != "float") || err != nil {
			d.add("type", n.Pos, path, fmt.Sprintf("expected a number, found %q", n.Value), fmt.Sprintf("应为数字，实际为 %q", n.Value))
			return false
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("datafile: unsupported field type %s at %s", v.Type(), path))
	}
	return true
}

func (d *decoder) structure(n *Node, v reflect.Value, path string) {
	if n.Kind != Mapping {
		d.wrongKind(n, path, Mapping)
		return
	}
	fields := fieldsOf(v.Type())
	for i, k := range n.Keys {
		if k.Kind != Scalar {
			d.add("type", k.Pos, path, "a key must be a plain name", "键必须是简单名称")
			continue
		}
		f, ok := fields.byName[k.Value]
		if !ok && path == "" && k.Value == SchemaKey {
			continue
		}
		if !ok {
			en := fmt.Sprintf("unknown field %q", k.Value)
			zh := fmt.Sprintf("未知字段 %q", k.Value)
			if s := Suggest(k.Value, fields.names); s != "" {
				en += fmt.Sprintf("; did you mean %q?", s)
				zh += fmt.Sprintf("；是否应为 %q？", s)
			} else {
				en += "; fields allowed here: " + strings.Join(fields.names, ", ")
				zh += "；此处允许的字段：" + strings.Join(fields.names, "、")
			}
			d.problems = append(d.problems, Problem{Code: "unknown-field", Pos: k.Pos, Path: join(path, k.Value), Key: k.Value, En: en, Zh: zh})
			continue
		}
		d.decode(n.Values[i], v.Field(f.Index), join(path, f.Name), k.Pos)
	}
	d.res.set[path] = true
	for _, f := range fields.list {
		p := join(path, f.Name)
		if d.bad[p] {
			continue
		}
		if f.Required && !d.res.set[p] && d.res.pos[p] == (Pos{}) {
			d.add("required", n.Pos, p,
				fmt.Sprintf("missing required field %q; add it to %s", f.Name, orTop(path, "the top level", "%s")),
				fmt.Sprintf("缺少必填字段 %q，请在%s补充", f.Name, orTop(path, "文件顶层", " %s 中")))
		} else if f.Required && !d.res.set[p] {
			d.add("required", d.res.pos[p], p,
				fmt.Sprintf("required field %q has no value", f.Name),
				fmt.Sprintf("必填字段 %q 没有填写", f.Name))
		} else if f.Required && isBlank(v.Field(f.Index)) {
			d.add("required", d.res.pos[p], p,
				fmt.Sprintf("required field %q is empty", f.Name),
				fmt.Sprintf("必填字段 %q 为空", f.Name))
		}
	}
}

// isBlank reports whether a given value is empty text: a string of spaces,
// or a value whose IsZero says so (text in neither language).
func isBlank(v reflect.Value) bool {
	if v.Kind() == reflect.String {
		return strings.TrimSpace(v.String()) == ""
	}
	if z, ok := v.Addr().Interface().(interface{ IsZero() bool }); ok && v.Kind() == reflect.Struct {
		return z.IsZero()
	}
	return false
}

// orTop names where a field belongs: top for the file's top level, else the
// parent's path set in format.
func orTop(path, top, format string) string {
	if path == "" {
		return top
	}
	return fmt.Sprintf(format, path)
}

// Field describes one decodable struct field.
type Field struct {
	Name     string
	Index    int
	Required bool
	// Text marks free text (a description, not a name or a code), which
	// may be much longer.
	Text bool
}

type structInfo struct {
	list   []Field
	byName map[string]Field
	names  []string
}

var fieldCache sync.Map // reflect.Type → *structInfo

// fieldsOf reads the json tag for a field's name, `pp:"required"` for
// required fields and `pp:"text"` for free text; untagged fields are not
// part of the file.
func fieldsOf(t reflect.Type) *structInfo {
	if s, ok := fieldCache.Load(t); ok {
		return s.(*structInfo)
	}
	s := &structInfo{byName: map[string]Field{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		pp := strings.Split(sf.Tag.Get("pp"), ",")
		f := Field{Name: name, Index: i, Required: slices.Contains(pp, "required"), Text: slices.Contains(pp, "text")}
		s.list = append(s.list, f)
		s.byName[name] = f
		s.names = append(s.names, name)
	}
	fieldCache.Store(t, s)
	return s
}

// Fields lists the decodable fields of a struct type in declaration order,
// for schema generation and linting.
func Fields(t reflect.Type) []Field {
	return fieldsOf(t).list
}
