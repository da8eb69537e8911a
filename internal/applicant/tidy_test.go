package applicant

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pilotpack/internal/finding"
)

func TestIDFromName(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"my", "my"},
		{"康峤 ADC 申请", "adc"},
		{"Kangqiao GLP-1 申请书（第二版）", "kangqiao-glp-1"},
		{"ＡＤＣ　申请", "adc"},
		{"申请书", "p-"},
		{"申请书 2", "p-"},
		{strings.Repeat("long-name-", 10), "long-name-long-name-long-name-long-name"},
	} {
		got := IDFromName(tc.name)
		if !strings.HasPrefix(got, tc.want) || (!strings.HasPrefix(tc.want, "p-") && got != tc.want) {
			t.Errorf("IDFromName(%q) = %q, want %q", tc.name, got, tc.want)
		}
		if got == "packet" || got == "2" || len(got) > 40 {
			t.Errorf("IDFromName(%q) = %q", tc.name, got)
		}
	}
	a, b := IDFromName("申请书 2"), IDFromName("申请书 3")
	if a == b || !strings.HasSuffix(a, "-2") || a != IDFromName("申请书 2") {
		t.Errorf("hash ids are not distinct and stable: %s %s", a, b)
	}
}

// TestTidiedCodes writes the codes of the ADC fixture in full width with
// spaces around them, as a Chinese input method and a copy from a table
// give them, and leaves out the province code: the file reads as the
// fixture does, with an info finding for each field tidied and for the
// code taken from the province.
func TestTidiedCodes(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "applicants", "adc.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for old, new := range map[string]string{
		"credit_code: 91310115631502488C": "credit_code: ９１３１０１１５６３１５０２４８８Ｃ",
		"  province_code: \"310000\"\n":   "",
		"number: 沪20190087":               "number: \"\u3000沪２０１９００８７ \"",
		"years_experience: 22":            "years_experience: ２２",
	} {
		if !strings.Contains(s, old) {
			t.Fatalf("the fixture lacks %q", old)
		}
		s = strings.Replace(s, old, new, 1)
	}
	a, fs, err := Parse("adc.yaml", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	want := loadFixture(t, "adc")
	if a.Applicant.CreditCode != want.Applicant.CreditCode || a.Applicant.Licence.Number != want.Applicant.Licence.Number ||
		a.Application.ProvinceCode != "310000" || a.Applicant.KeyPersonnel.EnterpriseHead.YearsExperience != 22 {
		t.Errorf("read %q %q %q %d", a.Applicant.CreditCode, a.Applicant.Licence.Number, a.Application.ProvinceCode, a.Applicant.KeyPersonnel.EnterpriseHead.YearsExperience)
	}
	got := map[string]string{}
	for _, f := range fs {
		if f.Severity != finding.Info {
			t.Errorf("not an info: %s", f.Format("en"))
		}
		got[f.Path] = f.Rule + " " + f.Message.Zh
	}
	for path, wantMsg := range map[string]string{
		"applicant.credit_code":                                    `data.tidied 已规范为 "91310115631502488C"（原为 "９１３１０１１５６３１５０２４８８Ｃ"）：全角字母和数字改为半角`,
		"applicant.licence.number":                                 "删去了前后的空格",
		"applicant.key_personnel.enterprise_head.years_experience": "全角字母和数字改为半角",
		"application.province_code":                                "data.derived 未填写，已按省份 上海市 取 310000",
	} {
		if !strings.Contains(got[path], wantMsg) {
			t.Errorf("%s: %q, want %q", path, got[path], wantMsg)
		}
	}
	if len(fs) != 4 {
		t.Errorf("%d findings, want 4: %v", len(fs), fs)
	}
}

// TestTextIsNotTidied: names and addresses keep what they were given.
func TestTextIsNotTidied(t *testing.T) {
	src, _ := os.ReadFile(filepath.Join("..", "..", "fixtures", "applicants", "glp1.yaml"))
	s := strings.Replace(string(src), "name_zh: 深圳康峤生物科技有限公司", "name_zh: 深圳康峤生物科技有限公司（ＡＢ）　", 1)
	a, fs, err := Parse("glp1.yaml", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	if a.Applicant.NameZh != "深圳康峤生物科技有限公司（ＡＢ）" && a.Applicant.NameZh != "深圳康峤生物科技有限公司（ＡＢ）　" {
		t.Errorf("name %q", a.Applicant.NameZh)
	}
	for _, f := range fs {
		if f.Path == "applicant.name_zh" {
			t.Errorf("text was tidied: %s", f.Format("en"))
		}
	}
}
