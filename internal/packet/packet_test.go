package packet

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"pilotpack/fixtures"
	"pilotpack/internal/applicant"
	"pilotpack/internal/attachment"
	"pilotpack/internal/civil"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/linebreak"
	"pilotpack/internal/pack"
	"pilotpack/internal/rules"
	"pilotpack/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite golden files")

var buildDate = civil.MustParse("2025-12-10").Time()

func defaultPack(t testing.TB) *pack.Pack {
	p, err := pack.Open("")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func build(t testing.TB, path string, opts Options) (*Result, error) {
	t.Helper()
	if opts.Pack == nil {
		opts.Pack = defaultPack(t)
	}
	if opts.OutDir == "" {
		opts.OutDir = t.TempDir()
	}
	if opts.Date.IsZero() {
		opts.Date = buildDate
	}
	opts.Version = "test"
	return Build(path, opts)
}

// withManufacturers is a's file with n contract manufacturers, its own
// repeated under new ids, each making the second stage.
func withManufacturers(a *applicant.Applicant, n int) applicant.File {
	many := *a.File
	many.Manufacturers = nil
	many.Stages = append([]applicant.Stage{}, a.Stages...)
	for i := range n {
		m := a.Manufacturers[i%len(a.Manufacturers)]
		m.ID = fmt.Sprintf("cmo-%03d", i)
		many.Manufacturers = append(many.Manufacturers, m)
		s := a.Stages[1]
		s.ID, s.Site = fmt.Sprintf("stage-%03d", i), m.ID
		many.Stages = append(many.Stages, s)
	}
	return many
}

func fixture(name string) string {
	return filepath.Join("..", "..", "fixtures", "applicants", name+".yaml")
}

// TestEndToEnd builds every fixture and compares, in the manner of sqlc's
// end-to-end tests, the packet's file list, the text of every page of every
// PDF, the cells of every sheet and the manifest without hashes with
// testdata/e2e/<fixture>/; go test -update rewrites them.
func TestEndToEnd(t *testing.T) {
	testtool.Need(t, "pdftotext")
	for _, name := range []string{"adc", "vaccine", "glp1"} {
		t.Run(name, func(t *testing.T) {
			res, err := build(t, fixture(name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{
				"files.txt":    fileList(t, res.Dir),
				"manifest.txt": manifestWithoutHashes(t, res.Dir),
				"sheets.txt":   sheetCells(t, res.Dir),
				"pdf-text.txt": pdfText(t, res.Dir),
			}
			// The text layer reads as the page does: no text line, in a
			// column or a table cell, starts with a closing mark (a
			// compressed mark whose box overlapped the next character's
			// would be read onto a line of its own).
			for i, l := range strings.Split(got["pdf-text.txt"], "\n") {
				for _, col := range regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), -1) {
					if r, _ := utf8.DecodeRuneInString(col); col != "" && linebreak.NoStart(r) {
						t.Errorf("pdf-text line %d: a column starts with %q: %q", i+1, r, l)
					}
				}
			}
			dir := filepath.Join("testdata", "e2e", name)
			for file, text := range got {
				golden := filepath.Join(dir, file)
				if *update {
					os.MkdirAll(dir, 0o755)
					os.WriteFile(golden, []byte(text), 0o644)
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/packet -update)", err)
				}
				if text != string(want) {
					t.Errorf("%s differs; run go test ./internal/packet -update and review the diff\n%s", golden, firstDiff(string(want), text))
				}
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

func fileList(t *testing.T, dir string) string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return strings.Join(out, "\n") + "\n"
}

func manifestWithoutHashes(t *testing.T, dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m.Pack.Digest, m.Input.SHA256 = "", ""
	for i := range m.Files {
		m.Files[i].SHA256, m.Files[i].Size = "", 0
	}
	out, _ := json.MarshalIndent(m, "", "  ")
	return string(out) + "\n"
}

func sheetCells(t *testing.T, dir string) string {
	matches, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	var b strings.Builder
	for _, path := range matches {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			fmt.Fprintf(&b, "== %s / %s ==\n", filepath.Base(path), sheet)
			rows, _ := f.GetRows(sheet)
			for _, r := range rows {
				b.WriteString(strings.Join(r, " | ") + "\n")
			}
		}
		f.Close()
	}
	return b.String()
}

// pdfText dumps the text of every page of every document PDF, and the
// contents page of the combined PDF (its other pages are those documents'
// and the attachments').
func pdfText(t *testing.T, dir string) string {
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".pdf") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	var b strings.Builder
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		pages := 0
		fmt.Sscanf(pageCount(t, p), "%d", &pages)
		last := pages
		if filepath.Base(p) == "00-combined.pdf" {
			last = 1
		}
		for n := 1; n <= last; n++ {
			fmt.Fprintf(&b, "== %s page %d of %d ==\n", filepath.ToSlash(rel), n, pages)
			b.WriteString(testtool.Run(t, "pdftotext", "-enc", "UTF-8", "-layout", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), p, "-"))
		}
	}
	return b.String()
}

