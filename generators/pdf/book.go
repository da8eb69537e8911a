package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"runtime"
	"slices"
	"sync"

	"pilotpack/generators/pdf/page"
	"pilotpack/internal/flatepool"
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
	// Label is the prefix of the entry's page labels in the combined file
	// (its pages are labelled Label1, Label2, …). Empty, the first entry's
	// pages are numbered i, ii, … as front matter and any other entry's
	// take its position and a hyphen: the pages of the third entry are 2-1,
	// 2-2, … after a contents entry, matching a contents page's numbering.
	Label string
}

// A Book is documents drawn together: their characters are numbered once
// per face, so every page is drawn and compressed once, and each document
// comes out as a file of its own (embedding only the glyphs it uses) and
// all of them as one combined file (embedding one subset for all).
// Documents are drawn in parallel.
type Book struct {
	entries []Entry
	fonts   *Fonts
	glyphs  []*glyphs
	packed  []*packedFace // each face's outlines, coded for the book
	drawn   map[*Laid]*drawnDoc
	// combinedFonts are the subsets of the combined file.
	combinedFonts []*fontProgram
}

// drawnDoc is a document drawn: its compressed page contents and the
// glyphs it uses, of which its own file's font subsets are made when the
// file is (Document), so that no more than a few are held at once.
type drawnDoc struct {
	contents [][]byte
	used     [][]bool // by page.Font, by glyph id
}

// Draw draws the laid-out entries of a book. Entries holding a PDF are kept
// for the combined file.
func Draw(entries []Entry) (*Book, error) {
	var laid []*Laid
	for _, e := range entries {
		if e.Laid != nil {
			laid = append(laid, e.Laid)
		}
	}
	if len(laid) == 0 {
		return nil, errors.New("nothing to draw: no laid-out document")
	}
	fonts := laid[0].opts.Fonts
	for _, l := range laid[1:] {
		if l.opts.Fonts != fonts {
			return nil, errors.New("the documents of a book must be set in the same fonts")
		}
	}
	b := &Book{entries: entries, fonts: fonts, drawn: map[*Laid]*drawnDoc{}}
	// Number the characters of every face the book uses, the combined
	// file's packet page numbers included.
	n := fonts.count()
	sets := make([]runeSet, n)
	for _, l := range laid {
		for k, rs := range l.runes {
			sets[k].addRunes(rs)
		}
	}
	sets[fSerif].add(string(stampRunes(laid[0].doc.Lang)))
	b.glyphs = make([]*glyphs, n)
	for k := range n {
		if rs := sets[k].runes(); len(rs) > 0 {
			b.glyphs[k] = newGlyphs(rs)
		}
	}
	// Each face's outlines are coded once for the book, while the
	// documents are drawn and compressed, each on its own; the combined
	// file's subsets, which need the codes, are the last jobs. The longest
	// jobs go first, so that none is left to run alone at the end: the
	// codes, then the documents, longest first.
	type job func() error
	var jobs []job
	b.packed = make([]*packedFace, n)
	packed := make([]sync.WaitGroup, n)
	for k, g := range b.glyphs {
		if g != nil {
			packed[k].Add(1)
			jobs = append(jobs, func() error {
				defer packed[k].Done()
				b.packed[k] = packFace(fonts.face(page.Font(k)), g)
				return nil
			})
		}
	}
	docs := make([]*drawnDoc, len(laid))
	order := make([]int, len(laid))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return laid[b].pages.Len() - laid[a].pages.Len() })
	for _, i := range order {
		l := laid[i]
		jobs = append(jobs, func() error {
			d, err := b.draw(l)
			docs[i] = d
			return err
		})
	}
	b.combinedFonts = make([]*fontProgram, n)
	for k, g := range b.glyphs {
		if g == nil {
			continue
		}
		jobs = append(jobs, func() error {
			all := make([]bool, len(g.runes)+1)
			for i := range g.runes {
				all[i+1] = true
			}
			// Its code was taken up by a job before this one: it is done
			// or being made.
			packed[k].Wait()
			b.combinedFonts[k] = newFontProgram(fonts.face(page.Font(k)), g, all, b.packed[k])
			return nil
		})
	}
	if err := parallel(jobs); err != nil {
		return nil, err
	}
	for i, l := range laid {
		b.drawn[l] = docs[i]
	}
	return b, nil
}

