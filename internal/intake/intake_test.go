package intake

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
)

var fixtureNames = []string{"adc", "vaccine", "glp1"}

func loadFixture(t testing.TB, name string) *applicant.Applicant {
	t.Helper()
	a, fs, err := applicant.Load(filepath.Join("..", "..", "fixtures", "applicants", name+".yaml"))
	if err != nil || fs.HasErrors() {
		t.Fatalf("%s: %v %v", name, err, fs)
	}
	return a
}

func parse(t testing.TB, name string, data []byte) (*applicant.Applicant, finding.List) {
	t.Helper()
	a, fs, err := applicant.Parse(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return a, fs
}

// sameModel fails t with the first fields where two models differ.
func sameModel(t *testing.T, what string, want, got *applicant.File) {
	t.Helper()
	if reflect.DeepEqual(want, got) {
		return
	}
	n := 0
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		if n > 5 || reflect.DeepEqual(a.Interface(), b.Interface()) {
			return
		}
		switch a.Kind() {
		case reflect.Struct:
			for i := range a.NumField() {
				if a.Type().Field(i).IsExported() {
					walk(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
				}
			}
			return
		case reflect.Slice:
			if a.Len() == b.Len() {
				for i := range a.Len() {
					walk(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i))
				}
				return
			}
		case reflect.Pointer:
			if !a.IsNil() && !b.IsNil() {
				walk(path, a.Elem(), b.Elem())
				return
			}
		}
		n++
		t.Errorf("%s: %s: want %#v, got %#v", what, path, a.Interface(), b.Interface())
	}
	walk("", reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem())
}

// TestRoundTrip converts every fixture through every format and back, and
// in chains: the model must come out the same, and nothing the loader
// reports may appear along the way.
func TestRoundTrip(t *testing.T) {
	chains := [][]string{{".xlsx"}, {".yaml"}, {".json"}, {".xlsx", ".yaml"}, {".xlsx", ".json", ".xlsx"}, {".json", ".xlsx", ".yaml"}}
	for _, name := range fixtureNames {
		want := loadFixture(t, name)
		for _, chain := range chains {
			t.Run(name+strings.Join(chain, ""), func(t *testing.T) {
				f := want.File
				for _, ext := range chain {
					data, err := Encode(f, name+ext)
					if err != nil {
						t.Fatal(err)
					}
					a, fs := parse(t, name+ext, data)
					if len(fs) > 0 {
						t.Errorf("%s: %v", ext, fs)
					}
					f = a.File
				}
				sameModel(t, name, want.File, f)
			})
		}
	}
}

