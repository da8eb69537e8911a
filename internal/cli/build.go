package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"pilotpack/internal/lang"
	"runtime"
	"strconv"
	"sync"
	"time"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/batch"
	"pilotpack/internal/finding"
	"pilotpack/internal/packet"
)

var jobsFlag = &ucli.IntFlag{Name: "jobs", Value: runtime.NumCPU(), Usage: "files to work on at once"}

func buildCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "build",
		Usage:     "build the filing packets of applicant files",
		ArgsUsage: "FILE...",
		Description: "Checks the applicant file, then writes the packet to OUT/<packet id>/ (the application's id, else\n" +
			"the file's name): the combined PDF (00-combined.pdf) with a contents page and a bookmark per\n" +
			"document, every document of the pack as PDF and DOCX (agreements once per manufacturer), the\n" +
			"checklist workbook, the attachments, and manifest.json with every file's checksum.\n" +
			"Findings with error severity stop the build (exit 3) unless --draft, which watermarks every\n" +
			"page 草稿 / DRAFT. The packet is written beside the target and moved into place: a failed build\n" +
			"leaves the output folder as it was. An existing packet is kept unless --force.\n" +
			"Several files (names, folders of applicant files (.yaml, .json, .xlsx), or patterns such as 'in/*.yaml') are built\n" +
			"--jobs at a time, with a progress bar on a terminal and a summary table at the end; one bad\n" +
			"file does not stop the others, and the exit code is the worst of them.",
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
			jobsFlag,
		},
		Action: func(c *ucli.Context) error {
			files, err := batchFiles(c)
			if err != nil {
				return err
			}
			if err := checkLang(c.String("lang")); err != nil {
				return err
			}
			if f := c.String("format"); f != "text" && f != "json" {
				return usageErrorf("--format must be text or json, not %q", f)
			}
			date, p, fonts, err := documentSetup(c)
			if err != nil {
				return err
			}
			opts := packet.Options{
				Pack: p, Lang: lang.Lang(c.String("lang")), OutDir: c.String("out"), Zip: c.Bool("zip"), Draft: c.Bool("draft"),
				Force: c.Bool("force"), Date: date, Fonts: fonts, Version: version(),
			}
			if len(files) == 1 {
				res, err := packet.Build(files[0], opts)
				return reportBuild(c, files[0], res, err)
			}
			return buildMany(c, files, opts)
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
		fmt.Fprintf(c.App.Writer, "built %s: %d files (%d errors, %d warnings, %d infos)%s; %s\n", res.Dir, len(m.Files), m.Findings.Errors, m.Findings.Warnings, m.Findings.Infos,
			map[bool]string{true: " as a DRAFT", false: ""}[m.Draft], m.Readiness.Label(lang.En))
		if res.Zip != "" {
			fmt.Fprintf(c.App.Writer, "zipped %s\n", res.Zip)
		}
		fmt.Fprintf(c.App.Writer, "open %s/00-combined.pdf first; check it with: pilotpack verify %s\n", res.Dir, res.Dir)
	}
	return nil
}

// built is what a batch keeps of one file's build: a summary, not the
// packet, so that memory does not grow with the number of files.
type built struct {
	File     string       `json:"file"`
	OK       bool         `json:"ok"`
	Code     int          `json:"exit"`
	Packet   string       `json:"packet,omitempty"`
	Dir      string       `json:"dir,omitempty"`
	Zip      string       `json:"zip,omitempty"`
	Draft    bool         `json:"draft,omitempty"`
	Files    int          `json:"files,omitempty"`
	Errors   int          `json:"errors"`
	Warnings int          `json:"warnings"`
	Error    string       `json:"error,omitempty"`
	Result   string       `json:"result"`
	Seconds  float64      `json:"seconds"`
	Findings finding.List `json:"findings"`
	Notes    []string     `json:"notes,omitempty"`
}

