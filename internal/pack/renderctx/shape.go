package renderctx

import (
	"reflect"
	"sort"

	"pilotpack/internal/applicant"
	"pilotpack/internal/datafile"
)

// Shape describes the values a template can reach: pongo2 renders an unknown
// field as nothing, so pack lint checks every path a template uses against
// the shape of the render context instead.
type Shape struct {
	Kind   ShapeKind
	Fields map[string]*Shape // for maps
	Elem   *Shape            // for lists
}

// ShapeKind is what a value is.
type ShapeKind int

// Shape kinds. Any accepts every path below it.
const (
	Scalar ShapeKind = iota
	Map
	List
	Any
)

func mapShape(fields map[string]*Shape) *Shape { return &Shape{Kind: Map, Fields: fields} }
func listOf(elem *Shape) *Shape                { return &Shape{Kind: List, Elem: elem} }

var scalar = &Shape{Kind: Scalar}

// FieldNames lists a map's fields, sorted.
func (s *Shape) FieldNames() []string {
	var out []string
	for k := range s.Fields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// typeShape mirrors converter.value: the shape of a model type as templates
// see it.
func typeShape(t reflect.Type) *Shape {
	switch t {
	case dateT, moneyT, textT, nameT:
		return scalar
	}
	switch t.Kind() {
	case reflect.Pointer:
		return typeShape(t.Elem())
	case reflect.Struct:
		fields := map[string]*Shape{}
		for _, f := range datafile.Fields(t) {
			fields[f.Name] = typeShape(t.Field(f.Index).Type)
		}
		return mapShape(fields)
	case reflect.Slice:
		return listOf(typeShape(t.Elem()))
	}
	return scalar
}

// FileShape is the shape of the applicant file's sections alone, before
// anything is derived from them.
func FileShape() *Shape { return typeShape(reflect.TypeFor[applicant.File]()) }

func scalars(names ...string) map[string]*Shape {
	m := map[string]*Shape{}
	for _, n := range names {
		m[n] = scalar
	}
	return m
}

// ContextShape is the shape of a document's context (Base.For and Plan):
// the applicant file's sections and the values derived from them and the
// pack. It must change with New; a test compares the two over every
// fixture.
func ContextShape() *Shape {
	root := typeShape(reflect.TypeFor[applicant.File]())
	facts := mapShape(scalars("high_potency", "aseptic", "lyophilises", "live", "device"))
	facts.Fields["stage_keys"] = listOf(scalar)
	stage := root.Fields["stages"].Elem
	for _, k := range []string{"term", "site_name", "at_holder"} {
		stage.Fields[k] = scalar
	}
	stage.Fields["facts"] = facts
	transfer := root.Fields["transfers"].Elem
	transfer.Fields["from_stage"], transfer.Fields["to_stage"] = stage, stage
	transfer.Fields["crosses_sites"] = scalar
	row := mapShape(scalars("id", "chapter", "name", "holder", "manufacturer", "note", "changed"))
	root.Fields["applicant"].Fields["name"] = scalar
	prod := root.Fields["product"]
	for _, k := range []string{"name", "lyophilised", "vaccine", "combination", "approved"} {
		prod.Fields[k] = scalar
	}
	m := root.Fields["manufacturers"].Elem
	m.Fields["name"] = scalar
	m.Fields["stage_terms"] = scalar
	m.Fields["stages"] = listOf(stage)
	m.Fields["qa_staff"] = root.Fields["applicant"].Fields["qa_staff"]
	m.Fields["receives"], m.Fields["ships"] = listOf(transfer), listOf(transfer)
	m.Fields["upstream"], m.Fields["downstream"] = listOf(scalar), listOf(scalar)
	m.Fields["abroad"] = scalar
	m.Fields["facts"] = facts
	m.Fields["matrix"] = listOf(row)
	for k, v := range map[string]*Shape{
		"lang": scalar, "today": scalar, "draft": scalar, "abroad": scalar, "bureau": scalar,
		"role":          mapShape(scalars("full", "short")),
		"manufacturer":  m,
		"holder_stages": listOf(stage),
		"holder_facts":  facts,
		"key_persons": listOf(mapShape(map[string]*Shape{"post": scalar,
			"person": root.Fields["applicant"].Fields["key_personnel"].Fields["quality_head"]})),
		"holder_stage_terms": scalar,
		"matrix":             listOf(row),
		"policy": mapShape(map[string]*Shape{"pilot_start": scalar, "deadline": scalar, "pilot_end": scalar,
			"provinces": listOf(scalar), "min_experience_years": scalar, "min_qa_staff": scalar,
			"gmp_notice_max_age_months": scalar, "eligible_categories": listOf(scalar), "barred_types": listOf(scalar)}),
		"pack":           mapShape(scalars("id", "name", "issuer", "version")),
		"documents":      listOf(mapShape(scalars("id", "title", "per_manufacturer"))),
		"findings":       listOf(mapShape(scalars("severity", "message"))),
		"finding_counts": mapShape(scalars("errors", "warnings", "infos")),
		"readiness":      readinessShape,
		"plan":           planShape(root, stage, m),
	} {
		root.Fields[k] = v
	}
	return root
}

// readinessShape is the shape of the application's readiness: whether it
// can be filed, and the required materials still missing.
var readinessShape = mapShape(map[string]*Shape{"ready": scalar, "complete": scalar, "missing": listOf(scalar)})

// planShape is the shape of Plan's plan.
func planShape(root, stage, m *Shape) *Shape {
	site := mapShape(map[string]*Shape{"name": scalar, "holder": scalar, "province": scalar, "bureau": scalar,
		"country": scalar, "abroad": scalar, "stages": listOf(stage), "gmp": m.Fields["gmp"]})
	return mapShape(map[string]*Shape{
		"sites":              listOf(site),
		"abroad_sites":       listOf(site),
		"partner_bureaus":    listOf(scalar),
		"high_potency_sites": listOf(scalar),
		"provinces":          listOf(mapShape(map[string]*Shape{"province": scalar, "bureau": scalar, "holder_province": scalar, "sites": listOf(scalar)})),
		"transfers":          root.Fields["transfers"],
		"findings":           listOf(mapShape(scalars("severity", "message"))),
		"reports":            listOf(mapShape(scalars("date", "kind"))),
		"start":              scalar,
		"end":                scalar,
	})
}

// ForloopShape is what pongo2 offers inside a for loop.
var ForloopShape = mapShape(map[string]*Shape{
	"Counter": scalar, "Counter0": scalar, "Revcounter": scalar, "Revcounter0": scalar,
	"First": scalar, "Last": scalar, "Parentloop": {Kind: Any},
})
