package termwidth

import "testing"

func TestString(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"深圳康峤", 8},
		{"ａｂ１", 6},      // full-width letters and digits
		{"e\u0301", 1},  // e and a combining acute accent
		{"a\u200bb", 2}, // zero-width space
		{"\x1b[K", 2},   // ESC takes no cell; [ and K do
		{"半角ｶﾅ", 6},     // half-width katakana are narrow
		{"·—", 2},       // ambiguous punctuation counts as narrow
		{"申请 2025.yaml", 14},
	} {
		if got := String(tc.s); got != tc.want {
			t.Errorf("String(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		s     string
		w     int
		want  string
		wantL string
	}{
		{"short", 10, "short", "short"},
		{"abcdefghij", 5, "abcd…", "…ghij"},
		{"深圳康峤生物科技", 7, "深圳康…", "…物科技"},
		{"深圳康峤生物科技", 8, "深圳康…", "…物科技"},
		{"ab深圳", 4, "ab…", "…圳"},
		{"anything", 0, "", ""},
		{"anything", 1, "…", "…"},
	} {
		got := Truncate(tc.s, tc.w)
		if got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.s, tc.w, got, tc.want)
		}
		if String(got) > tc.w {
			t.Errorf("Truncate(%q, %d) = %q is %d cells wide", tc.s, tc.w, got, String(got))
		}
		gotL := TruncateLeft(tc.s, tc.w)
		if gotL != tc.wantL {
			t.Errorf("TruncateLeft(%q, %d) = %q, want %q", tc.s, tc.w, gotL, tc.wantL)
		}
		if String(gotL) > tc.w {
			t.Errorf("TruncateLeft(%q, %d) = %q is %d cells wide", tc.s, tc.w, gotL, String(gotL))
		}
	}
}

func TestPad(t *testing.T) {
	if got := Pad("康峤", 6); got != "康峤  " {
		t.Errorf("Pad = %q", got)
	}
	if got := Pad("toolong", 3); got != "toolong" {
		t.Errorf("Pad = %q", got)
	}
}

func FuzzTruncate(f *testing.F) {
	f.Add("深圳康峤生物科技有限公司 申请.yaml", 9)
	f.Add("a\u0301\u200b", 1)
	f.Fuzz(func(t *testing.T, s string, w int) {
		w = w % 200
		for _, got := range []string{Truncate(s, w), TruncateLeft(s, w)} {
			if w >= 0 && String(got) > w {
				t.Fatalf("%q cut to %d is %q, %d cells", s, w, got, String(got))
			}
		}
	})
}