func pageCount(t *testing.T, p string) string {
	for _, l := range strings.Split(testtool.Run(t, "pdfinfo", p), "\n") {
		if strings.HasPrefix(l, "Pages:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "Pages:"))
		}
	}
	return "0"
}

// TestByteIdenticalRebuild builds twice with the same SOURCE_DATE_EPOCH-like
// date and compares every byte, the zip included.
func TestByteIdenticalRebuild(t *testing.T) {
	a, err := build(t, fixture("adc"), Options{Zip: true})
	if err != nil {
		t.Fatal(err)
	}
	// The second build is given the file as read, as the command line
	// gives it, and so reads its attachments while the file is checked.
	la, lf := rules.LoadFile(fixture("adc"))
	b, err := build(t, fixture("adc"), Options{Zip: true, Loaded: &Loaded{Applicant: la, Findings: lf}})
	if err != nil {
		t.Fatal(err)
	}
	files := strings.Split(strings.TrimSpace(fileList(t, a.Dir)), "\n")
	if len(files) < 20 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(filepath.Join(a.Dir, f))
		y, err := os.ReadFile(filepath.Join(b.Dir, f))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", f)
		}
	}
	za, _ := os.ReadFile(a.Zip)
	zb, _ := os.ReadFile(b.Zip)
	if len(za) == 0 || !bytes.Equal(za, zb) {
		t.Error("the zips differ")
	}
	c, err := build(t, fixture("adc"), Options{Date: buildDate.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(filepath.Join(a.Dir, "01-application.pdf"))
	y, _ := os.ReadFile(filepath.Join(c.Dir, "01-application.pdf"))
	if bytes.Equal(x, y) {
		t.Error("a different date gave the same application")
	}
}

func TestVerify(t *testing.T) {
	res, err := build(t, fixture("glp1"), Options{Zip: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Verify(res.Dir, VerifyOptions{})
	if err != nil || len(r.Problems) > 0 {
		t.Fatalf("a fresh packet fails: %v %v", err, r.Problems)
	}
	if r, err := Verify(res.Zip, VerifyOptions{}); err != nil || len(r.Problems) > 0 || r.Checked < 10 {
		t.Fatalf("its zip fails: %v %+v", err, r)
	}
	expect := func(want string) {
		t.Helper()
		r, err := Verify(res.Dir, VerifyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(wording(r.Problems, lang.En), want) {
			t.Errorf("problems %v lack %q", r.Problems, want)
		}
	}
	// One flipped byte.
	p := filepath.Join(res.Dir, "01-application.pdf")
	data, _ := os.ReadFile(p)
	orig := append([]byte{}, data...)
	data[len(data)/2] ^= 0x01
	os.WriteFile(p, data, 0o644)
	expect("01-application.pdf: changed")
	os.WriteFile(p, orig, 0o644)
	// A deleted file.
	x := filepath.Join(res.Dir, "attachments", "01-registration-certificate.pdf")
	os.Rename(x, x+".gone")
	expect("attachments/01-registration-certificate.pdf: missing")
	os.Rename(x+".gone", x)
	// An added file.
	os.WriteFile(filepath.Join(res.Dir, "notes.txt"), []byte("x"), 0o644)
	expect("notes.txt: unexpected")
	os.Remove(filepath.Join(res.Dir, "notes.txt"))
	if r, _ := Verify(res.Dir, VerifyOptions{}); len(r.Problems) > 0 {
		t.Errorf("restored packet fails: %v", r.Problems)
	}
	if _, err := Verify(t.TempDir(), VerifyOptions{}); err == nil || !strings.Contains(err.Error(), "no manifest.json") {
		t.Errorf("a folder without a manifest: %v", err)
	}
}

func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			info, _ := d.Info()
			rel, _ := filepath.Rel(dir, p)
			fmt.Fprintf(&b, "%s %v %d\n", rel, d.IsDir(), info.Size())
		}
		return nil
	})
	return b.String()
}

