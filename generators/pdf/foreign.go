package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"pilotpack/generators/pdf/pdfobj"
)

// Foreign is a PDF from elsewhere (a scanned licence), read and validated.
type Foreign struct {
	ctx *model.Context
	// Pages is the number of pages.
	Pages int
}

// ReadForeign reads and validates a PDF from elsewhere, relaxed as
// real-world files need, and counts its pages. The result can go into a
// book (Entry.Foreign) without being read again.
func ReadForeign(data []byte) (f *Foreign, err error) {
	defer func() {
		// pdfcpu parses outside input; a panic in it is the file's fault.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("the PDF reader failed: %v", r)
		}
	}()
	disableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Cmd = model.VALIDATE
	ctx, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, err
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, err
	}
	return &Foreign{ctx: ctx, Pages: ctx.PageCount}, nil
}

// Context is the file as pdfcpu read it, for a caller that changes it
// before it is bound (removing an attachment's active content).
func (f *Foreign) Context() *model.Context { return f.ctx }

// CheckCopy copies the file's pages the way a combined file does, into a
// file that keeps nothing, so that a caller knows before drawing anything
// that the file can be bound: the same objects are followed and converted,
// only not written out.
func (f *Foreign) CheckCopy() error {
	w := &fileWriter{f: pdfobj.Discard()}
	w.root = w.f.Reserve()
	refs := make([]ref, f.Pages)
	for i := range refs {
		refs[i] = w.f.Reserve()
	}
	return w.foreignPages(f, refs, nil, 0)
}

// disableConfigDir keeps pdfcpu from reading or writing its configuration
// folder. pdfcpu keeps the choice in a package variable, so it is made once,
// before any PDF is read: builds in parallel read PDFs at the same time.
var disableConfigDir = sync.OnceFunc(api.DisableConfigDir)

// copier copies the objects of a PDF from elsewhere into a new file: each
// object pdfcpu read becomes the same typed object with its references
// renumbered, in the order first met.
type copier struct {
	w     *fileWriter
	ctx   *model.Context
	nums  map[int]ref // old object number → new
	queue []int
}

func (c *copier) num(old int) ref {
	if n, ok := c.nums[old]; ok {
		return n
	}
	n := c.w.f.Reserve()
	c.nums[old] = n
	c.queue = append(c.queue, old)
	return n
}

// foreignPages copies every page of a PDF from elsewhere into refs, and
// every object they reach. With a stamper, each page gets its packet page
// number, counting from first.
func (w *fileWriter) foreignPages(f *Foreign, refs []ref, st *stamper, first int) (err error) {
	defer func() {
		// pdfcpu parses outside input; a panic in it must not end the build.
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot read the PDF: %v", r)
		}
	}()
	ctx := f.ctx
	c := &copier{w: w, ctx: ctx, nums: map[int]ref{}}
	type pg struct {
		d   types.Dict
		inh *model.InheritedPageAttrs
	}
	var pages []pg
	// Every page gets its new number first, so that references to a page
	// (an annotation's /P, a link's destination) land on the copy rather
	// than pulling the old page tree in through /Parent.
	for i := 1; i <= ctx.PageCount; i++ {
		d, r, inh, err := ctx.PageDict(i, true)
		if err != nil || d == nil || r == nil {
			return fmt.Errorf("page %d: %v", i, err)
		}
		c.nums[r.ObjectNumber.Value()] = refs[i-1]
		pages = append(pages, pg{d, inh})
	}
	var stampRes ref
	if st != nil {
		stampRes = w.fonts[fSerif]
	}
	for i, p := range pages {
		out := pdfobj.Dict{}
		for _, k := range sortedKeys(p.d) {
			if k != "Parent" {
				out[pdfobj.Name(k)] = c.object(p.d[k])
			}
		}
		out["Parent"] = w.root
		var box [4]float64
		rotate := 0
		if inh := p.inh; inh != nil {
			if _, ok := out["Resources"]; !ok && inh.Resources != nil {
				out["Resources"] = c.object(inh.Resources)
			}
			if _, ok := out["MediaBox"]; !ok && inh.MediaBox != nil {
				out["MediaBox"] = c.object(inh.MediaBox.Array())
			}
			if _, ok := out["CropBox"]; !ok && inh.CropBox != nil {
				out["CropBox"] = c.object(inh.CropBox.Array())
			}
			if _, ok := out["Rotate"]; !ok && inh.Rotate != 0 {
				out["Rotate"] = pdfobj.Int(inh.Rotate)
			}
			rotate = inh.Rotate
			shown := inh.CropBox
			if shown == nil {
				shown = inh.MediaBox
			}
			if shown != nil {
				box = [4]float64{shown.LL.X, shown.LL.Y, shown.UR.X, shown.UR.Y}
			}
		}
		if r, ok := p.d["Rotate"].(types.Integer); ok {
			rotate = r.Value()
		}
		if st != nil && box[2] > box[0] && box[3] > box[1] {
			c.stamp(out, st.foreign(first+i, box, rotate), stampRes)
		}
		w.f.Put(refs[i], out)
		if err := c.drain(); err != nil {
			return err
		}
	}
	return nil
}

