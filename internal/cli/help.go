package cli

import (
	"fmt"
	"io"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/lang"
	"pilotpack/internal/termwidth"
)

// Help is printed by the command line itself, not by urfave/cli's
// templates: usage lines carry the full command path, the exit codes
// appear once (in the root's help), and every heading and line has its
// Chinese wording.

var (
	msgHelpUsage      = lang.T("用法：", "Usage:")
	msgHelpCommands   = lang.T("命令：", "Commands:")
	msgHelpFlags      = lang.T("选项：", "Flags:")
	msgHelpRootUsage  = lang.T("命令 [选项] [参数]", "COMMAND [FLAGS] [ARGUMENTS]")
	msgHelpSubUsage   = lang.T("子命令 [选项] [参数]", "SUBCOMMAND [FLAGS] [ARGUMENTS]")
	msgHelpVersion    = lang.T("显示版本", "print the version")
	msgHelpDefault    = lang.T("（默认：%s）", " (default: %s)")
	msgHelpEnv        = lang.T("（环境变量 $%s）", " ($%s)")
	msgHelpRepeat     = lang.T("（可重复）", " (repeatable)")
	msgHelpFlagsWhere = lang.T("选项可写在参数之前或之后；-- 之后的都是参数。", "Flags may come before or after the arguments; everything after -- is an argument.")
	msgHelpMore       = lang.T("运行 %s help 命令名，查看该命令的用法与选项。", "Run %s help COMMAND for a command's usage and flags.")
	msgHelpExitRef    = lang.T("退出码见 %s --help。", "Exit codes: see %s --help.")
	msgHelpExitCodes  = lang.T("退出码：", "Exit codes:")
	msgRootUsage      = lang.T("生成生物制品分段生产试点的申报资料包", "build filing packets for the phased-manufacturing pilot for biological products (生物制品分段生产试点)")
	msgRootDesc       = lang.T(
		"pilotpack 按试点规则检查申请文件，并据此生成省级药品监督管理部门受理的资料包：申请书、\n"+
			"与每家受托生产企业的质量协议和委托生产协议、申报资料清单工作簿、附件，以及带校验和的清单。",
		"pilotpack checks an applicant file against the pilot's rules and turns it into the\n"+
			"packet a provincial bureau receives: the application, the quality and commissioned\n"+
			"production agreements for every contract manufacturer, the checklist workbook,\n"+
			"attachments and a manifest with checksums.")
)

// exitCodes is the table of exit codes, the same for every command.
var exitCodes = []struct {
	code int
	text lang.Text
}{
	{ExitOK, lang.T("成功", "success")},
	{ExitInternal, lang.T("内部错误（程序缺陷，或磁盘、权限出错）", "internal error (a bug, or the disk or permissions failed)")},
	{ExitUsage, lang.T("用法错误（命令、选项或参数有误，会覆盖已有文件，或输出文件处是文件夹）", "usage error (wrong command, flags or arguments, a file that would be overwritten, or a folder where an output file goes)")},
	{ExitData, lang.T("申请数据无效（有错误级别的检查结果）", "invalid applicant data (findings with error severity)")},
	{ExitPack, lang.T("模板包错误（无效，或签名缺失、不符）", "template pack error (invalid, or signature missing or wrong)")},
	{ExitVerify, lang.T("资料包校验未通过", "packet verification failed")},
	{ExitInterrupt, lang.T("被中断（Ctrl-C，SIGINT）：正在写出的内容已删除", "interrupted (Ctrl-C, SIGINT): what was being written is removed")},
	{ExitTerminated, lang.T("被终止（SIGTERM）：同上", "terminated (SIGTERM): likewise")},
}