// TestInvalidDataLeavesOutputAlone builds a broken file into a folder that
// already holds a packet: the build stops and nothing changes.
func TestInvalidDataLeavesOutputAlone(t *testing.T) {
	out := t.TempDir()
	if _, err := build(t, fixture("glp1"), Options{OutDir: out}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	bad := filepath.Join(t.TempDir(), "kq-glp1-pen-guangdong.yaml")
	src, _ := os.ReadFile(fixture("glp1"))
	os.WriteFile(bad, bytes.Replace(src, []byte("date: 2025-12-05"), []byte("date: 2026-03-01"), 1), 0o644)
	_, err := build(t, bad, Options{OutDir: out, Force: true})
	var de *DataError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "--draft") {
		t.Fatalf("want a DataError, got %v", err)
	}
	if after := snapshot(t, out); after != before {
		t.Errorf("the output folder changed:\n%s\nwas\n%s", after, before)
	}
	// Without --force an existing packet is kept.
	_, err = build(t, fixture("glp1"), Options{OutDir: out})
	var ee *ExistsError
	if !errors.As(err, &ee) {
		t.Errorf("want an ExistsError, got %v", err)
	}
	// A draft builds despite the errors, and says so.
	res, err := build(t, bad, Options{OutDir: out, Force: true, Draft: true})
	if err != nil || !res.Manifest.Draft || res.Manifest.Findings.Errors == 0 {
		t.Fatalf("draft: %v %+v", err, res)
	}
}

// TestUnwritableOutput: a build into a folder it cannot write to fails with
// a clear error and leaves no partial packet.
func TestUnwritableOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	os.Mkdir(out, 0o755)
	readOnly(t, out)
	_, err := build(t, fixture("glp1"), Options{OutDir: out})
	if err == nil || !strings.Contains(err.Error(), "cannot write into the output folder") {
		t.Fatalf("error: %v", err)
	}
	if zh := lang.Message(err, lang.Zh); !strings.HasPrefix(zh, "无法写入 "+out+"："+out+"/.") || !strings.HasSuffix(zh, "：没有权限；请检查输出文件夹 "+out+" 的权限，或用 --out 另选文件夹") {
		t.Errorf("in Chinese: %s", zh)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) > 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// readOnly makes dir unwritable, also for root (who ignores permission
// bits) where the file system supports the immutable attribute.
func readOnly(t *testing.T, dir string) {
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	probe := filepath.Join(dir, ".probe")
	if os.WriteFile(probe, nil, 0o644) != nil {
		return
	}
	os.Remove(probe)
	if err := exec.Command("chattr", "+i", dir).Run(); err == nil {
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
		return
	}
	t.Skip("running as root on a file system without chattr +i: cannot make a folder read-only")
}

// TestFormulasStayText puts formula-like text in the applicant's data and
// checks that no cell of the workbook holds a formula.
func TestFormulasStayText(t *testing.T) {
	src, _ := os.ReadFile(fixture("glp1"))
	evil := `=HYPERLINK("http://evil.example","click")`
	src = bytes.Replace(src, []byte("name_zh: 深圳康峤生物科技有限公司"), []byte(`name_zh: '`+evil+`'`), 1)
	src = bytes.Replace(src, []byte("description: 药筒装入注射笔、功能检测"), []byte(`description: "+cmd|' /C calc'!A0"`), 1)
	src = bytes.Replace(src, []byte("title: 药品注册证书}"), []byte(`title: "@SUM(1+1)*cmd|' /C calc'!A0"}`), 1)
	path := filepath.Join(t.TempDir(), "evil.yaml")
	os.WriteFile(path, src, 0o644)
	copyDir(t, filepath.Join(filepath.Dir(fixture("glp1")), "attachments", "glp1"), filepath.Join(filepath.Dir(path), "attachments", "glp1"))
	res, err := build(t, path, Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(res.Dir, "*.xlsx"))
	f, err := excelize.OpenFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := 0
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, ref, formula)
				}
				if strings.Contains(v, "HYPERLINK") || strings.Contains(v, "cmd|") {
					found++
				}
			}
		}
	}
	if found < 2 {
		t.Errorf("the formula-like text is not in the workbook as text (%d cells)", found)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(to, 0o755)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(from, e.Name()))
		os.WriteFile(filepath.Join(to, e.Name()), data, 0o644)
	}
}

