package cli

import (
	"fmt"
	"io"
	"strconv"
	"sync"
	"sync/atomic"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/applicant"
	"pilotpack/internal/batch"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/packet"
	"pilotpack/internal/rules"
)

var (
	msgValidateOK     = lang.T("%s：通过（%s，%s，%s）", "%s: ok (%s, %s, %s)")
	msgValidateFailed = lang.T("%s：未通过（%s，%s，%s）", "%s: FAILED (%s, %s, %s)")
	msgValidateTotal  = lang.T("共 %d 个文件：%d 个无错误，%d 个有错误", "%d files: %d without errors, %d with errors")
	msgColFile        = lang.T("文件", "FILE")
	msgColResult      = lang.T("结果", "RESULT")
	msgColErrors      = lang.T("错误", "ERRORS")
	msgColWarnings    = lang.T("警告", "WARNINGS")
	msgColInfos       = lang.T("提示", "INFOS")
	msgResultOK       = lang.T("通过", "ok")
	msgResultErrors   = lang.T("有错误", "errors")
)

func validateCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "validate",
		Usage:     "check applicant files against the data format and the pilot rules",
		ArgsUsage: "FILE...",
		Description: "Reports every finding, sorted by position, as FILE:LINE:COL: SEVERITY [RULE] FIELD: MESSAGE.\n" +
			"Exits 0 when no finding has error severity and 3 otherwise; warnings and infos never fail.\n" +
			"Attachments are checked and read as build reads them, with the same findings.\n" +
			"The pack supplies the policy (deadlines, thresholds) and what the file may refer to.\n" +
			"Messages are in the file's language (application.language) unless --lang says otherwise.",
		Flags: []ucli.Flag{
			formatFlag(),
			langFlag("language of messages: zh or en (default: the application file's language)"),
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
			attach, err := attachmentOptions(c)
			if err != nil {
				return err
			}
			// The pack is opened while the files are loaded, which needs
			// no pack; each file's checks wait for it.
			type opened struct {
				p   *pack.Pack
				err error
			}
			var ready atomic.Pointer[opened]
			packc := make(chan opened, 1)
			go func() {
				p, err := openTrusted(c, c.String("pack"))
				ready.Store(&opened{p, err})
				packc <- opened{p, err}
			}()
			thePack := sync.OnceValue(func() opened { return <-packc })
			st := stateOf(c)
			bar := newBar(c, st.msg(), msgVerbChecking, len(files))
			reports := batch.Run(files, c.Int("jobs"), func(path string) fileReport {
				if o := ready.Load(); o != nil && o.err != nil {
					return fileReport{} // the pack's error is the answer
				}
				a, loaded := rules.LoadFile(path)
				p := thePack()
				if p.err != nil {
					return fileReport{}
				}
				// The checks of a build, attachments included, and nothing
				// else: validate passes what build accepts.
				a, fs, _ := packet.CheckLoaded(p.p, a, loaded, attach)
				r := newReport(path, fs)
				if a != nil {
					r.Language = a.Application.Language.Lang()
				} else {
					r.Language = applicant.GuessLanguage(path)
				}
				return r
			}, bar.Update)
			bar.Done()
			if err := thePack().err; err != nil {
				return err
			}
			failed := 0
			for _, r := range reports {
				if !r.OK {
					failed++
				}
			}
			code := map[bool]int{true: ExitData, false: ExitOK}[failed > 0]
			if c.String("format") == "json" {
				for i := range reports {
					reports[i].Exit = map[bool]int{true: ExitOK, false: ExitData}[reports[i].OK]
				}
				return writeJSON(c, validateJSON{Files: reports, Passed: len(reports) - failed, Failed: failed, Exit: code}, code)
			}
			var langs []lang.Lang
			for _, r := range reports {
				langs = append(langs, r.Language)
			}
			l := batchLang(st, langs)
			for _, r := range reports {
				r.printText(c.App.Writer, st.inBatch(r.Language, l))
			}
			if len(reports) > 1 {
				rows := [][]string{{msgColFile.In(l), msgColResult.In(l), msgColErrors.In(l), msgColWarnings.In(l), msgColInfos.In(l)}}
				for _, r := range reports {
					res := msgResultOK
					if !r.OK {
						res = msgResultErrors
					}
					rows = append(rows, []string{r.File, res.In(l), strconv.Itoa(r.Errors), strconv.Itoa(r.Warnings), strconv.Itoa(r.Infos)})
				}
				if err := writeTable(c.App.Writer, rows); err != nil {
					return err
				}
				fmt.Fprintln(c.App.Writer, lang.Sprintf(l, msgValidateTotal, len(reports), len(reports)-failed, failed))
			}
			return exitWith(code)
		},
	}
}

// validateJSON is validate --format json: one entry per file, whether one
// file was given or many.
type validateJSON struct {
	Files  []fileReport `json:"files"`
	Passed int          `json:"passed"`
	Failed int          `json:"failed"`
	Exit   int          `json:"exit"`
}

type fileReport struct {
	File string `json:"file"`
	OK   bool   `json:"ok"`
	Exit int    `json:"exit"`
	// Language is the application's, "" when the file could not be read.
	Language lang.Lang    `json:"language"`
	Errors   int          `json:"errors"`
	Warnings int          `json:"warnings"`
	Infos    int          `json:"infos"`
	Findings finding.List `json:"findings"`
}

func newReport(path string, fs finding.List) fileReport {
	return fileReport{File: path, OK: !fs.HasErrors(), Errors: fs.Count(finding.Error),
		Warnings: fs.Count(finding.Warning), Infos: fs.Count(finding.Info), Findings: fs}
}

func (r fileReport) printText(w io.Writer, l lang.Lang) {
	for _, f := range r.Findings {
		fmt.Fprintln(w, f.Format(l))
	}
	m := msgValidateOK
	if !r.OK {
		m = msgValidateFailed
	}
	fmt.Fprintln(w, lang.Sprintf(l, m, r.File, count(r.Errors, nounError), count(r.Warnings, nounWarning), count(r.Infos, nounInfo)))
}
