package pack

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

// typeShape mirrors toValue: the shape of a model type as templates see it.
func typeShape(t reflect.Type) *Shape {
	switch {
	case t == dateT, t == moneyT:
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

var textShape = mapShape(map[string]*Shape{"zh": scalar, "en": scalar})

// ContextShape is the shape of Pack.Context: the applicant file's sections
// and the values derived from it and the pack. It must change with Context;
// a test compares the two over every fixture.
func ContextShape() *Shape {
	root := typeShape(reflect.TypeFor[applicant.File]())
	stage := root.Fields["stages"].Elem
	stage.Fields["site_name"] = textShape
	stage.Fields["at_holder"] = scalar
	transfer := root.Fields["transfers"].Elem
	transfer.Fields["from_stage"], transfer.Fields["to_stage"] = stage, stage
	transfer.Fields["crosses_sites"] = scalar
	row := mapShape(map[string]*Shape{"id": scalar, "chapter": textShape, "name": textShape,
		"holder": scalar, "manufacturer": scalar, "note": scalar, "changed": scalar})
	m := root.Fields["manufacturers"].Elem
	m.Fields["stages"] = listOf(stage)
	m.Fields["qa_staff"] = root.Fields["applicant"].Fields["qa_staff"]
	m.Fields["receives"], m.Fields["ships"] = listOf(transfer), listOf(transfer)
	m.Fields["abroad"] = scalar
	m.Fields["matrix"] = listOf(row)
	for k, v := range map[string]*Shape{
		"lang": scalar, "today": scalar, "draft": scalar, "abroad": scalar,
		"manufacturer":  m,
		"holder_stages": listOf(stage),
		"matrix":        listOf(row),
		"policy": mapShape(map[string]*Shape{"pilot_start": scalar, "deadline": scalar, "pilot_end": scalar,
			"provinces": listOf(scalar), "min_experience_years": scalar, "min_qa_staff": scalar,
			"gmp_notice_max_age_months": scalar, "eligible_categories": listOf(scalar), "barred_types": listOf(scalar)}),
		"pack":      mapShape(map[string]*Shape{"id": scalar, "name": textShape, "issuer": textShape, "version": scalar}),
		"documents": listOf(mapShape(map[string]*Shape{"id": scalar, "title": textShape, "per_manufacturer": scalar})),
		"findings": listOf(mapShape(map[string]*Shape{"rule": scalar, "severity": scalar, "path": scalar, "line": scalar,
			"message": textShape, "basis": textShape})),
		"finding_counts": mapShape(map[string]*Shape{"errors": scalar, "warnings": scalar, "infos": scalar}),
		"plan":           planShape(root, stage, m),
	} {
		root.Fields[k] = v
	}
	return root
}

// planShape is the shape of PlanContext's plan.
func planShape(root, stage, m *Shape) *Shape {
	site := mapShape(map[string]*Shape{"id": scalar, "name": textShape, "holder": scalar, "province": scalar,
		"country": scalar, "abroad": scalar, "stages": listOf(stage), "gmp": m.Fields["gmp"]})
	return mapShape(map[string]*Shape{
		"sites":        listOf(site),
		"abroad_sites": listOf(site),
		"provinces":    listOf(mapShape(map[string]*Shape{"province": scalar, "holder_province": scalar, "sites": listOf(textShape)})),
		"transfers":    root.Fields["transfers"],
		"findings":     listOf(mapShape(map[string]*Shape{"rule": scalar, "severity": scalar, "path": scalar, "message": textShape})),
		"reports":      listOf(mapShape(map[string]*Shape{"date": scalar, "kind": scalar})),
		"start":        scalar,
		"end":          scalar,
	})
}

// forloopShape is what pongo2 offers inside a for loop.
var forloopShape = mapShape(map[string]*Shape{
	"Counter": scalar, "Counter0": scalar, "Revcounter": scalar, "Revcounter0": scalar,
	"First": scalar, "Last": scalar, "Parentloop": {Kind: Any},
})
