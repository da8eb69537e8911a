package cli

import (
	"fmt"
	"io/fs"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/fixtures"
	"pilotpack/internal/applicant"
)

func packCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "pack",
		Usage: "work with template packs: init, lint",
		Description: "A template pack is a folder (or .zip) with pack.yaml (its documents), policy.yaml (the pilot's\n" +
			"parameters), checklist.yaml (the filing checklist), responsibilities.yaml (the default\n" +
			"responsibility matrix) and Markdown templates under zh/, en/ and partials/. Bureaus publish\n" +
			"their own; templates/README.md (also written by pack init) tells authors how to write them.",
		Subcommands: []*ucli.Command{
			{
				Name:      "init",
				Usage:     "write the default pack out as an editable folder",
				ArgsUsage: "DIR",
				Flags:     []ucli.Flag{&ucli.BoolFlag{Name: "force", Usage: "write into a folder that is not empty"}},
				Action: func(c *ucli.Context) error {
					if err := needArgs(c, 1, 1); err != nil {
						return err
					}
					p, err := openPack("default")
					if err != nil {
						return err
					}
					files, err := p.WriteTo(c.Args().First(), c.Bool("force"))
					if err != nil {
						return usageErrorf("%v", err)
					}
					fmt.Fprintf(c.App.Writer, "wrote the default pack (%d files) to %s\nedit it, then check it with: pilotpack pack lint %s\n", len(files), c.Args().First(), c.Args().First())
					return nil
				},
			},
			{
				Name:      "lint",
				Usage:     "check a pack: fields, filters, includes, conditions, and every document rendered with every fixture",
				ArgsUsage: "[PACK]",
				Description: "Without PACK, checks the embedded default pack. Exits 4 and lists every problem with its\n" +
					"position when the pack is not fit to build packets.",
				Action: func(c *ucli.Context) error {
					if err := needArgs(c, 0, 1); err != nil {
						return err
					}
					spec := c.Args().First()
					p, err := openPack(spec)
					if err != nil {
						return err
					}
					fx, err := bundledFixtures()
					if err != nil {
						return err
					}
					problems := p.Lint(fx)
					for _, pr := range problems {
						fmt.Fprintln(c.App.Writer, pr)
					}
					if len(problems) > 0 {
						fmt.Fprintf(c.App.Writer, "pack %s %s: %d problems\n", p.ID, p.Version, len(problems))
						return silentError{ExitPack}
					}
					fmt.Fprintf(c.App.Writer, "pack %s %s (%s): ok: %d documents in %s, rendered with %d fixtures\n",
						p.ID, p.Version, p.Source, len(p.Documents), strings.Join(p.Langs(), " and "), len(fx))
					return nil
				},
			},
		},
	}
}

// bundledFixtures are the example applicants every pack must render.
func bundledFixtures() ([]*applicant.Applicant, error) {
	var out []*applicant.Applicant
	for _, name := range fixtures.Examples {
		path := "applicants/" + name + ".yaml"
		data, err := fs.ReadFile(fixtures.Applicants, path)
		if err != nil {
			return nil, err
		}
		a, _, err := applicant.Parse("fixtures/"+path, data)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}
