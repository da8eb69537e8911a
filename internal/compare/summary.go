package compare

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"pilotpack/internal/document"
)

// WriteText writes the summary for a reader at a console: the documents
// and how each changed, every change with its clause and its redline, and
// the applicant file's changed fields with their places in both files.
func (r *Result) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "compare %s → %s\n", r.Old.Source, r.New.Source)
	fmt.Fprintf(&b, "  old: %s, pack %s %s, %s, %s\n", r.Old.Kind, r.Old.Pack.ID, r.Old.Pack.Version, r.Old.Lang, r.Old.Date)
	fmt.Fprintf(&b, "  new: %s, pack %s %s, %s, %s\n", r.New.Kind, r.New.Pack.ID, r.New.Pack.Version, r.New.Lang, r.New.Date)
	fmt.Fprintf(&b, "documents: %d changed, %d unchanged, %d added, %d removed\n", r.Summary.Changed, r.Summary.Unchanged, r.Summary.Added, r.Summary.Removed)
	for _, d := range r.Documents {
		switch d.Status {
		case StatusUnchanged:
			fmt.Fprintf(&b, "  unchanged %s\n", d)
		case StatusAdded:
			fmt.Fprintf(&b, "  added     %s: %s\n", d, d.Title)
		case StatusRemoved:
			fmt.Fprintf(&b, "  removed   %s: %s\n", d, d.Title)
		case StatusChanged:
			c := d.Counts
			fmt.Fprintf(&b, "  changed   %s: %s\n", d, d.Title)
			fmt.Fprintf(&b, "            %d changed, %d inserted, %d deleted, %d moved, %d renumbered\n", c.Changed, c.Inserted, c.Deleted, c.Moved, c.Renumbered)
			for _, ch := range d.Changes {
				b.WriteString("    " + changeLine(ch) + "\n")
			}
			if d.Redline != nil {
				fmt.Fprintf(&b, "    redline: %s, %s\n", d.Redline.DOCX, d.Redline.PDF)
			}
		}
	}
	if !r.Data.Compared {
		fmt.Fprintf(&b, "applicant data: not compared: %s\n", r.Data.Note)
	} else {
		fmt.Fprintf(&b, "applicant data: %s\n", plural(len(r.Data.Changes), "field changed", "fields changed"))
		for _, c := range r.Data.Changes {
			b.WriteString("  " + fieldLine(c) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// changeLine is one change: its kind, clause and section, and the changed
// text with a little around it.
func changeLine(c Change) string {
	where := c.Clause
	if c.Section != "" {
		if where != "" {
			where += " "
		}
		where += "(" + c.Section + ")"
	}
	if where == "" {
		where = "(before the first heading)"
	}
	text := redline(excerpt(c.spans, 20, 120))
	if c.Kind == Moved {
		// Moved unchanged: the text as it reads, without marks.
		text = document.PlainText(excerpt(c.spans, 20, 120))
		return fmt.Sprintf("%-10s %s %s, from %s: %s", c.Kind, where, c.Part, c.From, text)
	}
	return fmt.Sprintf("%-10s %s %s: %s", c.Kind, where, c.Part, text)
}

func fieldLine(c FieldChange) string {
	at := c.NewAt
	switch {
	case c.Kind == "removed":
		at = c.OldAt
	case c.Kind != "added" && c.OldAt != c.NewAt:
		at = c.OldAt + " → " + c.NewAt
	}
	path := c.Path
	if c.OldPath != "" {
		path = c.OldPath + " → " + c.Path
	}
	switch c.Kind {
	case "added":
		return fmt.Sprintf("added   %s = %s (%s)", path, value(c.New), at)
	case "removed":
		return fmt.Sprintf("removed %s = %s (%s)", path, value(c.Old), at)
	case "moved":
		return fmt.Sprintf("moved   %s (%s)", path, at)
	}
	return fmt.Sprintf("changed %s: %s → %s (%s)", path, value(c.Old), value(c.New), at)
}

// value shows a field's value on one line; a whole item (a manufacturer
// added) by its id and name.
func value(v any) string {
	data, _ := json.Marshal(v)
	var m map[string]any
	if json.Unmarshal(data, &m) == nil {
		var parts []string
		for _, k := range []string{"id", "name_zh", "name_en", "name", "manufacturer", "from", "to", "path", "activity"} {
			switch v := m[k].(type) {
			case string:
				if v != "" {
					parts = append(parts, k+"="+v)
				}
			case map[string]any: // a Text or Name: its Chinese, else its English
				for _, l := range []string{"zh", "en"} {
					if s, ok := v[l].(string); ok && s != "" {
						parts = append(parts, k+"="+s)
						break
					}
				}
			}
		}
		if len(parts) > 0 {
			return "{" + strings.Join(parts, ", ") + ", …}"
		}
	}
	s := string(data)
	if utf8.RuneCountInString(s) > 100 {
		s = string([]rune(s)[:100]) + "…"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// WriteDir writes a comparison's files into dir, replacing a comparison
// written there before: the files go into a folder beside it, which then
// takes its place, so that dir never holds the redlines of two
// comparisons. A dir that holds something else is refused.
func WriteDir(dir string, files []File) (err error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, ChangesName)); err != nil {
			return &DirError{Dir: dir}
		}
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s: %w; choose another folder with --out", dir, err)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("cannot write into %s: %w; check its permissions or choose another with --out", parent, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f.Name), f.Data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", f.Name, err)
		}
	}
	var old string
	if _, err := os.Lstat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("cannot replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("cannot move the comparison into place: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// DirError refuses to write a comparison into a folder holding something
// else.
type DirError struct{ Dir string }

func (e *DirError) Error() string {
	return fmt.Sprintf("%s holds files that are not a comparison's (no %s); choose an empty or new folder with --out", e.Dir, ChangesName)
}
