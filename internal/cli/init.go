package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	ucli "github.com/urfave/cli/v2"

	"pilotpack/fixtures"
	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/lang"
	"pilotpack/internal/safefile"
	"pilotpack/internal/shell"
)

// schemaFile is written beside a new applicant file; the file's first line
// (YAML) or "$schema" key (JSON) points editors at it.
const schemaFile = "pilotpack.schema.json"

var (
	msgInitExists    = lang.T("%s 已存在；请换一个文件名，或加 --force 覆盖", "%s already exists; choose another name or add --force to overwrite it")
	msgOutputFolder  = lang.T("%s 是文件夹；请给出要写出的文件名", "%s is a folder; name the file to write")
	msgInitExt       = lang.T("%s：申请文件的扩展名应为 .yaml、.yml、.json，或（申请数据表）.xlsx", "%s: an applicant file's name ends in .yaml, .yml, .json, or (the intake workbook) .xlsx")
	msgInitXlsxExt   = lang.T("%s：申请数据表的文件名应以 .xlsx 结尾", "%s: the intake workbook's name ends in .xlsx")
	msgInitBoth      = lang.T("--blank 与 --example 只能选一个", "--blank and --example cannot be used together")
	msgInitWrote     = lang.T("已写出 %s（%s，资料包标识 %s）和 %s", "wrote %s (%s, packet id %s) and %s")
	msgInitFromEx    = lang.T("示例 %s", "example: %s")
	msgInitBlank     = lang.T("空白", "blank")
	msgInitNext      = lang.T("编辑后检查：%s", "edit it, then check it with: %s")
	msgInitNoFolder  = lang.T("无法写出 %s：文件夹 %s 不存在", "cannot write %s: folder %s does not exist")
	msgInitNoAttach  = lang.T("# 要复制进资料包的证明性文件，路径相对于本文件。\n# 文件备齐后删去行首的“# ”：\n", "# Supporting documents to copy into the packet, with paths relative to this file.\n# Remove the leading \"# \" once the files exist:\n")
	msgBlankHeader   = lang.T("空白申请文件：每个字段都已列出并留空，注释说明应填什么。", "Blank applicant file: every field is listed and left empty, with a comment saying what it holds.")
	msgBlankCheck    = lang.T("填写后检查：pilotpack validate FILE；字段说明：pilotpack schema", "Check it with: pilotpack validate FILE; every field is described by: pilotpack schema")
	msgBlankRequired = lang.T("必填", "required")
	msgBlankOneOf    = lang.T("可选值：%s", "one of: %s")
	msgBlankList     = lang.T("列表：按需复制此项", "a list: copy this item for each one")
	msgBlankDate     = lang.T("日期 YYYY-MM-DD", "a date, YYYY-MM-DD")
	msgBlankOptional = lang.T("不适用时删去这一节", "delete this section if it does not apply")
)

func initCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "init",
		Usage:     "write a complete, commented example applicant file to start from",
		ArgsUsage: "[FILE]",
		// --xlsx: see writeWorkbook in convert.go.
		Description: "Writes FILE (default applicant.yaml; a name ending in .json gets JSON) from one of the bundled\n" +
			"examples, or with --blank with every field empty and commented, and the JSON Schema as\n" +
			schemaFile + " beside it so editors complete and check the fields. application.id is made from\n" +
			"FILE's name, so the packet is named after the new file. An existing FILE is kept unless --force.\n" +
			"With --xlsx (or a FILE ending in .xlsx), writes the intake workbook instead (default\n" +
			"applicant.xlsx): one sheet per part of the application, with dropdowns and notes, to fill in\n" +
			"with Excel, WPS or LibreOffice; every command reads it as it reads YAML. A workbook is blank\n" +
			"unless --example names one.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "example", Value: "adc", Usage: "example to start from: " + strings.Join(fixtures.Examples, ", ")},
			&ucli.BoolFlag{Name: "blank", Usage: "write every field empty and commented instead of an example"},
			&ucli.BoolFlag{Name: "force", Usage: "overwrite an existing file"},
			&ucli.BoolFlag{Name: "xlsx", Usage: "write the intake workbook (.xlsx) to fill in with Excel, WPS or LibreOffice"},
		},
		Action: func(c *ucli.Context) error {
			if err := needArgs(c, 0, 1); err != nil {
				return err
			}
			l := stateOf(c).msg()
			path := c.Args().First()
			if path == "" {
				path = "applicant.yaml"
				if c.Bool("xlsx") {
					path = "applicant.xlsx"
				}
			}
			ext := strings.ToLower(filepath.Ext(path))
			workbook := c.Bool("xlsx") || ext == ".xlsx"
			if c.Bool("blank") && c.IsSet("example") {
				return usageError(msgInitBoth)
			}
			if workbook {
				if ext != ".xlsx" {
					return usageError(msgInitXlsxExt, path)
				}
				if err := refuseExisting(path, c.Bool("force")); err != nil {
					return err
				}
				// A workbook is a form: blank unless an example is asked for.
				example := ""
				if c.IsSet("example") {
					example = c.String("example")
				}
				return writeWorkbook(c, path, example)
			}
			if !slices.Contains([]string{".yaml", ".yml", ".json"}, ext) {
				return usageError(msgInitExt, path)
			}
			if err := refuseExisting(path, c.Bool("force")); err != nil {
				return err
			}
			dir := filepath.Dir(path)
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return withCode(ExitInternal, lang.Errorf(msgInitNoFolder, path, dir))
			}
			id := applicant.IDFromName(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
			asJSON := ext == ".json"
			var text []byte
			var err error
			what := lang.Sprintf(l, msgInitFromEx, c.String("example"))
			if c.Bool("blank") {
				text, err = blankFile(id, asJSON, l)
				what = msgInitBlank.In(l)
			} else {
				text, err = exampleFile(c.String("example"), id, asJSON, l)
			}
			if err != nil {
				return err
			}
			schema, err := applicant.Schema()
			if err != nil {
				return err
			}
			if err := writeOutput(path, text, c.Bool("force")); err != nil {
				return err
			}
			sp := filepath.Join(dir, schemaFile)
			if err := safefile.WriteFile(sp, schema); err != nil {
				return err
			}
			say(c, l, msgInitWrote, path, what, id, sp)
			say(c, l, msgInitNext, shell.Join("pilotpack", "validate", path))
			return nil
		},
	}
}

