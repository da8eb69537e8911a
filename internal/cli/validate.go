package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"pilotpack/internal/lang"
	"strconv"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/batch"
	"pilotpack/internal/finding"
	"pilotpack/internal/packet"
)

func validateCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "validate",
		Usage:     "check applicant files against the data format and the pilot rules",
		ArgsUsage: "FILE...",
		Description: "Reports every finding, sorted by position, as FILE:LINE:COL: SEVERITY [RULE] FIELD: MESSAGE.\n" +
			"Exits 0 when no finding has error severity and 3 otherwise; warnings and infos never fail.\n" +
			"Attachments are checked and read as build reads them, with the same findings.\n" +
			"The pack supplies the policy (deadlines, thresholds) and what the file may refer to.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "format", Value: "text", Usage: "output format: text or json"},
			&ucli.StringFlag{Name: "lang", Value: "en", Usage: "language of messages: en or zh"},
			packFlag,
			trustFlag,
			attachmentsFlag,
			jobsFlag,
		},
		Action: func(c *ucli.Context) error {
			files, err := batchFiles(c)
			if err != nil {
				return err
			}
			format, lg := c.String("format"), lang.Lang(c.String("lang"))
			if format != "text" && format != "json" {
				return usageErrorf("--format must be text or json, not %q", format)
			}
			if !lg.Valid() {
				return usageErrorf("--lang must be en or zh, not %q", lg)
			}
			attach, err := attachmentOptions(c)
			if err != nil {
				return err
			}
			p, err := openTrusted(c, c.String("pack"))
			if err != nil {
				return err
			}
			bar := batch.NewBar(c.App.ErrWriter, "checking", len(files))
			reports := batch.Run(files, c.Int("jobs"), func(path string) fileReport {
				// The checks of a build, attachments included, and nothing
				// else: validate passes what build accepts.
				_, fs, _ := packet.Check(p, path, attach)
				return newReport(path, fs)
			}, bar.Update)
			bar.Done()
			failed := false
			for _, r := range reports {
				failed = failed || !r.OK
			}
			if format == "json" {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(map[string]any{"files": reports}); err != nil {
					return err
				}
			} else {
				for _, r := range reports {
					r.printText(c.App.Writer, lg)
				}
				if len(reports) > 1 {
					rows := [][]string{{"FILE", "RESULT", "ERRORS", "WARNINGS", "INFOS"}}
					ok := 0
					for _, r := range reports {
						rows = append(rows, []string{r.File, map[bool]string{true: "ok", false: "errors"}[r.OK], strconv.Itoa(r.Errors), strconv.Itoa(r.Warnings), strconv.Itoa(r.Infos)})
						if r.OK {
							ok++
						}
					}
					if err := writeTable(c.App.Writer, rows); err != nil {
						return err
					}
					fmt.Fprintf(c.App.Writer, "%d files: %d without errors, %d with errors\n", len(reports), ok, len(reports)-ok)
				}
			}
			if failed {
				return silentError{ExitData}
			}
			return nil
		},
	}
}

type fileReport struct {
	File     string       `json:"file"`
	OK       bool         `json:"ok"`
	Errors   int          `json:"errors"`
	Warnings int          `json:"warnings"`
	Infos    int          `json:"infos"`
	Findings finding.List `json:"findings"`
}

func newReport(path string, fs finding.List) fileReport {
	return fileReport{File: path, OK: !fs.HasErrors(), Errors: fs.Count(finding.Error),
		Warnings: fs.Count(finding.Warning), Infos: fs.Count(finding.Info), Findings: fs}
}

func (r fileReport) printText(w io.Writer, lg lang.Lang) {
	for _, f := range r.Findings {
		fmt.Fprintln(w, f.Format(lg))
	}
	if lg == lang.Zh {
		verdict := "通过"
		if !r.OK {
			verdict = "未通过"
		}
		fmt.Fprintf(w, "%s：%s（错误 %d，警告 %d，提示 %d）\n", r.File, verdict, r.Errors, r.Warnings, r.Infos)
		return
	}
	verdict := "ok"
	if !r.OK {
		verdict = "FAILED"
	}
	fmt.Fprintf(w, "%s: %s (%s, %s, %s)\n", r.File, verdict, plural(r.Errors, "error"), plural(r.Warnings, "warning"), plural(r.Infos, "info"))
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
