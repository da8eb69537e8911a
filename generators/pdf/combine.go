package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Entry is one document of a combined file: a laid-out document of ours,
// or a PDF from elsewhere (a scanned licence).
type Entry struct {
	// Title is the entry's bookmark; empty for none.
	Title string
	Laid  *Laid
	PDF   []byte
	// Link names the entry for links in the laid-out documents (the
	// contents page's entries point at "#" + Link).
	Link string
}

// Combine writes one PDF of several entries, in order, with one bookmark per
// titled entry. The laid-out documents are drawn in one pass; the other PDFs
// are appended as an incremental update: pdfcpu parses each, and its pages'
// objects are copied in a fixed traversal order with their references
// renumbered. The page tree is then rebuilt in the entries' order. The
// result is byte-identical from run to run (pdfcpu's own merge numbers
// objects differently every time and stamps the current time).
func Combine(w io.Writer, entries []Entry) error {
	var laid []*Laid
	links := map[string]int{}
	page := 0
	for _, e := range entries {
		if e.Laid == nil {
			continue
		}
		if e.Link != "" {
			links[e.Link] = page + 1
		}
		laid = append(laid, e.Laid)
		page += len(e.Laid.e.pages)
	}
	if len(laid) == 0 {
		return errors.New("a combined file needs at least one laid-out document")
	}
	var buf bytes.Buffer
	if err := draw(&buf, meta{doc: laid[0].doc, opts: laid[0].opts}, laid, links, false); err != nil {
		return err
	}
	out, err := appendPages(withoutNameTree(buf.Bytes()), entries)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

var (
	reTrailer  = regexp.MustCompile(`(?s)trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$`)
	reSize     = regexp.MustCompile(`/Size (\d+)`)
	reRoot     = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo     = regexp.MustCompile(`/Info (\d+) 0 R`)
	reKids     = regexp.MustCompile(`(?s)/Kids\s*\[(.*?)\]`)
	reRef      = regexp.MustCompile(`(\d+) 0 R`)
	reCount    = regexp.MustCompile(`/Count \d+`)
	reOutlines = regexp.MustCompile(`/Outlines \d+ 0 R|/PageMode\s*/\w+`)
)

// object returns the dictionary text of object n in a PDF fpdf wrote.
func object(pdf []byte, n int) (string, error) {
	start := bytes.Index(pdf, []byte(fmt.Sprintf("\n%d 0 obj\n", n)))
	if start < 0 {
		return "", fmt.Errorf("object %d not found", n)
	}
	end := bytes.Index(pdf[start:], []byte("endobj"))
	if end < 0 {
		return "", fmt.Errorf("object %d not closed", n)
	}
	body := string(pdf[start : start+end])
	open := strings.Index(body, "<<")
	close := strings.LastIndex(body, ">>")
	if open < 0 || close < open {
		return "", fmt.Errorf("object %d is not a dictionary", n)
	}
	return body[open+2 : close], nil
}

func appendPages(base []byte, entries []Entry) ([]byte, error) {
	m := reTrailer.FindSubmatch(base)
	if m == nil {
		return nil, errors.New("the drawn PDF has no trailer")
	}
	trailer, prev := string(m[1]), string(m[2])
	size, _ := strconv.Atoi(reSize.FindStringSubmatch(trailer)[1])
	root, _ := strconv.Atoi(reRoot.FindStringSubmatch(trailer)[1])
	info := ""
	if im := reInfo.FindStringSubmatch(trailer); im != nil {
		info = im[1]
	}
	pagesDict, err := object(base, 1)
	if err != nil {
		return nil, err
	}
	var kids []string
	for _, r := range reRef.FindAllStringSubmatch(reKids.FindStringSubmatch(pagesDict)[1], -1) {
		kids = append(kids, r[1])
	}
	catalog, err := object(base, root)
	if err != nil {
		return nil, err
	}

	a := &appender{out: bytes.NewBuffer(append([]byte{}, base...)), next: size, offsets: map[int]int{}}
	type mark struct {
		title string
		page  string
	}
	var marks []mark
	drawn := kids // the drawn pages, in the order of the laid-out entries
	kids = nil
	for i, e := range entries {
		var refs []string
		if e.Laid != nil {
			n := len(e.Laid.e.pages)
			refs, drawn = drawn[:n], drawn[n:]
		} else {
			nums, err := a.copyPages(e.PDF)
			if err != nil {
				return nil, fmt.Errorf("entry %d (%s): %w", i+1, e.Title, err)
			}
			for _, n := range nums {
				refs = append(refs, strconv.Itoa(n))
			}
		}
		if e.Title != "" && len(refs) > 0 {
			marks = append(marks, mark{e.Title, refs[0]})
		}
		kids = append(kids, refs...)
	}
	// The outline: one item per document, in order.
	outlines := a.reserve()
	items := make([]int, len(marks))
	for i := range marks {
		items[i] = a.reserve()
	}
	for i, mk := range marks {
		d := fmt.Sprintf("<< /Title %s /Parent %d 0 R /Dest [%s 0 R /Fit]", textString(mk.title), outlines, mk.page)
		if i > 0 {
			d += fmt.Sprintf(" /Prev %d 0 R", items[i-1])
		}
		if i+1 < len(items) {
			d += fmt.Sprintf(" /Next %d 0 R", items[i+1])
		}
		a.put(items[i], d+" >>")
	}
	if len(items) > 0 {
		a.put(outlines, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", items[0], items[len(items)-1], len(items)))
	} else {
		a.put(outlines, "<< /Type /Outlines /Count 0 >>")
	}
	// New versions of the page tree's root and of the catalog.
	var kidRefs []string
	for _, k := range kids {
		kidRefs = append(kidRefs, k+" 0 R")
	}
	pagesDict = reKids.ReplaceAllString(pagesDict, "/Kids ["+strings.Join(kidRefs, " ")+"]")
	pagesDict = reCount.ReplaceAllString(pagesDict, fmt.Sprintf("/Count %d", len(kids)))
	a.put(1, "<<"+pagesDict+">>")
	catalog = reOutlines.ReplaceAllString(catalog, "")
	a.put(root, fmt.Sprintf("<<%s /Outlines %d 0 R /PageMode /UseOutlines >>", strings.TrimRight(catalog, " \n"), outlines))

	// The cross-reference section of the update, and its trailer.
	xref := a.out.Len()
	nums := make([]int, 0, len(a.offsets))
	for n := range a.offsets {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	a.out.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(a.out, "%d %d\n", nums[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(a.out, "%010d 00000 n \n", a.offsets[nums[k]])
		}
		i = j + 1
	}
	a.out.WriteString("trailer\n<<\n")
	fmt.Fprintf(a.out, "/Size %d\n/Root %d 0 R\n", a.next, root)
	if info != "" {
		fmt.Fprintf(a.out, "/Info %s 0 R\n", info)
	}
	fmt.Fprintf(a.out, "/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n", prev, xref)
	return a.out.Bytes(), nil
}

// textString encodes a PDF text string as UTF-16BE hex, as outline titles in
// Chinese need.
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// appender writes objects after a PDF's end.
type appender struct {
	out     *bytes.Buffer
	next    int
	offsets map[int]int
}

func (a *appender) reserve() int {
	a.next++
	return a.next - 1
}

func (a *appender) put(n int, body string) {
	a.offsets[n] = a.out.Len()
	fmt.Fprintf(a.out, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (a *appender) putStream(n int, dict string, raw []byte) {
	a.offsets[n] = a.out.Len()
	fmt.Fprintf(a.out, "%d 0 obj\n%s\nstream\n", n, dict)
	a.out.Write(raw)
	a.out.WriteString("\nendstream\nendobj\n")
}

// copier renumbers the objects of one appendix.
type copier struct {
	a     *appender
	ctx   *model.Context
	nums  map[int]int // old object number → new
	queue []int
}

// copyPages copies every page of a PDF, and every object they reach, and
// returns the new page objects' numbers.
func (a *appender) copyPages(data []byte) (refs []int, err error) {
	defer func() {
		// pdfcpu parses outside input; a panic in it must not end the build.
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot read the PDF: %v", r)
		}
	}()
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, fmt.Errorf("cannot read the PDF: %w", err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, err
	}
	c := &copier{a: a, ctx: ctx, nums: map[int]int{}}
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
		a.put(p.n, c.write(page, "/Parent 1 0 R"))
		refs = append(refs, p.n)
		if err := c.drain(); err != nil {
			return nil, err
		}
	}
	return refs, nil
}

func (c *copier) ref(old int) int {
	if n, ok := c.nums[old]; ok {
		return n
	}
	n := c.a.reserve()
	c.nums[old] = n
	c.queue = append(c.queue, old)
	return n
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
			c.a.put(n, "null")
			continue
		}
		switch o := obj.(type) {
		case types.StreamDict:
			if o.Raw == nil {
				return fmt.Errorf("object %d: stream content not loaded", old)
			}
			c.stream(n, o)
		default:
			c.a.put(n, c.write(o, ""))
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
		return fmt.Sprintf("%d 0 R", c.ref(v.ObjectNumber.Value()))
	case types.Dict:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString("<<")
		if extra != "" {
			b.WriteString(extra + " ")
		}
		for _, k := range keys {
			b.WriteString("/" + types.EncodeName(k) + " " + c.write(v[k], "") + " ")
		}
		b.WriteString(">>")
		return b.String()
	case types.Array:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = c.write(e, "")
		}
		return "[" + strings.Join(parts, " ") + "]"
	case types.StreamDict:
		// A stream must be an indirect object; a direct one (malformed)
		// is moved to an object of its own.
		n := c.a.reserve()
		c.stream(n, v)
		return fmt.Sprintf("%d 0 R", n)
	}
	return o.PDFString()
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
	c.a.putStream(n, c.write(d, fmt.Sprintf("/Length %d", len(sd.Raw))), sd.Raw)
}
