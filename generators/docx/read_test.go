package docx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"pilotpack/generators/docx"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/packet"
)

// fixtureDocs renders every document of the default pack for every
// fixture in both languages.
func fixtureDocs(t testing.TB) map[string]*document.Doc {
	t.Helper()
	p, err := pack.Open("")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../fixtures/applicants/*.yaml")
	out := map[string]*document.Doc{}
	for _, f := range files {
		for _, l := range []lang.Lang{lang.Zh, lang.En} {
			ms, err := packet.Render(f, packet.Options{Pack: p, Lang: l, Date: date})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range ms.Documents {
				out[filepath.Base(f)+"/"+string(l)+"/"+r.Stem] = r.Model
			}
		}
	}
	return out
}

// TestReadWhatWriteWrote reads every document of every fixture back from
// its DOCX: the model read writes the same document.xml and numbering.xml,
// and has the same text as the DOCX sets it (Typeset), labels, ids and
// cross-references; typesetting it again changes nothing.
func TestReadWhatWriteWrote(t *testing.T) {
	docs := fixtureDocs(t)
	src, err := os.ReadFile("../../internal/document/testdata/agreement.md")
	if err != nil {
		t.Fatal(err)
	}
	docs["sample"], _ = document.Parse(src, lang.Zh)
	// Every construct of the Markdown templates write, nested where
	// they may be: signature blocks of one, two and three parties (one a
	// long name, set one to a row), in an article too; quotes, code and
	// tables in list items; ids whose bookmark names collide.
	constructs, err := os.ReadFile("testdata/constructs.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lang.All {
		d, warnings := document.Parse(constructs, l)
		if len(warnings) > 0 {
			t.Fatalf("constructs.md: %v", warnings)
		}
		docs["constructs/"+string(l)] = d
	}
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			data := write(t, d)
			// Every link and contents entry leads to a bookmark.
			xml := unzip(t, data)["word/document.xml"]
			for _, m := range anchorRE.FindAllStringSubmatch(xml, -1) {
				if !strings.Contains(xml, `w:name="`+m[1]+`"`) {
					t.Errorf("a link leads to %s, which no bookmark is named", m[1])
				}
			}
			back, err := docx.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			again := unzip(t, write(t, back))
			first := unzip(t, data)
			for _, part := range []string{"word/document.xml", "word/numbering.xml", "docProps/core.xml"} {
				if a, b := first[part], again[part]; a != b {
					i := 0
					for i < len(a) && i < len(b) && a[i] == b[i] {
						i++
					}
					t.Errorf("%s differs at %d:\nwritten %s\nread    %s", part, i, snippet(a, i), snippet(b, i))
				}
			}
			for _, c := range []struct {
				what           string
				written, again *document.Doc
			}{{"model", docx.Typeset(d), back}, {"typeset again", back, docx.Typeset(back)}} {
				if a, b := comparable(c.written), comparable(c.again); a != b {
					la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
					for i := range min(len(la), len(lb)) {
						if la[i] != lb[i] {
							t.Errorf("%s differs at line %d:\nwritten %s\nread    %s", c.what, i+1, la[i], lb[i])
							break
						}
					}
				}
			}
		})
	}
}

var anchorRE = regexp.MustCompile(`w:anchor="([^"]*)"`)

func snippet(s string, i int) string {
	return s[max(0, i-80):min(len(s), i+80)]
}

// comparable is a model's dump without what a DOCX does not keep: column
// widths (the DOCX keeps their twips) and alignments left as the default.
func comparable(d *document.Doc) string {
	var out []string
	for _, line := range strings.Split(document.Dump(d), "\n") {
		if strings.Contains(line, "table widths=") {
			line = line[:strings.Index(line, "table widths=")] + "table"
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

var date = time.Date(2025, 12, 10, 9, 0, 0, 0, time.UTC)

func write(t testing.TB, d *document.Doc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := docx.Write(&b, d, docx.Options{Date: date}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func unzip(t testing.TB, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		out[f.Name] = string(b)
	}
	return out
}

// FuzzRead reads arbitrary bytes and arbitrary document.xml parts as a
// DOCX: a packet comes from outside, so Read must fail with an error, never
// panic or hang, and whatever it reads must write again.
func FuzzRead(f *testing.F) {
	src, err := os.ReadFile("../../internal/document/testdata/agreement.md")
	if err != nil {
		f.Fatal(err)
	}
	d, _ := document.Parse(src, lang.Zh)
	var b bytes.Buffer
	if err := docx.Write(&b, d, docx.Options{Date: date}); err != nil {
		f.Fatal(err)
	}
	whole := b.Bytes()
	parts := unzip(f, whole)
	f.Add(whole, "")
	f.Add([]byte(nil), parts["word/document.xml"])
	f.Add([]byte(nil), `<w:document xmlns:w="w"><w:body><w:p><w:pPr><w:pStyle w:val="ListParagraph"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>`)
	f.Fuzz(func(t *testing.T, data []byte, documentXML string) {
		if documentXML != "" {
			// The sample with another body, so that the fuzzer reaches the
			// reading of paragraphs, lists and tables.
			var z bytes.Buffer
			zw := zip.NewWriter(&z)
			for _, name := range []string{"word/document.xml", "word/numbering.xml", "docProps/core.xml", "word/_rels/document.xml.rels"} {
				w, _ := zw.Create(name)
				if name == "word/document.xml" {
					io.WriteString(w, documentXML)
				} else {
					io.WriteString(w, parts[name])
				}
			}
			zw.Close()
			data = z.Bytes()
		}
		doc, err := docx.Read(data)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := docx.Write(&out, doc, docx.Options{Date: date}); err != nil {
			t.Fatalf("read a document that does not write: %v", err)
		}
	})
}

// rezip is a DOCX with its parts replaced.
func rezip(t testing.TB, parts map[string]string, replace map[string]string) []byte {
	t.Helper()
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, _ := zw.Create(name)
		content := parts[name]
		if r, ok := replace[name]; ok {
			content = r
		}
		io.WriteString(w, content)
	}
	zw.Close()
	return z.Bytes()
}

// TestReadRefuses reads DOCX files pilotpack did not write as they are:
// each is refused with a ForeignError that says where, in both languages,
// and none takes long, however its parts are made.
func TestReadRefuses(t *testing.T) {
	src, err := os.ReadFile("../../internal/document/testdata/agreement.md")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := document.Parse(src, lang.Zh)
	parts := unzip(t, write(t, d))
	body := parts["word/document.xml"]
	at := func(old, new string) string {
		if !strings.Contains(body, old) {
			t.Fatalf("the sample has no %s", old)
		}
		return strings.Replace(body, old, new, 1)
	}
	head := body[:strings.Index(body, "<w:body>")+len("<w:body>")]
	// Text cut into a million pieces by comments, in one paragraph (fewer
	// under the race detector).
	n := 1 << 20
	if raceEnabled {
		n = 1 << 16
	}
	pieces := head + `<w:p><w:r><w:t>` + strings.Repeat("a<!---->", n) + `</w:t></w:r></w:p></w:body></w:document>`
	for _, c := range []struct {
		name    string
		data    []byte
		en, zh  string
		foreign bool
	}{
		{"not a zip", []byte("PK not really"), "not a zip", "不是 zip 文件", true},
		{"no numbering", rezip(t, parts, map[string]string{"word/numbering.xml": ""}), "word/numbering.xml: no root element", "word/numbering.xml：没有根元素", true},
		{"a property a word processor adds", rezip(t, parts, map[string]string{"word/document.xml": at(`<w:p><w:pPr><w:pStyle w:val="Heading1"/>`, `<w:p w:rsidR="00AB12CD"><w:pPr><w:pStyle w:val="Heading1"/>`)}),
			"paragraph", "段", true},
		{"an alignment changed", rezip(t, parts, map[string]string{"word/document.xml": at(`<w:jc w:val="center"/>`, `<w:jc w:val="right"/>`)}),
			`paragraph 1 of word/document.xml ("药品委托生产质量协议") is not as pilotpack writes it`, "word/document.xml 的第 1 段（“药品委托生产质量协议”）与 pilotpack 所写不同", true},
		{"a style of another", rezip(t, parts, map[string]string{"word/document.xml": at(`<w:pStyle w:val="Heading2"/>`, `<w:pStyle w:val="Heading9"/>`)}),
			`has the style "Heading9"`, `的样式为 "Heading9"`, true},
		{"a party without its seal", rezip(t, parts, map[string]string{"word/document.xml": regexp.MustCompile(`<w:tbl><w:tblPr><w:tblW w:w="2552".*?</w:tbl>`).ReplaceAllString(body, "")}),
			"signature block, party 1: 5 parts instead of role, name, seal, signatory, line and date", "签署栏第 1 方：有 5 部分", true},
		{"nested too deep", rezip(t, parts, map[string]string{"word/document.xml": head + strings.Repeat("<w:p>", 100) + strings.Repeat("</w:p>", 100) + "</w:body></w:document>"}),
			"nested more than 64 deep", "嵌套超过 64 层", true},
		{"text in a million pieces", rezip(t, parts, map[string]string{"word/document.xml": pieces}), "paragraph 1 of word/document.xml", "word/document.xml 的第 1 段", true},
		{"a part too large", rezip(t, parts, map[string]string{"word/document.xml": body + strings.Repeat(" ", 16<<20)}), "more than 16777216", "超过上限 16777216", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := docx.Read(c.data)
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("took %v", took)
			}
			var fe *docx.ForeignError
			if err == nil || errors.As(err, &fe) != c.foreign {
				t.Fatalf("got %v, want a ForeignError", err)
			}
			if en := lang.Message(err, lang.En); !strings.Contains(en, c.en) {
				t.Errorf("got %s\nwant it to say %s", en, c.en)
			}
			if zh := lang.Message(err, lang.Zh); !strings.Contains(zh, c.zh) || !strings.Contains(zh, "不是 pilotpack 所写的 DOCX") {
				t.Errorf("got %s\nwant it to say %s", zh, c.zh)
			}
		})
	}
}

// TestReadContentsPages reads a document whose contents show the page
// numbers of its PDF, one of them missing: the pages are read with the
// entries, so the model writes the same contents again.
func TestReadContentsPages(t *testing.T) {
	src, err := os.ReadFile("../../internal/document/testdata/agreement.md")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := document.Parse(src, lang.Zh)
	pages := map[string]int{}
	for i, h := range d.Headings()[1:] {
		pages[h.ID] = 3 + i
	}
	var b bytes.Buffer
	if err := docx.Write(&b, d, docx.Options{Date: date, HeadingPages: pages}); err != nil {
		t.Fatal(err)
	}
	if _, err := docx.Read(b.Bytes()); err != nil {
		t.Fatal(err)
	}
}

// TestReadRedline reads a redline back: text, paragraphs, articles and
// table rows inserted and deleted come back with their marks, and the
// model read writes the same tracked changes again.
func TestReadRedline(t *testing.T) {
	src, err := os.ReadFile("testdata/constructs.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lang.All {
		d, _ := document.Parse(src, l)
		// Mark: the second article deleted, an article inserted before the
		// third, a word changed in the first, the table's last row
		// inserted, and a heading deleted.
		var articles *document.List
		document.Walk(d.Blocks, func(b document.Block) {
			switch x := b.(type) {
			case *document.List:
				if articles == nil && x.Style == document.Article {
					articles = x
				}
			case *document.Table:
				x.Body[len(x.Body)-1].Mark = document.Inserted
				for i := range x.Body[len(x.Body)-1].Cells {
					c := &x.Body[len(x.Body)-1].Cells[i]
					for j := range c.Text {
						c.Text[j].Mark = document.Inserted
					}
				}
			case *document.Heading:
				if x.Level == 3 {
					for j := range x.Text {
						x.Text[j].Mark = document.Deleted
					}
				}
			}
		})
		mark := func(it *document.Item, m document.Mark) {
			p := it.Blocks[0].(*document.Paragraph)
			for j := range p.Text {
				p.Text[j].Mark = m
			}
		}
		mark(&articles.Items[1], document.Deleted)
		inserted := document.Item{Blocks: []document.Block{&document.Paragraph{Text: []document.Span{{Text: "新增条款 added clause", Mark: document.Inserted}}}}}
		articles.Items = append(articles.Items[:2], append([]document.Item{inserted}, articles.Items[2:]...)...)
		first := articles.Items[0].Blocks[0].(*document.Paragraph)
		first.Text = append(first.Text, document.Span{Text: "旧", Mark: document.Deleted}, document.Span{Text: "新", Mark: document.Inserted})

		var b bytes.Buffer
		if err := docx.WriteRedline(&b, d, docx.Options{Date: date}, docx.Revisions{Author: "Legal, Hanyuan", Date: date}); err != nil {
			t.Fatal(err)
		}
		back, err := docx.Read(b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		typeset := docx.Typeset(d)
		for _, v := range []struct {
			what    string
			version func(*document.Doc) *document.Doc
		}{{"accepted", document.Accept}, {"rejected", document.Reject}} {
			if a, b := texts(v.version(typeset)), texts(v.version(back)); a != b {
				t.Errorf("%s, %s: read\n%s\nwant\n%s", l, v.what, b, a)
			}
		}
	}
}

// texts is a document's text, a line for each run of spans.
func texts(d *document.Doc) string {
	var lines []string
	document.EachText(d.Blocks, func(spans *[]document.Span) {
		lines = append(lines, document.PlainText(*spans))
	})
	return strings.Join(lines, "\n")
}
