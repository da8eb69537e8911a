package applicant

import "pilotpack/internal/civil"

// The doc comments on these types and fields are the descriptions of the
// JSON Schema that `pilotpack schema` prints (this file is embedded and read
// at run time), so they are written for the person filling in the file.

// File is one applicant file: everything pilotpack needs to know about one
// pilot application to check it and to write its documents.
type File struct {
	// Where, when and in which language the application is filed.
	Application Application `json:"application" pp:"required"`
	// The applicant or marketing-authorisation holder (申请人/持有人) that files the application and answers for the product's quality.
	Applicant Holder `json:"applicant" pp:"required"`
	// The biological product (品种) proposed for phased manufacturing.
	Product Product `json:"product" pp:"required"`
	// The manufacturing stages (生产阶段) the product is split into, in process order; at least two, at two different sites.
	Stages []Stage `json:"stages" pp:"required"`
	// Shipments of intermediates between stages (阶段间运输) and the state of their transport qualification.
	Transfers []Transfer `json:"transfers"`
	// The contract manufacturers (受托生产企业) that perform stages; each gets a quality agreement and a commissioned production agreement.
	Manufacturers []Manufacturer `json:"manufacturers" pp:"required"`
	// Cross-border arrangements (跨境情况); required when any stage or manufacturer is outside mainland China.
	CrossBorder *CrossBorder `json:"cross_border"`
	// Items of the risk assessment (风险评估).
	Risks []Risk `json:"risks"`
	// Supporting documents (证明性文件) to copy into the packet: scans of licences, notices and reports.
	Attachments []Attachment `json:"attachments"`
}

// Application says where, when and how the application is filed.
type Application struct {
	// Packet identifier: lowercase letters, digits and hyphens; names the output folder. The file's name is used when it is empty.
	ID string `json:"id"`
	// Full name of the province whose medical products administration receives the application, e.g. 上海市.
	Province Province `json:"province" pp:"required"`
	// Six-digit administrative division code of that province (GB/T 2260), e.g. 310000; taken from the province when left out.
	ProvinceCode string `json:"province_code"`
	// Date of the application (YYYY-MM-DD); deadlines and expiry dates are checked against it.
	Date civil.Date `json:"date" pp:"required"`
	// Language of the documents: zh (default) or en.
	Language Language `json:"language"`
}

// Holder is the applicant or marketing-authorisation holder.
//
// Free-text fields (addresses, descriptions, qualifications) are Text: a
// plain value in the file's language, or {zh: …, en: …} for documents in
// both languages. Names of people are Name, written the same way.
type Holder struct {
	// Registered Chinese name, exactly as on the business licence.
	NameZh string `json:"name_zh" pp:"required"`
	// English name, used in English documents.
	NameEn string `json:"name_en" pp:"required"`
	// Unified social credit code (统一社会信用代码), 18 characters with a check character (GB 32100-2015).
	CreditCode string `json:"credit_code" pp:"required"`
	// Registered address (注册地址).
	RegisteredAddress Text `json:"registered_address" pp:"required"`
	// Address of the holder's own production or quality site (生产地址).
	ProductionAddress Text `json:"production_address" pp:"required"`
	// Legal representative (法定代表人).
	LegalRepresentative Name `json:"legal_representative" pp:"required"`
	// Holders of the key posts, who must work full time (关键岗位人员).
	KeyPersonnel KeyPersonnel `json:"key_personnel" pp:"required"`
	// Who the bureau should contact about the application (联系人).
	Contact Contact `json:"contact" pp:"required"`
	// The holder's drug manufacturing licence (药品生产许可证); category B when it entrusts production.
	Licence Licence `json:"licence" pp:"required"`
	// How the holder's quality management system covers every site (质量管理体系): one system, unified supplier management, standards, procedures, change and deviation handling.
	QualitySystem Text `json:"quality_system" pp:"required,text"`
	// How the holder runs pharmacovigilance (药物警戒体系).
	Pharmacovigilance Text `json:"pharmacovigilance" pp:"text"`
	// The holder's capacity to compensate for harm (责任赔偿能力): insurance, funds.
	Liability Text `json:"liability" pp:"text"`
	// Quality staff the holder dispatches to contract manufacturers (派驻质量管理人员).
	QAStaff []QAStaff `json:"qa_staff"`
}

