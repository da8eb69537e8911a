package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"pilotpack/internal/applicant"
	"pilotpack/internal/testtool"
)

// runCLI runs the command line in process and returns its exit code and
// output.
func runCLI(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(append([]string{"pilotpack"}, args...), &out, &errb)
	return code, out.String() + errb.String()
}

// build builds the packet of file into out with a fixed date and returns
// the packet's folder.
func build(t *testing.T, file, out string) string {
	t.Helper()
	if code, msg := runCLI(t, "build", "--force", "--date", "2025-12-15", "--out", out, file); code != 0 {
		t.Fatalf("build %s: exit %d\n%s", file, code, msg)
	}
	entries, err := os.ReadDir(out)
	if err != nil || len(entries) != 1 {
		t.Fatalf("build %s wrote %v (%v)", file, entries, err)
	}
	return filepath.Join(out, entries[0].Name())
}

// samePacket compares two packets built from the same application, one
// from YAML and one from a workbook: every file byte for byte, except what
// names the input file. The manifest names the input and its digest, and
// the findings' positions in it; the checklist workbook lists the
// findings with their line (so its digest in the manifest differs too).
// Those are compared without them.
func samePacket(t *testing.T, want, got string) {
	t.Helper()
	var files []string
	filepath.WalkDir(want, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(want, p)
			files = append(files, rel)
		}
		return nil
	})
	var gotFiles []string
	filepath.WalkDir(got, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(got, p)
			gotFiles = append(gotFiles, rel)
		}
		return nil
	})
	if !reflect.DeepEqual(files, gotFiles) {
		t.Fatalf("the packets hold different files:\n%v\n%v", files, gotFiles)
	}
	for _, f := range files {
		a, _ := os.ReadFile(filepath.Join(want, f))
		b, _ := os.ReadFile(filepath.Join(got, f))
		switch {
		case f == "manifest.json":
			if x, y := manifestWithoutInput(t, a), manifestWithoutInput(t, b); x != y {
				t.Errorf("manifest.json differs beyond the input:\n%s\n%s", x, y)
			}
		case strings.HasSuffix(f, "checklist.xlsx"):
			if x, y := cellsWithoutLines(t, a), cellsWithoutLines(t, b); x != y {
				t.Errorf("%s differs beyond the findings' lines", f)
			}
		case !bytes.Equal(a, b):
			t.Errorf("%s differs", f)
		}
	}
}

func manifestWithoutInput(t *testing.T, data []byte) string {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "input")
	// The checklist's digest, since its findings' lines differ.
	files, _ := m["files"].([]any)
	for _, f := range files {
		if e := f.(map[string]any); strings.HasSuffix(e["path"].(string), "checklist.xlsx") {
			delete(e, "sha256")
			delete(e, "size")
		}
	}
	if fs, ok := m["findings"].(map[string]any); ok {
		// Sorted by position, which differs: compare them in one order.
		list, _ := fs["list"].([]any)
		for _, f := range list {
			for _, k := range []string{"file", "line", "column", "sheet", "cell"} {
				delete(f.(map[string]any), k)
			}
		}
		slices.SortFunc(list, func(x, y any) int {
			a, _ := json.Marshal(x)
			b, _ := json.Marshal(y)
			return strings.Compare(string(a), string(b))
		})
	}
	b, _ := json.MarshalIndent(m, "", " ")
	return string(b)
}

