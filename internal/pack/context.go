package pack

import (
	"reflect"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
)

// ContextOptions say what a document is rendered for.
type ContextOptions struct {
	// Lang is the document's language, zh or en.
	Lang string
	// Manufacturer is the id of the manufacturer a per-manufacturer document
	// is for; empty for documents made once.
	Manufacturer string
	// Date is the build date, printed as the date of drafts.
	Date civil.Date
	// Draft marks documents built from data with errors.
	Draft bool
}

// Context builds the values a template sees: every section of the applicant
// file under its field names (applicant.name_zh, stages[0].key …), with
// dates, amounts and enumerated values kept as their types so filters can
// format and label them; and lang, today, draft and, for per-manufacturer
// documents, manufacturer.
func Context(a *applicant.Applicant, opts ContextOptions) pongo2.Context {
	ctx := pongo2.Context{}
	for k, v := range toValue(reflect.ValueOf(a.File).Elem()).(map[string]any) {
		ctx[k] = v
	}
	ctx["lang"] = opts.Lang
	ctx["today"] = dateValue(opts.Date)
	ctx["draft"] = opts.Draft
	ctx["abroad"] = a.Abroad()
	if m, _ := a.Manufacturer(opts.Manufacturer); m != nil {
		ctx["manufacturer"] = toValue(reflect.ValueOf(m).Elem())
	}
	return ctx
}

func dateValue(d civil.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

var (
	dateT  = reflect.TypeFor[civil.Date]()
	moneyT = reflect.TypeFor[applicant.Money]()
)

// toValue converts a value of the model to what templates see: structs
// become maps keyed by their file names, and a missing value becomes nil, so
// {% if %} tests whether it was given.
func toValue(v reflect.Value) any {
	switch {
	case v.Type() == dateT:
		return dateValue(v.Interface().(civil.Date))
	case v.Type() == moneyT:
		return v.Interface()
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return toValue(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		for _, f := range datafile.Fields(v.Type()) {
			m[f.Name] = toValue(v.Field(f.Index))
		}
		return m
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = toValue(v.Index(i))
		}
		return out
	}
	return v.Interface()
}
