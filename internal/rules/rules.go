// Package rules checks an applicant file against the conditions of the
// phased-manufacturing pilot and the identifiers it must carry. Each rule has
// a stable id, a severity and the regulation or policy it rests on; the
// thresholds and dates come from a Policy, never from the code.
package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
)

// Rule is one pilot rule.
type Rule struct {
	ID       string
	Severity finding.Severity
	// Summary says what the rule checks.
	Summary finding.Text
	// Basis names the regulation, guideline or policy the rule comes from.
	Basis finding.Text
	check func(c *checker)
}

// The sources rules rest on.
var (
	basisPlan = finding.Text{
		Zh: "《生物制品分段生产试点工作方案》（国家药监局，2024年）",
		En: "NMPA Pilot Work Plan for Phased Manufacturing of Biological Products (2024)"}
	basisPolicy = finding.Text{
		Zh: "试点策略参数（模板包 policy.yaml）",
		En: "pilot policy parameter (the template pack's policy.yaml)"}
	basisPractice = finding.Text{
		Zh: "省级药品监管部门试点实践（模板包 policy.yaml 可调整）",
		En: "provincial practice in the pilot (adjustable in the pack's policy.yaml)"}
	basis126 = finding.Text{
		Zh: "《药品上市许可持有人落实药品质量安全主体责任监督管理规定》（国家药监局公告2022年第126号）",
		En: "Provisions on MAHs' Primary Responsibility for Drug Quality and Safety (NMPA Announcement 2022 No. 126)"}
	basis132 = finding.Text{
		Zh: "《关于加强药品上市许可持有人委托生产监督管理工作的公告》（国家药监局公告2023年第132号）",
		En: "Announcement on Strengthening the Supervision of Entrusted Manufacturing by MAHs (NMPA Announcement 2023 No. 132)"}
	basisGMP = finding.Text{
		Zh: "《药品生产质量管理规范（2010年修订）》",
		En: "Good Manufacturing Practice for Drugs (2010 revision)"}
	basisTransport = finding.Text{
		Zh: "《药品生产质量管理规范》附录《确认与验证》（运输确认）；分段生产产品运输团体标准（上海，2025年）",
		En: "GMP annex Qualification and Validation (transport verification); Shanghai industry transport standard for phased manufacturing (2025)"}
	basisProduction = finding.Text{
		Zh: "《药品生产监督管理办法》（国家市场监督管理总局令第28号）",
		En: "Provisions for Drug Manufacturing Supervision (SAMR Order No. 28)"}
	basisRegistration = finding.Text{
		Zh: "《药品注册管理办法》（国家市场监督管理总局令第27号）",
		En: "Provisions for Drug Registration (SAMR Order No. 27)"}
	basisCredit = finding.Text{
		Zh: "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》",
		En: "GB 32100-2015 Coding rule of the unified social credit identifier"}
	basisDivision = finding.Text{
		Zh: "GB/T 2260《中华人民共和国行政区划代码》；ISO 3166-1",
		En: "GB/T 2260 administrative division codes; ISO 3166-1"}
	basis134 = finding.Text{
		Zh: "《国家药监局关于进一步加强药品受托生产监督管理工作的公告》（2025年第134号）；2023年第132号公告",
		En: "NMPA Announcement 2025 No. 134 on the supervision of entrusted drug manufacturing; NMPA Announcement 2023 No. 132"}
	basisVaccine = finding.Text{
		Zh: "《中华人民共和国疫苗管理法》第二十二条",
		En: "Vaccine Administration Law of the People's Republic of China, Article 22"}
	basisGuide = finding.Text{
		Zh: "《药品委托生产质量协议指南（2020年版）》",
		En: "NMPA Guideline on Quality Agreements for Entrusted Drug Manufacturing (2020)"}
	basisArbitration = finding.Text{
		Zh: "《中华人民共和国仲裁法》；《承认及执行外国仲裁裁决公约》（1958年，纽约）",
		En: "Arbitration Law of the People's Republic of China; Convention on the Recognition and Enforcement of Foreign Arbitral Awards (New York, 1958)"}
)

type checker struct {
	a   *applicant.Applicant
	p   *Policy
	r   *Rule
	out finding.List
}

func (c *checker) report(path, en, zh string) { c.reportAs(c.r.Severity, path, en, zh) }

// reportAs reports a finding of a severity other than the rule's: a rule
// whose concern is met by what the file says notes it instead of warning.
func (c *checker) reportAs(sev finding.Severity, path, en, zh string) {
	c.out = append(c.out, c.a.Finding(c.r.ID, sev, path, finding.Text{Zh: zh, En: en}, c.r.Basis))
}

// reportCode reports a malformed code, naming a character in it that the
// reader cannot see.
func (c *checker) reportCode(path, value, en, zh string) {
	en, zh = withInvisible(value, en, zh)
	c.report(path, en, zh)
}

// Rules returns every rule in a stable order: the limits first, which run
// first.
func Rules() []*Rule { return slices.Concat(limitRules, all, rangeRules) }

// Check runs every rule on a and returns the findings sorted by position.
// Findings on a path the loader already reported (a wrong type, a value
// outside its enum, a missing field) are left out: the loader's message says
// what to fix, and a second one about the same value would only repeat it.
// A file beyond the policy's limits gets the limit findings alone.
func Check(a *applicant.Applicant, p *Policy, loaded finding.List) finding.List {
	out := append(slices.Clone(loaded), CheckLimits(a, p)...)
	if len(out) > len(loaded) {
		out.Sort()
		return out
	}
	bad := map[string]bool{}
	for _, f := range loaded {
		bad[f.Path] = true
	}
	for _, r := range slices.Concat(all, rangeRules) {
		c := &checker{a: a, p: p, r: r}
		r.check(c)
		for _, f := range c.out {
			if !underBad(f.Path, bad) {
				out = append(out, f)
			}
		}
	}
	out.Sort()
	return out
}

// CheckLimits checks a against the policy's limits alone (the first of Check's
// rules): a file beyond them is not read further (OverLimits).
func CheckLimits(a *applicant.Applicant, p *Policy) finding.List {
	var out finding.List
	for _, r := range limitRules {
		c := &checker{a: a, p: p, r: r}
		r.check(c)
		out = append(out, c.out...)
	}
	return out
}

// underBad reports whether path or one of its ancestors had a loader problem.
func underBad(path string, bad map[string]bool) bool {
	for ; path != ""; path = datafile.Parent(path) {
		if bad[path] {
			return true
		}
	}
	return false
}

func mpath(i int, field string) string { return fmt.Sprintf("manufacturers[%d].%s", i, field) }
func spath(i int, field string) string { return fmt.Sprintf("stages[%d].%s", i, field) }
func tpath(i int, field string) string { return fmt.Sprintf("transfers[%d].%s", i, field) }

