package rules

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"pilotpack/internal/applicant"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
)

// The limit rules run before every other rule: a file beyond the policy's
// limits is refused with these findings alone, since checking and building
// what it holds is the work the limits exist to refuse.
var limitRules = []*Rule{
	{ID: "limit.count", Severity: finding.Error, Basis: basisLimits,
		Summary: finding.Text{Zh: "列表条目数不超过实际申请所需", En: "lists hold no more entries than a real application has"},
		check:   func(c *checker) { c.walkLimits(reflect.ValueOf(c.a.File).Elem(), "", false, true) }},
	{ID: "limit.length", Severity: finding.Error, Basis: basisLimits,
		Summary: finding.Text{Zh: "文字长度不超过字段所能容纳", En: "values are no longer than their fields hold"},
		check:   func(c *checker) { c.walkLimits(reflect.ValueOf(c.a.File).Elem(), "", false, false) }},
}

// OverLimits reports whether findings say a file holds more than the
// policy's limits: such a file is not read further, checked further or
// built from.
func OverLimits(fs finding.List) bool {
	for _, f := range fs {
		if strings.HasPrefix(f.Rule, "limit.") {
			return true
		}
	}
	return false
}

var basisLimits = finding.Text{
	Zh: "申请数据上限（模板包 policy.yaml 的 limits）",
	En: "bounds of an applicant file (the template pack's policy.yaml, limits)"}

// countLimit names the limit of a list by its path and returns it.
func (c *checker) countLimit(path string) (int, string) {
	l := c.p.Limits
	switch path {
	case "manufacturers":
		return l.Manufacturers, "manufacturers"
	case "stages":
		return l.Stages, "stages"
	case "transfers":
		return l.Transfers, "transfers"
	case "risks":
		return l.Risks, "risks"
	case "attachments":
		return l.Attachments, "attachments"
	case "applicant.qa_staff":
		return l.QAStaff, "qa_staff"
	}
	return l.ListItems, "list_items"
}

// walkLimits visits v, the value at path: with counts, it reports lists
// longer than their limit; without, strings longer than theirs. text says
// the value is free text. It stops at the first list too long, since the
// entries beyond the limit are not worth reading.
func (c *checker) walkLimits(v reflect.Value, path string, text, counts bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			c.walkLimits(v.Elem(), path, text, counts)
		}
	case reflect.Struct:
		// The wordings of a text take the bound of the field that holds
		// them.
		inherit := v.Type() == textT || v.Type() == nameT
		for _, f := range datafile.Fields(v.Type()) {
			t, sub := f.Text, join(path, f.Name)
			if inherit {
				// A plain value is reported where it is, not at a
				// wording the file never wrote.
				t = text
				if !c.a.Has(sub) {
					sub = path
				}
			}
			c.walkLimits(v.Field(f.Index), sub, t, counts)
		}
	case reflect.Slice:
		limit, name := c.countLimit(path)
		if v.Len() > limit {
			if counts {
				c.report(path,
					fmt.Sprintf("%d entries, more than the %d an application holds (the policy's limits.%s); check the file, or split the application", v.Len(), limit, name),
					fmt.Sprintf("共 %d 项，超过申请所能包含的 %d 项（policy 的 limits.%s）；请检查文件或拆分申请", v.Len(), limit, name))
			}
			return
		}
		for i := range v.Len() {
			c.walkLimits(v.Index(i), fmt.Sprintf("%s[%d]", path, i), text, counts)
		}
	case reflect.String:
		if counts {
			return
		}
		limit, what, whatZh := c.p.Limits.NameChars, "a single-line value", "单行字段"
		if text {
			limit, what, whatZh = c.p.Limits.TextChars, "a free-text value", "文字说明字段"
		}
		if n := utf8.RuneCountInString(v.String()); n > limit {
			c.report(path,
				fmt.Sprintf("%d characters, more than the %d %s holds; shorten it, or put the detail in an attachment", n, limit, what),
				fmt.Sprintf("共 %d 个字符，超过%s所能容纳的 %d 个；请精简，或将详细内容放入附件", n, whatZh, limit))
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// The range rules: numbers a real application gives.
var rangeRules = []*Rule{
	{ID: "value.range", Severity: finding.Error, Basis: basisRanges,
		Summary: finding.Text{Zh: "数值在合理范围内", En: "numbers lie in sensible ranges"},
		check: func(c *checker) {
			r := c.p.Ranges
			inRange := func(path string, n int64, rg Range, unit, unitZh string) {
				if c.a.Has(path) && !rg.Contains(n) {
					c.report(path,
						fmt.Sprintf("%d %s is outside the sensible range %d to %d; check the value", n, unit, rg.Min, rg.Max),
						fmt.Sprintf("%d%s不在合理范围 %d 至 %d 内；请检查该数值", n, unitZh, rg.Min, rg.Max))
				}
			}
			people := []struct {
				path string
				p    applicant.Person
			}{
				{"applicant.key_personnel.enterprise_head", c.a.Applicant.KeyPersonnel.EnterpriseHead},
				{"applicant.key_personnel.production_head", c.a.Applicant.KeyPersonnel.ProductionHead},
				{"applicant.key_personnel.quality_head", c.a.Applicant.KeyPersonnel.QualityHead},
				{"applicant.key_personnel.qualified_person", c.a.Applicant.KeyPersonnel.QualifiedPerson},
			}
			for _, p := range people {
				inRange(p.path+".years_experience", int64(p.p.YearsExperience), r.YearsExperience, "years", " 年")
			}
			for i, q := range c.a.Applicant.QAStaff {
				inRange(fmt.Sprintf("applicant.qa_staff[%d].years_experience", i), int64(q.YearsExperience), r.YearsExperience, "years", " 年")
			}
			for i, m := range c.a.Manufacturers {
				inRange(mpath(i, "experience.years"), int64(m.Experience.Years), r.ExperienceYears, "years", " 年")
				if pr := m.Agreement.Price; pr != nil {
					inRange(mpath(i, "agreement.price.payment_days"), int64(pr.PaymentDays), r.PaymentDays, "days", " 天")
					if yuan, _ := pr.Amount.Yuan(); c.a.Has(mpath(i, "agreement.price.amount")) && !r.AmountYuan.Contains(yuan) {
						c.report(mpath(i, "agreement.price.amount"),
							fmt.Sprintf("%s is outside the sensible range %d to %d yuan; check the amount (in yuan, not fen or ten-thousands)", pr.Amount, r.AmountYuan.Min, r.AmountYuan.Max),
							fmt.Sprintf("%s 元不在合理范围 %d 至 %d 元内；请检查金额（单位为元，不是分或万元）", pr.Amount, r.AmountYuan.Min, r.AmountYuan.Max))
					}
				}
			}
		}},
}

var basisRanges = finding.Text{
	Zh: "申请数据合理范围（模板包 policy.yaml 的 ranges）",
	En: "sensible ranges of an applicant file's numbers (the template pack's policy.yaml, ranges)"}
