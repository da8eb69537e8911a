package compare

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/packet"
)

var (
	builtOnce sync.Once
	built     struct {
		dir, oldDir, newZip, revisedDir string
		err                             error
	}
)

// buildPackets builds the packets of adc.yaml (a folder, with its
// applicant file beside it) and of adc-term-extended.yaml (a zip, without),
// and of adc.yaml with the revised pack, once for the package's tests.
func buildPackets(t testing.TB) (oldDir, newZip, revisedDir string) {
	t.Helper()
	builtOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pilotpack-compare-")
		if err != nil {
			built.err = err
			return
		}
		built.dir = dir
		// The files with their attachments, as an applicant keeps them.
		in := filepath.Join(dir, "in")
		if err := copyDir("../../fixtures/applicants/attachments/adc", filepath.Join(in, "attachments", "adc")); err != nil {
			built.err = err
			return
		}
		for _, f := range []string{"applicants/adc.yaml", "compare/adc-term-extended.yaml"} {
			data, err := os.ReadFile(fixtures + f)
			if err == nil {
				err = os.WriteFile(filepath.Join(in, filepath.Base(f)), data, 0o644)
			}
			if err != nil {
				built.err = err
				return
			}
		}
		build := func(file, out string, p *pack.Pack, zip bool) *packet.Result {
			res, err := packet.Build(filepath.Join(in, file), packet.Options{Pack: p, OutDir: filepath.Join(dir, out), Date: date, Zip: zip, Version: "test"})
			if err != nil && built.err == nil {
				built.err = err
			}
			return res
		}
		def, rev := openPack(t, ""), openPack(t, fixtures+"compare/pack-revised")
		o := build("adc.yaml", "old", def, false)
		n := build("adc-term-extended.yaml", "new", def, true)
		r := build("adc.yaml", "revised", rev, false)
		if built.err != nil {
			return
		}
		data, _ := os.ReadFile(filepath.Join(in, "adc.yaml"))
		built.err = os.WriteFile(filepath.Join(dir, "old", "adc.yaml"), data, 0o644)
		built.oldDir, built.newZip, built.revisedDir = o.Dir, n.Zip, r.Dir
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.oldDir, built.newZip, built.revisedDir
}

// TestComparePackets compares two packets read from their own DOCX files:
// the documents and their changes are those of comparing the applicant
// files, and the data is compared only where the applicant file lies beside
// the packet.
func TestComparePackets(t *testing.T) {
	oldDir, newZip, _ := buildPackets(t)
	def := openPack(t, "")
	older, err := FromPacket(oldDir, []*pack.Pack{def})
	if err != nil {
		t.Fatal(err)
	}
	ns, err := FromPacket(newZip, []*pack.Pack{def})
	if err != nil {
		t.Fatal(err)
	}
	if older.Applicant == nil || ns.Applicant != nil {
		t.Errorf("applicant files: old %v, new %v; the old one lies beside its packet, the new one not", older.Applicant != nil, ns.Applicant != nil)
	}
	got := Compare(older, ns, date, "Legal")
	want := pairs[0].compare(t)
	if len(got.Documents) != len(want.Documents) {
		t.Fatalf("%d documents, want %d", len(got.Documents), len(want.Documents))
	}
	for i, d := range got.Documents {
		w := want.Documents[i]
		if d.ID != w.ID || d.Manufacturer != w.Manufacturer || d.Status != w.Status || !reflect.DeepEqual(d.Changes, w.Changes) {
			t.Errorf("%s: %s with %d changes, want %s: %s with %d changes", d, d.Status, len(d.Changes), w, w.Status, len(w.Changes))
		}
		if d.NewFile != w.NewFile || d.OldFile != w.OldFile {
			t.Errorf("%s: files %s, %s; want %s, %s", d, d.OldFile, d.NewFile, w.OldFile, w.NewFile)
		}
	}
	// Why not, in both languages: the new packet's applicant file is not
	// beside it.
	if got.Data.Compared || got.Data.Note == nil || !strings.Contains(got.Data.Note.En, "the new version: its applicant file adc-term-extended.yaml is not beside it") ||
		!strings.Contains(got.Data.Note.Zh, "新版本：资料包旁没有其申请文件 adc-term-extended.yaml") {
		t.Errorf("data compared without the new applicant file, or not said why: %+v", got.Data)
	}
	if _, err := got.Files(Output{Date: date}); err != nil {
		t.Fatal(err)
	}
}

