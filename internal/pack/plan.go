package pack

import (
	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/finding"
)

// PlanContext is the render context of the bureau's work plan for one
// application (see renderctx.Base.Plan).
func (p *Pack) PlanContext(a *applicant.Applicant, opts ContextOptions, fs finding.List) pongo2.Context {
	b := p.Shared(a, opts, fs)
	return b.Plan(b.For(opts.Manufacturer), fs)
}

// RenderPlan renders the pack's work plan for the applicant.
func (p *Pack) RenderPlan(a *applicant.Applicant, opts ContextOptions, fs finding.List) (string, error) {
	return p.engine.Render(p.Plan.Template(opts.Lang), p.PlanContext(a, opts, fs))
}