// commandZh holds the Chinese usage and description of each command, by
// its path; the English is the command's Usage and Description.
var commandZh = map[string]struct{ usage, desc string }{
	"init": {"写出一份完整、带注释的示例申请文件，作为起点",
		"按内置示例之一写出 FILE（默认 applicant.yaml；以 .json 结尾则写 JSON），或加 --blank 写出所有字段\n" +
			"均为空、逐项注释的空白文件；并在旁边写出 JSON Schema（" + schemaFile + "），供编辑器补全和检查字段。\n" +
			"application.id 取自 FILE 的文件名，资料包即以新文件命名。已有的 FILE 不会被覆盖，除非加 --force。"},
	"validate": {"按数据格式和试点规则检查申请文件",
		"按位置顺序列出每条检查结果：文件:行:列: 级别 [规则] 字段: 说明。\n" +
			"没有错误级别的结果时退出码为 0，否则为 3；警告和提示不影响通过。\n" +
			"模板包提供政策参数（截止日期、阈值）以及文件可引用的内容。\n" +
			"消息使用文件的语言（application.language），可用 --lang 另行指定。"},
	"build": {"生成申请文件的申报资料包",
		"先检查申请文件，再把资料包写到 OUT/<资料包标识>/（标识取 application.id，否则由文件名生成）：\n" +
			"带目录和书签的合订本（00-combined.pdf）、模板包中每份文件的 PDF 和 DOCX（协议按受托生产企业各一份）、\n" +
			"申报资料清单工作簿、附件，以及记录每个文件校验和的 manifest.json。\n" +
			"有错误级别的检查结果时不生成（退出码 3），除非加 --draft，此时每页加“草稿 / DRAFT”水印。\n" +
			"资料包连同其 .zip 先写在目标旁边再移入：生成失败或被中断时输出文件夹保持原样，被强行终止的生成\n" +
			"留下的临时文件由下一次生成清除。已有的资料包或 .zip 不会被替换，除非加 --force。附件在申请文件\n" +
			"所在文件夹内解析；以绝对路径给出的附件须在 --attachments 指定的文件夹内。--sign KEY 为资料包加封\n" +
			"（manifest.sig），供 verify --trust 核验。\n" +
			"多个文件（文件名、存放申请文件（.yaml、.json、.xlsx）的文件夹，或 'in/*.yaml' 这样的模式）每次处理 --jobs 个，\n" +
			"在终端上显示进度条，最后列出汇总表；一个文件出错不影响其他文件，退出码取最严重的一个。\n" +
			"会生成同一个资料包的两个文件在开始前即一并拒绝。"},
	"verify": {"按清单核验资料包：校验和、缺少和多出的文件、PDF、DOCX 和 XLSX 的结构",
		"PACKET 为资料包文件夹或其 .zip。所有文件与 manifest.json 一致且能按其格式打开时退出码为 0；\n" +
			"有任何问题（文件被改动、缺少、多出，或无法打开）时为 5；PACKET 不存在时为 2。"},
	"review": {"审评部门对多份申请文件的受理工作簿，以及“一品一策”工作方案草稿",
		"按模板包的政策检查每个文件，写出一份用于初步遴选的工作簿：每份申请一行（申请人、品种、类别、省份、\n" +
			"生产阶段与场地、受托生产企业、跨境情况、错误、警告、截止日期、结论），各申请涉及的受托生产企业\n" +
			"（被谁使用、经验、审查日的 GMP 状态），每条检查结果，以及汇总；带筛选和条件格式。加 --plans DIR\n" +
			"还为每份可读的申请起草模板包中的工作方案（一品一策），PDF 和 DOCX，命名为 <资料包标识>-work-plan。\n" +
			"工作簿和工作方案已存在时整体替换。文件可以是文件夹或模式，与 build 相同。申请中的错误是审查的结果，\n" +
			"不算失败：除非模板包、参数或写出失败，退出码为 0。"},
	"render": {"用申请文件渲染一个 Markdown 模板，输出 PDF、DOCX 或 Markdown",
		"模板作者的预览工具：以申请数据为上下文渲染模板（含 pongo2 标签的 Markdown），再排成 PDF 或 DOCX，\n" +
			"或写出渲染后的 Markdown。输出格式取决于 -o 的扩展名（.pdf、.docx、.md）；不加 -o 时 Markdown\n" +
			"写到标准输出。给了 --pack 时模板是其中的路径；否则是一个文件，在其所在的模板包文件夹（含 pack.yaml）\n" +
			"中渲染或单独渲染；再否则是默认模板包中的路径。每家受托生产企业各一份的模板需要 --manufacturer。\n" +
			"警告（字体缺少的字符、文件无法表达的 Markdown）写到标准错误。模板可包含旁边的文件，不能包含上级文件夹中的文件。"},
	"convert": {"在 YAML、JSON 与申请数据表（.xlsx）之间转换申请文件",
		"读取 IN，按 OUT 扩展名所指的格式（.yaml、.json 或 .xlsx，即 init --xlsx 写出的申请数据表）写出同样的数据。\n" +
			"数据模型中的每个值在各方向上都完整保留；YAML 文件的注释不是数据，不会保留。附件路径改写为相对于 OUT\n" +
			"所在文件夹；不在该文件夹内的附件改写为绝对路径，检查和生成时须用 --attachments 指明其文件夹。\n" +
			"IN 的数据格式不得有错误（先运行 pilotpack validate IN）；已有的 OUT 不会被覆盖，除非加 --force。"},
	"compare": {"比较资料包的两个版本：生成修订模式 DOCX、标注修改的 PDF 与修改摘要",
		"OLD 和 NEW 为资料包（build 写出的文件夹或 .zip）或申请文件；申请文件在内存中用同一模板包、语言和日期生成。\n" +
			"使用 --pack-old 与 --pack-new 时，同一申请文件分别用两个模板包生成：看审评部门修订的模板包如何改变文件。\n" +
			"文件按模板包中的文件与受托生产企业配对。每份有改动的文件在 OUT 中得到 NN-<文件>-redline.docx（改动为\n" +
			"Word 修订，修订者 --author、日期 --date，可逐条接受或拒绝）和 NN-<文件>-redline.pdf（插入为蓝色下划线，\n" +
			"删除为红色删除线，移动的条款为绿色，改动行旁有竖线，首页列出全部改动并链接到其所在页）。OUT/changes.json\n" +
			"（以及 --format json 时的标准输出）为摘要：每份文件的状态和按条款列出的改动、增删的文件，以及申请文件中\n" +
			"改动的字段及其新旧值和位置。文件按其结构（章、条、款项标号）对齐：仅重新编号的条款不算改动，只随编号\n" +
			"变化的引用另行列出。资料包从其自身的 DOCX 文件读取，并与清单核对；申请文件在资料包旁且未改动时，也比较\n" +
			"申请数据。由非默认且未用 --pack（或 --pack-old、--pack-new）给出的模板包生成的资料包、文件被改动过的\n" +
			"资料包，或语言不同的资料包不能比较（退出码 2）。"},
	"schema": {"输出申请文件的 JSON Schema（draft 2020-12）",
		"编辑器用此模式补全和检查申请文件。把它存到文件旁边：\n" +
			"   pilotpack schema > pilotpack.schema.json\n" +
			"并保留申请文件的第一行：\n" +
			"   # yaml-language-server: $schema=pilotpack.schema.json"},
	"pack": {"模板包：init、lint、list、keygen、sign",
		"模板包是一个文件夹（或 .zip），含 pack.yaml（所含文件）、policy.yaml（试点参数）、checklist.yaml\n" +
			"（申报资料清单）、responsibilities.yaml（默认职责分工表），以及 zh/、en/ 和 partials/ 下的 Markdown 模板。\n" +
			"审评部门可发布自己的模板包；templates/README.md（pack init 也会写出）说明如何编写。\n" +
			"模板包可以只含对默认模板包的改动（pack.yaml 中写 extends: default）。\n" +
			"审评部门为模板包签名（pack keygen，再 pack sign）；申请人用 --trust KEY.pub 生成资料包时，\n" +
			"只接受由该密钥签名且签名后未改动的模板包。"},
	"pack init": {"把默认模板包写成可编辑的文件夹，或加 --extends 写出只含少量改动的模板包", ""},
	"pack lint": {"检查模板包：字段、过滤器、包含、条件，并用每个示例渲染每份文件",
		"不给 PACK 时检查内置默认模板包。模板包不能用于生成资料包时，列出每处问题及其位置，退出码为 4。"},
	"pack list": {"列出内置模板包和某个文件夹中的模板包",
		"文件夹为 --dir，否则为 $PILOTPACK_PACKS。其中每个模板包文件夹（含 pack.yaml）或 .zip 都会被打开，\n" +
			"并显示签名情况：由谁签名、签名后是否改动、或未签名；加 --trust 时还显示是否由可信密钥签名。"},
	"pack keygen": {"生成用于模板包签名的 Ed25519 密钥对：NAME.key（私钥）和 NAME.pub（公钥）",
		"NAME.key 须保密（只有你可读）；公布 NAME.pub，申请人把它交给 --trust。\n" +
			"文件为 PEM 格式（PKCS #8 和 PKIX），openssl 可以读取。"},
	"pack sign": {"用私钥为模板包（文件夹或 .zip）签名，在其中写入 pack.sig",
		"签名覆盖模板包的每个文件：之后改动任何一个，--trust 都会拒绝该模板包，直到重新签名。\n" +
			"模板包必须能无问题地打开；请先运行 pack lint。"},
	"completion": {"输出 bash、zsh、fish 或 PowerShell 的补全脚本",
		"补全命令、子命令、选项，以及 --lang、--format、--example 的取值。\n" +
			"bash：       source <(pilotpack completion bash)        （写入 ~/.bashrc）\n" +
			"zsh：        source <(pilotpack completion zsh)         （写入 ~/.zshrc，在 compinit 之后）\n" +
			"fish：       pilotpack completion fish > ~/.config/fish/completions/pilotpack.fish\n" +
			"PowerShell： pilotpack completion powershell | Out-String | Invoke-Expression   （写入 $PROFILE）"},
	"help": {"显示命令的用法和选项", "pilotpack help build 与 pilotpack build --help 输出相同。"},
}

