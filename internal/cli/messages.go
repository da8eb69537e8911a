package cli

import (
	"strings"

	"pilotpack/internal/lang"
)

// The command line's messages, in both languages. Every sentence the
// commands print is here, so that a Chinese reader never meets an English
// one and a wording is changed in one place. Arguments that are errors or
// lang.Text are worded in the message's language (lang.Errorf).
var (
	// Reading the command line.
	msgUnknownCommand        = lang.T("%q 不是 %s 的命令；运行 %s 查看命令列表", "%q is not a command of %s; run %s for the list")
	msgUnknownCommandNear    = lang.T("%q 不是 %s 的命令；是否应为 %q？", "%q is not a command of %s; did you mean %q?")
	msgUnknownFlag           = lang.T("%s 不是 %s 的选项；可用的选项：%s%s", "%s is not a flag of %s; its flags are: %s%s")
	msgUnknownFlagNear       = lang.T("%s 不是 %s 的选项；是否应为 %s？%s", "%s is not a flag of %s; did you mean %s?%s")
	msgFlagNeedsValue        = lang.T("%s 需要一个值：%[1]s %s", "%s needs a value: %[1]s %s")
	msgFlagNeedsValueNotFlag = lang.T("%s 需要一个值（%[1]s %s），其后的 %s 却是选项", "%s needs a value (%[1]s %s), but %s after it is a flag")
	msgBoolValue             = lang.T("%s 是开关，只能写成 %[1]s 或 %[1]s=false，不能取值 %q", "%s is a switch: write %[1]s or %[1]s=false, not the value %q")
	msgBadChoice             = lang.T("%s 只能是 %s，不能是 %q%s", "%s must be %s, not %q%s")
	msgNotInt                = lang.T("%s 应为整数，不能是 %q", "%s takes a whole number, not %q")
	msgWrongArgs             = lang.T("参数个数不对；用法：%s", "wrong number of arguments; usage: %s")
	msgNeedFlag              = lang.T("缺少必填选项 %s；用法：%s", "%s is required; usage: %s")
	msgHelpFlag              = lang.T("显示本帮助", "show this help")
	msgDashFile              = lang.T("；如果 %s 是文件名，请写在 -- 之后，或写成 ./%[1]s", "; if %s is a file, put it after --, or write ./%[1]s")

	// Shared.
	msgDate     = lang.T("--date：%v", "--date: %v")
	msgEpoch    = lang.T("SOURCE_DATE_EPOCH=%q 不是秒数", "SOURCE_DATE_EPOCH=%q is not a number of seconds")
	msgWarning  = lang.T("警告：", "warning: ")
	msgInternal = lang.T("内部错误：%v\n这是 pilotpack 的缺陷，请连同所运行的命令一起报告。", "internal error: %v\nThis is a bug in pilotpack; please report it with the command you ran.")
	msgJobs     = lang.T("--jobs 至少为 1", "--jobs must be at least 1")

	// Signals.
	msgSignal            = lang.T("%s；%s", "%s; %s")
	msgInterrupted       = lang.T("已中断", "interrupted")
	msgTerminated        = lang.T("已终止", "terminated")
	msgNothingWritten    = lang.T("没有正在写出的文件", "nothing was being written")
	msgRemovedUnfinished = lang.T("已删除未写完的文件：%s", "removed what was being written: %s")
)

// listOr joins words as "a, b or c" / "a、b 或 c".
func listOr(words []string) lang.Text {
	return joinWords(words, "、", " 或 ", ", ", " or ")
}

// listAnd joins words as "a, b and c" / "a、b 和 c".
func listAnd(words []string) lang.Text {
	return joinWords(words, "、", " 和 ", ", ", " and ")
}

func joinWords(words []string, zhSep, zhLast, enSep, enLast string) lang.Text {
	join := func(sep, last string) string {
		switch len(words) {
		case 0:
			return ""
		case 1:
			return words[0]
		}
		return strings.Join(words[:len(words)-1], sep) + last + words[len(words)-1]
	}
	return lang.T(join(zhSep, zhLast), join(enSep, enLast))
}

// usageError is a usage error (exit 2) worded from t.
func usageError(t lang.Text, args ...any) error {
	return withCode(ExitUsage, lang.Errorf(t, args...))
}
