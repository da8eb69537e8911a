package cli

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/applicant"
	"pilotpack/internal/batch"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack/signature"
	"pilotpack/internal/packet"
	"pilotpack/internal/readiness"
	"pilotpack/internal/rules"
	"pilotpack/internal/shell"
)

var jobsFlag = &ucli.IntFlag{Name: "jobs", Value: runtime.NumCPU(), Usage: "files to work on at once (default: the number of cores)"}

var (
	msgBuilt         = lang.T("已生成 %s：%s（%s，%s，%s）%s；%s", "built %s: %s (%s, %s, %s)%s; %s")
	msgBuiltDraft    = lang.T("，为草稿", " as a DRAFT")
	msgZipped        = lang.T("已打包 %s", "zipped %s")
	msgOpenFirst     = lang.T("请先打开 %s；校验资料包：%s", "open %s first; check it with: %s")
	msgDataErrors    = lang.T("%s：有 %s错误级别的检查结果；请修改申请文件，或加 --draft 生成带水印的草稿", "%s: %s with error severity; fix the applicant file, or build a watermarked draft with --draft")
	msgSamePacket    = lang.T("%s 与 %s 会生成同一个资料包 %s；请为每份申请设不同的 application.id", "%s and %s would build the same packet %s; give each application its own application.id")
	msgFileError     = lang.T("%s：%v", "%s: %v")
	msgNote          = lang.T("%s：%s", "%s: %s")
	msgBuildTotal    = lang.T("共 %d 个文件：已生成 %d 个，未生成 %d 个", "%d files: %d built, %d not built")
	msgColPacket     = lang.T("资料包", "PACKET")
	msgColFiles      = lang.T("文件数", "FILES")
	msgColSeconds    = lang.T("秒", "SECONDS")
	msgResultBuilt   = lang.T("已生成", "built")
	msgResultDraft   = lang.T("已生成（草稿）", "built (draft)")
	msgResultInvalid = lang.T("数据无效", "invalid data")
	msgResultExists  = lang.T("已存在", "exists")
	msgResultSame    = lang.T("资料包重名", "same packet")
	msgResultNot     = lang.T("未生成", "not built")
	msgResultPack    = lang.T("模板错误", "template error")
	msgResultFailed  = lang.T("失败", "failed")
)

// buildResults are what became of one file's build, with the key JSON
// gives and the words the table shows.
var buildResults = map[string]lang.Text{
	"built": msgResultBuilt, "draft": msgResultDraft, "invalid-data": msgResultInvalid, "exists": msgResultExists,
	"same-packet": msgResultSame, "not-built": msgResultNot, "pack-error": msgResultPack, "failed": msgResultFailed,
}

func buildCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "build",
		Usage:     "build the filing packets of applicant files",
		ArgsUsage: "FILE...",
		Description: "Checks the applicant file, then writes the packet to OUT/<packet id>/ (the application's id, else\n" +
			"one made from the file's name): the combined PDF (00-combined.pdf) with a contents page and a\n" +
			"bookmark per document, every document of the pack as PDF and DOCX (agreements once per\n" +
			"manufacturer), the checklist workbook, the attachments, and manifest.json with every file's checksum.\n" +
			"Findings with error severity stop the build (exit 3) unless --draft, which watermarks every\n" +
			"page 草稿 / DRAFT. The packet is written beside the target and moved into place with its zip: a\n" +
			"failed or interrupted build leaves the output folder as it was, and what a killed one left there\n" +
			"is removed by the next. An existing packet or zip is kept unless --force. Attachments resolve\n" +
			"inside the applicant file's folder, or, given by absolute path, inside a folder named with\n" +
			"--attachments. --sign KEY seals the packet (manifest.sig) for verify --trust.\n" +
			"Several files (names, folders of applicant files (.yaml, .json, .xlsx), or patterns such as\n" +
			"'in/*.yaml') are built --jobs at a time, with a progress bar on a terminal and a summary table\n" +
			"at the end; one bad file does not stop the others, and the exit code is the worst of them. Two\n" +
			"files that would build the same packet are both refused before any work.",
		Flags: []ucli.Flag{
			packFlag,
			trustFlag,
			langFlag("language of the documents and messages: zh or en (default: the application file's language)"),
			&ucli.StringFlag{Name: "out", Value: "output", Usage: "folder to write packets under"},
			&ucli.BoolFlag{Name: "zip", Usage: "also write OUT/<packet id>.zip"},
			&ucli.BoolFlag{Name: "draft", Usage: "build despite errors in the data, watermarking every page 草稿 / DRAFT"},
			&ucli.BoolFlag{Name: "force", Usage: "replace an existing packet"},
			dateFlag,
			&ucli.StringFlag{Name: "font", Usage: "TrueType font (.ttf or .ttc) for body text instead of Noto Serif SC"},
			&ucli.StringFlag{Name: "font-bold", Usage: "TrueType font for bold body text"},
			formatFlag(),
			attachmentsFlag,
			&ucli.StringFlag{Name: "sign", Usage: "seal each packet with this private key (from pack keygen): manifest.sig signs the manifest, so verify --trust can tell deliberate changes"},
			&ucli.StringFlag{Name: "signer", Usage: "who seals, as manifest.sig and verify name them, e.g. the applicant's name (with --sign)"},
			jobsFlag,
		},
		Action: func(c *ucli.Context) error {
			files, err := batchFiles(c)
			if err != nil {
				return err
			}
			attach, err := attachmentOptions(c)
			if err != nil {
				return err
			}
			// The files are read for their packets while the pack and the
			// fonts are set up.
			plans := make(chan map[string]*planned, 1)
			go func() { plans <- plan(files) }()
			seal, err := sealKey(c)
			if err != nil {
				return err
			}
			date, p, fonts, err := documentSetup(c)
			if err != nil {
				return err
			}
			opts := packet.Options{
				Pack: p, Lang: stateOf(c).lang, OutDir: c.String("out"), Zip: c.Bool("zip"), Draft: c.Bool("draft"),
				Force: c.Bool("force"), Date: date, Fonts: fonts, Version: version(), Attachments: attach, Seal: seal,
			}
			return buildFiles(c, files, <-plans, opts)
		},
	}
}

// built is what a build keeps of one file: a summary, not the packet, so
// that memory does not grow with the number of files. It is also the JSON
// of one file.
type built struct {
	File   string `json:"file"`
	OK     bool   `json:"ok"`
	Exit   int    `json:"exit"`
	Result string `json:"result"` // a key of buildResults
	Packet string `json:"packet"`
	Dir    string `json:"dir"`
	Zip    string `json:"zip"`
	Draft  bool   `json:"draft"`
	// Readiness is the packet's verdict, as its manifest and checklist
	// give it: ready, incomplete or invalid.
	Readiness readiness.Verdict `json:"readiness"`
	FileCount int               `json:"file_count"`
	Errors    int               `json:"errors"`
	Warnings  int               `json:"warnings"`
	Infos     int               `json:"infos"`
	Error     string            `json:"error"`
	Seconds   float64           `json:"seconds"`
	Findings  finding.List      `json:"findings"`
	// Notes and Error are worded in the file's messages' language.
	Notes []string `json:"notes"`
	lang  lang.Lang
}

// buildJSON is build --format json, whether one file was given or many.
type buildJSON struct {
	Files  []built `json:"files"`
	Built  int     `json:"built"`
	Failed int     `json:"failed"`
	Exit   int     `json:"exit"`
}

// planned is what is known of a file before its build: the packet it
// would build, the language it is written in, and another file that would
// build the same packet.
type planned struct {
	id    string
	lang  lang.Lang
	clash []string
	// loaded is the file as read, kept for its build when it is the only
	// file (a batch keeps no more than summaries).
	loaded *packet.Loaded
}

