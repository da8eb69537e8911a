package datafile

import (
	"strings"

	"pilotpack/internal/lang"
)

// The package's messages about files that cannot be read, in both
// languages; the problems with single values carry theirs (Problem.En and
// Problem.Zh).
var (
	msgTooLarge         = lang.T("文件有 %d 字节，超过上限 %d；是不是选错了文件？", "file is %d bytes, more than the limit of %d; is this the right file?")
	msgEmpty            = lang.T("文件是空的", "file is empty")
	msgUTF16            = lang.T("文件是 UTF-16 编码；请另存为 UTF-8", "file is UTF-16 encoded; save it as UTF-8")
	msgNotText          = lang.T("不是文本文件（%s）；请给出用 YAML 或 JSON 写的申请文件", "not a text file (%s); give the applicant file, written in YAML or JSON")
	msgBadByte          = lang.T("第 %[2]d 行第 %[3]d 列的字节 0x%02[1]X 不是有效的 UTF-8%[4]s%[5]s", "byte 0x%02X at line %d, column %d is not valid UTF-8%s%s")
	msgBadByteInUTF8    = lang.T("，而文件其余部分是 UTF-8；请重新输入该处的字符，或将文件重新另存为 UTF-8", ", in a file that is otherwise UTF-8; retype the character there, or save the file as UTF-8 again")
	msgBadByteElsewhere = lang.T("：文件是另一种编码（Latin-1 或 Windows-1252？）；请另存为 UTF-8", ": the file is in another encoding (Latin-1 or Windows-1252?); save it as UTF-8")
	msgMoreBadByte      = lang.T("（文件中另有 %d 个）", " (and %d more byte in the file)")
	msgMoreBadBytes     = lang.T("（文件中另有 %d 个）", " (and %d more bytes in the file)")
	msgGBK              = lang.T(
		"文件不是 UTF-8 编码，看起来是 GBK/GB18030（Windows 中文版的默认编码）。请另存为 UTF-8："+
			"在记事本中选“文件 → 另存为”，“编码”选“UTF-8”后保存；在 WPS 中选“文件 → 另存为”，在“编码”或“文本编码”中选“UTF-8”；"+
			"或在命令行运行：iconv -f GB18030 -t UTF-8 %s > utf8-%[1]s",
		"file is not UTF-8: it looks GBK/GB18030-encoded (the default of Chinese Windows). Save it as UTF-8: "+
			"in Notepad, File → Save As, set Encoding to UTF-8 and save; in WPS, File → Save As and choose UTF-8 as the (text) encoding; "+
			"or run: iconv -f GB18030 -t UTF-8 %s > utf8-%[1]s")
	msgTooMany    = lang.T("文件展开后超过 %d 个值（YAML 别名？）；拒绝读取", "file expands to more than %d values (through YAML aliases?); refusing to read it")
	msgTooDeep    = lang.T("值的嵌套超过 %d 层", "values are nested more than %d levels deep")
	msgYAMLPanic  = lang.T("YAML 解析器出错：%v", "YAML parser failed: %v")
	msgTwoDocs    = lang.T("文件含有多个 YAML 文档（---）；请把内容写在一个文档里", "more than one YAML document (---); put everything in one")
	msgBadNode    = lang.T("不支持的 YAML 节点", "unsupported YAML node")
	msgYAMLSyntax = lang.T("YAML 语法错误：%s", "YAML syntax: %s")
	msgJSONSyntax = lang.T("JSON 语法错误：%s", "JSON syntax: %s")
	msgJSONAfter  = lang.T("顶层值之后还有内容", "unexpected text after the top-level value")
	msgJSONEOF    = lang.T("文件意外结束（括号或引号未闭合？）", "unexpected end of file")
	msgJSONToken  = lang.T("意外的 %v", "unexpected %v")
)