// KeyPersonnel are the four key posts of a holder.
type KeyPersonnel struct {
	// Enterprise head (企业负责人).
	EnterpriseHead Person `json:"enterprise_head" pp:"required"`
	// Production head (生产负责人).
	ProductionHead Person `json:"production_head" pp:"required"`
	// Quality head (质量负责人).
	QualityHead Person `json:"quality_head" pp:"required"`
	// Qualified person (质量受权人), who releases product to market.
	QualifiedPerson Person `json:"qualified_person" pp:"required"`
}

// Person is someone holding a key post.
type Person struct {
	// Full name.
	Name Name `json:"name" pp:"required"`
	// Professional qualification or title (学历/职称/执业资格), e.g. 药学博士、执业药师.
	Qualification Text `json:"qualification"`
	// Years of relevant experience in drug manufacturing or quality.
	YearsExperience int `json:"years_experience"`
	// Whether the person works for the holder full time (专职); key posts must be.
	FullTime bool `json:"full_time"`
	// The person's own telephone number, with area code.
	Phone string `json:"phone"`
	// The person's own e-mail address.
	Email string `json:"email"`
}

// Contact is a person to reach about the application or about quality matters.
type Contact struct {
	// Full name.
	Name Name `json:"name" pp:"required"`
	// Position (职务).
	Title Text `json:"title"`
	// Telephone number with area code.
	Phone string `json:"phone" pp:"required"`
	// E-mail address.
	Email string `json:"email" pp:"required"`
}

// Licence is a drug manufacturing licence (药品生产许可证).
type Licence struct {
	// Licence number: province abbreviation and 8 digits, e.g. 沪20160045.
	Number string `json:"number" pp:"required"`
	// Category code (分类码) letters: A holder making itself, B holder entrusting, C contract manufacturer, D API; each may be followed by lower-case dosage letters, e.g. Bs or AsCs.
	Category string `json:"category" pp:"required"`
	// Last day the licence is valid (有效期至).
	ValidUntil civil.Date `json:"valid_until" pp:"required"`
}

// QAStaff is one quality person the holder dispatches to a manufacturer.
type QAStaff struct {
	// Full name.
	Name Name `json:"name" pp:"required"`
	// The manufacturer's id (manufacturers[].id) the person is sent to.
	Manufacturer string `json:"manufacturer" pp:"required"`
	// Qualification or title.
	Qualification Text `json:"qualification"`
	// Years of biologics quality experience.
	YearsExperience int `json:"years_experience"`
}

// Product is the biological product of the application.
type Product struct {
	// Chinese name (通用名称), as registered.
	NameZh string `json:"name_zh" pp:"required"`
	// English name.
	NameEn string `json:"name_en" pp:"required"`
	// International non-proprietary name, where there is one.
	INN string `json:"inn"`
	// Kind of biologic: one of the pilot's varieties, or other.
	Category Category `json:"category" pp:"required"`
	// Whether the product is an innovative biologic (创新生物制品).
	Innovative bool `json:"innovative"`
	// Whether the product is a clinically urgently needed biologic (临床急需生物制品).
	UrgentlyNeeded bool `json:"urgently_needed"`
	// For category other: the NMPA's designation of the product for the pilot, or why it qualifies as one of the "other products specified by the NMPA".
	EligibilityBasis Text `json:"eligibility_basis" pp:"text"`
	// For a vaccine: the NMPA's approval of its entrusted production (Vaccine Administration Law, Art. 22), or the application for it.
	EntrustmentApproval *Approval `json:"entrustment_approval"`
	// Controlled class, only for such products (leave it out otherwise): blood products, narcotic, psychotropic and toxic drugs and drug-type precursor chemicals may not be entrusted.
	ControlledClass ControlledClass `json:"controlled_class"`
	// Whether the applicant developed the product itself (自研品种); the pilot requires it.
	SelfDeveloped bool `json:"self_developed"`
	// What shows the product is self-developed: patents, IND/NDA ownership, development records.
	SelfDevelopmentEvidence Text `json:"self_development_evidence" pp:"text"`
	// Registration status and number.
	Registration Registration `json:"registration" pp:"required"`
	// Dosage form (剂型), e.g. 注射用无菌粉末.
	DosageForm Text `json:"dosage_form" pp:"required"`
	// Strength (规格), e.g. 100 mg/瓶.
	Strength Text `json:"strength" pp:"required"`
	// Indication (适应症) or, for vaccines, what it prevents.
	Indication Text `json:"indication" pp:"required,text"`
	// For a vaccine, what its antigen is made from: live_attenuated, inactivated, conjugate, subunit, recombinant, toxoid, viral_vector or mrna. Sites that culture live organisms get biosafety clauses.
	VaccineType VaccineType `json:"vaccine_type"`
	// Active components: a vaccine's serotypes, an ADC's antibody and payload.
	Components []Text `json:"components"`
	// Device constituent of a combination product, e.g. the pen injector of a GLP-1 product.
	Device Text `json:"device" pp:"text"`
	// Storage conditions of the finished product (贮藏).
	Storage Text `json:"storage" pp:"text"`
	// Shelf life (有效期), e.g. 24个月.
	ShelfLife Text `json:"shelf_life"`
}