func keysOf[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// sites maps every site name used by stages to the stages made there.
func sites(f *applicant.File) map[string][]int {
	m := map[string][]int{}
	for i, s := range f.Stages {
		m[s.Site] = append(m[s.Site], i)
	}
	return m
}

// entrusts reports whether any stage is made by a contract manufacturer.
func entrusts(f *applicant.File) bool {
	for _, s := range f.Stages {
		if s.Site != applicant.HolderSite && s.Site != "" {
			return true
		}
	}
	return false
}

func siteIDs(f *applicant.File) []string {
	ids := []string{applicant.HolderSite}
	for _, m := range f.Manufacturers {
		ids = append(ids, m.ID)
	}
	return ids
}

var all = []*Rule{
	{ID: "pilot.category", Severity: finding.Error, Basis: basisPlan,
		Summary: finding.Text{Zh: "品种属于试点范围", En: "the product's category is eligible"},
		check: func(c *checker) {
			cat := c.a.Product.Category
			if cat != "" && cat != "other" && !slices.Contains(c.p.EligibleCategories, cat) {
				c.report("product.category",
					fmt.Sprintf("category %s (%s) is not eligible for the pilot; eligible: %s", cat, cat.Label().En, keysOf(c.p.EligibleCategories)),
					fmt.Sprintf("品种类别 %s（%s）不在试点范围内；试点品种：%s", cat, cat.Label().Zh, keysOf(c.p.EligibleCategories)))
			}
		}},
	{ID: "pilot.category-other", Severity: finding.Warning, Basis: basisPlan,
		Summary: finding.Text{Zh: "“其他”类品种说明国家药监局的指定或理由", En: "a product of category other states the NMPA's designation or a justification"},
		check: func(c *checker) {
			if c.a.Product.Category == "other" && c.a.Product.EligibilityBasis.IsZero() {
				c.report("product.category",
					"the pilot admits products outside its five varieties only as \"other products specified by the NMPA\": give the NMPA's designation or the justification in product.eligibility_basis",
					"试点方案所列五类以外的品种，须属于“国家药监局规定的其他品种”：请在 product.eligibility_basis 中写明国家药监局的指定文件或理由")
			}
		}},
	{ID: "pilot.innovative", Severity: finding.Warning, Basis: basisPlan,
		Summary: finding.Text{Zh: "品种为创新或临床急需生物制品", En: "the product is innovative or clinically urgently needed"},
		check: func(c *checker) {
			if !c.a.Product.Innovative && !c.a.Product.UrgentlyNeeded {
				c.report("product.innovative",
					"the product is neither innovative nor urgently needed; the pilot admits these unless NMPA specifies otherwise: explain in the application why it qualifies",
					"品种既非创新生物制品也非临床急需生物制品；除国家药监局另有规定外，试点仅限此类品种，请在申请书中说明符合试点的理由")
			}
		}},
	{ID: "pilot.self-developed", Severity: finding.Error, Basis: basisPlan,
		Summary: finding.Text{Zh: "品种为申请人自研", En: "the product is self-developed"},
		check: func(c *checker) {
			if !c.a.Product.SelfDeveloped {
				c.report("product.self_developed",
					"the pilot admits only products the applicant developed itself; set self_developed: true and give the evidence, or the product cannot apply",
					"试点品种应为申请人自研品种；如属自研请填写 self_developed: true 并提供证明，否则不能申请试点")
			}
		}},
	{ID: "pilot.self-development-evidence", Severity: finding.Warning, Basis: basisPlan,
		Summary: finding.Text{Zh: "提供自研证明", En: "evidence of own development is given"},
		check: func(c *checker) {
			if c.a.Product.SelfDeveloped && c.a.Product.SelfDevelopmentEvidence.IsZero() {
				c.report("product.self_developed",
					"no evidence of own development: describe it in self_development_evidence (patents, IND/NDA ownership, development records)",
					"未说明自研证明：请在 self_development_evidence 中说明（专利、临床试验及上市申请的申请人、研发记录等）")
			}
		}},
	{ID: "pilot.barred-type", Severity: finding.Error, Basis: basis132,
		Summary: finding.Text{Zh: "品种不属于禁止委托生产的类别", En: "the product is not of a class barred from entrusted production"},
		check: func(c *checker) {
			cc := c.a.Product.ControlledClass
			if slices.Contains(c.p.BarredTypes, cc) {
				c.report("product.controlled_class",
					fmt.Sprintf("%s may not be made under entrusted production, so it cannot join the pilot", cc.Label().En),
					fmt.Sprintf("%s不得委托生产，不能参加试点", cc.Label().Zh))
			}
		}},
	{ID: "pilot.deadline", Severity: finding.Error, Basis: basisPolicy,
		Summary: finding.Text{Zh: "申请日期不晚于申报截止日期", En: "the application date is not after the deadline"},
		check: func(c *checker) {
			d := c.a.Application.Date
			if !d.IsZero() && d.After(c.p.Deadline) {
				c.report("application.date",
					fmt.Sprintf("application date %s is after the deadline %s; check whether your province has extended it and use its template pack", d, c.p.Deadline),
					fmt.Sprintf("申请日期 %s 晚于申报截止日期 %s；请确认本省是否延期，并使用本省发布的模板包", d.Zh(), c.p.Deadline.Zh()))
			}
		}},
	{ID: "pilot.period", Severity: finding.Error, Basis: basisPolicy,
		Summary: finding.Text{Zh: "申请日期在试点期间内", En: "the application date falls within the pilot"},
		check: func(c *checker) {
			d := c.a.Application.Date
			if !d.IsZero() && d.Before(c.p.PilotStart) {
				c.report("application.date",
					fmt.Sprintf("application date %s is before the pilot began on %s", d, c.p.PilotStart),
					fmt.Sprintf("申请日期 %s 早于试点开始日期 %s", d.Zh(), c.p.PilotStart.Zh()))
			}
		}},
	{ID: "pilot.province", Severity: finding.Error, Basis: basisPolicy,
		Summary: finding.Text{Zh: "申请省份为试点地区", En: "the province is a pilot province"},
		check: func(c *checker) {
			pr := c.a.Application.Province
			if pr != "" && len(c.p.Provinces) > 0 && !slices.Contains(c.p.Provinces, pr) {
				c.report("application.province",
					fmt.Sprintf("%s is not a pilot province under this policy; pilot provinces: %s", pr.Label().En, keysOf(c.p.Provinces)),
					fmt.Sprintf("%s不是本策略规定的试点地区；试点地区：%s", pr, keysOf(c.p.Provinces)))
			}
		}},
	{ID: "pilot.stages", Severity: finding.Error, Basis: basisPlan,
		Summary: finding.Text{Zh: "至少两个生产阶段、两个不同场地", En: "at least two stages at two different sites"},
		check: func(c *checker) {
			if n := len(c.a.Stages); n < 2 {
				c.report("stages", fmt.Sprintf("%d stage declared; phased manufacturing needs at least two stages", n),
					fmt.Sprintf("仅声明了 %d 个生产阶段，分段生产至少需要两个阶段", n))
				return
			}
			if n := len(sites(c.a.File)); n < 2 {
				c.report("stages", "every stage is made at the same site; phased manufacturing needs stages at two or more sites",
					"所有阶段均在同一场地生产，分段生产至少需要两个不同场地")
			}
		}},
	{ID: "stage.id", Severity: finding.Error, Basis: applicant.SchemaBasis,
		Summary: finding.Text{Zh: "阶段标识唯一且格式正确", En: "stage ids are unique and well formed"},
		check: func(c *checker) {
			seen := map[string]bool{}
			for i, s := range c.a.Stages {
				switch {
				case s.ID == "":
				case !identifier().MatchString(s.ID):
					c.report(spath(i, "id"), fmt.Sprintf("stage id %q: use lowercase letters, digits and hyphens", s.ID),
						fmt.Sprintf("阶段标识 %q 只能使用小写字母、数字和连字符", s.ID))
				case seen[s.ID]:
					c.report(spath(i, "id"), fmt.Sprintf("stage id %q is used twice; give each stage its own id", s.ID),
						fmt.Sprintf("阶段标识 %q 重复，请为每个阶段设置不同标识", s.ID))
				}
				seen[s.ID] = true
			}
		}},
	{ID: "stage.site", Severity: finding.Error, Basis: basisPlan,
		Summary: finding.Text{Zh: "每个阶段由持有人或已声明的受托方生产", En: "every stage is made by the holder or a declared manufacturer"},
		check: func(c *checker) {
			ids := siteIDs(c.a.File)
			for i, s := range c.a.Stages {
				if s.Site == "" || slices.Contains(ids, s.Site) {
					continue
				}
				en := fmt.Sprintf("site %q is neither holder nor a declared manufacturer", s.Site)
				zh := fmt.Sprintf("生产场地 %q 既不是持有人（holder），也不是已声明的受托生产企业", s.Site)
				if sug := datafile.Suggest(s.Site, ids); sug != "" {
					en += fmt.Sprintf("; did you mean %q?", sug)
					zh += fmt.Sprintf("；是否应为 %q？", sug)
				} else {
					en += "; declare the manufacturer under manufacturers"
					zh += "；请在 manufacturers 中声明该企业"
				}
				c.report(spath(i, "site"), en, zh)
			}
		}},
	{ID: "stage.province", Severity: finding.Error, Basis: basisPlan,
		Summary: finding.Text{Zh: "境内阶段注明所在省份", En: "stages in China name their province"},
		check: func(c *checker) {
			for i, s := range c.a.Stages {
				if !s.Country.Abroad() && s.Province == "" {
					c.report(spath(i, "province"), "a stage in China needs its province: supervision is split by province",
						"境内生产阶段须注明所在省份，各省分别承担监管责任")
				}
			}
		}},
	{ID: "stage.location", Severity: finding.Warning, Basis: applicant.SchemaBasis,
		Summary: finding.Text{Zh: "阶段所在地与其生产企业一致", En: "a stage's location matches its site's"},
		check: func(c *checker) {
			for i, s := range c.a.Stages {
				m, _ := c.a.Manufacturer(s.Site)
				if m == nil {
					continue
				}
				if m.Country != s.Country || (!s.Country.Abroad() && m.Province != "" && s.Province != "" && m.Province != s.Province) {
					c.report(spath(i, "province"),
						fmt.Sprintf("stage is placed in %s %s but its manufacturer %s is in %s %s; correct one of them", s.Country, s.Province.Label().En, m.ID, m.Country, m.Province.Label().En),
						fmt.Sprintf("阶段所在地为 %s %s，而受托生产企业 %s 位于 %s %s，请更正", s.Country, s.Province, m.ID, m.Country, m.Province))
				}
			}
		}},
	{ID: "manufacturer.id", Severity: finding.Error, Basis: applicant.SchemaBasis,
		Summary: finding.Text{Zh: "受托方标识唯一且格式正确", En: "manufacturer ids are unique and well formed"},
		check: func(c *checker) {
			seen := map[string]bool{}
			for i, m := range c.a.Manufacturers {
				switch {
				case m.ID == "":
				case m.ID == applicant.HolderSite || !identifier().MatchString(m.ID):
					c.report(mpath(i, "id"), fmt.Sprintf("manufacturer id %q: use lowercase letters, digits and hyphens, and not %q", m.ID, applicant.HolderSite),
						fmt.Sprintf("受托方标识 %q 只能使用小写字母、数字和连字符，且不能为 %q", m.ID, applicant.HolderSite))
				case seen[m.ID]:
					c.report(mpath(i, "id"), fmt.Sprintf("manufacturer id %q is used twice", m.ID), fmt.Sprintf("受托方标识 %q 重复", m.ID))
				}
				seen[m.ID] = true
			}
		}},
	{ID: "manufacturer.unused", Severity: finding.Error, Basis: basisPlan,
		Summary: finding.Text{Zh: "每个受托方承担至少一个阶段", En: "every declared manufacturer makes a stage"},
		check: func(c *checker) {
			used := sites(c.a.File)
			for i, m := range c.a.Manufacturers {
				if m.ID != "" && used[m.ID] == nil {
					c.report(mpath(i, "id"), fmt.Sprintf("manufacturer %q makes no stage; assign it a stage or remove it", m.ID),
						fmt.Sprintf("受托生产企业 %q 未承担任何生产阶段，请为其分配阶段或删除", m.ID))
				}
			}
		}},
	{ID: "manufacturer.domestic", Severity: finding.Error, Basis: basis132,
		Summary: finding.Text{Zh: "境内受托方提供信用代码、许可证和省份", En: "manufacturers in China give credit code, licence and province"},
		check: func(c *checker) {
			for i, m := range c.a.Manufacturers {
				if m.Country.Abroad() {
					continue
				}
				if m.CreditCode == "" {
					c.report(mpath(i, "credit_code"), "a manufacturer in China needs its unified social credit code", "境内受托生产企业须填写统一社会信用代码")
				}
				if m.Licence == nil {
					c.report(mpath(i, "licence"), "a manufacturer in China needs its drug manufacturing licence (category C)", "境内受托生产企业须填写药品生产许可证（C类）")
				}
				if m.Province == "" {
					c.report(mpath(i, "province"), "a manufacturer in China needs its province", "境内受托生产企业须填写所在省份")
				}
			}
		}},
	{ID: "manufacturer.experience", Severity: finding.Warning, Basis: basisPractice,
		Summary: finding.Text{Zh: "受托方具备足够年限的商业化生产经验", En: "manufacturers have enough years of commercial experience"},
		check: func(c *checker) {
			for i, m := range c.a.Manufacturers {
				if m.Experience.Years < c.p.MinExperienceYears {
					c.report(mpath(i, "experience.years"),
						fmt.Sprintf("%s has %d years of commercial biologics manufacturing, fewer than the %d the pilot expects; attach evidence of equivalent experience", m.ID, m.Experience.Years, c.p.MinExperienceYears),
						fmt.Sprintf("%s 的生物制品商业化生产经验为 %d 年，少于试点要求的 %d 年；请补充相应经验的证明", m.ID, m.Experience.Years, c.p.MinExperienceYears))
				}
			}
		}},
	{ID: "manufacturer.gmp-notice", Severity: finding.Error, Basis: basis134,
		Summary: finding.Text{Zh: "提供药品GMP符合性检查告知书", En: "a GMP compliance notice is given"},
		check: func(c *checker) {
			for i, m := range c.a.Manufacturers {
				if m.GMP.Number == "" || m.GMP.Date.IsZero() {
					c.report(mpath(i, "gmp"), fmt.Sprintf("%s: give the GMP compliance notice's number and date (gmp.number, gmp.date)", m.ID),
						fmt.Sprintf("%s：请填写药品GMP符合性检查告知书的编号和日期（gmp.number、gmp.date）", m.ID))
				}
			}
		}},
	{ID: "manufacturer.gmp-expired", Severity: finding.Error, Basis: basis132,
		Summary: finding.Text{Zh: "GMP符合性检查告知书在有效期内", En: "the GMP compliance notice has not expired"},
		check: func(c *checker) {
			d := c.a.Application.Date
			for i, m := range c.a.Manufacturers {
				if v := m.GMP.ValidUntil; !v.IsZero() && !d.IsZero() && v.Before(d) {
					c.report(mpath(i, "gmp.valid_until"),
						fmt.Sprintf("%s: the GMP notice expired on %s, before the application date %s; obtain a current one", m.ID, v, d),
						fmt.Sprintf("%s：GMP符合性检查告知书已于 %s 过期（早于申请日期 %s），请提供有效文件", m.ID, v.Zh(), d.Zh()))
				}
			}
		}},
	{ID: "manufacturer.gmp-age", Severity: finding.Warning, Basis: basisPractice,
		Summary: finding.Text{Zh: "GMP符合性检查告知书不过旧", En: "the GMP compliance notice is recent"},
		check: func(c *checker) {
			d := c.a.Application.Date
			for i, m := range c.a.Manufacturers {
				g := m.GMP
				if g.ValidUntil.IsZero() && !g.Date.IsZero() && !d.IsZero() && c.p.GMPNoticeMaxAgeMonths > 0 && g.Date.MonthsUntil(d) > c.p.GMPNoticeMaxAgeMonths {
					c.report(mpath(i, "gmp.date"),
						fmt.Sprintf("%s: the GMP notice of %s is more than %d months old at the application date; confirm it is still current or attach a newer inspection", m.ID, g.Date, c.p.GMPNoticeMaxAgeMonths),
						fmt.Sprintf("%s：GMP符合性检查告知书（%s）距申请日期已超过 %d 个月，请确认其仍然有效或提供最新检查结论", m.ID, g.Date.Zh(), c.p.GMPNoticeMaxAgeMonths))
				}
			}
		}},
	{ID: "manufacturer.consent", Severity: finding.Error, Basis: basis134,
		Summary: finding.Text{Zh: "提供受托方所在地省局同意受托生产的意见", En: "the home province's consent is given"},
		check: func(c *checker) {
			for i, m := range c.a.Manufacturers {
				if m.Country.Abroad() {
					continue
				}
				if m.Consent.Authority.IsZero() || m.Consent.Reference == "" || m.Consent.Date.IsZero() {
					c.report(mpath(i, "consent"),
						fmt.Sprintf("%s: give the home province's consent to the entrusted production (consent.authority, consent.reference, consent.date)", m.ID),
						fmt.Sprintf("%s：请填写所在地省级药品监管部门同意受托生产的意见（consent.authority、consent.reference、consent.date）", m.ID))
				}
			}
		}},
	{ID: "manufacturer.consent-expired", Severity: finding.Error, Basis: basis132,
		Summary: finding.Text{Zh: "同意受托生产的意见在有效期内", En: "the home province's consent has not expired"},
		check: func(c *checker) {
			d := c.a.Application.Date
			for i, m := range c.a.Manufacturers {
				if v := m.Consent.ValidUntil; !v.IsZero() && !d.IsZero() && v.Before(d) {
					c.report(mpath(i, "consent.valid_until"),
						fmt.Sprintf("%s: the province's consent expired on %s, before the application date %s", m.ID, v, d),
						fmt.Sprintf("%s：同意受托生产的意见已于 %s 过期（早于申请日期 %s）", m.ID, v.Zh(), d.Zh()))
				}
			}
		}},
	{ID: "manufacturer.compliance", Severity: finding.Error, Basis: basis132,
		Summary: finding.Text{Zh: "合规记录不良的受托方提供现场检查报告和检验能力评估", En: "a manufacturer with a poor record has an inspection report and testing assessment"},
		check: func(c *checker) {
			for i, m := range c.a.Manufacturers {
				if m.Compliance.Record != "poor" {
					continue
				}
				if m.Compliance.InspectionReport.IsZero() {
					c.report(mpath(i, "compliance.inspection_report"),
						fmt.Sprintf("%s has a poor compliance record: an on-site GMP inspection report is required", m.ID),
						fmt.Sprintf("%s 存在不良合规记录，须提供药品GMP现场检查报告", m.ID))
				}
				if m.Compliance.TestingAssessment.IsZero() {
					c.report(mpath(i, "compliance.testing_assessment"),
						fmt.Sprintf("%s has a poor compliance record: a testing-capability assessment is required", m.ID),
						fmt.Sprintf("%s 存在不良合规记录，须提供检验能力评估报告", m.ID))
				}
			}
		}},
	{ID: "holder.key-personnel", Severity: finding.Error, Basis: basis126,
		Summary: finding.Text{Zh: "关键岗位人员专职", En: "key posts are held full time"},
		check: func(c *checker) {
			k := c.a.Applicant.KeyPersonnel
			for _, p := range []struct {
				field, zh, en string
				person        applicant.Person
			}{
				{"enterprise_head", "企业负责人", "enterprise head", k.EnterpriseHead},
				{"production_head", "生产负责人", "production head", k.ProductionHead},
				{"quality_head", "质量负责人", "quality head", k.QualityHead},
				{"qualified_person", "质量受权人", "qualified person", k.QualifiedPerson},
			} {
				if !p.person.Name.IsZero() && !p.person.FullTime {
					c.report("applicant.key_personnel."+p.field+".full_time",
						fmt.Sprintf("the %s (%s) must work for the holder full time", p.en, p.person.Name),
						fmt.Sprintf("%s（%s）应为专职人员", p.zh, p.person.Name))
				}
			}
		}},
	{ID: "holder.independence", Severity: finding.Error, Basis: basisGMP,
		Summary: finding.Text{Zh: "质量负责人与生产负责人不得互相兼任", En: "the quality and production heads are different people"},
		check: func(c *checker) {
			k := c.a.Applicant.KeyPersonnel
			if n := k.ProductionHead.Name; !n.IsZero() && (n == k.QualityHead.Name || n == k.QualifiedPerson.Name) {
				c.report("applicant.key_personnel.production_head.name",
					fmt.Sprintf("%s cannot be production head and also quality head or qualified person", n),
					fmt.Sprintf("%s 不得同时担任生产负责人和质量负责人或质量受权人", n))
			}
		}},
	{ID: "holder.qa-staff", Severity: finding.Warning, Basis: basisPractice,
		Summary: finding.Text{Zh: "向每个受托方派驻足够的质量管理人员", En: "enough QA staff are dispatched to each manufacturer"},
		check: func(c *checker) {
			count := map[string]int{}
			for _, q := range c.a.Applicant.QAStaff {
				count[q.Manufacturer]++
			}
			for i, m := range c.a.Manufacturers {
				if n := count[m.ID]; m.ID != "" && n < c.p.MinQAStaff {
					c.report(mpath(i, "id"),
						fmt.Sprintf("%d QA staff dispatched to %s, fewer than %d; list them under applicant.qa_staff", n, m.ID, c.p.MinQAStaff),
						fmt.Sprintf("向 %s 派驻的质量管理人员为 %d 人，少于 %d 人；请在 applicant.qa_staff 中列明", m.ID, n, c.p.MinQAStaff))
				}
			}
		}},
	{ID: "holder.qa-staff-site", Severity: finding.Error, Basis: applicant.SchemaBasis,
		Summary: finding.Text{Zh: "派驻人员所派往的受托方已声明", En: "dispatched QA staff go to a declared manufacturer"},
		check: func(c *checker) {
			var ids []string
			for _, m := range c.a.Manufacturers {
				ids = append(ids, m.ID)
			}
			for i, q := range c.a.Applicant.QAStaff {
				if q.Manufacturer != "" && !slices.Contains(ids, q.Manufacturer) {
					en := fmt.Sprintf("%s is sent to %q, which is not a declared manufacturer", q.Name, q.Manufacturer)
					zh := fmt.Sprintf("%s 派往的 %q 不是已声明的受托生产企业", q.Name, q.Manufacturer)
					if s := datafile.Suggest(q.Manufacturer, ids); s != "" {
						en += fmt.Sprintf("; did you mean %q?", s)
						zh += fmt.Sprintf("；是否应为 %q？", s)
					}
					c.report(fmt.Sprintf("applicant.qa_staff[%d].manufacturer", i), en, zh)
				}
			}
		}},
	{ID: "holder.licence-entrust", Severity: finding.Warning, Basis: basisProduction,
		Summary: finding.Text{Zh: "委托生产的持有人持有B类许可证", En: "a holder that entrusts production holds a category B licence"},
		check: func(c *checker) {
			letters, ok := licenceLetters(c.a.Applicant.Licence.Category)
			if !ok || strings.Contains(letters, "B") {
				return
			}
			for _, s := range c.a.Stages {
				if s.Site != applicant.HolderSite && s.Site != "" {
					c.report("applicant.licence.category",
						"the holder entrusts stages to manufacturers but its licence has no category B; apply for category B before entrusted production starts",
						"持有人委托他人生产部分阶段，但其药品生产许可证不含B类；请在委托生产前申请B类许可")
					return
				}
			}
		}},
	{ID: "holder.licence-own", Severity: finding.Error, Basis: basisProduction,
		Summary: finding.Text{Zh: "自行生产阶段的持有人持有A类许可证", En: "a holder that runs a stage itself holds a category A licence"},
		check: func(c *checker) {
			letters, ok := licenceLetters(c.a.Applicant.Licence.Category)
			if !ok || strings.Contains(letters, "A") {
				return
			}
			for i, s := range c.a.Stages {
				if s.Site == applicant.HolderSite {
					c.report("applicant.licence.category",
						fmt.Sprintf("the holder runs stage %s itself, which needs category A (the holder manufacturing itself) on its licence beside B; its licence has %s", c.a.Stages[i].ID, c.a.Applicant.Licence.Category),
						fmt.Sprintf("持有人自行生产 %s 阶段，药品生产许可证除B类外还须有A类（自行生产）；现为 %s", c.a.Stages[i].ID, c.a.Applicant.Licence.Category))
					return
				}
			}
		}},
	{ID: "holder.qp-contact", Severity: finding.Warning, Basis: basisGuide,
		Summary: finding.Text{Zh: "质量受权人有本人联系方式", En: "the qualified person has a contact of their own"},
		check: func(c *checker) {
			qp := c.a.Applicant.KeyPersonnel.QualifiedPerson
			if !qp.Name.IsZero() && (qp.Phone == "" || qp.Email == "") {
				c.report("applicant.key_personnel.qualified_person",
					"the quality agreements list the qualified person's own telephone and e-mail: add phone and email to qualified_person",
					`质量协议须列明质量受权人本人的电话和电子邮箱：请在 "qualified_person" 中填写 "phone" 和 "email"`)
			}
		}},
	{ID: "vaccine.entrustment-approval", Severity: finding.Warning, Basis: basisVaccine,
		Summary: finding.Text{Zh: "疫苗委托生产经国家药监局批准", En: "entrusted vaccine production is approved by the NMPA"},
		check: func(c *checker) {
			p := &c.a.Product
			if !p.Vaccine() || !entrusts(c.a.File) {
				return
			}
			switch {
			case p.EntrustmentApproval == nil:
				c.report("product",
					"a vaccine holder that entrusts production needs the NMPA's approval (Vaccine Administration Law, Art. 22): give it, or the application for it, in product.entrustment_approval",
					"疫苗上市许可持有人委托生产的，须经国家药品监督管理局批准（《疫苗管理法》第二十二条）：请在 product.entrustment_approval 中填写批准文件或申请情况")
			case p.EntrustmentApproval.Status == "applied":
				c.report("product.entrustment_approval.status",
					fmt.Sprintf("the NMPA's approval of the entrusted production is applied for (%s), not granted: entrusted production may start only once it is", p.EntrustmentApproval.Reference),
					fmt.Sprintf("疫苗委托生产批准尚在申请中（%s）：取得批准前不得开展委托生产", p.EntrustmentApproval.Reference))
			}
		}},
	{ID: "transport.stage", Severity: finding.Error, Basis: applicant.SchemaBasis,
		Summary: finding.Text{Zh: "运输连接两个已声明的不同阶段", En: "transfers connect two different declared stages"},
		check: func(c *checker) {
			var ids []string
			for _, s := range c.a.Stages {
				ids = append(ids, s.ID)
			}
			for i, t := range c.a.Transfers {
				for _, end := range []struct{ field, id string }{{"from", t.From}, {"to", t.To}} {
					if end.id != "" && !slices.Contains(ids, end.id) {
						en := fmt.Sprintf("%q is not a stage id", end.id)
						zh := fmt.Sprintf("%q 不是已声明的阶段标识", end.id)
						if s := datafile.Suggest(end.id, ids); s != "" {
							en += fmt.Sprintf("; did you mean %q?", s)
							zh += fmt.Sprintf("；是否应为 %q？", s)
						}
						c.report(tpath(i, end.field), en, zh)
					}
				}
				if t.From != "" && t.From == t.To {
					c.report(tpath(i, "to"), "a transfer must go to a different stage", "运输的起点和终点不能是同一阶段")
				}
			}
		}},
	{ID: "transport.qualification", Severity: finding.Error, Basis: basisTransport,
		Summary: finding.Text{Zh: "场地间运输已完成或正在进行运输确认", En: "transport between sites is qualified or being qualified"},
		check: func(c *checker) {
			for i, t := range c.a.Transfers {
				if t.Qualification.Status == "planned" && crossesSites(c.a.File, t) {
					c.report(tpath(i, "qualification.status"),
						fmt.Sprintf("transport %s → %s crosses sites but its qualification has not started; qualify the route, container and conditions before shipping", t.From, t.To),
						fmt.Sprintf("%s → %s 的运输跨越场地，但尚未开展运输确认；发运前须完成路线、容器和条件的确认", t.From, t.To))
				}
			}
		}},
	// A qualification in progress is a warning until its planned completion
	// date is given, which the application then states; with the date it is
	// a note, unless the date is already past on the application date.
	{ID: "transport.in-progress", Severity: finding.Warning, Basis: basisTransport,
		Summary: finding.Text{Zh: "运输确认已完成，或写明预计完成日期", En: "transport qualification is complete, or its planned completion date is given"},
		check: func(c *checker) {
			for i, t := range c.a.Transfers {
				q := t.Qualification
				if q.Status != "in_progress" || !crossesSites(c.a.File, t) {
					continue
				}
				filed := c.a.Application.Date
				switch {
				case q.Planned.IsZero():
					c.report(tpath(i, "qualification"),
						fmt.Sprintf("qualification of transport %s → %s is still in progress; add its planned completion date to the qualification (planned: YYYY-MM-DD), which the application states", t.From, t.To),
						fmt.Sprintf("%s → %s 的运输确认尚在进行中：请在 qualification 中添加预计完成日期（planned: YYYY-MM-DD），申请书将写明该日期", t.From, t.To))
				case !filed.IsZero() && !filed.Before(q.Planned):
					c.report(tpath(i, "qualification.planned"),
						fmt.Sprintf("qualification of transport %s → %s was to be complete by %s, which is not after the application date %s; if it is complete, set status qualified with its date and report, otherwise give a new planned date", t.From, t.To, q.Planned, filed),
						fmt.Sprintf("%s → %s 的运输确认预计完成日期%s不晚于申请日期%s：已完成的，请将状态改为 qualified 并填写完成日期和报告编号；未完成的，请填写新的预计完成日期", t.From, t.To, q.Planned.Zh(), filed.Zh()))
				default:
					c.reportAs(finding.Info, tpath(i, "qualification.planned"),
						fmt.Sprintf("qualification of transport %s → %s is in progress, to be completed by %s; the application states the date, and the route is not used for commercial shipments before then", t.From, t.To, q.Planned),
						fmt.Sprintf("%s → %s 的运输确认正在进行，预计%s完成；申请书写明该日期，确认完成前该路线不用于商业化发运", t.From, t.To, q.Planned.Zh()))
				}
			}
		}},
	{ID: "transport.undeclared", Severity: finding.Warning, Basis: basisTransport,
		Summary: finding.Text{Zh: "每个生产场地都声明了进出该场地的运输", En: "every site ships or receives through a declared transfer"},
		check: func(c *checker) {
			bySite := sites(c.a.File)
			if len(bySite) < 2 {
				return
			}
			linked := map[string]bool{}
			for _, t := range c.a.Transfers {
				for _, id := range []string{t.From, t.To} {
					if s, _ := c.a.Stage(id); s != nil {
						linked[s.Site] = true
					}
				}
			}
			for _, site := range slices.Sorted(maps.Keys(bySite)) {
				first := bySite[site][0]
				testingOnly := true
				for _, i := range bySite[site] {
					testingOnly = testingOnly && c.a.Stages[i].Key == "testing"
				}
				if site != "" && !linked[site] && !testingOnly {
					c.report(spath(first, "site"),
						fmt.Sprintf("nothing is shipped to or from site %s; declare the transfers of its stages with their qualification", site),
						fmt.Sprintf("场地 %s 没有声明任何运输，请补充其阶段的运输及确认情况", site))
				}
			}
		}},
	{ID: "crossborder.section", Severity: finding.Error, Basis: basisPlan,
		Summary: finding.Text{Zh: "境外阶段须说明跨境情况", En: "a stage abroad requires the cross-border section"},
		check: func(c *checker) {
			if c.a.Abroad() && c.a.CrossBorder == nil {
				path := "stages"
				for i, s := range c.a.Stages {
					if s.Country.Abroad() {
						path = spath(i, "country")
						break
					}
				}
				c.report(path, "a stage or manufacturer is outside mainland China: add the cross_border section (summary, regulatory status, import, oversight)",
					"有生产阶段或受托方位于境外，请补充 cross_border 跨境情况（概述、监管状态、进口安排、质量监督）")
			}
		}},
	{ID: "crossborder.unused", Severity: finding.Info, Basis: applicant.SchemaBasis,
		Summary: finding.Text{Zh: "无境外阶段时跨境部分不会使用", En: "the cross-border section is unused without a stage abroad"},
		check: func(c *checker) {
			if !c.a.Abroad() && c.a.CrossBorder != nil {
				c.report("cross_border", "no stage or manufacturer is abroad, so the cross_border section is left out of the documents",
					"没有境外生产阶段或受托方，cross_border 部分不会写入文件")
			}
		}},
	{ID: "id.credit-code", Severity: finding.Error, Basis: basisCredit,
		Summary: finding.Text{Zh: "统一社会信用代码校验位正确", En: "credit codes have the right check character"},
		check: func(c *checker) {
			check := func(path, code string) {
				if code == "" {
					return
				}
				if en, zh := checkCreditCode(code); en != "" {
					c.report(path, en, zh)
				}
			}
			check("applicant.credit_code", c.a.Applicant.CreditCode)
			for i, m := range c.a.Manufacturers {
				check(mpath(i, "credit_code"), m.CreditCode)
			}
		}},
	{ID: "id.licence-number", Severity: finding.Error, Basis: basisProduction,
		Summary: finding.Text{Zh: "药品生产许可证编号格式正确", En: "licence numbers are well formed"},
		check: func(c *checker) {
			check := func(path, n string) {
				if n == "" {
					return
				}
				if en, zh := checkLicenceNumber(n); en != "" {
					c.report(path, en, zh)
				}
			}
			check("applicant.licence.number", c.a.Applicant.Licence.Number)
			for i, m := range c.a.Manufacturers {
				if m.Licence != nil {
					check(mpath(i, "licence.number"), m.Licence.Number)
				}
			}
		}},
	{ID: "id.licence-category", Severity: finding.Error, Basis: basisProduction,
		Summary: finding.Text{Zh: "许可证类别：持有人A或B类，受托方C类", En: "licence categories: holder A or B, manufacturer C"},
		check: func(c *checker) {
			check := func(path, cat, want, who, whoZh string) {
				if cat == "" {
					return
				}
				letters, ok := licenceLetters(cat)
				if !ok {
					c.report(path, fmt.Sprintf("%q is not a licence category: write letters A–D, each optionally followed by dosage letters, e.g. Bs", cat),
						fmt.Sprintf("%q 不是有效的许可证分类码，应为 A–D 字母（可跟小写剂型字母），如 Bs", cat))
					return
				}
				if !strings.ContainsAny(letters, want) {
					c.report(path, fmt.Sprintf("the %s's licence category %s lacks %s", who, cat, strings.Join(strings.Split(want, ""), " or ")),
						fmt.Sprintf("%s的许可证分类 %s 不含 %s 类", whoZh, cat, strings.Join(strings.Split(want, ""), "或")))
				}
			}
			check("applicant.licence.category", c.a.Applicant.Licence.Category, "AB", "holder", "持有人")
			for i, m := range c.a.Manufacturers {
				if m.Licence != nil {
					check(mpath(i, "licence.category"), m.Licence.Category, "C", "manufacturer", "受托生产企业")
				}
			}
		}},
	{ID: "id.registration-number", Severity: finding.Error, Basis: basisRegistration,
		Summary: finding.Text{Zh: "批准文号或受理号格式正确", En: "the approval or acceptance number is well formed"},
		check: func(c *checker) {
			r := c.a.Product.Registration
			switch {
			case r.Number == "":
			case r.Status == "approved" && !approvalNumber().MatchString(r.Number):
				c.reportCode("product.registration.number", r.Number,
					fmt.Sprintf("%q is not an approval number: write 国药准字 with S and 8 digits, e.g. 国药准字S20250012", r.Number),
					fmt.Sprintf("%q 不是有效的药品批准文号，应为“国药准字”加字母和 8 位数字，如 国药准字S20250012", r.Number))
			case r.Status == "pending" && !acceptanceNumber().MatchString(r.Number):
				c.reportCode("product.registration.number", r.Number,
					fmt.Sprintf("%q is not an acceptance number: write it as on the acceptance notice, e.g. CXSS2400123", r.Number),
					fmt.Sprintf("%q 不是有效的受理号，请按受理通知书填写，如 CXSS2400123", r.Number))
			}
		}},
	{ID: "id.province-code", Severity: finding.Error, Basis: basisDivision,
		Summary: finding.Text{Zh: "省份与行政区划代码一致", En: "the province code matches the province"},
		check: func(c *checker) {
			app := c.a.Application
			if app.ProvinceCode == "" {
				return
			}
			if !provinceCode().MatchString(app.ProvinceCode) {
				c.reportCode("application.province_code", app.ProvinceCode, fmt.Sprintf("%q is not a six-digit division code", app.ProvinceCode),
					fmt.Sprintf("%q 不是六位行政区划代码", app.ProvinceCode))
				return
			}
			if info, ok := app.Province.Info(); ok && info.Code != app.ProvinceCode {
				c.report("application.province_code", fmt.Sprintf("the code of %s is %s, not %s", info.Name, info.Code, app.ProvinceCode),
					fmt.Sprintf("%s 的行政区划代码为 %s，而不是 %s", info.Name, info.Code, app.ProvinceCode))
			}
		}},
	{ID: "id.country", Severity: finding.Error, Basis: basisDivision,
		Summary: finding.Text{Zh: "国家代码为ISO 3166-1两位字母", En: "country codes are ISO 3166-1 alpha-2"},
		check: func(c *checker) {
			check := func(path string, v applicant.Country) {
				if !countryCode().MatchString(string(v)) {
					c.report(path, fmt.Sprintf("%q is not a two-letter country code such as CN, US or DE", v),
						fmt.Sprintf("%q 不是两位字母国家代码（如 CN、US、DE）", v))
				}
			}
			for i, s := range c.a.Stages {
				check(spath(i, "country"), s.Country)
			}
			for i, m := range c.a.Manufacturers {
				check(mpath(i, "country"), m.Country)
			}
		}},
	{ID: "id.contact", Severity: finding.Error, Basis: applicant.SchemaBasis,
		Summary: finding.Text{Zh: "电话和电子邮箱格式正确", En: "phone numbers and e-mail addresses are well formed"},
		check: func(c *checker) {
			check := func(path string, ct applicant.Contact) {
				if ct.Phone != "" && !phoneNumber().MatchString(ct.Phone) {
					c.reportCode(path+".phone", ct.Phone, fmt.Sprintf("%q is not a phone number: digits with area code, e.g. 021-61234567", ct.Phone),
						fmt.Sprintf("%q 不是有效的电话号码，应含区号，如 021-61234567", ct.Phone))
				}
				if ct.Email != "" && !emailAddress().MatchString(ct.Email) {
					c.reportCode(path+".email", ct.Email, fmt.Sprintf("%q is not an e-mail address", ct.Email), fmt.Sprintf("%q 不是有效的电子邮箱", ct.Email))
				}
			}
			check("applicant.contact", c.a.Applicant.Contact)
			for i, m := range c.a.Manufacturers {
				check(mpath(i, "quality_contact"), m.QualityContact)
			}
		}},
	{ID: "id.packet", Severity: finding.Error, Basis: applicant.SchemaBasis,
		Summary: finding.Text{Zh: "申请编号可用作文件夹名", En: "the application id can name a folder"},
		check: func(c *checker) {
			if id := c.a.Application.ID; id != "" && !identifier().MatchString(id) {
				c.report("application.id", fmt.Sprintf("%q: use at most 40 lowercase letters, digits and hyphens", id),
					fmt.Sprintf("%q 只能使用不超过 40 个小写字母、数字和连字符", id))
			}
		}},
	{ID: "dates.expired", Severity: finding.Error, Basis: basisProduction,
		Summary: finding.Text{Zh: "许可证在申请日期有效", En: "licences are valid on the application date"},
		check: func(c *checker) {
			d := c.a.Application.Date
			check := func(path string, l *applicant.Licence, who, whoZh string) {
				if l != nil && !l.ValidUntil.IsZero() && !d.IsZero() && l.ValidUntil.Before(d) {
					c.report(path, fmt.Sprintf("the %s's licence expired on %s, before the application date %s", who, l.ValidUntil, d),
						fmt.Sprintf("%s的药品生产许可证已于 %s 过期（早于申请日期 %s）", whoZh, l.ValidUntil.Zh(), d.Zh()))
				}
			}
			check("applicant.licence.valid_until", &c.a.Applicant.Licence, "holder", "持有人")
			for i, m := range c.a.Manufacturers {
				check(mpath(i, "licence.valid_until"), m.Licence, m.ID, m.ID+" ")
			}
		}},
	{ID: "dates.order", Severity: finding.Error, Basis: applicant.SchemaBasis,
		Summary: finding.Text{Zh: "各项日期不晚于申请日期且顺序合理", En: "dates are not after the application and in a sensible order"},
		check: func(c *checker) {
			d := c.a.Application.Date
			if d.IsZero() {
				return
			}
			for _, x := range pastDates(c.a.File) {
				if !x.date.IsZero() && x.date.After(d) {
					c.report(x.path, fmt.Sprintf("%s %s is after the application date %s", x.en, x.date, d),
						fmt.Sprintf("%s %s 晚于申请日期 %s", x.zh, x.date.Zh(), d.Zh()))
				}
			}
			for i, m := range c.a.Manufacturers {
				g := m.GMP
				if !g.ValidUntil.IsZero() && !g.Date.IsZero() && !g.Date.Before(g.ValidUntil) {
					c.report(mpath(i, "gmp.valid_until"), "the notice's validity ends before it was issued", "告知书的有效期截止日期早于发文日期")
				}
			}
		}},
	{ID: "agreement.order", Severity: finding.Warning, Basis: basisGuide,
		Summary: finding.Text{Zh: "质量协议不晚于委托生产协议生效", En: "the quality agreement takes effect no later than production"},
		check: func(c *checker) {
			for i, m := range c.a.Manufacturers {
				ag := m.Agreement
				if !ag.QualityEffective.IsZero() && !ag.ProductionEffective.IsZero() && ag.QualityEffective.After(ag.ProductionEffective) {
					c.report(mpath(i, "agreement.quality_effective"),
						fmt.Sprintf("%s: the quality agreement takes effect on %s, after commissioned production starts on %s; no batch may be made before the quality agreement applies", m.ID, ag.QualityEffective, ag.ProductionEffective),
						fmt.Sprintf("%s：质量协议生效日期 %s 晚于委托生产协议生效日期 %s；质量协议生效前不得生产", m.ID, ag.QualityEffective.Zh(), ag.ProductionEffective.Zh()))
				}
			}
		}},
	{ID: "agreement.term", Severity: finding.Error, Basis: basisGuide,
		Summary: finding.Text{Zh: "协议期限在合理范围内", En: "agreement terms lie in a sensible range"},
		check: func(c *checker) {
			r := c.p.Ranges.TermYears
			for i, m := range c.a.Manufacturers {
				if n := m.Agreement.TermYears; c.a.Has(mpath(i, "agreement.term_years")) && !r.Contains(int64(n)) {
					c.report(mpath(i, "agreement.term_years"),
						fmt.Sprintf("a term of %d years is outside the sensible range of %d to %d years; the term must be at least one year", n, r.Min, r.Max),
						fmt.Sprintf("协议期限 %d 年不在 %d 至 %d 年的合理范围内；协议期限至少为一年", n, r.Min, r.Max))
				}
			}
		}},
	{ID: "agreement.pilot-end", Severity: finding.Info, Basis: basisPolicy,
		Summary: finding.Text{Zh: "协议期限超过试点结束日期", En: "agreements that run past the pilot's end"},
		check: func(c *checker) {
			for i, m := range c.a.Manufacturers {
				ag := m.Agreement
				if ag.ProductionEffective.IsZero() || ag.TermYears <= 0 {
					continue
				}
				if end := ag.ProductionEffective.AddDate(ag.TermYears, 0, -1); end.After(c.p.PilotEnd) {
					c.report(mpath(i, "agreement.term_years"),
						fmt.Sprintf("%s: the agreements run to %s, past the pilot's end on %s; the drafts include a clause on what happens when the pilot ends", m.ID, end, c.p.PilotEnd),
						fmt.Sprintf("%s：协议期限至 %s，超过试点结束日期 %s；协议草案已包含试点结束后的处理条款", m.ID, end.Zh(), c.p.PilotEnd.Zh()))
				}
			}
		}},
	{ID: "agreement.arbitration-seat", Severity: finding.Warning, Basis: basisArbitration,
		Summary: finding.Text{Zh: "境外受托方的仲裁条款写明仲裁地", En: "arbitration with a manufacturer abroad names its seat"},
		check: func(c *checker) {
			for i, m := range c.a.Manufacturers {
				d := m.Agreement.Dispute
				if m.Country.Abroad() && d.Method == "arbitration" && d.Seat.IsZero() {
					c.report(mpath(i, "agreement.dispute"),
						fmt.Sprintf("%s: arbitration with a manufacturer abroad names no seat; the seat decides the law of the proceedings and where the award can be set aside and enforced: add seat (and language), e.g. seat: {zh: 新加坡, en: Singapore}", m.ID),
						fmt.Sprintf("%s：与境外受托方约定仲裁，但未写明仲裁地；仲裁地决定仲裁程序适用的法律以及裁决的撤销与执行：请添加 seat（及 language），例如 seat: {zh: 新加坡, en: Singapore}", m.ID))
				}
			}
		}},
	{ID: "risk.coverage", Severity: finding.Warning, Basis: basisPlan,
		Summary: finding.Text{Zh: "风险评估覆盖可比性、运输和跨境", En: "the risk assessment covers comparability, transport and cross-border"},
		check: func(c *checker) {
			have := map[applicant.RiskArea]bool{}
			for _, r := range c.a.Risks {
				have[r.Area] = true
			}
			need := []applicant.RiskArea{"comparability"}
			if len(c.a.Transfers) > 0 {
				need = append(need, "transport")
			}
			if c.a.Abroad() {
				need = append(need, "cross_border")
			}
			for _, area := range need {
				if !have[area] {
					c.report("risks", fmt.Sprintf("the risk assessment has no %s item; add one under risks", area.Label().En),
						fmt.Sprintf("风险评估缺少“%s”方面的内容，请在 risks 中补充", area.Label().Zh))
				}
			}
		}},
	invisibleText, // invisible.go
}

func crossesSites(f *applicant.File, t applicant.Transfer) bool {
	from, _ := f.Stage(t.From)
	to, _ := f.Stage(t.To)
	return from != nil && to != nil && from.Site != to.Site
}

type datedField struct {
	path   string
	date   civil.Date
	en, zh string
}

// pastDates are the dates that must already have happened when the
// application is filed: approvals, notices, consents, completed
// qualifications.
func pastDates(f *applicant.File) []datedField {
	out := []datedField{{"product.registration.date", f.Product.Registration.Date, "the registration date", "注册（受理）日期"}}
	for i, m := range f.Manufacturers {
		out = append(out,
			datedField{mpath(i, "gmp.date"), m.GMP.Date, m.ID + ": the GMP notice date", m.ID + "：GMP符合性检查告知书日期"},
			datedField{mpath(i, "consent.date"), m.Consent.Date, m.ID + ": the consent date", m.ID + "：同意受托生产意见日期"})
	}
	for i, t := range f.Transfers {
		out = append(out, datedField{tpath(i, "qualification.date"), t.Qualification.Date, "the qualification date", "运输确认日期"})
	}
	return out
}
