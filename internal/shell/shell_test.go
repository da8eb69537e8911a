package shell

import (
	"os/exec"
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"out/kq-small", "out/kq-small"},
		{"", "''"},
		{"my file.yaml", "'my file.yaml'"},
		{"申请书.yaml", "申请书.yaml"},
		{"康峤 申请.yaml", "'康峤 申请.yaml'"},
		{"it's", `'it'\''s'`},
		{"a$b", "'a$b'"},
		{"*.yaml", "'*.yaml'"},
		{"~/x", "'~/x'"},
		{"全角\u3000空格", "'全角\u3000空格'"},
		{"-x", "-x"},
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestQuoteRoundTrip has a real shell read the quoted words back.
func TestQuoteRoundTrip(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	words := []string{"plain", "two words", "it's", `back\slash`, "$HOME", "`x`", "康峤 申请.yaml", "a\nb", "!bang", "semi;colon"}
	out, err := exec.Command(sh, "-c", "printf '%s\\0' "+Join(words...)).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if strings.Join(got, "|") != strings.Join(words, "|") {
		t.Errorf("the shell read %q, want %q", got, words)
	}
}
