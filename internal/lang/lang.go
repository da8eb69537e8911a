// Package lang names the two languages pilotpack writes documents and
// messages in, and the bilingual text that carries both. Every choice of
// wording goes through a Lang and a Text, so that adding a phrase never
// needs a comparison with "en" at the place it is printed.
package lang

import "strings"

// Lang is a document or message language.
type Lang string

// The languages. Chinese comes first: it is the language of the filing.
const (
	Zh Lang = "zh"
	En Lang = "en"
)

// All lists the languages in their order of precedence.
var All = []Lang{Zh, En}

// Parse reads "zh" or "en" (any case, and locale forms such as zh-CN or
// en_US.UTF-8).
func Parse(s string) (Lang, error) {
	if l, ok := fromTag(s); ok {
		return l, nil
	}
	return "", Errorf(T("%q 不是语言：请用 zh 或 en", "%q is not a language: use zh or en"), s)
}

// Valid reports whether l is one of the languages.
func (l Lang) Valid() bool { return l == Zh || l == En }

// String returns "zh" or "en".
func (l Lang) String() string { return string(l) }

// FromLocale returns the language of the user's locale, read from LC_ALL,
// LC_MESSAGES and LANG in that order (as setlocale does): Chinese for any
// zh locale, otherwise English.
func FromLocale(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if l, ok := fromTag(v); ok {
				return l
			}
			return En
		}
	}
	return En
}

func fromTag(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_.@"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "zh":
		return Zh, true
	case "en":
		return En, true
	}
	return "", false
}

// Text is one wording in both languages.
type Text struct {
	Zh string `json:"zh"`
	En string `json:"en"`
}

// T returns the text with wording zh and en.
func T(zh, en string) Text { return Text{Zh: zh, En: en} }

// In returns the wording in l. Messages fall back to the other language
// when one is missing; use Has where a missing wording matters.
func (t Text) In(l Lang) string {
	if l == Zh && t.Zh != "" || t.En == "" {
		return t.Zh
	}
	return t.En
}

// Has reports whether t has a wording in l.
func (t Text) Has(l Lang) bool {
	if l == Zh {
		return t.Zh != ""
	}
	return t.En != ""
}

// IsZero reports whether t has no wording at all.
func (t Text) IsZero() bool { return t.Zh == "" && t.En == "" }

// Join joins the language names with sep: "zh or en".
func Join(ls []Lang, sep string) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = string(l)
	}
	return strings.Join(s, sep)
}

// JoinTexts joins texts with sep, each language with its own.
func JoinTexts(ts []Text, sep Text) Text {
	zh, en := make([]string, len(ts)), make([]string, len(ts))
	for i, t := range ts {
		zh[i], en[i] = t.Zh, t.En
	}
	return Text{Zh: strings.Join(zh, sep.Zh), En: strings.Join(en, sep.En)}
}
