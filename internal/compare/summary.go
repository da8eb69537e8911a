package compare

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"pilotpack/internal/document"
	"pilotpack/internal/lang"
	"pilotpack/internal/safefile"
)

// The console summary's wording. Kinds and statuses are padded to one
// width in each language: four Chinese characters, ten Latin letters.
var says = struct {
	compare, old, new, documents, counts, redline, dataNot, data, noData, before lang.Text
	status                                                                       map[Status]lang.Text
	kind                                                                         map[Kind]lang.Text
	field                                                                        map[string]lang.Text
	side                                                                         map[string]lang.Text
	langName                                                                     map[lang.Lang]lang.Text
	from                                                                         lang.Text
}{
	compare:   lang.T("比较 %s → %s", "compare %s → %s"),
	old:       lang.T("  原版本：%s，模板包 %s %s，%s，%s", "  old: %s, pack %s %s, %s, %s"),
	new:       lang.T("  新版本：%s，模板包 %s %s，%s，%s", "  new: %s, pack %s %s, %s, %s"),
	documents: lang.T("文件：修改 %d 份，未变 %d 份，新增 %d 份，删除 %d 份", "documents: %d changed, %d unchanged, %d added, %d removed"),
	counts:    lang.T("修改 %d 处，插入 %d 处，删除 %d 处，移动 %d 处，仅编号变化 %d 处", "%d changed, %d inserted, %d deleted, %d moved, %d renumbered"),
	redline:   lang.T("    修订对照稿：%s、%s", "    redline: %s, %s"),
	dataNot:   lang.T("申请数据：未比较：%s", "applicant data: not compared: %s"),
	data:      lang.T("申请数据：%d 个字段有变化", "applicant data: %d fields changed"), // English: plural
	noData:    lang.T("申请数据：无变化", "applicant data: 0 fields changed"),
	before:    lang.T("首个标题之前", "(before the first heading)"),
	from:      lang.T("原%s", "from %s"),
	status: map[Status]lang.Text{
		StatusChanged: lang.T("修改", "changed"), StatusUnchanged: lang.T("未变", "unchanged"),
		StatusAdded: lang.T("新增", "added"), StatusRemoved: lang.T("删除", "removed"),
	},
	kind: map[Kind]lang.Text{
		Changed: lang.T("修改", "changed"), Inserted: lang.T("插入", "inserted"), Deleted: lang.T("删除", "deleted"),
		Moved: lang.T("移动", "moved"), Renumbered: lang.T("编号变化", "renumbered"),
	},
	field: map[string]lang.Text{
		"changed": lang.T("修改", "changed"), "added": lang.T("新增", "added"),
		"removed": lang.T("删除", "removed"), "moved": lang.T("移动", "moved"),
	},
	side:     map[string]lang.Text{"applicant": lang.T("申请文件", "applicant"), "packet": lang.T("资料包", "packet")},
	langName: map[lang.Lang]lang.Text{lang.Zh: lang.T("中文", "zh"), lang.En: lang.T("英文", "en")},
}

// pad pads a word to the width of the longest of its kind: n Chinese
// characters, or n Latin letters.
func pad(l lang.Lang, word string, n int) string {
	if l == lang.En {
		return fmt.Sprintf("%-*s", n, word)
	}
	return word + strings.Repeat("　", max(n-utf8.RuneCountInString(word), 0))
}

