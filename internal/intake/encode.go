package intake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/lang"
	"pilotpack/internal/shell"
)

// Formats names the formats Encode writes, by extension.
var Formats = []string{".yaml", ".yml", ".json", ".xlsx"}

// Encode writes f in the format of the file name out (.yaml, .yml, .json
// or .xlsx). YAML and JSON list the fields in the schema's order and leave
// out what is not given; text in the file's language alone is written as
// a plain value. Comments of a YAML file are not part of the model, so a
// conversion loses them.
func Encode(f *applicant.File, out string) ([]byte, error) {
	if f == nil {
		f = &applicant.File{}
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".xlsx":
		var b bytes.Buffer
		err := Write(&b, f)
		return b.Bytes(), err
	case ".yaml", ".yml":
		n := encodeNode(f)
		var b bytes.Buffer
		// The header speaks the file's language, as its values do.
		l := f.Application.Language.Lang()
		if !l.Valid() {
			l = lang.Zh
		}
		fmt.Fprintf(&b, "# yaml-language-server: $schema=pilotpack.schema.json\n# %s\n# %s\n\n",
			msgHeaderTitle.In(l), lang.Sprintf(l, msgHeaderCheck, shell.Join("pilotpack", "validate", filepath.Base(out))))
		var body bytes.Buffer
		enc := yaml.NewEncoder(&body)
		enc.SetIndent(2)
		if err := enc.Encode(n); err != nil {
			return nil, err
		}
		if err := enc.Close(); err != nil {
			return nil, err
		}
		// A blank line before each section, as people write them.
		for i, line := range bytes.SplitAfter(body.Bytes(), []byte("\n")) {
			if i > 0 && len(line) > 0 && line[0] != ' ' && line[0] != '-' {
				b.WriteByte('\n')
			}
			b.Write(line)
		}
		return b.Bytes(), nil
	case ".json":
		var b bytes.Buffer
		if err := writeJSON(&b, encodeNode(f), ""); err != nil {
			return nil, err
		}
		b.WriteByte('\n')
		return b.Bytes(), nil
	}
	return nil, lang.Errorf(msgEncodeExt, out)
}

func encodeNode(f *applicant.File) *yaml.Node {
	e := &encoder{lang: f.Application.Language.Lang()}
	n, ok := e.value(reflect.ValueOf(f).Elem())
	if !ok {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	return n
}

type encoder struct{ lang lang.Lang }

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// value returns v's node, or false when v is not given (zero).
func (e *encoder) value(v reflect.Value) (*yaml.Node, bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	switch t := v.Type(); {
	case isTextType(t):
		return e.text(textOf(v))
	case t == dateType:
		d := v.Interface().(civil.Date)
		if d.IsZero() {
			return nil, false
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.String()}, true
	case t == moneyType:
		b, _ := v.Interface().(applicant.Money).MarshalText()
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: string(b)}, true
	}
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			return nil, false
		}
		return str(v.String()), true
	case reflect.Bool:
		if !v.Bool() {
			return nil, false
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}, true
	case reflect.Int, reflect.Int64, reflect.Int32:
		if v.Int() == 0 {
			return nil, false
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}, true
	case reflect.Float64:
		if v.Float() == 0 {
			return nil, false
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(v.Float(), 'f', -1, 64)}, true
	case reflect.Slice:
		if v.Len() == 0 {
			return nil, false
		}
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			item, ok := e.value(v.Index(i))
			if !ok {
				item = str("")
			}
			n.Content = append(n.Content, item)
		}
		return n, true
	case reflect.Struct:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, f := range datafile.Fields(v.Type()) {
			if c, ok := e.value(v.Field(f.Index)); ok {
				n.Content = append(n.Content, str(f.Name), c)
			}
		}
		return n, len(n.Content) > 0
	}
	panic("intake: cannot encode " + v.Type().String())
}

// text writes a wording in the file's language alone as a plain value,
// else the wordings there are.
func (e *encoder) text(t applicant.Text) (*yaml.Node, bool) {
	switch {
	case t.Zh == "" && t.En == "":
		return nil, false
	case e.lang == lang.En && t.Zh == "":
		return str(t.En), true
	case e.lang != lang.En && t.En == "":
		return str(t.Zh), true
	}
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if t.Zh != "" {
		n.Content = append(n.Content, str("zh"), str(t.Zh))
	}
	if t.En != "" {
		n.Content = append(n.Content, str("en"), str(t.En))
	}
	return n, true
}

// writeJSON writes the node tree as indented JSON.
func writeJSON(b *bytes.Buffer, n *yaml.Node, indent string) error {
	switch n.Kind {
	case yaml.MappingNode:
		b.WriteString("{")
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n" + indent + "  ")
			if err := writeJSON(b, n.Content[i], indent+"  "); err != nil {
				return err
			}
			b.WriteString(": ")
			if err := writeJSON(b, n.Content[i+1], indent+"  "); err != nil {
				return err
			}
		}
		if len(n.Content) > 0 {
			b.WriteString("\n" + indent)
		}
		b.WriteString("}")
	case yaml.SequenceNode:
		b.WriteString("[")
		for i, c := range n.Content {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n" + indent + "  ")
			if err := writeJSON(b, c, indent+"  "); err != nil {
				return err
			}
		}
		if len(n.Content) > 0 {
			b.WriteString("\n" + indent)
		}
		b.WriteString("]")
	default:
		switch n.Tag {
		case "!!int", "!!float", "!!bool":
			b.WriteString(n.Value)
		default:
			var s bytes.Buffer
			enc := json.NewEncoder(&s)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(n.Value); err != nil {
				return err
			}
			b.Write(bytes.TrimRight(s.Bytes(), "\n"))
		}
	}
	return nil
}
