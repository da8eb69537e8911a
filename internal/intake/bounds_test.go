package intake

import (
	"archive/zip"
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/applicant"
	"pilotpack/internal/datafile"
)

func zipOf(t *testing.T, files map[string][]byte, method uint16) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return b.Bytes()
}

// TestUnreadable checks that a workbook that cannot be read gives an error
// the loader reports (exit 3) with a plain message, and nothing else.
func TestUnreadable(t *testing.T) {
	good := workbook(t)
	ole := append(append([]byte{}, oleMagic...), make([]byte, 504)...)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a zip archive"},
		{"text renamed .xlsx", []byte("name,credit code\nfoo,bar\n"), "not a zip archive"},
		{"truncated", good[:len(good)/2], "damaged"},
		{"password-protected", append(append([]byte{}, ole...), encryptionInfo...), "protected with a password"},
		{"Excel 97-2003", ole, ".xls"},
		{"zip bomb", zipOf(t, map[string][]byte{"xl/worksheets/sheet1.xml": bytes.Repeat([]byte("<c/>"), 2<<20)}, zip.Deflate), "compressed more than"},
		{"a zip of no workbook", zipOf(t, map[string][]byte{"hello.txt": []byte("hi")}, zip.Store), "damaged"},
		{"too many entries", zipOf(t, func() map[string][]byte {
			m := map[string][]byte{}
			for i := range 1001 {
				m[strings.Repeat("x", i%7)+string(rune('a'+i%26))+strings.Repeat("y", i/26)] = nil
			}
			return m
		}(), zip.Store), "holds 1001 files"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := applicant.Parse("in.xlsx", tc.data)
			var de *datafile.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a data file error", err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "in.xlsx: ") {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

// TestMergedBudget merges a huge range: the reader refuses it rather than
// filling millions of cells.
func TestMergedBudget(t *testing.T) {
	data := edit(t, workbook(t), func(x *excelize.File) {
		for i := range 400 {
			set(x, "风险评估!PA"+strconv.Itoa(3+i), "x")
		}
		x.MergeCell("风险评估", "A3", "OZ402")
	})
	if _, _, err := applicant.Parse("in.xlsx", data); err == nil || !strings.Contains(err.Error(), "merges more than") {
		t.Errorf("error %v", err)
	}
}

// TestUnzippedLimit checks the limit on the unzipped size with a smaller
// one, counted as the archive is read whatever its headers claim.
func TestUnzippedLimit(t *testing.T) {
	lim := DefaultLimits
	lim.MaxUnzipped = 100 << 10
	if _, err := inspect("in.xlsx", workbook(t), lim); err == nil || !strings.Contains(err.Error(), "unzips to more than 100 KiB") {
		t.Errorf("error %v", err)
	}
	if _, err := inspect("in.xlsx", workbook(t), DefaultLimits); err != nil {
		t.Errorf("the fixture's workbook: %v", err)
	}
}

// small is a small workbook of two sheets with a few cells, a seed the
// fuzzer can mutate quickly.
func small(t testing.TB) []byte {
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "申请信息")
	x.SetSheetRow("申请信息", "A2", &[]any{"item", "field", "zh", "en"})
	x.SetSheetRow("申请信息", "A3", &[]any{"申请编号", "id", "hy-1", ""})
	x.SetSheetRow("申请信息", "A4", &[]any{"申请日期", "date", 46000, ""})
	x.NewSheet("生产阶段")
	x.SetSheetRow("生产阶段", "A2", &[]any{"id", "key", "description.zh", "description.en", "site"})
	x.SetSheetRow("生产阶段", "A3", &[]any{"mab", "upstream", "培养", "culture", "holder"})
	x.SetCellFormula("生产阶段", "F3", "A3")
	x.MergeCell("生产阶段", "A3", "A4")
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzParse feeds the reader damaged and altered workbooks: it must
// return, with a tree or an error, and never panic.
func FuzzParse(f *testing.F) {
	f.Add(small(f))
	f.Add([]byte("PK\x03\x04"))
	f.Add(append(append([]byte{}, oleMagic...), encryptionInfo...))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := applicant.Parse("fuzz.xlsx", data)
		if err == nil && a == nil {
			t.Fatal("no applicant and no error")
		}
	})
}

// FuzzCell feeds the readings of one cell's text every kind of field
// has: they must return, and what they return must read the same again.
func FuzzCell(f *testing.F) {
	for _, s := range []string{"2025/12/9", "2025年1月2日", "46000", "1,250,000.50", " 6 ", "抗体偶联类生物制品（adc）", "中国（CN）", "1.5E+17", "是", "a\r\nb\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := clean(s)
		if clean(c) != c {
			t.Errorf("clean(%q) = %q is not clean", s, c)
		}
		if d := dateOf(c, false); d != c && dateOf(d, false) != d {
			t.Errorf("dateOf(%q) = %q reads differently again", c, d)
		}
		if m := moneyOf(c); m != c && moneyOf(m) != m {
			t.Errorf("moneyOf(%q) = %q reads differently again", c, m)
		}
		numberOf(c)
		plainNumber(c)
		boolOf(c)
		for _, typ := range []reflect.Type{countryType, reflect.TypeFor[applicant.Category](), reflect.TypeFor[applicant.Province]()} {
			if k := keyOf(typ, c); keyOf(typ, k) != k {
				t.Errorf("keyOf(%q) = %q reads differently again", c, k)
			}
		}
	})
}
