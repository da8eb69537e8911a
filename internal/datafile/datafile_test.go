package datafile

import (
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"pilotpack/internal/civil"
	"pilotpack/internal/lang"
)

type color string

func (color) EnumKeys() []string { return []string{"red", "green", "blue"} }

type inner struct {
	Name  string `json:"name" pp:"required"`
	Count int    `json:"count"`
}

type doc struct {
	Title string     `json:"title" pp:"required"`
	Color color      `json:"color"`
	Ok    bool       `json:"ok"`
	Ratio float64    `json:"ratio"`
	When  civil.Date `json:"when"`
	Items []inner    `json:"items"`
	Inner *inner     `json:"inner"`
	Tags  map[string]string
}

func decode(t *testing.T, name, src string) (*doc, *Result, []Problem) {
	t.Helper()
	var d doc
	r, ps, err := Decode(name, []byte(src), &d, DefaultLimits)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return &d, r, ps
}

func TestDecodeValues(t *testing.T) {
	d, r, ps := decode(t, "a.yaml", "title: 标题\ncolor: green\nok: true\nratio: 1.5\nwhen: 2025-12-15\nitems:\n  - name: 甲\n    count: 3\ninner: {name: x}\n")
	if len(ps) != 0 {
		t.Fatalf("problems: %+v", ps)
	}
	if d.Title != "标题" || d.Color != "green" || !d.Ok || d.Ratio != 1.5 || d.When != civil.MustParse("2025-12-15") ||
		len(d.Items) != 1 || d.Items[0].Count != 3 || d.Inner == nil || d.Inner.Name != "x" {
		t.Fatalf("decoded %+v", d)
	}
	if p := r.Pos("items[0].count"); p != (Pos{Line: 8, Col: 12}) {
		t.Errorf("items[0].count at %v, want 8:12", p)
	}
	if p := r.Pos("items[0].missing.deeper"); p != (Pos{Line: 7, Col: 5}) {
		t.Errorf("nearest ancestor of a missing path at %v, want 7:5 (the list item)", p)
	}
	if !r.Has("inner.name") || r.Has("inner.count") {
		t.Error("Has does not tell given from missing fields")
	}
}

func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // code@line:col path
	}{
		{"unknown field with suggestion", "title: x\ncolour: red\n", []string{"unknown-field@2:1 colour"}},
		{"duplicate key", "title: x\ntitle: y\n", []string{"duplicate-key@2:1 title"}},
		{"enum", "title: x\ncolor: gren\n", []string{"enum@2:8 color"}},
		{"bool", "title: x\nok: yes\n", []string{"type@2:5 ok"}},
		{"int", "title: x\nitems: [{name: a, count: many}]\n", []string{"type@2:26 items[0].count"}},
		{"date", "title: x\nwhen: 2025-02-30\n", []string{"value@2:7 when"}},
		{"missing required", "color: red\n", []string{"required@1:1 title"}},
		{"empty required", "title: \"  \"\n", []string{"required@1:8 title"}},
		{"null required", "title:\n", []string{"required@1:1 title"}},
		{"wrong kind", "title: x\nitems: {name: a}\n", []string{"type@2:8 items"}},
		{"required in list item", "title: x\nitems:\n  - count: 1\n", []string{"required@3:5 items[0].name"}},
		{"wrong type is not also missing", "title: [a]\n", []string{"type@1:8 title"}},
		{"merge key", "title: x\nbase: &b {name: y}\ninner:\n  <<: *b\n", []string{"unsupported@4:3 ", "unknown-field@2:1 base", "required@4:3 inner.name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, ps := decode(t, "a.yaml", tt.src)
			var got []string
			for _, p := range ps {
				got = append(got, p.Code+"@"+p.Pos.String()+" "+p.Path)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			for _, p := range ps {
				if p.En == "" || p.Zh == "" {
					t.Errorf("%s: message missing in one language: %+v", p.Code, p)
				}
			}
		})
	}
}

func TestSuggestions(t *testing.T) {
	_, _, ps := decode(t, "a.yaml", "title: x\ncolour: red\ncolor: bleu\nzzzzzz: 1\n")
	msgs := ""
	for _, p := range ps {
		msgs += p.En + "\n"
	}
	for _, want := range []string{`did you mean "color"?`, `did you mean "blue"?`, "fields allowed here: title, color"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("messages lack %q:\n%s", want, msgs)
		}
	}
}

