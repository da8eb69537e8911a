package pack

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
)

func engine(files map[string]string) *Engine {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return NewEngine(fsys, Limits{MaxOutput: 1 << 20, Timeout: 5 * time.Second})
}

func TestSandbox(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("TOP SECRET"), 0o644)
	tests := []struct {
		name  string
		files map[string]string
		want  string // fragment of the error; "" for success
	}{
		{"ssi is banned", map[string]string{"t.md": "{% ssi \"" + secret + "\" %}"}, "t.md:1:"},
		{"include outside the pack", map[string]string{"t.md": "{% include \"../etc/passwd\" %}"}, "t.md:1:12: cannot include \"../etc/passwd\""},
		{"absolute include", map[string]string{"t.md": "{% include \"" + secret + "\" %}"}, "t.md:1:"},
		{"division by zero is caught", map[string]string{"t.md": "a\n{{ 1/0 }}"}, "t.md"},
		{"recursive macro", map[string]string{"t.md": "{% macro m(x) %}{{ m(x) }}{% endmacro %}{{ m(1) }}"}, "t.md:1: macro calls and includes nest deeper than 32 levels (macro m → macro m → macro m → … → macro m → macro m); does a macro call itself"},
		{"mutually recursive macros", map[string]string{"t.md": "{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}{{ a() }}"}, "(macro a → macro b → macro a"},
		{"include cycle", map[string]string{"t.md": "{% include \"p.md\" %}", "p.md": "{% include \"t.md\" %}"}, "include each other in a circle: t.md → p.md → t.md"},
		{"runaway output", map[string]string{"t.md": "{% for a in big %}{% for b in big %}{% for c in big %}xxxxxxxxxxxxxxxx{% endfor %}{% endfor %}{% endfor %}"}, "passes the limit"},
		{"undefined filter", map[string]string{"t.md": "line one\n中文 {{ x|nosuch }}"}, "t.md:2:"},
		{"a partial", map[string]string{"t.md": "{% include \"partials/p.md\" %}!", "partials/p.md": "hello"}, ""},
		{"macros from a file", map[string]string{"t.md": "{% import \"m.md\" sig %}{{ sig(\"甲\") }}", "m.md": "{% macro sig(x) export %}[{{ x }}]{% endmacro %}"}, ""},
	}
	big := make([]int, 200)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := engine(tt.files).Render("t.md", pongo2.Context{"big": big})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatalf("rendered %q", out)
			}
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Errorf("not a TemplateError: %T %v", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
			if strings.Contains(out, "TOP SECRET") || strings.Contains(err.Error(), "TOP SECRET") {
				t.Error("a file outside the pack was read")
			}
		})
	}
}

func TestErrorColumnCountsCharacters(t *testing.T) {
	_, err := engine(map[string]string{"t.md": "第一行\n申请人：{{ applicant|nosuch }}"}).Render("t.md", nil)
	var te *TemplateError
	if !errors.As(err, &te) {
		t.Fatal(err)
	}
	// 申请人： is four characters (twelve bytes); the tag starts at column 5.
	if te.Line != 2 || te.Col < 5 || te.Col > 20 {
		t.Errorf("position %d:%d", te.Line, te.Col)
	}
}

// TestValuesAreText: a value prints escaped for Markdown, so that the
// document reads it as text; macros, includes and |markdown print markup.
func TestValuesAreText(t *testing.T) {
	e := engine(map[string]string{
		"t.md": "{{ name }}|{% macro b(x) %}**{{ x }}**{% endmacro %}{{ b(name) }}|{% include \"p.md\" %}|{{ md|markdown }}|{{ n }}|{% firstof none name %}",
		"p.md": "*{{ name }}*",
	})
	out, err := e.Render("t.md", pongo2.Context{"name": "Smith & Sons <Ltd>", "md": "**bold**", "n": 3})
	want := `Smith \& Sons \<Ltd\>|**Smith \& Sons \<Ltd\>**|*Smith \& Sons \<Ltd\>*|**bold**|3|Smith \& Sons \<Ltd\>`
	if err != nil || out != want {
		t.Errorf("got  %s %v\nwant %s", out, err, want)
	}
}

func fixture(t *testing.T, name string) *applicant.Applicant {
	a, fs, err := applicant.Load("../../fixtures/applicants/" + name + ".yaml")
	if err != nil || len(fs) > 0 {
		t.Fatal(err, fs)
	}
	return a
}

func TestContextAndFilters(t *testing.T) {
	a := fixture(t, "adc")
	ctx := Context(a, ContextOptions{Lang: "zh", Manufacturer: "hengxin-changzhou", Date: civil.MustParse("2025-12-10")})
	tpl := `{{ applicant.name_zh }}|{{ application.date|date_zh }}|{{ application.date|date_en }}|{{ today|date_in:"en" }}|` +
		`{{ product.category|zh }}|{{ product.category|en }}|{{ product.category|label:lang }}|{{ application.province|en }}|` +
		`{{ manufacturer.agreement.price.amount|amount }}|{{ manufacturer.agreement.price.amount|amount_zh }}|{{ 12|zhnum }}|` +
		`{{ stages|length }}|{% if manufacturer.gmp.valid_until %}expiry{% else %}no expiry{% endif %}|{{ abroad }}|{{ manufacturer.country|zh }}`
	out, err := engine(map[string]string{"t.md": tpl}).Render("t.md", ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := "上海瀚源生物医药科技有限公司|2025年12月10日|10 December 2025|10 December 2025|抗体偶联类生物制品|antibody-drug conjugate|抗体偶联类生物制品|Shanghai|1,650,000.50|壹佰陆拾伍万元伍角|十二|5|no expiry|False|中国"
	if out != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}

func TestRequired(t *testing.T) {
	a := fixture(t, "adc")
	e := engine(map[string]string{"t.md": "x\n价格：{{ manufacturer.agreement.price.amount|required:\"manufacturers[].agreement.price\" }}"})
	_, err := e.Render("t.md", Context(a, ContextOptions{Lang: "zh"}))
	if err == nil || !strings.Contains(err.Error(), "manufacturers[].agreement.price is empty; add it to the applicant file") || !strings.Contains(err.Error(), "t.md:2:") {
		t.Errorf("required: %v", err)
	}
	if _, err := e.Render("t.md", Context(a, ContextOptions{Lang: "zh", Manufacturer: "lanhu-suzhou"})); err != nil {
		t.Errorf("required with a value: %v", err)
	}
}

// Context is the default pack's render context of a document.
func Context(a *applicant.Applicant, opts ContextOptions) pongo2.Context {
	p, err := Open("")
	if err != nil {
		panic(err)
	}
	return p.Context(a, opts, nil)
}
