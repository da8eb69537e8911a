package cli

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"pilotpack/internal/lang"
	"slices"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/fixtures"
	"pilotpack/internal/applicant"
	"pilotpack/internal/pack"
	"pilotpack/internal/pack/signature"
	"pilotpack/internal/shell"
)

var (
	msgPackWrote    = lang.T("已写出 %s 到 %s", "wrote %s to %s")
	msgPackEdit     = lang.T("按 README.md 修改后检查模板包：%s", "edit them (README.md tells how), then check the pack with: %s")
	msgPackNotEmpty = lang.T("%s 不是空文件夹；请换一个新文件夹，或加 --force", "%s is not empty; choose a new folder or add --force")
	msgKeyExists    = lang.T("%s 已存在；请换一个名称，或加 --force", "%s exists; choose another name or add --force")
	msgKeyWrote     = lang.T("已写出 %s（私钥：请妥善保管）和 %s（公钥：可公开）", "wrote %s (private: keep it safe) and %s (public: publish it)")
	msgKeyID        = lang.T("密钥标识 %s", "key id %s")
	msgKeySignWith  = lang.T("签名模板包：%s", "sign a pack with: %s")
	msgSignEmbedded = lang.T("内置模板包不能签名；请先用 pilotpack pack init DIR 写出，再签名 DIR", "the embedded pack cannot be signed; write it out with pilotpack pack init DIR and sign DIR")
	msgSignKey      = lang.T("--key：%v", "--key: %v")
	msgSigned       = lang.T("已签名 %s：摘要 %s，密钥标识 %s，签名者 %q", "signed %s: digest %s, key id %s, signer %q")
	msgSignedCheck  = lang.T("申请人这样核验：%s", "applicants check it with: %s")
	msgListDir      = lang.T("--dir：%v", "--dir: %v")
	msgLintProblems = lang.T("模板包 %s %s：%s", "pack %s %s: %s")
	msgLintOK       = lang.T("模板包 %s %s（%s）：通过：%d 份文件，语言 %s，已用 %d 个示例渲染", "pack %s %s (%s): ok: %d documents in %s, rendered with %d fixtures")
	msgPackDefault  = lang.T("内置默认模板包", "embedded default pack")
	msgPackEmbedded = lang.T("（内置）", "(embedded)")
	msgPackInvalid  = lang.T("无效", "INVALID")
	msgPackTrusted  = lang.T("，可信", ", trusted")
	msgColPath      = lang.T("路径", "PATH")
	msgColPack      = lang.T("模板包", "PACK")
	msgColVersion   = lang.T("版本", "VERSION")
	msgColEffective = lang.T("生效日期", "EFFECTIVE")
	msgColLang      = lang.T("语言", "LANG")
	msgColExtends   = lang.T("扩展自", "EXTENDS")
	msgColSignature = lang.T("签名", "SIGNATURE")
	msgColName      = lang.T("名称", "NAME")
)

func packCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "pack",
		Usage: "work with template packs: init, lint, list, keygen, sign",
		Description: "A template pack is a folder (or .zip) with pack.yaml (its documents), policy.yaml (the pilot's\n" +
			"parameters), checklist.yaml (the filing checklist), responsibilities.yaml (the default\n" +
			"responsibility matrix) and Markdown templates under zh/, en/ and partials/. Bureaus publish\n" +
			"their own; templates/README.md (also written by pack init) tells authors how to write them.\n" +
			"A pack may hold only its changes to the default pack (extends: default in pack.yaml).\n" +
			"A bureau signs its pack (pack keygen, then pack sign); applicants building with --trust KEY.pub\n" +
			"get packets only from a pack signed with that key and unchanged since.",
		Subcommands: []*ucli.Command{
			{
				Name:      "init",
				Usage:     "write the default pack out as an editable folder, or with --extends a pack that changes only a little",
				ArgsUsage: "DIR",
				Flags: []ucli.Flag{
					&ucli.BoolFlag{Name: "force", Usage: "write into a folder that is not empty"},
					&ucli.BoolFlag{Name: "extends", Usage: "write a pack that extends the default: pack.yaml, policy.yaml and the authors' README only"},
				},
				Action: func(c *ucli.Context) error {
					if err := needArgs(c, 1, 1); err != nil {
						return err
					}
					dir := c.Args().First()
					p, err := openPack("default")
					if err != nil {
						return err
					}
					var files []string
					if c.Bool("extends") {
						files, err = writeExtending(p, dir, c.Bool("force"))
					} else {
						files, err = p.WriteTo(dir, c.Bool("force"))
					}
					if err != nil {
						return withCode(ExitUsage, err)
					}
					l := stateOf(c).msg()
					say(c, l, msgPackWrote, count(len(files), nounFile), dir)
					say(c, l, msgPackEdit, shell.Join("pilotpack", "pack", "lint", dir))
					return nil
				},
			},
			packLintCommand(),
			packListCommand(),
			packKeygenCommand(),
			packSignCommand(),
		},
	}
}

func packKeygenCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "keygen",
		Usage:     "make an Ed25519 key pair for signing packs: NAME.key (private) and NAME.pub (public)",
		ArgsUsage: "NAME",
		Description: "Keep NAME.key private (it is written readable only by you); publish NAME.pub, which applicants\n" +
			"pass to --trust. The files are PEM (PKCS #8 and PKIX), as openssl reads them.",
		Flags: []ucli.Flag{&ucli.BoolFlag{Name: "force", Usage: "replace existing key files"}},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 1, 1); err != nil {
				return err
			}
			name := strings.TrimSuffix(strings.TrimSuffix(c.Args().First(), ".key"), ".pub")
			// Both names are checked before either file is written, so that a
			// refusal leaves no half of a key pair behind.
			if !c.Bool("force") {
				for _, p := range []string{name + ".key", name + ".pub"} {
					if _, err := os.Lstat(p); err == nil {
						return usageError(msgKeyExists, p)
					}
				}
			}
			priv, pub, id, err := signature.GenerateKey(nil)
			if err != nil {
				return err
			}
			for _, f := range []struct {
				path string
				data []byte
				mode os.FileMode
			}{{name + ".key", priv, 0o600}, {name + ".pub", pub, 0o644}} {
				flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
				if c.Bool("force") {
					flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
				}
				fh, err := os.OpenFile(f.path, flags, f.mode)
				if errors.Is(err, os.ErrExist) {
					return usageError(msgKeyExists, f.path)
				}
				if err != nil {
					return err
				}
				if _, err := fh.Write(f.data); err != nil {
					fh.Close()
					return err
				}
				if err := fh.Close(); err != nil {
					return err
				}
			}
			l := stateOf(c).msg()
			say(c, l, msgKeyWrote, name+".key", name+".pub")
			say(c, l, msgKeyID, id)
			say(c, l, msgKeySignWith, shell.Join("pilotpack", "pack", "sign", "--key", name+".key")+" PACK")
			return nil
		},
	}
}

func packSignCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "sign",
		Usage:     "sign a pack (folder or .zip) with a private key, writing pack.sig into it",
		ArgsUsage: "PACK",
		Description: "The signature covers every file of the pack: change one afterwards and --trust refuses the\n" +
			"pack until it is signed again. The pack must open without problems; run pack lint first.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "key", Usage: "private key file from pack keygen (required)"},
			&ucli.StringFlag{Name: "signer", Usage: "who signs, as the manifest will name it, e.g. 上海市药品监督管理局"},
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 1, 1); err != nil {
				return err
			}
			if err := needFlags(c, "key"); err != nil {
				return err
			}
			spec := c.Args().First()
			if spec == "" || spec == "default" {
				return usageError(msgSignEmbedded)
			}
			data, err := signature.ReadKeyFile(c.String("key"))
			if err != nil {
				return usageError(msgSignKey, err)
			}
			key, err := signature.ParsePrivateKey(c.String("key"), data)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			sig, err := pack.Sign(spec, key, c.String("signer"))
			if err != nil {
				var pe *pack.Error
				if errors.As(err, &pe) {
					return withCode(ExitPack, err)
				}
				return err
			}
			l := stateOf(c).msg()
			say(c, l, msgSigned, spec, sig.Digest, sig.KeyID, sig.Signer)
			say(c, l, msgSignedCheck, shell.Join("pilotpack", "build", "--pack", spec, "--trust")+" KEY.pub FILE")
			return nil
		},
	}
}

// extendingManifest is the pack.yaml that pack init --extends writes.
const extendingManifest = `# A pack that extends the embedded default pack: it holds only what it changes.
# Templates at the same paths replace the default's (copy one from pilotpack pack init, edit it);
# documents below take the fields given; policy.yaml gives single values. See README.md.
id: my-pack
name: {zh: 生物制品分段生产试点申报模板, en: Phased-manufacturing pilot templates}
issuer: {zh: 省药品监督管理局, en: Provincial Medical Products Administration}
version: "1.0"
effective: %s
extends: default
# documents:
#   - id: application
#     title: {zh: 生物制品分段生产试点申请书, en: Pilot application}
`

