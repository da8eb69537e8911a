package datafile

import (
	"fmt"
	"reflect"
)

// Walk visits v and then, depth first, every value it holds through
// pointers, struct fields (those Fields lists) and slice elements, each
// with its field path ("manufacturers[1].agreement.term_years"; a pointer's
// value has the pointer's path). visit returns false to leave what a value
// holds unvisited.
func Walk(v reflect.Value, path string, visit func(v reflect.Value, path string) bool) {
	if !visit(v, path) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			Walk(v.Elem(), path, visit)
		}
	case reflect.Struct:
		for _, f := range Fields(v.Type()) {
			p := f.Name
			if path != "" {
				p = path + "." + f.Name
			}
			Walk(v.Field(f.Index), p, visit)
		}
	case reflect.Slice:
		for i := range v.Len() {
			Walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), visit)
		}
	}
}
