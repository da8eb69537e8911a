package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/batch"
	"pilotpack/internal/civil"
	"pilotpack/internal/lang"
)

var dateFlag = &ucli.StringFlag{Name: "date", Usage: "build date YYYY-MM-DD for the documents and metadata (default: $SOURCE_DATE_EPOCH, else today)"}

// buildDate is the date documents carry: --date, else SOURCE_DATE_EPOCH,
// else now. Fixing it makes builds byte-identical.
func buildDate(c *ucli.Context) (time.Time, error) {
	if s := c.String("date"); s != "" {
		d, err := civil.Parse(s)
		if err != nil {
			return time.Time{}, usageError(msgDate, err)
		}
		return d.Time(), nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usageError(msgEpoch, s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now().UTC().Truncate(time.Second), nil
}

// langFlag is the --lang of a command that reads applicant files; usage
// says what the language chooses and its default.
func langFlag(usage string) *ucli.StringFlag {
	return &ucli.StringFlag{Name: "lang", Usage: usage}
}

// formatFlag is --format text|json.
func formatFlag() *ucli.StringFlag {
	return &ucli.StringFlag{Name: "format", Value: "text", Usage: "output format: text or json"}
}

// warn writes a warning line to stderr.
func warn(c *ucli.Context, l lang.Lang, t lang.Text, args ...any) {
	fmt.Fprintf(c.App.ErrWriter, "pilotpack: %s%s\n", msgWarning.In(l), lang.Sprintf(l, t, args...))
}

// wordAll words texts in l, as a list that is never nil (JSON []).
func wordAll(ts []lang.Text, l lang.Lang) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(l)
	}
	return out
}

// say writes a line worded from t to stdout.
func say(c *ucli.Context, l lang.Lang, t lang.Text, args ...any) {
	fmt.Fprintln(c.App.Writer, lang.Sprintf(l, t, args...))
}

// complain writes a line worded from t to stderr.
func complain(c *ucli.Context, l lang.Lang, t lang.Text, args ...any) {
	fmt.Fprintf(c.App.ErrWriter, "pilotpack: %s\n", lang.Sprintf(l, t, args...))
}

// batchLang is the language of what a command says about several files at
// once: --lang, else the files' language when they agree, else the locale.
func batchLang(st *state, langs []lang.Lang) lang.Lang {
	if st.lang != "" {
		return st.lang
	}
	common := lang.Lang("")
	for _, l := range langs {
		switch {
		case !l.Valid():
		case common == "":
			common = l
		case common != l:
			return st.locale
		}
	}
	return st.about(common)
}

// Nouns counted in summaries.
var (
	nounError       = [2]lang.Text{lang.T("错误 %d", "%d error"), lang.T("错误 %d", "%d errors")}
	nounWarning     = [2]lang.Text{lang.T("警告 %d", "%d warning"), lang.T("警告 %d", "%d warnings")}
	nounInfo        = [2]lang.Text{lang.T("提示 %d", "%d info"), lang.T("提示 %d", "%d infos")}
	nounFinding     = [2]lang.Text{lang.T("%d 条", "%d finding"), lang.T("%d 条", "%d findings")}
	nounFile        = [2]lang.Text{lang.T("%d 个文件", "%d file"), lang.T("%d 个文件", "%d files")}
	nounProblem     = [2]lang.Text{lang.T("%d 处问题", "%d problem"), lang.T("%d 处问题", "%d problems")}
	nounApplication = [2]lang.Text{lang.T("%d 份申请", "%d application"), lang.T("%d 份申请", "%d applications")}
	nounPlan        = [2]lang.Text{lang.T("%d 份工作方案", "%d work plan"), lang.T("%d 份工作方案", "%d work plans")}
)

// count words n of a noun in both languages: 1 error, 2 errors / 错误 2.
func count(n int, noun [2]lang.Text) lang.Text { return lang.Count(n, noun[0], noun[1]) }

// The words of the progress bar.
var (
	msgVerbChecking  = lang.T("检查", "checking")
	msgVerbBuilding  = lang.T("生成", "building")
	msgVerbReviewing = lang.T("审查", "reviewing")
	msgBarRate       = lang.T("%.1f 个/秒", "%.1f/s")
	msgBarLeft       = lang.T("剩余 %s", "%s left")
)

// newBar is the progress bar of a batch command, worded in l.
func newBar(c *ucli.Context, l lang.Lang, verb lang.Text, total int) *batch.Bar {
	return batch.NewBar(c.App.ErrWriter, batch.BarWords{Verb: verb.In(l), PerSecond: msgBarRate.In(l), Left: msgBarLeft.In(l)}, total)
}

// writeJSON writes v as indented JSON and ends the command with code.
func writeJSON(c *ucli.Context, v any, code int) error {
	enc := json.NewEncoder(c.App.Writer)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return exitWith(code)
}

// batchFiles reads a batch command's FILE arguments (names, folders,
// patterns) and its --jobs.
func batchFiles(c *ucli.Context) ([]string, error) {
	if err := needArgs(c, 1, -1); err != nil {
		return nil, err
	}
	files, err := batch.Expand(c.Args().Slice())
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	if c.Int("jobs") < 1 {
		return nil, usageError(msgJobs)
	}
	return files, nil
}