// parallel runs the jobs on as many goroutines as there are processors and
// returns the first error.
func parallel[F ~func() error](jobs []F) error {
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	next := make(chan F)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for j := range next {
				if err := j(); err != nil && errs[w] == nil {
					errs[w] = err
				}
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// runeSet is a set of runes: a bit per rune of the Basic Multilingual
// Plane, a map beyond it.
type runeSet struct {
	bmp  *[0x10000 / 64]uint64
	supp map[rune]bool
}

func (s *runeSet) add(text string) {
	for _, r := range text {
		s.addRune(r)
	}
}

func (s *runeSet) addRunes(rs []rune) {
	for _, r := range rs {
		s.addRune(r)
	}
}

func (s *runeSet) addRune(r rune) {
	switch {
	case r < 0:
	case r < 0x10000:
		if s.bmp == nil {
			s.bmp = new([0x10000 / 64]uint64)
		}
		s.bmp[r/64] |= 1 << (r % 64)
	default:
		if s.supp == nil {
			s.supp = map[rune]bool{}
		}
		s.supp[r] = true
	}
}

// runes returns the set's runes in order.
func (s *runeSet) runes() []rune {
	var out []rune
	if s.bmp != nil {
		for i, w := range s.bmp {
			for ; w != 0; w &= w - 1 {
				out = append(out, rune(i*64+bits.TrailingZeros64(w)))
			}
		}
	}
	var supp []rune
	for r := range s.supp {
		supp = append(supp, r)
	}
	slices.Sort(supp)
	return append(out, supp...)
}

// collectRunes adds the characters of the items' text to sets, by font.
func collectRunes(sets []runeSet, items []page.Item) {
	for _, it := range items {
		switch it := it.(type) {
		case page.Text:
			if int(it.Font) < len(sets) {
				sets[it.Font].add(it.Text)
			}
		case page.Group:
			collectRunes(sets, it.Items)
		}
	}
}

// markUsed marks the glyphs the items draw.
func (b *Book) markUsed(used [][]bool, items []page.Item) {
	for _, it := range items {
		switch it := it.(type) {
		case page.Text:
			if int(it.Font) < len(used) && b.glyphs[it.Font] != nil {
				if used[it.Font] == nil {
					used[it.Font] = make([]bool, len(b.glyphs[it.Font].runes)+1)
				}
				b.glyphs[it.Font].mark(used[it.Font], it.Text)
			}
		case page.Group:
			b.markUsed(used, it.Items)
		}
	}
}

// draw draws one document: its pages' content, compressed, and the glyphs
// it uses.
func (b *Book) draw(l *Laid) (*drawnDoc, error) {
	pages, err := l.pages.Unpack()
	if err != nil {
		return nil, err
	}
	raw, err := drawPages(pages, b.fonts, b.glyphs)
	if err != nil {
		return nil, err
	}
	d := &drawnDoc{contents: make([][]byte, len(raw)), used: make([][]bool, len(b.glyphs))}
	for i, c := range raw {
		// Held until the combined file is made: kept without the room
		// the compressor's buffer left over.
		d.contents[i] = bytes.Clone(flatepool.Zlib(c))
	}
	for _, p := range pages {
		b.markUsed(d.used, p.Items)
	}
	return d, nil
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
	d, ok := b.drawn[l]
	if !ok {
		return nil, errors.New("the document is not part of this book")
	}
	fonts := make([]*fontProgram, len(d.used))
	size := 32 << 10
	for k, used := range d.used {
		if used != nil {
			fonts[k] = newFontProgram(b.fonts.face(page.Font(k)), b.glyphs[k], used, b.packed[k])
			size += len(fonts[k].file) + len(fonts[k].toUnicode) + 2<<10
		}
	}
	for _, c := range d.contents {
		size += len(c) + 1<<10
	}
	w := newFileWriter(version, size, fonts)
	kids := w.ourPages(l, d.contents, nil, nil)
	var marks []outlineItem
	for i, bms := range l.marks {
		for _, bm := range bms {
			marks = append(marks, outlineItem{title: bm.Title, level: bm.Level, page: kids[i], y: bm.Y})
		}
	}
	return w.finish(kids, marks, nil, meta{doc: l.doc, opts: l.opts})
}

// version is the PDF version of every file: 1.7 (ISO 32000-1), the newest
// that ICH M8 and the FDA's PDF specifications accept.
const version = "1.7"

// Combined returns every entry, in order, as one PDF: one subset of each
// face for all the documents, every page numbered across the packet
// (document.Labels.Packet) in the band below the footer, page labels by
// entry (see Entry.Label), and bookmarks: one per titled entry, with a
// document's headings under it. Its metadata is the first laid-out entry's.
// PDFs from elsewhere are parsed with pdfcpu and their pages' objects copied
// in a fixed order with their references renumbered, so the file is the
// same from run to run.
func (b *Book) Combined() ([]byte, error) {
	var first *Laid
	foreign := make([]*Foreign, len(b.entries))
	counts := make([]int, len(b.entries))
	total, size := 0, 64<<10
	for i, e := range b.entries {
		if e.Laid != nil {
			counts[i] = e.Laid.pages.Len()
			for _, c := range b.drawn[e.Laid].contents {
				size += len(c) + 1<<10
			}
			if first == nil {
				first = e.Laid
			}
		} else {
			f, err := b.foreign(e)
			if err != nil {
				return nil, fmt.Errorf("entry %d (%s): %w", i+1, e.Title, err)
			}
			foreign[i], counts[i] = f, f.Pages
			size += len(e.PDF)
		}
		total += counts[i]
	}
	for _, f := range b.combinedFonts {
		if f != nil {
			size += len(f.file) + len(f.toUnicode) + 2<<10
		}
	}
	w := newFileWriter(version, size, b.combinedFonts)
	st := newStamper(first.doc.Lang, b.glyphs[fSerif], b.fonts.Serif, total)
	// Every page's object is reserved first, so that links can point at
	// any page, and an entry's Link at its first.
	kids := make([]ref, total)
	for i := range kids {
		kids[i] = w.f.Reserve()
	}
	starts := map[string]int{}
	at := 0
	for i, e := range b.entries {
		if e.Link != "" {
			starts[e.Link] = at
		}
		at += counts[i]
	}
	var marks []outlineItem
	var labels []pageLabel
	at = 0
	for i, e := range b.entries {
		refs := kids[at : at+counts[i]]
		if e.Laid != nil {
			l, offset := e.Laid, at
			resolve := func(id string) (dest, bool) {
				if d, ok := l.dests[id]; ok {
					return dest{page: kids[offset+d.page], y: d.y}, true
				}
				if start, ok := starts[id]; ok {
					return dest{page: kids[start], fit: true}, true
				}
				return dest{}, false
			}
			w.ourPagesAt(l, b.drawn[l].contents, refs, st, at, resolve)
		} else if err := w.foreignPages(foreign[i], refs, st, at); err != nil {
			return nil, fmt.Errorf("entry %d (%s): %w", i+1, e.Title, err)
		}
		if len(refs) > 0 {
			lb := pageLabel{start: at, prefix: e.Label}
			if e.Label == "" {
				if i == 0 {
					lb.roman = true
				} else {
					lb.prefix = fmt.Sprintf("%d-", i)
				}
			}
			labels = append(labels, lb)
		}
		if e.Title != "" && len(refs) > 0 {
			marks = append(marks, outlineItem{title: e.Title, page: refs[0], fit: true})
			if e.Laid != nil {
				for pi, bms := range e.Laid.marks {
					for _, bm := range bms {
						marks = append(marks, outlineItem{title: bm.Title, level: bm.Level + 1, page: refs[pi], y: bm.Y})
					}
				}
			}
		}
		at += counts[i]
	}
	return w.finish(kids, marks, labels, meta{doc: first.doc, opts: first.opts})
}

// foreign returns an entry's PDF from elsewhere, read.
func (b *Book) foreign(e Entry) (*Foreign, error) {
	if e.Foreign != nil {
		return e.Foreign, nil
	}
	f, err := ReadForeign(e.PDF)
	if err != nil {
		return nil, fmt.Errorf("cannot read the PDF: %w", err)
	}
	return f, nil
}
