package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Entry is one document of a book: a laid-out document of ours, or a PDF
// from elsewhere (a scanned licence).
type Entry struct {
	// Title is the entry's bookmark in the combined file; empty for none.
	Title string
	Laid  *Laid
	// PDF is a PDF from elsewhere; Foreign, when set, is the same file
	// already read (ReadForeign), so that it is not read twice.
	PDF     []byte
	Foreign *Foreign
	// Link names the entry for links in the laid-out documents (a contents
	// page's entries point at "#" + Link).
	Link string
}

// A Book is documents drawn together in one pass of fpdf, and taken apart
// again into a file per document and one combined file. Drawing together
// means the fonts are subset, parsed and embedded once for all of them, and
// every page is drawn and compressed once, whichever files it ends up in:
// a packet's documents cost about what one long document does.
type Book struct {
	entries  []Entry
	objs     map[int]object
	pages    map[*Laid][]int // each document's page objects, in order
	isPage   map[int]bool
	deflated map[int][]byte // compressed streams, by object number
	version  string
}

// Draw draws the laid-out entries of a book. Entries holding a PDF are kept
// for the combined file.
func Draw(entries []Entry) (*Book, error) {
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
		return nil, errors.New("nothing to draw: no laid-out document")
	}
	var buf bytes.Buffer
	gl, err := draw(&buf, laid, links)
	if err != nil {
		return nil, err
	}
	objs, err := parseObjects(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("reading back the drawn PDF: %w", err)
	}
	if err := addFonts(objs, gl, laid[0].e); err != nil {
		return nil, err
	}
	kids := reRef.FindAllSubmatch(reKids.Find(objs[1].dict), -1)
	if len(kids) != page {
		return nil, fmt.Errorf("drew %d pages, expected %d", len(kids), page)
	}
	b := &Book{entries: entries, objs: objs, pages: map[*Laid][]int{}, isPage: map[int]bool{}, deflated: map[int][]byte{}}
	b.version = string(bytes.TrimPrefix(firstLines(buf.Bytes(), 1), []byte("%PDF-")))
	for _, l := range laid {
		for range l.e.pages {
			n, _ := strconv.Atoi(string(kids[0][1]))
			kids = kids[1:]
			b.pages[l] = append(b.pages[l], n)
			b.isPage[n] = true
		}
	}
	return b, nil
}

// addFonts adds the objects of the book's font subsets after fpdf's, and
// names them in the resource dictionary every page shares (fpdf's object 2).
func addFonts(objs map[int]object, gl [numFonts]*glyphs, e *engine) error {
	next := 1
	for n := range objs {
		next = max(next, n+1)
	}
	res, ok := objs[2]
	if !ok || !bytes.Contains(res.dict, []byte("/Font <<\n")) {
		return errors.New("the drawn PDF has no resource dictionary where fpdf puts it")
	}
	var names []byte
	for k := range numFonts {
		if gl[k] == nil {
			continue
		}
		font, err := fontObjects(e.face(k), gl[k], next)
		if err != nil {
			return err
		}
		names = fmt.Appendf(names, "/%s %d 0 R\n", fontName(k), next)
		for _, o := range font {
			objs[next] = o
			next++
		}
	}
	res.dict = bytes.Replace(res.dict, []byte("/Font <<\n"), append([]byte("/Font <<\n"), names...), 1)
	objs[2] = res
	return nil
}

