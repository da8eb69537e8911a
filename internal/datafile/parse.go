package datafile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	goyaml "github.com/goccy/go-yaml"
	goparser "github.com/goccy/go-yaml/parser"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Error is a problem that stops a file from being read at all: bad encoding,
// a syntax error, a file too large. It carries the position where known.
type Error struct {
	File string
	Pos  Pos // zero when the whole file is at fault
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.Pos.Cell != "":
		return fmt.Sprintf("%s:%s: %s", e.File, e.Pos.Cell, e.Msg)
	case e.Pos.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Pos.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Pos.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Parse checks the encoding of data and parses it as JSON when the name ends
// in .json or the text starts with "{", else as YAML. It returns the root node
// and the problems that do not prevent reading (duplicate keys, merge keys).
func Parse(name string, data []byte, lim Limits) (*Node, []Problem, error) {
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return nil, nil, &Error{File: name, Msg: fmt.Sprintf("file is %d bytes, more than the limit of %d; is this the right file?", len(data), lim.MaxBytes)}
	}
	data, err := checkEncoding(name, data)
	if err != nil {
		return nil, nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, &Error{File: name, Msg: "file is empty"}
	}
	p := &builder{file: name, lim: lim}
	var root *Node
	if strings.EqualFold(filepath.Ext(name), ".json") || bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		root, err = p.json(data)
	} else {
		root, err = p.yaml(data)
	}
	if err != nil {
		return nil, nil, err
	}
	return root, p.problems, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func checkEncoding(name string, data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, &Error{File: name, Msg: "file is UTF-16 encoded; save it as UTF-8"}
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, nil
	}
	bad := 0
	for bad < len(data) {
		r, size := utf8.DecodeRune(data[bad:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		bad += size
	}
	pos := offsetPos(data, bad)
	msg := "file is not valid UTF-8; save it as UTF-8"
	if _, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
		msg = "file is not UTF-8: it looks GBK/GB18030-encoded; save it as UTF-8 (for example: iconv -f GB18030 -t UTF-8 " + filepath.Base(name) + " > utf8-" + filepath.Base(name) + ")"
	}
	return nil, &Error{File: name, Pos: pos, Msg: msg}
}

