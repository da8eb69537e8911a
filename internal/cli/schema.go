package cli

import (
	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/applicant"
)

func schemaCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "schema",
		Usage: "print the JSON Schema (draft 2020-12) of the applicant file",
		Description: "Editors use the schema to complete and check applicant files. Save it beside your file:\n" +
			"   pilotpack schema > pilotpack.schema.json\n" +
			"and keep the first line of the applicant file:\n" +
			"   # yaml-language-server: $schema=pilotpack.schema.json",
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 0, 0); err != nil {
				return err
			}
			s, err := applicant.Schema()
			if err != nil {
				return err
			}
			_, err = c.App.Writer.Write(s)
			return err
		},
	}
}
