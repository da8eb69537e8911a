package attachment

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"pilotpack/fixtures"
	"pilotpack/internal/applicant"
	"pilotpack/internal/finding"
	"pilotpack/internal/testtool"
)

// tree makes an applicant file in a folder of its own, with files beside
// it and a second folder elsewhere for --attachments; it returns the
// applicant's folder and the other folder.
func tree(t testing.TB) (string, string) {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("../../fixtures/applicants/glp1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.yaml"), src, 0o644)
	good := fixtures.PDF("", "", "licence")
	os.MkdirAll(filepath.Join(dir, "files", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "files", "licence.pdf"), good, 0o644)
	os.WriteFile(filepath.Join(dir, "files", "sub", "notice.pdf"), good, 0o644)
	os.WriteFile(filepath.Join(dir, "files", "scan.jpg"), []byte("\xff\xd8\xff\xe0 jpeg"), 0o644)
	os.Symlink(filepath.Join(dir, "files"), filepath.Join(dir, "linked"))
	os.Symlink(filepath.Join(dir, "files", "licence.pdf"), filepath.Join(dir, "files", "link.pdf"))
	syscall.Mkfifo(filepath.Join(dir, "files", "fifo.pdf"), 0o644)
	big, _ := os.Create(filepath.Join(dir, "files", "big.pdf"))
	big.Truncate(MaxSize + 1)
	big.Close()

	other := t.TempDir()
	os.MkdirAll(filepath.Join(other, "docs"), 0o755)
	os.WriteFile(filepath.Join(other, "docs", "gmp.pdf"), good, 0o644)
	os.Symlink(filepath.Join(dir, "files"), filepath.Join(other, "docs", "via"))
	return dir, other
}

func check(t *testing.T, dir string, opts Options, paths ...string) ([]*File, finding.List) {
	t.Helper()
	a, _, err := applicant.Load(filepath.Join(dir, "a.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	a.Attachments = nil
	for _, p := range paths {
		a.Attachments = append(a.Attachments, applicant.Attachment{Path: p, Kind: "other"})
	}
	return Check(a, opts)
}

func TestWhereAttachmentsMayLie(t *testing.T) {
	dir, other := tree(t)
	opts := Options{Dirs: []string{other, "/proc", "/dev"}}
	for _, tc := range []struct {
		name, path string
		rule       string // "" for accepted
		says       string
	}{
		{"relative", "files/licence.pdf", "", ""},
		{"relative, below", "files/sub/notice.pdf", "", ""},
		{"relative, not a PDF", "files/scan.jpg", "", ""},
		{"relative, leaving the folder", "../x.pdf", "attachment.outside", "outside the applicant file's folder"},
		{"relative, leaving through ..", "files/../../x.pdf", "attachment.outside", "outside"},
		{"absolute inside the applicant's folder but not named", filepath.Join(dir, "files", "licence.pdf"), "attachment.outside", "--attachments " + filepath.Join(dir, "files")},
		{"absolute inside --attachments", filepath.Join(other, "docs", "gmp.pdf"), "", ""},
		{"absolute outside --attachments", "/etc/passwd", "attachment.outside", "outside the folders given with --attachments"},
		{"absolute, the --attachments folder itself", other, "attachment.outside", "outside"},
		{"absolute through a link inside --attachments", filepath.Join(other, "docs", "via", "licence.pdf"), "attachment.symlink", "symbolic link " + filepath.Join("docs", "via")},
		{"a linked folder", "linked/licence.pdf", "attachment.symlink", "passes through the symbolic link linked"},
		{"a linked file", "files/link.pdf", "attachment.symlink", "is a symbolic link"},
		{"a FIFO", "files/fifo.pdf", "attachment.unreadable", "not a regular file"},
		{"a folder", "files/sub", "attachment.unreadable", "is a folder"},
		{"too large", "files/big.pdf", "attachment.too-large", "more than the 50 MB limit"},
		{"missing", "files/nope.pdf", "attachment.missing", "does not exist"},
		{"below a file", "files/licence.pdf/x", "attachment.missing", "is not a folder"},
		{"/proc, even named with --attachments", "/proc/self/environ", "attachment.outside", "lies in /proc"},
		{"/dev, even named with --attachments", "/dev/zero", "attachment.outside", "lies in /dev"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files, fs := check(t, dir, opts, tc.path)
			if tc.rule == "" {
				if len(fs) > 0 || len(files) != 1 {
					t.Fatalf("refused: %v", fs)
				}
				return
			}
			if len(files) != 0 || len(fs) != 1 || fs[0].Rule != tc.rule || fs[0].Severity != finding.Error {
				t.Fatalf("got %d files and %v, want one %s", len(files), fs, tc.rule)
			}
			if !strings.Contains(fs[0].Message.En, tc.says) {
				t.Errorf("message %q lacks %q", fs[0].Message.En, tc.says)
			}
			if fs[0].Path != "attachments[0].path" || fs[0].Message.Zh == "" {
				t.Errorf("finding %+v", fs[0])
			}
		})
	}
}

// TestPDFProblemsInPlainWords: a PDF the combined file could not bind is
// an error finding that says what is wrong in words, not the PDF reader's.
func TestPDFProblemsInPlainWords(t *testing.T) {
	dir, _ := tree(t)
	good := fixtures.PDF("", "", "x")
	cases := []struct {
		name string
		data []byte
		says string
	}{
		{"not a PDF", []byte("PK\x03\x04 a zip"), "is not a PDF"},
		{"cut off", good[:len(good)/2], "is incomplete"},
		{"damaged", bytes.Replace(good, []byte("/Count 1"), []byte("/Count 5"), 1), "is damaged"},
		{"garbage", []byte("%PDF-1.4\nthis is not a PDF\n%%EOF\n"), "is damaged"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(filepath.Join(dir, "files", "bad.pdf"), tc.data, 0o644)
			files, fs := check(t, dir, Options{}, "files/bad.pdf")
			if len(files) != 0 || len(fs) != 1 || fs[0].Rule != "attachment.invalid-pdf" {
				t.Fatalf("got %d files and %v", len(files), fs)
			}
			msg := fs[0].Message.En
			if !strings.Contains(msg, tc.says) {
				t.Errorf("message %q lacks %q", msg, tc.says)
			}
			for _, jargon := range []string{"pdfcpu", "xref", "dict", "validat", "\n"} {
				if strings.Contains(strings.ToLower(msg), jargon) {
					t.Errorf("message %q speaks of %q", msg, jargon)
				}
			}
		})
	}
}