// TestPacketRefused names why a packet cannot be compared, in both
// languages: built from a pack not at hand, a DOCX changed after the build,
// not a packet at all, and packets made to harm: a DOCX that is a link or a
// FIFO, a zip bomb, a DOCX whose document part is huge (its checksum in the
// manifest). None takes long.
func TestPacketRefused(t *testing.T) {
	oldDir, _, revisedDir := buildPackets(t)
	variant := func(name string, change func(dir string)) string {
		dir := filepath.Join(t.TempDir(), name)
		if err := copyDir(oldDir, dir); err != nil {
			t.Fatal(err)
		}
		change(dir)
		return dir
	}
	const doc = "02-quality-agreement-lanhu-suzhou.docx"
	changed := variant("changed", func(dir string) {
		data, _ := os.ReadFile(filepath.Join(dir, doc))
		os.WriteFile(filepath.Join(dir, doc), append(data, 0), 0o644)
	})
	link := variant("link", func(dir string) {
		os.Remove(filepath.Join(dir, doc))
		os.Symlink("/etc/passwd", filepath.Join(dir, doc))
	})
	fifo := variant("fifo", func(dir string) {
		os.Remove(filepath.Join(dir, doc))
		if err := mkfifo(filepath.Join(dir, doc)); err != nil {
			t.Skip(err)
		}
	})
	// The DOCX as written, with a hundred thousand paragraphs more, and
	// the manifest made to agree.
	huge := variant("huge", func(dir string) {
		data, _ := os.ReadFile(filepath.Join(dir, doc))
		parts := unzipParts(t, data)
		body := parts["word/document.xml"]
		i := strings.Index(body, "<w:body>") + len("<w:body>")
		parts["word/document.xml"] = body[:i] + strings.Repeat(`<w:p><w:r><w:t>x</w:t></w:r></w:p>`, 100_000) + body[i:]
		writePacketFile(t, dir, doc, zipParts(t, parts))
	})
	bomb := filepath.Join(t.TempDir(), "bomb.zip")
	zipFolder(t, oldDir, bomb, map[string][]byte{doc: make([]byte, 300<<20)})
	zipLink := filepath.Join(t.TempDir(), "link.zip")
	zipFolder(t, link, zipLink, nil)
	for _, tc := range []struct {
		path   string
		en, zh string
	}{
		{revisedDir, "built from the pack revised 1.1.0", "由模板包 revised 1.1.0"},
		{changed, doc + " was changed after the build", doc + " 在生成后被改动过"},
		{t.TempDir(), "has no manifest.json", "没有 manifest.json"},
		{filepath.Join(t.TempDir(), "none.zip"), "does not exist; give a packet folder or its zip", "不存在；请给出资料包文件夹或其 zip"},
		{link, doc + " is a symbolic link", doc + " 是符号链接"},
		{fifo, doc + " is not a regular file", doc + " 不是普通文件"},
		{zipLink, "is a symbolic link", "无法读取"},
		{bomb, "a zip bomb", "无法作为资料包读取"},
		{huge, doc + " is not as this version of pilotpack writes it (word/document.xml: more than 300000 elements)", "word/document.xml：元素超过 300000 个"},
	} {
		start := time.Now()
		_, err := FromPacket(tc.path, nil)
		var pe *PacketError
		if !errors.As(err, &pe) || !strings.Contains(lang.Message(err, lang.En), tc.en) || !strings.Contains(lang.Message(err, lang.Zh), tc.zh) {
			t.Errorf("%s: %v\n%s\nwant a PacketError saying %q and %q", tc.path, err, lang.Message(err, lang.Zh), tc.en, tc.zh)
		}
		if took := time.Since(start); took > 20*time.Second {
			t.Errorf("%s: took %v", tc.path, took)
		}
	}
	// Given the pack, the revised packet compares.
	if _, err := FromPacket(revisedDir, []*pack.Pack{openPack(t, fixtures+"compare/pack-revised")}); err != nil {
		t.Errorf("with its pack: %v", err)
	}
}

// writePacketFile replaces a file of a packet folder and its checksum in
// the manifest.
func writePacketFile(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	mp := filepath.Join(dir, packet.ManifestName)
	raw, _ := os.ReadFile(mp)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for _, f := range m["files"].([]any) {
		if f := f.(map[string]any); f["path"] == name {
			f["sha256"], f["size"] = packet.SHA256(data), len(data)
		}
	}
	raw, _ = json.Marshal(m)
	os.WriteFile(mp, raw, 0o644)
}