// plan reads every file once, before any is built, for the packet it would
// build: files that would build the same packet are refused together, in
// any order of the arguments and whatever the jobs finish first. A file
// that cannot be read is left to its build to report.
func plan(files []string) map[string]*planned {
	out := map[string]*planned{}
	byID := map[string][]string{}
	for _, f := range files {
		a, loaded := rules.LoadFile(f)
		if a == nil {
			out[f] = &planned{lang: applicant.GuessLanguage(f)}
			continue
		}
		id := packet.IDOf(a)
		out[f] = &planned{id: id, lang: a.Application.Language.Lang()}
		if len(files) == 1 {
			out[f].loaded = &packet.Loaded{Applicant: a, Findings: loaded}
		}
		byID[id] = append(byID[id], f)
	}
	for _, same := range byID {
		if len(same) < 2 {
			continue
		}
		for _, f := range same {
			for _, g := range same {
				if g != f {
					out[f].clash = append(out[f].clash, g)
				}
			}
		}
	}
	return out
}

// buildFiles builds the files, --jobs at a time, and reports them in the
// order given; plans are the files' plans.
func buildFiles(c *ucli.Context, files []string, plans map[string]*planned, opts packet.Options) error {
	st := stateOf(c)
	var langs []lang.Lang
	for _, p := range plans {
		langs = append(langs, p.lang)
	}
	bl := batchLang(st, langs)
	bar := newBar(c, bl, msgVerbBuilding, len(files))
	results := batch.Run(files, c.Int("jobs"), func(path string) built {
		b := built{File: path, Findings: finding.List{}, Notes: []string{}}
		pl := plans[path]
		if pl != nil {
			b.lang, b.Packet = pl.lang, pl.id
		}
		l := st.inBatch(b.lang, bl)
		if pl != nil && len(pl.clash) > 0 {
			b.Exit, b.Result = ExitUsage, "same-packet"
			b.Error = lang.Sprintf(l, msgSamePacket, path, listAnd(pl.clash), pl.id)
			return b
		}
		start := time.Now()
		o := opts
		if pl != nil {
			o.Loaded = pl.loaded
		}
		res, err := packet.Build(path, o)
		b.OK, b.Seconds = err == nil, time.Since(start).Seconds()
		b.Readiness = readiness.Unreadable
		if res != nil {
			b.Readiness = readiness.Of(res.Findings).Verdict
			b.Packet, b.Dir, b.Zip = res.ID, res.Dir, res.Zip
			if res.Findings != nil {
				b.Findings = res.Findings
			}
			b.Notes = wordAll(res.Warnings, l)
			b.Errors, b.Warnings, b.Infos = res.Findings.Count(finding.Error), res.Findings.Count(finding.Warning), res.Findings.Count(finding.Info)
			if res.Manifest != nil {
				b.FileCount, b.Draft = len(res.Manifest.Files), res.Manifest.Draft
				b.Readiness = res.Manifest.Readiness
			}
		}
		var de *packet.DataError
		var ee *packet.ExistsError
		switch {
		case err == nil && b.Draft:
			b.Result = "draft"
		case err == nil:
			b.Result = "built"
		case errors.As(err, &de):
			b.Exit, b.Result = ExitData, "invalid-data"
			b.Error = lang.Sprintf(l, msgDataErrors, path, count(b.Errors, nounFinding))
		case errors.As(err, &ee):
			b.Exit, b.Result = ExitUsage, "exists"
			b.Error = ee.In(l)
		default:
			b.Exit = exitCode(err)
			b.Result = map[int]string{ExitUsage: "not-built", ExitPack: "pack-error"}[b.Exit]
			if b.Result == "" {
				b.Result = "failed"
			}
			b.Error = lang.Sprintf(l, msgFileError, path, err)
		}
		return b
	}, bar.Update)
	bar.Done()

	worst, ok := ExitOK, 0
	for _, b := range results {
		worst = worse(worst, b.Exit)
		if b.OK {
			ok++
		}
	}
	if c.String("format") == "json" {
		return writeJSON(c, buildJSON{Files: results, Built: ok, Failed: len(results) - ok, Exit: worst}, worst)
	}
	for _, b := range results {
		l := st.inBatch(b.lang, bl)
		for _, f := range b.Findings {
			fmt.Fprintln(c.App.Writer, f.Format(l))
		}
		for _, n := range b.Notes {
			warn(c, l, msgNote, b.File, n)
		}
		if b.Error != "" {
			fmt.Fprintf(c.App.ErrWriter, "pilotpack: %s\n", b.Error)
		}
	}
	if len(results) == 1 {
		if b := results[0]; b.OK {
			l := st.inBatch(b.lang, bl)
			draft := lang.Text{}
			if b.Draft {
				draft = msgBuiltDraft
			}
			say(c, l, msgBuilt, b.Dir, count(b.FileCount, nounFile), count(b.Errors, nounError), count(b.Warnings, nounWarning), count(b.Infos, nounInfo), draft, b.Readiness.Label(l))
			if b.Zip != "" {
				say(c, l, msgZipped, b.Zip)
			}
			say(c, l, msgOpenFirst, shell.Quote(b.Dir+"/00-combined.pdf"), shell.Join("pilotpack", "verify", b.Dir))
		}
		return exitWith(worst)
	}
	l := bl
	rows := [][]string{{msgColFile.In(l), msgColResult.In(l), msgColPacket.In(l), msgColErrors.In(l), msgColWarnings.In(l), msgColFiles.In(l), msgColSeconds.In(l)}}
	for _, b := range results {
		rows = append(rows, []string{b.File, buildResults[b.Result].In(l), orDash(b.Dir), strconv.Itoa(b.Errors), strconv.Itoa(b.Warnings), strconv.Itoa(b.FileCount), fmt.Sprintf("%.2f", b.Seconds)})
	}
	if err := writeTable(c.App.Writer, rows); err != nil {
		return err
	}
	say(c, l, msgBuildTotal, len(results), ok, len(results)-ok)
	return exitWith(worst)
}

