package pdf

import (
	"reflect"
	"testing"

	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
)

// TestLaidPagesUnpackAsLaidOut: a laid-out document keeps its pages packed
// until drawn; unpacked, they are the pages the layout made, item for
// item, in both languages, drafts included, so drawing them gives the
// same bytes as drawing the layout's own.
func TestLaidPagesUnpackAsLaidOut(t *testing.T) {
	fonts := mustFonts(t)
	en, _ := document.Parse([]byte("# Quality agreement {id=qa}\n\n"+corpus(3)+"\n\n| Stage | Site |\n|---|---|\n| Drug substance | Suzhou |\n\nSee [the agreement](#qa) and [the bureau](https://www.nmpa.gov.cn/).\n"), "en")
	for _, tc := range []struct {
		name string
		doc  *document.Doc
		opts Options
	}{
		{"zh agreement", sample(t), Options{Fonts: fonts, Date: date}},
		{"zh agreement, draft", sample(t), Options{Fonts: fonts, Date: date, Draft: true}},
		{"en text, table and links", en, Options{Fonts: fonts, Date: date}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := layout(tc.doc, tc.opts.Fonts.forLang(tc.doc.Lang))
			tc.opts.Header = tc.doc.Title
			e.chrome(tc.opts)
			if e.err != nil {
				t.Fatal(e.err)
			}
			l, err := Layout(tc.doc, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			got, err := l.Pages()
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(e.pages) || len(got) == 0 {
				t.Fatalf("%d pages unpacked, %d laid out", len(got), len(e.pages))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], e.pages[i]) {
					t.Errorf("page %d unpacks differently from its layout", i+1)
				}
			}
			var links, marks int
			for i, p := range e.pages {
				for _, it := range p.Items {
					switch it.(type) {
					case page.Link:
						links++
					case page.Bookmark:
						marks++
					}
				}
				if len(l.links[i]) > len(p.Items) || len(l.marks[i]) > len(p.Items) {
					t.Errorf("page %d: more links or bookmarks kept than items", i+1)
				}
			}
			kept := 0
			for i := range l.links {
				kept += len(l.links[i]) + len(l.marks[i])
			}
			if kept != links+marks {
				t.Errorf("kept %d links and bookmarks of %d", kept, links+marks)
			}
			if l.doc.Blocks != nil {
				t.Error("the laid-out document keeps its model's blocks")
			}
		})
	}
}