// TestAttachmentProblems: each problem with an attachment is an error
// finding at the attachment's line, and stops the build.
func TestAttachmentProblems(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, filepath.Join(filepath.Dir(fixture("glp1")), "attachments", "glp1"), filepath.Join(dir, "files"))
	os.WriteFile(filepath.Join(dir, "files", "broken.pdf"), []byte("%PDF-1.4\nthis is not a PDF"), 0o644)
	os.Symlink(filepath.Join(dir, "files"), filepath.Join(dir, "linked"))
	os.Symlink(filepath.Join(dir, "files", "pen-device.pdf"), filepath.Join(dir, "files", "link.pdf"))
	outside := filepath.Join(t.TempDir(), "note.txt")
	os.WriteFile(outside, []byte("x"), 0o644)
	src, _ := os.ReadFile(fixture("glp1"))
	text := strings.Replace(string(src), "attachments/glp1/", "files/", -1)
	text += `  - {path: files/nope.pdf, kind: other}
  - {path: ../x.pdf, kind: other}
  - {path: linked/pen-device.pdf, kind: other}
  - {path: files/link.pdf, kind: other}
  - {path: files/broken.pdf, kind: other}
  - {path: ` + outside + `, kind: other}
`
	path := filepath.Join(dir, "a.yaml")
	os.WriteFile(path, []byte(text), 0o644)
	_, err := build(t, path, Options{})
	var de *DataError
	if !errors.As(err, &de) {
		t.Fatalf("want a DataError, got %v", err)
	}
	lines := strings.Split(text, "\n")
	lineOf := func(needle string) int {
		for i, l := range lines {
			if strings.Contains(l, needle) {
				return i + 1
			}
		}
		return -1
	}
	got := map[string]int{}
	for _, f := range de.Findings {
		if _, seen := got[f.Rule]; !seen && strings.HasPrefix(f.Rule, "attachment.") {
			got[f.Rule] = f.Line
		}
	}
	want := map[string]int{
		"attachment.missing":     lineOf("files/nope.pdf"),
		"attachment.outside":     lineOf("../x.pdf"),
		"attachment.symlink":     lineOf("linked/pen-device.pdf"),
		"attachment.invalid-pdf": lineOf("files/broken.pdf"),
	}
	for rule, line := range want {
		if got[rule] != line {
			t.Errorf("%s at line %d, want %d (%v)", rule, got[rule], line, got)
		}
	}
	n := 0
	for _, f := range de.Findings {
		if f.Rule == "attachment.symlink" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d symlink findings, want 2 (a linked folder and a linked file)", n)
	}
	// An absolute path is refused unless its folder is given with
	// --attachments.
	refused := false
	for _, f := range de.Findings {
		refused = refused || f.Rule == "attachment.outside" && f.Line == lineOf(outside) && strings.Contains(f.Message.En, "--attachments "+filepath.Dir(outside))
	}
	if !refused {
		t.Errorf("the absolute path outside --attachments was accepted: %v", de.Findings)
	}
	_, err = build(t, path, Options{Attachments: attachment.Options{Dirs: []string{filepath.Dir(outside)}}})
	if !errors.As(err, &de) {
		t.Fatalf("want a DataError, got %v", err)
	}
	for _, f := range de.Findings {
		if strings.Contains(f.Message.En, outside) {
			t.Errorf("the absolute path inside --attachments was refused: %s", f.Format("en"))
		}
	}
}

// ownOpenAction is the catalog entry every generated PDF opens with.
var ownOpenAction = regexp.MustCompile(`/OpenAction \[\d+ 0 R /XYZ null null null\]`)

