package cli

import (
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/fixtures"
	"pilotpack/internal/lang"
)

// flagDoc is what urfave/cli has no field for: the placeholder a flag's
// value has in usage lines, the values it may take (checked by readLine,
// offered by the completion scripts), and its usage in Chinese (the English
// is the flag's Usage).
type flagDoc struct {
	arg     string   // placeholder: DIR, FILE, zh|en
	choices []string // the only values allowed, if any
	zh      string
	// required flags are written without brackets in usage lines; the
	// command checks them (needFlags), so that a missing one is exit 2.
	required bool
}

// flagDocs are keyed by "--name", or by "command path --name" where a flag
// means something else in one command (review's --out is a workbook, not a
// folder).
var flagDocs = map[string]flagDoc{
	"--lang":         {arg: "zh|en", choices: []string{"zh", "en"}, zh: "消息语言：zh 或 en（默认：按 LC_ALL、LC_MESSAGES 或 LANG）"},
	"--format":       {arg: "text|json", choices: []string{"text", "json"}, zh: "输出格式：text 或 json"},
	"--pack":         {arg: "PACK", zh: "模板包：文件夹或 .zip（默认：$PILOTPACK_PACK，否则为内置默认模板包）"},
	"--trust":        {arg: "KEY.pub", zh: "模板包必须由其签名的公钥（pack keygen 生成的 .pub 文件）；拒绝未签名或已改动的模板包"},
	"--date":         {arg: "YYYY-MM-DD", zh: "文件与元数据的日期 YYYY-MM-DD（默认：$SOURCE_DATE_EPOCH，否则为今天）"},
	"--jobs":         {arg: "N", zh: "同时处理的文件数（默认：处理器核数）"},
	"--font":         {arg: "FONT.ttf", zh: "正文所用 TrueType 字体（.ttf 或 .ttc），代替思源宋体"},
	"--font-bold":    {arg: "FONT.ttf", zh: "正文粗体所用 TrueType 字体"},
	"--force":        {zh: "覆盖已有文件"},
	"--draft":        {zh: "数据有错误也生成，每页加“草稿 / DRAFT”水印"},
	"--example":      {arg: "adc|vaccine|glp1", choices: fixtures.Examples, zh: "起步示例：adc、vaccine 或 glp1"},
	"--blank":        {zh: "写出所有字段均为空、逐项注释的空白文件，而不是示例"},
	"build --out":    {arg: "DIR", zh: "资料包写入的文件夹"},
	"build --zip":    {zh: "另写 OUT/<资料包标识>.zip"},
	"build --force":  {zh: "替换已有的资料包"},
	"review --out":   {arg: "FILE.xlsx", zh: "要写出的工作簿"},
	"review --plans": {arg: "DIR", zh: "写入“一品一策”工作方案草稿的文件夹"},
	"review --lang":  {arg: "zh|en", choices: []string{"zh", "en"}, zh: "工作簿、工作方案与消息的语言：zh 或 en（默认：各申请文件共同的语言，否则按区域设置）"},
	"render --data":  {arg: "FILE", required: true, zh: "申请文件（YAML 或 JSON）（必填）"},
	"render --template": {arg: "TEMPLATE.md", required: true,
		zh: "要渲染的 Markdown 模板：文件，或模板包中的路径，如 zh/quality-agreement.md（必填）"},
	"render --output":       {arg: "FILE", zh: "输出文件：.pdf、.docx 或 .md（默认：Markdown 写到标准输出）"},
	"render --manufacturer": {arg: "ID", zh: "受托生产企业标识，用于每家企业各出一份的文件"},
	"render --lang":         {arg: "zh|en", choices: []string{"zh", "en"}, zh: "文件语言：zh 或 en（默认：模板所在文件夹 en/ 或 zh/，否则为申请文件的语言）"},
	"render --draft":        {zh: "每页加“草稿 / DRAFT”水印"},
	"build --lang":          {arg: "zh|en", choices: []string{"zh", "en"}, zh: "文件与消息的语言：zh 或 en（默认：申请文件的语言）"},
	"validate --lang":       {arg: "zh|en", choices: []string{"zh", "en"}, zh: "消息语言：zh 或 en（默认：申请文件的语言）"},
	"init --force":          {zh: "覆盖已有文件"},
	"init --xlsx":           {zh: "写出申请数据表（.xlsx），用 Excel、WPS 或 LibreOffice 填写"},
	"convert --force":       {zh: "覆盖已有的 OUT"},
	"compare --out":         {arg: "DIR", zh: "写入修订对照稿与 changes.json 的文件夹；其中此前写入的比较结果将被整体替换"},
	"compare --author":      {arg: "NAME", zh: "修订记录所署的修订者名称"},
	"compare --pack-old":    {arg: "PACK", zh: "旧版本的模板包（与 --pack-new 同用，并只给一个申请文件：比较两个模板包）"},
	"compare --pack-new":    {arg: "PACK", zh: "新版本的模板包"},
	"compare --format":      {arg: "text|json", choices: []string{"text", "json"}, zh: "标准输出上的摘要格式：text 或 json（与 changes.json 相同）"},
	"compare --lang":        {arg: "zh|en", choices: []string{"zh", "en"}, zh: "由申请文件生成的文件的语言：zh 或 en（默认：新文件的语言）"},
	"pack init --force":     {zh: "写入非空的文件夹"},
	"pack init --extends":   {zh: "写出扩展默认模板包的模板包：只有 pack.yaml、policy.yaml 和编写说明"},
	"pack keygen --force":   {zh: "替换已有的密钥文件"},
	"pack sign --key":       {arg: "KEY", required: true, zh: "pack keygen 生成的私钥文件（必填）"},
	"pack sign --signer":    {arg: "WHO", zh: "签名者，按资料包清单所记的名称，如 上海市药品监督管理局"},
	"pack list --dir":       {arg: "DIR", zh: "存放模板包的文件夹"},
	"--attachments":         {arg: "DIR", zh: "以绝对路径给出的附件所允许在的文件夹；可重复给出多个（相对路径始终在申请文件所在文件夹内解析）"},
	"build --sign":          {arg: "KEY", zh: "用此私钥（pack keygen 生成）为每个资料包加封：manifest.sig 为清单签名，verify --trust 据此识别改动"},
	"build --signer":        {arg: "WHO", zh: "加封者，按 manifest.sig 与 verify 所记的名称，如申请人名称（与 --sign 同用）"},
	"verify --trust":        {arg: "KEY.pub", zh: "资料包必须由其加封的公钥（pack keygen 生成的 .pub 文件）；可重复给出多个"},
}

// docOf returns the flag's doc in the command at path.
func docOf(path []*ucli.Command, s flagSpec) flagDoc {
	name := dashed(s.names[0])
	if d, ok := flagDocs[strings.Join(pathNames(path), " ")+" "+name]; ok {
		return d
	}
	return flagDocs[name]
}

func pathNames(path []*ucli.Command) []string {
	var out []string
	for _, c := range path[1:] {
		out = append(out, c.Name)
	}
	return out
}

// placeholder is the flag's value in usage lines.
func placeholder(path []*ucli.Command, s flagSpec) string {
	if d := docOf(path, s); d.arg != "" {
		return d.arg
	}
	return "VALUE"
}

// flagChoices are the values the flag may take, or nil for any.
func flagChoices(path []*ucli.Command, s flagSpec) []string { return docOf(path, s).choices }

// flagUsage is the flag's usage line in l.
func flagUsage(path []*ucli.Command, s flagSpec, l lang.Lang) string {
	if s.names[0] == "help" {
		return msgHelpFlag.In(l)
	}
	en := ""
	if d, ok := s.flag.(ucli.DocGenerationFlag); ok {
		en = d.GetUsage()
	}
	return lang.T(docOf(path, s).zh, en).In(l)
}