// fill gives every field of v a value, distinct where it may be an id, and
// two items to every list, so that a field that the workbook drops or
// garbles shows however new it is.
func fill(v reflect.Value, path string, n *int) {
	*n++
	switch t := v.Type(); {
	case t.Kind() == reflect.Pointer:
		v.Set(reflect.New(t.Elem()))
		fill(v.Elem(), path, n)
	case isTextType(t):
		v.Field(0).SetString("中文" + path)
		v.Field(1).SetString("en " + path)
	case t == dateType:
		v.Set(reflect.ValueOf(civil.Date{Year: 2020 + *n%10, Month: time.Month(*n%12 + 1), Day: *n%28 + 1}))
	case t == moneyType:
		v.SetInt(int64(*n)*100 + 5)
	case t == countryType:
		v.SetString([]string{"CN", "SG", "ZA"}[*n%3])
	case t.Implements(enumType):
		keys := reflect.Zero(t).Interface().(datafile.Enum).EnumKeys()
		v.SetString(keys[*n%len(keys)])
	case t.Kind() == reflect.String:
		v.SetString(strings.NewReplacer("[", "-", "]", "", ".", "-").Replace(path))
	case t.Kind() == reflect.Bool:
		v.SetBool(true)
	case t.Kind() == reflect.Int:
		v.SetInt(int64(*n))
	case t.Kind() == reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case t.Kind() == reflect.Slice:
		s := reflect.MakeSlice(t, 2, 2)
		for i := range 2 {
			fill(s.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
		v.Set(s)
	case t.Kind() == reflect.Struct:
		for _, f := range datafile.Fields(t) {
			fill(v.Field(f.Index), path+"."+f.Name, n)
		}
	}
}

// TestEveryField fills every field of the model and round-trips it
// through the workbook: a field added to the model appears in the workbook
// and comes back without any other change.
func TestEveryField(t *testing.T) {
	f := &applicant.File{}
	n := 0
	fill(reflect.ValueOf(f).Elem(), "x", &n)
	// The language decides how text in one language is written; both are
	// filled here.
	f.Application.Language = "zh"
	var b bytes.Buffer
	if err := Write(&b, f); err != nil {
		t.Fatal(err)
	}
	a, fs := parse(t, "every.xlsx", b.Bytes())
	if len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
	sameModel(t, "every field", f, a.File)
	for _, ext := range []string{".yaml", ".json"} {
		data, err := Encode(f, "every"+ext)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := parse(t, "every"+ext, data)
		sameModel(t, "every field "+ext, f, a.File)
	}
}

// TestZeroInPointer round-trips a pointer struct whose numbers are zero:
// it must not come back as missing.
func TestZeroInPointer(t *testing.T) {
	a := loadFixture(t, "adc")
	a.Manufacturers[0].Agreement.DelayDamages = &applicant.DelayDamages{}
	a.Manufacturers[0].Agreement.Price.PaymentDays = 0
	data, err := Encode(a.File, "adc.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := parse(t, "adc.xlsx", data)
	sameModel(t, "zeros", a.File, b.File)
}

// TestBlank reads a blank workbook: every finding is a missing required
// value at the cell to fill in, none about the workbook's structure.
func TestBlank(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, nil); err != nil {
		t.Fatal(err)
	}
	_, fs := parse(t, "blank.xlsx", b.Bytes())
	if len(fs) < 20 {
		t.Errorf("a blank workbook has only %d findings", len(fs))
	}
	for _, f := range fs {
		if f.Rule != "data.required" || f.Cell == "" || f.Sheet < 2 {
			t.Errorf("unexpected finding in a blank workbook: %s", f.Format("en"))
		}
	}
}

// TestDeterministic writes the same workbook twice.
func TestDeterministic(t *testing.T) {
	a := loadFixture(t, "adc")
	var x, y bytes.Buffer
	if err := Write(&x, a.File); err != nil {
		t.Fatal(err)
	}
	if err := Write(&y, a.File); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Error("two writes of one model differ")
	}
}

// TestSheets checks the sheets the workbook has, in order, and that each
// sheet's field names in row 2 are what the layout reads.
func TestSheets(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, loadFixture(t, "adc").File); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	want := []string{guideSheet, "申请信息", "申请人", "关键岗位人员", "派驻质量人员", "品种", "生产阶段", "阶段间运输", "受托生产企业", "协议条款", "职责分工调整", "风险评估", "附件", "跨境信息", listsSheet}
	if got := x.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if v, _ := x.GetSheetVisible(listsSheet); v {
		t.Error("the lists sheet is visible")
	}
	checks := []struct{ cell, want string }{
		{"受托生产企业!A2", "id"}, {"受托生产企业!A3", "lanhu-suzhou"}, {"受托生产企业!G2", "registered_address.zh"},
		{"协议条款!A2", "manufacturers[].id"}, {"申请人!B5", "credit_code"}, {"关键岗位人员!B3", "enterprise_head"},
		{"申请信息!C4", "上海市"}, {"品种!C6", "抗体偶联类生物制品（adc）"},
	}
	for _, c := range checks {
		sheet, ref, _ := strings.Cut(c.cell, "!")
		if got, _ := x.GetCellValue(sheet, ref); got != c.want {
			t.Errorf("%s = %q, want %q", c.cell, got, c.want)
		}
	}
}

// TestCoversEverySection checks that every section of the model has a
// sheet and every leaf of every sheet's type a column.
func TestCoversEverySection(t *testing.T) {
	l, err := getLayout()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range datafile.Fields(fileType) {
		found := false
		for _, s := range l.sheets {
			found = found || s.path == f.Name
		}
		if !found {
			t.Errorf("no sheet for %s", f.Name)
		}
	}
	for _, s := range l.sheets {
		if len(s.cols) == 0 {
			t.Errorf("sheet %s has no columns", s.name)
		}
		for _, c := range s.cols {
			if c.label == c.key[strings.LastIndex(c.key, ".")+1:] {
				t.Logf("%s.%s has no Chinese label; add it to labels.go", s.path, c.key)
			}
		}
	}
}

// TestYAMLHeader: a converted YAML file's header speaks the file's
// language (Chinese unless it says otherwise) and quotes its name.
func TestYAMLHeader(t *testing.T) {
	for _, tc := range []struct {
		language, out, want string
	}{
		{"", "my file.yaml", "# yaml-language-server: $schema=pilotpack.schema.json\n# 生物制品分段生产试点申请文件。\n# 检查：pilotpack validate 'my file.yaml'\n\n"},
		{"zh", "a.yml", "# yaml-language-server: $schema=pilotpack.schema.json\n# 生物制品分段生产试点申请文件。\n# 检查：pilotpack validate a.yml\n\n"},
		{"en", "out/a.yaml", "# yaml-language-server: $schema=pilotpack.schema.json\n# Applicant file for the phased-manufacturing pilot for biological products.\n# Check it with: pilotpack validate a.yaml\n\n"},
	} {
		f := &applicant.File{}
		f.Application.Language = applicant.Language(tc.language)
		f.Application.ID = "x"
		data, err := Encode(f, tc.out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), tc.want) {
			t.Errorf("%q: header\n%s", tc.language, data)
		}
	}
}
