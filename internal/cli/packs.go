package cli

import (
	"errors"
	"os"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/pack"
)

var packFlag = &ucli.StringFlag{Name: "pack", Usage: "template pack: a folder or .zip (default: $PILOTPACK_PACK, else the embedded default pack)"}

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