// TestHostileAttachments binds PDFs with every kind of active content into
// a packet: the combined PDF holds their pages and none of the content,
// and each is a warning.
func TestHostileAttachments(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, filepath.Join(filepath.Dir(fixture("glp1")), "attachments", "glp1"), filepath.Join(dir, "attachments", "glp1"))
	text, _ := os.ReadFile(fixture("glp1"))
	for i, h := range hostile {
		name := fmt.Sprintf("hostile-%d.pdf", i)
		os.WriteFile(filepath.Join(dir, name), fixtures.PDF(h.catalog, h.page, fmt.Sprintf("HOSTILE PAGE %d", i), h.objects...), 0o644)
		text = fmt.Appendf(text, "  - {path: %s, kind: other}\n", name)
	}
	path := filepath.Join(dir, "a.yaml")
	os.WriteFile(path, text, 0o644)
	res, err := build(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	warned := 0
	for _, f := range res.Findings {
		if f.Rule == "attachment.active-content" && f.Severity == finding.Warning {
			warned++
		}
	}
	if warned != len(hostile) {
		t.Errorf("%d warnings for %d hostile attachments", warned, len(hostile))
	}
	combined, _ := os.ReadFile(filepath.Join(res.Dir, "00-combined.pdf"))
	// The file's own catalog opens it on its first page: a destination,
	// not an action. Any other /OpenAction came from an attachment.
	combined = ownOpenAction.ReplaceAll(combined, nil)
	for _, key := range []string{"/JavaScript", "/JS", "/Launch", "/OpenAction", "/AA", "/EmbeddedFile", "/FileAttachment", "/EF", "javascript:", "calc.exe", "cmd.exe", "payload"} {
		if bytes.Contains(combined, []byte(key)) {
			t.Errorf("the combined PDF holds %s", key)
		}
	}
	if testtool.Need(t, "pdftotext") != "" {
		txt := testtool.Run(t, "pdftotext", filepath.Join(res.Dir, "00-combined.pdf"), "-")
		for i := range hostile {
			if !strings.Contains(txt, fmt.Sprintf("HOSTILE PAGE %d", i)) {
				t.Errorf("the combined PDF lost the page of hostile attachment %d", i)
			}
		}
	}
	if r, err := Verify(res.Dir, VerifyOptions{}); err != nil || len(r.Problems) > 0 {
		t.Errorf("verify: %v %v", err, r.Problems)
	}
}

// hostile are PDFs with active content, one kind each.
var hostile = []struct {
	catalog, page string
	objects       []string
}{
	{"/OpenAction 5 0 R", "", []string{"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"}},
	{"/Names << /JavaScript << /Names [(init) 5 0 R] >> >>", "", []string{"<< /S /JavaScript /JS (app.alert\\(2\\)) >>"}},
	{"", "/AA << /O 5 0 R /C 5 0 R >>", []string{"<< /S /JavaScript /JS (app.alert\\(3\\)) >>"}},
	{"", "/Annots [5 0 R]", []string{"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /F (calc.exe) /Win << /F (cmd.exe) >> >> >>"}},
	{"", "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (javascript:alert\\(4\\)) >> >>]", nil},
	{"/Names << /EmbeddedFiles << /Names [(payload.exe) 5 0 R] >> >>", "", []string{"<< /Type /Filespec /F (payload.exe) /EF << /F 6 0 R >> >>", fixtures.Stream("/Type /EmbeddedFile", "MZ payload")}},
	{"", "/Annots [5 0 R]", []string{"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS 6 0 R >>", "<< /Type /Filespec /F (payload.exe) /EF << /F 7 0 R >> >>", fixtures.Stream("/Type /EmbeddedFile", "MZ payload")}},
	{"", "/Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 9 9] /FT /Btn /T (b) /AA << /E << /S /JavaScript /JS (x) >> >> >>]", nil},
}