// TestEncryptedPDF: submissions must not be encrypted, whether or not the
// PDF opens without a password (qpdf makes both kinds).
func TestEncryptedPDF(t *testing.T) {
	testtool.Need(t, "qpdf")
	dir, _ := tree(t)
	in := filepath.Join(dir, "plain.pdf")
	os.WriteFile(in, fixtures.PDF("", "", "x"), 0o644)
	for _, user := range []string{"", "secret"} {
		testtool.Run(t, "qpdf", "--encrypt", user, "owner", "256", "--", in, filepath.Join(dir, "files", "locked.pdf"))
		_, fs := check(t, dir, Options{}, "files/locked.pdf")
		if len(fs) != 1 || fs[0].Rule != "attachment.invalid-pdf" || !strings.Contains(fs[0].Message.En, "encrypted") || !strings.Contains(fs[0].Message.En, "filings must not be") {
			t.Errorf("user password %q: %v", user, fs)
		}
	}
}

// Hostile PDFs: each kind of active content, as a PDF carries it.
var hostile = []struct {
	name          string
	catalog, page string
	objects       []string
	kind          string // what the warning names
}{
	{"JavaScript on opening", "/OpenAction 5 0 R", "", []string{"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"}, "JavaScript"},
	{"a named script", "/Names << /JavaScript 5 0 R >>", "", []string{"<< /Names [(init) << /S /JavaScript /JS (app.alert\\(2\\)) >>] >>"}, "JavaScript"},
	{"printing on opening", "/OpenAction << /S /Named /N /Print >>", "", nil, "/OpenAction"},
	{"a page and then a script on opening", "/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /Named /N /Print >> >>", "", nil, "/OpenAction"},
	{"a page's automatic action", "", "/AA << /O 5 0 R >>", []string{"<< /S /JavaScript /JS 6 0 R >>", fixtures.Stream("", "app.alert(3)")}, "/AA"},
	{"a link that starts a program", "", "/Annots [5 0 R]", []string{"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /F (calc.exe) /Win << /F (cmd.exe) >> >> >>"}, "/Launch"},
	{"a javascript: link", "", "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (javascript:alert\\(4\\)) >> >>]", nil, "JavaScript"},
	{"a chained action", "", "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /GoTo /D [3 0 R /Fit] /Next << /S /JavaScript /JS (x) >> >> >>]", nil, "JavaScript"},
	{"an embedded file", "/Names << /EmbeddedFiles << /Names [(payload.exe) 5 0 R] >> >>", "", []string{"<< /Type /Filespec /F (payload.exe) /UF (payload.exe) /EF << /F 6 0 R >> >>", fixtures.Stream("/Type /EmbeddedFile", "MZ payload")}, "embedded files"},
	{"a file attachment annotation", "", "/Annots [5 0 R]", []string{"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS 6 0 R >>", "<< /Type /Filespec /F (p.exe) /EF << /F 7 0 R >> >>", fixtures.Stream("/Type /EmbeddedFile", "MZ payload")}, "embedded files"},
}

