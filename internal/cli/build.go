package cli

import (
	"encoding/json"
	"errors"
	"fmt"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/generators/pdf"
	"pilotpack/internal/packet"
)

func buildCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "build",
		Usage:     "build the filing packet of an applicant file",
		ArgsUsage: "FILE",
		Description: "Checks the applicant file, then writes the packet to OUT/<packet id>/ (the application's id, else\n" +
			"the file's name): the combined PDF (00-combined.pdf) with a contents page and a bookmark per\n" +
			"document, every document of the pack as PDF and DOCX (agreements once per manufacturer), the\n" +
			"checklist workbook, the attachments, and manifest.json with every file's checksum.\n" +
			"Findings with error severity stop the build (exit 3) unless --draft, which watermarks every\n" +
			"page 草稿 / DRAFT. The packet is written beside the target and moved into place: a failed build\n" +
			"leaves the output folder as it was. An existing packet is kept unless --force.",
		Flags: []ucli.Flag{
			packFlag,
			trustFlag,
			langFlag("language of the documents: zh or en (default: the application's language)"),
			&ucli.StringFlag{Name: "out", Value: "output", Usage: "folder to write packets under"},
			&ucli.BoolFlag{Name: "zip", Usage: "also write OUT/<packet id>.zip"},
			&ucli.BoolFlag{Name: "draft", Usage: "build despite errors in the data, watermarking every page 草稿 / DRAFT"},
			&ucli.BoolFlag{Name: "force", Usage: "replace an existing packet"},
			dateFlag,
			&ucli.StringFlag{Name: "font", Usage: "TrueType font (.ttf or .ttc) for body text instead of Noto Serif SC"},
			&ucli.StringFlag{Name: "font-bold", Usage: "TrueType font for bold body text"},
			&ucli.StringFlag{Name: "format", Value: "text", Usage: "output format: text or json"},
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 1, 1); err != nil {
				return err
			}
			if err := checkLang(c.String("lang")); err != nil {
				return err
			}
			if f := c.String("format"); f != "text" && f != "json" {
				return usageErrorf("--format must be text or json, not %q", f)
			}
			date, err := buildDate(c)
			if err != nil {
				return err
			}
			p, err := openTrusted(c, c.String("pack"))
			if err != nil {
				return err
			}
			fonts, err := pdf.WithBody(c.String("font"), c.String("font-bold"))
			if err != nil {
				return usageErrorf("%v", err)
			}
			res, err := packet.Build(c.Args().First(), packet.Options{
				Pack: p, Lang: c.String("lang"), OutDir: c.String("out"), Zip: c.Bool("zip"), Draft: c.Bool("draft"),
				Force: c.Bool("force"), Date: date, Fonts: fonts, Version: version(),
			})
			return reportBuild(c, c.Args().First(), res, err)
		},
	}
}

// reportBuild prints what a build did and maps its failure to an exit code.
func reportBuild(c *ucli.Context, path string, res *packet.Result, err error) error {
	var de *packet.DataError
	var ee *packet.ExistsError
	if c.String("format") == "json" {
		out := map[string]any{"file": path, "ok": err == nil}
		if res != nil {
			out["packet"], out["dir"], out["zip"], out["findings"], out["warnings"] = res.ID, res.Dir, res.Zip, res.Findings, res.Warnings
		}
		if err != nil {
			out["error"] = err.Error()
		}
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if e := enc.Encode(out); e != nil {
			return e
		}
	} else if res != nil {
		for _, f := range res.Findings {
			fmt.Fprintln(c.App.Writer, f.Format("en"))
		}
		for _, w := range res.Warnings {
			warn(c, "%s", w)
		}
	}
	switch {
	case errors.As(err, &de):
		return withCode(ExitData, fmt.Errorf("%s: %w", path, err))
	case errors.As(err, &ee):
		return withCode(ExitUsage, err)
	case err != nil:
		return err
	}
	if c.String("format") == "text" {
		m := res.Manifest
		fmt.Fprintf(c.App.Writer, "built %s: %d files (%d errors, %d warnings, %d infos)%s\n", res.Dir, len(m.Files), m.Findings.Errors, m.Findings.Warnings, m.Findings.Infos,
			map[bool]string{true: " as a DRAFT", false: ""}[m.Draft])
		if res.Zip != "" {
			fmt.Fprintf(c.App.Writer, "zipped %s\n", res.Zip)
		}
		fmt.Fprintf(c.App.Writer, "open %s/00-combined.pdf first; check it with: pilotpack verify %s\n", res.Dir, res.Dir)
	}
	return nil
}

func verifyCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "verify",
		Usage:     "check a packet against its manifest: checksums, missing and added files, PDF, DOCX and XLSX structure",
		ArgsUsage: "PACKET_DIR|PACKET.zip",
		Description: "Exits 0 when every file matches manifest.json and opens as its format says, 5 on any problem\n" +
			"(a changed, missing or unexpected file, or a file that does not open).",
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 1, 1); err != nil {
				return err
			}
			r, err := packet.Verify(c.Args().First())
			if err != nil {
				return withCode(ExitVerify, err)
			}
			for _, p := range r.Problems {
				fmt.Fprintf(c.App.Writer, "%s: %s\n", c.Args().First(), p)
			}
			if len(r.Problems) > 0 {
				fmt.Fprintf(c.App.Writer, "%s: FAILED: %d problems in %d files\n", c.Args().First(), len(r.Problems), len(r.Manifest.Files))
				return silentError{ExitVerify}
			}
			fmt.Fprintf(c.App.Writer, "%s: ok: %d files match the manifest (packet %s, pack %s %s)\n", c.Args().First(), r.Checked, r.Manifest.Packet, r.Manifest.Pack.ID, r.Manifest.Pack.Version)
			return nil
		},
	}
}