// WriteText writes the summary for a reader at a console, in l: the
// documents and how each changed, every change with its clause and its
// redline, and the applicant file's changed fields with their places in
// both files.
func (r *Result) WriteText(w io.Writer, l lang.Lang) error {
	var b strings.Builder
	line := func(t lang.Text, args ...any) { b.WriteString(lang.Sprintf(l, t, args...) + "\n") }
	line(says.compare, r.Old.Source, r.New.Source)
	for _, s := range []struct {
		t    lang.Text
		side *Side
	}{{says.old, r.Old}, {says.new, r.New}} {
		line(s.t, says.side[s.side.Kind].In(l), s.side.Pack.ID, s.side.Pack.Version, says.langName[s.side.Lang].In(l), s.side.Date)
	}
	line(says.documents, r.Summary.Changed, r.Summary.Unchanged, r.Summary.Added, r.Summary.Removed)
	for _, d := range r.Documents {
		// In English the document's ids, then its title; in Chinese its
		// title as a document is cited, 《…》.
		if l == lang.Zh {
			b.WriteString("  " + says.status[d.Status].In(l) + "　《" + d.Title + "》\n")
		} else {
			b.WriteString("  " + pad(l, says.status[d.Status].In(l), 9) + " " + d.String() + ": " + d.Title + "\n")
		}
		if d.Status != StatusChanged {
			continue
		}
		c := d.Counts
		indent := map[lang.Lang]string{lang.Zh: "        ", lang.En: "            "}[l]
		b.WriteString(indent + lang.Sprintf(l, says.counts, c.Changed, c.Inserted, c.Deleted, c.Moved, c.Renumbered) + "\n")
		for _, ch := range d.Changes {
			b.WriteString("    " + changeLine(l, ch) + "\n")
		}
		if d.Redline != nil {
			line(says.redline, d.Redline.DOCX, d.Redline.PDF)
		}
	}
	if !r.Data.Compared {
		note := ""
		if r.Data.Note != nil {
			note = r.Data.Note.In(l)
		}
		line(says.dataNot, note)
	} else {
		switch n := len(r.Data.Changes); {
		case l == lang.En:
			b.WriteString("applicant data: " + plural(n, "field changed", "fields changed") + "\n")
		case n == 0:
			line(says.noData)
		default:
			line(says.data, n)
		}
		for _, c := range r.Data.Changes {
			b.WriteString("  " + fieldLine(l, c) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// changeLine is one change: its kind, clause and section, and the changed
// text with a little around it.
func changeLine(l lang.Lang, c Change) string {
	var where string
	part := partName(l, c.Part)
	switch {
	case l == lang.En:
		where = c.Clause
		if c.Section != "" {
			where = strings.TrimSpace(where + " (" + c.Section + ")")
		}
		if where == "" {
			where = says.before.In(l)
		}
		where += " " + part
	case c.Clause != "" && c.Section != "":
		where = c.Clause + "（" + c.Section + "）" + part
	case c.Clause != "" || c.Section != "":
		where = c.Clause + c.Section + "　" + part
	default:
		where = says.before.In(l) + "　" + part
	}
	colon := map[lang.Lang]string{lang.Zh: "：", lang.En: ": "}[l]
	kind := pad(l, says.kind[c.Kind].In(l), 10) + " "
	if l == lang.Zh {
		kind = pad(l, says.kind[c.Kind].In(l), 4) + "　"
	}
	if c.Kind == Moved {
		// Moved unchanged: the text as it reads, without marks.
		sep := map[lang.Lang]string{lang.Zh: "，", lang.En: ", "}[l]
		return kind + where + sep + lang.Sprintf(l, says.from, c.From) + colon + document.PlainText(excerpt(c.spans, 20, 120))
	}
	return kind + where + colon + redline(excerpt(c.spans, 20, 120))
}

func fieldLine(l lang.Lang, c FieldChange) string {
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
	kind := says.field[c.Kind].In(l)
	open, close, colon := " (", ")", ": "
	if l == lang.Zh {
		open, close, colon = "（", "）", "："
	} else {
		kind = fmt.Sprintf("%-7s", kind)
	}
	switch c.Kind {
	case "added":
		return kind + " " + path + " = " + value(l, c.New) + open + at + close
	case "removed":
		return kind + " " + path + " = " + value(l, c.Old) + open + at + close
	case "moved":
		return kind + " " + path + open + at + close
	}
	return kind + " " + path + colon + value(l, c.Old) + " → " + value(l, c.New) + open + at + close
}

// value shows a field's value on one line; a whole item (a manufacturer
// added) by its id and name, a bilingual text in l first.
func value(l lang.Lang, v any) string {
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
			case map[string]any: // a Text or Name: in l, else the other
				for _, in := range []lang.Lang{l, other(l)} {
					if s, ok := v[string(in)].(string); ok && s != "" {
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

// other is the language that is not l.
func other(l lang.Lang) lang.Lang {
	if l == lang.Zh {
		return lang.En
	}
	return lang.Zh
}

// WriteDir writes a comparison's files into dir, replacing a comparison
// written there before, as one step (safefile): the files are staged in a
// folder beside dir, which then takes its place, so that dir never holds
// the redlines of two comparisons nor half of one. A dir that is a file, a
// link, or a folder holding anything but a comparison's files is refused
// with a *DirError and left alone. A write that fails leaves dir as it was
// and removes the folders it made for it.
func WriteDir(dir string, files []File) (err error) {
	if err := checkDir(dir); err != nil {
		return err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	made, err := safefile.MakeDirs(parent)
	if err != nil {
		return lang.Errorf(msgDirCreate, parent, cause(err))
	}
	defer func() {
		if err != nil {
			made.Undo()
		}
	}()
	safefile.Sweep(parent)
	staged, err := safefile.StageDir(filepath.Clean(dir))
	if err != nil {
		return lang.Errorf(msgDirWrite, parent, cause(err))
	}
	defer staged.Discard()
	for _, f := range files {
		if err := staged.WriteFile(f.Name, f.Data); err != nil {
			return lang.Errorf(msgDirFile, f.Name, cause(err))
		}
	}
	if err := staged.Commit(safefile.Overwrite); err != nil {
		return lang.Errorf(msgDirCommit, dir, cause(err))
	}
	return nil
}

// cause is what the system said of a path, without the temporary's name
// the path has in safefile's messages.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// comparisonFile matches the names of the files a comparison writes.
var comparisonFile = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(` + regexp.QuoteMeta(ChangesName) + `|[0-9]+-.+-redline\.(docx|pdf))$`)
})

// checkDir refuses an output folder that is not one to write a comparison
// into: a file, a symbolic link, or a folder holding other files.
func checkDir(dir string) error {
	st, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return lang.Errorf(msgDirUnreadable, dir, err)
	case st.Mode()&fs.ModeSymlink != 0:
		return &DirError{Dir: dir, Why: msgDirLink}
	case !st.IsDir():
		return &DirError{Dir: dir, Why: msgDirFileThere}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return lang.Errorf(msgDirUnreadable, dir, err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !comparisonFile().MatchString(e.Name()) {
			return &DirError{Dir: dir, Why: lang.T(lang.Sprintf(lang.Zh, msgDirOther, e.Name()), lang.Sprintf(lang.En, msgDirOther, e.Name()))}
		}
	}
	return nil
}

// DirError refuses to write a comparison into dir, and says why.
type DirError struct {
	Dir string
	Why lang.Text
}

func (e *DirError) Error() string { return e.In(lang.En) }

// In words the error in l (lang.Worded).
func (e *DirError) In(l lang.Lang) string {
	return lang.Sprintf(l, msgDirRefused, e.Dir, e.Why)
}

var (
	msgDirRefused    = lang.T("%s %s；请用 --out 指定一个空的或新的文件夹", "%s %s; choose an empty or new folder with --out")
	msgDirLink       = lang.T("是符号链接，不是文件夹", "is a symbolic link, not a folder")
	msgDirFileThere  = lang.T("是文件，不是文件夹", "is a file, not a folder")
	msgDirOther      = lang.T("中有 %s，不是比较结果的文件（比较结果的文件夹只放 changes.json 和修订对照稿），因此不予替换", "holds %s, which is not a comparison's file (a comparison's folder holds only changes.json and redlines), so it is not replaced")
	msgDirUnreadable = lang.T("%s 无法读取：%v；请用 --out 指定其他文件夹", "%s cannot be read: %v; choose another folder with --out")
	msgDirCreate     = lang.T("无法创建 %s：%v；请检查权限，或用 --out 指定其他文件夹", "cannot create %s: %v; check its permissions or choose another folder with --out")
	msgDirWrite      = lang.T("无法写入 %s：%v；请检查权限，或用 --out 指定其他文件夹", "cannot write into %s: %v; check its permissions or choose another folder with --out")
	msgDirFile       = lang.T("写入 %s 失败：%v", "writing %s: %v")
	msgDirCommit     = lang.T("无法将比较结果放入 %s：%v", "cannot move the comparison into %s: %v")
)
