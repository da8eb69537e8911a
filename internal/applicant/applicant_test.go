package applicant

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"pilotpack/internal/datafile"
	"pilotpack/internal/lang"
)

var fixtures = []string{"adc", "vaccine", "glp1"}

func loadFixture(t *testing.T, name string) *Applicant {
	t.Helper()
	a, fs, err := Load(filepath.Join("..", "..", "fixtures", "applicants", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) > 0 {
		t.Fatalf("%s: %v", name, fs)
	}
	return a
}

func TestFixturesLoad(t *testing.T) {
	a := loadFixture(t, "adc")
	if len(a.Stages) != 5 || len(a.Manufacturers) != 3 || len(a.Transfers) != 3 || a.Product.Category != "adc" {
		t.Fatalf("adc decoded wrongly: %d stages, %d manufacturers", len(a.Stages), len(a.Manufacturers))
	}
	if got := a.Manufacturers[1].Agreement.Price.Amount.String(); got != "1,650,000.50" {
		t.Errorf("price %s", got)
	}
	if a.Manufacturers[0].Country != "CN" || a.Manufacturers[0].Agreement.GoverningLaw.Zh != "中华人民共和国法律" {
		t.Error("defaults not applied")
	}
	line := 1 + strings.Count(string(a.Raw[:strings.Index(string(a.Raw), "credit_code: 91320411785261904U")]), "\n")
	if p := a.Pos("manufacturers[1].credit_code"); p != (datafile.Pos{Line: line, Col: 18}) {
		t.Errorf("manufacturers[1].credit_code at %v, want %d:18", p, line)
	}
	if a.Stem() != "adc" || a.Abroad() {
		t.Error("Stem or Abroad wrong")
	}
	if v := loadFixture(t, "vaccine"); !v.Abroad() || v.CrossBorder == nil {
		t.Error("vaccine has a stage abroad")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := Load(filepath.Join(dir, "none.yaml")); err == nil || !strings.Contains(err.Error(), "pilotpack init") {
		t.Errorf("missing file: %v", err)
	}
	if _, _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, bytes.Repeat([]byte("# padding\n"), int(Limits.MaxBytes/10)+10), 0o644)
	if _, _, err := Load(big); err == nil || !strings.Contains(err.Error(), "more than the limit") {
		t.Errorf("big file: %v", err)
	}
}

func TestMoney(t *testing.T) {
	for in, want := range map[string]string{"0": "0.00", "12.8": "12.80", "1250000.5": "1,250,000.50", "999": "999.00", "1000": "1,000.00"} {
		var m Money
		if err := m.UnmarshalText([]byte(in)); err != nil || m.String() != want {
			t.Errorf("Money(%q) = %q, %v; want %q", in, m.String(), err, want)
		}
	}
	for _, bad := range []string{"", "1.234", "-5", "1,000", "abc", "1.", ".5", "99999999999999"} {
		var m Money
		if err := m.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("Money(%q) accepted", bad)
		}
	}
}

func TestLabels(t *testing.T) {
	if l := Category("adc").Label(); l.Zh != "抗体偶联类生物制品" {
		t.Errorf("label %+v", l)
	}
	if l := Province("江苏省").Label(); l.En != "Jiangsu" {
		t.Errorf("province label %+v", l)
	}
	if l := Country("SG").Label(); l.Zh != "新加坡" {
		t.Errorf("country label %+v", l)
	}
	if info, ok := ProvinceByAbbr("沪"); !ok || info.Code != "310000" {
		t.Error("abbreviation lookup")
	}
}

// toJSON turns a parsed file into plain JSON values for a schema validator.
func toJSON(n *datafile.Node) any {
	switch n.Kind {
	case datafile.Mapping:
		m := map[string]any{}
		for i, k := range n.Keys {
			m[k.Value] = toJSON(n.Values[i])
		}
		return m
	case datafile.Sequence:
		s := []any{}
		for _, v := range n.Values {
			s = append(s, toJSON(v))
		}
		return s
	case datafile.Scalar:
		switch n.Tag {
		case "int", "float":
			return json.Number(n.Value)
		case "bool":
			return n.Value == "true"
		}
		return n.Value
	}
	return nil
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("the generated schema does not compile: %v", err)
	}
	return sch
}

