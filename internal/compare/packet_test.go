package compare

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

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
	if got.Data.Compared || !strings.Contains(got.Data.Note, "not at hand") {
		t.Errorf("data compared without the new applicant file: %+v", got.Data)
	}
	if _, err := got.Files(Output{Date: date}); err != nil {
		t.Fatal(err)
	}
}

// TestPacketRefused names why a packet cannot be compared: built from a
// pack not at hand, a DOCX changed after the build, not a packet at all.
func TestPacketRefused(t *testing.T) {
	oldDir, _, revisedDir := buildPackets(t)
	changed := filepath.Join(t.TempDir(), "changed")
	if err := copyDir(oldDir, changed); err != nil {
		t.Fatal(err)
	}
	docx := filepath.Join(changed, "02-quality-agreement-lanhu-suzhou.docx")
	data, _ := os.ReadFile(docx)
	if err := os.WriteFile(docx, append(data, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want string
	}{
		{revisedDir, "built from the pack revised 1.1.0"},
		{changed, "02-quality-agreement-lanhu-suzhou.docx was changed after the build"},
		{t.TempDir(), "no manifest.json"},
		{filepath.Join(t.TempDir(), "none.zip"), "does not exist"},
	} {
		_, err := FromPacket(tc.path, nil)
		var pe *PacketError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want a PacketError saying %q", tc.path, err, tc.want)
		}
	}
	// Given the pack, the revised packet compares.
	if _, err := FromPacket(revisedDir, []*pack.Pack{openPack(t, fixtures+"compare/pack-revised")}); err != nil {
		t.Errorf("with its pack: %v", err)
	}
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