// buildMany builds several files, --jobs at a time, and reports them in the
// order given with a summary table.
func buildMany(c *ucli.Context, files []string, opts packet.Options) error {
	bar := batch.NewBar(c.App.ErrWriter, "building", len(files))
	var mu sync.Mutex
	claimed := map[string]string{}
	claim := func(file string) func(string) error {
		return func(id string) error {
			mu.Lock()
			defer mu.Unlock()
			if other, ok := claimed[id]; ok {
				return usageErrorf("packet %s is also the packet of %s; give each application its own application.id", id, other)
			}
			claimed[id] = file
			return nil
		}
	}
	results := batch.Run(files, c.Int("jobs"), func(path string) built {
		start := time.Now()
		o := opts
		o.Claim = claim(path)
		res, err := packet.Build(path, o)
		b := built{File: path, OK: err == nil, Seconds: time.Since(start).Seconds()}
		if res != nil {
			b.Packet, b.Dir, b.Zip, b.Findings, b.Notes = res.ID, res.Dir, res.Zip, res.Findings, res.Warnings
			b.Errors, b.Warnings = res.Findings.Count(finding.Error), res.Findings.Count(finding.Warning)
			if res.Manifest != nil {
				b.Files, b.Draft = len(res.Manifest.Files), res.Manifest.Draft
			}
		}
		var de *packet.DataError
		var ee *packet.ExistsError
		switch {
		case err == nil && b.Draft:
			b.Result = "built (draft)"
		case err == nil:
			b.Result = "built"
		case errors.As(err, &de):
			b.Code, b.Result = ExitData, "invalid data"
		case errors.As(err, &ee):
			b.Code, b.Result = ExitUsage, "exists"
		default:
			b.Code = exitCode(err)
			b.Result = map[int]string{ExitUsage: "not built", ExitPack: "template error"}[b.Code]
			if b.Result == "" {
				b.Result = "failed"
			}
		}
		if err != nil {
			b.Error = err.Error()
		}
		return b
	}, bar.Update)
	bar.Done()

	worst := ExitOK
	count := map[bool]int{}
	for _, b := range results {
		worst = worse(worst, b.Code)
		count[b.OK]++
	}
	if c.String("format") == "json" {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(map[string]any{"files": results, "built": count[true], "failed": count[false], "exit": worst}); err != nil {
			return err
		}
		return exitWith(worst)
	}
	w := c.App.Writer
	for _, b := range results {
		for _, f := range b.Findings {
			fmt.Fprintln(w, f.Format("en"))
		}
		for _, n := range b.Notes {
			warn(c, "%s: %s", b.File, n)
		}
		if b.Code == ExitData {
			fmt.Fprintf(c.App.ErrWriter, "pilotpack: %s: %s with error severity; fix the file, or build a watermarked draft with --draft\n", b.File, plural(b.Errors, "finding"))
		} else if b.Error != "" {
			fmt.Fprintf(c.App.ErrWriter, "pilotpack: %s: %s\n", b.File, b.Error)
		}
	}
	rows := [][]string{{"FILE", "RESULT", "PACKET", "ERRORS", "WARNINGS", "FILES", "SECONDS"}}
	for _, b := range results {
		rows = append(rows, []string{b.File, b.Result, orDash(b.Dir), strconv.Itoa(b.Errors), strconv.Itoa(b.Warnings), strconv.Itoa(b.Files), fmt.Sprintf("%.2f", b.Seconds)})
	}
	if err := writeTable(w, rows); err != nil {
		return err
	}
	fmt.Fprintf(w, "%d files: %d built, %d not built\n", len(results), count[true], count[false])
	return exitWith(worst)
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

// batchFiles reads a batch command's FILE arguments (names, folders,
// patterns) and its --jobs.
func batchFiles(c *ucli.Context) ([]string, error) {
	if err := needArgs(c, 1, -1); err != nil {
		return nil, err
	}
	files, err := batch.Expand(c.Args().Slice())
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	if c.Int("jobs") < 1 {
		return nil, usageErrorf("--jobs must be at least 1")
	}
	return files, nil
}