// parserMessages word the YAML and JSON parsers' messages in Chinese, by a
// part of the English they give: the parsers speak English only.
var parserMessages = []struct{ part, zh string }{
	{"cannot start any token", "此处的字符不能作为值的开头；如果它是值的一部分，请给整个值加引号"},
	{"is a reserved character", "此字符被 YAML 保留，不能作为值的开头；请给整个值加引号"},
	{"tab character", "缩进里有制表符（Tab）；YAML 只能用空格缩进"},
	{"mapping value", "此处不能再写“字段: 值”；如果值里有“: ”，请给整个值加引号"},
	{"mapping values are not allowed", "此处不能再写“字段: 值”；如果值里有“: ”，请给整个值加引号"},
	{"',' or '}'", "缺少“,”或“}”：花括号 { } 没有闭合？"},
	{"flow mapping end token", "缺少“}”：花括号 { } 没有闭合？"},
	{"corresponding to '}'", "多了一个“}”：前面没有与之配对的“{”"},
	{"corresponding to ']'", "多了一个“]”：前面没有与之配对的“[”"},
	{"sequence end token", "缺少“]”：方括号 [ ] 没有闭合？"},
	{"anchor", "以 & 或 * 开头的值被当作 YAML 的锚点或别名；如果它是值的一部分，请给整个值加引号"},
	{"alias", "以 & 或 * 开头的值被当作 YAML 的锚点或别名；如果它是值的一部分，请给整个值加引号"},
	{"could not find value for mapping key", "字段缺少值"},
	{"expected map key-value delimiter", "缺少冒号“:”：每个字段写成“字段: 值”，冒号后有空格"},
	{"implicit line break", "字段名不能跨行"},
	{"block sequence entries are not allowed", "此处不能开始列表：检查“-”的缩进"},
	{"sequence entries are not allowed", "此处不能开始列表：检查“-”的缩进"},
	{"document separator", "“---”之后不能再写内容：整个文件只写一个文档"},
	{"value is not allowed in this context", "此处不能写值：检查缩进，以及冒号后是否有空格"},
	{"unexpected map key", "此处不能写字段名：检查缩进"},
	{"found an invalid key", "字段名无效：字段名只能是简单的名称"},
	{"tag is not allowed", "此处不能使用以 ! 开头的标签；如果 ! 是值的一部分，请给整个值加引号"},
	{"directive", "以 % 开头的行被当作 YAML 指令；如果 % 是值的一部分，请给整个值加引号"},
	{"',' or ']'", "缺少“,”或“]”：方括号 [ ] 没有闭合？"},
	{"could not find expected ':'", "缺少冒号“:”：每个字段写成“字段: 值”，冒号后有空格"},
	{"non-map value", "缺少冒号“:”：每个字段写成“字段: 值”，冒号后有空格"},
	{"unexpected key name", "字段名的位置不对：检查缩进，以及冒号后是否有空格"},
	{"did not find expected key", "此处应为字段名：检查缩进是否与上一行对齐"},
	{"did not find expected node content", "此处缺少值"},
	{"unexpected end of stream", "文件意外结束：引号或括号没有闭合？"},
	{"found unknown escape character", "双引号字符串中有无法识别的转义符 \\；如要写反斜杠本身，请写成 \\\\ 或改用单引号"},
	{"unknown anchor", "引用了未定义的锚点（以 * 开头的值）；如果 * 是值的一部分，请给整个值加引号"},
	{"could not find expected", "缺少应有的符号"},
	{"invalid character", "此处有无效字符"},
	{"unexpected end of JSON input", "文件意外结束"},
	{"after object key", "对象的键后面应为冒号“:”"},
	{"after object key:value pair", "键值对后面应为“,”或“}”"},
	{"after array element", "数组元素后面应为“,”或“]”"},
}

// parserZh words a parser's English message in Chinese.
func parserZh(en string) string {
	for _, m := range parserMessages {
		if strings.Contains(strings.ToLower(en), strings.ToLower(m.part)) {
			return m.zh
		}
	}
	return "此处的写法有误，请检查这一行及上一行"
}
