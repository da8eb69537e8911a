package cli

import (
	"fmt"
	"path/filepath"
	"pilotpack/internal/lang"
	"strconv"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/batch"
	"pilotpack/internal/review"
)

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
			langFlag("language of the workbook and plans: zh or en (default: zh)"),
			dateFlag,
			attachmentsFlag,
			jobsFlag,
			&ucli.StringFlag{Name: "font", Usage: "TrueType font (.ttf or .ttc) for the plans' body text instead of Noto Serif SC"},
			&ucli.StringFlag{Name: "font-bold", Usage: "TrueType font for bold body text"},
		},
		Action: func(c *ucli.Context) error {
			files, err := batchFiles(c)
			if err != nil {
				return err
			}
			if err := checkLang(c.String("lang")); err != nil {
				return err
			}
			out := c.String("out")
			if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
				return usageErrorf("--out must name an .xlsx file, not %q", out)
			}
			attach, err := attachmentOptions(c)
			if err != nil {
				return err
			}
			date, p, fonts, err := documentSetup(c)
			if err != nil {
				return err
			}
			bar := batch.NewBar(c.App.ErrWriter, "reviewing", len(files))
			res, err := review.Run(files, review.Options{
				Pack: p, Lang: lang.Lang(c.String("lang")), Date: date, Jobs: c.Int("jobs"), Plans: c.String("plans"),
				Fonts: fonts, Version: version(), Progress: bar.Update, Attachments: attach,
			})
			bar.Done()
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, res.Workbook); err != nil {
				return err
			}
			code := ExitOK
			rows := [][]string{{"FILE", "VERDICT", "ERRORS", "WARNINGS", "PLAN"}}
			plans := 0
			for _, f := range res.Files {
				plan := "-"
				if len(f.Plan) > 0 {
					plan = strings.Join(f.Plan, ", ")
					plans++
				}
				if f.PlanError != "" {
					plan = "FAILED"
					fmt.Fprintf(c.App.ErrWriter, "pilotpack: %s: no work plan: %s\n", f.Path, f.PlanError)
					if f.PlanTemplate {
						code = worse(code, ExitPack)
					} else {
						code = worse(code, ExitData)
					}
				}
				rows = append(rows, []string{f.Path, f.Status.Label("en"), strconv.Itoa(f.Errors), strconv.Itoa(f.Warnings), plan})
			}
			if err := writeTable(c.App.Writer, rows); err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "wrote %s: %d applications", out, len(res.Files))
			if c.String("plans") != "" {
				fmt.Fprintf(c.App.Writer, "; %d work plans in %s", plans, c.String("plans"))
			}
			fmt.Fprintln(c.App.Writer)
			return exitWith(code)
		},
	}
}
