package pack

import "pilotpack/internal/pack/renderctx"

// Shape describes the values a template can reach (see renderctx.Shape).
type Shape = renderctx.Shape

// ShapeKind is what a value is.
type ShapeKind = renderctx.ShapeKind

// Shape kinds. Any accepts every path below it.
const (
	Scalar = renderctx.Scalar
	Map    = renderctx.Map
	List   = renderctx.List
	Any    = renderctx.Any
)

var forloopShape = renderctx.ForloopShape

// ContextShape is the shape of a document's render context.
func ContextShape() *Shape { return renderctx.ContextShape() }

var scalar = &Shape{Kind: Scalar}