// WriteDocument writes one laid-out document of the book as a PDF of its
// own, with its headings as bookmarks and its own metadata.
func (b *Book) WriteDocument(w io.Writer, l *Laid) error {
	data, err := b.Document(l)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Document returns one laid-out document of the book as a PDF of its own
// (see WriteDocument).
func (b *Book) Document(l *Laid) ([]byte, error) {
	pages, ok := b.pages[l]
	if !ok {
		return nil, errors.New("the document is not part of this book")
	}
	out := newWriter(b.version, b.sizeHint(pages))
	root := out.reserve()
	t := b.transfer(out, root, pages)
	kids := t.copyPages(pages)
	var marks []outlineItem
	for i, pg := range l.e.pages {
		for _, op := range pg.ops {
			if bm, ok := op.(bookmarkOp); ok {
				marks = append(marks, outlineItem{title: bm.title, level: bm.level, page: kids[i], y: bm.y})
			}
		}
	}
	return b.finish(out, root, kids, marks, meta{doc: l.doc, opts: l.opts})
}

// Combined returns every entry, in order, as one PDF with one bookmark per
// titled entry; its metadata is the first laid-out entry's. PDFs from
// elsewhere are parsed with pdfcpu and their pages' objects copied in a
// fixed order with their references renumbered, so the file is the same
// from run to run.
func (b *Book) Combined() ([]byte, error) {
	version := b.version
	var first *Laid
	var all []int
	others := 0
	for _, e := range b.entries {
		if e.Laid != nil {
			all = append(all, b.pages[e.Laid]...)
			if first == nil {
				first = e.Laid
			}
		} else {
			others += len(e.PDF)
			if v := headerVersion(e.PDF); v > version {
				version = v
			}
		}
	}
	out := newWriter(version, b.sizeHint(all)+others)
	root := out.reserve()
	t := b.transfer(out, root, all)
	var kids []int
	var marks []outlineItem
	for i, e := range b.entries {
		var refs []int
		if e.Laid != nil {
			refs = t.copyPages(b.pages[e.Laid])
		} else {
			f := e.Foreign
			if f == nil {
				var err error
				if f, err = ReadForeign(e.PDF); err != nil {
					return nil, fmt.Errorf("entry %d (%s): cannot read the PDF: %w", i+1, e.Title, err)
				}
			}
			var err error
			if refs, err = copyPages(out, root, f); err != nil {
				return nil, fmt.Errorf("entry %d (%s): %w", i+1, e.Title, err)
			}
		}
		if e.Title != "" && len(refs) > 0 {
			marks = append(marks, outlineItem{title: e.Title, page: refs[0], fit: true})
		}
		kids = append(kids, refs...)
	}
	return b.finish(out, root, kids, marks, meta{doc: first.doc, opts: first.opts})
}

func (b *Book) finish(out *writer, root int, kids []int, marks []outlineItem, m meta) ([]byte, error) {
	out.pageTree(root, kids)
	lang := "zh-CN"
	if m.doc.Lang == "en" {
		lang = "en"
	}
	cat := out.catalog(root, out.outline(marks), lang)
	return out.finish(cat, out.info(m))
}

// sizeHint guesses the size of a file of the given pages: the fonts (the
// streams fpdf compressed) and the pages' compressed contents, so that the
// file is written into one buffer that does not need to grow.
func (b *Book) sizeHint(pages []int) int {
	n := 64 << 10
	for _, o := range b.objs {
		if o.stream != nil && reFilter.Match(o.dict) {
			n += len(o.stream)
		}
	}
	for _, p := range pages {
		n += 2 << 10
		if m := reContents.FindSubmatch(b.objs[p].dict); m != nil {
			c, _ := strconv.Atoi(string(m[1]))
			if d, ok := b.deflated[c]; ok {
				n += len(d)
			} else {
				n += len(b.objs[c].stream) / 3
			}
		}
	}
	return n
}

// headerVersion returns the version in a PDF's header, such as "1.7".
func headerVersion(pdf []byte) string {
	if v, ok := bytes.CutPrefix(firstLines(pdf, 1), []byte("%PDF-")); ok && len(v) >= 3 {
		return string(v[:3])
	}
	return ""
}

// renumbering gives the objects of one file numbers in another, in the
// order first met, and queues them to be copied.
type renumbering struct {
	w     *writer
	nums  map[int]int // old object number → new
	queue []int
}

func (r *renumbering) num(old int) int {
	if n, ok := r.nums[old]; ok {
		return n
	}
	n := r.w.reserve()
	r.nums[old] = n
	r.queue = append(r.queue, old)
	return n
}

// transfer copies drawn objects into a new file.
type transfer struct {
	renumbering
	b     *Book
	pages map[int]bool
}

// transfer prepares copying the given drawn pages, and what they use, into
// out, whose page tree's root is root.
func (b *Book) transfer(out *writer, root int, pages []int) *transfer {
	t := &transfer{renumbering: renumbering{w: out, nums: map[int]int{1: root}}, b: b, pages: map[int]bool{}}
	for _, p := range pages {
		t.pages[p] = true
	}
	return t
}

// copyPages copies pages and every object they reach, and returns the new
// page objects' numbers.
func (t *transfer) copyPages(pages []int) []int {
	refs := make([]int, len(pages))
	for i, p := range pages {
		refs[i] = t.num(p)
	}
	t.drain()
	return refs
}

func (t *transfer) ref(old int) string {
	if t.b.isPage[old] && !t.pages[old] {
		// A link to a page of another document: not in this file.
		return "null"
	}
	return strconv.Itoa(t.num(old)) + " 0 R"
}

func (t *transfer) drain() {
	for len(t.queue) > 0 {
		old := t.queue[0]
		t.queue = t.queue[1:]
		o := t.b.objs[old]
		n := t.nums[old]
		dict := renumber(o.dict, t.ref)
		if t.b.isPage[old] {
			dict = t.indirectAnnots(dict)
		}
		switch {
		case o.stream == nil:
			t.w.put(n, string(dict))
		case reFilter.Match(dict):
			t.w.putStream(n, streamDict(dict), o.stream)
		default:
			data, ok := t.b.deflated[old]
			if !ok {
				data = deflate(o.stream)
				t.b.deflated[old] = data
			}
			t.w.putStream(n, "/Filter /FlateDecode "+streamDict(dict), data)
		}
	}
}

// indirectAnnots moves the annotations fpdf writes inside a page's /Annots
// array into objects of their own, as the PDF standard asks (readers take
// either; strict validators do not).
func (t *transfer) indirectAnnots(page []byte) []byte {
	i := bytes.Index(page, []byte("/Annots ["))
	if i < 0 {
		return page
	}
	start := i + len("/Annots [")
	var refs []string
	depth, open := 0, -1
	for j := start; j < len(page); j++ {
		switch {
		case page[j] == '(':
			j = skipString(page, j)
		case bytes.HasPrefix(page[j:], []byte("<<")):
			if depth == 0 {
				open = j
			}
			depth++
			j++
		case bytes.HasPrefix(page[j:], []byte(">>")):
			depth--
			j++
			if depth == 0 {
				n := t.w.reserve()
				t.w.put(n, string(page[open:j+1]))
				refs = append(refs, strconv.Itoa(n)+" 0 R")
			}
		case page[j] == ']' && depth == 0:
			out := append([]byte{}, page[:start]...)
			out = append(out, strings.Join(refs, " ")...)
			return append(out, page[j:]...)
		}
	}
	return page
}
