package datafile

import (
	"reflect"
	"strings"
	"testing"

	"pilotpack/internal/finding"
)

type codes struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Count  int     `json:"count"`
	Ratio  float64 `json:"ratio"`
	People []struct {
		Phone string `json:"phone"`
	} `json:"people"`
}

// TestTidy checks that codes and numbers typed in full width or with
// spaces around them are read as meant, each change an info naming the
// field, and that text is left exactly as written.
func TestTidy(t *testing.T) {
	src := "code: ９１３１０１１５ＡＢ\n" +
		"name: 　全角　空格　\n" +
		"count: １２\n" +
		"ratio: \" 1.5\"\n" +
		"people:\n  - phone: \"０２１-６１５８ ３７２０\u3000\"\n"
	var v codes
	opts := Options{Codes: func(path string, t reflect.Type) bool { return path == "code" || path == "people[].phone" }}
	_, ps, err := DecodeWith("a.yaml", []byte(src), &v, DefaultLimits, opts)
	if err != nil {
		t.Fatal(err)
	}
	if v.Code != "91310115AB" || v.Count != 12 || v.Ratio != 1.5 || v.People[0].Phone != "021-6158 3720" {
		t.Errorf("decoded %+v", v)
	}
	if v.Name != "　全角　空格　" {
		t.Errorf("text was changed: %q", v.Name)
	}
	var got []string
	for _, p := range ps {
		if p.Severity != finding.Info || p.Code != "tidied" {
			t.Errorf("problem %+v", p)
			continue
		}
		got = append(got, p.Path+"@"+p.Pos.String())
		if !strings.Contains(p.Zh, "已规范为") || !strings.Contains(p.En, "read as") {
			t.Errorf("message %s / %s", p.Zh, p.En)
		}
	}
	want := "code@1:7|count@3:8|ratio@4:8|people[0].phone@6:12"
	if strings.Join(got, "|") != want {
		t.Errorf("infos at %s, want %s", strings.Join(got, "|"), want)
	}
	if !strings.Contains(ps[0].Zh, "全角字母和数字改为半角") || !strings.Contains(ps[3].Zh, "删去了前后的空格") {
		t.Errorf("what changed is not said: %s; %s", ps[0].Zh, ps[3].Zh)
	}
}

func TestPattern(t *testing.T) {
	for in, want := range map[string]string{"a": "a", "m[2].id": "m[].id", "m[10].r[3].x": "m[].r[].x"} {
		if got := pattern(in); got != want {
			t.Errorf("pattern(%q) = %q, want %q", in, got, want)
		}
	}
}