func TestJSONPositions(t *testing.T) {
	src := "{\n  \"title\": \"中文标题\",\n\t\"color\": \"gren\",\n  \"items\": [ {\"name\": \"甲\", \"count\": \"x\"} ],\n  \"title\": \"again\"\n}"
	_, r, ps := decode(t, "a.json", src)
	var got []string
	for _, p := range ps {
		got = append(got, p.Code+"@"+p.Pos.String()+" "+p.Path)
	}
	want := []string{"duplicate-key@5:3 title", "enum@3:11 color", "type@4:37 items[0].count"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if p := r.Pos("items[0].name"); p != (Pos{Line: 4, Col: 23}) {
		t.Errorf("items[0].name at %v, want 4:23 (columns count characters)", p)
	}
}

func TestParseErrors(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("title: 上海市\n")
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, prev := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		next := string(rune('b' + i))
		bomb += next + ": &" + next + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
	}
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	tests := []struct {
		name, file, src string
		lim             Limits
		want            string
	}{
		{"yaml syntax", "a.yaml", "a: 1\nb: [x\n", DefaultLimits, "a.yaml:2:4: YAML syntax"},
		{"yaml tab", "a.yaml", "a: 1\n\tb: 2\n", DefaultLimits, "a.yaml:2:1: YAML syntax"},
		{"json syntax", "a.json", "{\n  \"a\": 1,\n}", DefaultLimits, "a.json:3:1: JSON syntax"},
		{"json truncated", "a.json", "{\"a\": [1, 2", DefaultLimits, "a.json:1:12: JSON syntax: unexpected end of file"},
		{"json trailing", "a.json", "{} {}", DefaultLimits, "a.json:1:4: JSON syntax: unexpected text"},
		{"gbk", "a.yaml", gbk, DefaultLimits, "a.yaml:1:8: file is not UTF-8: it looks GBK/GB18030-encoded"},
		{"latin1", "a.yaml", "title: caf\xe9\xff\xfe\n", DefaultLimits, "a.yaml:1:11: byte 0xE9 at line 1, column 11 is not valid UTF-8 (and 2 more bytes in the file): the file is in another encoding"},
		{"one bad byte in UTF-8", "a.yaml", "name: 上海\ntitle: 浦东\xff新区\n", DefaultLimits, "a.yaml:2:10: byte 0xFF at line 2, column 10 is not valid UTF-8, in a file that is otherwise UTF-8"},
		{"UTF-8 cut in a character", "a.yaml", "name: 上海\ntitle: 浦\xe4\xb8\n", DefaultLimits, "a.yaml:2:9: byte 0xE4 at line 2, column 9 is not valid UTF-8 (and 1 more byte in the file), in a file that is otherwise UTF-8"},
		{"UTF-8 that GB18030 would also read", "a.yaml", "name: 上海市浦东新区张江高科技园区\nnote: \x81\x40\n", DefaultLimits, "a.yaml:2:7: byte 0x81 at line 2, column 7 is not valid UTF-8, in a file that is otherwise UTF-8"},
		{"a PDF", "a.yaml", "%PDF-1.4\n%\xe2\xe3\n1 0 obj", DefaultLimits, "a.yaml: not a text file (it is a PDF)"},
		{"a workbook", "a.yaml", "PK\x03\x04\x14\x00", DefaultLimits, "a.yaml: not a text file (it is a zip archive, such as an Excel workbook"},
		{"binary", "a.yaml", "\x7fELF\x02\x01\x01\x00\x00\x00", DefaultLimits, "a.yaml: not a text file (it holds NUL bytes"},
		{"UTF-16 without BOM", "a.yaml", "t\x00i\x00t\x00l\x00e\x00", DefaultLimits, "not a text file (it looks UTF-16 encoded, without a byte-order mark"},
		{"control characters", "a.yaml", "\x01\x02\x03\x04\x05\x06abc", DefaultLimits, "not a text file (it is mostly control characters)"},
		{"utf16", "a.yaml", "\xff\xfet\x00", DefaultLimits, "a.yaml: file is UTF-16"},
		{"empty", "a.yaml", " \n\n", DefaultLimits, "a.yaml: file is empty"},
		{"too large", "a.yaml", strings.Repeat("#", 100), Limits{MaxBytes: 50}, "a.yaml: file is 100 bytes, more than the limit of 50"},
		{"billion laughs", "a.yaml", bomb, DefaultLimits, "expands to more than 200000 values"},
		{"too deep", "a.json", deep, DefaultLimits, "nested more than 64 levels"},
		{"two documents", "a.yaml", "a: 1\n---\nb: 2\n", DefaultLimits, "more than one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d doc
			_, _, err := Decode(tt.file, []byte(tt.src), &d, tt.lim)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

// TestErrorIn: an error is worded in the language asked for, in a
// workbook at its sheet and cell too.
func TestErrorIn(t *testing.T) {
	for _, tc := range []struct {
		err    *Error
		zh, en string
	}{
		{Errorf("a.xlsx", Pos{Line: 4, Col: 2, Cell: "申请!B4"}, msgEmpty), "a.xlsx:申请!B4: " + msgEmpty.Zh, "a.xlsx:申请!B4: " + msgEmpty.En},
		{Errorf("a.yaml", Pos{Line: 3, Col: 9}, msgEmpty), "a.yaml:3:9: " + msgEmpty.Zh, "a.yaml:3:9: " + msgEmpty.En},
		{Errorf("a.yaml", Pos{}, msgEmpty), "a.yaml: " + msgEmpty.Zh, "a.yaml: " + msgEmpty.En},
	} {
		if got := tc.err.In(lang.Zh); got != tc.zh {
			t.Errorf("zh: %s, want %s", got, tc.zh)
		}
		if got := tc.err.Error(); got != tc.en {
			t.Errorf("en: %s, want %s", got, tc.en)
		}
	}
	_, _, err := Decode("a.yaml", []byte("title: caf\xe9\xff\xfe\n"), &doc{}, DefaultLimits)
	if got := lang.Message(err, lang.Zh); !strings.Contains(got, "不是有效的 UTF-8（文件中另有 2 个）") {
		t.Errorf("bad bytes in Chinese: %s", got)
	}
}

// TestWholeFilesInGBK: a whole applicant file saved as GBK, Chinese on
// every other line, gets the GBK advice, not a bad-byte message, though
// some of its byte pairs happen to be valid UTF-8.
func TestWholeFilesInGBK(t *testing.T) {
	for _, name := range []string{"adc", "vaccine", "glp1"} {
		src, err := os.ReadFile("../../fixtures/applicants/" + name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(src)
		if err != nil {
			t.Fatal(err)
		}
		var d doc
		_, _, err = Decode(name+".yaml", gbk, &d, DefaultLimits)
		if err == nil || !strings.Contains(err.Error(), "it looks GBK/GB18030-encoded") {
			t.Errorf("%s in GB18030: %v", name, err)
		}
	}
}

func TestBOMIsFine(t *testing.T) {
	d, _, ps := decode(t, "a.yaml", "\xef\xbb\xbftitle: 有BOM\n")
	if len(ps) != 0 || d.Title != "有BOM" {
		t.Fatalf("BOM file: %+v %+v", d, ps)
	}
}

func TestParent(t *testing.T) {
	for in, want := range map[string]string{"a.b[2].c": "a.b[2]", "a.b[2]": "a.b", "a.b": "a", "a": ""} {
		if got := Parent(in); got != want {
			t.Errorf("Parent(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"credit_code", "name_zh", "name_en", "province"}
	for in, want := range map[string]string{"credit_cod": "credit_code", "namezh": "name_zh", "provnice": "province", "xyz": "", "": ""} {
		if got := Suggest(in, cands); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParse feeds arbitrary bytes through parsing and decoding: whatever
// comes in, the result is a value, problems or an error, never a panic or
// a hang.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"title: x\n", "{\"title\": 1}", "a: &a [*a]\n", "items:\n  - {name: 甲}\n", "<<: {}\n", "\xef\xbb\xbf{}", "- [\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d doc
		lim := Limits{MaxBytes: 1 << 16, MaxNodes: 5000, MaxDepth: 32}
		Decode("f.yaml", data, &d, lim)
		Decode("f.json", data, &d, lim)
	})
}

// BenchmarkLongJSON parses a JSON file of one long line with many values:
// positions are found in one pass, so the cost is linear in the file.
func BenchmarkLongJSON(b *testing.B) {
	data := []byte("{\"a\": [" + strings.Repeat("\"长\",", 100_000) + "1]}")
	for b.Loop() {
		if _, _, err := Parse("x.json", data, DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}
