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
	"sync"
	"unicode/utf8"

	goyaml "github.com/goccy/go-yaml"
	goparser "github.com/goccy/go-yaml/parser"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/simplifiedchinese"

	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/shell"
)

// Error is a problem that stops a file from being read at all: bad encoding,
// a syntax error, a file too large. It carries the position where known.
type Error struct {
	File string
	Pos  Pos // zero when the whole file is at fault
	Msg  lang.Text
}

func (e *Error) Error() string { return e.In(lang.En) }

// In words the error in l: FILE:LINE:COL: message.
func (e *Error) In(l lang.Lang) string {
	switch {
	case e.Pos.Cell != "":
		return fmt.Sprintf("%s:%s: %s", e.File, e.Pos.Cell, e.Msg.In(l))
	case e.Pos.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg.In(l))
	case e.Pos.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Pos.Line, e.Msg.In(l))
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg.In(l))
}

func newError(file string, pos Pos, t lang.Text, args ...any) *Error {
	return &Error{File: file, Pos: pos, Msg: format(t, args...)}
}

// Errorf is the error for a file that cannot be read at all, for readers
// of other formats (the intake workbook): t is worded in both languages.
func Errorf(file string, pos Pos, t lang.Text, args ...any) *Error {
	return newError(file, pos, t, args...)
}

// TooLarge is the error for a file over the size limit, for callers that
// check the size before reading.
func TooLarge(file string, size, limit int64) *Error {
	return newError(file, Pos{}, msgTooLarge, size, limit)
}

// Parse checks the encoding of data and parses it as JSON when the name ends
// in .json or the text starts with "{", else as YAML. It returns the root node
// and the problems that do not prevent reading (duplicate keys, merge keys).
func Parse(name string, data []byte, lim Limits) (*Node, []Problem, error) {
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return nil, nil, TooLarge(name, int64(len(data)), lim.MaxBytes)
	}
	data, err := checkEncoding(name, data)
	if err != nil {
		return nil, nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, newError(name, Pos{}, msgEmpty)
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

// checkEncoding accepts UTF-8 text and names precisely what else it got: a
// binary file, UTF-16, a GBK/GB18030 file (the usual export of Chinese
// Windows tools), or UTF-8 with a few bad bytes, at the first of them.
func checkEncoding(name string, data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, newError(name, Pos{}, msgUTF16)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if what := binaryKind(data); what.En != "" {
		return nil, newError(name, Pos{}, msgNotText, what)
	}
	if utf8.Valid(data) {
		return data, nil
	}
	first, bad, good := scanUTF8(data)
	pos := offsetPos(data, first)
	if bad >= good && cleanGB18030(data) {
		return nil, newError(name, pos, msgGBK, shell.Quote(filepath.Base(name)))
	}
	more := lang.Text{}
	if bad > 1 {
		more = lang.Count(bad-1, msgMoreBadByte, msgMoreBadBytes)
	}
	how := msgBadByteElsewhere
	if good > 0 || bad == 1 {
		how = msgBadByteInUTF8
	}
	return nil, newError(name, pos, msgBadByte, data[first], pos.Line, pos.Col, more, how)
}

// binaryKind says what a file that is no text at all looks like, or "".
// Text has no NUL bytes and few control characters; a few kinds of file
// are named by their first bytes, since they are the ones given by
// mistake (a scan, the Excel sheet instead of its export).
func binaryKind(data []byte) lang.Text {
	for _, m := range []struct {
		magic string
		what  lang.Text
	}{
		{"%PDF-", lang.T("是 PDF 文件", "it is a PDF")},
		{"PK\x03\x04", lang.T("是 zip 压缩文件，例如 Excel 工作簿或 Word 文档", "it is a zip archive, such as an Excel workbook or a Word document")},
		{"\xD0\xCF\x11\xE0", lang.T("是旧版 Office 文档（.xls 或 .doc）", "it is an old Office document (.xls or .doc)")},
		{"\x89PNG", lang.T("是 PNG 图片", "it is a PNG image")},
		{"\xFF\xD8\xFF", lang.T("是 JPEG 图片", "it is a JPEG image")},
		{"GIF8", lang.T("是 GIF 图片", "it is a GIF image")},
	} {
		if bytes.HasPrefix(data, []byte(m.magic)) {
			return m.what
		}
	}
	head := data[:min(len(data), 8192)]
	if n := bytes.Count(head, []byte{0}); n > 0 {
		if n*3 > len(head) {
			return lang.T("看起来是没有字节顺序标记的 UTF-16 编码；请另存为 UTF-8", "it looks UTF-16 encoded, without a byte-order mark; save it as UTF-8")
		}
		return lang.T("含有文本不会有的 NUL 字节", "it holds NUL bytes, which text does not")
	}
	controls := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			controls++
		}
	}
	if controls*10 > len(head) {
		return lang.T("大部分是控制字符", "it is mostly control characters")
	}
	return lang.Text{}
}