// Registration is where the product stands with NMPA.
type Registration struct {
	// approved, or pending while the marketing application is under review.
	Status RegistrationStatus `json:"status" pp:"required"`
	// Approval number (国药准字S + 8 digits) when approved; acceptance number (受理号, e.g. CXSS2400123) when pending.
	Number string `json:"number" pp:"required"`
	// Date of approval or acceptance.
	Date civil.Date `json:"date"`
}

// Approval is an authority's approval, or the application for it.
type Approval struct {
	// granted, or applied while the application is under review.
	Status ApprovalStatus `json:"status" pp:"required"`
	// Number of the approval, or the acceptance number of the application.
	Reference string `json:"reference" pp:"required"`
	// Date of the approval or of the application.
	Date civil.Date `json:"date"`
}

// Stage is one manufacturing stage at one site.
type Stage struct {
	// Short identifier that transfers refer to, e.g. mab or fill.
	ID string `json:"id" pp:"required"`
	// Kind of stage.
	Key StageKey `json:"key" pp:"required"`
	// What is done in this stage, in a sentence.
	Description Text `json:"description" pp:"required,text"`
	// Where it is done: holder for the holder's own site, else a manufacturer's id.
	Site string `json:"site" pp:"required"`
	// Country of the site, ISO 3166-1 alpha-2 (default CN).
	Country Country `json:"country"`
	// Province of the site when in China.
	Province Province `json:"province"`
	// Batch scale (批量), e.g. 2000 L.
	BatchScale Text `json:"batch_scale"`
	// Process steps and key control points (工艺流程与关键控制点).
	Process Text `json:"process" pp:"text"`
	// Critical process parameters and in-process controls, one per item.
	ControlPoints []Text `json:"control_points" pp:"text"`
	// What the stage hands on to the next stage (中间产品/产品).
	Output Text `json:"output" pp:"required"`
	// Specification the output is released against (质量标准).
	OutputSpec Text `json:"output_spec" pp:"text"`
	// Storage condition of the output.
	Storage Text `json:"storage" pp:"text"`
	// Longest time the output may be held before use (存放时限).
	HoldTime Text `json:"hold_time"`
	// How batch numbers of this stage trace back to the batches it used (批号关联).
	BatchNumbering Text `json:"batch_numbering" pp:"text"`
}

// Transfer is the shipment of one stage's output to another stage.
type Transfer struct {
	// Stage id that ships.
	From string `json:"from" pp:"required"`
	// Stage id that receives.
	To string `json:"to" pp:"required"`
	// Means of transport, e.g. 冷链运输车.
	Mode Text `json:"mode"`
	// Temperature range in transit, e.g. 2–8 °C.
	Temperature Text `json:"temperature"`
	// Shipping container and its verification.
	Container Text `json:"container" pp:"text"`
	// Transport qualification (运输确认).
	Qualification Qualification `json:"qualification" pp:"required"`
}

// Qualification is the state of a transport qualification.
type Qualification struct {
	// qualified, in_progress or planned.
	Status QualificationStatus `json:"status" pp:"required"`
	// Report number of the qualification.
	Report string `json:"report"`
	// Date the qualification was completed.
	Date civil.Date `json:"date"`
	// Planned completion date (预计完成日期) of a qualification still in progress, e.g. 2026-03-31; the application states it.
	Planned civil.Date `json:"planned"`
}

