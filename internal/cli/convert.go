package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/fixtures"
	"pilotpack/internal/applicant"
	"pilotpack/internal/finding"
	"pilotpack/internal/intake"
	"pilotpack/internal/lang"
	"pilotpack/internal/shell"
)

var (
	msgConvertExt     = lang.T("%s：输出文件名应以 .yaml、.json 或 .xlsx 结尾，扩展名决定其格式", "%s: name the output .yaml, .json or .xlsx; its extension chooses the format")
	msgConvertSame    = lang.T("%s：IN 与 OUT 是同一个文件；请另给 OUT", "%s: IN and OUT are the same file; name another OUT")
	msgConvertErrors  = lang.T("%s：数据格式有 %d 处错误，%s 无法容纳；请先改正（pilotpack validate 列出每一处）", "%s: %d errors in the data format, which %s could not hold; fix them first (pilotpack validate lists each)")
	msgConvertOutside = lang.T("附件不在 OUT 所在文件夹内，已改写为绝对路径；检查与生成时须指明其所在文件夹：%s",
		"the attachments lie outside OUT's folder, so their paths are now absolute; name their folders when checking and building: %s")
	msgConvertWrote  = lang.T("已由 %[2]s 写出 %[1]s", "wrote %s from %s")
	msgWorkbookWrote = lang.T("已写出申请数据表 %s（%s，资料包标识 %s）", "wrote the intake workbook %s (%s, packet id %s)")
	msgWorkbookNext  = lang.T("用 Excel、WPS 或 LibreOffice 填写后检查：%s", "fill it in with Excel, WPS or LibreOffice, then check it with: %s")
)

func convertCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "convert",
		Usage:     "convert an applicant file between YAML, JSON and the intake workbook (.xlsx)",
		ArgsUsage: "IN OUT",
		Description: "Reads IN and writes the same data as OUT, in the format OUT's extension names: .yaml, .json or\n" +
			".xlsx (the intake workbook that init --xlsx writes). Every value of the data model carries over,\n" +
			"in every direction; comments of a YAML file are not data and are lost. Attachment paths are\n" +
			"rewritten to stay relative to OUT's folder; those outside it become absolute, and checks and\n" +
			"builds then name their folders with --attachments. IN must have no errors in its data format\n" +
			"(run pilotpack validate IN); an existing OUT is kept unless --force.",
		Flags: []ucli.Flag{
			&ucli.BoolFlag{Name: "force", Usage: "overwrite an existing OUT"},
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 2, 2); err != nil {
				return err
			}
			in, out := c.Args().Get(0), c.Args().Get(1)
			if !slices.Contains(intake.Formats, strings.ToLower(filepath.Ext(out))) {
				return usageError(msgConvertExt, out)
			}
			if same(in, out) {
				return usageError(msgConvertSame, out)
			}
			if err := refuseExisting(out, c.Bool("force")); err != nil {
				return err
			}
			a, found, err := applicant.Load(in)
			if err != nil {
				return withCode(ExitData, err)
			}
			l := stateOf(c).about(a.Application.Language.Lang())
			for _, f := range found {
				if f.Severity == finding.Error {
					fmt.Fprintln(c.App.ErrWriter, f.Format(l))
				}
			}
			if n := found.Count(finding.Error); n > 0 {
				return withCode(ExitData, lang.Errorf(msgConvertErrors, in, n, out))
			}
			outside := rebase(a, filepath.Dir(out))
			data, err := intake.Encode(a.File, out)
			if err != nil {
				return err
			}
			if err := writeOutput(out, data, c.Bool("force")); err != nil {
				return err
			}
			say(c, l, msgConvertWrote, out, in)
			if len(outside) > 0 {
				args := []string{"pilotpack", "validate"}
				for _, d := range outside {
					args = append(args, "--attachments", d)
				}
				say(c, l, msgConvertOutside, shell.Join(append(args, out)...))
			}
			return nil
		},
	}
}

// same reports whether two names are one file.
func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(sa, sb)
	}
	pa, _ := filepath.Abs(a)
	pb, _ := filepath.Abs(b)
	return pa == pb
}

// rebase rewrites the relative attachment paths of a so that they name the
// same files from the folder dir. A file outside dir cannot be named by a
// relative path there (attachments resolve inside the applicant file's
// folder), so it gets its absolute path; rebase returns the folders that
// hold such files, for --attachments.
func rebase(a *applicant.Applicant, dir string) []string {
	from, err1 := filepath.Abs(a.Dir())
	to, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil || from == to {
		return nil
	}
	var outside []string
	for i := range a.Attachments {
		p := a.Attachments[i].Path
		if p == "" || filepath.IsAbs(filepath.FromSlash(p)) {
			continue
		}
		abs := filepath.Join(from, filepath.FromSlash(p))
		rel, err := filepath.Rel(to, abs)
		if err == nil && filepath.IsLocal(rel) {
			a.Attachments[i].Path = filepath.ToSlash(rel)
			continue
		}
		a.Attachments[i].Path = filepath.ToSlash(abs)
		if d := filepath.Dir(abs); !slices.Contains(outside, d) {
			outside = append(outside, d)
		}
	}
	return outside
}

// writeWorkbook writes the intake workbook of a bundled example, or a
// blank one (example ""), for init --xlsx. As with a YAML file, its
// application.id is made from the file's name.
func writeWorkbook(c *ucli.Context, path, example string) error {
	l := stateOf(c).msg()
	file := &applicant.File{}
	if example != "" {
		data, err := fs.ReadFile(fixtures.Applicants, "applicants/"+example+".yaml")
		if err != nil {
			return err
		}
		a, _, err := applicant.Parse(example+".yaml", data)
		if err != nil {
			return err
		}
		// The example's scans exist only beside the bundled fixture.
		a.Attachments = nil
		file = a.File
	}
	file.Application.ID = applicant.IDFromName(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	data, err := intake.Encode(file, path)
	if err != nil {
		return err
	}
	if err := writeOutput(path, data, c.Bool("force")); err != nil {
		return err
	}
	what := msgInitBlank.In(l)
	if example != "" {
		what = lang.Sprintf(l, msgInitFromEx, example)
	}
	say(c, l, msgWorkbookWrote, path, what, file.Application.ID)
	say(c, l, msgWorkbookNext, shell.Join("pilotpack", "validate", path))
	return nil
}
