package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/generators/pdf"
	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/compare"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/packet"
)

var (
	msgComparePacks      = lang.T("compare：--pack-old 与 --pack-new 须同时给出，并只给一个申请文件", "compare: --pack-old and --pack-new go together, with one applicant file")
	msgComparePackBoth   = lang.T("compare：--pack 不能与 --pack-old、--pack-new 同用", "compare: --pack cannot go with --pack-old and --pack-new")
	msgComparePacket     = lang.T("compare：使用 --pack-old 与 --pack-new 时请给出申请文件，而不是资料包：资料包只由一个模板包生成", "compare: with --pack-old and --pack-new, give an applicant file, not a packet: a packet is built from one pack")
	msgCompareLangs      = lang.T("compare：%s 的语言为 %s，%s 的语言为 %s；请比较同一语言的版本（均用 --lang 生成）", "compare: %s is in %s and %s in %s; compare versions in one language (build both with --lang)")
	msgComparePacketLang = lang.T("compare：%s 是 %s 资料包，不能按 %s 比较", "compare: %s is a packet in %s; it cannot be compared in %s")
	msgCompareUnreadable = lang.T("%s：无法读取：\n%s", "%s: cannot be read:\n%s")
	msgCompareWrote      = lang.T("已写出 %s（共 %d 个文件）", "wrote %s (%d files)")
	msgCompareSame       = lang.T("compare：%s 与 %s 是同一个文件；请给出两个版本（同一申请文件在两个模板包下比较，请用 --pack-old 与 --pack-new）", "compare: %s and %s are the same file; give two versions (to compare one applicant file under two packs, use --pack-old and --pack-new)")
	msgCompareNotFile    = lang.T("compare：%s 既不是普通文件也不是文件夹；请给出资料包（文件夹或 zip）或申请文件", "compare: %s is neither a regular file nor a folder; give a packet (a folder or zip) or an applicant file")
)

func compareCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "compare",
		Usage:     "redline two versions of a packet: tracked-changes DOCX, marked-up PDF and a summary of what changed",
		ArgsUsage: "OLD NEW | --pack-old P --pack-new Q FILE",
		Description: "OLD and NEW are packets (folders or zips written by build) or applicant files, which are built in\n" +
			"memory with the same pack, language and date. With --pack-old and --pack-new, one applicant file is\n" +
			"built with each pack: how a bureau's revised pack changes the documents.\n" +
			"Documents are paired by pack document and manufacturer. For each one that changed, OUT gets\n" +
			"NN-<document>-redline.docx, with the changes as Word tracked changes (author --author, date --date)\n" +
			"to accept or reject one by one, and NN-<document>-redline.pdf, insertions underlined in blue,\n" +
			"deletions struck through in red, moved clauses in green, a bar in the margin at every changed line,\n" +
			"and a first page listing the changes with links to them. OUT/changes.json (and --format json on\n" +
			"standard output) holds the summary: every document's status and changes by clause, added and\n" +
			"removed documents, and the applicant file's changed fields with both values and their places.\n" +
			"Documents are aligned by their structure (chapters, articles, clause labels): a renumbered article\n" +
			"is not a change, and citations that only follow the renumbering are listed apart.\n" +
			"A packet is read from its own DOCX files, checked against its manifest; its applicant data is\n" +
			"compared when its applicant file lies beside the packet, unchanged. A packet built from a pack\n" +
			"that is not the default and not given with --pack (or --pack-old, --pack-new), a packet whose\n" +
			"files were changed, packets in different languages, or OLD and NEW naming one file cannot be\n" +
			"compared (exit 2). The summary and messages are in the documents' language (--lang, else theirs).",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "out", Value: "redline", Usage: "folder to write the redlines and changes.json into, in one step; a comparison written there before is replaced, a folder holding other files refused"},
			langFlag("language of the documents of applicant files: zh or en (default: the new file's language)"),
			&ucli.StringFlag{Name: "author", Value: "pilotpack", Usage: "name the tracked changes carry"},
			&ucli.StringFlag{Name: "format", Value: "text", Usage: "summary on standard output: text or json (the shape of changes.json)"},
			packFlag,
			&ucli.StringFlag{Name: "pack-old", Usage: "template pack of the old version (with --pack-new and one applicant file: compare two packs)"},
			&ucli.StringFlag{Name: "pack-new", Usage: "template pack of the new version"},
			trustFlag,
			dateFlag,
			&ucli.StringFlag{Name: "font", Usage: "TrueType font (.ttf or .ttc) for body text instead of Noto Serif SC"},
			&ucli.StringFlag{Name: "font-bold", Usage: "TrueType font for bold body text"},
		},
		Action: runCompare,
	}
}

