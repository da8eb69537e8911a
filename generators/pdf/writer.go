package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"pilotpack/internal/flatepool"
)

// writer writes a PDF file object by object: a header, numbered objects in
// any order, the cross-reference table and the trailer.
type writer struct {
	out     bytes.Buffer
	offsets []int // by object number; 0 for not yet written
}

// newWriter starts a file of the given PDF version ("1.4") and about size
// bytes.
func newWriter(version string, size int) *writer {
	w := &writer{offsets: []int{0}}
	w.out.Grow(size)
	// The comment of high bytes marks the file as binary for transfer tools.
	w.out.WriteString("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n")
	return w
}

func (w *writer) reserve() int {
	w.offsets = append(w.offsets, 0)
	return len(w.offsets) - 1
}

func (w *writer) put(n int, body string) {
	w.offsets[n] = w.out.Len()
	w.out.WriteString(strconv.Itoa(n))
	w.out.WriteString(" 0 obj\n")
	w.out.WriteString(body)
	w.out.WriteString("\nendobj\n")
}

// putStream writes a stream object; dict holds the entries other than
// /Length.
func (w *writer) putStream(n int, dict string, data []byte) {
	w.offsets[n] = w.out.Len()
	fmt.Fprintf(&w.out, "%d 0 obj\n<<%s /Length %d>>\nstream\n", n, dict, len(data))
	w.out.Write(data)
	w.out.WriteString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and the trailer and returns the
// file. Every reserved object must have been written.
func (w *writer) finish(root, info int) ([]byte, error) {
	xref := w.out.Len()
	fmt.Fprintf(&w.out, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets))
	for n, off := range w.offsets[1:] {
		if off == 0 {
			return nil, fmt.Errorf("object %d reserved but not written", n+1)
		}
		fmt.Fprintf(&w.out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&w.out, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(w.offsets), root, info, xref)
	return w.out.Bytes(), nil
}

// deflate compresses a stream here rather than in fpdf, which makes a new
// compressor for every page.
func deflate(data []byte) []byte { return flatepool.Zlib(data) }

var (
	reLength   = regexp.MustCompile(`/Length (\d+)`)
	reFilter   = regexp.MustCompile(`/Filter\b`)
	reContents = regexp.MustCompile(`/Contents (\d+) 0 R`)
)

// streamDict returns a stream dictionary's entries without its delimiters
// and /Length, for putStream.
func streamDict(dict []byte) string {
	s := strings.TrimSpace(string(reLength.ReplaceAll(dict, nil)))
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<<"), ">>")
	return strings.Join(strings.Fields(s), " ")
}

// textString encodes a PDF text string: plain ASCII as it is, anything else
// as UTF-16BE in hex, as Chinese titles need.
func textString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// info writes the document information dictionary.
func (w *writer) info(m meta) int {
	var b strings.Builder
	b.WriteString("<<")
	for _, kv := range [][2]string{
		{"Title", m.doc.Title}, {"Subject", m.doc.Subject}, {"Author", m.doc.Author},
		{"Keywords", m.doc.Keywords}, {"Creator", m.opts.Creator}, {"Producer", m.opts.Creator},
	} {
		if kv[1] != "" {
			fmt.Fprintf(&b, " /%s %s", kv[0], textString(kv[1]))
		}
	}
	date := "D:" + m.opts.Date.UTC().Format("20060102150405") + "Z00'00'"
	fmt.Fprintf(&b, " /CreationDate (%s) /ModDate (%s) >>", date, date)
	n := w.reserve()
	w.put(n, b.String())
	return n
}

// outlineItem is one bookmark: a title, its depth (0 at the top) and where
// it points.
type outlineItem struct {
	title string
	level int
	page  int     // the page's object number
	y     float64 // from the page's top, in points
	fit   bool    // show the whole page rather than a position on it
}

// outline writes the bookmarks as a tree and returns the root's object
// number, or 0 for none. Top-level items are open, deeper ones closed, so
// a reader first sees the chapters of a long agreement.
func (w *writer) outline(items []outlineItem) int {
	if len(items) == 0 {
		return 0
	}
	type node struct {
		n, parent, first, last, prev, next int
		kids                               int
	}
	root := w.reserve()
	nodes := make([]node, len(items))
	for i := range items {
		nodes[i] = node{n: w.reserve(), parent: -1, first: -1, last: -1, prev: -1, next: -1}
	}
	// stack[level] is the last item seen at that depth.
	var stack []int
	var top []int
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
	ref := func(i int) int {
		if i < 0 {
			return root
		}
		return nodes[i].n
	}
	for i, it := range items {
		nd := nodes[i]
		var b strings.Builder
		fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R", textString(it.title), ref(nd.parent))
		if nd.prev >= 0 {
			fmt.Fprintf(&b, " /Prev %d 0 R", nodes[nd.prev].n)
		}
		if nd.next >= 0 {
			fmt.Fprintf(&b, " /Next %d 0 R", nodes[nd.next].n)
		}
		if nd.first >= 0 {
			fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R", nodes[nd.first].n, nodes[nd.last].n)
			if nd.parent < 0 {
				fmt.Fprintf(&b, " /Count %d", nd.kids)
			} else {
				fmt.Fprintf(&b, " /Count %d", -nd.kids)
			}
		}
		if it.fit {
			fmt.Fprintf(&b, " /Dest [%d 0 R /Fit] >>", it.page)
		} else {
			fmt.Fprintf(&b, " /Dest [%d 0 R /XYZ 0 %.2f null] >>", it.page, pageH-it.y)
		}
		w.put(nd.n, b.String())
	}
	w.put(root, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", nodes[top[0]].n, nodes[top[len(top)-1]].n, visibleTop))
	return root
}

// catalog writes the document catalog.
func (w *writer) catalog(pages, outlines int, lang string) int {
	var b strings.Builder
	fmt.Fprintf(&b, "<< /Type /Catalog /Pages %d 0 R /Lang %s", pages, textString(lang))
	if outlines > 0 {
		fmt.Fprintf(&b, " /Outlines %d 0 R /PageMode /UseOutlines", outlines)
	}
	b.WriteString(" >>")
	n := w.reserve()
	w.put(n, b.String())
	return n
}

// pageTree writes the root of the page tree, reserved as n.
func (w *writer) pageTree(n int, kids []int) {
	var b strings.Builder
	b.WriteString("<< /Type /Pages /Kids [")
	for i, k := range kids {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d 0 R", k)
	}
	fmt.Fprintf(&b, "] /Count %d /MediaBox [0 0 %.2f %.2f] >>", len(kids), pageW, pageH)
	w.put(n, b.String())
}
