package pdf

import (
	"fmt"
	"strings"
	"time"

	"pilotpack/generators/pdf/page"
	"pilotpack/generators/pdf/pdfobj"
	"pilotpack/internal/document"
)

// ref is an indirect object of the file being written.
type ref = pdfobj.Ref

// fileWriter writes one PDF file from drawn pages and PDFs from elsewhere:
// the page tree, the fonts and resources its pages share, link annotations,
// outlines, page labels, the catalog and the metadata.
type fileWriter struct {
	f     *pdfobj.File
	root  ref // the page tree
	res   ref // the resources every page of ours shares
	fonts []ref
}

// dest is where a link or bookmark goes: a page, and a height on it or the
// whole page.
type dest struct {
	page ref
	y    float64
	fit  bool
}

func (d dest) array() pdfobj.Array {
	if d.fit {
		return pdfobj.Array{d.page, pdfobj.Name("Fit")}
	}
	return pdfobj.Array{d.page, pdfobj.Name("XYZ"), pdfobj.Int(0), pdfobj.Real(pageH - d.y), pdfobj.Null{}}
}

// newFileWriter starts a file of about size bytes, with the given font
// programs (by page.Font; nil for faces not embedded).
func newFileWriter(version string, size int, fonts []*fontProgram) *fileWriter {
	w := &fileWriter{f: pdfobj.NewFile(version, size)}
	w.root = w.f.Reserve()
	fontDict := pdfobj.Dict{}
	w.fonts = make([]ref, len(fonts))
	for k, fp := range fonts {
		if fp != nil {
			w.fonts[k] = fp.put(w.f)
			fontDict[fontName(page.Font(k))] = w.fonts[k]
		}
	}
	w.res = w.f.Add(pdfobj.Dict{"Font": fontDict})
	return w
}

// ourPages writes the pages of a laid-out document, with their compressed
// contents, into refs (reserved already, or nil to reserve them here). A
// stamper, when given, prints the packet page number on each, counting
// from first; resolve finds the destinations of internal links, and a link
// it cannot resolve (to another document) is left out.
func (w *fileWriter) ourPages(l *Laid, contents [][]byte, refs []ref, resolve func(id string) (dest, bool)) []ref {
	return w.ourPagesAt(l, contents, refs, nil, 0, resolve)
}

func (w *fileWriter) ourPagesAt(l *Laid, contents [][]byte, refs []ref, st *stamper, first int, resolve func(id string) (dest, bool)) []ref {
	if refs == nil {
		refs = make([]ref, l.pages.Len())
		for i := range refs {
			refs[i] = w.f.Reserve()
		}
	}
	if resolve == nil {
		resolve = func(id string) (dest, bool) {
			if pg, ok := l.dests[id]; ok {
				return dest{page: refs[pg.page], y: pg.y}, true
			}
			return dest{}, false
		}
	}
	for i := range l.pages.Len() {
		content := pdfobj.Object(w.f.AddStream(pdfobj.Dict{"Filter": pdfobj.Name("FlateDecode")}, contents[i]))
		if st != nil {
			content = pdfobj.Array{content, w.f.AddStream(pdfobj.Dict{}, st.ours(first+i))}
		}
		pg := pdfobj.Dict{"Type": pdfobj.Name("Page"), "Parent": w.root, "Resources": w.res, "Contents": content}
		var annots pdfobj.Array
		for _, link := range l.links[i] {
			a := pdfobj.Dict{"Type": pdfobj.Name("Annot"), "Subtype": pdfobj.Name("Link"), "P": refs[i],
				"Rect":   pdfobj.Rect(link.X, pageH-link.Y-link.H, link.X+link.W, pageH-link.Y),
				"Border": pdfobj.Array{pdfobj.Int(0), pdfobj.Int(0), pdfobj.Int(0)}, "F": pdfobj.Int(4)}
			switch {
			case link.URL != "":
				a["A"] = pdfobj.Dict{"S": pdfobj.Name("URI"), "URI": pdfobj.Bytes(link.URL)}
			default:
				d, ok := resolve(link.Dest)
				if !ok {
					continue
				}
				a["Dest"] = d.array()
			}
			annots = append(annots, w.f.Add(a))
		}
		if len(annots) > 0 {
			pg["Annots"] = annots
		}
		w.f.Put(refs[i], pg)
	}
	return refs
}