// Manufacturer is a contract manufacturer (受托生产企业).
type Manufacturer struct {
	// Short identifier that stages and QA staff refer to, e.g. cmo-wuxi.
	ID string `json:"id" pp:"required"`
	// Registered Chinese name.
	NameZh string `json:"name_zh" pp:"required"`
	// English name.
	NameEn string `json:"name_en" pp:"required"`
	// Unified social credit code; required for manufacturers in China.
	CreditCode string `json:"credit_code"`
	// Country, ISO 3166-1 alpha-2 (default CN).
	Country Country `json:"country"`
	// Province when in China.
	Province Province `json:"province"`
	// Registered address.
	RegisteredAddress Text `json:"registered_address" pp:"required"`
	// Address where the stage is made (生产地址).
	ProductionAddress Text `json:"production_address" pp:"required"`
	// Legal representative.
	LegalRepresentative Name `json:"legal_representative"`
	// Drug manufacturing licence; category C for a manufacturer in China.
	Licence *Licence `json:"licence"`
	// GMP compliance notice (药品GMP符合性检查告知书), or for a site abroad its GMP certificate.
	GMP GMPNotice `json:"gmp"`
	// Consent of the manufacturer's home province to the entrusted production (同意受托生产的意见).
	Consent Consent `json:"consent"`
	// Commercial manufacturing experience with biologics of the same kind.
	Experience Experience `json:"experience" pp:"required"`
	// The manufacturer's quality system, in a sentence or two.
	QualitySystem Text `json:"quality_system" pp:"text"`
	// Shared-line assessment (共线生产评估), where other products share the facility.
	SharedLine Text `json:"shared_line" pp:"text"`
	// Regulatory compliance record.
	Compliance Compliance `json:"compliance"`
	// Contact for quality matters (质量联系人).
	QualityContact Contact `json:"quality_contact" pp:"required"`
	// The manufacturer's qualified person (质量受权人), who releases what it makes and confirms the quality agreement.
	QualifiedPerson SiteQP `json:"qualified_person"`
	// Terms of the quality and commissioned production agreements.
	Agreement AgreementTerms `json:"agreement" pp:"required"`
	// Changes to the default responsibility matrix (职责分工表) for this manufacturer.
	Responsibilities []Responsibility `json:"responsibilities"`
}

// SiteQP is a contract manufacturer's qualified person (质量受权人), whom
// the quality agreement names with their own telephone and e-mail. The name
// alone may be given as a plain value.
type SiteQP struct {
	// Full name.
	Name Name `json:"name" pp:"required"`
	// Telephone number with area code.
	Phone string `json:"phone"`
	// E-mail address.
	Email string `json:"email"`
}

// UnmarshalText takes the name alone; the decoder reads the mapping form
// field by field.
func (q *SiteQP) UnmarshalText(b []byte) error { return q.Name.UnmarshalText(b) }

// IsZero reports whether no qualified person is given.
func (q SiteQP) IsZero() bool { return q.Name.IsZero() && q.Phone == "" && q.Email == "" }

// GMPNotice is a GMP compliance notice or certificate.
type GMPNotice struct {
	// Number of the notice or certificate.
	Number string `json:"number"`
	// Date of issue.
	Date civil.Date `json:"date"`
	// Last day of validity, where the document states one.
	ValidUntil civil.Date `json:"valid_until"`
	// Scope inspected, e.g. 生物制品（抗体偶联药物原液）.
	Scope Text `json:"scope" pp:"text"`
}

// Consent is a home province's consent to entrusted production.
type Consent struct {
	// Issuing authority, e.g. 江苏省药品监督管理局.
	Authority Text `json:"authority"`
	// Reference number of the document.
	Reference string `json:"reference"`
	// Date of issue.
	Date civil.Date `json:"date"`
	// Last day of validity, where stated.
	ValidUntil civil.Date `json:"valid_until"`
}

// Experience is a manufacturer's commercial biologics experience.
type Experience struct {
	// Years of commercial GMP production of biologics of the same kind.
	Years int `json:"years" pp:"required"`
	// Commercial products made, one per item.
	Products []Text `json:"products"`
}

// Compliance is a manufacturer's compliance record.
type Compliance struct {
	// good, or poor where there were serious GMP findings or penalties.
	Record ComplianceRecord `json:"record"`
	// Recent inspections and their outcome.
	Notes Text `json:"notes" pp:"text"`
	// On-site GMP inspection report; required when the record is poor.
	InspectionReport Text `json:"inspection_report" pp:"text"`
	// Testing-capability assessment; required when the record is poor.
	TestingAssessment Text `json:"testing_assessment" pp:"text"`
}

