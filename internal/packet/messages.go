package packet

import "pilotpack/internal/lang"

// The messages of builds and verification and the labels of what a build
// writes, in both languages: every sentence this package says to a reader
// is here, so that a Chinese reader meets no English one and a wording is
// changed in one place. Arguments that are errors or lang.Text are worded
// in the message's language.

// Labels of documents and files.
var (
	// labelFor follows the title of a document or item made for one
	// manufacturer: its name, a lang.Text.
	labelFor      = lang.T("（%s）", " (%s)")
	labelPilot    = lang.T("生物制品分段生产试点", "phased-manufacturing pilot for biological products")
	labelCombined = lang.T("合订本", "Combined packet")
	labelContents = lang.T("目录", "Contents")
)

// Labels of the checklist workbook.
var (
	labelChecklist     = lang.T("申报资料目录与核对表 — %s", "Filing checklist — %s")
	labelIfApplies     = lang.T("如适用，请补充", "add it if it applies")
	labelDeferrable    = lang.T("容缺受理：可于受理后补交", "may follow after acceptance")
	labelAddAttachment = lang.T("请在申请文件的 attachments 中补充", "add it under attachments in the applicant file")
	labelDaysLeft      = lang.T("%s（剩余 %d 天）", "%s (%d days left)")
	labelDaysPassed    = lang.T("%s（已过 %d 天）", "%s (passed %d days ago)")
	labelPack          = lang.T("%s %s（%s）", "%s %s (%s)")
	labelYes           = lang.T("是", "yes")
	labelNo            = lang.T("否", "no")

	// The summary sheet's rows.
	sumApplicant = lang.T("申请人", "Applicant")
	sumProduct   = lang.T("品种", "Product")
	sumProvince  = lang.T("受理省份", "Province")
	sumDate      = lang.T("申请日期", "Application date")
	sumBuilt     = lang.T("生成日期", "Built on")
	sumPack      = lang.T("模板包", "Template pack")
	sumReadiness = lang.T("结论", "Readiness")
	sumItems     = lang.T("材料：已提供 / 待补充 / 不适用", "Items: provided / pending / not applicable")
	sumFindings  = lang.T("问题：错误 / 警告 / 提示", "Findings: errors / warnings / notes")
	sumDeadline  = lang.T("申报截止日期", "Application deadline")
	sumPilotEnd  = lang.T("试点结束日期", "Pilot ends")
	sumDraft     = lang.T("草稿", "Draft")
)

// langList names languages as "zh 或 en" / "zh or en".
func langList(ls []lang.Lang) lang.Text {
	return lang.T(lang.Join(ls, " 或 "), lang.Join(ls, " or "))
}

