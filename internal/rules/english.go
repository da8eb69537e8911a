package rules

import (
	"reflect"

	"pilotpack/internal/applicant"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
)

// EnglishRule marks a text that English documents need in English.
const EnglishRule = "text.english"

var basisEnglish = finding.Text{
	Zh: "英文文件不得出现中文语句（专名除外）",
	En: "English documents carry no Chinese sentences (proper names aside)"}

var (
	textT = reflect.TypeFor[applicant.Text]()
	nameT = reflect.TypeFor[applicant.Name]()
)

// English reports, for documents in l, every text of a that has a Chinese
// wording and no English one: an English document prints the blank [●]
// there. Names need none (they are transliterated), nor do institutions
// with an official English name. Chinese documents need nothing.
func English(a *applicant.Applicant, l lang.Lang) finding.List {
	if l != lang.En {
		return nil
	}
	var out finding.List
	datafile.Walk(reflect.ValueOf(a.File).Elem(), "", func(v reflect.Value, path string) bool {
		if v.Type() != textT {
			return true
		}
		t := v.Interface().(applicant.Text)
		if t.Has(lang.Zh) && !t.Has(lang.En) {
			if _, ok := applicant.OfficialEnglish(t.Zh); !ok {
				out = append(out, a.Finding(EnglishRule, finding.Warning, path, finding.Text{
					Zh: `英文文件需要此项的英文表述：请写成 "{zh: …, en: …}"，在 "en" 中填写英文；否则英文文件在此处留空（[●]）`,
					En: "English documents need this in English: write it as {zh: …, en: …} with the English under en; until then the English documents leave a blank ([●]) here",
				}, basisEnglish))
			}
		}
		return false
	})
	return out
}
