// Package civil holds calendar dates without a time of day or zone: the dates
// on licences, notices and agreements are days, and comparing them as instants
// would make a notice "expire" at a different moment in every time zone.
package civil

import (
	"fmt"
	"strconv"
	"time"

	"pilotpack/internal/lang"
)

// Date is a calendar day. The zero value means "not given".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

var (
	msgNotDate = lang.T("%q 不是 YYYY-MM-DD 形式的日期", "%q is not a date in the form YYYY-MM-DD")
	msgYear    = lang.T("%q：年份 %d 不在 1900–2200 之间", "%q: year %d is out of range 1900–2200")
	msgMonth   = lang.T("%q：没有 %d 月", "%q: month %d does not exist")
	msgNoDay   = lang.T("%q：%d年%d月没有 %d 日", "%q: %s %d has no day %d")
)

// Parse reads an ISO 8601 calendar date (YYYY-MM-DD) and rejects days that
// do not exist, such as 2025-02-30. Its errors are worded in both
// languages (lang.Message).
func Parse(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, lang.Errorf(msgNotDate, s)
	}
	y, err1 := strconv.Atoi(s[0:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, lang.Errorf(msgNotDate, s)
	}
	if y < 1900 || y > 2200 {
		return Date{}, lang.Errorf(msgYear, s, y)
	}
	if m < 1 || m > 12 {
		return Date{}, lang.Errorf(msgMonth, s, m)
	}
	if d < 1 || d > daysIn(time.Month(m), y) {
		return Date{}, lang.Errorf(lang.T(fmt.Sprintf(msgNoDay.Zh, s, y, m, d), fmt.Sprintf(msgNoDay.En, s, time.Month(m), y, d)))
	}
	return Date{y, time.Month(m), d}, nil
}

// MustParse is Parse for constants in code and tests.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Of returns the calendar day of t in t's location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return d.Time().After(e.Time()) }

// AddDate adds years, months and days like time.Time.AddDate.
func (d Date) AddDate(years, months, days int) Date {
	return Of(d.Time().AddDate(years, months, days))
}

// DaysUntil returns the number of days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Hours() / 24)
}

// MonthsUntil returns the number of whole months from d to e.
func (d Date) MonthsUntil(e Date) int {
	m := (e.Year-d.Year)*12 + int(e.Month) - int(d.Month)
	if e.Day < d.Day {
		m--
	}
	return m
}

// Zh formats the date the way Chinese documents write it: 2025年12月15日.
func (d Date) Zh() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

// En formats the date for English documents: 15 December 2025.
func (d Date) En() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
}

// MarshalText writes YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}