var exampleID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^(application:\n(?:[ \t]*#.*\n)*)(  id: .*\n)?`) })

// exampleFile returns a bundled example ready for a new user: its
// application.id is the new file's, and its attachments are left out
// (commented out in YAML), since the scans it names exist only beside the
// bundled fixture.
func exampleFile(name, id string, asJSON bool, l lang.Lang) ([]byte, error) {
	data, err := fs.ReadFile(fixtures.Applicants, "applicants/"+name+".yaml")
	if err != nil {
		return nil, err
	}
	data = exampleID().ReplaceAll(data, []byte("${1}  id: "+id+"\n"))
	lines := bytes.SplitAfter(data, []byte("\n"))
	var out bytes.Buffer
	in := false
	for _, line := range lines {
		top := len(line) > 0 && line[0] != ' ' && line[0] != '#' && line[0] != '\n'
		if top {
			in = bytes.HasPrefix(line, []byte("attachments:"))
			if in {
				out.WriteString(msgInitNoAttach.In(l))
			}
		}
		if in && len(bytes.TrimSpace(line)) > 0 {
			out.WriteString("# ")
		}
		out.Write(line)
	}
	if !asJSON {
		return out.Bytes(), nil
	}
	root, _, err := datafile.Parse(name+".yaml", out.Bytes(), datafile.DefaultLimits)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("{\n  " + jsonString(datafile.SchemaKey) + ": " + jsonString(schemaFile))
	for i, k := range root.Keys {
		b.WriteString(",\n  " + jsonString(k.Value) + ": ")
		writeNodeJSON(&b, root.Values[i], "  ")
	}
	b.WriteString("\n}\n")
	return b.Bytes(), nil
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// writeNodeJSON writes a parsed YAML value as JSON, keeping the order of
// its keys, so the JSON example reads in the same order as the YAML one.
func writeNodeJSON(b *bytes.Buffer, n *datafile.Node, indent string) {
	switch n.Kind {
	case datafile.Null:
		b.WriteString("null")
	case datafile.Scalar:
		switch n.Tag {
		case "int", "float", "bool":
			b.WriteString(n.Value)
		default:
			b.WriteString(jsonString(n.Value))
		}
	case datafile.Sequence:
		if len(n.Values) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[")
		for i, v := range n.Values {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n" + indent + "  ")
			writeNodeJSON(b, v, indent+"  ")
		}
		b.WriteString("\n" + indent + "]")
	case datafile.Mapping:
		if len(n.Keys) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{")
		for i, k := range n.Keys {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n" + indent + "  " + jsonString(k.Value) + ": ")
			writeNodeJSON(b, n.Values[i], indent+"  ")
		}
		b.WriteString("\n" + indent + "}")
	}
}

var (
	dateType  = reflect.TypeFor[civil.Date]()
	enumIface = reflect.TypeFor[datafile.Enum]()
	textIface = reflect.TypeFor[interface{ UnmarshalText([]byte) error }]()
)

// blankFile writes every field of the applicant file empty: in YAML with
// a comment on each saying what it holds, whether it is required and what
// values it takes; lists hold one empty item to copy.
func blankFile(id string, asJSON bool, l lang.Lang) ([]byte, error) {
	docs, err := applicant.Docs()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	t := reflect.TypeFor[applicant.File]()
	if asJSON {
		blankJSON(&b, t, "", id, jsonString(datafile.SchemaKey)+": "+jsonString(schemaFile))
		b.WriteString("\n")
		return b.Bytes(), nil
	}
	fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n#\n# %s\n# %s\n\n", schemaFile, msgBlankHeader.In(l), msgBlankCheck.In(l))
	blankYAML(&b, t, "", docs, id, l)
	return b.Bytes(), nil
}

func blankYAML(b *bytes.Buffer, t reflect.Type, indent string, docs map[string]string, id string, l lang.Lang) {
	first := indent
	for i, f := range datafile.Fields(t) {
		sf := t.Field(f.Index)
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		pre := indent
		if i == 0 {
			pre = first
		}
		var notes []string
		if f.Required {
			notes = append(notes, msgBlankRequired.In(l))
		}
		switch {
		case ft == dateType:
			notes = append(notes, msgBlankDate.In(l))
		case ft.Implements(enumIface):
			if keys := reflect.Zero(ft).Interface().(datafile.Enum).EnumKeys(); len(keys) <= 16 {
				notes = append(notes, lang.Sprintf(l, msgBlankOneOf, strings.Join(keys, ", ")))
			}
		case sf.Type.Kind() == reflect.Pointer && ft.Kind() == reflect.Struct:
			notes = append(notes, msgBlankOptional.In(l))
		}
		comment := docs[t.Name()+"."+sf.Name]
		if len(notes) > 0 {
			comment += " (" + strings.Join(notes, "; ") + ")"
		}
		if indent == "" {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%s# %s\n", strings.Repeat(" ", len(indent)), comment)
		value := ""
		if t == reflect.TypeFor[applicant.Application]() && f.Name == "id" {
			value = " " + id
		}
		isText := reflect.PointerTo(ft).Implements(textIface)
		switch {
		case ft.Kind() == reflect.Struct && !isText:
			fmt.Fprintf(b, "%s%s:\n", pre, f.Name)
			blankYAML(b, ft, indent+"  ", docs, id, l)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			fmt.Fprintf(b, "%s%s:\n%s  # %s\n", pre, f.Name, strings.Repeat(" ", len(indent)), msgBlankList.In(l))
			blankYAMLItem(b, ft.Elem(), indent+"  ", docs, id, l)
		case ft.Kind() == reflect.Slice:
			fmt.Fprintf(b, "%s%s: []\n", pre, f.Name)
		default:
			fmt.Fprintf(b, "%s%s:%s\n", pre, f.Name, value)
		}
	}
}

// blankYAMLItem writes one list item: "- " before its first field.
func blankYAMLItem(b *bytes.Buffer, t reflect.Type, indent string, docs map[string]string, id string, l lang.Lang) {
	var item bytes.Buffer
	blankYAML(&item, t, indent+"  ", docs, id, l)
	lines := strings.SplitAfter(item.String(), "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, indent+"  ") {
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			// The first field's comment stands at the dash.
			lines[i] = indent + line[len(indent)+2:]
			continue
		}
		lines[i] = indent + "- " + line[len(indent)+2:]
		break
	}
	b.WriteString(strings.Join(lines, ""))
}

// blankJSON writes the fields of t as JSON with no values, after first
// (a "key": value pair) when given.
func blankJSON(b *bytes.Buffer, t reflect.Type, indent, id, first string) {
	b.WriteString("{")
	sep := ""
	if first != "" {
		b.WriteString("\n" + indent + "  " + first)
		sep = ","
	}
	for _, f := range datafile.Fields(t) {
		b.WriteString(sep)
		sep = ","
		ft := t.Field(f.Index).Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		b.WriteString("\n" + indent + "  " + jsonString(f.Name) + ": ")
		isText := reflect.PointerTo(ft).Implements(textIface)
		switch {
		case t == reflect.TypeFor[applicant.Application]() && f.Name == "id":
			b.WriteString(jsonString(id))
		case ft.Kind() == reflect.Struct && !isText:
			blankJSON(b, ft, indent+"  ", id, "")
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			b.WriteString("[\n" + indent + "    ")
			blankJSON(b, ft.Elem(), indent+"    ", id, "")
			b.WriteString("\n" + indent + "  ]")
		case ft.Kind() == reflect.Slice:
			b.WriteString("[]")
		default:
			b.WriteString("null")
		}
	}
	b.WriteString("\n" + indent + "}")
}

// refuseExisting is the one check of a file a command is to write: a
// folder in its place is refused, and an existing file kept unless force.
func refuseExisting(path string, force bool) error {
	st, err := os.Lstat(path)
	switch {
	case err != nil:
		return nil
	case st.IsDir():
		return usageError(msgOutputFolder, path)
	case !force:
		return usageError(msgInitExists, path)
	}
	return nil
}

// writeOutput writes a file a command makes, whole: in place of an
// existing one only when force, so that of two commands racing to create
// the same file without it exactly one succeeds and the other is refused
// as refuseExisting would have refused it.
func writeOutput(path string, data []byte, force bool) error {
	write := safefile.Create
	if force {
		write = safefile.Replace
	}
	err := write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	var exists *safefile.ExistsError
	if errors.As(err, &exists) {
		return usageError(msgInitExists, path)
	}
	return err
}