func runCompare(c *ucli.Context) error {
	packsMode := c.String("pack-old") != "" || c.String("pack-new") != ""
	if packsMode {
		if c.String("pack-old") == "" || c.String("pack-new") == "" {
			return usageError(msgComparePacks)
		}
		if c.String("pack") != "" {
			return usageError(msgComparePackBoth)
		}
		if err := needArgs(c, 1, 1); err != nil {
			return err
		}
		if arg := c.Args().First(); isPacket(arg) && !applicant.IsFile(arg) {
			if _, err := os.Stat(arg); err == nil || strings.EqualFold(filepath.Ext(arg), ".zip") {
				return usageError(msgComparePacket)
			}
		}
	} else if err := needArgs(c, 2, 2); err != nil {
		return err
	}
	// Each argument a file or a folder (a FIFO would be waited on for
	// ever), and two different ones.
	for _, arg := range c.Args().Slice() {
		if st, err := os.Stat(arg); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
			return usageError(msgCompareNotFile, arg)
		}
	}
	if !packsMode {
		a, errA := os.Stat(c.Args().Get(0))
		b, errB := os.Stat(c.Args().Get(1))
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return usageError(msgCompareSame, c.Args().Get(0), c.Args().Get(1))
		}
	}
	format := c.String("format")
	date, err := buildDate(c)
	if err != nil {
		return err
	}
	fonts, err := pdf.WithBody(c.String("font"), c.String("font-bold"))
	if err != nil {
		return withCode(ExitUsage, err)
	}
	// The packs: --pack for both sides, or one each.
	oldSpec, newSpec := c.String("pack"), c.String("pack")
	if c.String("pack-old") != "" {
		oldSpec = c.String("pack-old")
	}
	if c.String("pack-new") != "" {
		newSpec = c.String("pack-new")
	}
	oldPack, err := openTrusted(c, oldSpec)
	if err != nil {
		return err
	}
	newPack := oldPack
	if newSpec != oldSpec {
		if newPack, err = openTrusted(c, newSpec); err != nil {
			return err
		}
	}
	oldArg, newArg := c.Args().Get(0), c.Args().Get(1)
	if packsMode {
		newArg = oldArg
	}
	st := stateOf(c)
	lg := st.lang
	// What goes wrong once the documents' language is known is said in it;
	// before, a packet's refusal in the packet's language.
	fail := func(err error) error {
		if err == nil {
			return nil
		}
		l := st.about(lg)
		var pe *compare.PacketError
		if lg == "" && errors.As(err, &pe) {
			l = st.about(pe.Lang)
		}
		return said(c, l, err)
	}
	// Packets first: an applicant file compared with a packet is built in
	// the packet's language and, unless a date is given, on its date, so
	// that only what changed in the data shows.
	var oldSide, newSide *compare.Side
	given := c.String("date") != "" || os.Getenv("SOURCE_DATE_EPOCH") != ""
	for _, s := range []struct {
		arg        string
		side       **compare.Side
		own, other *pack.Pack
	}{{newArg, &newSide, newPack, oldPack}, {oldArg, &oldSide, oldPack, newPack}} {
		if !isPacket(s.arg) {
			continue
		}
		if *s.side, err = loadSide(s.arg, s.own, []*pack.Pack{s.own, s.other}, lg, date); err != nil {
			return fail(err)
		}
		if lg == "" {
			lg = (*s.side).Lang
		}
		if d, err := civil.Parse((*s.side).Date); err == nil && !given {
			date = d.Time()
		}
	}
	// Then applicant files, the new one first: its language is the
	// comparison's.
	if newSide == nil {
		if newSide, err = loadSide(newArg, newPack, nil, lg, date); err != nil {
			return fail(err)
		}
		if lg == "" {
			lg = newSide.Lang
		}
	}
	if oldSide == nil {
		if oldSide, err = loadSide(oldArg, oldPack, nil, lg, date); err != nil {
			return fail(err)
		}
	}
	if oldSide.Lang != newSide.Lang {
		return fail(usageError(msgCompareLangs, oldArg, oldSide.Lang, newArg, newSide.Lang))
	}
	l := st.about(lg)
	for _, s := range []*compare.Side{oldSide, newSide} {
		for _, w := range s.Warnings {
			warn(c, l, msgNote, s.Source, w)
		}
	}
	res := compare.Compare(oldSide, newSide, date, c.String("author"))
	files, err := res.Files(compare.Output{Fonts: fonts, Date: date, Creator: "pilotpack " + version()})
	if err != nil {
		return fail(err)
	}
	out := c.String("out")
	if err := compare.WriteDir(out, files); err != nil {
		var de *compare.DirError
		if errors.As(err, &de) {
			return fail(withCode(ExitUsage, err))
		}
		return fail(err)
	}
	if format == "json" {
		data, err := res.JSON()
		if err != nil {
			return fail(err)
		}
		_, err = c.App.Writer.Write(data)
		return err
	}
	if err := res.WriteText(c.App.Writer, l); err != nil {
		return err
	}
	say(c, l, msgCompareWrote, filepath.Join(out, compare.ChangesName), len(files))
	return nil
}

