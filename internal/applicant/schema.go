package applicant

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"

	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
)

// The model's source is embedded so the schema's descriptions are always the
// doc comments of the fields as compiled, never a copy that drifts.
//
//go:embed model.go
var modelSource []byte

// SchemaID is the $id of the applicant file schema.
const SchemaID = "https://pilotpack.example/schema/applicant.json"

// Schema returns the JSON Schema (draft 2020-12) of the applicant file,
// generated from the Go types, with descriptions from their doc comments and
// the allowed values of every enumerated field.
func Schema() ([]byte, error) {
	docs, err := modelDocs()
	if err != nil {
		return nil, err
	}
	g := &schemaGen{docs: docs, defs: &object{}}
	root := g.structSchema(reflect.TypeFor[File]())
	out := &object{}
	out.set("$schema", "https://json-schema.org/draft/2020-12/schema")
	out.set("$id", SchemaID)
	out.set("title", "pilotpack applicant file")
	for _, kv := range root.kv {
		out.set(kv.k, kv.v)
	}
	out.set("$defs", g.defs)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Docs maps "Type" and "Type.Field" of the model to their doc comments,
// the descriptions the schema gives; init --blank writes them as comments
// and the intake workbook as notes.
func Docs() (map[string]string, error) { return modelDocs() }

// modelDocs maps "Type" and "Type.Field" to their doc comments.
func modelDocs() (map[string]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "model.go", modelSource, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("reading the model's doc comments: %w", err)
	}
	docs := map[string]string{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			ts, ok := spec.(*ast.TypeSpec)
			if !ok {
				continue
			}
			docs[ts.Name.Name] = clean(gd.Doc.Text())
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, fld := range st.Fields.List {
				for _, n := range fld.Names {
					docs[ts.Name.Name+"."+n.Name] = clean(fld.Doc.Text())
				}
			}
		}
	}
	return docs, nil
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// object is a JSON object that keeps its keys in insertion order, so the
// schema lists fields in the order the file is written.
type object struct{ kv []kv }

type kv struct {
	k string
	v any
}

func (o *object) set(k string, v any) { o.kv = append(o.kv, kv{k, v}) }

func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o.kv {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		b.Write(k)
		b.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(e.v); err != nil {
			return nil, err
		}
		b.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

type schemaGen struct {
	docs map[string]string
	defs *object
	done map[string]bool
}

var (
	dateType    = reflect.TypeFor[civil.Date]()
	moneyType   = reflect.TypeFor[Money]()
	countryType = reflect.TypeFor[Country]()
	textType    = reflect.TypeFor[Text]()
	nameType    = reflect.TypeFor[Name]()
	labeledType = reflect.TypeFor[Labeled]()
	enumType    = reflect.TypeFor[datafile.Enum]()
)

func (g *schemaGen) structSchema(t reflect.Type) *object {
	o := &object{}
	o.set("type", "object")
	if d := g.docs[t.Name()]; d != "" {
		o.set("description", d)
	}
	props := &object{}
	var required []string
	for _, f := range datafile.Fields(t) {
		sf := t.Field(f.Index)
		s := g.typeSchema(sf.Type)
		if d := g.docs[t.Name()+"."+sf.Name]; d != "" {
			s.set("description", d)
		}
		props.set(f.Name, s)
		if f.Required {
			required = append(required, f.Name)
		}
	}
	o.set("properties", props)
	if len(required) > 0 {
		o.set("required", required)
	}
	o.set("additionalProperties", false)
	return o
}

func (g *schemaGen) typeSchema(t reflect.Type) *object {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	o := &object{}
	switch {
	case t == dateType:
		o.set("type", "string")
		o.set("format", "date")
		return o
	case t == moneyType:
		o.set("type", []string{"number", "string"})
		o.set("pattern", `^[0-9]+(\.[0-9]{1,2})?$`)
		return o
	case t == textType || t == nameType:
		// A plain value in the file's language, or both wordings.
		g.define("Text", func() *object {
			d := &object{}
			d.set("type", "object")
			d.set("description", "Text in both languages: zh for Chinese documents, en for English documents.")
			props := &object{}
			zh, en := &object{}, &object{}
			zh.set("type", "string")
			zh.set("description", "Chinese wording.")
			en.set("type", "string")
			en.set("description", "English wording, for English documents.")
			props.set("zh", zh)
			props.set("en", en)
			d.set("properties", props)
			d.set("minProperties", 1)
			d.set("additionalProperties", false)
			return d
		})
		plain, both := &object{}, &object{}
		plain.set("type", "string")
		both.set("$ref", "#/$defs/Text")
		o.set("anyOf", []*object{plain, both})
		return o
	case t == countryType:
		o.set("type", "string")
		o.set("pattern", "^[A-Z]{2}$")
		return o
	case t.Implements(enumType):
		keys := reflect.Zero(t).Interface().(datafile.Enum).EnumKeys()
		o.set("type", "string")
		o.set("enum", keys)
		if t.Implements(labeledType) && len(keys) <= 20 {
			o.set("enumDescriptions", enumDescriptions(t, keys))
		}
		return o
	}
	switch t.Kind() {
	case reflect.Struct:
		name := t.Name()
		g.define(name, func() *object { return g.structSchema(t) })
		o.set("$ref", "#/$defs/"+name)
	case reflect.Slice:
		o.set("type", "array")
		o.set("items", g.typeSchema(t.Elem()))
	case reflect.String:
		o.set("type", "string")
	case reflect.Bool:
		o.set("type", "boolean")
	case reflect.Int, reflect.Int64:
		o.set("type", "integer")
		o.set("minimum", 0)
	case reflect.Float64:
		o.set("type", "number")
	default:
		panic("schema: unsupported type " + t.String())
	}
	return o
}

// define adds a definition to $defs once.
func (g *schemaGen) define(name string, schema func() *object) {
	if g.done == nil {
		g.done = map[string]bool{}
	}
	if !g.done[name] {
		g.done[name] = true
		g.defs.set(name, schema())
	}
}

// enumDescriptions are the labels editors show next to each allowed value.
func enumDescriptions(t reflect.Type, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		l := reflect.ValueOf(k).Convert(t).Interface().(Labeled).Label()
		out[i] = l.Zh + " / " + l.En
	}
	return out
}
