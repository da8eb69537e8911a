package docx

import "pilotpack/internal/document"

// Typeset is typeset, for the tests outside the package that compare a
// model with what its DOCX shows.
func Typeset(spans []document.Span) []document.Span { return typeset(spans) }