// usageOf and descOf word a command's usage and description in l.
func usageOf(path []*ucli.Command, l lang.Lang) string {
	if len(path) == 1 {
		return msgRootUsage.In(l)
	}
	return lang.T(commandZh[strings.Join(pathNames(path), " ")].usage, path[len(path)-1].Usage).In(l)
}

func descOf(path []*ucli.Command, l lang.Lang) string {
	if len(path) == 1 {
		return msgRootDesc.In(l)
	}
	return lang.T(commandZh[strings.Join(pathNames(path), " ")].desc, path[len(path)-1].Description).In(l)
}

// synopsis is a command's usage line: every flag, then its arguments.
func synopsis(path []*ucli.Command) string {
	c := path[len(path)-1]
	parts := []string{commandName(path)}
	if len(c.Subcommands) > 0 {
		return strings.Join(append(parts, "SUBCOMMAND ..."), " ")
	}
	for _, s := range specs(c) {
		if s.flag == nil {
			continue
		}
		f := dashed(s.names[0])
		if s.value {
			f += " " + placeholder(path, s)
		}
		if !isRequired(path, s) {
			f = "[" + f + "]"
		}
		if isRepeatable(s) {
			f += "..."
		}
		parts = append(parts, f)
	}
	if c.ArgsUsage != "" && strings.TrimSpace(c.ArgsUsage) != "" {
		parts = append(parts, c.ArgsUsage)
	}
	return strings.Join(parts, " ")
}

