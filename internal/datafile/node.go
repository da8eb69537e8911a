// Package datafile loads YAML and JSON files strictly into Go structs.
//
// Applicant files, policies, pack manifests and checklists are all written by
// people, so every problem must point at a line and column and name the field.
// The package parses either format into one small tree of nodes with
// positions, then decodes that tree into Go values by reflection, collecting
// every problem (unknown fields with suggestions, duplicate keys, wrong types,
// values outside an enum, missing required fields) instead of stopping at the
// first. Hostile input is bounded: size, nesting depth and the number of nodes
// after YAML alias expansion.
package datafile

import "fmt"

// Pos is a 1-based line and column; the column counts characters, not bytes,
// so it matches what an editor shows on a line with Chinese text.
//
// A value read from a workbook has a Cell: the sheet and cell as a
// spreadsheet names them (受托生产企业!D4), with Line and Col the cell's row
// and column and Sheet the sheet's place in the workbook (1 for the first),
// so that positions still sort in the order a person reads the file.
type Pos struct {
	Line, Col int
	Sheet     int
	Cell      string
}

func (p Pos) String() string {
	if p.Cell != "" {
		return p.Cell
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

// Kind is the shape of a node.
type Kind uint8

// Node kinds.
const (
	Null Kind = iota
	Scalar
	Mapping
	Sequence
)

func (k Kind) String() string {
	return [...]string{"null", "a single value", "a mapping", "a list"}[k]
}

// Node is one value of a parsed file with its position.
type Node struct {
	Kind Kind
	// Tag is the resolved type of a scalar: str, int, float, bool or timestamp.
	Tag   string
	Value string
	Pos   Pos
	// Keys and Values hold a mapping's pairs in file order; Values alone
	// holds a sequence's items.
	Keys   []*Node
	Values []*Node
	// Dups are keys given a second time in this mapping; the decoder reports
	// them with the field's path.
	Dups []Dup
}

// Dup is a repeated mapping key and where the key was first given.
type Dup struct {
	Key   *Node
	First Pos
}

// Limits bound the work a hostile file can cause.
type Limits struct {
	// MaxBytes refuses larger files before parsing.
	MaxBytes int64
	// MaxNodes bounds the nodes built, counting every expansion of a YAML
	// alias, so a "billion laughs" file fails fast.
	MaxNodes int
	// MaxDepth bounds nesting.
	MaxDepth int
}

// DefaultLimits fit every legitimate file with a wide margin: a rich
// applicant file has a few thousand nodes.
var DefaultLimits = Limits{MaxBytes: 4 << 20, MaxNodes: 200_000, MaxDepth: 64}
