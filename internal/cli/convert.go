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
)

func convertCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "convert",
		Usage:     "convert an applicant file between YAML, JSON and the intake workbook (.xlsx)",
		ArgsUsage: "IN OUT",
		Description: "Reads IN and writes the same data as OUT, in the format OUT's extension names: .yaml, .json or\n" +
			".xlsx (the intake workbook that init --xlsx writes). Every value of the data model carries over,\n" +
			"in every direction; comments of a YAML file are not data and are lost. Attachment paths are\n" +
			"rewritten to stay relative to OUT's folder. IN must have no errors in its data format (run\n" +
			"pilotpack validate IN); an existing OUT is kept unless --force.",
		Flags: []ucli.Flag{
			&ucli.BoolFlag{Name: "force", Usage: "overwrite an existing OUT"},
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 2, 2); err != nil {
				return err
			}
			in, out := c.Args().Get(0), c.Args().Get(1)
			if !slices.Contains(intake.Formats, strings.ToLower(filepath.Ext(out))) {
				return usageErrorf("%s: name the output .yaml, .json or .xlsx; its extension chooses the format", out)
			}
			if same(in, out) {
				return usageErrorf("%s: IN and OUT are the same file; name another OUT", out)
			}
			if _, err := os.Lstat(out); err == nil && !c.Bool("force") {
				return usageErrorf("%s already exists; choose another name or add --force to overwrite it", out)
			}
			a, found, err := applicant.Load(in)
			if err != nil {
				return err
			}
			for _, f := range found {
				fmt.Fprintln(c.App.ErrWriter, f.Format(lang.En))
			}
			if found.HasErrors() {
				return withCode(ExitData, fmt.Errorf("%s: %s in the data format, which %s could not hold; fix them first", in, plural(found.Count(finding.Error), "error"), out))
			}
			rebase(a, filepath.Dir(out))
			data, err := intake.Encode(a.File, out)
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, data); err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "wrote %s from %s\n", out, in)
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
// same files from the folder dir.
func rebase(a *applicant.Applicant, dir string) {
	from, err1 := filepath.Abs(a.Dir())
	to, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil || from == to {
		return
	}
	for i := range a.Attachments {
		p := a.Attachments[i].Path
		if p == "" || filepath.IsAbs(filepath.FromSlash(p)) {
			continue
		}
		if rel, err := filepath.Rel(to, filepath.Join(from, filepath.FromSlash(p))); err == nil {
			a.Attachments[i].Path = filepath.ToSlash(rel)
		}
	}
}

// writeWorkbook writes the intake workbook of a bundled example, or a
// blank one, for init --xlsx.
func writeWorkbook(c *ucli.Context, path, example string) error {
	var file *applicant.File
	if example != "blank" {
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
	data, err := intake.Encode(file, path)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(path, data); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "wrote %s (example: %s)\nfill it in with Excel, WPS or LibreOffice, then check it with: pilotpack validate %s\n", path, example, path)
	return nil
}