// said prints err in l, as the command line would in the language of
// messages, and leaves only its exit code to return.
func said(c *ucli.Context, l lang.Lang, err error) error {
	complain(c, l, lang.T("%s", "%s"), lang.Message(err, l))
	return silentError{code: exitCode(err)}
}

// loadSide reads one side of a comparison: a packet (a folder holding a
// manifest, or a zip), else an applicant file built with p. A packet is
// read with whichever of packs it was built from.
func loadSide(arg string, p *pack.Pack, packs []*pack.Pack, lg lang.Lang, date time.Time) (*compare.Side, error) {
	if isPacket(arg) {
		s, err := compare.FromPacket(arg, packs)
		var pe *compare.PacketError
		if errors.As(err, &pe) {
			return nil, withCode(ExitUsage, err)
		}
		if err == nil && lg != "" && s.Lang != lg {
			return nil, usageError(msgComparePacketLang, arg, s.Lang, lg)
		}
		return s, err
	}
	s, err := compare.FromApplicant(arg, p, lg, date)
	var de *packet.DataError
	if errors.As(err, &de) {
		l := lg
		if !l.Valid() {
			l = lang.Zh
		}
		var lines []string
		for _, f := range de.Findings {
			lines = append(lines, f.Format(l))
		}
		return nil, withCode(ExitData, lang.Errorf(msgCompareUnreadable, arg, strings.Join(lines, "\n")))
	}
	return s, err
}

// isPacket reports whether arg names a packet: a folder, a zip, or a path
// that does not exist and is not named as an applicant file is.
func isPacket(arg string) bool {
	st, err := os.Stat(arg)
	switch {
	case err == nil && st.IsDir(), strings.EqualFold(filepath.Ext(arg), ".zip"):
		return true
	case err != nil && errors.Is(err, fs.ErrNotExist):
		return !applicant.IsFile(arg)
	}
	return false
}
