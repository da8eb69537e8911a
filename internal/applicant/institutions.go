package applicant

import "strings"

// officialNames are the official English names of the institutions that
// agreements and applications name, so that English documents never show
// an institution in Chinese or in a home-made translation.
var officialNames = map[string]string{
	"国家药品监督管理局":       "National Medical Products Administration (NMPA)",
	"中国国际经济贸易仲裁委员会":   "China International Economic and Trade Arbitration Commission (CIETAC)",
	"上海国际仲裁中心":        "Shanghai International Arbitration Center (SHIAC)",
	"上海国际经济贸易仲裁委员会":   "Shanghai International Arbitration Center (SHIAC)",
	"北京仲裁委员会":         "Beijing Arbitration Commission (BAC)",
	"深圳国际仲裁院":         "Shenzhen Court of International Arbitration (SCIA)",
	"新加坡国际仲裁中心":       "Singapore International Arbitration Centre (SIAC)",
	"香港国际仲裁中心":        "Hong Kong International Arbitration Centre (HKIAC)",
	"中国（上海）自由贸易试验区":   "China (Shanghai) Pilot Free Trade Zone",
	"中华人民共和国法律":       "the laws of the People's Republic of China",
	"中国食品药品检定研究院":     "National Institutes for Food and Drug Control (NIFDC)",
	"国家药品监督管理局药品审评中心": "Center for Drug Evaluation of the NMPA (CDE)",
}

// municipalities are the provincial-level cities whose bureaus are
// "Municipal" in English.
var municipalities = map[string]bool{"北京市": true, "天津市": true, "上海市": true, "重庆市": true}

// OfficialEnglish returns the official English name of an institution given
// by its Chinese name: a provincial medical products administration
// (江苏省药品监督管理局 → Jiangsu Medical Products Administration; 上海市… →
// Shanghai Municipal Medical Products Administration) or one of the
// institutions agreements name (arbitration commissions, NMPA).
func OfficialEnglish(zh string) (string, bool) {
	zh = strings.TrimSpace(zh)
	if en, ok := officialNames[zh]; ok {
		return en, true
	}
	if p, ok := strings.CutSuffix(zh, "药品监督管理局"); ok {
		if info, ok := Province(p).Info(); ok {
			if municipalities[info.Name] {
				return info.En + " Municipal Medical Products Administration", true
			}
			return info.En + " Medical Products Administration", true
		}
	}
	return "", false
}

// BureauName is the medical products administration of province p, in
// both languages.
func BureauName(p Province) Text {
	zh := string(p) + "药品监督管理局"
	en, _ := OfficialEnglish(zh)
	return T(zh, en)
}
