package lang

import "testing"

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"zh", Zh, true}, {"en", En, true}, {"ZH", Zh, true}, {"zh-CN", Zh, true},
		{"zh_CN.UTF-8", Zh, true}, {"en_US.UTF-8", En, true}, {" en ", En, true},
		{"", "", false}, {"fr", "", false}, {"chinese", "", false}, {"C", "", false},
	} {
		got, err := Parse(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("Parse(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestFromLocale(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, En},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Zh},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, En},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, Zh},
		{map[string]string{"LANG": "C.UTF-8"}, En},
	} {
		if got := FromLocale(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("FromLocale(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}

func TestTextIn(t *testing.T) {
	both, zhOnly, enOnly := T("中", "en"), T("中", ""), T("", "en")
	for _, tc := range []struct {
		t    Text
		l    Lang
		want string
		has  bool
	}{
		{both, Zh, "中", true}, {both, En, "en", true},
		{zhOnly, En, "中", false}, {zhOnly, Zh, "中", true},
		{enOnly, Zh, "en", false}, {enOnly, En, "en", true},
	} {
		if got := tc.t.In(tc.l); got != tc.want {
			t.Errorf("%v.In(%s) = %q, want %q", tc.t, tc.l, got, tc.want)
		}
		if got := tc.t.Has(tc.l); got != tc.has {
			t.Errorf("%v.Has(%s) = %v, want %v", tc.t, tc.l, got, tc.has)
		}
	}
}

func TestJoinTexts(t *testing.T) {
	got := JoinTexts([]Text{T("甲", "a"), T("乙", "b")}, T("；", "; "))
	if got != T("甲；乙", "a; b") {
		t.Errorf("JoinTexts: %+v", got)
	}
	if got := JoinTexts(nil, T("；", "; ")); !got.IsZero() {
		t.Errorf("JoinTexts(nil): %+v", got)
	}
}