// TestActiveContent: a PDF with active content is accepted with a warning
// that names it, and the reading kept for the combined PDF holds none of
// it.
func TestActiveContent(t *testing.T) {
	dir, _ := tree(t)
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			os.WriteFile(filepath.Join(dir, "files", "h.pdf"), fixtures.PDF(h.catalog, h.page, "hostile", h.objects...), 0o644)
			files, fs := check(t, dir, Options{}, "files/h.pdf")
			if len(files) != 1 || len(fs) != 1 || fs[0].Rule != "attachment.active-content" || fs[0].Severity != finding.Warning {
				t.Fatalf("got %d files and %v", len(files), fs)
			}
			if !strings.Contains(fs[0].Message.En, h.kind) || !strings.Contains(fs[0].Message.En, "the combined PDF leaves them out") {
				t.Errorf("message %q does not name %s", fs[0].Message.En, h.kind)
			}
			if again := clean(files[0].PDF.Context().XRefTable); anyRemoved(again) {
				t.Errorf("a second cleaning still found %v", removedNames(again).En)
			}
			if err := files[0].PDF.CheckCopy(); err != nil {
				t.Errorf("the cleaned PDF does not bind: %v", err)
			}
			// A link whose action was removed goes too: it would be a box
			// that does nothing.
			ctx := files[0].PDF.Context()
			page, _, _, err := ctx.PageDict(1, false)
			if err != nil {
				t.Fatal(err)
			}
			if annots, _ := ctx.Dereference(page["Annots"]); strings.Contains(h.name, "link") {
				if list, _ := annots.(types.Array); len(list) > 0 {
					t.Errorf("the dead link stays: %s", list)
				}
			}
		})
	}
	// A plain PDF carries no warning.
	os.WriteFile(filepath.Join(dir, "files", "plain.pdf"), fixtures.PDF("", "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://example.org) >> >>]", "plain"), 0o644)
	if _, fs := check(t, dir, Options{}, "files/plain.pdf"); len(fs) > 0 {
		t.Errorf("a plain PDF: %v", fs)
	}
	// Nor does one that opens at a page, as most writers' PDFs do
	// (pilotpack's own among them): a destination, or a GoTo action.
	for _, open := range []string{"/OpenAction [3 0 R /Fit]", "/OpenAction << /S /GoTo /D [3 0 R /XYZ null null null] >>"} {
		os.WriteFile(filepath.Join(dir, "files", "opens.pdf"), fixtures.PDF(open, "", "opens"), 0o644)
		if _, fs := check(t, dir, Options{}, "files/opens.pdf"); len(fs) > 0 {
			t.Errorf("%s: %v", open, fs)
		}
	}
}

// FuzzPDF reads random PDFs as attachments: a finding or a file, never a
// panic, and a file accepted is one that binds and holds no active content.
func FuzzPDF(f *testing.F) {
	f.Add(fixtures.PDF("", "", "x"))
	for _, h := range hostile {
		f.Add(fixtures.PDF(h.catalog, h.page, "x", h.objects...))
	}
	dir, _ := tree(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "files", "fuzz.pdf")
		os.WriteFile(p, data, 0o644)
		files, _ := check(t, dir, Options{}, "files/fuzz.pdf")
		for _, file := range files {
			if file.PDF == nil {
				continue
			}
			if err := file.PDF.CheckCopy(); err != nil {
				t.Errorf("accepted, yet it does not bind: %v", err)
			}
			if again := clean(file.PDF.Context().XRefTable); anyRemoved(again) {
				t.Errorf("accepted with %v left in it", removedNames(again).En)
			}
		}
	})
}

// TestReadAll: a file is read whole whatever size it was checked at: the
// same, since grown, or since shrunk.
func TestReadAll(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content string
		size    int64
	}{
		{"as checked", "%PDF-1.4 whole", 14},
		{"grown", "%PDF-1.4 grown since", 4},
		{"shrunk", "%PDF", 4096},
		{"empty", "", 0},
		{"size unknown", "%PDF-1.4", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAll(strings.NewReader(tc.content), tc.size)
			if err != nil || string(got) != tc.content {
				t.Errorf("readAll = %q, %v; want %q", got, err, tc.content)
			}
		})
	}
}
