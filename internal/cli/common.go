package cli

import (
	"fmt"
	"os"
	"strconv"
	"time"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/internal/civil"
)

var dateFlag = &ucli.StringFlag{Name: "date", Usage: "build date YYYY-MM-DD for the documents and metadata (default: $SOURCE_DATE_EPOCH, else today)"}

// buildDate is the date documents carry: --date, else SOURCE_DATE_EPOCH,
// else now. Fixing it makes builds byte-identical.
func buildDate(c *ucli.Context) (time.Time, error) {
	if s := c.String("date"); s != "" {
		d, err := civil.Parse(s)
		if err != nil {
			return time.Time{}, usageErrorf("--date: %v", err)
		}
		return d.Time(), nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usageErrorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now().UTC().Truncate(time.Second), nil
}

func langFlag(usage string) *ucli.StringFlag {
	return &ucli.StringFlag{Name: "lang", Usage: usage}
}

func checkLang(lang string) error {
	if lang != "" && lang != "zh" && lang != "en" {
		return usageErrorf("--lang must be zh or en, not %q", lang)
	}
	return nil
}

// warn writes a warning line to stderr.
func warn(c *ucli.Context, format string, args ...any) {
	fmt.Fprintf(c.App.ErrWriter, "pilotpack: warning: "+format+"\n", args...)
}

// needFlags checks required flags here rather than in the flag library, so
// that a missing one is a usage error (exit 2) like any other.
func needFlags(c *ucli.Context, names ...string) error {
	for _, n := range names {
		if c.String(n) == "" {
			return usageErrorf("%s: --%s is required; see pilotpack %s --help", c.Command.Name, n, c.Command.Name)
		}
	}
	return nil
}
