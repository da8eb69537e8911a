package document

import (
	"net/url"
	"strings"
	"unicode"
)

// Links lead only where a reader can safely follow them: web pages (http,
// https), e-mail (mailto) and places in the same document (#id). Anything
// else — javascript:, data:, file:, vbscript:, a relative path that a
// viewer would resolve against wherever the file lies — is dropped to its
// text with a warning, so that no document opens a script or a local file.

// linkTarget checks a link destination as written in Markdown (backslash
// escapes and character references already read) and returns the link the
// model keeps, or why it is dropped.
func linkTarget(dest string) (string, string) {
	if dest == "" {
		return "", "a link needs a destination"
	}
	if strings.IndexFunc(dest, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return "", "a link destination may not contain spaces or control characters"
	}
	if strings.HasPrefix(dest, "#") {
		if !validID(dest[1:]) {
			return "", "a link within the document is #id, where id is letters, digits, - and _, beginning with a letter"
		}
		return dest, ""
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme == "" {
		return "", "only http, https and mailto links and #id links within the document are allowed"
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.Opaque != "" {
			return "", "a web link needs a host: https://example.com/…"
		}
	case "mailto":
		if u.Opaque == "" || !strings.Contains(u.Opaque, "@") {
			return "", "an e-mail link is mailto:name@example.com"
		}
	default:
		return "", "only http, https and mailto links and #id links within the document are allowed"
	}
	// The scheme in lower case, the rest as written.
	return strings.ToLower(u.Scheme) + dest[len(u.Scheme):], ""
}

// validID reports whether id can name an anchor: an ASCII letter, then
// letters, digits, hyphens and underscores.
func validID(id string) bool {
	if id == "" || len(id) > 32 {
		return false
	}
	for i, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '-' || r == '_'):
		default:
			return false
		}
	}
	return true
}
