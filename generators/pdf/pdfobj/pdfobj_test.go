package pdfobj

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"pilotpack/internal/testtool"
)

func TestSerialize(t *testing.T) {
	for _, tc := range []struct {
		in   Object
		want string
	}{
		{Null{}, "null"},
		{nil, "null"},
		{Bool(true), "true"},
		{Int(-3), "-3"},
		{Real(0.5), "0.5"},
		{Real(1.0 / 3), "0.3333"},
		{Real(-0.00001), "0"},
		{Name("Type"), "/Type"},
		{Name("A B#(x)"), "/A#20B#23#28x#29"},
		{Text("Title (1)"), `(Title \(1\))`},
		{Text("质量"), "<FEFF8D2891CF>"},
		{Text("𠀀"), "<FEFFD840DC00>"},
		{Bytes("a\\b\r\n"), `(a\\b\r\n)`},
		{Hex{0x0a, 0xff}, "<0AFF>"},
		{Array{Int(1), Ref(7), Name("Fit")}, "[1 7 0 R /Fit]"},
		{Ints{1000, -250, 0}, "[1000 -250 0]"},
		{Ints{}, "[]"},
		{Array{Int(1), Ints{500, 600}}, "[1 [500 600]]"},
		{Dict{"Type": Name("Page"), "A": Int(1), "Kids": Array{}}, "<< /A 1 /Kids [] /Type /Page >>"},
		{Rect(0, 0, 595.28, 841.89), "[0 0 595.28 841.89]"},
	} {
		if got := Serialize(tc.in); got != tc.want {
			t.Errorf("Serialize(%#v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestFile writes a small file and has qpdf check its structure.
func TestFile(t *testing.T) {
	f := NewFile("1.7", 0)
	pages := f.Reserve()
	content := f.AddStream(Dict{}, []byte("0 0 m 100 100 l S"))
	page := f.Add(Dict{"Type": Name("Page"), "Parent": pages, "Contents": content, "Resources": Dict{}})
	f.Put(pages, Dict{"Type": Name("Pages"), "Kids": Array{page}, "Count": Int(1), "MediaBox": Rect(0, 0, 200, 200)})
	root := f.Add(Dict{"Type": Name("Catalog"), "Pages": pages})
	info := f.Add(Dict{"Title": Text("测试")})
	data, err := f.Finish(root, info)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-1.7\n")) || !bytes.Contains(data, []byte("/ID [<")) {
		t.Errorf("header or identifier missing:\n%s", data)
	}
	again := NewFile("1.7", 0)
	if _, err := again.Finish(again.Reserve(), 1); err == nil {
		t.Error("a reserved object left unwritten was accepted")
	}
	testtool.Need(t, "qpdf")
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func TestDiscardKeepsNothing(t *testing.T) {
	f := Discard()
	r := f.Reserve()
	f.Put(r, Dict{"Type": Name("Page")})
	f.AddStream(Dict{}, make([]byte, 1<<20))
	if len(f.out) != 0 {
		t.Errorf("a discarding file kept %d bytes", len(f.out))
	}
	if _, err := f.Finish(r, r); err == nil {
		t.Error("a discarding file was finished")
	}
}
