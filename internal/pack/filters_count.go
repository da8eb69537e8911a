package pack

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/document"
)

// countingNumber is a number as Chinese counts things before a measure
// word: 两家, 十二个, 二十二项 — 2 is 两 at the front, never 二家.
func countingNumber(n int) string {
	s := document.ChineseNumber(n)
	if strings.HasPrefix(s, "二") && (n == 2 || n >= 100) {
		s = "两" + strings.TrimPrefix(s, "二")
	}
	return s
}

var englishNumbers = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}

// englishCount writes a count as English prose does: words to twenty,
// then figures.
func englishCount(n int) string {
	if n >= 0 && n < len(englishNumbers) {
		return englishNumbers[n]
	}
	return strconv.Itoa(n)
}

func wholeNumber(name string, in *pongo2.Value) (int, *pongo2.Error) {
	if in.IsInteger() {
		return in.Integer(), nil
	}
	var n int
	if _, err := fmt.Sscan(in.String(), &n); err == nil && in.IsString() {
		return n, nil
	}
	return 0, filterError(name, "%v is not a whole number", in.Interface())
}

func zhcountFilter(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	n, err := wholeNumber("zhcount", in)
	if err != nil {
		return nil, err
	}
	return pongo2.AsValue(countingNumber(n)), nil
}

func countEnFilter(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	n, err := wholeNumber("count_en", in)
	if err != nil {
		return nil, err
	}
	return pongo2.AsValue(englishCount(n)), nil
}

// percentFilter writes a number as a percentage without trailing zeros:
// 0.05 → 0.05%, 10 → 10%.
func percentFilter(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
	if !in.IsNumber() {
		return nil, filterError("percent", "%v is not a number", in.Interface())
	}
	return pongo2.AsValue(strconv.FormatFloat(in.Float(), 'f', -1, 64) + "%"), nil
}
