package compare

import (
	"fmt"
	"strings"
	"testing"

	"pilotpack/internal/applicant"
)

func TestData(t *testing.T) {
	base := `application: {id: x, date: 2025-12-10}
stages:
  - {id: mab, site: lanhu, description: 抗体中间体}
  - {id: fill, site: zhenheng, description: 灌装}
manufacturers:
  - id: lanhu
    name_zh: 苏州澜湖
    agreement: {term_years: 5}
    experience: {products: [甲, 乙]}
  - id: zhenheng
    name_zh: 上海臻恒
    registered_address: {zh: 上海市闵行区, en: "Minhang District, Shanghai"}
    agreement: {term_years: 5}
`
	for _, tc := range []struct {
		name string
		edit func(string) string
		want []string
	}{
		{"same", func(s string) string { return s }, nil},
		{"a term", func(s string) string { return strings.Replace(s, "term_years: 5}", "term_years: 8}", 1) },
			[]string{"changed manufacturers[0].agreement.term_years 5 → 8 old.yaml:8:29 new.yaml:8:29"}},
		{"a manufacturer added in front: the others are not changed", func(s string) string {
			return strings.Replace(s, "manufacturers:\n", "manufacturers:\n  - id: jinghua\n    name_zh: 杭州璟华\n", 1)
		}, []string{"added manufacturers[0] <nil> → {jinghua} old.yaml: new.yaml:6:5"}},
		{"a stage moved to another site", func(s string) string { return strings.Replace(s, "site: zhenheng", "site: lanhu", 1) },
			[]string{"changed stages[1].site zhenheng → lanhu old.yaml:4:22 new.yaml:4:22"}},
		{"stages reordered", func(s string) string {
			return strings.Replace(s, "  - {id: mab, site: lanhu, description: 抗体中间体}\n  - {id: fill, site: zhenheng, description: 灌装}\n",
				"  - {id: fill, site: zhenheng, description: 灌装}\n  - {id: mab, site: lanhu, description: 抗体中间体}\n", 1)
		}, []string{"moved stages[1] (was stages[0]) 0 → 1 old.yaml:3:5 new.yaml:4:5"}},
		{"a product inserted at the top of a list", func(s string) string { return strings.Replace(s, "[甲, 乙]", "[丙, 甲, 乙]", 1) },
			[]string{"added manufacturers[0].experience.products[0] <nil> → 丙 old.yaml: new.yaml:9:29"}},
		{"one wording of a bilingual text", func(s string) string { return strings.Replace(s, `en: "Minhang District`, `en: "Minhang`, 1) },
			[]string{"changed manufacturers[1].registered_address.en Minhang District, Shanghai → Minhang, Shanghai old.yaml:12:42 new.yaml:12:42"}},
		{"a manufacturer removed", func(s string) string { return s[:strings.Index(s, "  - id: zhenheng")] },
			[]string{"removed manufacturers[1] {zhenheng} → <nil> old.yaml:10:5 new.yaml:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, _, err := applicant.Parse("dir/old.yaml", []byte(base))
			if err != nil {
				t.Fatal(err)
			}
			new, _, err := applicant.Parse("dir/new.yaml", []byte(tc.edit(base)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range Data(old, new) {
				path := c.Path
				if c.OldPath != "" && c.OldPath != c.Path {
					path += " (was " + c.OldPath + ")"
				}
				got = append(got, fmt.Sprintf("%s %s %s → %s %s %s", c.Kind, path, short(c.Old), short(c.New), "old.yaml:"+strings.TrimPrefix(c.OldAt, "old.yaml:"), "new.yaml:"+strings.TrimPrefix(c.NewAt, "new.yaml:")))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// short shows a value, a manufacturer by its id.
func short(v any) string {
	if m, ok := v.(applicant.Manufacturer); ok {
		return "{" + m.ID + "}"
	}
	if v == nil {
		return "<nil>"
	}
	return fmt.Sprint(v)
}
