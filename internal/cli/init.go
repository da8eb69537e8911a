package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/fixtures"
	"pilotpack/internal/applicant"
	"pilotpack/internal/safefile"
)

// schemaFile is written beside a new applicant file; the example's first
// line points editors at it.
const schemaFile = "pilotpack.schema.json"

func initCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "init",
		Usage:     "write a complete, commented example applicant file to start from",
		ArgsUsage: "[FILE]",
		// --xlsx: see writeWorkbook in convert.go.
		Description: "Writes FILE (default applicant.yaml) from one of the bundled examples, and the JSON Schema\n" +
			"as " + schemaFile + " beside it so editors complete and check the fields.\n" +
			"An existing FILE is kept unless --force is given.\n" +
			"With --xlsx, writes the intake workbook instead (default applicant.xlsx): one sheet per part of\n" +
			"the application, with dropdowns and notes, to fill in with Excel, WPS or LibreOffice; every command\n" +
			"reads it as it reads YAML. It is blank unless --example names one.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "example", Value: "adc", Usage: "example to start from: " + strings.Join(fixtures.Examples, ", ") + " (with --xlsx also blank, its default there)"},
			&ucli.BoolFlag{Name: "force", Usage: "overwrite an existing file"},
			&ucli.BoolFlag{Name: "xlsx", Usage: "write the intake workbook (.xlsx) to fill in with Excel, WPS or LibreOffice"},
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 0, 1); err != nil {
				return err
			}
			path := c.Args().First()
			if path == "" {
				path = map[bool]string{true: "applicant.xlsx", false: "applicant.yaml"}[c.Bool("xlsx")]
			}
			name := c.String("example")
			if c.Bool("xlsx") && !c.IsSet("example") {
				// A workbook is a form: blank unless an example is asked for.
				name = "blank"
			}
			if c.Bool("xlsx") && (name == "blank" || slices.Contains(fixtures.Examples, name)) {
				if _, err := os.Lstat(path); err == nil && !c.Bool("force") {
					return usageErrorf("%s already exists; choose another name or add --force to overwrite it", path)
				}
				return writeWorkbook(c, path, name)
			}
			if !slices.Contains(fixtures.Examples, name) {
				return usageErrorf("unknown example %q; choose one of: %s", name, strings.Join(fixtures.Examples, ", "))
			}
			if _, err := os.Lstat(path); err == nil && !c.Bool("force") {
				return usageErrorf("%s already exists; choose another name or add --force to overwrite it", path)
			}
			text, err := exampleText(name)
			if err != nil {
				return err
			}
			schema, err := applicant.Schema()
			if err != nil {
				return err
			}
			if err := writeFileAtomic(path, text); err != nil {
				return err
			}
			if err := writeFileAtomic(filepath.Join(filepath.Dir(path), schemaFile), schema); err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "wrote %s (example: %s) and %s\nedit it, then check it with: pilotpack validate %s\n",
				path, name, filepath.Join(filepath.Dir(path), schemaFile), path)
			return nil
		},
	}
}

// exampleText returns a bundled example ready for a new user: its
// attachments list is commented out, since the scans it names exist only
// beside the bundled fixture.
func exampleText(name string) ([]byte, error) {
	data, err := fs.ReadFile(fixtures.Applicants, "applicants/"+name+".yaml")
	if err != nil {
		return nil, err
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	var out bytes.Buffer
	in := false
	for _, l := range lines {
		top := len(l) > 0 && l[0] != ' ' && l[0] != '#' && l[0] != '\n'
		if top {
			in = bytes.HasPrefix(l, []byte("attachments:"))
			if in {
				out.WriteString("# Supporting documents to copy into the packet, with paths relative to this file.\n" +
					"# Remove the leading \"# \" once the files exist:\n")
			}
		}
		if in && len(bytes.TrimSpace(l)) > 0 {
			out.WriteString("# ")
		}
		out.Write(l)
	}
	return out.Bytes(), nil
}

// writeFileAtomic replaces path with data, whole (see safefile).
func writeFileAtomic(path string, data []byte) error { return safefile.WriteFile(path, data) }