// writeExtending writes the skeleton of a pack that extends p.
func writeExtending(p *pack.Pack, dir string, force bool) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !force {
		return nil, lang.Errorf(msgPackNotEmpty, dir)
	}
	readme, err := fs.ReadFile(p.FS, "README.md")
	if err != nil {
		return nil, err
	}
	files := map[string]string{
		"pack.yaml":   fmt.Sprintf(extendingManifest, p.Effective),
		"policy.yaml": fmt.Sprintf("# Only the values that differ from the default pack's policy.\ndeadline: %s\n", p.Policy.Deadline),
		"README.md":   string(readme),
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(files[name]), 0o644); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// packEntry is one pack of pack list.
type packEntry struct {
	// Path is the pack's folder or zip, "" for the embedded pack.
	Path      string      `json:"path"`
	Embedded  bool        `json:"embedded"`
	ID        string      `json:"id"`
	Version   string      `json:"version"`
	Name      lang.Text   `json:"name"`
	Issuer    lang.Text   `json:"issuer"`
	Effective string      `json:"effective"`
	Languages []lang.Lang `json:"languages"`
	Extends   string      `json:"extends"`
	// Signature is unsigned, signed or changed (the files changed after
	// signing); Signer names who signed, and Problem what is wrong with the
	// pack, in the messages' language.
	Signature string `json:"signature"`
	Signer    string `json:"signer"`
	Trusted   bool   `json:"trusted"`
	Problem   string `json:"problem"`
}

// packListJSON is pack list --format json.
type packListJSON struct {
	Packs []packEntry `json:"packs"`
}

func packListCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "list",
		Usage:     "list the embedded pack and the packs in a folder",
		ArgsUsage: " ",
		Description: "The folder is --dir, else $PILOTPACK_PACKS. Each pack folder (holding pack.yaml) or .zip in it\n" +
			"is opened and shown with its signature: signed by whom, changed since signing, or unsigned;\n" +
			"with --trust, whether a trusted key signed it. A pack that cannot be opened is listed as INVALID with\n" +
			"its first problem, and the command then exits 4.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "dir", EnvVars: []string{"PILOTPACK_PACKS"}, Usage: "folder of packs"},
			formatFlag(),
			trustFlag,
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 0, 0); err != nil {
				return err
			}
			keys, err := trustedKeys(c)
			if err != nil {
				return err
			}
			l := stateOf(c).msg()
			specs := []string{""}
			if dir := c.String("dir"); dir != "" {
				entries, err := os.ReadDir(dir)
				if err != nil {
					return usageError(msgListDir, err)
				}
				for _, e := range entries {
					p := filepath.Join(dir, e.Name())
					if e.IsDir() {
						if _, err := os.Stat(filepath.Join(p, "pack.yaml")); err == nil {
							specs = append(specs, p)
						}
					} else if strings.EqualFold(filepath.Ext(e.Name()), ".zip") {
						specs = append(specs, p)
					}
				}
			}
			list := []packEntry{}
			for _, spec := range specs {
				list = append(list, describePack(spec, keys, l))
			}
			// A refused pack is a pack error: the listing says which, and
			// the exit code says there is one.
			invalid := 0
			for _, e := range list {
				if e.Problem != "" {
					invalid++
				}
			}
			done := func(err error) error {
				if err == nil && invalid > 0 {
					return silentError{ExitPack}
				}
				return err
			}
			if c.String("format") == "json" {
				code := ExitOK
				if invalid > 0 {
					code = ExitPack
				}
				return writeJSON(c, packListJSON{Packs: list}, code)
			}
			rows := [][]string{{msgColPath.In(l), msgColPack.In(l), msgColVersion.In(l), msgColEffective.In(l), msgColLang.In(l), msgColExtends.In(l), msgColSignature.In(l), msgColName.In(l)}}
			for _, e := range list {
				path := e.Path
				if e.Embedded {
					path = msgPackEmbedded.In(l)
				}
				if e.Problem != "" {
					rows = append(rows, []string{path, "-", "-", "-", "-", "-", msgPackInvalid.In(l), e.Problem})
					continue
				}
				sig := packSignatures[e.Signature].In(l)
				if e.Signer != "" {
					sig = lang.Sprintf(l, packSignatures[e.Signature], e.Signer)
				}
				if e.Trusted {
					sig += msgPackTrusted.In(l)
				}
				rows = append(rows, []string{path, e.ID, e.Version, e.Effective, lang.Join(e.Languages, ","), orDash(e.Extends), sig, e.Name.In(l)})
			}
			return done(writeTable(c.App.Writer, rows))
		},
	}
}

