package packet

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"pilotpack/generators/pdf"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
)

// part is one document of the combined PDF.
type part struct {
	title string
	laid  *pdf.Laid
	data  []byte
	read  *pdf.Foreign
	pages int
}

// combined draws every document's PDF, and binds the application, the agreements and the PDF attachments,
// in checklist order, behind a contents page listing where each starts: the
// file a bureau reads first.
func (b *builder) combined() error {
	var parts []part
	seenDoc := map[*built]bool{}
	seenAtt := map[*attached]bool{}
	addDoc := func(d *built) {
		if !seenDoc[d] && d.laid != nil {
			seenDoc[d] = true
			parts = append(parts, part{title: d.title, laid: d.laid, pages: d.laid.Result().Pages})
		}
	}
	addAtt := func(a *attached) {
		if !seenAtt[a] && a.PDF != nil {
			seenAtt[a] = true
			parts = append(parts, part{title: a.file.title, data: a.Data, read: a.PDF, pages: a.Pages})
		}
	}
	for _, r := range b.checklistRows {
		for _, d := range r.docs {
			addDoc(d)
		}
		for _, a := range r.attach {
			addAtt(a)
		}
	}
	for _, d := range b.docs {
		addDoc(d)
	}
	for _, a := range b.attach {
		addAtt(a)
	}
	title := labelCombined.In(b.lang)
	// The contents page lists start pages, which depend on its own length:
	// lay it out, and again if it turned out longer than assumed.
	var toc *pdf.Laid
	for pages := 1; ; {
		doc, _ := document.Parse([]byte(b.contents(parts, pages)), b.lang)
		doc.Title = title
		doc.Author = lang.T(b.a.Applicant.NameZh, b.a.Applicant.NameEn).In(b.lang)
		doc.Subject = lang.T(b.a.Product.NameZh, b.a.Product.NameEn).In(b.lang)
		laid, err := pdf.Layout(doc, pdf.Options{Fonts: b.opts.Fonts, Date: b.opts.Date, Draft: b.opts.Draft, Creator: "pilotpack " + b.opts.Version})
		if err != nil {
			return err
		}
		toc = laid
		if n := laid.Result().Pages; n != pages {
			pages = n
			continue
		}
		break
	}
	entries := []pdf.Entry{{Title: labelContents.In(b.lang), Laid: toc}}
	total := toc.Result().Pages
	for i, p := range parts {
		entries = append(entries, pdf.Entry{Title: p.title, Laid: p.laid, PDF: p.data, Foreign: p.read, Link: fmt.Sprintf("doc-%d", i+1)})
		total += p.pages
	}
	// Every document is drawn once, into one book that gives both its own
	// file and the combined one.
	book, err := pdf.Draw(entries)
	if err != nil {
		return lang.Errorf(msgDrawing, err)
	}
	// Each file is put together from the drawn pages on its own, a few at
	// a time, and goes into the staged folder as soon as it is made, so
	// that no more than a few files' bytes are held at once. The combined
	// file, the longest job, goes first.
	f := &file{path: "00-combined.pdf", title: title, kind: "combined", pages: total}
	jobs := []func() error{func() error {
		data, err := book.Combined()
		if err != nil {
			return lang.Errorf(msgCombinedPDF, err)
		}
		return b.put(f, data)
	}}
	for _, d := range b.docs {
		if d.pdf == nil {
			continue
		}
		jobs = append(jobs, func() error {
			data, err := book.Document(d.laid)
			if err != nil {
				return lang.Errorf(msgAt, d.pdf.path, err)
			}
			return b.put(d.pdf, data)
		})
	}
	if err := parallel(jobs); err != nil {
		return err
	}
	// The combined file is the first a reader opens: it goes first.
	b.files = append([]*file{f}, b.files...)
	return nil
}

// parallel runs jobs on as many goroutines as there are processors, in
// order, and returns their errors.
func parallel(jobs []func() error) error {
	errs := make([]error, len(jobs))
	q := newQueue(len(jobs))
	for i, job := range jobs {
		q.add(func() { errs[i] = job() })
	}
	q.wait()
	return errors.Join(errs...)
}

// queue runs work on as many goroutines as there are processors, in the
// order it is added; work may add more, which runs after what is waiting.
type queue struct {
	work chan func()
	wg   sync.WaitGroup // work added and not yet done
	run  sync.WaitGroup // the goroutines
}

// newQueue starts a queue for at most max pieces of work in all.
func newQueue(max int) *queue {
	q := &queue{work: make(chan func(), max)}
	for range min(runtime.GOMAXPROCS(0), max) {
		q.run.Go(func() {
			for fn := range q.work {
				fn()
				q.wg.Done()
			}
		})
	}
	return q
}

// add queues fn, or runs it at once when the queue is full (more work
// than newQueue was told of), rather than wait for room that only the
// goroutines waiting could make.
func (q *queue) add(fn func()) {
	q.wg.Add(1)
	select {
	case q.work <- fn:
	default:
		fn()
		q.wg.Done()
	}
}

// wait waits for all the work, that added by work included, and stops
// the goroutines.
func (q *queue) wait() {
	q.wg.Wait()
	close(q.work)
	q.run.Wait()
}

var mdEscaper = strings.NewReplacer(`|`, `\|`, `[`, `\[`, `]`, `\]`, `*`, `\*`, `_`, `\_`, "`", "\\`", `<`, `\<`)

// contents writes the contents page as Markdown, for a contents section of
// tocPages pages.
func (b *builder) contents(parts []part, tocPages int) string {
	zh := b.lang != "en"
	var s strings.Builder
	// The page columns take no more than their headers need: the titles,
	// with a manufacturer's name in brackets, want the width.
	if zh {
		fmt.Fprintf(&s, "::: title\n合订本\n%s\n:::\n\n", mdEscaper.Replace(b.a.Product.NameZh))
		fmt.Fprintf(&s, "申请人：%s　　申请日期：%s\n\n", mdEscaper.Replace(b.a.Applicant.NameZh), b.a.Application.Date.Zh())
		s.WriteString("<!-- widths: 1 12 1 1 -->\n| 序号 | 文件 | 起始页 | 页数 |\n|:---:|---|:---:|:---:|\n")
	} else {
		fmt.Fprintf(&s, "::: title\nCombined packet\n%s\n:::\n\n", mdEscaper.Replace(b.a.Product.NameEn))
		// Two lines: run together, a long name stretches the line's spaces.
		fmt.Fprintf(&s, "Applicant: %s\\\nApplication date: %s\n\n", mdEscaper.Replace(b.a.Applicant.NameEn), b.a.Application.Date.En())
		s.WriteString("<!-- widths: 1 12 1 1 -->\n| No. | Document | Starts on page | Pages |\n|:---:|---|:---:|:---:|\n")
	}
	page := tocPages + 1
	for i, p := range parts {
		title := mdEscaper.Replace(p.title)
		if p.laid != nil {
			title = fmt.Sprintf("[%s](#doc-%d)", title, i+1)
		}
		fmt.Fprintf(&s, "| %d | %s | %d | %d |\n", i+1, title, page, p.pages)
		page += p.pages
	}
	return s.String()
}