// TestManyAttachmentsOfOneKind lists fifty attachments of one kind: the
// checklist workbook holds them all and still opens.
func TestManyAttachmentsOfOneKind(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, filepath.Join(filepath.Dir(fixture("glp1")), "attachments", "glp1"), filepath.Join(dir, "attachments", "glp1"))
	text, _ := os.ReadFile(fixture("glp1"))
	os.Mkdir(filepath.Join(dir, "gmp"), 0o755)
	for i := range 50 {
		name := fmt.Sprintf("gmp/gmp-notice-%02d.pdf", i+1)
		os.WriteFile(filepath.Join(dir, name), fixtures.PDF("", "", fmt.Sprintf("notice %d", i+1)), 0o644)
		text = fmt.Appendf(text, "  - {path: %s, kind: gmp_notice, manufacturer: jinrui-chengdu, title: GMP符合性检查告知书第%d页}\n", name, i+1)
	}
	path := filepath.Join(dir, "a.yaml")
	os.WriteFile(path, text, 0o644)
	res, err := build(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(res.Dir, "*.xlsx"))
	x, err := excelize.OpenFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	listed := 0
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatalf("%s: %v", sheet, err)
		}
		for _, r := range rows {
			for _, c := range r {
				listed += strings.Count(c, "gmp-notice-")
			}
		}
	}
	if listed < 50 {
		t.Errorf("the workbook lists %d of the 50 notices", listed)
	}
	if r, err := Verify(res.Dir, VerifyOptions{}); err != nil || len(r.Problems) > 0 {
		t.Errorf("verify: %v %v", err, r.Problems)
	}
	if _, err := exec.LookPath("libreoffice"); err == nil {
		lo := t.TempDir()
		testtool.Run(t, "libreoffice", "--headless", "--convert-to", "pdf", "--outdir", lo, matches[0])
		if out, _ := filepath.Glob(filepath.Join(lo, "*.pdf")); len(out) != 1 {
			t.Errorf("LibreOffice could not open the workbook")
		}
	}
}

// TestZipFollowsTheFolder: the zip is kept unless --force, like the folder;
// a folder where the zip goes fails before anything is written, even with
// --force; and the zip has the mode of the packet's other files.
func TestZipFollowsTheFolder(t *testing.T) {
	out := t.TempDir()
	res, err := build(t, fixture("glp1"), Options{OutDir: out, Zip: true})
	if err != nil {
		t.Fatal(err)
	}
	zst, _ := os.Stat(res.Zip)
	fst, _ := os.Stat(filepath.Join(res.Dir, ManifestName))
	if zst.Mode().Perm() != fst.Mode().Perm() {
		t.Errorf("the zip's mode is %v, the other files' %v", zst.Mode().Perm(), fst.Mode().Perm())
	}
	// The folder gone, the zip still there: the zip is kept.
	os.RemoveAll(res.Dir)
	before := snapshot(t, out)
	_, err = build(t, fixture("glp1"), Options{OutDir: out, Zip: true})
	var ee *ExistsError
	if !errors.As(err, &ee) || ee.Dir != res.Zip {
		t.Errorf("want an ExistsError for the zip, got %v", err)
	}
	if after := snapshot(t, out); after != before {
		t.Errorf("the output folder changed:\n%s\nwas\n%s", after, before)
	}
	// A folder where the zip goes.
	os.Remove(res.Zip)
	os.Mkdir(res.Zip, 0o755)
	before = snapshot(t, out)
	_, err = build(t, fixture("glp1"), Options{OutDir: out, Zip: true, Force: true})
	if !errors.As(err, &ee) || !ee.Folder || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("want an ExistsError for a folder, got %v", err)
	}
	if after := snapshot(t, out); after != before {
		t.Errorf("the output folder changed:\n%s\nwas\n%s", after, before)
	}
}

// TestOversizedInput: a file holding more than an application can (150
// manufacturers, a 100,000-character description) is refused as data with
// findings at the fields, before anything is rendered or written, even as
// a draft; on the way, its attachments are not read.
func TestOversizedInput(t *testing.T) {
	a, _, err := applicant.Load(fixture("adc"))
	if err != nil {
		t.Fatal(err)
	}
	many := withManufacturers(a, 150)
	long := *a.File
	long.Applicant.QualitySystem = applicant.T(strings.Repeat("质量体系覆盖全部场地。", 10_000), "")
	for _, tc := range []struct {
		name string
		file applicant.File
		rule string
		path string
	}{
		{"150 manufacturers", many, "limit.count", "manufacturers"},
		{"a 100,000-character description", long, "limit.length", "applicant.quality_system"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := json.MarshalIndent(tc.file, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "big.json")
			os.WriteFile(path, data, 0o644) // no attachments beside it: they are not read
			out := filepath.Join(t.TempDir(), "out")
			start := time.Now()
			_, err = build(t, path, Options{OutDir: out, Draft: true})
			var de *DataError
			if !errors.As(err, &de) || !de.Bounds {
				t.Fatalf("want a DataError for the bounds, got %v", err)
			}
			if !strings.Contains(err.Error(), "not even a draft") {
				t.Errorf("error %q", err)
			}
			var hit *finding.Finding
			for i, f := range de.Findings {
				if f.Rule == tc.rule && f.Path == tc.path {
					hit = &de.Findings[i]
				}
				if strings.HasPrefix(f.Rule, "attachment.") {
					t.Errorf("the attachments were checked: %s", f.Format("en"))
				}
			}
			if hit == nil || hit.Line == 0 {
				t.Fatalf("no %s finding at %s with a line: %v", tc.rule, tc.path, de.Findings)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("the output folder was made")
			}
			t.Logf("%s: refused in %v: %s", tc.name, time.Since(start).Round(time.Millisecond), hit.Format("en"))
		})
	}
}