// offsetPos converts a byte offset into a line and a column in characters.
func offsetPos(data []byte, off int) Pos {
	if off > len(data) {
		off = len(data)
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Pos{Line: line, Col: 1 + utf8.RuneCount(data[start:off])}
}

type builder struct {
	file     string
	lim      Limits
	nodes    int
	problems []Problem
}

var errTooMany = errors.New("too many nodes")

func (b *builder) count(pos Pos, depth int) error {
	b.nodes++
	if b.lim.MaxNodes > 0 && b.nodes > b.lim.MaxNodes {
		return &Error{File: b.file, Pos: pos, Msg: fmt.Sprintf("file expands to more than %d values (through YAML aliases?); refusing to read it", b.lim.MaxNodes)}
	}
	if b.lim.MaxDepth > 0 && depth > b.lim.MaxDepth {
		return &Error{File: b.file, Pos: pos, Msg: fmt.Sprintf("values are nested more than %d levels deep", b.lim.MaxDepth)}
	}
	return nil
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func (b *builder) yaml(data []byte) (root *Node, err error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	func() {
		// The YAML parser is third-party code fed untrusted text: a panic in it
		// must become an error, not a crash.
		defer func() {
			if r := recover(); r != nil {
				err = &Error{File: b.file, Msg: fmt.Sprintf("YAML parser failed: %v", r)}
			}
		}()
		err = dec.Decode(&doc)
	}()
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, e
		}
		return nil, b.yamlSyntax(data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, &Error{File: b.file, Pos: Pos{Line: extra.Line, Col: extra.Column}, Msg: "more than one YAML document (---); put everything in one"}
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return b.fromYAML(doc.Content[0], 1)
	}
	return b.fromYAML(&doc, 1)
}

// yamlSyntax turns a parse failure into an error with a position. yaml.v3
// reports only a line, and for some errors the line before; goccy/go-yaml's
// parser points at the offending token, so it is asked for the position.
func (b *builder) yamlSyntax(data []byte, err error) error {
	var ge goyaml.Error
	func() {
		defer func() { recover() }()
		_, perr := goparser.ParseBytes(data, 0)
		if !errors.As(perr, &ge) || ge.GetToken() == nil {
			ge = nil
		}
	}()
	if ge != nil {
		p := ge.GetToken().Position
		return &Error{File: b.file, Pos: Pos{Line: p.Line, Col: p.Column}, Msg: "YAML syntax: " + ge.GetMessage()}
	}
	msg := err.Error()
	pos := Pos{}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	return &Error{File: b.file, Pos: pos, Msg: "YAML syntax: " + msg}
}

func (b *builder) fromYAML(y *yaml.Node, depth int) (*Node, error) {
	pos := Pos{Line: y.Line, Col: y.Column}
	if err := b.count(pos, depth); err != nil {
		return nil, err
	}
	switch y.Kind {
	case yaml.AliasNode:
		// Expanding the alias again for every use is what the node budget
		// bounds; a self-referencing alias runs into the same limit.
		n, err := b.fromYAML(y.Alias, depth+1)
		if err != nil {
			return nil, err
		}
		c := *n
		c.Pos = pos
		return &c, nil
	case yaml.ScalarNode:
		tag := strings.TrimPrefix(y.ShortTag(), "!!")
		if tag == "null" {
			return &Node{Kind: Null, Pos: pos}, nil
		}
		return &Node{Kind: Scalar, Tag: tag, Value: y.Value, Pos: pos}, nil
	case yaml.SequenceNode:
		n := &Node{Kind: Sequence, Pos: pos}
		for _, c := range y.Content {
			v, err := b.fromYAML(c, depth+1)
			if err != nil {
				return nil, err
			}
			n.Values = append(n.Values, v)
		}
		return n, nil
	case yaml.MappingNode:
		n := &Node{Kind: Mapping, Pos: pos}
		seen := map[string]Pos{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, err := b.fromYAML(y.Content[i], depth+1)
			if err != nil {
				return nil, err
			}
			if k.Kind == Scalar && k.Tag == "merge" {
				b.problems = append(b.problems, Problem{Code: "unsupported", Pos: k.Pos,
					En: "YAML merge keys (<<) are not supported; write the fields out",
					Zh: "不支持 YAML 合并键（<<），请直接写出各字段"})
				continue
			}
			if k.Kind == Scalar {
				if first, dup := seen[k.Value]; dup {
					n.Dups = append(n.Dups, Dup{Key: k, First: first})
					continue
				}
				seen[k.Value] = k.Pos
			}
			v, err := b.fromYAML(y.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			n.Keys = append(n.Keys, k)
			n.Values = append(n.Values, v)
		}
		return n, nil
	case yaml.DocumentNode:
		return &Node{Kind: Null, Pos: pos}, nil
	}
	return nil, &Error{File: b.file, Pos: pos, Msg: "unsupported YAML node"}
}

// JSON is parsed with encoding/json's tokenizer; the start of each token is
// found by skipping separators from the decoder's offset, which gives every
// value its line and column.
type jsonParser struct {
	*builder
	data []byte
	dec  *json.Decoder
}

func (b *builder) json(data []byte) (*Node, error) {
	p := &jsonParser{builder: b, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	root, err := p.value(1)
	if err != nil {
		return nil, err
	}
	pos := p.start()
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &Error{File: b.file, Pos: pos, Msg: "JSON syntax: unexpected text after the top-level value"}
	}
	return root, nil
}

func (p *jsonParser) start() Pos {
	off := int(p.dec.InputOffset())
	for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return offsetPos(p.data, off)
}

func (p *jsonParser) syntax(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &Error{File: p.file, Pos: offsetPos(p.data, int(se.Offset)), Msg: "JSON syntax: " + se.Error()}
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{File: p.file, Pos: offsetPos(p.data, len(p.data)), Msg: "JSON syntax: unexpected end of file"}
	}
	return &Error{File: p.file, Pos: p.start(), Msg: "JSON syntax: " + err.Error()}
}

func (p *jsonParser) value(depth int) (*Node, error) {
	pos := p.start()
	if err := p.count(pos, depth); err != nil {
		return nil, err
	}
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntax(err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &Node{Kind: Mapping, Pos: pos}
			seen := map[string]Pos{}
			for p.dec.More() {
				kpos := p.start()
				kt, err := p.dec.Token()
				if err != nil {
					return nil, p.syntax(err)
				}
				key, _ := kt.(string)
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				if first, dup := seen[key]; dup {
					n.Dups = append(n.Dups, Dup{Key: &Node{Kind: Scalar, Tag: "str", Value: key, Pos: kpos}, First: first})
					continue
				}
				seen[key] = kpos
				n.Keys = append(n.Keys, &Node{Kind: Scalar, Tag: "str", Value: key, Pos: kpos})
				n.Values = append(n.Values, v)
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.syntax(err)
			}
			return n, nil
		case '[':
			n := &Node{Kind: Sequence, Pos: pos}
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Values = append(n.Values, v)
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.syntax(err)
			}
			return n, nil
		}
	case string:
		return &Node{Kind: Scalar, Tag: "str", Value: t, Pos: pos}, nil
	case json.Number:
		tag := "int"
		if strings.ContainsAny(string(t), ".eE") {
			tag = "float"
		}
		return &Node{Kind: Scalar, Tag: tag, Value: string(t), Pos: pos}, nil
	case bool:
		return &Node{Kind: Scalar, Tag: "bool", Value: strconv.FormatBool(t), Pos: pos}, nil
	case nil:
		return &Node{Kind: Null, Pos: pos}, nil
	}
	return nil, &Error{File: p.file, Pos: pos, Msg: fmt.Sprintf("JSON syntax: unexpected %v", tok)}
}