func isRepeatable(s flagSpec) bool {
	d, ok := s.flag.(ucli.DocGenerationSliceFlag)
	return ok && d.IsSliceFlag()
}

// isRequired reports whether the command cannot run without the flag.
func isRequired(path []*ucli.Command, s flagSpec) bool {
	return docOf(path, s).required
}

// leaves returns every command that runs, depth first, with its path.
func leaves(root *ucli.Command) [][]*ucli.Command {
	var out [][]*ucli.Command
	var walk func(path []*ucli.Command)
	walk = func(path []*ucli.Command) {
		c := path[len(path)-1]
		if len(c.Subcommands) == 0 {
			if len(path) > 1 {
				out = append(out, path)
			}
			return
		}
		for _, s := range c.Subcommands {
			walk(append(append([]*ucli.Command(nil), path...), s))
		}
	}
	walk([]*ucli.Command{root})
	return out
}

// writeHelp writes the help of the command at path in l.
func writeHelp(w io.Writer, path []*ucli.Command, version string, l lang.Lang) {
	var b strings.Builder
	c := path[len(path)-1]
	prog := path[0].Name
	root := len(path) == 1
	colon := map[lang.Lang]string{lang.Zh: "：", lang.En: ": "}[l]
	if root {
		fmt.Fprintf(&b, "%s %s%s%s\n\n", prog, version, colon, usageOf(path, l))
	} else {
		fmt.Fprintf(&b, "%s%s%s\n\n", commandName(path), colon, usageOf(path, l))
	}
	b.WriteString(msgHelpUsage.In(l) + "\n")
	switch {
	case root:
		fmt.Fprintf(&b, "  %s %s\n", prog, msgHelpRootUsage.In(l))
	case len(c.Subcommands) > 0:
		fmt.Fprintf(&b, "  %s %s\n", commandName(path), msgHelpSubUsage.In(l))
	default:
		fmt.Fprintf(&b, "  %s\n", synopsis(path))
	}
	if d := descOf(path, l); d != "" && d != usageOf(path, l) {
		b.WriteString("\n" + indent(d, "  ") + "\n")
	}
	if len(c.Subcommands) > 0 {
		b.WriteString("\n" + msgHelpCommands.In(l) + "\n")
		var rows [][2]string
		var list func(p []*ucli.Command)
		list = func(p []*ucli.Command) {
			for _, s := range p[len(p)-1].Subcommands {
				sp := append(append([]*ucli.Command(nil), p...), s)
				if len(s.Subcommands) > 0 && root {
					list(sp)
					continue
				}
				rows = append(rows, [2]string{strings.Join(pathNames(sp)[len(path)-1:], " "), usageOf(sp, l)})
			}
		}
		list(path)
		writeColumns(&b, rows)
	}
	b.WriteString("\n" + msgHelpFlags.In(l) + "\n")
	var rows [][2]string
	for _, s := range specs(c) {
		var names []string
		for _, n := range s.names[1:] {
			names = append(names, dashed(n))
		}
		names = append(names, dashed(s.names[0]))
		left := strings.Join(names, ", ")
		if s.value {
			left += " " + placeholder(path, s)
		}
		if s.names[0] == "help" {
			left = "-h, --help"
		}
		rows = append(rows, [2]string{left, flagLine(path, s, l)})
	}
	if root {
		rows = append(rows, [2]string{"-v, --version", msgHelpVersion.In(l)})
	}
	writeColumns(&b, rows)
	b.WriteString("\n" + msgHelpFlagsWhere.In(l) + "\n")
	if root {
		b.WriteString(lang.Sprintf(l, msgHelpMore, prog) + "\n")
		b.WriteString("\n" + msgHelpExitCodes.In(l) + "\n")
		for _, e := range exitCodes {
			fmt.Fprintf(&b, "  %d  %s\n", e.code, e.text.In(l))
		}
	} else {
		b.WriteString(lang.Sprintf(l, msgHelpExitRef, prog) + "\n")
	}
	io.WriteString(w, b.String())
}

