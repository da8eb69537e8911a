package rules

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"pilotpack/internal/applicant"
)

// TestInvisibleInEveryTextField puts a right-to-left override into every
// text field of every fixture, one at a time: each is an error finding at
// that field, on the line the field is on.
func TestInvisibleInEveryTextField(t *testing.T) {
	n := 0
	for name := range baseline {
		var paths []string
		eachText(reflect.ValueOf(load(t, name).File), "", func(path, s string) { paths = append(paths, path) })
		for i, path := range paths {
			a := load(t, name)
			j := 0
			setText(reflect.ValueOf(a.File), func(s *string) {
				if j == i {
					*s = "甲\u202e乙" + *s
				}
				j++
			})
			fs := Check(a, DefaultPolicy(), nil)
			found := false
			for _, f := range fs {
				if f.Rule == "text.invisible" && f.Path == path {
					found = true
					if f.Line != a.Pos(path).Line || f.Line == 0 || !strings.Contains(f.Message.En, "character 2 is U+202E RIGHT-TO-LEFT OVERRIDE") {
						t.Errorf("%s %s: %s at line %d, want line %d", name, path, f.Message.En, f.Line, a.Pos(path).Line)
					}
				}
			}
			if !found {
				t.Errorf("%s: %s holds U+202E and no finding says so", name, path)
			}
			n++
		}
	}
	if n < 200 {
		t.Errorf("only %d text fields tried", n)
	}
	t.Logf("%d text fields tried", n)
}

// setText calls f with every string of v, in the order eachText sees them.
func setText(v reflect.Value, f func(s *string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			setText(v.Elem(), f)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				setText(v.Field(i), f)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			setText(v.Index(i), f)
		}
	case reflect.String:
		p := v.Addr().Interface()
		if s, ok := p.(*string); ok {
			f(s)
		} else {
			// An enumerated value: set it through its string.
			s := v.String()
			f(&s)
			v.SetString(s)
		}
	}
}

func TestInvisibleCharacters(t *testing.T) {
	bad := []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
		0x200B, 0x2060, 0xFEFF, 0x00AD, 0x2028, 0x2029, 0x0007, 0x001B, 0x007F, 0x0085, 0xE0041}
	for _, r := range bad {
		s := "上海" + string(r) + "瀚源"
		if at, got, n := invisible(s); at != 3 || got != r || n != 1 {
			t.Errorf("%U: at %d, %U, %d", r, at, got, n)
		}
	}
	for _, s := range []string{
		"上海瀚源生物医药科技有限公司", "line one\nline two\r\n\tindented", "Smith & Sons",
		"می\u200cخواهم", // Persian: the non-joiner between letters
		"क्\u200dष",     // Devanagari: the joiner after a virama
		"عبد\u200dالله", // Arabic
		"emoji 😀 and é", // no format characters
	} {
		if at, r, _ := invisible(s); at != 0 {
			t.Errorf("%q: %U at %d is needed there", s, r, at)
		}
	}
	for _, s := range []string{"Han\u200dyuan", "上\u200c海", "\u200dstart", "end\u200c"} {
		if at, _, _ := invisible(s); at == 0 {
			t.Errorf("%q: a joiner where no script needs it", s)
		}
	}
}

// TestInvisibleInAFile reads an applicant file with a bidi override in a
// nested field: the finding is on that line.
func TestInvisibleInAFile(t *testing.T) {
	src, err := os.ReadFile("../../fixtures/applicants/adc.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	target := -1
	for i, l := range lines {
		if strings.Contains(l, "name_en: Changzhou Hengxin") {
			target = i
			lines[i] = strings.Replace(l, "Changzhou", "Chang\u2067zhou", 1)
		}
	}
	if target < 0 {
		t.Fatal("the fixture no longer names Changzhou Hengxin")
	}
	a, loaded, err := applicant.Parse("adc.yaml", []byte(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	fs := Check(a, DefaultPolicy(), loaded)
	for _, f := range fs {
		if f.Rule == "text.invisible" {
			if f.Line != target+1 || f.Path != "manufacturers[1].name_en" {
				t.Errorf("%s at line %d, want line %d", f.Format("en"), f.Line, target+1)
			}
			if !strings.Contains(f.Format("en"), "U+2067 RIGHT-TO-LEFT ISOLATE") || !strings.Contains(f.Message.Zh, "不可见字符") {
				t.Errorf("message: %s / %s", f.Format("en"), f.Message.Zh)
			}
			return
		}
	}
	t.Errorf("no finding:\n%v", fmt.Sprint(fs))
}