var (
	// One thing about one place: "path: what".
	msgAt = lang.T("%s：%v", "%s: %v")

	// Building.
	msgNoLang      = lang.T("模板包 %s 没有 %s 模板；请改用 --lang %s", "the pack %s has no %s templates; use --lang %s")
	msgDataErrors  = lang.T("有 %d 条错误级别的检查结果；请修改申请文件，或加 --draft 生成带水印的草稿", "%d findings with error severity; fix the applicant file, or build a watermarked draft with --draft")
	msgDataError   = lang.T("有 %d 条错误级别的检查结果；请修改申请文件，或加 --draft 生成带水印的草稿", "%d finding with error severity; fix the applicant file, or build a watermarked draft with --draft")
	msgDataBounds  = lang.T("有 %d 条错误级别的检查结果：文件内容超出一份申请所能容纳的上限（limit.*）；请先改正，超限的文件不生成任何资料包，草稿也不生成", "%d findings with error severity: the file holds more than an application can (limit.*); fix it first, as no packet, not even a draft, is built from it")
	msgDataBound   = lang.T("有 %d 条错误级别的检查结果：文件内容超出一份申请所能容纳的上限（limit.*）；请先改正，超限的文件不生成任何资料包，草稿也不生成", "%d finding with error severity: the file holds more than an application can (limit.*); fix it first, as no packet, not even a draft, is built from it")
	msgExists      = lang.T("%s 已存在；如要替换，请加 --force", "%s already exists; add --force to replace it")
	msgZipFolder   = lang.T("%s 是文件夹，而 zip 文件要写在这里；请删除或重命名该文件夹，或去掉 --zip", "%s is a folder, where the zip would go; remove or rename it, or build without --zip")
	msgNoOutDir    = lang.T("无法创建输出文件夹 %s：%v", "cannot create the output folder %s: %v")
	msgSwept       = lang.T("已清除中断的生成在 %s 中留下的临时文件：%s", "removed what interrupted builds left in %s: %s")
	msgCannotWrite = lang.T("%[2]v；请检查输出文件夹 %[1]s 的权限，或用 --out 另选文件夹", "cannot write into the output folder %s: %v; check its permissions or choose another with --out")
	msgWriting     = lang.T("写出 %s 时出错：%v", "writing %s: %v")
	msgDrawing     = lang.T("绘制 PDF 时出错：%v", "drawing the PDFs: %v")
	msgCombinedPDF = lang.T("合订本 PDF：%v", "combined PDF: %v")
	msgMarkdown    = lang.T("%s：渲染后的 Markdown 第 %d 行：%s", "%s: rendered Markdown line %d: %s")

	// Reading a packet.
	msgNoManifest    = lang.T("没有 manifest.json：这不是 pilotpack 生成的资料包", "no manifest.json: this is not a pilotpack packet")
	msgBadManifest   = lang.T("manifest.json 无效：%v", "manifest.json is not valid: %v")
	msgNotFound      = lang.T("%s 不存在；请给出资料包文件夹或其 .zip 文件", "%s does not exist; give a packet folder or its zip")
	msgNotPacketFile = lang.T("%s 既不是文件夹也不是普通文件（而是管道、设备或套接字）；请给出资料包文件夹或其 zip", "%s: neither a folder nor a regular file (a pipe, device or socket); give a packet folder or its zip")
	msgNotPacket     = lang.T("%s 既不是资料包文件夹，也不是 zip 文件：%v", "%s: neither a packet folder nor a zip: %v")
	msgTooBig        = lang.T("有 %d 字节，超过资料包中 %s 的上限 %d 字节", "%d bytes, more than the %[3]d a packet's %[2]s can be")
	msgChangedRead   = lang.T("读取时被改动", "changed while it was read")
	msgSymlink       = lang.T("是符号链接，而不是清单所列的文件", "is a symbolic link, not the file the manifest lists")
	msgBehindLink    = lang.T("位于符号链接 %s 之后，不在资料包内", "lies behind the symbolic link %s, not in the packet")
	msgNotRegular    = lang.T("不是普通文件", "is not a regular file")
	msgJSONSyntax    = lang.T("第 %[1]d 字节处有语法错误", "%[2]v")
	msgJSONType      = lang.T("%[1]s 的值类型不对，应为 %[2]s", "%[3]v")

	// What verification finds.
	msgUnpacked     = lang.T("未解压该 zip 文件", "the zip was not unpacked")
	msgUnlisted     = lang.T("%s：多出的文件，清单中没有列出", "%s: unexpected: the manifest does not list it")
	msgNoListing    = lang.T("无法列出资料包的内容：%v", "the packet's contents cannot be listed: %v")
	msgLargeChecked = lang.T("%d 个大于 %d MB 的文件只核对了大小和校验和（PDF 另核对首尾字节），未逐一打开", "%d files larger than %d MB were checked by size and checksum (a PDF also by its first and last bytes), not opened")
	msgLargeOne     = lang.T("%d 个大于 %d MB 的文件只核对了大小和校验和（PDF 另核对首尾字节），未逐一打开", "%d file larger than %d MB was checked by size and checksum (a PDF also by its first and last bytes), not opened")
	msgListsNothing = lang.T("清单没有列出任何文件：资料包总含有其文件", "the manifest lists no files: a packet always holds its documents")
	msgListsTooMany = lang.T("清单列出 %d 个文件，超过资料包所能容纳的 %d 个", "the manifest lists %d files, more than the %d a packet can hold")
	msgListsOutside = lang.T("清单列出的 %q 不是资料包内的路径", "the manifest lists %q, which is not a path inside the packet")
	msgListsItself  = lang.T("清单列出了 %s，而它无法为此文件记录校验和", "the manifest lists %s, which it cannot checksum")
	msgListsTwice   = lang.T("清单两次列出 %s", "the manifest lists %s twice")
	msgCountErrors  = lang.T("清单记有错误 %d 条，但列出 %d 条", "the manifest counts %d errors but lists %d")
	msgCountWarns   = lang.T("清单记有警告 %d 条，但列出 %d 条", "the manifest counts %d warnings but lists %d")
	msgCountInfos   = lang.T("清单记有提示 %d 条，但列出 %d 条", "the manifest counts %d infos but lists %d")
	msgNotDraft     = lang.T("清单称资料包不是草稿，却列有错误：有错误时只能生成草稿", "the manifest says the packet is not a draft, yet lists errors: only a draft is built despite errors")
	msgMissing      = lang.T("缺少", "missing")
	msgSizeChanged  = lang.T("已改动（大小 %d；清单记为 %d）", "changed (size %d; the manifest says %d)")
	msgSumChanged   = lang.T("已改动（大小 %d，sha256 %s；清单记为 %d、%s）", "changed (size %d, sha256 %s; the manifest says %d, %s)")
	msgCannotRead   = lang.T("无法读取：%v", "cannot be read: %v")

	// Formats.
	msgNoPDFHeader = lang.T("不是有效的 PDF：开头不是 %s", "not a valid PDF: it does not start with %s")
	msgNoPDFEnd    = lang.T("不是有效的 PDF：缺少文件结尾", "not a valid PDF: its end is missing")
	msgBadPDF      = lang.T("不是有效的 PDF：%v", "not a valid PDF: %v")
	msgPages       = lang.T("有 %d 页；清单记为 %d 页", "%d pages; the manifest says %d")
	msgBadWorkbook = lang.T("不是有效的工作簿：%v", "not a valid workbook: %v")
	msgNoSheets    = lang.T("工作簿没有工作表", "the workbook has no sheets")
	msgBadSheet    = lang.T("无法读取工作簿：%v", "the workbook cannot be read: %v")
	msgNotZip      = lang.T("不是 zip 文件：%v", "not a zip: %v")
	msgDocxNotZip  = lang.T("不是有效的 DOCX（不是 zip 文件）：%v", "not a valid DOCX (not a zip): %v")
	msgBadDocx     = lang.T("不是有效的 DOCX：%v", "not a valid DOCX: %v")
	msgBadXML      = lang.T("%s 不是格式正确的 XML：%v", "%s is not well-formed XML: %v")
	msgDocxLacks   = lang.T("不是有效的 DOCX：缺少 %s", "not a valid DOCX: %s is missing")

	// A zip measured before it is unpacked.
	msgInsecureZip = lang.T("zip 文件中有名称指向其外的条目（绝对路径或 ..）：这不是 pilotpack 写出的资料包", "the zip holds entries whose names leave it (an absolute path or ..): it is not a packet pilotpack wrote")
	msgZipEntries  = lang.T("zip 文件有 %d 个条目，超过资料包所能容纳的 %d 个", "the zip has %d entries, more than the %d a packet can hold")
	msgZipEntryBig = lang.T("%s：解压后有 %d 字节，超过资料包中单个文件的上限 %d MB", "%s: unpacks to %d bytes, more than the %d MB a file of a packet can be")
	msgZipBomb     = lang.T("%s：由 %[3]d 字节解压为 %[2]d 字节，是压缩后的 %[4]d 倍：这是压缩炸弹，不是资料包", "%s: unpacks to %d bytes from %d, %d times its size: a zip bomb, not a packet")
	msgZipTwice    = lang.T("%s：在 zip 文件中出现两次", "%s: in the zip twice")
	msgZipTotal    = lang.T("zip 文件的条目解压后共 %d 字节，超过 %d：条目相互重叠，或这是压缩炸弹", "the zip's entries unpack to %d bytes together, more than %d: entries overlap or the zip is a bomb")

	// Seals.
	msgSealNotSeal   = lang.T("%s 不是 pilotpack 的封记（%v）", "%s is not a pilotpack seal (%v)")
	msgSealAlgorithm = lang.T("%s：算法为 %q；pilotpack 用 ed25519 加封", "%s: algorithm %q; pilotpack seals with ed25519")
	msgSealBadKey    = lang.T("%s：公钥不是 Ed25519 密钥", "%s: the public key is not an Ed25519 key")
	msgSealKeyID     = lang.T("%s：密钥标识 %s 与公钥（%s）不符", "%s: key id %s does not match the key (%s)")
	msgSealBadSig    = lang.T("%s：签名与其公钥不符", "%s: the signature is not valid for its key")
	msgSealChanged   = lang.T("manifest.json 在加封后被改动：其校验和不是所签的那个", "manifest.json changed after the packet was sealed: its checksum is not the one signed")
	msgSealMissing   = lang.T("缺少 %s，但清单记载的加封者为 %s", "%s is missing, but the manifest says %s sealed the packet")
	msgSealWanted    = lang.T("资料包未加封（没有 %s），而 --trust 要求的加封密钥为 %s", "the packet is not sealed (no %s), and --trust asks for a seal by %s")
	msgSealNone      = lang.T("资料包未加封：pilotpack verify 只能发现损坏，不能发现有意的改动，因为能改动文件的人也能相应改动清单；请用 pilotpack build --sign KEY 为资料包加封，再用 pilotpack verify --trust KEY.pub 核验",
		"the packet is not sealed: verify finds damage, not deliberate changes, since whoever can change a file can change the manifest to match; seal packets with build --sign KEY and verify them with --trust KEY.pub")
	msgSealOtherKey  = lang.T("%s 由密钥 %s 制作，但清单记载的加封者为 %s", "%s was made with key %s, but the manifest says %s sealed the packet")
	msgSealUnchecked = lang.T("加封者：%s；未核对其密钥：加 --trust KEY.pub 才能确认加封者", "sealed by %s, whose key was not checked: pass --trust KEY.pub to know who sealed it")
	msgSealTrusted   = lang.T("加封者：%s，为可信密钥", "sealed by %s, a trusted key")
	msgSealUntrusted = lang.T("加封者：%s，不是可信密钥（可信密钥：%s）", "sealed by %s, which is not a trusted key (trusted: %s)")
	msgListSep       = lang.T("、", ", ")
	msgProblemSep    = lang.T("；", "; ")
)
