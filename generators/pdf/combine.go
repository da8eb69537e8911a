package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

var (
	reKids = regexp.MustCompile(`(?s)/Kids\s*\[(.*?)\]`)
	reRef  = regexp.MustCompile(`(\d+) 0 R`)
)

// Foreign is a PDF from elsewhere (a scanned licence), read and validated.
type Foreign struct {
	ctx *model.Context
	// Pages is the number of pages.
	Pages int
}

// disableConfigDir keeps pdfcpu from reading or writing a configuration
// folder; pdfcpu sets a global for it, so it is set once, not by every
// reader at once.
var disableConfigDir sync.Once

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
	disableConfigDir.Do(api.DisableConfigDir)
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

// CheckCopy copies the file's pages the way Combined does, into a file
// that is thrown away, so that a caller knows before drawing anything that
// the file can be bound.
func (f *Foreign) CheckCopy() error {
	w := newWriter("1.7", 0)
	_, err := copyPages(w, w.reserve(), f)
	return err
}

// copier renumbers the objects of a PDF from elsewhere into a new file.
type copier struct {
	renumbering
	ctx *model.Context
}

// copyPages copies every page of a PDF from elsewhere into a, and every
// object they reach, and returns the new page objects' numbers; root is the
// new file's page tree.
func copyPages(a *writer, root int, f *Foreign) (refs []int, err error) {
	defer func() {
		// pdfcpu parses outside input; a panic in it must not end the build.
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot read the PDF: %v", r)
		}
	}()
	ctx := f.ctx
	c := &copier{renumbering: renumbering{w: a, nums: map[int]int{}}, ctx: ctx}
	type pg struct {
		d   types.Dict
		inh *model.InheritedPageAttrs
		n   int
	}
	var pages []pg
	// Every page gets its new number first, so that references to a page
	// (an annotation's /P, a link's destination) land on the copy rather
	// than pulling the old page tree in through /Parent.
	for i := 1; i <= ctx.PageCount; i++ {
		d, ref, inh, err := ctx.PageDict(i, true)
		if err != nil || d == nil || ref == nil {
			return nil, fmt.Errorf("page %d: %v", i, err)
		}
		n := a.reserve()
		c.nums[ref.ObjectNumber.Value()] = n
		pages = append(pages, pg{d, inh, n})
	}
	for _, p := range pages {
		page := types.Dict{}
		for k, v := range p.d {
			if k != "Parent" {
				page[k] = v
			}
		}
		if inh := p.inh; inh != nil {
			if _, ok := page["Resources"]; !ok && inh.Resources != nil {
				page["Resources"] = inh.Resources
			}
			if _, ok := page["MediaBox"]; !ok && inh.MediaBox != nil {
				page["MediaBox"] = inh.MediaBox.Array()
			}
			if _, ok := page["CropBox"]; !ok && inh.CropBox != nil {
				page["CropBox"] = inh.CropBox.Array()
			}
			if _, ok := page["Rotate"]; !ok && inh.Rotate != 0 {
				page["Rotate"] = types.Integer(inh.Rotate)
			}
		}
		a.put(p.n, c.write(page, fmt.Sprintf("/Parent %d 0 R", root)))
		refs = append(refs, p.n)
		if err := c.drain(); err != nil {
			return nil, err
		}
	}
	return refs, nil
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
		if obj == nil {
			c.w.put(n, "null")
			continue
		}
		switch o := obj.(type) {
		case types.StreamDict:
			if o.Raw == nil {
				return fmt.Errorf("object %d: stream content not loaded", old)
			}
			c.stream(n, o)
		default:
			c.w.put(n, c.write(o, ""))
		}
	}
	return nil
}

// write serialises an object with its references renumbered; extra is more
// dictionary entries, written first.
func (c *copier) write(o types.Object, extra string) string {
	switch v := o.(type) {
	case nil:
		return "null"
	case types.IndirectRef:
		return fmt.Sprintf("%d 0 R", c.num(v.ObjectNumber.Value()))
	case types.Dict:
		return "<<" + strings.TrimSpace(extra+" "+c.entries(v)) + ">>"
	case types.Array:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = c.write(e, "")
		}
		return "[" + strings.Join(parts, " ") + "]"
	case types.StreamDict:
		// A stream must be an indirect object; a direct one (malformed)
		// is moved to an object of its own.
		n := c.w.reserve()
		c.stream(n, v)
		return fmt.Sprintf("%d 0 R", n)
	}
	return o.PDFString()
}

// entries serialises a dictionary's entries, in key order, without its
// delimiters.
func (c *copier) entries(d types.Dict) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("/" + types.EncodeName(k) + " " + c.write(d[k], ""))
	}
	return b.String()
}

// stream writes a stream with its encoded bytes as they were and a direct
// /Length.
func (c *copier) stream(n int, sd types.StreamDict) {
	d := types.Dict{}
	for k, v := range sd.Dict {
		if k != "Length" {
			d[k] = v
		}
	}
	c.w.putStream(n, c.entries(d), sd.Raw)
}
