package applicant

import (
	"encoding/json"
	"reflect"
	"strings"
	"unicode"

	"pilotpack/internal/lang"
)

// Text is free text in Chinese, English or both. In the file it is either a
// plain value, written in the file's language (application.language), or
// both wordings:
//
//	quality_system: 持有人建立覆盖全部生产场地的统一质量管理体系……
//	quality_system:
//	  zh: 持有人建立覆盖全部生产场地的统一质量管理体系……
//	  en: The holder runs one quality management system across every site …
//
// English documents use the English wording; a missing one is a warning.
type Text struct {
	// Chinese wording.
	Zh string `json:"zh"`
	// English wording, for English documents.
	En string `json:"en"`
	// plain holds a value given without a language until Parse assigns it
	// to the file's language.
	plain string
}

// UnmarshalText takes a plain value; the decoder reads the mapping form
// field by field.
func (t *Text) UnmarshalText(b []byte) error {
	t.plain = string(b)
	return nil
}

// MarshalJSON writes a plain value when there is only Chinese, else both
// wordings that are given.
func (t Text) MarshalJSON() ([]byte, error) {
	if t.En == "" {
		return json.Marshal(t.Zh)
	}
	if t.Zh == "" {
		return json.Marshal(struct {
			En string `json:"en"`
		}{t.En})
	}
	return json.Marshal(struct {
		Zh string `json:"zh"`
		En string `json:"en"`
	}{t.Zh, t.En})
}

// T returns a Text with both wordings.
func T(zh, en string) Text { return Text{Zh: zh, En: en} }

// In returns the wording in l, or "" when there is none in l.
func (t Text) In(l lang.Lang) string {
	if l == lang.En {
		return t.En
	}
	return t.Zh
}

// Has reports whether t has a wording in l.
func (t Text) Has(l lang.Lang) bool { return strings.TrimSpace(t.In(l)) != "" }

// IsZero reports whether t has no wording at all.
func (t Text) IsZero() bool {
	return strings.TrimSpace(t.Zh) == "" && strings.TrimSpace(t.En) == "" && strings.TrimSpace(t.plain) == ""
}

// Any returns the wording in l, else the other one: for Chinese documents,
// where an address given only in English is still the address.
func (t Text) Any(l lang.Lang) string {
	if t.Has(l) {
		return t.In(l)
	}
	if l == lang.En {
		return t.Zh
	}
	return t.En
}

// String returns the Chinese wording, else the English one.
func (t Text) String() string { return t.Any(lang.Zh) }

// Name is a person's name, in the file as a Text is. English documents write
// a name given only in Chinese in Pinyin with the Chinese in parentheses:
// Chen Liheng (陈立衡).
type Name Text

// UnmarshalText takes a plain value.
func (n *Name) UnmarshalText(b []byte) error { return (*Text)(n).UnmarshalText(b) }

// MarshalJSON writes the name as a Text.
func (n Name) MarshalJSON() ([]byte, error) { return Text(n).MarshalJSON() }

// Text returns the name as a Text.
func (n Name) Text() Text { return Text(n) }

// String returns the name in Chinese, else in English.
func (n Name) String() string { return Text(n).String() }

// assignPlain gives every plain Text value in v the file's language l, and
// tidies the Chinese wordings.
func assignPlain(v reflect.Value, l lang.Lang) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			assignPlain(v.Elem(), l)
		}
	case reflect.Struct:
		if v.Type() == textType || v.Type() == nameType {
			var t *Text
			switch p := v.Addr().Interface().(type) {
			case *Text:
				t = p
			case *Name:
				t = (*Text)(p)
			}
			if t.plain != "" {
				if l == lang.En {
					t.En = t.plain
				} else {
					t.Zh = t.plain
				}
				t.plain = ""
			}
			t.Zh = tidy(t.Zh)
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				assignPlain(v.Field(i), l)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			assignPlain(v.Index(i), l)
		}
	}
}

// IsZero reports whether the name is not given in either language.
func (n Name) IsZero() bool { return Text(n).IsZero() }

// tidy removes the spaces a folded YAML value (>) leaves between Chinese
// characters where its lines were joined: Chinese sets no space between
// characters, and one there reads as a stray gap. Spaces between Chinese
// and Latin letters or digits are the typesetter's to space.
func tidy(s string) string {
	if !strings.ContainsAny(s, " \n") {
		return s
	}
	rs := []rune(s)
	out := rs[:0:0]
	for i, r := range rs {
		if (r == ' ' || r == '\n') && i > 0 && i+1 < len(rs) && wide(rs[i-1]) && wide(rs[i+1]) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// wide reports whether r is set full width in Chinese text: a Han
// character or Chinese punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}
