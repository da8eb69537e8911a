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
	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/finding"
	"pilotpack/internal/inputfile"
	"pilotpack/internal/pack"
	"pilotpack/internal/pack/packfs"
	"pilotpack/internal/shell"
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
			return nil, nil, "", usageError(msgRenderNoTemplate, tpl)
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
	// The template's folder is not a pack, but what the template reaches in
	// it is read as a pack's files are: regular files only.
	dir, err := packfs.Folder(filepath.Dir(tpl), packfs.DefaultLimits)
	if err != nil {
		return nil, nil, "", withCode(ExitPack, err)
	}
	return p, pack.NewEngine(dir, pack.DefaultLimits), filepath.Base(tpl), nil
}

var (
	msgRenderNoTemplate = lang.T("模板 %s：没有这个文件，默认模板包中也没有（其模板在 zh/ 和 en/ 下）", "template %s: no such file, nor a template of the default pack (its templates are under zh/ and en/)")
	msgRenderOutput     = lang.T("-o 的扩展名应为 .pdf、.docx 或 .md，不能是 %q", "-o must end in .pdf, .docx or .md, not %q")
	msgRenderDataErrors = lang.T("%s 有 %s错误级别的检查结果；请运行：%s", "%s has %s with error severity; run: %s")
	msgRenderNoSuchMfr  = lang.T("--manufacturer %q 不在 %s 中；其受托生产企业为：%s", "--manufacturer %q is not in %s; its manufacturers are: %s")
	msgRenderNeedMfr    = lang.T("%s 每家受托生产企业各出一份：请加 --manufacturer ID，ID 为 %s", "%s is made once per manufacturer: add --manufacturer ID, one of: %s")
	msgRenderNoMfrs     = lang.T("%s 每家受托生产企业各出一份，但 %s 没有受托生产企业", "%s is made once per manufacturer, but %s declares none")
	msgRenderMarkdown   = lang.T("%s（渲染后的 Markdown）%s", "%s (rendered Markdown) %s")
)

// perManufacturer reports whether a template is made once per
// manufacturer: a document of the pack that is, or a template of its own
// that prints the manufacturer.
func perManufacturer(p *pack.Pack, file, name string) bool {
	for _, d := range p.Documents {
		for _, l := range lang.All {
			if d.Template(l) == name {
				return d.PerManufacturer
			}
		}
	}
	src, err := inputfile.Read(file, pack.DefaultLimits.MaxTemplate)
	if err != nil {
		src, err = fs.ReadFile(p.FS, name)
	}
	return err == nil && bytes.Contains(src, []byte("manufacturer."))
}

func renderCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "render",
		Usage: "render one Markdown template with an applicant file to PDF, DOCX or Markdown",
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
			langFlag("document and message language: zh or en (default: the template's folder, en/ or zh/, else the application's language)"),
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
				return usageError(msgRenderOutput, out)
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
			st := stateOf(c)
			data := c.String("data")
			a, fs := p.Validate(data)
			if a == nil {
				for _, f := range fs {
					fmt.Fprintln(c.App.ErrWriter, f.Format(st.about(applicant.GuessLanguage(data))))
				}
				return silentError{ExitData}
			}
			ml := st.about(a.Application.Language.Lang())
			if n := fs.Count(finding.Error); n > 0 {
				warn(c, ml, msgRenderDataErrors, data, count(n, nounFinding), shell.Join("pilotpack", "validate", data))
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
			var ids []string
			for _, m := range a.Manufacturers {
				ids = append(ids, m.ID)
			}
			switch id := c.String("manufacturer"); {
			case id != "":
				if m, _ := a.Manufacturer(id); m == nil {
					return usageError(msgRenderNoSuchMfr, id, data, listAnd(ids))
				}
			case perManufacturer(p, c.String("template"), tplName):
				if len(ids) == 0 {
					return usageError(msgRenderNoMfrs, c.String("template"), data)
				}
				return usageError(msgRenderNeedMfr, c.String("template"), listOr(ids))
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
				warn(c, ml, msgRenderMarkdown, tpl, w)
			}
			doc.Author = lang.T(a.Applicant.NameZh, a.Applicant.NameEn).In(lg)
			var buf bytes.Buffer
			switch format {
			case "pdf":
				fonts, err := pdf.WithBody(c.String("font"), c.String("font-bold"))
				if err != nil {
					return withCode(ExitUsage, err)
				}
				res, err := pdf.Write(&buf, doc, pdf.Options{Fonts: fonts, Date: date, Draft: c.Bool("draft"), Creator: "pilotpack " + version()})
				if err != nil {
					return err
				}
				for _, w := range res.Warnings {
					warn(c, ml, lang.T("%s", "%s"), w)
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
