package pack

import (
	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack/renderctx"
)

// ContextOptions say what a document is rendered for.
type ContextOptions struct {
	// Lang is the document's language.
	Lang lang.Lang
	// Manufacturer is the id of the manufacturer a per-manufacturer document
	// is for; empty for documents made once.
	Manufacturer string
	// Date is the build date, printed as the date of drafts.
	Date civil.Date
	// Draft marks documents built from data with errors.
	Draft bool
}

// Activity is one row of the responsibility matrix (职责分工表).
type Activity = renderctx.Activity

// Row is a row of a manufacturer's responsibility matrix.
type Row = renderctx.Row

// MatrixFor returns the responsibility matrix of manufacturer m (nil: the
// pack's defaults).
func (p *Pack) MatrixFor(m *applicant.Manufacturer) []Row { return renderctx.MatrixFor(p.Matrix, m) }

// Shared builds the context every document of a's packet shares, in
// opts.Lang (see renderctx.New).
func (p *Pack) Shared(a *applicant.Applicant, opts ContextOptions, fs finding.List) *renderctx.Base {
	rp := &renderctx.Pack{ID: p.ID, Version: p.Version, Name: p.Name, Issuer: p.Issuer, Policy: p.Policy, Matrix: p.Matrix}
	for _, d := range p.Documents {
		rp.Documents = append(rp.Documents, renderctx.Document{ID: d.ID, Title: d.Title, PerManufacturer: d.PerManufacturer})
	}
	return renderctx.New(a, rp, renderctx.Options{Lang: opts.Lang, Date: opts.Date, Draft: opts.Draft}, fs)
}

// Context is the render context of one document of this pack: the shared
// context with the manufacturer it is made for.
func (p *Pack) Context(a *applicant.Applicant, opts ContextOptions, fs finding.List) pongo2.Context {
	return p.Shared(a, opts, fs).For(opts.Manufacturer)
}
