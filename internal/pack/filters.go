package pack

import (
	"errors"
	"fmt"
	"pilotpack/internal/lang"
	"strings"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
)

// Filters lists the filters pilotpack adds for templates, with what they do,
// for pack lint and the template authors' README.
var Filters = map[string]string{
	"date_zh":   "a date in Chinese: 2025年12月15日",
	"date_en":   "a date in English: 15 December 2025",
	"date_in":   "a date in the language given: {{ d|date_in:lang }}",
	"zhnum":     "a number in Chinese numerals: 12 → 十二",
	"zhcount":   "a count before a Chinese measure word: 2 → 两 (两家), 12 → 十二",
	"count_en":  "a count in English prose: 3 → three, 25 → 25",
	"percent":   "a number as a percentage: 0.05 → 0.05%",
	"amount":    "an amount in figures: 1,250,000.00",
	"amount_zh": "an amount in Chinese capitals (大写): 壹佰贰拾伍万元整",
	"label":     "an enumerated value's wording in the language given: {{ product.category|label:lang }}",
	"zh":        "an enumerated value's Chinese wording: adc → 抗体偶联类生物制品",
	"en":        "an enumerated value's English wording: adc → antibody-drug conjugate",
	"required":  "fails the render when the value is empty, naming it: {{ applicant.name_zh|required:\"applicant.name_zh\" }}",
	"markdown":  "prints the value as Markdown, not as text; only for Markdown the template itself holds: {{ note|markdown }}",
}

func registerFilters() {
	for name, fn := range map[string]pongo2.FilterFunction{
		"date_zh":   func(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) { return dateFilter(in, "zh") },
		"date_en":   func(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) { return dateFilter(in, "en") },
		"date_in":   func(in, p *pongo2.Value) (*pongo2.Value, *pongo2.Error) { return dateFilter(in, lang.Lang(p.String())) },
		"zhnum":     zhnumFilter,
		"zhcount":   zhcountFilter,
		"count_en":  countEnFilter,
		"percent":   percentFilter,
		"amount":    amountFilter,
		"amount_zh": amountZhFilter,
		"label": func(in, p *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
			return labelFilter(in, lang.Lang(p.String()))
		},
		"zh":       func(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) { return labelFilter(in, "zh") },
		"en":       func(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) { return labelFilter(in, "en") },
		"required": requiredFilter,
		"markdown": markdownFilter,
	} {
		// Registration is global and fails on a duplicate: it runs once.
		if err := pongo2.RegisterFilter(name, fn); err != nil {
			panic(err)
		}
	}
	for name, fn := range boundedFilters {
		if err := pongo2.ReplaceFilter(name, fn); err != nil {
			panic(err)
		}
	}
}

func filterError(name, format string, args ...any) *pongo2.Error {
	return &pongo2.Error{Sender: "filter:" + name, OrigError: fmt.Errorf(format, args...)}
}

func dateFilter(in *pongo2.Value, l lang.Lang) (*pongo2.Value, *pongo2.Error) {
	var d civil.Date
	switch v := in.Interface().(type) {
	case nil:
		return pongo2.AsValue(""), nil
	case civil.Date:
		d = v
	case string:
		var err error
		if d, err = civil.Parse(v); err != nil {
			return nil, filterError("date", "%v", err)
		}
	default:
		return nil, filterError("date", "%v is not a date", in.Interface())
	}
	if l == lang.En {
		return pongo2.AsValue(d.En()), nil
	}
	return pongo2.AsValue(d.Zh()), nil
}

func zhnumFilter(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	if !in.IsInteger() && !in.IsNumber() {
		if in.IsString() {
			var n int
			if _, err := fmt.Sscan(in.String(), &n); err == nil {
				return pongo2.AsValue(document.ChineseNumber(n)), nil
			}
		}
		return nil, filterError("zhnum", "%v is not a whole number", in.Interface())
	}
	return pongo2.AsValue(document.ChineseNumber(in.Integer())), nil
}

