package datafile

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"pilotpack/internal/lang"
)

// People write YAML by hand, often in Notepad or WPS, and make the same few
// mistakes: a tab in the indentation, a colon or " #" inside a value that
// is not quoted, a value that starts with a character YAML reserves, no
// space after "-" or ":", a full-width colon "：" where the ASCII one
// belongs. The parsers' messages for these ("mapping values are not
// allowed in this context", or nothing at all, when the value is quietly
// cut short) do not say what to change. hints reads the lines for these
// mistakes; a syntax error is explained by the hint at or before its line,
// and the mistakes that parse but change what a value says are reported
// as problems of their own.

// hint is one likely mistake at a place in the file.
type hint struct {
	Pos Pos
	// parses says the mistake does not stop the file from being read, but
	// changes what it says (a value cut short at " #", an anchor). The
	// others are usually syntax errors, which a hint explains; when the
	// file parses all the same, every hint is reported as a warning.
	parses bool
	msg    lang.Text
}

var (
	hintTab = lang.T(
		"缩进里有制表符（Tab）：YAML 只能用空格缩进；请把这一行开头的 Tab 换成空格（如每级两个空格）",
		"a tab in the indentation: YAML indents with spaces only; replace the tab at the start of this line with spaces (two per level)")
	hintColon = lang.T(
		"值 %s 里有“: ”，不加引号时会被当作又一个“字段: 值”；请给整个值加引号：%s",
		"the value %s holds \": \", which YAML reads as another \"field: value\" unless the value is quoted; write: %s")
	hintHash = lang.T(
		"“ #”及其后的文字被当作注释，不属于这个值（值成了 %s）；如果 # 是值的一部分，请给整个值加引号：%s",
		"\" #\" starts a comment, so the rest of the line is not part of the value (which becomes %s); if # belongs to it, quote the whole value: %s")
	hintReserved = lang.T(
		"值 %s 以 %s 开头，YAML 把这个字符留作他用；请给整个值加引号：%s",
		"the value %s starts with %s, which YAML reserves; quote the whole value: %s")
	hintDash = lang.T(
		"列表项的“-”后面要有空格：写成 %s",
		"a list item needs a space after \"-\": write %s")
	hintKeyColon = lang.T(
		"字段名后的冒号要跟一个空格：写成 %s",
		"the colon after a field name must be followed by a space: write %s")
	hintFullColon = lang.T(
		"字段名后用了全角冒号“：”；请改用半角冒号加空格：%s",
		"the field name is followed by a full-width colon \"：\"; use an ASCII colon and a space: %s")
)

// yamlHints finds the likely mistakes in a YAML text, in line order.
func yamlHints(data []byte) []hint {
	var out []hint
	block := -1 // indentation of a block scalar (| or >) being read, or -1
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimRight(string(raw), "\r")
		n := i + 1
		trimmed := strings.TrimLeft(line, " \t")
		ind := len(line) - len(trimmed)
		if block >= 0 {
			if trimmed == "" || ind > block {
				continue
			}
			block = -1
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if t := strings.IndexByte(line[:ind], '\t'); t >= 0 {
			out = append(out, hint{Pos: Pos{Line: n, Col: t + 1}, msg: hintTab})
			continue
		}
		body, col := trimmed, ind+1
		// A list item: "- value" or "-value" (a dash, then no space).
		for strings.HasPrefix(body, "- ") {
			rest := strings.TrimLeft(body[2:], " ")
			col += len(body) - len(rest)
			body = rest
		}
		if body == "" {
			continue
		}
		if m := missingDashSpace(body); m != "" {
			out = append(out, hint{Pos: Pos{Line: n, Col: col}, msg: format(hintDash, m)})
			continue
		}
		key, value, sep, ok := splitKey(body)
		if !ok {
			continue
		}
		switch sep {
		case "：":
			fix := key + ": " + value
			out = append(out, hint{Pos: Pos{Line: n, Col: col + utf8.RuneCountInString(key)}, msg: format(hintFullColon, fix)})
			continue
		case ":":
			out = append(out, hint{Pos: Pos{Line: n, Col: col + utf8.RuneCountInString(key)}, msg: format(hintKeyColon, key+": "+value)})
			continue
		}
		vcol := col + utf8.RuneCountInString(key) + 2
		lead := strings.TrimLeft(value, " ")
		vcol += utf8.RuneCountInString(value) - utf8.RuneCountInString(lead)
		value = lead
		if value == "" {
			continue
		}
		if value[0] == '|' || value[0] == '>' {
			block = ind
			continue
		}
		if c := strings.Index(value, " #"); c >= 0 && c+2 < len(value) && value[c+2] != ' ' && value[c+2] != '#' && value[0] != '"' && value[0] != '\'' {
			k, before, after := key, value[:c], value[c:]
			// In a flow ({…} or […]) the comment hides the closing bracket:
			// a syntax error, lines later. The value to quote is the one
			// the " #" stands in, up to the next "," or bracket.
			flow := value[0] == '{' || value[0] == '['
			if flow {
				start := strings.LastIndexAny(before, "{[,") + 1
				item := before[start:]
				if ik, iv, ok := strings.Cut(item, ": "); ok {
					k, item = strings.TrimSpace(ik), iv
				}
				before = strings.TrimLeft(item, " ")
				if end := strings.IndexAny(after, ",}]"); end >= 0 {
					after = after[:end]
				}
			}
			kept := strings.TrimRight(before, " ")
			out = append(out, hint{Pos: Pos{Line: n, Col: vcol + utf8.RuneCountInString(value[:c]) + 1}, parses: !flow,
				msg: format(hintHash, quote(kept), k+": "+quote(kept+strings.TrimRight(after, " ")))})
			continue
		}
		switch value[0] {
		case '"', '\'', '{', '[', '!':
			continue
		case '*', '&', '@', '%', '`':
			v := plainValue(value)
			if value[0] == '&' && strings.ContainsAny(v, " \t") {
				// An anchor before a value is YAML at work, as in
				// base: &b {name: y}; alone, it was meant as the value.
				continue
			}
			out = append(out, hint{Pos: Pos{Line: n, Col: vcol}, parses: value[0] == '&', msg: format(hintReserved, v, value[:1], key+": "+quote(v))})
			continue
		}
		if c := strings.Index(value, ": "); c >= 0 {
			v := plainValue(value)
			out = append(out, hint{Pos: Pos{Line: n, Col: vcol + utf8.RuneCountInString(value[:c])}, msg: format(hintColon, quote(v), key+": "+quote(v))})
		}
	}
	return out
}