var (
	msgVerifyOK       = lang.T("%s：通过：%d 个文件与清单一致（资料包 %s，模板包 %s %s）", "%s: ok: %d files match the manifest (packet %s, pack %s %s)")
	msgVerifyFailed   = lang.T("%[1]s：未通过：%[3]d 个文件中有 %[2]s", "%s: FAILED: %s in %d files")
	msgVerifyProblem  = lang.T("%s：%s", "%s: %s")
	msgVerifyNotFound = lang.T("%s 不存在；请给出资料包文件夹或其 .zip 文件", "%s does not exist; give a packet folder or its zip")
)

// verifyJSON is verify --format json.
type verifyJSON struct {
	Files  []verified `json:"files"`
	Passed int        `json:"passed"`
	Failed int        `json:"failed"`
	Exit   int        `json:"exit"`
}

type verified struct {
	File    string `json:"file"`
	OK      bool   `json:"ok"`
	Exit    int    `json:"exit"`
	Packet  string `json:"packet"`
	Pack    string `json:"pack"`
	Version string `json:"pack_version"`
	Listed  int    `json:"listed"`
	Checked int    `json:"checked"`
	// Problems, Notes and Error are worded in the messages' language.
	Problems []string `json:"problems"`
	// Notes say what verify could not tell, such as deliberate changes to
	// a packet without a seal.
	Notes []string `json:"notes"`
	Error string   `json:"error"`
}

var (
	msgSignBlank   = lang.T("--sign 需要私钥文件（由 pilotpack pack keygen 生成）", "--sign needs a private key file (from pilotpack pack keygen)")
	msgSignerAlone = lang.T("--signer 指明用 --sign KEY 加封的人；请加上 --sign", "--signer names who seals with --sign KEY; add --sign")
	msgSignRead    = lang.T("--sign：%v", "--sign: %v")
	msgVerifyTrust = lang.T("--trust 需要公钥文件（.pub）或公钥本身", "--trust needs a public key file (.pub) or the key itself")
	msgVerifyNote  = lang.T("%s：提示：%s", "%s: note: %s")
)

// sealKey reads the private key build --sign names.
func sealKey(c *ucli.Context) (*packet.SealKey, error) {
	name := c.String("sign")
	if c.IsSet("sign") && strings.TrimSpace(name) == "" {
		return nil, usageError(msgSignBlank)
	}
	if name == "" {
		if c.String("signer") != "" {
			return nil, usageError(msgSignerAlone)
		}
		return nil, nil
	}
	data, err := signature.ReadKeyFile(name)
	if err != nil {
		return nil, usageError(msgSignRead, err)
	}
	key, err := signature.ParsePrivateKey(name, data)
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	return &packet.SealKey{Key: key, Signer: c.String("signer")}, nil
}

func verifyCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "verify",
		Usage:     "check packets against their manifests and seals: checksums, missing and added files, PDF, DOCX and XLSX structure",
		ArgsUsage: "PACKET...",
		Description: "Each PACKET is a packet folder or its .zip. Exits 0 when every file matches manifest.json and\n" +
			"opens as its format says, 5 on any problem (a changed, missing, unexpected or linked file, a file\n" +
			"that does not open, a manifest that lists nothing or disagrees with itself, a zip that unpacks to\n" +
			"more than a packet can hold), 2 when a PACKET does not exist. A packet built with --sign KEY\n" +
			"carries manifest.sig, which signs the manifest and so every file: with --trust KEY.pub, verify\n" +
			"also fails a packet that is not sealed by one of those keys, which is what tells a deliberate\n" +
			"change (a file rewritten together with the manifest, a flipped draft flag, cleared findings) from\n" +
			"none. Without a seal, verify finds damage, not deliberate tampering, and says so. Hashes are\n" +
			"streamed and memory stays small whatever the packet holds.",
		Flags: []ucli.Flag{
			formatFlag(),
			&ucli.StringSliceFlag{Name: "trust", Usage: "public key (.pub from pack keygen) the packet must be sealed with; repeat for several"},
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 1, -1); err != nil {
				return err
			}
			l := stateOf(c).msg()
			var keys []ed25519.PublicKey
			for _, arg := range c.StringSlice("trust") {
				if strings.TrimSpace(arg) == "" {
					return usageError(msgVerifyTrust)
				}
				k, err := signature.LoadPublicKey(strings.TrimSpace(arg))
				if err != nil {
					return withCode(ExitUsage, err)
				}
				keys = append(keys, k)
			}
			// Packets are read one at a time: collect garbage as a one-shot
			// command would, so that memory stays near what is live.
			debug.SetGCPercent(100)
			out := verifyJSON{Files: []verified{}}
			for _, path := range c.Args().Slice() {
				v := verified{File: path, Problems: []string{}, Notes: []string{}}
				if _, err := os.Stat(path); err != nil {
					v.Exit, v.Error = ExitUsage, lang.Sprintf(l, msgVerifyNotFound, path)
					out.Files = append(out.Files, v)
					continue
				}
				r, err := packet.Verify(path, packet.VerifyOptions{Trust: keys})
				var nf *packet.NotFoundError
				switch {
				case errors.As(err, &nf):
					v.Exit, v.Error = ExitUsage, lang.Message(err, l)
				case err != nil:
					v.Exit, v.Error = ExitVerify, lang.Message(err, l)
				case len(r.Problems) > 0:
					v.Exit, v.Problems = ExitVerify, wordAll(r.Problems, l)
				default:
					v.OK = true
				}
				if r != nil {
					v.Notes = wordAll(r.Notes, l)
				}
				if r != nil && r.Manifest != nil {
					v.Packet, v.Pack, v.Version, v.Listed, v.Checked = r.Manifest.Packet, r.Manifest.Pack.ID, r.Manifest.Pack.Version, len(r.Manifest.Files), r.Checked
				}
				out.Files = append(out.Files, v)
			}
			for _, v := range out.Files {
				out.Exit = worse(out.Exit, v.Exit)
				if v.OK {
					out.Passed++
				} else {
					out.Failed++
				}
			}
			if c.String("format") == "json" {
				return writeJSON(c, out, out.Exit)
			}
			for _, v := range out.Files {
				switch {
				case v.Error != "":
					// A packet that cannot be read is named by its error.
					complain(c, l, lang.T("%s", "%s"), v.Error)
				case !v.OK:
					for _, p := range v.Problems {
						say(c, l, msgVerifyProblem, v.File, p)
					}
					say(c, l, msgVerifyFailed, v.File, count(len(v.Problems), nounProblem), v.Listed)
				default:
					say(c, l, msgVerifyOK, v.File, v.Checked, v.Packet, v.Pack, v.Version)
				}
				for _, n := range v.Notes {
					say(c, l, msgVerifyNote, v.File, n)
				}
			}
			return exitWith(out.Exit)
		},
	}
}

// orDash shows an empty cell as "-".
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
