package translit

import "testing"

func TestSyllable(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want string
	}{{'上', "shang"}, {'海', "hai"}, {'绿', "lü"}, {'𠀀', "he"}, {'a', ""}, {'。', ""}, {'龙', "long"}, {'㐀', "qiu"}} {
		if got := Syllable(tc.r); got != tc.want {
			t.Errorf("Syllable(%q) = %q, want %q", tc.r, got, tc.want)
		}
	}
}

func TestName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"陈立衡", "Chen Liheng"},
		{"許珺堃", "Xu Junkun"},
		{"林昇玥", "Lin Shengyue"},
		{"曾国藩", "Zeng Guofan"},
		{"单田芳", "Shan Tianfang"},
		{"欧阳明远", "Ouyang Mingyuan"},
		{"方喆", "Fang Zhe"},
		{"李昂", "Li Ang"},
		{"王西安", "Wang Xi'an"},
		{"约翰·史密斯", "Yuehan Shimisi"},
		{"John Smith", "John Smith"},
		{"沈", "Shen"},
	} {
		if got := Name(tc.in); got != tc.want {
			t.Errorf("Name(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"沪20190087", "Hu20190087"},
		{"苏药监GMP告〔2025〕0412号", "Suyaojian GMP Gao [2025] 0412 Hao"},
		{"上海市", "Shanghaishi"},
		{"CXSS2500087", "CXSS2500087"},
		{"中国（上海）自由贸易试验区", "Zhongguo (Shanghai) Ziyoumaoyishiyanqu"},
	} {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAnnotate(t *testing.T) {
	if got := Annotate("沪20190087"); got != "Hu20190087 (沪20190087)" {
		t.Errorf("Annotate = %q", got)
	}
	if got := AnnotateName("陈立衡"); got != "Chen Liheng (陈立衡)" {
		t.Errorf("AnnotateName = %q", got)
	}
	if got := Annotate("CXSS2500087"); got != "CXSS2500087" {
		t.Errorf("Annotate of Latin text = %q", got)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"陈立衡", "沪20190087", "（", "a（b）c", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Text(s)
		Name(s)
		Annotate(s)
	})
}