// flagLine is a flag's usage with its default, environment variable and
// whether it may be repeated.
func flagLine(path []*ucli.Command, s flagSpec, l lang.Lang) string {
	u := flagUsage(path, s, l)
	if d, ok := s.flag.(ucli.DocGenerationFlag); ok {
		if _, isString := s.flag.(*ucli.StringFlag); isString && d.GetValue() != "" && d.GetValue() != `""` {
			u += lang.Sprintf(l, msgHelpDefault, strings.Trim(d.GetValue(), `"`))
		}
		for _, e := range d.GetEnvVars() {
			u += lang.Sprintf(l, msgHelpEnv, e)
		}
	}
	if isRepeatable(s) {
		u += msgHelpRepeat.In(l)
	}
	return u
}

// writeColumns writes two columns, the second aligned by display width.
func writeColumns(b *strings.Builder, rows [][2]string) {
	w := 0
	for _, r := range rows {
		w = max(w, termwidth.String(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(b, "  %s  %s\n", termwidth.Pad(r[0], w), r[1])
	}
}

func indent(s, by string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = by + l
		}
	}
	return strings.Join(lines, "\n")
}

func helpCommand() *ucli.Command {
	return &ucli.Command{
		Name:        "help",
		Usage:       "show the usage and flags of a command",
		ArgsUsage:   "[COMMAND...]",
		Description: "pilotpack help build and pilotpack build --help print the same.",
		// The command line answers help before any command runs (readLine);
		// this definition lists it and documents it.
		Action: func(c *ucli.Context) error { return nil },
	}
}
