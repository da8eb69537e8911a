package review

import "pilotpack/internal/lang"

// The words of a review, in both languages: the workbook's fixed labels
// and values, and the errors of the work plans. Names and values from the
// applicant files are not here; they come in the file's own wordings.
var (
	labelTitle      = lang.T("生物制品分段生产试点申请初审表", "Phased-manufacturing pilot: intake review")
	labelLate       = lang.T("逾期 %d 天", "%d days late")
	labelInTime     = lang.T("按期", "in time")
	labelAbroad     = lang.T("不适用（境外）", "not applicable (abroad)")
	labelGMPNone    = lang.T("未提供", "none given")
	labelGMPExpired = lang.T("已过期", "expired")
	labelGMPOld     = lang.T("超过 %d 个月", "older than %d months")
	labelGMPValid   = lang.T("有效", "valid")
	labelPack       = lang.T("%s %s（%s）", "%s %s (%s)")
	labelBureau     = lang.T("%s药品监督管理局", "%s Medical Products Administration")
	labelListSep    = lang.T("、", ", ")
	labelCountSep   = lang.T("；", "; ")
	// labelWith puts a detail after a name in brackets: 企业（上海市）.
	labelWith = lang.T("%s（%s）", "%s (%s)")

	// The summary sheet's rows.
	sumDate          = lang.T("审查日期", "Review date")
	sumPack          = lang.T("模板包", "Template pack")
	sumDeadline      = lang.T("申请截止日期", "Application deadline")
	sumPilotEnd      = lang.T("试点结束日期", "End of the pilot")
	sumApplications  = lang.T("申请数", "Applications")
	sumLate          = lang.T("逾期提交", "Filed after the deadline")
	sumByCategory    = lang.T("按品种类别", "By category")
	sumByProvince    = lang.T("按省份", "By province")
	sumManufacturers = lang.T("受托生产企业数", "Contract manufacturers")

	// Work plans.
	msgPlansFolder = lang.T("无法创建工作方案文件夹 %s：%v", "cannot create the plans folder %s: %v")
	msgSameID      = lang.T("与 %s 的编号同为 %s；请为每份申请设不同的 application.id", "%s has the same id, %s; give each application its own application.id")
	msgOverLimits  = lang.T("文件内容超出一份申请所能容纳的上限（limit.* 检查结果）；不据此起草工作方案", "the file holds more than an application can (limit.* findings); no plan is drafted from it")
	msgWritePlans  = lang.T("将工作方案写入 %s 时出错：%v", "writing the work plans into %s: %v")
	msgNoPlan      = lang.T("模板包 %s 没有工作方案（pack.yaml 中的 plan）", "the pack %s has no work plan (plan in pack.yaml)")
	msgNoOutputs   = lang.T("工作方案没有 pdf 或 docx 输出", "the plan has no pdf or docx output")
)