// pageLabel starts a range of page labels (ISO 32000-1, 12.4.2).
type pageLabel struct {
	start  int
	prefix string
	roman  bool
}

// meta is what goes into a PDF's metadata.
type meta struct {
	doc  *document.Doc
	opts Options
}

// finish writes the page tree, the outline, the metadata and the catalog,
// and returns the file.
func (w *fileWriter) finish(kids []ref, marks []outlineItem, labels []pageLabel, m meta) ([]byte, error) {
	arr := make(pdfobj.Array, len(kids))
	for i, k := range kids {
		arr[i] = k
	}
	w.f.Put(w.root, pdfobj.Dict{"Type": pdfobj.Name("Pages"), "Kids": arr, "Count": pdfobj.Int(len(kids)),
		"MediaBox": pdfobj.Rect(0, 0, pageW, pageH)})
	lang := "zh-CN"
	if m.doc.Lang == "en" {
		lang = "en"
	}
	info, xmp := w.metadata(m)
	cat := pdfobj.Dict{"Type": pdfobj.Name("Catalog"), "Pages": w.root, "Lang": pdfobj.Text(lang), "Metadata": xmp,
		"ViewerPreferences": pdfobj.Dict{"DisplayDocTitle": pdfobj.Bool(true)},
		"PageMode":          pdfobj.Name("UseNone")}
	if len(kids) > 0 {
		// Open on the first page, at the reader's zoom.
		cat["OpenAction"] = pdfobj.Array{kids[0], pdfobj.Name("XYZ"), pdfobj.Null{}, pdfobj.Null{}, pdfobj.Null{}}
	}
	if o := w.outline(marks); o != 0 {
		cat["Outlines"] = o
		cat["PageMode"] = pdfobj.Name("UseOutlines")
	}
	if len(labels) > 0 {
		var nums pdfobj.Array
		for _, l := range labels {
			d := pdfobj.Dict{"S": pdfobj.Name("D")}
			if l.roman {
				d["S"] = pdfobj.Name("r")
			}
			if l.prefix != "" {
				d["P"] = pdfobj.Text(l.prefix)
			}
			nums = append(nums, pdfobj.Int(l.start), d)
		}
		cat["PageLabels"] = pdfobj.Dict{"Nums": nums}
	}
	root := w.f.Add(cat)
	return w.f.Finish(root, info)
}

// metadata writes the document information dictionary and the same facts
// as XMP, the form PDF/A and archives read.
func (w *fileWriter) metadata(m meta) (info, xmp ref) {
	d := pdfobj.Dict{}
	fields := []struct{ key, value string }{
		{"Title", m.doc.Title}, {"Subject", m.doc.Subject}, {"Author", m.doc.Author},
		{"Keywords", m.doc.Keywords}, {"Creator", m.opts.Creator}, {"Producer", m.opts.Creator},
	}
	for _, kv := range fields {
		if kv.value != "" {
			d[pdfobj.Name(kv.key)] = pdfobj.Text(kv.value)
		}
	}
	date := m.opts.Date.UTC()
	d["CreationDate"] = pdfobj.Text(pdfDate(date))
	d["ModDate"] = pdfobj.Text(pdfDate(date))
	info = w.f.Add(d)
	xmp = w.f.AddStream(pdfobj.Dict{"Type": pdfobj.Name("Metadata"), "Subtype": pdfobj.Name("XML")}, xmpPacket(m, date))
	return info, xmp
}

func pdfDate(t time.Time) string { return "D:" + t.Format("20060102150405") + "Z00'00'" }

