package applicant

import (
	"strings"

	"pilotpack/internal/lang"
)

// Term is the name documents give a stage of kind k in product p: an ADC's
// cell bank is a 细胞库, a conjugate vaccine's a 菌种库; filling is 无菌灌装与冻干
// only for a lyophilised product. The schema and forms keep the generic
// label of StageKey.Label.
func (k StageKey) Term(p *Product) lang.Text {
	microbial := p.Category == "glp1" || p.Category == "insulin"
	switch k {
	case "cell_bank":
		switch p.VaccineType {
		case "conjugate", "toxoid":
			return lang.T("菌种库", "bacterial seed bank")
		case "inactivated", "live_attenuated", "viral_vector":
			return lang.T("毒种库", "virus seed bank")
		}
		if p.Category == "multivalent_vaccine" {
			return lang.T("菌毒种库", "seed bank")
		}
		return lang.T("细胞库", "cell bank")
	case "upstream":
		if microbial || p.VaccineType == "conjugate" || p.VaccineType == "toxoid" {
			return lang.T("原液上游（发酵）", "drug substance upstream (fermentation)")
		}
		return lang.T("原液上游（细胞培养）", "drug substance upstream (cell culture)")
	case "drug_linker":
		return lang.T("连接子-药物", "drug-linker")
	case "formulation":
		if p.Category == "multivalent_vaccine" {
			return lang.T("半成品配制", "final bulk formulation")
		}
		return lang.T("配制", "formulation")
	case "fill_finish":
		if p.Lyophilised() {
			return lang.T("无菌灌装与冻干", "aseptic filling with lyophilisation")
		}
		return lang.T("制剂灌装", "filling")
	case "device_assembly":
		if strings.Contains(p.Device.Zh, "笔") || strings.Contains(strings.ToLower(p.Device.En), "pen") {
			return lang.T("注射笔组装", "pen-injector assembly")
		}
		return lang.T("给药装置组装", "device assembly")
	case "packaging":
		return lang.T("包装与贴签", "packaging")
	case "testing":
		return lang.T("委托检验", "contract testing")
	}
	l := k.Label()
	return lang.T(l.Zh, l.En)
}

// Lyophilised reports whether the product is freeze-dried, as its dosage
// form says (注射用无菌粉末（冻干）, lyophilised powder).
func (p *Product) Lyophilised() bool {
	en := strings.ToLower(p.DosageForm.En)
	return strings.Contains(p.DosageForm.Zh, "冻干") || strings.Contains(en, "lyophil") || strings.Contains(en, "freeze-dried")
}

// Vaccine reports whether the product is a vaccine.
func (p *Product) Vaccine() bool { return p.Category == "multivalent_vaccine" || p.VaccineType != "" }

// Combination reports whether the product includes a device constituent.
func (p *Product) Combination() bool { return !p.Device.IsZero() }

// Approved reports whether the product holds a marketing authorisation.
func (p *Product) Approved() bool { return p.Registration.Status == "approved" }

// roleWords are the ways of naming the applicant's regulatory role.
type roleWords struct{ full, short, noun lang.Text }

var (
	holderRole = roleWords{lang.T("药品上市许可持有人", "marketing authorisation holder"), lang.T("持有人", "the Holder"), lang.T("持有人", "holder")}
	// applicantRole is the role before approval: the company is not yet a
	// holder.
	applicantRole = roleWords{lang.T("药品上市许可申请人", "marketing authorisation applicant"), lang.T("申请人", "the Applicant"), lang.T("申请人", "applicant")}
)

func (p *Product) role() roleWords {
	if p.Approved() {
		return holderRole
	}
	return applicantRole
}

// Role names the applicant's regulatory role: the marketing authorisation
// holder once the product is approved, its applicant before; short is the
// defined term of the agreements (the Holder).
func (p *Product) Role() (full, short lang.Text) {
	r := p.role()
	return r.full, r.short
}

// RoleNoun is the role as a common noun, for a table or list that names
// the site of a stage the applicant runs itself: 持有人 / holder once the
// product is approved, 申请人 / applicant before.
func (p *Product) RoleNoun() lang.Text { return p.role().noun }

// StageFacts are what a site's clauses depend on: whether it handles
// high-potency material, processes aseptically, lyophilises, cultures live
// organisms or assembles a device.
type StageFacts struct {
	HighPotency bool
	Aseptic     bool
	Lyophilises bool
	Live        bool
	Device      bool
}

// Facts returns what a stage of kind k involves in product p.
func (k StageKey) Facts(p *Product) StageFacts {
	var f StageFacts
	switch k {
	case "drug_linker", "conjugation":
		f.HighPotency = p.Category == "adc"
	case "fill_finish":
		f.Aseptic = true
		f.Lyophilises = p.Lyophilised()
	case "formulation":
		f.Aseptic = p.Vaccine()
	case "device_assembly":
		f.Device = true
	}
	if p.Vaccine() {
		switch k {
		case "cell_bank", "upstream", "monovalent_bulk", "drug_substance":
			f.Live = true // production organisms are cultured here
		case "downstream", "formulation", "fill_finish":
			f.Live = p.VaccineType.Live()
		}
	}
	return f
}

// Or combines the facts of several stages.
func (f StageFacts) Or(g StageFacts) StageFacts {
	return StageFacts{f.HighPotency || g.HighPotency, f.Aseptic || g.Aseptic, f.Lyophilises || g.Lyophilises, f.Live || g.Live, f.Device || g.Device}
}