// TestEnglishTitlesStartWithACapital builds the English packet of every
// fixture and checks that every file's title, as the manifest and the
// combined PDF's contents and bookmarks give it, starts with a capital
// (attachments named by their kind, whose wording is written for the middle
// of a sentence, included).
func TestEnglishTitlesStartWithACapital(t *testing.T) {
	for _, name := range []string{"adc", "vaccine", "glp1"} {
		res, err := build(t, fixture(name), Options{Lang: lang.En})
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(res.Dir, ManifestName))
		if err != nil {
			t.Fatal(err)
		}
		var m Manifest
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		for _, f := range m.Files {
			if r, _ := utf8.DecodeRuneInString(f.Title); unicode.IsLower(r) {
				t.Errorf("%s: %s is titled %q", name, f.Path, f.Title)
			}
		}
	}
}

// TestAgreementsSignAlike builds the fixtures in both languages: the
// agreements of one kind (the quality agreements, the production
// agreements) set their signature blocks alike, side by side in all or
// one below the other in all, in the PDF and in the DOCX.
func TestAgreementsSignAlike(t *testing.T) {
	testtool.Need(t, "pdftotext")
	lead := regexp.MustCompile(`以下无正文|signatures follow`)
	together := regexp.MustCompile(`(甲方（委托方）|Party A).*(乙方（受托方）|Party B)`)
	for _, name := range []string{"adc", "vaccine", "glp1"} {
		for _, lg := range []lang.Lang{lang.Zh, lang.En} {
			res, err := build(t, fixture(name), Options{Lang: lg})
			if err != nil {
				t.Fatal(err)
			}
			layouts := map[string]map[string]bool{} // kind → format → side by side
			note := func(kind, format, file string, side bool) {
				if layouts[kind] == nil {
					layouts[kind] = map[string]bool{}
				}
				if was, ok := layouts[kind][format]; ok && was != side {
					t.Errorf("%s %s: %s signs %s, unlike the other %ss", name, lg, file, map[bool]string{true: "side by side", false: "one below the other"}[side], kind)
				}
				layouts[kind][format] = side
			}
			files, _ := filepath.Glob(filepath.Join(res.Dir, "*-agreement-*.pdf"))
			for _, f := range files {
				kind := regexp.MustCompile(`(quality|production)-agreement`).FindString(f)
				pages := strings.Split(testtool.Run(t, "pdftotext", "-enc", "UTF-8", "-layout", f, "-"), "\f")
				for _, p := range pages {
					if lead.MatchString(p) {
						note(kind, "pdf", filepath.Base(f), together.MatchString(p))
						break
					}
				}
				docx := strings.TrimSuffix(f, ".pdf") + ".docx"
				data, err := os.ReadFile(docx)
				if err != nil {
					t.Fatal(err)
				}
				doc := testtool.ZipPart(t, data, "word/document.xml")
				at := lead.FindIndex(doc)
				if at == nil {
					t.Fatalf("%s: no signature lead", docx)
				}
				grid := regexp.MustCompile(`<w:tblGrid>(.*?)</w:tblGrid>`).FindSubmatch(doc[at[1]:])
				note(kind, "docx", filepath.Base(docx), grid != nil && strings.Count(string(grid[1]), "<w:gridCol") == 2)
			}
			if len(layouts) != 2 {
				t.Errorf("%s %s: agreements of %d kinds found", name, lg, len(layouts))
			}
		}
	}
}
