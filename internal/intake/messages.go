package intake

import "pilotpack/internal/lang"

// The errors for a workbook that cannot be read at all, in both languages.
var (
	msgTooLarge  = lang.T("文件有 %d 字节，超过上限 %d；是否选错了文件？", "file is %d bytes, more than the limit of %d; is this the right file?")
	msgEncrypted = lang.T("工作簿设有打开密码（已加密），无法读取；请取消密码后重新保存"+
		"（Excel：文件 > 信息 > 保护工作簿 > 用密码进行加密，清空密码；WPS：文件 > 文档加密 > 密码加密；LibreOffice：文件 > 另存为，不设密码）",
		"the workbook is protected with a password (encrypted), so it cannot be read; remove the password and save it again "+
			"(Excel: File > Info > Protect Workbook > Encrypt with Password, clear it; WPS: 文件 > 文档加密 > 密码加密; LibreOffice: File > Save As without a password)")
	msgXLS        = lang.T("这是 Excel 97-2003 工作簿（.xls）；请另存为 Excel 工作簿（.xlsx）后再读取", "this is an Excel 97-2003 workbook (.xls); save it as an Excel workbook (.xlsx) and read that")
	msgNotZip     = lang.T("不是 Excel 工作簿（.xlsx）：它不是 zip 压缩包；请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx", "not an Excel workbook (.xlsx): it is not a zip archive; save it from Excel, WPS or LibreOffice as .xlsx")
	msgDamaged    = lang.T("工作簿已损坏（%v）；请在 Excel、WPS 或 LibreOffice 中打开并重新保存", "the workbook is damaged (%v); open it in Excel, WPS or LibreOffice and save it again")
	msgDamagedIn  = lang.T("工作簿已损坏（%s：%v）；请在 Excel、WPS 或 LibreOffice 中打开并重新保存", "the workbook is damaged (%s: %v); open it in Excel, WPS or LibreOffice and save it again")
	msgUnreadable = lang.T("无法读取工作簿（%v）；请在 Excel、WPS 或 LibreOffice 中打开并重新保存", "the workbook could not be read (%v); open it in Excel, WPS or LibreOffice and save it again")
	msgEntries    = lang.T("工作簿压缩包内有 %d 个文件，超过上限 %d；是否选错了文件？", "the workbook's archive holds %d files, more than the limit of %d; is this the right file?")
	msgUnzipped   = lang.T("工作簿解压后超过 %d KiB，拒绝读取（是否为压缩炸弹，或含有大图片？）", "the workbook unzips to more than %d KiB; refusing to read it (is it a zip bomb, or does it hold large pictures?)")
	msgRatio      = lang.T("工作簿中的 %s 压缩比超过 %d 比 1，拒绝读取（是否为压缩炸弹？）", "%s in the workbook is compressed more than %d to 1; refusing to read it (is it a zip bomb?)")
	msgValues     = lang.T("工作簿中的值超过 %d 个，拒绝读取", "workbook holds more than %d values; refusing to read it")
	msgSheet      = lang.T("无法读取工作表 %s（%v）；请在 Excel、WPS 或 LibreOffice 中打开工作簿并重新保存", "sheet %s cannot be read (%v); open the workbook in Excel, WPS or LibreOffice and save it again")
	msgRows       = lang.T("工作表 %s 超过 %d 行，拒绝读取", "sheet %s has more than %d rows; refusing to read it")
	msgCols       = lang.T("工作表 %[2]s 第 %[1]d 行超过 %[3]d 列，拒绝读取", "row %d of sheet %s has more than %d columns; refusing to read it")
	msgCell       = lang.T("单元格超过 %d 个字符，拒绝读取", "cell holds more than %d characters; refusing to read it")
	msgMerges     = lang.T("工作表 %s 合并的单元格超过 %d 个，拒绝读取", "sheet %s merges more than %d cells; refusing to read it")
	msgSheets     = lang.T("工作簿有 %d 个工作表，超过上限 %d", "the workbook has %d sheets, more than the limit of %d")
)

// The header of a YAML file that convert writes, in the file's language.
var (
	msgHeaderTitle = lang.T("生物制品分段生产试点申请文件。", "Applicant file for the phased-manufacturing pilot for biological products.")
	msgHeaderCheck = lang.T("检查：%s", "Check it with: %s")
	msgEncodeExt   = lang.T("%s：无法写出这种文件；请以 .yaml、.json 或 .xlsx 命名", "%s: cannot write this kind of file; name it .yaml, .json or .xlsx")
)
