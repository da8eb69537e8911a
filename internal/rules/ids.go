package rules

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"pilotpack/internal/applicant"
)

// creditAlphabet is the 31-character alphabet of GB 32100-2015: digits and
// capital letters without I, O, Z, S and V.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCheck returns the check character for the first 17 characters of a
// unified social credit code, or an error naming the first bad character.
func CreditCheck(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("need 17 characters, have %d", len(first17))
	}
	sum := 0
	for i := range 17 {
		v := strings.IndexByte(creditAlphabet, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("character %d (%q) is not allowed: use digits and capital letters except I, O, Z, S, V", i+1, first17[i])
		}
		sum += v * creditWeights[i]
	}
	return creditAlphabet[(31-sum%31)%31], nil
}

// checkCreditCode returns "" for a valid code, else what is wrong, in both
// languages. Lengths and positions count characters, as a reader counts
// them, not bytes.
func checkCreditCode(code string) (en, zh string) {
	runes := []rune(code)
	if len(runes) != 18 {
		return withInvisible(code,
			fmt.Sprintf("has %d characters, a unified social credit code has 18", len(runes)),
			fmt.Sprintf("共 %d 位，统一社会信用代码应为 18 位", len(runes)))
	}
	for i, r := range runes {
		if r > 0x7f || strings.IndexRune(creditAlphabet, r) < 0 {
			return withInvisible(string(r),
				fmt.Sprintf("character %d (%q) is not allowed: use digits and capital letters except I, O, Z, S, V", i+1, r),
				fmt.Sprintf("第 %d 位（%q）不允许：只能使用数字和除 I、O、Z、S、V 以外的大写字母", i+1, r))
		}
	}
	want, _ := CreditCheck(code[:17])
	if code[17] != want {
		return fmt.Sprintf("check character is %c, expected %c; copy the code exactly from the business licence", code[17], want),
			fmt.Sprintf("校验位为 %c，应为 %c；请按营业执照准确填写", code[17], want)
	}
	return "", ""
}

// hiddenInCode finds the first character of a code that does not show: a
// space other than the ASCII one, a format character (zero-width, bidi) or
// a control. i is its position in characters from 1; 0 when there is none.
func hiddenInCode(s string) (i int, r rune, name string) {
	for n, c := range []rune(s) {
		if c == ' ' {
			continue
		}
		if _, ok := runeNames[c]; ok || unicode.IsSpace(c) || unicode.Is(unicode.Cf, c) || unicode.IsControl(c) {
			name, ok := runeNames[c]
			if !ok {
				name = "invisible character"
			}
			return n + 1, c, name
		}
	}
	return 0, 0, ""
}

// withInvisible adds to a message about s where s holds a character the
// reader cannot see, which is usually why it looks right and is not.
func withInvisible(s, en, zh string) (string, string) {
	i, r, name := hiddenInCode(s)
	if i == 0 {
		return en, zh
	}
	return en + fmt.Sprintf("; character %d is an invisible U+%04X %s: delete it", i, r, name),
		zh + fmt.Sprintf("；第 %d 个字符是看不见的 U+%04X（%s），请删除", i, r, name)
}

var licenceNumber = lazyRegexp(`^(\p{Han})(\d{8})$`)

// checkLicenceNumber checks 沪20160045: a known province abbreviation and
// eight digits.
func checkLicenceNumber(n string) (en, zh string) {
	m := licenceNumber().FindStringSubmatch(n)
	if m == nil {
		return withInvisible(n, fmt.Sprintf("%q is not a licence number: write the province abbreviation and 8 digits, e.g. 沪20160045", n),
			fmt.Sprintf("%q 不是有效的药品生产许可证编号，应为省份简称加 8 位数字，如 沪20160045", n))
	}
	if _, ok := applicant.ProvinceByAbbr(m[1]); !ok {
		return fmt.Sprintf("%q does not start with a province abbreviation", n),
			fmt.Sprintf("%q 的首字不是省份简称", n)
	}
	return "", ""
}

var licenceCategory = lazyRegexp(`^(?:[ABCD][a-z]*)+$`)

// licenceLetters returns the category letters (A–D) of a category code like
// AsBsCs, or ok=false when the code is malformed.
func licenceLetters(c string) (string, bool) {
	if !licenceCategory().MatchString(c) {
		return "", false
	}
	var b strings.Builder
	for _, r := range c {
		if r >= 'A' && r <= 'D' {
			b.WriteRune(r)
		}
	}
	return b.String(), true
}

var (
	approvalNumber   = lazyRegexp(`^国药准字[HZSJ]\d{8}$`)
	acceptanceNumber = lazyRegexp(`^[CJ][XY]S[LSBZ]\d{7}$`)
	phoneNumber      = lazyRegexp(`^\+?[0-9][0-9 \-()]{5,22}[0-9]$`)
	emailAddress     = lazyRegexp(`^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$`)
	countryCode      = lazyRegexp(`^[A-Z]{2}$`)
	provinceCode     = lazyRegexp(`^\d{6}$`)
	identifier       = lazyRegexp(`^[a-z0-9][a-z0-9-]{0,39}$`)
)

// lazyRegexp compiles expr the first time it is used. Compiling every
// pattern when the package loads would cost each run of pilotpack, even
// pilotpack --version, for patterns most runs never need.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
