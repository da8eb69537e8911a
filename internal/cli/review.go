package cli

import (
	"path/filepath"
	"strconv"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/applicant"
	"pilotpack/internal/lang"
	"pilotpack/internal/review"
	"pilotpack/internal/safefile"
)

var (
	msgReviewOut    = lang.T("--out 应为 .xlsx 文件，不能是 %q", "--out must name an .xlsx file, not %q")
	msgReviewNoPlan = lang.T("%s：未生成工作方案：%s", "%s: no work plan: %s")
	msgReviewWrote  = lang.T("已写出 %s：%s", "wrote %s: %s")
	msgReviewPlans  = lang.T("；%s在 %s", "; %s in %s")
	msgColVerdict   = lang.T("结论", "VERDICT")
	msgColPlan      = lang.T("工作方案", "PLAN")
	msgPlanFailed   = lang.T("失败", "FAILED")
)

// reviewJSON is review --format json.
type reviewJSON struct {
	Workbook string     `json:"workbook"`
	PlansDir string     `json:"plans_dir"`
	Files    []reviewed `json:"files"`
	Plans    int        `json:"plans"`
	Exit     int        `json:"exit"`
}

type reviewed struct {
	File      string   `json:"file"`
	Verdict   string   `json:"verdict"`
	Errors    int      `json:"errors"`
	Warnings  int      `json:"warnings"`
	Plan      []string `json:"plan"`
	PlanError string   `json:"plan_error"`
}

func reviewCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "review",
		Usage:     "a bureau's intake workbook over many applicant files, and 一品一策 work-plan drafts",
		ArgsUsage: "FILE...",
		Description: "Checks every file against the pack's policy and writes one workbook for the preliminary\n" +
			"selection: a row per application (applicant, product, category, province, stages and sites,\n" +
			"manufacturers, cross-border, errors, warnings, deadline, verdict), the contract manufacturers\n" +
			"across applications (who uses them, experience, GMP status on the review date), every finding,\n" +
			"and a summary; with filters and conditional formatting. --plans DIR also drafts the pack's\n" +
			"work plan (一品一策) for each readable application as PDF and DOCX, named <packet id>-work-plan.\n" +
			"The workbook and plans are replaced if they exist, each written whole. Files may be folders or\n" +
			"patterns, as for build. Applications with errors are the review's findings, not failures: the\n" +
			"exit code is 0 unless the pack, the arguments or the writing fail.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "out", Value: "review.xlsx", Usage: "the workbook to write"},
			&ucli.StringFlag{Name: "plans", Usage: "folder to write the work-plan drafts into"},
			packFlag,
			trustFlag,
			langFlag("language of the workbook, plans and messages: zh or en (default: the applications' common language, else the locale)"),
			dateFlag,
			attachmentsFlag,
			jobsFlag,
			&ucli.StringFlag{Name: "font", Usage: "TrueType font (.ttf or .ttc) for the plans' body text instead of Noto Serif SC"},
			&ucli.StringFlag{Name: "font-bold", Usage: "TrueType font for bold body text"},
			formatFlag(),
		},
		Action: func(c *ucli.Context) error {
			files, err := batchFiles(c)
			if err != nil {
				return err
			}
			st := stateOf(c)
			out := c.String("out")
			if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
				return usageError(msgReviewOut, out)
			}
			attach, err := attachmentOptions(c)
			if err != nil {
				return err
			}
			date, p, fonts, err := documentSetup(c)
			if err != nil {
				return err
			}
			// The workbook is one document over every file: in their
			// common language, as build writes each packet in its own.
			var langs []lang.Lang
			for _, f := range files {
				if a, _, err := applicant.Load(f); err == nil {
					langs = append(langs, a.Application.Language.Lang())
				}
			}
			l := batchLang(st, langs)
			bar := newBar(c, l, msgVerbReviewing, len(files))
			res, err := review.Run(files, review.Options{
				Pack: p, Lang: l, Date: date, Jobs: c.Int("jobs"), Plans: c.String("plans"),
				Fonts: fonts, Version: version(), Progress: bar.Update, Attachments: attach,
			})
			bar.Done()
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, res.Workbook); err != nil {
				return err
			}
			js := reviewJSON{Workbook: out, PlansDir: c.String("plans"), Files: []reviewed{}}
			for _, f := range res.Files {
				r := reviewed{File: f.Path, Verdict: f.Status.String(), Errors: f.Errors, Warnings: f.Warnings, Plan: []string{}, PlanError: lang.Message(f.PlanError, l)}
				if len(f.Plan) > 0 {
					r.Plan = f.Plan
					js.Plans++
				}
				if f.PlanError != nil {
					js.Exit = worse(js.Exit, map[bool]int{true: ExitPack, false: ExitData}[f.PlanTemplate])
				}
				js.Files = append(js.Files, r)
			}
			if c.String("format") == "json" {
				return writeJSON(c, js, js.Exit)
			}
			rows := [][]string{{msgColFile.In(l), msgColVerdict.In(l), msgColErrors.In(l), msgColWarnings.In(l), msgColPlan.In(l)}}
			for i, f := range res.Files {
				plan := "-"
				if len(f.Plan) > 0 {
					plan = strings.Join(f.Plan, ", ")
				}
				if f.PlanError != nil {
					plan = msgPlanFailed.In(l)
					complain(c, l, msgReviewNoPlan, f.Path, f.PlanError)
				}
				rows = append(rows, []string{js.Files[i].File, f.Status.Label(l), strconv.Itoa(f.Errors), strconv.Itoa(f.Warnings), plan})
			}
			if err := writeTable(c.App.Writer, rows); err != nil {
				return err
			}
			line := lang.Sprintf(l, msgReviewWrote, out, count(len(res.Files), nounApplication))
			if c.String("plans") != "" {
				line += lang.Sprintf(l, msgReviewPlans, count(js.Plans, nounPlan), c.String("plans"))
			}
			c.App.Writer.Write([]byte(line + "\n"))
			return exitWith(js.Exit)
		},
	}
}

// writeFileAtomic replaces path with data, whole (see safefile).
func writeFileAtomic(path string, data []byte) error { return safefile.WriteFile(path, data) }
