package lang

import (
	"errors"
	"fmt"
)

// Error is an error worded in both languages. Error() gives the English, so
// logs and callers that know nothing of languages still read it; Message
// gives the wording a reader asked for.
type Error struct {
	Text
	err error // the error it wraps, if any
}

func (e *Error) Error() string { return e.En }

// Unwrap returns the error that was formatted into e, so errors.As still
// finds it.
func (e *Error) Unwrap() error { return e.err }

// Errorf formats t's two wordings with args. An argument that is an error
// is formatted in each wording's own language (see Message), and the first
// one is wrapped.
func Errorf(t Text, args ...any) error {
	e := &Error{Text: Format(t, args...)}
	for _, a := range args {
		if err, ok := a.(error); ok {
			e.err = err
			break
		}
	}
	return e
}

// Format formats t's two wordings with args, each argument that is an
// error or a Text in the wording's own language: a message made once and
// printed later in either.
func Format(t Text, args ...any) Text {
	return Text{Zh: sprintf(Zh, t.Zh, args), En: sprintf(En, t.En, args)}
}

// Count formats one (for n == 1) or many with n and then args: "1 file",
// "2 files". Chinese has no plural, so its wordings are usually the same.
func Count(n int, one, many Text, args ...any) Text {
	t := many
	if n == 1 {
		t = one
	}
	return Format(t, append([]any{n}, args...)...)
}

// Sprintf formats t in l, with error arguments in l too.
func Sprintf(l Lang, t Text, args ...any) string { return sprintf(l, t.In(l), args) }

func sprintf(l Lang, format string, args []any) string {
	if len(args) == 0 {
		return format
	}
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case error:
			out[i] = Message(v, l)
		case Text:
			out[i] = v.In(l)
		default:
			out[i] = a
		}
	}
	return fmt.Sprintf(format, out...)
}

// Worded is an error that words itself in either language. *Error is one;
// a package with positions to print (file:line:col) has its own.
type Worded interface {
	error
	In(Lang) string
}

// Message returns err's wording in l: that of the outermost Worded error in
// its chain, else err.Error(). An error from outside that wraps one of ours
// adds its English prefix only in English; wrap with Errorf to word it in
// both. In Chinese, an error of the system's (a file that cannot be opened,
// a full disk, a zip that is not one) is worded in Chinese too, where its
// cause is one the system names (see systemZh).
func Message(err error, l Lang) string {
	if err == nil {
		return ""
	}
	var w Worded
	if errors.As(err, &w) {
		if err == error(w) || l != En {
			return w.In(l)
		}
	}
	if l == Zh {
		if s, ok := systemZh(err); ok {
			return s
		}
	}
	return err.Error()
}