// xmpPacket is the document's metadata as XMP (ISO 16684-1), matching the
// information dictionary field for field: dc:title, dc:creator and
// dc:description for Title, Author and Subject, pdf:Keywords and
// pdf:Producer, xmp:CreatorTool for Creator, and the dates.
func xmpPacket(m meta, date time.Time) []byte {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	lang := "zh-CN"
	if m.doc.Lang == "en" {
		lang = "en"
	}
	iso := date.Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` + "\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	alt := func(tag, v string) {
		if v != "" {
			fmt.Fprintf(&b, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></%s>\n", tag, esc.Replace(v), tag)
		}
	}
	alt("dc:title", m.doc.Title)
	if m.doc.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc.Replace(m.doc.Author))
	}
	alt("dc:description", m.doc.Subject)
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", lang)
	if m.doc.Keywords != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", esc.Replace(m.doc.Keywords))
	}
	if m.opts.Creator != "" {
		fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc.Replace(m.opts.Creator), esc.Replace(m.opts.Creator))
	}
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", iso, iso, iso)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// Room to edit the metadata in place, as XMP asks of writers.
	b.WriteString(strings.Repeat(strings.Repeat(" ", 99)+"\n", 20))
	b.WriteString(`<?xpacket end="w"?>`)
	return []byte(b.String())
}

// outlineItem is one bookmark: a title, its depth (0 at the top) and where
// it points.
type outlineItem struct {
	title string
	level int
	page  ref
	y     float64 // from the page's top, in points
	fit   bool    // show the whole page rather than a position on it
}

// outline writes the bookmarks as a tree and returns the root, or 0 for
// none. Top-level items are open, deeper ones closed, so a reader first sees
// the chapters of a long agreement or the documents of a packet.
func (w *fileWriter) outline(items []outlineItem) ref {
	if len(items) == 0 {
		return 0
	}
	type node struct {
		n                               ref
		parent, first, last, prev, next int
		kids                            int
	}
	root := w.f.Reserve()
	nodes := make([]node, len(items))
	for i := range items {
		nodes[i] = node{n: w.f.Reserve(), parent: -1, first: -1, last: -1, prev: -1, next: -1}
	}
	// stack[level] is the last item seen at that depth.
	var stack, top []int
	for i, it := range items {
		lv := min(it.level, len(stack))
		stack = stack[:lv]
		if lv == 0 {
			if len(top) > 0 {
				nodes[i].prev = top[len(top)-1]
				nodes[top[len(top)-1]].next = i
			}
			top = append(top, i)
		} else {
			p := stack[lv-1]
			nodes[i].parent = p
			if nodes[p].last >= 0 {
				nodes[i].prev = nodes[p].last
				nodes[nodes[p].last].next = i
			} else {
				nodes[p].first = i
			}
			nodes[p].last = i
			nodes[p].kids++
		}
		stack = append(stack, i)
	}
	// The /Count of an open item is the number of items visible under it
	// (its children, themselves closed); a closed item's is minus the
	// number of its children.
	visibleTop := 0
	for _, t := range top {
		visibleTop += 1 + nodes[t].kids
	}
	parent := func(i int) ref {
		if i < 0 {
			return root
		}
		return nodes[i].n
	}
	for i, it := range items {
		nd := nodes[i]
		d := pdfobj.Dict{"Title": pdfobj.Text(it.title), "Parent": parent(nd.parent),
			"Dest": dest{page: it.page, y: it.y, fit: it.fit}.array()}
		if nd.prev >= 0 {
			d["Prev"] = nodes[nd.prev].n
		}
		if nd.next >= 0 {
			d["Next"] = nodes[nd.next].n
		}
		if nd.first >= 0 {
			d["First"], d["Last"] = nodes[nd.first].n, nodes[nd.last].n
			if nd.parent < 0 {
				d["Count"] = pdfobj.Int(nd.kids)
			} else {
				d["Count"] = pdfobj.Int(-nd.kids)
			}
		}
		w.f.Put(nd.n, d)
	}
	w.f.Put(root, pdfobj.Dict{"Type": pdfobj.Name("Outlines"), "First": nodes[top[0]].n, "Last": nodes[top[len(top)-1]].n, "Count": pdfobj.Int(visibleTop)})
	return root
}
