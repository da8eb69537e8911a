package applicant

import (
	"fmt"
	"strconv"
	"strings"

	"pilotpack/internal/lang"
)

var (
	msgNotAmount      = lang.T("%q 不是金额：请写数字，最多两位小数，如 1250000.50", "%q is not an amount: write digits with at most two decimals, e.g. 1250000.50")
	msgAmountTooLarge = lang.T("%q 金额过大", "%q is too large an amount")
)

// Money is an amount in cents (分), kept exact: agreements print amounts in
// figures and in Chinese capitals, and a float would round the fen away.
type Money int64

// UnmarshalText reads digits with at most two decimals, e.g. 1250000.50.
func (m *Money) UnmarshalText(b []byte) error {
	s := string(b)
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" || (hasFrac && (len(frac) == 0 || len(frac) > 2 || strings.Trim(frac, "0123456789") != "")) {
		return lang.Errorf(msgNotAmount, s)
	}
	if len(whole) > 13 {
		return lang.Errorf(msgAmountTooLarge, s)
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	*m = Money(w*100 + f)
	return nil
}

// MarshalText writes the amount with two decimals.
func (m Money) MarshalText() ([]byte, error) {
	return fmt.Appendf(nil, "%d.%02d", int64(m)/100, int64(m)%100), nil
}

// Yuan returns the whole units and the cents.
func (m Money) Yuan() (int64, int64) { return int64(m) / 100, int64(m) % 100 }

// String writes the amount with thousands separators: 1,250,000.00.
func (m Money) String() string {
	w, c := m.Yuan()
	s := strconv.FormatInt(w, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s.%02d", b.String(), c)
}