// splitKey splits "key: value" at the separator after a plain field name;
// sep is ": " (right), ":" with no space or "：" (mistakes), ok false when
// the line does not start with a field name.
func splitKey(s string) (key, value, sep string, ok bool) {
	i := 0
	for i < len(s) && (s[i] == '_' || s[i] == '-' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i == 0 || i == len(s) {
		return "", "", "", false
	}
	key, rest := s[:i], s[i:]
	switch {
	case rest == ":" || strings.HasPrefix(rest, ": ") || strings.HasPrefix(rest, ":\t"):
		return key, strings.TrimPrefix(rest[1:], " "), ": ", true
	case strings.HasPrefix(rest, "："):
		return key, strings.TrimLeft(rest[len("："):], " "), "：", true
	case strings.HasPrefix(rest, " ："):
		return key, strings.TrimLeft(rest[len(" ："):], " "), "：", true
	case strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, "://") && len(rest) > 1 && key[0] >= 'a' && key[0] <= 'z':
		// name:x, but not a time (10:30) or a URL's scheme (http://).
		return key, rest[1:], ":", true
	}
	return "", "", "", false
}

// missingDashSpace returns the fixed item when s is a list item written
// without the space after its dash ("-x" → "- x"): not a negative number,
// not "---".
func missingDashSpace(s string) string {
	if len(s) < 2 || s[0] != '-' {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s[1:])
	if r == '-' || r == ' ' || r == '.' || r >= '0' && r <= '9' {
		return ""
	}
	return "- " + s[1:]
}

// plainValue is a value without a trailing comment.
func plainValue(v string) string {
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimRight(v, " ")
}

// quote writes v as a double-quoted YAML string.
func quote(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// format words t with args in both languages; an argument that is a
// lang.Text is worded in each language in turn.
func format(t lang.Text, args ...any) lang.Text {
	return lang.T(lang.Sprintf(lang.Zh, t, args...), lang.Sprintf(lang.En, t, args...))
}

// hintFor returns the hint that explains a syntax error at pos: the one on
// its line, else the nearest before it that breaks the syntax (an unclosed
// brace is reported where the parser gave up, lines after the " #" that
// hid it); for an error without a line, the first that breaks the syntax.
func hintFor(hints []hint, pos Pos) (hint, bool) {
	var best hint
	found := false
	for _, h := range hints {
		if h.Pos.Line == pos.Line {
			return h, true
		}
		if h.parses || (pos.Line > 0 && h.Pos.Line > pos.Line) {
			continue
		}
		if pos.Line == 0 {
			return h, true
		}
		best, found = h, true
	}
	return best, found
}
