package cli

import (
	"crypto/ed25519"
	"errors"
	"os"
	"pilotpack/internal/lang"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/generators/pdf"
	"pilotpack/internal/attachment"
	"pilotpack/internal/pack"
	"pilotpack/internal/pack/signature"
)

var (
	packFlag  = &ucli.StringFlag{Name: "pack", Usage: "template pack: a folder or .zip (default: $PILOTPACK_PACK, else the embedded default pack)"}
	trustFlag = &ucli.StringSliceFlag{Name: "trust", KeepSpace: true,
		Usage: "public key (a .pub file from pack keygen) the pack must be signed with; repeat for several; refuses unsigned or changed packs; " +
			"an empty or blank key is a usage error. Without --trust, $PILOTPACK_TRUST names the keys, separated by commas (set but empty: none)"}
)

// trustEnv names the keys to trust when --trust is not given.
const trustEnv = "PILOTPACK_TRUST"

var msgAttachmentsNotFolder = lang.T("--attachments %s：不是文件夹", "--attachments %s: not a folder")

// attachmentsFlag names the folders attachments given by absolute path may
// lie in.
var attachmentsFlag = &ucli.StringSliceFlag{Name: "attachments", Usage: "folder that attachments given by absolute path may lie in; repeat for several (relative paths always resolve inside the applicant file's folder)"}

// attachmentOptions reads --attachments: each must be a folder.
func attachmentOptions(c *ucli.Context) (attachment.Options, error) {
	var opts attachment.Options
	for _, d := range c.StringSlice("attachments") {
		st, err := os.Stat(d)
		if err != nil || !st.IsDir() {
			return opts, usageError(msgAttachmentsNotFolder, d)
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

var msgTrustBlank = lang.T("%s %q：请给出公钥，即 pilotpack pack keygen 写出的 .pub 文件；空值不信任任何密钥",
	"%s %q: give a public key, the .pub file pilotpack pack keygen wrote; an empty value would trust no key")

// trustedKeys reads the keys named by --trust, else by $PILOTPACK_TRUST.
// An empty or blank key is a usage error wherever it comes from: it would
// trust nothing without a word. Only an empty $PILOTPACK_TRUST as a whole
// asks for no key, as shells and CI systems leave a variable empty to mean
// unset.
func trustedKeys(c *ucli.Context) ([]ed25519.PublicKey, error) {
	args, source := c.StringSlice("trust"), "--trust"
	if len(args) == 0 {
		env := os.Getenv(trustEnv)
		if env == "" {
			return nil, nil
		}
		args, source = strings.Split(env, ","), "$"+trustEnv
	}
	var keys []ed25519.PublicKey
	for _, arg := range args {
		if strings.TrimSpace(arg) == "" {
			return nil, usageError(msgTrustBlank, source, arg)
		}
		k, err := signature.LoadPublicKey(strings.TrimSpace(arg))
		if err != nil {
			return nil, withCode(ExitUsage, err)
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
			warn(c, stateOf(c).msg(), msgNote, p.Source, err)
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
		return time.Time{}, nil, nil, withCode(ExitUsage, err)
	}
	// The faces are parsed on the core the applicant file's parsing leaves
	// free, rather than once the build has begun.
	go fonts.Prepare()
	return date, p, fonts, nil
}