// cellsWithoutLines dumps every cell of a workbook but the line column of
// its findings sheet.
func cellsWithoutLines(t *testing.T, data []byte) string {
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var b strings.Builder
	for _, s := range x.GetSheetList() {
		rows, _ := x.GetRows(s)
		skip := -1
		for i, h := range append(rows, nil)[0] {
			if h == "行" || h == "Line" {
				skip = i
			}
		}
		for _, r := range rows {
			for i, v := range r {
				if i != skip {
					b.WriteString(v + "\t")
				}
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestWorkbookPacket builds every fixture from its YAML and from its
// workbook: the packets are the same.
func TestWorkbookPacket(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"adc", "vaccine", "glp1"} {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("..", "..", "fixtures", "applicants", name)
			samePacket(t, build(t, src+".yaml", filepath.Join(dir, name, "yaml")), build(t, src+".xlsx", filepath.Join(dir, name, "xlsx")))
		})
	}
}

// TestWorkbookByHand is the path of a person who has never seen YAML: a
// workbook from init --xlsx, filled in (the attachments typed in, and a
// credit code mistyped), saved by LibreOffice; validate names the cell,
// the person fixes it and saves again, and the build is the YAML
// fixture's packet.
func TestWorkbookByHand(t *testing.T) {
	testtool.Need(t, "soffice")
	dir := t.TempDir()
	fixtures := filepath.Join("..", "..", "fixtures", "applicants")
	if err := os.CopyFS(filepath.Join(dir, "attachments"), os.DirFS(filepath.Join(fixtures, "attachments"))); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "申请.xlsx")
	if code, msg := runCLI(t, "init", "--xlsx", "--example", "adc", book); code != 0 {
		t.Fatalf("init: %d %s", code, msg)
	}
	want, _, err := applicant.Load(filepath.Join(fixtures, "adc.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	good := want.Manufacturers[1].CreditCode
	fill := func(change func(x *excelize.File)) {
		t.Helper()
		x, err := excelize.OpenFile(book)
		if err != nil {
			t.Fatal(err)
		}
		change(x)
		if err := x.Save(); err != nil {
			t.Fatal(err)
		}
		x.Close()
		// Saved again by LibreOffice, as the person's spreadsheet program.
		saved := testtool.Soffice(t, book, "xlsx:Calc MS Excel 2007 XML", filepath.Join(dir, "lo"))
		if err := os.Rename(saved, book); err != nil {
			t.Fatal(err)
		}
	}
	fill(func(x *excelize.File) {
		for i, at := range want.Attachments {
			row := []any{at.Path, string(at.Kind), at.Title.Zh, at.Title.En, at.Item, at.Manufacturer}
			if err := x.SetSheetRow("附件", "A"+strconv.Itoa(3+i), &row); err != nil {
				t.Fatal(err)
			}
		}
		x.SetCellValue("受托生产企业", "D4", good[:len(good)-1]+"X")
		// The new workbook's id comes from its name; the person keeps
		// the application's own.
		rows, _ := x.GetRows("申请信息")
		for i, r := range rows {
			if len(r) > 1 && r[1] == "id" {
				x.SetCellValue("申请信息", "C"+strconv.Itoa(i+1), want.Application.ID)
			}
		}
	})
	code, out := runCLI(t, "validate", "--lang", "en", book)
	if code != ExitData || !strings.Contains(out, "申请.xlsx:受托生产企业!D4: error [id.credit-code] manufacturers[1].credit_code: ") {
		t.Fatalf("validate: exit %d, want 3 and the cell of the credit code:\n%s", code, out)
	}
	fill(func(x *excelize.File) { x.SetCellValue("受托生产企业", "D4", good) })
	if code, out := runCLI(t, "validate", "--lang", "en", book); code != 0 {
		t.Fatalf("validate after the fix: exit %d\n%s", code, out)
	}
	samePacket(t, build(t, filepath.Join(fixtures, "adc.yaml"), filepath.Join(dir, "yaml")), build(t, book, filepath.Join(dir, "xlsx")))
}

// TestRacingWritersWithoutForce: commands that create the same file at
// once without --force (init, convert) cannot both win: exactly one
// writes it, the others are refused as if it had been there, and the file
// is whole.
func TestRacingWritersWithoutForce(t *testing.T) {
	src := filepath.Join("..", "..", "fixtures", "applicants", "glp1.yaml")
	for _, tc := range []struct {
		name string
		args func(out string) []string
	}{
		{"init", func(out string) []string { return []string{"init", "--lang", "en", "--example", "adc", out} }},
		{"convert", func(out string) []string { return []string{"convert", "--lang", "en", src, out} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "a.yaml")
			codes := make([]int, 6)
			var wg sync.WaitGroup
			for i := range codes {
				wg.Go(func() { codes[i], _ = runCLI(t, tc.args(out)...) })
			}
			wg.Wait()
			won := 0
			for _, c := range codes {
				switch c {
				case 0:
					won++
				case 2:
				default:
					t.Errorf("exit %d", c)
				}
			}
			if won != 1 {
				t.Errorf("%d of %d writers won (exits %v), want exactly one", won, len(codes), codes)
			}
			if _, _, err := applicant.Load(out); err != nil {
				t.Errorf("the file written does not load: %v", err)
			}
		})
	}
}