// AgreementTerms are the commercial and legal terms of a manufacturer's agreements.
type AgreementTerms struct {
	// Date the quality agreement takes effect.
	QualityEffective civil.Date `json:"quality_effective" pp:"required"`
	// Date the commissioned production agreement takes effect.
	ProductionEffective civil.Date `json:"production_effective" pp:"required"`
	// Term of the agreements in years.
	TermYears int `json:"term_years" pp:"required"`
	// Governing law; default 中华人民共和国法律.
	GoverningLaw Text `json:"governing_law"`
	// How disputes are resolved.
	Dispute Dispute `json:"dispute" pp:"required"`
	// Price terms, when the agreement should state them.
	Price *Price `json:"price"`
	// Place of signing.
	SigningPlace Text `json:"signing_place"`
	// Cap on each party's liability under the commissioned production agreement, in the price's currency; leave it out for no cap. Liability for product quality, wilful misconduct and gross negligence is never capped.
	LiabilityCap *Money `json:"liability_cap"`
	// Liquidated damages for late delivery, where the parties negotiated them.
	DelayDamages *DelayDamages `json:"delay_damages"`
}

// DelayDamages are liquidated damages for late delivery.
type DelayDamages struct {
	// Per day of delay, as a percentage of the price of the late batch, e.g. 0.05.
	PerDayPercent float64 `json:"per_day_percent" pp:"required"`
	// The damages for one batch are at most this percentage of its price, e.g. 10.
	MaxPercent float64 `json:"max_percent" pp:"required"`
}

// Dispute is the dispute-resolution clause.
type Dispute struct {
	// litigation or arbitration.
	Method DisputeMethod `json:"method" pp:"required"`
	// The court or arbitration institution, e.g. 上海国际仲裁中心.
	Venue Text `json:"venue" pp:"required"`
	// For arbitration: the seat (place) of arbitration, whose law governs
	// the proceedings and whose courts supervise them, e.g. 新加坡 /
	// Singapore. Name it for a manufacturer abroad.
	Seat Text `json:"seat"`
	// For arbitration: the language of the proceedings, e.g. 英文 / English.
	Language Text `json:"language"`
}

// Price is the price clause of a commissioned production agreement.
type Price struct {
	// Currency code, default CNY.
	Currency string `json:"currency"`
	// Amount in figures, e.g. 1250000 or 1250000.50.
	Amount Money `json:"amount" pp:"required"`
	// What the amount buys, e.g. 每批.
	Unit Text `json:"unit" pp:"required"`
	// Days after invoice within which payment is due.
	PaymentDays int `json:"payment_days"`
}

// Responsibility changes one row of the responsibility matrix.
type Responsibility struct {
	// Activity key of the matrix row, as listed by the template pack.
	Activity string `json:"activity" pp:"required"`
	// The holder's role.
	Holder Role `json:"holder" pp:"required"`
	// The manufacturer's role.
	Manufacturer Role `json:"manufacturer" pp:"required"`
	// Why the default is changed.
	Note Text `json:"note" pp:"text"`
}

// CrossBorder describes stages or manufacturers outside mainland China.
type CrossBorder struct {
	// What is made abroad and why.
	Summary Text `json:"summary" pp:"required,text"`
	// Regulatory status of the foreign site: approvals, inspections by its authority.
	RegulatoryStatus Text `json:"regulatory_status" pp:"required,text"`
	// Import arrangements: port of entry, customs, import licences, testing on import (口岸检验).
	ImportArrangements Text `json:"import_arrangements" pp:"required,text"`
	// How the holder oversees the foreign site: audits, dispatched staff, QP certification.
	QualityOversight Text `json:"quality_oversight" pp:"required,text"`
	// How data and records leave and enter the country lawfully (数据出境).
	DataTransfer Text `json:"data_transfer" pp:"text"`
}

// Risk is one item of the risk assessment.
type Risk struct {
	// Subject of the risk.
	Area RiskArea `json:"area" pp:"required"`
	// What could go wrong.
	Description Text `json:"description" pp:"required,text"`
	// Level before mitigation.
	Level RiskLevel `json:"level" pp:"required"`
	// How the risk is controlled.
	Mitigation Text `json:"mitigation" pp:"required,text"`
}

// Attachment is a supporting document supplied by the applicant.
type Attachment struct {
	// Path of the file, relative to the applicant file's folder.
	Path string `json:"path" pp:"required,text"`
	// What the document is.
	Kind AttachmentKind `json:"kind" pp:"required"`
	// Title to show in the checklist; the kind's name when empty.
	Title Text `json:"title"`
	// Checklist item id the document satisfies; chosen by kind when empty.
	Item string `json:"item"`
	// Manufacturer id for documents about one manufacturer.
	Manufacturer string `json:"manufacturer"`
}
