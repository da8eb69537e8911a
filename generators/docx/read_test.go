package docx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
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
// and has the same text, labels, ids and cross-references.
func TestReadWhatWriteWrote(t *testing.T) {
	docs := fixtureDocs(t)
	src, err := os.ReadFile("../../internal/document/testdata/agreement.md")
	if err != nil {
		t.Fatal(err)
	}
	docs["sample"], _ = document.Parse(src, lang.Zh)
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			data := write(t, d)
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
			if a, b := comparable(d), comparable(back); a != b {
				la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
				for i := range min(len(la), len(lb)) {
					if la[i] != lb[i] {
						t.Errorf("model differs at line %d:\nwritten %s\nread    %s", i+1, la[i], lb[i])
						break
					}
				}
			}
		})
	}
}

func snippet(s string, i int) string {
	return s[max(0, i-80):min(len(s), i+80)]
}

// comparable is a model's dump without what a DOCX does not keep: column
// widths (the DOCX keeps their twips), alignments left as the default, and
// the spaces typed between Han and Latin text, which the writer drops
// (Word spaces them itself). It rewrites d's text as its DOCX shows it.
func comparable(d *document.Doc) string {
	document.EachText(d.Blocks, func(spans *[]document.Span) { *spans = docx.Typeset(*spans) })
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