// stamp adds the packet page number to a copied page: its contents become
// an array wrapped in a saved graphics state, then the stamp; its resources
// a dictionary of their own with the stamp's font added.
func (c *copier) stamp(page pdfobj.Dict, content []byte, font ref) {
	var contents pdfobj.Array
	switch v := page["Contents"].(type) {
	case pdfobj.Array:
		contents = v
	case nil:
	default:
		contents = pdfobj.Array{v}
	}
	open := c.w.f.AddStream(pdfobj.Dict{}, []byte("q\n"))
	stamp := c.w.f.AddStream(pdfobj.Dict{}, content)
	page["Contents"] = append(append(pdfobj.Array{open}, contents...), stamp)
	res := c.direct(page["Resources"])
	fonts := c.direct(res["Font"])
	fonts[stampFont] = font
	res["Font"] = fonts
	page["Resources"] = res
}

// direct returns a copy of a dictionary, following a reference to it: the
// copied file's objects are written already, so the copy is what changes.
func (c *copier) direct(o pdfobj.Object) pdfobj.Dict {
	if r, ok := o.(pdfobj.Ref); ok {
		for old, n := range c.nums {
			if n == r {
				obj, err := c.ctx.Dereference(*types.NewIndirectRef(old, 0))
				if d, ok := obj.(types.Dict); ok && err == nil {
					o = c.object(d)
				}
				break
			}
		}
	}
	out := pdfobj.Dict{}
	if d, ok := o.(pdfobj.Dict); ok {
		for k, v := range d {
			out[k] = v
		}
	}
	return out
}

// drain writes every object referenced so far, in the order first met.
func (c *copier) drain() error {
	for len(c.queue) > 0 {
		old := c.queue[0]
		c.queue = c.queue[1:]
		n := c.nums[old]
		// Dereference resolves objects kept lazily in object streams.
		obj, err := c.ctx.Dereference(*types.NewIndirectRef(old, 0))
		if err != nil {
			return fmt.Errorf("object %d: %w", old, err)
		}
		switch o := obj.(type) {
		case nil:
			c.w.f.Put(n, pdfobj.Null{})
		case types.StreamDict:
			if o.Raw == nil {
				return fmt.Errorf("object %d: stream content not loaded", old)
			}
			c.stream(n, o)
		default:
			c.w.f.Put(n, c.object(o))
		}
	}
	return nil
}

// object converts a pdfcpu object, renumbering its references.
func (c *copier) object(o types.Object) pdfobj.Object {
	switch v := o.(type) {
	case nil:
		return pdfobj.Null{}
	case types.IndirectRef:
		return c.num(v.ObjectNumber.Value())
	case types.Dict:
		d := make(pdfobj.Dict, len(v))
		for _, k := range sortedKeys(v) {
			d[pdfobj.Name(k)] = c.object(v[k])
		}
		return d
	case types.Array:
		a := make(pdfobj.Array, len(v))
		for i, e := range v {
			a[i] = c.object(e)
		}
		return a
	case types.StreamDict:
		// A stream must be an indirect object; a direct one (malformed)
		// is moved to an object of its own.
		n := c.w.f.Reserve()
		c.stream(n, v)
		return n
	case types.Boolean:
		return pdfobj.Bool(v.Value())
	case types.Integer:
		return pdfobj.Int(v.Value())
	case types.Float:
		return pdfobj.Real(v.Value())
	case types.Name:
		return pdfobj.Name(v.Value())
	case types.StringLiteral:
		b, err := types.Unescape(v.Value())
		if err != nil {
			b = []byte(v.Value())
		}
		return pdfobj.Bytes(b)
	case types.HexLiteral:
		b, err := v.Bytes()
		if err != nil {
			return pdfobj.Hex(nil)
		}
		return pdfobj.Hex(b)
	}
	return pdfobj.Null{}
}

// stream writes a stream with its encoded bytes as they were.
func (c *copier) stream(n ref, sd types.StreamDict) {
	d := pdfobj.Dict{}
	for _, k := range sortedKeys(sd.Dict) {
		if k != "Length" {
			d[pdfobj.Name(k)] = c.object(sd.Dict[k])
		}
	}
	c.w.f.PutStream(n, d, sd.Raw)
}

// sortedKeys returns a dictionary's keys in order: objects are numbered in
// the order first met, which must be the same from run to run.
func sortedKeys(d types.Dict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
