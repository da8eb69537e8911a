package applicant

import "slices"

// ProvinceInfo is one provincial-level division (GB/T 2260).
type ProvinceInfo struct {
	Name string // full name: 上海市
	Code string // six-digit code: 310000
	En   string
	// Abbr are the one-character abbreviations used in licence numbers (沪);
	// the first is the usual one.
	Abbr []string
}

// Provinces lists the provincial-level divisions in code order.
var Provinces = []ProvinceInfo{
	{"北京市", "110000", "Beijing", []string{"京"}},
	{"天津市", "120000", "Tianjin", []string{"津"}},
	{"河北省", "130000", "Hebei", []string{"冀"}},
	{"山西省", "140000", "Shanxi", []string{"晋"}},
	{"内蒙古自治区", "150000", "Inner Mongolia", []string{"蒙"}},
	{"辽宁省", "210000", "Liaoning", []string{"辽"}},
	{"吉林省", "220000", "Jilin", []string{"吉"}},
	{"黑龙江省", "230000", "Heilongjiang", []string{"黑"}},
	{"上海市", "310000", "Shanghai", []string{"沪"}},
	{"江苏省", "320000", "Jiangsu", []string{"苏"}},
	{"浙江省", "330000", "Zhejiang", []string{"浙"}},
	{"安徽省", "340000", "Anhui", []string{"皖"}},
	{"福建省", "350000", "Fujian", []string{"闽"}},
	{"江西省", "360000", "Jiangxi", []string{"赣"}},
	{"山东省", "370000", "Shandong", []string{"鲁"}},
	{"河南省", "410000", "Henan", []string{"豫"}},
	{"湖北省", "420000", "Hubei", []string{"鄂"}},
	{"湖南省", "430000", "Hunan", []string{"湘"}},
	{"广东省", "440000", "Guangdong", []string{"粤"}},
	{"广西壮族自治区", "450000", "Guangxi", []string{"桂"}},
	{"海南省", "460000", "Hainan", []string{"琼"}},
	{"重庆市", "500000", "Chongqing", []string{"渝"}},
	{"四川省", "510000", "Sichuan", []string{"川", "蜀"}},
	{"贵州省", "520000", "Guizhou", []string{"黔", "贵"}},
	{"云南省", "530000", "Yunnan", []string{"滇", "云"}},
	{"西藏自治区", "540000", "Tibet", []string{"藏"}},
	{"陕西省", "610000", "Shaanxi", []string{"陕", "秦"}},
	{"甘肃省", "620000", "Gansu", []string{"甘", "陇"}},
	{"青海省", "630000", "Qinghai", []string{"青"}},
	{"宁夏回族自治区", "640000", "Ningxia", []string{"宁"}},
	{"新疆维吾尔自治区", "650000", "Xinjiang", []string{"新"}},
	{"台湾省", "710000", "Taiwan", []string{"台"}},
	{"香港特别行政区", "810000", "Hong Kong", []string{"港"}},
	{"澳门特别行政区", "820000", "Macao", []string{"澳"}},
}

// Province is the full Chinese name of a provincial-level division, such as
// 上海市 or 江苏省.
type Province string

// EnumKeys lists every full name, so editors can complete them.
func (Province) EnumKeys() []string {
	out := make([]string, len(Provinces))
	for i, p := range Provinces {
		out[i] = p.Name
	}
	return out
}

// Label returns the Chinese and English names.
func (p Province) Label() Label {
	info, ok := p.Info()
	if !ok {
		return Label{Key: string(p), Zh: string(p), En: string(p)}
	}
	return Label{Key: info.Name, Zh: info.Name, En: info.En}
}

// Info returns the division named p.
func (p Province) Info() (ProvinceInfo, bool) {
	for _, info := range Provinces {
		if info.Name == string(p) {
			return info, true
		}
	}
	return ProvinceInfo{}, false
}

// ProvinceByAbbr returns the division whose licence abbreviation is a.
func ProvinceByAbbr(a string) (ProvinceInfo, bool) {
	for _, info := range Provinces {
		if slices.Contains(info.Abbr, a) {
			return info, true
		}
	}
	return ProvinceInfo{}, false
}

// Countries names the countries and regions that documents spell out; other
// ISO 3166-1 alpha-2 codes are accepted and printed as the code.
var Countries = map[string]Label{
	"CN": {"CN", "中国", "China"}, "US": {"US", "美国", "United States"},
	"DE": {"DE", "德国", "Germany"}, "FR": {"FR", "法国", "France"},
	"IE": {"IE", "爱尔兰", "Ireland"}, "CH": {"CH", "瑞士", "Switzerland"},
	"GB": {"GB", "英国", "United Kingdom"}, "IT": {"IT", "意大利", "Italy"},
	"BE": {"BE", "比利时", "Belgium"}, "NL": {"NL", "荷兰", "Netherlands"},
	"SE": {"SE", "瑞典", "Sweden"}, "DK": {"DK", "丹麦", "Denmark"},
	"AT": {"AT", "奥地利", "Austria"}, "ES": {"ES", "西班牙", "Spain"},
	"PL": {"PL", "波兰", "Poland"}, "SG": {"SG", "新加坡", "Singapore"},
	"KR": {"KR", "韩国", "Republic of Korea"}, "JP": {"JP", "日本", "Japan"},
	"IN": {"IN", "印度", "India"}, "AU": {"AU", "澳大利亚", "Australia"},
	"CA": {"CA", "加拿大", "Canada"}, "IL": {"IL", "以色列", "Israel"},
	"PR": {"PR", "波多黎各", "Puerto Rico"}, "FI": {"FI", "芬兰", "Finland"},
	"NO": {"NO", "挪威", "Norway"}, "HU": {"HU", "匈牙利", "Hungary"},
	"CZ": {"CZ", "捷克", "Czechia"}, "SI": {"SI", "斯洛文尼亚", "Slovenia"},
}

// Country is an ISO 3166-1 alpha-2 code; CN is China.
type Country string

// Label returns the country's names, or the code itself when unknown.
func (c Country) Label() Label {
	if l, ok := Countries[string(c)]; ok {
		return l
	}
	return Label{Key: string(c), Zh: string(c), En: string(c)}
}

// Abroad reports whether the country is outside mainland China.
func (c Country) Abroad() bool { return c != "" && c != "CN" }