// scanUTF8 returns the offset of the first byte that is not valid UTF-8,
// how many such bytes there are, and how many valid characters beyond
// ASCII: a UTF-8 file with damage has many of the latter and few of the
// former, a file in another encoding the other way round.
func scanUTF8(data []byte) (first, bad, good int) {
	first = -1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			if first < 0 {
				first = i
			}
			bad++
		case size > 1:
			good++
		}
		i += max(size, 1)
	}
	return first, bad, good
}

// cleanGB18030 reports whether data decodes as GB18030 without a byte that
// has no meaning there (the decoder puts U+FFFD for those).
func cleanGB18030(data []byte) bool {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	return err == nil && !bytes.ContainsRune(out, utf8.RuneError)
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
		return newError(b.file, pos, msgTooMany, b.lim.MaxNodes)
	}
	if b.lim.MaxDepth > 0 && depth > b.lim.MaxDepth {
		return newError(b.file, pos, msgTooDeep, b.lim.MaxDepth)
	}
	return nil
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`) })

func (b *builder) yaml(data []byte) (root *Node, err error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	func() {
		// The YAML parser is third-party code fed untrusted text: a panic in it
		// must become an error, not a crash.
		defer func() {
			if r := recover(); r != nil {
				err = newError(b.file, Pos{}, msgYAMLPanic, r)
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
	for _, h := range yamlHints(data) {
		b.problems = append(b.problems, Problem{Code: "yaml", Pos: h.Pos, Severity: finding.Warning, En: h.msg.En, Zh: h.msg.Zh})
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, newError(b.file, Pos{Line: extra.Line, Col: extra.Column}, msgTwoDocs)
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
	msg := err.Error()
	pos := Pos{}
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if ge != nil {
		p := ge.GetToken().Position
		pos, msg = Pos{Line: p.Line, Col: p.Column}, ge.GetMessage()
	}
	// The parsers name the symptom; the hint, where there is one, names
	// the mistake and its fix, at the mistake's own place.
	if h, ok := hintFor(yamlHints(data), pos); ok {
		return &Error{File: b.file, Pos: h.Pos, Msg: format(msgYAMLSyntax, h.msg)}
	}
	return &Error{File: b.file, Pos: pos, Msg: format(msgYAMLSyntax, lang.T(parserZh(msg), msg))}
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
	return nil, newError(b.file, pos, msgBadNode)
}

// JSON is parsed with encoding/json's tokenizer; the start of each token is
// found by skipping separators from the decoder's offset, which gives every
// value its line and column.
type jsonParser struct {
	*builder
	data []byte
	dec  *json.Decoder
	// at is the position of byte offset off: tokens come in order, so the
	// position of the next is found from the last one's, and a file costs
	// one pass however long its lines.
	off int
	at  Pos
}

// posAt returns the position of byte offset off.
func (p *jsonParser) posAt(off int) Pos {
	off = min(off, len(p.data))
	if off < p.off {
		p.off, p.at = 0, Pos{Line: 1, Col: 1}
	}
	for _, c := range p.data[p.off:off] {
		switch {
		case c == '\n':
			p.at.Line++
			p.at.Col = 1
		case c&0xC0 != 0x80: // not a UTF-8 continuation byte: a new character
			p.at.Col++
		}
	}
	p.off = off
	return p.at
}

func (b *builder) json(data []byte) (*Node, error) {
	p := &jsonParser{builder: b, data: data, dec: json.NewDecoder(bytes.NewReader(data)), at: Pos{Line: 1, Col: 1}}
	p.dec.UseNumber()
	root, err := p.value(1)
	if err != nil {
		return nil, err
	}
	pos := p.start()
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, newError(b.file, pos, msgJSONSyntax, msgJSONAfter)
	}
	return root, nil
}

func (p *jsonParser) start() Pos {
	off := int(p.dec.InputOffset())
	for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return p.posAt(off)
}

func (p *jsonParser) syntax(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return newError(p.file, offsetPos(p.data, int(se.Offset)), msgJSONSyntax, lang.T(parserZh(se.Error()), se.Error()))
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return newError(p.file, offsetPos(p.data, len(p.data)), msgJSONSyntax, msgJSONEOF)
	}
	return newError(p.file, p.start(), msgJSONSyntax, lang.T(parserZh(err.Error()), err.Error()))
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
	return nil, newError(p.file, pos, msgJSONSyntax, format(msgJSONToken, tok))
}