// zipFolder zips a packet folder as build does, under its name, with some
// files' content replaced; links are stored as links.
func zipFolder(t *testing.T, dir, to string, replace map[string][]byte) {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h := &zip.FileHeader{Name: filepath.Base(dir) + "/" + filepath.ToSlash(rel), Method: zip.Deflate}
		var data []byte
		if d.Type()&fs.ModeSymlink != 0 {
			h.SetMode(fs.ModeSymlink | 0o777)
			target, _ := os.Readlink(p)
			data = []byte(target)
		} else if r, ok := replace[rel]; ok {
			data = r
		} else if data, err = os.ReadFile(p); err != nil {
			return err
		}
		w, err := z.CreateHeader(h)
		if err == nil {
			_, err = w.Write(data)
		}
		return err
	})
	if err == nil {
		err = z.Close()
	}
	if err == nil {
		err = os.WriteFile(to, buf.Bytes(), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func unzipParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		out[f.Name] = string(b)
	}
	return out
}

func zipParts(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, _ := z.Create(name)
		io.WriteString(w, parts[name])
	}
	z.Close()
	return buf.Bytes()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// BenchmarkComparePackets is the whole of comparing two ADC packets but
// the command line: reading both packets back from their DOCX files,
// aligning and diffing every document, writing the redline DOCX and PDF of
// every changed one, and the summary.
func BenchmarkComparePackets(b *testing.B) {
	oldDir, newZip, _ := buildPackets(b)
	def := openPack(b, "")
	for b.Loop() {
		older, err := FromPacket(oldDir, []*pack.Pack{def})
		if err != nil {
			b.Fatal(err)
		}
		ns, err := FromPacket(newZip, []*pack.Pack{def})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Compare(older, ns, date, "Legal").Files(Output{Date: date}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteDir writes comparisons into folders: a new one with its
// parents, one that replaces an earlier comparison whole; and refuses a
// file, a link and a folder of other files, leaving each as it was. A
// write that fails leaves the folder as it was, no temporary beside it and
// no folder it made.
func TestWriteDir(t *testing.T) {
	root := t.TempDir()
	files := []File{{Name: ChangesName, Data: []byte("{}")}, {Name: "02-quality-agreement-x-redline.docx", Data: []byte("d")}}
	dir := filepath.Join(root, "a", "b", "rl")
	if err := WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	listing := func(dir string) string {
		var names []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if p != dir {
				rel, _ := filepath.Rel(dir, p)
				names = append(names, rel)
			}
			return nil
		})
		return strings.Join(names, " ")
	}
	if got := listing(dir); got != "02-quality-agreement-x-redline.docx changes.json" {
		t.Errorf("wrote %s", got)
	}
	// A second comparison replaces the first: only its files are there.
	if err := WriteDir(dir, []File{{Name: ChangesName, Data: []byte("{ }")}}); err != nil {
		t.Fatal(err)
	}
	if got := listing(dir); got != "changes.json" {
		t.Errorf("after the second comparison: %s", got)
	}
	if got := listing(filepath.Dir(dir)); got != "rl rl/changes.json" {
		t.Errorf("beside the folder: %s", got)
	}

	// Refused, and left as they were.
	file := filepath.Join(root, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	link := filepath.Join(root, "link")
	os.Symlink(dir, link)
	notes := filepath.Join(root, "notes")
	os.Mkdir(notes, 0o755)
	os.WriteFile(filepath.Join(notes, "todo.txt"), []byte("call the CMO"), 0o644)
	os.WriteFile(filepath.Join(notes, ChangesName), []byte("{}"), 0o644)
	for _, c := range []struct{ dir, en, zh string }{
		{file, "is a file, not a folder", "是文件，不是文件夹"},
		{link, "is a symbolic link", "是符号链接"},
		{notes, "holds todo.txt, which is not a comparison's file", "中有 todo.txt，不是比较结果的文件"},
	} {
		before := listing(root)
		err := WriteDir(c.dir, files)
		var de *DirError
		if !errors.As(err, &de) || !strings.Contains(lang.Message(err, lang.En), c.en) || !strings.Contains(lang.Message(err, lang.Zh), c.zh) {
			t.Errorf("%s: %v, want a DirError saying %q and %q", c.dir, err, c.en, c.zh)
		}
		if after := listing(root); after != before {
			t.Errorf("%s: the folder changed:\n%s\n%s", c.dir, before, after)
		}
	}

	// A write that fails midway: the earlier comparison stays, nothing is
	// left beside it; folders made for a new one are removed.
	bad := append(files, File{Name: "../escape", Data: nil})
	before := listing(root)
	if err := WriteDir(dir, bad); err == nil {
		t.Error("a file outside the folder was written")
	}
	if err := WriteDir(filepath.Join(root, "new", "deeper", "rl"), bad); err == nil {
		t.Error("a file outside the folder was written")
	}
	if after := listing(root); after != before {
		t.Errorf("a failed write changed the disk:\n%s\n%s", before, after)
	}
}
