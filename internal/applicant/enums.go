package applicant

import "pilotpack/internal/lang"

// Label is one allowed value of an enumerated field with its Chinese and
// English wording, as the documents print it.
type Label struct {
	Key, Zh, En string
}

type table []Label

func (t table) keys() []string {
	out := make([]string, len(t))
	for i, l := range t {
		out[i] = l.Key
	}
	return out
}

func (t table) find(key string) Label {
	for _, l := range t {
		if l.Key == key {
			return l
		}
	}
	return Label{Key: key, Zh: key, En: key}
}

// Labeled is implemented by every enumerated type, so templates and
// workbooks can print any of them in either language.
type Labeled interface {
	EnumKeys() []string
	Label() Label
}

// Language is a document language.
type Language string

var languages = table{{"zh", "中文", "Chinese"}, {"en", "英文", "English"}}

func (Language) EnumKeys() []string { return languages.keys() }
func (v Language) Label() Label     { return languages.find(string(v)) }

// Lang returns the language as the documents and messages name it.
func (v Language) Lang() lang.Lang { return lang.Lang(v) }

// Category is the kind of biologic; the pilot names five eligible kinds.
type Category string

var categories = table{
	{"multivalent_vaccine", "多价疫苗", "multivalent vaccine"},
	{"antibody", "抗体类生物制品", "antibody biologic"},
	{"adc", "抗体偶联类生物制品", "antibody-drug conjugate"},
	{"glp1", "胰高血糖素样肽-1（GLP-1）类生物制品", "GLP-1 based biologic"},
	{"insulin", "胰岛素类生物制品", "insulin-based biologic"},
	{"other", "其他", "other"},
}

func (Category) EnumKeys() []string { return categories.keys() }
func (v Category) Label() Label     { return categories.find(string(v)) }

// VaccineType is what a vaccine's antigen is made from.
type VaccineType string

var vaccineTypes = table{
	{"live_attenuated", "减毒活疫苗", "live attenuated vaccine"},
	{"inactivated", "灭活疫苗", "inactivated vaccine"},
	{"conjugate", "多糖结合疫苗", "conjugate vaccine"},
	{"subunit", "亚单位疫苗", "subunit vaccine"},
	{"recombinant", "重组蛋白疫苗", "recombinant protein vaccine"},
	{"toxoid", "类毒素疫苗", "toxoid vaccine"},
	{"viral_vector", "病毒载体疫苗", "viral vector vaccine"},
	{"mrna", "mRNA疫苗", "mRNA vaccine"},
}

func (VaccineType) EnumKeys() []string { return vaccineTypes.keys() }
func (v VaccineType) Label() Label     { return vaccineTypes.find(string(v)) }

// Live reports whether the finished vaccine itself is live material.
func (v VaccineType) Live() bool { return v == "live_attenuated" || v == "viral_vector" }

// ControlledClass marks products that may never be made under entrusted
// production; it is left out for every other product.
type ControlledClass string

var controlledClasses = table{
	{"blood_product", "血液制品", "blood product"},
	{"narcotic", "麻醉药品", "narcotic drug"},
	{"psychotropic", "精神药品", "psychotropic drug"},
	{"toxic", "医疗用毒性药品", "toxic drug for medical use"},
	{"precursor_chemical", "药品类易制毒化学品", "drug-type precursor chemical"},
}

func (ControlledClass) EnumKeys() []string { return controlledClasses.keys() }
func (v ControlledClass) Label() Label     { return controlledClasses.find(string(v)) }

// RegistrationStatus says whether the product is approved or its marketing
// application is under review; only these two may apply.
type RegistrationStatus string

var registrationStatuses = table{
	{"approved", "已批准上市", "approved"},
	{"pending", "上市许可申请审评中", "marketing application under review"},
}

func (RegistrationStatus) EnumKeys() []string { return registrationStatuses.keys() }
func (v RegistrationStatus) Label() Label     { return registrationStatuses.find(string(v)) }

// StageKey names a manufacturing stage that can be split off.
type StageKey string

