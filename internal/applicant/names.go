package applicant

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"pilotpack/internal/lang"
)

// maxID is the longest packet id a file name gives, as application.id may
// be (rule id.packet): the id names a folder and prefixes file names.
const maxID = 40

// IDFromName makes a packet id from a file's name (without its folder and
// extension): its letters and digits as lowercase ASCII joined by hyphens,
// "康峤 ADC 申请" → "adc". A name with no ASCII letter left (all Chinese, or
// only a number such as "申请书 2") gets "p-" and a short hash of the whole
// name, with any digits after it, so that every name has its own stable id
// and none is called just "packet" or "2".
func IDFromName(name string) string {
	slug := slugOf(name)
	if strings.IndexFunc(slug, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0 {
		return trimID(slug)
	}
	sum := sha256.Sum256([]byte(norm.NFC.String(name)))
	id := "p-" + hex.EncodeToString(sum[:4])
	if slug != "" {
		id += "-" + slug
	}
	return trimID(id)
}

// slugOf keeps ASCII letters and digits, lowercased, with one hyphen for
// every run of anything else. Full-width letters count as ASCII ones.
func slugOf(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range norm.NFKC.String(s) {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
			fallthrough
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			gap = false
		default:
			gap = true
		}
	}
	return b.String()
}

func trimID(id string) string {
	if len(id) > maxID {
		id = strings.TrimRight(id[:maxID], "-")
	}
	return id
}

// languageLine finds application.language in a file that could not be
// parsed: a YAML line or a JSON member.
var languageLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)(?:^|[{,\s])"?language"?\s*:\s*["']?(zh|en)\b`) })

// GuessLanguage is the language a file that could not be read is written
// in, for the messages about it: the language it names, else Chinese, the
// default of application.language; "" when there is no file to read.
func GuessLanguage(path string) lang.Lang {
	f, err := openFile(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return lang.Zh
	}
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	if m := languageLine().FindSubmatch(head[:n]); m != nil {
		return lang.Lang(m[1])
	}
	return lang.Zh
}