func TestSchemaAcceptsFixtures(t *testing.T) {
	sch := compileSchema(t)
	for _, name := range fixtures {
		data, _ := os.ReadFile(filepath.Join("..", "..", "fixtures", "applicants", name+".yaml"))
		root, _, err := datafile.Parse(name+".yaml", data, datafile.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(toJSON(root)); err != nil {
			t.Errorf("%s does not validate against the schema: %v", name, err)
		}
	}
}

func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t)
	data, _ := os.ReadFile(filepath.Join("..", "..", "fixtures", "applicants", "adc.yaml"))
	root, _, _ := datafile.Parse("adc.yaml", data, datafile.DefaultLimits)
	doc := toJSON(root).(map[string]any)
	doc["product"].(map[string]any)["category"] = "adcc"
	doc["applicant"].(map[string]any)["nmae_zh"] = "x"
	delete(doc["application"].(map[string]any), "date")
	err := sch.Validate(doc)
	if err == nil {
		t.Fatal("schema accepted an invalid file")
	}
	for _, want := range []string{"/product/category", "nmae_zh", "date"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("schema error does not mention %s: %v", want, err)
		}
	}
}

func TestSchemaDescribesEveryField(t *testing.T) {
	s, _ := Schema()
	var doc map[string]any
	if err := json.Unmarshal(s, &doc); err != nil {
		t.Fatal(err)
	}
	count := 0
	var walk func(where string, v any)
	walk = func(where string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		if props, ok := m["properties"].(map[string]any); ok {
			for name, p := range props {
				count++
				if d, _ := p.(map[string]any)["description"].(string); d == "" {
					t.Errorf("%s.%s has no description", where, name)
				}
			}
		}
		for k, c := range m {
			walk(where+"/"+k, c)
		}
	}
	walk("", doc)
	if count < 150 {
		t.Errorf("only %d properties in the schema", count)
	}
	if !strings.Contains(string(s), `"enumDescriptions"`) || !strings.Contains(string(s), "抗体偶联类生物制品") {
		t.Error("enum labels missing")
	}
}

// FuzzLoad feeds random files to the loader: a result or an error, never a
// panic.
func FuzzLoad(f *testing.F) {
	for _, name := range fixtures {
		data, _ := os.ReadFile(filepath.Join("..", "..", "fixtures", "applicants", name+".yaml"))
		f.Add(data)
	}
	f.Add([]byte(`{"application": {"date": "2025-13-01"}, "stages": [{"id": 1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, fs, err := Parse("f.yaml", data)
		if err == nil && a == nil {
			t.Fatal("nil applicant without an error")
		}
		for _, f := range fs {
			if f.Line == 0 {
				t.Fatalf("finding without a line: %+v", f)
			}
		}
	})
}

// TestLabelsUnambiguous guards LabelOf: where two enumerations share a key,
// they must share its wording, or a template would print the wrong one.
func TestLabelsUnambiguous(t *testing.T) {
	seen := map[string]Label{}
	for _, tb := range allTables {
		for _, l := range tb {
			if old, ok := seen[l.Key]; ok && (old.Zh != l.Zh || old.En != l.En) {
				t.Errorf("key %q means %q and %q", l.Key, old.Zh, l.Zh)
			}
			seen[l.Key] = l
		}
	}
	if l, ok := LabelOf("adc"); !ok || l.Zh != "抗体偶联类生物制品" {
		t.Error("LabelOf(adc)")
	}
	if l, ok := LabelOf("江苏省"); !ok || l.En != "Jiangsu" {
		t.Error("LabelOf(江苏省)")
	}
	if l, ok := LabelOf("SG"); !ok || l.Zh != "新加坡" {
		t.Error("LabelOf(SG)")
	}
}

func TestTidyChinese(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"统一的物料与供应商 标准", "统一的物料与供应商标准"},
		{"质量受权人\n审核", "质量受权人审核"},
		{"张江路 1288 号", "张江路 1288 号"},
		{"含 HER2 阳性", "含 HER2 阳性"},
		{"，\n标准", "，标准"},
		{"plain English text", "plain English text"},
	} {
		if got := tidy(tc.in); got != tc.want {
			t.Errorf("tidy(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRole: the role follows the registration status in every wording, so
// that no document or workbook calls a pending product's applicant its
// holder.
func TestRole(t *testing.T) {
	for _, c := range []struct {
		status            RegistrationStatus
		full, short, noun string
	}{
		{"approved", "药品上市许可持有人 marketing authorisation holder", "持有人 the Holder", "持有人 holder"},
		{"pending", "药品上市许可申请人 marketing authorisation applicant", "申请人 the Applicant", "申请人 applicant"},
	} {
		p := Product{Registration: Registration{Status: c.status}}
		full, short := p.Role()
		both := func(x lang.Text) string { return x.Zh + " " + x.En }
		if both(full) != c.full || both(short) != c.short || both(p.RoleNoun()) != c.noun {
			t.Errorf("%s: %s / %s / %s", c.status, both(full), both(short), both(p.RoleNoun()))
		}
	}
}
