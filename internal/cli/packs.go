package cli

import (
	"crypto/ed25519"
	"errors"
	"os"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/generators/pdf"
	"pilotpack/internal/attachment"
	"pilotpack/internal/pack"
)

var (
	packFlag  = &ucli.StringFlag{Name: "pack", Usage: "template pack: a folder or .zip (default: $PILOTPACK_PACK, else the embedded default pack)"}
	trustFlag = &ucli.StringSliceFlag{Name: "trust", EnvVars: []string{"PILOTPACK_TRUST"},
		Usage: "public key (a .pub file from pack keygen) the pack must be signed with; repeat for several; refuses unsigned or changed packs"}
)

// attachmentsFlag names the folders attachments given by absolute path may
// lie in.
var attachmentsFlag = &ucli.StringSliceFlag{Name: "attachments", Usage: "folder that attachments given by absolute path may lie in; repeat for several (relative paths always resolve inside the applicant file's folder)"}

// attachmentOptions reads --attachments: each must be a folder.
func attachmentOptions(c *ucli.Context) (attachment.Options, error) {
	var opts attachment.Options
	for _, d := range c.StringSlice("attachments") {
		st, err := os.Stat(d)
		if err != nil || !st.IsDir() {
			return opts, usageErrorf("--attachments %s: not a folder", d)
		}
		opts.Dirs = append(opts.Dirs, d)
	}
	return opts, nil
}

// openPack opens the pack named by --pack, else $PILOTPACK_PACK, else the
// embedded default; a broken pack is exit code 4.
func openPack(spec string) (*pack.Pack, error) {
	if spec == "" {
		spec = os.Getenv("PILOTPACK_PACK")
	}
	p, err := pack.Open(spec)
	if err != nil {
		var pe *pack.Error
		if errors.As(err, &pe) {
			return nil, withCode(ExitPack, err)
		}
		return nil, err
	}
	return p, nil
}

// trustedKeys reads the keys named by --trust (or $PILOTPACK_TRUST).
func trustedKeys(c *ucli.Context) ([]ed25519.PublicKey, error) {
	var keys []ed25519.PublicKey
	for _, arg := range c.StringSlice("trust") {
		if arg = strings.TrimSpace(arg); arg == "" {
			continue // PILOTPACK_TRUST set but empty
		}
		k, err := pack.LoadPublicKey(arg)
		if err != nil {
			return nil, usageErrorf("%v", err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// openTrusted opens a pack for a command that uses it, and holds it to
// --trust: with trusted keys, the pack must carry a matching signature of
// one of them (exit 4 otherwise). Without, a signature that no longer
// matches the pack's files is worth a warning.
func openTrusted(c *ucli.Context, spec string) (*pack.Pack, error) {
	keys, err := trustedKeys(c)
	if err != nil {
		return nil, err
	}
	p, err := openPack(spec)
	if err != nil {
		return nil, err
	}
	if err := checkTrust(c, p, keys); err != nil {
		return nil, err
	}
	return p, nil
}

func checkTrust(c *ucli.Context, p *pack.Pack, keys []ed25519.PublicKey) error {
	if len(keys) > 0 {
		if err := p.Trust(keys); err != nil {
			return withCode(ExitPack, err)
		}
		return nil
	}
	if p.Signature != nil {
		if err := p.VerifySignature(); err != nil {
			warn(c, "%s: %v", p.Source, err)
		}
	}
	return nil
}

// documentSetup reads what the commands that write documents share: the
// build date, the pack (held to --trust) and the fonts.
func documentSetup(c *ucli.Context) (time.Time, *pack.Pack, *pdf.Fonts, error) {
	date, err := buildDate(c)
	if err != nil {
		return time.Time{}, nil, nil, err
	}
	p, err := openTrusted(c, c.String("pack"))
	if err != nil {
		return time.Time{}, nil, nil, err
	}
	fonts, err := pdf.WithBody(c.String("font"), c.String("font-bold"))
	if err != nil {
		return time.Time{}, nil, nil, usageErrorf("%v", err)
	}
	return date, p, fonts, nil
}
