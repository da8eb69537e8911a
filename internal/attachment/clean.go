package attachment

import (
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"pilotpack/internal/lang"
)

// What clean removes, in the order a warning names them.
const (
	removedJavaScript = iota
	removedOpenAction
	removedAA
	removedLaunch
	removedEmbedded
	numRemoved
)

var removedLabels = [numRemoved]lang.Text{
	removedJavaScript: lang.T("JavaScript 脚本", "JavaScript"),
	removedOpenAction: lang.T("打开时执行的动作（/OpenAction）", "an action on opening (/OpenAction)"),
	removedAA:         lang.T("自动触发的动作（/AA）", "automatic actions (/AA)"),
	removedLaunch:     lang.T("启动程序的动作（/Launch）", "actions that start programs (/Launch)"),
	removedEmbedded:   lang.T("嵌入文件", "embedded files"),
}

func anyRemoved(r [numRemoved]bool) bool { return slices.Contains(r[:], true) }

// removedNames lists what was removed, as each language lists things:
// "a、b、c" and "a, b and c".
func removedNames(r [numRemoved]bool) lang.Text {
	var zh, en []string
	for k, on := range r {
		if on {
			zh, en = append(zh, removedLabels[k].Zh), append(en, removedLabels[k].En)
		}
	}
	return lang.T(strings.Join(zh, "、"), andList(en))
}

// actionKinds are the actions that run code, start programs or open files
// carried inside the PDF; what each counts as.
var actionKinds = map[types.Name]int{
	"JavaScript": removedJavaScript,
	"Launch":     removedLaunch,
	"GoToE":      removedEmbedded,
	"ImportData": removedLaunch,
}

// clean removes the active content of a PDF from elsewhere, in place:
// JavaScript (actions, the document's named scripts), the action on
// opening, automatic actions of pages, annotations and fields, actions
// that start programs, and embedded files (file attachment annotations,
// the embedded-files tree, the files inside file specifications). The
// pages and what they show stay. Every object is visited, not only those
// the pages reach, so nothing depends on how the combined PDF copies
// them. It reports what it removed.
func clean(x *model.XRefTable) (removed [numRemoved]bool) {
	c := &cleaner{x: x}
	nums := make([]int, 0, len(x.Table))
	for n := range x.Table {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		e := x.Table[n]
		if e == nil || e.Free {
			continue
		}
		if e.Object == nil && e.Compressed {
			// Objects in object streams are read when first asked for.
			x.Dereference(*types.NewIndirectRef(n, 0))
		}
		c.object(e.Object)
	}
	if x.RootDict != nil {
		c.dict(x.RootDict)
	}
	return c.removed
}

type cleaner struct {
	x       *model.XRefTable
	removed [numRemoved]bool
}

// object cleans o and the objects it holds directly (not those it refers
// to: clean visits every object).
func (c *cleaner) object(o types.Object) {
	switch v := o.(type) {
	case types.Dict:
		c.dict(v)
	case types.StreamDict:
		c.dict(v.Dict)
	case types.Array:
		for _, e := range v {
			c.object(e)
		}
	}
}

func (c *cleaner) drop(d types.Dict, key string, kind int) {
	if _, ok := d[key]; ok {
		delete(d, key)
		c.removed[kind] = true
	}
}

