package pack

import (
	"pilotpack/internal/applicant"
	"testing"
)

func TestCapital(t *testing.T) {
	for _, c := range []struct {
		in   int64
		want string
	}{{125000000, "壹佰贰拾伍万元整"}, {165000050, "壹佰陆拾伍万元伍角"}, {100500, "壹仟零伍元整"}, {10000500, "壹拾万零伍元整"}, {1005, "壹拾元零伍分"}, {50, "伍角"}, {1280, "壹拾贰元捌角"}, {0, "零元整"}, {10010000, "壹拾万零壹佰元整"}, {100000000000, "壹拾亿元整"}, {1000100000, "壹仟万壹仟元整"}, {120300400, "壹佰贰拾万叁仟零肆元整"}, {38000000, "叁拾捌万元整"}, {5, "伍分"}, {200000000300, "贰拾亿零叁元整"}, {1010, "壹拾元壹角"}, {110, "壹元壹角"}, {105000, "壹仟零伍拾元整"}, {1050000, "壹万零伍佰元整"}, {10500000, "壹拾万伍仟元整"}, {10100, "壹佰零壹元整"}, {100100, "壹仟零壹元整"}, {168032, "壹仟陆佰捌拾元叁角贰分"}, {100000100, "壹佰万零壹元整"}} {
		if got := Capital(applicant.Money(c.in)); got != c.want {
			t.Errorf("%d: got %s want %s", c.in, got, c.want)
		}
	}
}

func TestWithArticle(t *testing.T) {
	for in, want := range map[string]string{
		"antibody-drug conjugate": "an antibody-drug conjugate", "GLP-1 based biologic": "a GLP-1 based biologic",
		"insulin-based biologic": "an insulin-based biologic", "multivalent vaccine": "a multivalent vaccine",
		"unified system": "a unified system", "other product": "an other product", "": "",
	} {
		if got := withArticle(in); got != want {
			t.Errorf("withArticle(%q) = %q, want %q", in, got, want)
		}
	}
}
