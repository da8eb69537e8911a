package document

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A container is a fenced block of Markdown with a name:
//
//	::: signature
//	- 甲方（委托方）：上海瀚源生物医药科技有限公司
//	- 乙方（受托方）：上海臻恒生物技术有限公司
//	:::
//
// Its lines are parsed as ordinary Markdown blocks and the name says what the
// block means. Containers do not nest.
type containerNode struct {
	ast.BaseBlock
	Name string
	Args string
	Line int
}

var kindContainer = ast.NewNodeKind("Container")

func (n *containerNode) Kind() ast.NodeKind { return kindContainer }

func (n *containerNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Args": n.Args}, nil)
}

type containerParser struct{}

func (containerParser) Trigger() []byte { return []byte{':'} }

func fence(line []byte, offset int) (name string, ok bool) {
	w, pos := util.IndentWidth(line, offset)
	if w > 3 || pos+3 > len(line) || string(line[pos:pos+3]) != ":::" {
		return "", false
	}
	return strings.TrimSpace(strings.TrimLeft(string(line[pos:]), ":")), true
}

func (containerParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if _, isContainer := parent.(*containerNode); isContainer {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	name, ok := fence(line, reader.LineOffset())
	if !ok || name == "" {
		return nil, parser.NoChildren
	}
	fields := strings.Fields(name)
	n := &containerNode{Name: strings.ToLower(fields[0]), Args: strings.Join(fields[1:], " ")}
	n.Line = seg.Start // turned into a line number by the converter
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

func (containerParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if name, ok := fence(line, reader.LineOffset()); ok && name == "" {
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (containerParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (containerParser) CanInterruptParagraph() bool                                { return true }
func (containerParser) CanAcceptIndentedLine() bool                                { return false }