func (c *cleaner) dict(d types.Dict) {
	c.drop(d, "AA", removedAA)
	if open, ok := d["OpenAction"]; ok {
		// A page to open at (a destination, or a GoTo action to one) is
		// what most PDF writers put there, pilotpack's included: dropped
		// like any other, but not worth a warning.
		delete(d, "OpenAction")
		if !c.goesToPage(open) {
			c.removed[removedOpenAction] = true
		}
	}
	c.drop(d, "JS", removedJavaScript)
	c.drop(d, "JavaScript", removedJavaScript) // the names tree of scripts
	c.drop(d, "EmbeddedFiles", removedEmbedded)
	c.drop(d, "EF", removedEmbedded) // a file specification's embedded file
	if kind, ok := c.action(d); ok {
		// An action that is still reachable some other way does nothing.
		for _, k := range []string{"S", "F", "Win", "Unix", "Mac", "URI", "Next"} {
			delete(d, k)
		}
		c.removed[kind] = true
	}
	if a, ok := d["A"]; ok {
		if act, ok := c.resolveDict(a); ok {
			if kind, bad := c.action(act); bad {
				delete(d, "A")
				c.removed[kind] = true
			}
		}
	}
	if next, ok := d["Next"]; ok {
		if kept, changed := c.actions(next); changed {
			if len(kept) == 0 {
				delete(d, "Next")
			} else {
				d["Next"] = kept
			}
		}
	}
	if annots, ok := d["Annots"]; ok {
		c.annots(d, annots)
	}
	for _, v := range d {
		c.object(v)
	}
}

// goesToPage reports whether an /OpenAction only opens a page: a
// destination (an array or a named destination), or a GoTo action to one
// with no further actions.
func (c *cleaner) goesToPage(o types.Object) bool {
	switch v := c.resolve(o).(type) {
	case types.Array, types.Name, types.StringLiteral, types.HexLiteral:
		return true
	case types.Dict:
		s, _ := v["S"].(types.Name)
		_, next := v["Next"]
		return s == "GoTo" && !next
	}
	return false
}

// action reports whether d is an action to remove, and as what.
func (c *cleaner) action(d types.Dict) (int, bool) {
	s, ok := d["S"].(types.Name)
	if !ok {
		return 0, false
	}
	if kind, bad := actionKinds[s]; bad {
		return kind, true
	}
	switch s {
	case "URI":
		if u, ok := c.resolve(d["URI"]).(types.StringLiteral); ok && strings.HasPrefix(strings.ToLower(strings.TrimSpace(string(u))), "javascript:") {
			return removedJavaScript, true
		}
	case "Rendition":
		if _, ok := d["JS"]; ok {
			return removedJavaScript, true
		}
	}
	return 0, false
}

// actions filters an action or list of actions (a /Next), keeping the
// harmless ones.
func (c *cleaner) actions(o types.Object) (types.Array, bool) {
	list, ok := c.resolve(o).(types.Array)
	if !ok {
		list = types.Array{o}
	}
	var kept types.Array
	changed := false
	for _, a := range list {
		if d, ok := c.resolveDict(a); ok {
			if kind, bad := c.action(d); bad {
				c.removed[kind] = true
				changed = true
				continue
			}
		}
		kept = append(kept, a)
	}
	return kept, changed
}

// annots drops from a page's list (which may be an object of its own) the
// annotations that carry files (file attachments, rich media) and the
// links whose only use is an action removed: left in place, such a link
// would show as a box that does nothing.
func (c *cleaner) annots(page types.Dict, annots types.Object) {
	list, ok := c.resolve(annots).(types.Array)
	if !ok {
		return
	}
	var kept types.Array
	for _, a := range list {
		if d, ok := c.resolveDict(a); ok {
			switch st, _ := d["Subtype"].(types.Name); st {
			case "FileAttachment", "RichMedia":
				c.removed[removedEmbedded] = true
				continue
			case "Link":
				if act, ok := c.resolveDict(d["A"]); ok {
					if kind, bad := c.action(act); bad {
						c.removed[kind] = true
						continue
					}
				}
			}
		}
		kept = append(kept, a)
	}
	if len(kept) == len(list) {
		return
	}
	page["Annots"] = kept
}

func (c *cleaner) resolve(o types.Object) types.Object {
	r, err := c.x.Dereference(o)
	if err != nil {
		return nil
	}
	return r
}

func (c *cleaner) resolveDict(o types.Object) (types.Dict, bool) {
	switch v := c.resolve(o).(type) {
	case types.Dict:
		return v, true
	case types.StreamDict:
		return v.Dict, true
	}
	return nil, false
}
