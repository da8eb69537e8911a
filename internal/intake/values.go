package intake

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/applicant"
)

// Enumerated values are shown as their Chinese wording with the key the
// file stores, 抗体偶联类生物制品（adc）, so that the dropdown reads to a
// Chinese reader and the value still says what the schema calls it. A
// value whose wording is the key itself (a province) is shown as the key.

// choices lists the dropdown entries of an enumerated type, or of the
// known countries.
func choices(t reflect.Type) []string {
	var keys []string
	if t == countryType {
		keys = countryCodes()
	} else {
		keys = reflect.Zero(t).Interface().(interface{ EnumKeys() []string }).EnumKeys()
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = display(t, k)
	}
	return out
}

// countryCodes are the country codes the documents spell out, China first.
func countryCodes() []string {
	var codes []string
	for c := range applicant.Countries {
		if c != "CN" {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)
	return append([]string{"CN"}, codes...)
}

func wording(t reflect.Type, key string) string {
	v := reflect.ValueOf(key).Convert(t).Interface()
	if l, ok := v.(interface{ Label() applicant.Label }); ok {
		return l.Label().Zh
	}
	return key
}

// display is how a key of an enumerated type is written in a cell.
func display(t reflect.Type, key string) string {
	if key == "" {
		return ""
	}
	w := wording(t, key)
	if w == "" || w == key {
		return key
	}
	return w + "（" + key + "）"
}

// keyOf reads a cell of an enumerated type: a dropdown entry, the key
// alone, or the Chinese wording alone. Anything else is returned as it is,
// for the decoder to report with a suggestion.
func keyOf(t reflect.Type, s string) string {
	var keys []string
	if t == countryType {
		if len(s) == 2 {
			return strings.ToUpper(s)
		}
		keys = countryCodes()
	} else {
		keys = reflect.Zero(t).Interface().(interface{ EnumKeys() []string }).EnumKeys()
	}
	if slices.Contains(keys, s) {
		return s
	}
	for _, open := range []string{"（", "("} {
		if i := strings.LastIndex(s, open); i >= 0 {
			inner := strings.TrimRight(s[i+len(open):], "）) ")
			if t == countryType {
				inner = strings.ToUpper(inner)
			}
			if slices.Contains(keys, inner) {
				return inner
			}
		}
	}
	for _, k := range keys {
		if w := wording(t, k); w == s {
			return k
		}
	}
	return s
}

// Booleans are a 是/否 dropdown; what else people type for yes and no is
// read too.
const yes, no = "是", "否"

func boolOf(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case yes, "true", "yes", "y", "1", "√", "对":
		return true, true
	case no, "false", "no", "n", "0", "×", "不是":
		return false, true
	}
	return false, false
}

// Dates are written as date cells. Read back, a cell holds the serial
// number of a day, or text: ISO dates and the forms Chinese documents and
// spreadsheets write (2025/12/5, 2025.12.5, 2025年12月5日).
var textDate = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)
})

// dateOf returns the date in s as YYYY-MM-DD, or s as it is when it is not
// a date the decoder's message should then explain.
func dateOf(s string, date1904 bool) string {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f >= 1 && f < 2958466 { // up to 9999-12-31
			if t, err := excelize.ExcelDateToTime(f, date1904); err == nil {
				return t.Format(time.DateOnly)
			}
		}
		return s
	}
	if m := textDate().FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return fmt.Sprintf("%s-%02d-%02d", m[1], mo, d)
	}
	return s
}

// serial is the spreadsheet serial number of a day (1900 date system).
func serial(y int, m time.Month, d int) float64 {
	return float64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}

var grouped = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{1,3}(,\d{3})+(\.\d+)?$`) })

// numberOf reads a number written as a number or as text, with or without
// thousands separators; ok is false when s is not a number.
func numberOf(s string) (float64, bool) {
	if grouped().MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// moneyOf reads an amount: a number rounded to the fen it was typed with,
// since a spreadsheet stores 1234.56 as the nearest binary fraction.
func moneyOf(s string) string {
	f, ok := numberOf(s)
	if !ok || f < 0 || f >= 1e13 {
		return s
	}
	cents := math.Round(f * 100)
	if math.Abs(f*100-cents) > 1e-6*math.Max(1, math.Abs(f)) {
		return s // more than two decimals: the decoder explains
	}
	return fmt.Sprintf("%d.%02d", int64(cents)/100, int64(cents)%100)
}

// plainNumber writes a number cell read into a text field as people typed
// it: 310000, not 3.1E+5.
func plainNumber(s string) string {
	if !strings.ContainsAny(s, "eE") {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.Abs(f) >= 1e21 {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// clean trims a cell's text: spaces (also full-width and non-breaking) at
// either end of it and of each of its lines, and Windows line ends.
func clean(s string) string {
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if strings.ContainsRune(s, '\n') {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRightFunc(l, isSpace)
		}
		s = strings.Join(lines, "\n")
	}
	return strings.TrimFunc(s, isSpace)
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
}