func money(in *pongo2.Value) (applicant.Money, error) {
	switch v := in.Interface().(type) {
	case applicant.Money:
		return v, nil
	case int:
		return applicant.Money(int64(v) * 100), nil
	case string:
		var m applicant.Money
		return m, m.UnmarshalText([]byte(v))
	}
	return 0, fmt.Errorf("%v is not an amount", in.Interface())
}

func amountFilter(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	m, err := money(in)
	if err != nil {
		return nil, filterError("amount", "%v", err)
	}
	return pongo2.AsValue(m.String()), nil
}

func amountZhFilter(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	m, err := money(in)
	if err != nil {
		return nil, filterError("amount_zh", "%v", err)
	}
	return pongo2.AsValue(Capital(m)), nil
}

var (
	capDigits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	capUnits  = []string{"", "拾", "佰", "仟"}
	capGroups = []string{"", "万", "亿", "万亿"}
)

// Capital writes an amount in Chinese capital numerals (大写) as contracts
// and invoices do: 壹佰贰拾伍万元整, 壹仟零伍元整, 壹拾元零伍分, 伍角.
func Capital(m applicant.Money) string {
	yuan, cents := m.Yuan()
	jiao, fen := cents/10, cents%10
	if yuan == 0 && cents == 0 {
		return "零元整"
	}
	var b strings.Builder
	if yuan > 0 {
		var groups []int64 // four digits each, lowest first
		for y := yuan; y > 0; y /= 10000 {
			groups = append(groups, y%10000)
		}
		written, skipped := false, false
		for gi := len(groups) - 1; gi >= 0; gi-- {
			g := groups[gi]
			if g == 0 {
				skipped = written
				continue
			}
			// 零 between groups when zeros separate them: 壹拾万零伍元.
			if written && (skipped || g < 1000) {
				b.WriteString("零")
			}
			pending := false
			for u := 3; u >= 0; u-- {
				d := g / pow10(u) % 10
				if d == 0 {
					pending = pending || (g/pow10(u+1) > 0)
					continue
				}
				if pending {
					b.WriteString("零") // 壹仟零伍
				}
				pending = false
				b.WriteString(capDigits[d] + capUnits[u])
			}
			b.WriteString(capGroups[gi])
			written, skipped = true, false
		}
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && fen == 0:
		b.WriteString("整")
	default:
		if jiao > 0 {
			b.WriteString(capDigits[jiao] + "角")
		}
		if fen > 0 {
			if jiao == 0 && yuan > 0 {
				b.WriteString("零")
			}
			b.WriteString(capDigits[fen] + "分")
		}
	}
	return b.String()
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

func labelFilter(in *pongo2.Value, lg lang.Lang) (*pongo2.Value, *pongo2.Error) {
	var l applicant.Label
	switch v := in.Interface().(type) {
	case interface{ Label() applicant.Label }:
		l = v.Label()
	case nil:
		return pongo2.AsValue(""), nil
	case string:
		if v == "" {
			return pongo2.AsValue(""), nil
		}
		var ok bool
		if l, ok = applicant.LabelOf(v); !ok {
			return nil, filterError("label", "%q is not a value with a wording (an enumerated value, province or country)", v)
		}
	default:
		return nil, filterError("label", "%v has no wording to look up", in.Interface())
	}
	return pongo2.AsValue(l.In(lg)), nil
}

// errRequired marks the failure of the required filter.
var errRequired = errors.New("required")

func requiredFilter(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	empty := in.IsNil() || (in.CanSlice() && in.Len() == 0) || (in.IsString() && strings.TrimSpace(in.String()) == "")
	if !empty {
		return in, nil
	}
	what := param.String()
	if what == "" {
		what = "a value"
	}
	return nil, filterError("required", "required: %s is empty; add it to the applicant file", what)
}
