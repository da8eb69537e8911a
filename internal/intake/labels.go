package intake

// labels are the Chinese headers of the model's fields, keyed Type.Field
// as the doc comments are. A field missing here is headed by the Chinese
// term its doc comment gives in parentheses, else by its name, so a new
// field still appears; add it here to give it a proper header.
var labels = map[string]string{
	"File.Application": "申请信息", "File.Applicant": "申请人", "File.Product": "品种", "File.Stages": "生产阶段",
	"File.Transfers": "阶段间运输", "File.Manufacturers": "受托生产企业", "File.CrossBorder": "跨境信息",
	"File.Risks": "风险评估", "File.Attachments": "附件",

	"Application.ID": "申请编号", "Application.Province": "受理省份", "Application.ProvinceCode": "省份代码",
	"Application.Date": "申请日期", "Application.Language": "文件语言",

	"Holder.NameZh": "中文名称", "Holder.NameEn": "英文名称", "Holder.CreditCode": "统一社会信用代码",
	"Holder.RegisteredAddress": "注册地址", "Holder.ProductionAddress": "生产地址", "Holder.LegalRepresentative": "法定代表人",
	"Holder.KeyPersonnel": "关键岗位人员", "Holder.Contact": "联系人", "Holder.Licence": "药品生产许可证",
	"Holder.QualitySystem": "质量管理体系", "Holder.Pharmacovigilance": "药物警戒体系", "Holder.Liability": "责任赔偿能力",
	"Holder.QAStaff": "派驻质量管理人员",

	"KeyPersonnel.EnterpriseHead": "企业负责人", "KeyPersonnel.ProductionHead": "生产负责人",
	"KeyPersonnel.QualityHead": "质量负责人", "KeyPersonnel.QualifiedPerson": "质量受权人",

	"Person.Name": "姓名", "Person.Qualification": "学历/职称/执业资格", "Person.YearsExperience": "从业年限",
	"Person.FullTime": "是否专职", "Person.Phone": "电话", "Person.Email": "电子邮箱",

	"Contact.Name": "姓名", "Contact.Title": "职务", "Contact.Phone": "电话", "Contact.Email": "电子邮箱",

	"Licence.Number": "编号", "Licence.Category": "分类码", "Licence.ValidUntil": "有效期至",

	"QAStaff.Name": "姓名", "QAStaff.Manufacturer": "派驻企业", "QAStaff.Qualification": "资格/职称",
	"QAStaff.YearsExperience": "生物制品质量管理年限",

	"Product.NameZh": "通用名称", "Product.NameEn": "英文名称", "Product.INN": "国际非专利名称（INN）",
	"Product.Category": "品种类别", "Product.Innovative": "创新生物制品", "Product.UrgentlyNeeded": "临床急需生物制品",
	"Product.EligibilityBasis": "纳入试点依据", "Product.EntrustmentApproval": "疫苗委托生产批准",
	"Product.ControlledClass": "特殊管理类别", "Product.SelfDeveloped": "自研品种",
	"Product.SelfDevelopmentEvidence": "自研证明", "Product.Registration": "注册情况", "Product.DosageForm": "剂型",
	"Product.Strength": "规格", "Product.Indication": "适应症", "Product.VaccineType": "疫苗类型",
	"Product.Components": "有效成分（每行一项）", "Product.Device": "给药装置", "Product.Storage": "贮藏",
	"Product.ShelfLife": "有效期",

	"Registration.Status": "状态", "Registration.Number": "批准文号/受理号", "Registration.Date": "批准/受理日期",
	"Approval.Status": "状态", "Approval.Reference": "批准文号/受理号", "Approval.Date": "日期",

	"Stage.ID": "阶段编号", "Stage.Key": "阶段类型", "Stage.Description": "阶段说明", "Stage.Site": "生产场地",
	"Stage.Country": "国家/地区", "Stage.Province": "省份", "Stage.BatchScale": "批量",
	"Stage.Process": "工艺流程与关键控制点", "Stage.ControlPoints": "关键工艺参数与中间控制（每行一项）",
	"Stage.Output": "产出（中间产品/产品）", "Stage.OutputSpec": "质量标准", "Stage.Storage": "贮存条件",
	"Stage.HoldTime": "存放时限", "Stage.BatchNumbering": "批号关联",

	"Transfer.From": "发出阶段", "Transfer.To": "接收阶段", "Transfer.Mode": "运输方式", "Transfer.Temperature": "运输温度",
	"Transfer.Container": "运输容器及验证", "Transfer.Qualification": "运输确认",
	"Qualification.Status": "状态", "Qualification.Report": "报告编号", "Qualification.Date": "完成日期",
	"Qualification.Planned": "预计完成日期",

	"Manufacturer.ID": "企业编号", "Manufacturer.NameZh": "中文名称", "Manufacturer.NameEn": "英文名称",
	"Manufacturer.CreditCode": "统一社会信用代码", "Manufacturer.Country": "国家/地区", "Manufacturer.Province": "省份",
	"Manufacturer.RegisteredAddress": "注册地址", "Manufacturer.ProductionAddress": "生产地址",
	"Manufacturer.LegalRepresentative": "法定代表人", "Manufacturer.Licence": "药品生产许可证",
	"Manufacturer.GMP": "GMP符合性检查", "Manufacturer.Consent": "所在地省局同意意见",
	"Manufacturer.Experience": "商业化生产经验", "Manufacturer.QualitySystem": "质量体系",
	"Manufacturer.SharedLine": "共线生产评估", "Manufacturer.Compliance": "合规情况",
	"Manufacturer.QualityContact": "质量联系人", "Manufacturer.QualifiedPerson": "质量受权人",
	"Manufacturer.Agreement": "协议条款", "Manufacturer.Responsibilities": "职责分工调整",

	"GMPNotice.Number": "编号", "GMPNotice.Date": "出具日期", "GMPNotice.ValidUntil": "有效期至", "GMPNotice.Scope": "检查范围",
	"Consent.Authority": "出具机关", "Consent.Reference": "文号", "Consent.Date": "出具日期", "Consent.ValidUntil": "有效期至",
	"Experience.Years": "年限", "Experience.Products": "已商业化生产产品（每行一项）",
	"Compliance.Record": "合规记录", "Compliance.Notes": "近期检查情况", "Compliance.InspectionReport": "现场检查报告",
	"Compliance.TestingAssessment": "检验能力评估",

	"AgreementTerms.QualityEffective": "质量协议生效日期", "AgreementTerms.ProductionEffective": "委托生产协议生效日期",
	"AgreementTerms.TermYears": "协议期限（年）", "AgreementTerms.GoverningLaw": "适用法律", "AgreementTerms.Dispute": "争议解决",
	"AgreementTerms.Price": "价格", "AgreementTerms.SigningPlace": "签订地点", "AgreementTerms.LiabilityCap": "责任上限",
	"AgreementTerms.DelayDamages": "延迟交付违约金",
	"DelayDamages.PerDayPercent":  "每日（%）", "DelayDamages.MaxPercent": "上限（%）",
	"Dispute.Method": "方式", "Dispute.Venue": "法院/仲裁机构",
	"Price.Currency": "币种", "Price.Amount": "金额", "Price.Unit": "计价单位", "Price.PaymentDays": "付款期限（天）",

	"Responsibility.Activity": "活动编号", "Responsibility.Holder": "委托方职责", "Responsibility.Manufacturer": "受托方职责",
	"Responsibility.Note": "调整说明",

	"CrossBorder.Summary": "境外生产概述", "CrossBorder.RegulatoryStatus": "境外监管状态",
	"CrossBorder.ImportArrangements": "进口安排", "CrossBorder.QualityOversight": "对境外场地的质量监督",
	"CrossBorder.DataTransfer": "数据出境",

	"Risk.Area": "风险领域", "Risk.Description": "风险描述", "Risk.Level": "风险等级", "Risk.Mitigation": "控制措施",

	"Attachment.Path": "文件路径", "Attachment.Kind": "文件类别", "Attachment.Title": "标题",
	"Attachment.Item": "对应目录条目", "Attachment.Manufacturer": "相关受托生产企业",
}