var stageKeys = table{
	{"cell_bank", "细胞库/菌毒种库", "cell bank / seed lot"},
	{"upstream", "原液上游（细胞培养/发酵）", "drug substance upstream (cell culture / fermentation)"},
	{"downstream", "原液下游（纯化）", "drug substance downstream (purification)"},
	{"drug_substance", "原液", "drug substance"},
	{"antibody_intermediate", "抗体中间体", "antibody intermediate"},
	{"drug_linker", "连接子-药物（小分子毒素）", "drug-linker (payload)"},
	{"conjugation", "偶联", "conjugation"},
	{"monovalent_bulk", "单价原液", "monovalent bulk"},
	{"formulation", "配制（多价配制/半成品）", "formulation (final bulk)"},
	{"fill_finish", "制剂灌装（冻干）", "fill and finish (lyophilisation)"},
	{"device_assembly", "笔式注射器组装", "pen-injector assembly"},
	{"packaging", "包装/贴签", "packaging and labelling"},
	{"testing", "检验（委托检验）", "testing (contract testing)"},
}

func (StageKey) EnumKeys() []string { return stageKeys.keys() }
func (v StageKey) Label() Label     { return stageKeys.find(string(v)) }

// ApprovalStatus is where an approval stands.
type ApprovalStatus string

var approvalStatuses = table{
	{"granted", "已批准", "granted"},
	{"applied", "已申请，审批中", "applied for, under review"},
}

func (ApprovalStatus) EnumKeys() []string { return approvalStatuses.keys() }
func (v ApprovalStatus) Label() Label     { return approvalStatuses.find(string(v)) }

// QualificationStatus is the state of a transport qualification.
type QualificationStatus string

var qualificationStatuses = table{
	{"qualified", "已完成确认", "qualified"},
	{"in_progress", "确认进行中", "in progress"},
	{"planned", "尚未开展", "planned"},
}

func (QualificationStatus) EnumKeys() []string { return qualificationStatuses.keys() }
func (v QualificationStatus) Label() Label     { return qualificationStatuses.find(string(v)) }

// ComplianceRecord summarises a manufacturer's regulatory compliance history.
type ComplianceRecord string

var complianceRecords = table{
	{"good", "良好", "good"},
	{"poor", "存在不良记录", "poor"},
}

func (ComplianceRecord) EnumKeys() []string { return complianceRecords.keys() }
func (v ComplianceRecord) Label() Label     { return complianceRecords.find(string(v)) }

// DisputeMethod is how agreement disputes are finally resolved.
type DisputeMethod string

var disputeMethods = table{
	{"litigation", "诉讼", "litigation"},
	{"arbitration", "仲裁", "arbitration"},
}

func (DisputeMethod) EnumKeys() []string { return disputeMethods.keys() }
func (v DisputeMethod) Label() Label     { return disputeMethods.find(string(v)) }

// RiskArea is the subject of a risk-assessment item.
type RiskArea string

var riskAreas = table{
	{"comparability", "可比性", "comparability"},
	{"transport", "运输", "transport"},
	{"cross_contamination", "交叉污染", "cross-contamination"},
	{"supply_continuity", "供应连续性", "supply continuity"},
	{"data_integrity", "数据可靠性", "data integrity"},
	{"cross_border", "跨境", "cross-border"},
	{"quality_system", "质量体系", "quality system"},
	{"other", "其他", "other"},
}

func (RiskArea) EnumKeys() []string { return riskAreas.keys() }
func (v RiskArea) Label() Label     { return riskAreas.find(string(v)) }

// RiskLevel grades a risk before mitigation.
type RiskLevel string

var riskLevels = table{{"high", "高", "high"}, {"medium", "中", "medium"}, {"low", "低", "low"}}

func (RiskLevel) EnumKeys() []string { return riskLevels.keys() }
func (v RiskLevel) Label() Label     { return riskLevels.find(string(v)) }

// Role is a party's part in one activity of the responsibility matrix
// (职责分工表).
type Role string

