package cli

import (
	"crypto/ed25519"
	"encoding/json"
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
						return usageErrorf("%v", err)
					}
					fmt.Fprintf(c.App.Writer, "wrote %d files to %s\nedit them (README.md tells how), then check the pack with: pilotpack pack lint %s\n", len(files), dir, dir)
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
						p.ID, p.Version, p.Source, len(p.Documents), lang.Join(p.Langs(), " and "), len(fx))
					return nil
				},
			},
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
					return usageErrorf("%s exists; choose another name or add --force", f.path)
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
			fmt.Fprintf(c.App.Writer, "wrote %s.key (private: keep it safe) and %s.pub (public: publish it)\nkey id %s\nsign a pack with: pilotpack pack sign --key %s.key PACK\n", name, name, id, name)
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
			data, err := signature.ReadKeyFile(c.String("key"))
			if err != nil {
				return usageErrorf("--key %v", err)
			}
			key, err := signature.ParsePrivateKey(c.String("key"), data)
			if err != nil {
				return usageErrorf("%v", err)
			}
			spec := c.Args().First()
			if spec == "" || spec == "default" {
				return usageErrorf("the embedded pack cannot be signed; write it out with pilotpack pack init DIR and sign DIR")
			}
			sig, err := pack.Sign(spec, key, c.String("signer"))
			if err != nil {
				var pe *pack.Error
				if errors.As(err, &pe) {
					return withCode(ExitPack, err)
				}
				return err
			}
			fmt.Fprintf(c.App.Writer, "signed %s: digest %s, key id %s, signer %q\napplicants check it with: pilotpack build --pack %s --trust KEY.pub FILE\n", spec, sig.Digest, sig.KeyID, sig.Signer, spec)
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
		return nil, fmt.Errorf("%s is not empty; choose a new folder or add --force", dir)
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

// packEntry is one line of pack list.
type packEntry struct {
	Path      string `json:"path"`
	ID        string `json:"id,omitempty"`
	Version   string `json:"version,omitempty"`
	Name      string `json:"name,omitempty"`
	Issuer    string `json:"issuer,omitempty"`
	Effective string `json:"effective,omitempty"`
	Languages string `json:"languages,omitempty"`
	Extends   string `json:"extends,omitempty"`
	Signature string `json:"signature"`
	Trusted   bool   `json:"trusted"`
	Problem   string `json:"problem,omitempty"`
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
			&ucli.StringFlag{Name: "format", Value: "text", Usage: "output format: text or json"},
			trustFlag,
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 0, 0); err != nil {
				return err
			}
			if f := c.String("format"); f != "text" && f != "json" {
				return usageErrorf("--format must be text or json, not %q", f)
			}
			keys, err := trustedKeys(c)
			if err != nil {
				return err
			}
			specs := []string{""}
			if dir := c.String("dir"); dir != "" {
				entries, err := os.ReadDir(dir)
				if err != nil {
					return usageErrorf("--dir: %v", err)
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
			var list []packEntry
			for _, spec := range specs {
				list = append(list, describePack(spec, keys))
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
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return done(enc.Encode(map[string]any{"packs": list}))
			}
			rows := [][]string{{"PATH", "PACK", "VERSION", "EFFECTIVE", "LANG", "EXTENDS", "SIGNATURE", "NAME"}}
			for _, e := range list {
				if e.Problem != "" {
					rows = append(rows, []string{e.Path, "-", "-", "-", "-", "-", "INVALID", e.Problem})
					continue
				}
				sig := e.Signature
				if e.Trusted {
					sig += ", trusted"
				}
				rows = append(rows, []string{e.Path, e.ID, e.Version, e.Effective, e.Languages, orDash(e.Extends), sig, e.Name})
			}
			return done(writeTable(c.App.Writer, rows))
		},
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func describePack(spec string, keys []ed25519.PublicKey) packEntry {
	e := packEntry{Path: spec}
	if spec == "" {
		e.Path = "(embedded)"
	}
	p, err := pack.Open(spec)
	if err != nil {
		e.Problem = strings.SplitN(err.Error(), "\n", 2)[0]
		return e
	}
	e.ID, e.Version, e.Name, e.Issuer = p.ID, p.Version, p.Name.Zh, p.Issuer.Zh
	e.Effective, e.Languages, e.Extends = p.Effective.String(), lang.Join(p.Langs(), ","), p.Extends
	switch s := p.Signature; {
	case s == nil:
		e.Signature = "unsigned"
	case p.VerifySignature() != nil:
		e.Signature = "CHANGED since signed by " + s.SignerName()
	default:
		e.Signature = "signed by " + s.SignerName()
	}
	e.Trusted = len(keys) > 0 && p.Trust(keys) == nil
	return e
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