// packSignatures word the states of a pack's signature.
var packSignatures = map[string]lang.Text{
	"unsigned": lang.T("未签名", "unsigned"),
	"signed":   lang.T("由 %s 签名", "signed by %s"),
	"changed":  lang.T("由 %s 签名后已改动", "CHANGED since signed by %s"),
}

func describePack(spec string, keys []ed25519.PublicKey, l lang.Lang) packEntry {
	e := packEntry{Path: spec, Embedded: spec == "", Languages: []lang.Lang{}}
	p, err := pack.Open(spec)
	if err != nil {
		e.Problem = strings.SplitN(lang.Message(err, l), "\n", 2)[0]
		return e
	}
	e.ID, e.Version, e.Name, e.Issuer = p.ID, p.Version, p.Name, p.Issuer
	e.Effective, e.Languages, e.Extends = p.Effective.String(), p.Langs(), p.Extends
	switch s := p.Signature; {
	case s == nil:
		e.Signature = "unsigned"
	case p.VerifySignature() != nil:
		e.Signature, e.Signer = "changed", s.Signed().In(l)
	default:
		e.Signature, e.Signer = "signed", s.Signed().In(l)
	}
	e.Trusted = len(keys) > 0 && p.Trust(keys) == nil
	return e
}

// lintedPack is one pack of pack lint --format json.
type lintedPack struct {
	Pack      string      `json:"pack"`
	OK        bool        `json:"ok"`
	Exit      int         `json:"exit"`
	ID        string      `json:"id"`
	Version   string      `json:"version"`
	Source    string      `json:"source"`
	Documents int         `json:"documents"`
	Languages []lang.Lang `json:"languages"`
	Fixtures  int         `json:"fixtures"`
	Problems  []string    `json:"problems"`
	Error     string      `json:"error"`
}

// packLintJSON is pack lint --format json.
type packLintJSON struct {
	Packs  []lintedPack `json:"packs"`
	Passed int          `json:"passed"`
	Failed int          `json:"failed"`
	Exit   int          `json:"exit"`
}

func packLintCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "lint",
		Usage:     "check packs: fields, filters, includes, conditions, and every document rendered with every fixture",
		ArgsUsage: "[PACK...]",
		Description: "Without PACK, checks the embedded default pack. Exits 4 and lists every problem with its\n" +
			"position when a pack is not fit to build packets.",
		Flags: []ucli.Flag{formatFlag()},
		Action: func(c *ucli.Context) error {
			l := stateOf(c).msg()
			specs := c.Args().Slice()
			if len(specs) == 0 {
				specs = []string{""}
			}
			fx, err := bundledFixtures()
			if err != nil {
				return err
			}
			out := packLintJSON{Packs: []lintedPack{}}
			for _, spec := range specs {
				r := lintedPack{Pack: spec, Languages: []lang.Lang{}, Problems: []string{}}
				if spec == "" {
					r.Pack = "default"
				}
				p, err := openPack(spec)
				if err != nil {
					r.Exit, r.Error = exitCode(err), lang.Message(err, l)
					out.Packs = append(out.Packs, r)
					continue
				}
				r.ID, r.Version, r.Source, r.Documents, r.Languages, r.Fixtures = p.ID, p.Version, p.Source, len(p.Documents), p.Langs(), len(fx)

				if problems := p.Lint(fx); len(problems) > 0 {
					r.Exit, r.Problems = ExitPack, problems
				} else {
					r.OK = true
				}
				out.Packs = append(out.Packs, r)
			}
			for _, r := range out.Packs {
				out.Exit = worse(out.Exit, r.Exit)
				if r.OK {
					out.Passed++
				} else {
					out.Failed++
				}
			}
			if c.String("format") == "json" {
				return writeJSON(c, out, out.Exit)
			}
			for _, r := range out.Packs {
				switch {
				case r.Error != "":
					complain(c, l, lang.T("%s", "%s"), r.Error)
				case !r.OK:
					for _, pr := range r.Problems {
						fmt.Fprintln(c.App.Writer, pr)
					}
					say(c, l, msgLintProblems, r.ID, r.Version, count(len(r.Problems), nounProblem))
				default:
					source := r.Source
					if r.Pack == "default" && os.Getenv("PILOTPACK_PACK") == "" {
						source = msgPackDefault.In(l)
					}
					say(c, l, msgLintOK, r.ID, r.Version, source, r.Documents, listAnd(langStrings(r.Languages)), r.Fixtures)
				}
			}
			return exitWith(out.Exit)
		},
	}
}

func langStrings(ls []lang.Lang) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = string(l)
	}
	return out
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