var roles = table{
	{"responsible", "负责", "responsible"},
	{"participates", "参与", "participates"},
	{"approves", "批准", "approves"},
	{"informed", "知情", "informed"},
	{"none", "—", "—"},
}

func (Role) EnumKeys() []string { return roles.keys() }
func (v Role) Label() Label     { return roles.find(string(v)) }

// AttachmentKind says what a supporting document is.
type AttachmentKind string

var attachmentKinds = table{
	{"business_licence", "营业执照", "business licence"},
	{"manufacturing_licence", "药品生产许可证", "drug manufacturing licence"},
	{"registration_certificate", "药品注册证书", "drug registration certificate"},
	{"acceptance_notice", "受理通知书", "acceptance notice"},
	{"self_development_evidence", "自研证明材料", "evidence of own development"},
	{"gmp_notice", "药品GMP符合性检查告知书", "GMP compliance notice"},
	{"province_consent", "所在地省局同意受托生产的意见", "home-province consent to entrusted production"},
	{"inspection_report", "现场检查报告", "on-site inspection report"},
	{"testing_capability", "检验能力评估报告", "testing-capability assessment"},
	{"experience_evidence", "商业化生产经验证明", "evidence of commercial manufacturing experience"},
	{"transport_qualification", "运输确认报告", "transport qualification report"},
	{"process_validation", "工艺验证报告", "process validation report"},
	{"comparability_study", "可比性研究报告", "comparability study report"},
	{"stability_data", "稳定性研究资料", "stability data"},
	{"power_of_attorney", "授权委托书", "power of attorney"},
	{"cross_border_document", "跨境相关证明文件", "cross-border document"},
	{"key_personnel_cv", "关键岗位人员简历", "CVs of the key personnel"},
	{"employment_proof", "关键岗位人员专职证明", "proof of the key personnel's full-time employment"},
	{"qa_appointment", "派驻质量管理人员任命文件", "appointment of the dispatched QA staff"},
	// The party that entrusts is the holder once the product is approved,
	// its applicant before: labels name it 委托方, which is right for both.
	{"holder_audit_report", "委托方对受托生产企业的现场审计报告", "contract giver's on-site audit report of the manufacturer"},
	{"holder_evaluation", "受托生产企业对委托方的评估报告", "manufacturer's evaluation of the contract giver"},
	{"vaccine_entrustment_approval", "疫苗委托生产批准文件", "approval of entrusted vaccine production"},
	{"overseas_inspection_commitment", "接受境外检查承诺书", "commitment to accept inspection abroad"},
	{"containment_assessment", "高活性物质防护与清洁验证资料", "high-potency containment and cleaning validation"},
	{"device_documentation", "给药装置资料", "device documentation"},
	{"other", "其他", "other"},
}

func (AttachmentKind) EnumKeys() []string { return attachmentKinds.keys() }
func (v AttachmentKind) Label() Label     { return attachmentKinds.find(string(v)) }

// allTables are every enumeration's values, for LabelOf.
var allTables = []table{languages, categories, vaccineTypes, approvalStatuses, controlledClasses, registrationStatuses, stageKeys,
	qualificationStatuses, complianceRecords, disputeMethods, riskAreas, riskLevels, roles, attachmentKinds}

// LabelOf returns the wording of an enumerated value of the applicant file
// by its key alone: templates see plain strings, so that a comparison such
// as product.category == "adc" holds. Keys are unambiguous: where two
// enumerations share a key, they share its wording (a test checks this).
// Province names and country codes resolve too.
func LabelOf(key string) (Label, bool) {
	for _, t := range allTables {
		for _, l := range t {
			if l.Key == key {
				return l, true
			}
		}
	}
	if p, ok := Province(key).Info(); ok {
		return Label{Key: key, Zh: p.Name, En: p.En}, true
	}
	if l, ok := Countries[key]; ok {
		return l, true
	}
	return Label{}, false
}

// In returns the wording in lang (zh or en).
func (l Label) In(lg lang.Lang) string {
	if lg == lang.En {
		return l.En
	}
	return l.Zh
}
