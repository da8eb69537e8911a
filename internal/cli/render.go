package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"pilotpack/internal/lang"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/generators/docx"
	"pilotpack/generators/pdf"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/finding"
	"pilotpack/internal/pack"
)

// resolveTemplate finds the pack and the engine a template renders with, and
// the template's name for the engine.
func resolveTemplate(packSpec, tpl string) (*pack.Pack, *pack.Engine, string, error) {
	if packSpec != "" || os.Getenv("PILOTPACK_PACK") != "" {
		p, err := openPack(packSpec)
		if err != nil {
			return nil, nil, "", err
		}
		return p, p.Engine(), filepath.ToSlash(tpl), nil
	}
	if _, err := os.Stat(tpl); err != nil {
		p, err := openPack("")
		if err != nil {
			return nil, nil, "", err
		}
		if _, err := fs.Stat(p.FS, tpl); err != nil {
			return nil, nil, "", usageErrorf("template %s: no such file, nor a template of the default pack (its templates are under zh/ and en/)", tpl)
		}
		return p, p.Engine(), tpl, nil
	}
	if dir, name, ok := pack.Locate(tpl); ok {
		p, err := openPack(dir)
		if err != nil {
			return nil, nil, "", err
		}
		return p, p.Engine(), name, nil
	}
	p, err := openPack("")
	if err != nil {
		return nil, nil, "", err
	}
	return p, pack.NewEngine(os.DirFS(filepath.Dir(tpl)), pack.DefaultLimits), filepath.Base(tpl), nil
}

func renderCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "render",
		Usage:     "render one Markdown template with an applicant file to PDF, DOCX or Markdown",
		ArgsUsage: " ",
		Description: "The template author's preview loop: the template (Markdown with pongo2 tags) is rendered with the\n" +
			"applicant data as context, then set as a PDF or DOCX, or written as the rendered Markdown.\n" +
			"The output format follows -o's extension (.pdf, .docx, .md); without -o the Markdown goes to\n" +
			"standard output. The template is a path in --pack when given; else a file, rendered within the\n" +
			"pack folder it lies in (one holding pack.yaml) or on its own; else a path in the default pack.\n" +
			"Warnings (characters the font lacks, Markdown the documents cannot express)\n" +
			"go to standard error. Templates may include files beside them, never above their folder.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "data", Usage: "applicant file (YAML, JSON or the intake workbook .xlsx) (required)"},
			&ucli.StringFlag{Name: "template", Usage: "Markdown template to render: a file, or a path in the pack such as zh/quality-agreement.md (required)"},
			packFlag,
			trustFlag,
			&ucli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output file: .pdf, .docx or .md (default: Markdown to stdout)"},
			&ucli.StringFlag{Name: "manufacturer", Usage: "manufacturer id, for a document made once per manufacturer"},
			langFlag("document language: zh or en (default: the template's folder, en/ or zh/, else the application's language)"),
			&ucli.BoolFlag{Name: "draft", Usage: "watermark every page 草稿 / DRAFT"},
			dateFlag,
			&ucli.StringFlag{Name: "font", Usage: "TrueType font (.ttf or .ttc) for body text instead of Noto Serif SC"},
			&ucli.StringFlag{Name: "font-bold", Usage: "TrueType font for bold body text instead of Noto Serif SC Bold"},
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 0, 0); err != nil {
				return err
			}
			if err := needFlags(c, "data", "template"); err != nil {
				return err
			}
			out := c.String("output")
			format := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
			if out != "" && format != "pdf" && format != "docx" && format != "md" {
				return usageErrorf("-o must end in .pdf, .docx or .md, not %q", out)
			}
			if err := checkLang(c.String("lang")); err != nil {
				return err
			}
			date, err := buildDate(c)
			if err != nil {
				return err
			}
			keys, err := trustedKeys(c)
			if err != nil {
				return err
			}
			p, engine, tplName, err := resolveTemplate(c.String("pack"), c.String("template"))
			if err != nil {
				return err
			}
			if err := checkTrust(c, p, keys); err != nil {
				return err
			}
			a, fs := p.Validate(c.String("data"))
			if a == nil {
				for _, f := range fs {
					fmt.Fprintln(c.App.ErrWriter, f.Format("en"))
				}
				return silentError{ExitData}
			}
			if n := fs.Count(finding.Error); n > 0 {
				warn(c, "%s has %d findings with error severity; run: pilotpack validate %s", c.String("data"), n, c.String("data"))
			}
			// The language: --lang, else the folder the template is in (en/ or
			// zh/), else the application's.
			lg := lang.Lang(c.String("lang"))
			if lg == "" {
				switch {
				case strings.HasPrefix(tplName, "en/"):
					lg = lang.En
				case strings.HasPrefix(tplName, "zh/"):
					lg = lang.Zh
				default:
					lg = a.Application.Language.Lang()
				}
			}
			if id := c.String("manufacturer"); id != "" {
				if m, _ := a.Manufacturer(id); m == nil {
					var ids []string
					for _, m := range a.Manufacturers {
						ids = append(ids, m.ID)
					}
					return usageErrorf("--manufacturer %q is not in %s; its manufacturers are: %s", id, c.String("data"), strings.Join(ids, ", "))
				}
			}
			tpl := c.String("template")
			// The work plan's context is the documents' and more: one serves every template.
			ctx := p.PlanContext(a, pack.ContextOptions{Lang: lg, Manufacturer: c.String("manufacturer"), Date: civil.Of(date), Draft: c.Bool("draft")}, fs)
			md, err := engine.Render(tplName, ctx)
			if err != nil {
				return withCode(ExitPack, err)
			}
			if out == "" || format == "md" {
				if out == "" {
					_, err := c.App.Writer.Write([]byte(md))
					return err
				}
				return writeFileAtomic(out, []byte(md))
			}
			doc, warns := document.Parse([]byte(md), lg)
			for _, w := range warns {
				warn(c, "%s (rendered Markdown) %s", tpl, w)
			}
			doc.Author = a.Applicant.NameZh
			if lg == lang.En {
				doc.Author = a.Applicant.NameEn
			}
			var buf bytes.Buffer
			switch format {
			case "pdf":
				fonts, err := pdf.WithBody(c.String("font"), c.String("font-bold"))
				if err != nil {
					return usageErrorf("%v", err)
				}
				res, err := pdf.Write(&buf, doc, pdf.Options{Fonts: fonts, Date: date, Draft: c.Bool("draft"), Creator: "pilotpack " + version()})
				if err != nil {
					return err
				}
				for _, w := range res.Warnings {
					warn(c, "%s", w)
				}
			case "docx":
				if err := docx.Write(&buf, doc, docx.Options{Date: date, Draft: c.Bool("draft"), Creator: "pilotpack " + version()}); err != nil {
					return err
				}
			}
			return writeFileAtomic(out, buf.Bytes())
		},
	}
}
