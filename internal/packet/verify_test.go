package packet

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"pilotpack/fixtures"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack/signature"
)

// wording joins texts in l, one a line.
func wording(ts []lang.Text, l lang.Lang) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.In(l)
	}
	return strings.Join(s, "\n")
}

// wordedInBoth fails on a text without a Chinese wording of its own: one
// missing, the same as the English, or without a Chinese character.
func wordedInBoth(t *testing.T, ts []lang.Text) {
	t.Helper()
	for _, x := range ts {
		if x.Zh == "" || x.Zh == x.En || !strings.ContainsFunc(x.Zh, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
			t.Errorf("not worded in Chinese: %+v", x)
		}
	}
}

// newKey makes a sealing key as pack keygen does.
func newKey(t *testing.T) (ed25519.PrivateKey, ed25519.PublicKey) {
	t.Helper()
	priv, pub, _, err := signature.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	k, err := signature.ParsePrivateKey("k", priv)
	if err != nil {
		t.Fatal(err)
	}
	p, err := signature.ParsePublicKey("p", pub)
	if err != nil {
		t.Fatal(err)
	}
	return k, p
}

// copyTree copies a packet folder to a new place.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), filepath.Base(from))
	copyDirTo(t, from, to)
	return to
}

// editManifest rewrites a packet's manifest as a careful forger would: the
// result is consistent JSON in the same shape.
func editManifest(t *testing.T, dir string, edit func(m *Manifest)) {
	t.Helper()
	p := filepath.Join(dir, ManifestName)
	data, _ := os.ReadFile(p)
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(&m)
	out, _ := json.MarshalIndent(&m, "", "  ")
	os.WriteFile(p, append(out, '\n'), 0o644)
}

// replaceFile puts new content in a packet file and, when consistently,
// its size and checksum in the manifest.
func replaceFile(t *testing.T, dir, name string, data []byte, consistently bool) {
	t.Helper()
	os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644)
	if consistently {
		editManifest(t, dir, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Path == name {
					m.Files[i].Size, m.Files[i].SHA256 = len(data), sha(data)
				}
			}
		})
	}
}

// TestVerifyTampering changes packets the ways someone who means it would,
// sealed and not, and checks what verify, with and without a trusted key,
// makes of each.
func TestVerifyTampering(t *testing.T) {
	key, pub := newKey(t)
	forger, _ := newKey(t)
	sealed, err := build(t, fixture("glp1"), Options{Seal: &SealKey{Key: key, Signer: "深圳康峤生物"}})
	if err != nil {
		t.Fatal(err)
	}
	// The same packet unsealed, and as a draft built despite an error:
	// what a build writes, made from the sealed one to spare two builds.
	plain := copyTree(t, sealed.Dir)
	os.Remove(filepath.Join(plain, SealName))
	editManifest(t, plain, func(m *Manifest) { m.Seal = nil })
	draftWithErrors := copyTree(t, plain)
	editManifest(t, draftWithErrors, func(m *Manifest) {
		m.Draft = true
		m.Findings.List = append(m.Findings.List, finding.Finding{Rule: "pilot.deadline", Severity: finding.Error, Path: "application.date"})
		m.Findings.Errors++
	})
	other := fixtures.PDF("", "", "a forged certificate")
	const cert = "attachments/01-registration-certificate.pdf"
	rewrite := func(t *testing.T, dir string) { replaceFile(t, dir, cert, other, true) }
	reseal := func(t *testing.T, dir string) {
		data, _ := os.ReadFile(filepath.Join(dir, ManifestName))
		sig, _ := seal(&SealKey{Key: forger}, data)
		os.WriteFile(filepath.Join(dir, SealName), sig, 0o644)
	}
	for _, tc := range []struct {
		name   string
		packet string
		change func(t *testing.T, dir string)
		trust  bool
		want   string // a problem; "" for a packet that passes
		note   string // a note, for those that pass
		zh     string // a problem or note in Chinese, where one is pinned
	}{
		{"sealed, untouched, trusted", sealed.Dir, nil, true, "", "a trusted key", "加封者：深圳康峤生物（密钥 "},
		{"sealed, untouched, no key given", sealed.Dir, nil, false, "", "whose key was not checked", "；未核对其密钥：加 --trust KEY.pub 才能确认加封者"},
		{"unsealed, untouched", plain, nil, false, "", "finds damage, not deliberate changes", "资料包未加封：pilotpack verify 只能发现损坏，不能发现有意的改动"},
		{"unsealed, untouched, a seal asked for", plain, nil, true, "the packet is not sealed", "", "资料包未加封（没有 manifest.sig），而 --trust 要求的加封密钥为 "},

		{"consistent rewrite, unsealed: undetectable without a seal", plain, rewrite, false, "", "not deliberate changes", ""},
		{"consistent rewrite, unsealed, a seal asked for", plain, rewrite, true, "the packet is not sealed", "", ""},
		{"consistent rewrite, sealed", sealed.Dir, rewrite, false, "manifest.json changed after the packet was sealed", "", "manifest.json 在加封后被改动"},
		{"consistent rewrite, sealed, trusted", sealed.Dir, rewrite, true, "manifest.json changed after the packet was sealed", "", ""},
		{"consistent rewrite, resealed by another key, no key given", sealed.Dir, func(t *testing.T, d string) { rewrite(t, d); reseal(t, d) }, false, "manifest says 深圳康峤生物 (key", "", "清单记载的加封者为 深圳康峤生物（密钥 "},
		{"consistent rewrite, resealed by another key, trusted", sealed.Dir, func(t *testing.T, d string) {
			rewrite(t, d)
			editManifest(t, d, func(m *Manifest) { m.Seal = nil })
			reseal(t, d)
		}, true, "which is not a trusted key", "", ""},
		{"seal removed", sealed.Dir, func(t *testing.T, d string) { os.Remove(filepath.Join(d, SealName)) }, false, "manifest.sig is missing, but the manifest says 深圳康峤生物", "", ""},
		{"seal and its record removed, trusted", sealed.Dir, func(t *testing.T, d string) {
			os.Remove(filepath.Join(d, SealName))
			editManifest(t, d, func(m *Manifest) { m.Seal = nil })
		}, true, "the packet is not sealed", "", ""},

		{"draft flag flipped, sealed", sealed.Dir, func(t *testing.T, d string) { editManifest(t, d, func(m *Manifest) { m.Draft = true }) }, true, "changed after the packet was sealed", "", ""},
		{"findings cleared, sealed", sealed.Dir, func(t *testing.T, d string) {
			editManifest(t, d, func(m *Manifest) { m.Findings.List, m.Findings.Warnings = nil, 0 })
		}, false, "changed after the packet was sealed", "", ""},
		{"findings cleared, unsealed, a seal asked for", plain, func(t *testing.T, d string) {
			editManifest(t, d, func(m *Manifest) { m.Findings.List, m.Findings.Warnings = nil, 0 })
		}, true, "the packet is not sealed", "", ""},
		{"findings cleared but still counted", plain, func(t *testing.T, d string) { editManifest(t, d, func(m *Manifest) { m.Findings.List = nil }) }, false, "counts 2 warnings but lists 0", "", "清单记有警告 2 条，但列出 0 条"},
		{"errors listed in a packet that says it is no draft", plain, func(t *testing.T, d string) {
			editManifest(t, d, func(m *Manifest) {
				m.Findings.List = append(m.Findings.List, finding.Finding{Rule: "x", Severity: finding.Error})
				m.Findings.Errors++
			})
		}, false, "only a draft is built despite errors", "", ""},

		{"draft flag flipped, unsealed, errors listed", draftWithErrors, func(t *testing.T, d string) { editManifest(t, d, func(m *Manifest) { m.Draft = false }) }, false, "only a draft is built despite errors", "", ""},
		{"draft flag flipped and errors cleared, unsealed: undetectable without a seal", draftWithErrors, func(t *testing.T, d string) {
			editManifest(t, d, func(m *Manifest) {
				m.Draft, m.Findings.List = false, nil
				m.Findings.Errors, m.Findings.Warnings, m.Findings.Infos = 0, 0, 0
			})
		}, false, "", "not deliberate changes", ""},
		{"a manifest listing nothing", plain, func(t *testing.T, d string) { editManifest(t, d, func(m *Manifest) { m.Files = nil }) }, false, "the manifest lists no files", "", ""},
		{"a manifest listing a path outside", plain, func(t *testing.T, d string) {
			editManifest(t, d, func(m *Manifest) { m.Files[1].Path = "../../etc/passwd" })
		}, false, `lists "../../etc/passwd", which is not a path inside the packet`, "", ""},
		{"a listed file that is a link", plain, func(t *testing.T, d string) {
			p := filepath.Join(d, filepath.FromSlash(cert))
			outside := filepath.Join(t.TempDir(), "cert.pdf")
			data, _ := os.ReadFile(p)
			os.WriteFile(outside, data, 0o644)
			os.Remove(p)
			os.Symlink(outside, p)
		}, false, cert + ": is a symbolic link", "", cert + "：是符号链接，而不是清单所列的文件"},
		{"a listed file behind a linked folder", plain, func(t *testing.T, d string) {
			moved := filepath.Join(t.TempDir(), "attachments")
			os.Rename(filepath.Join(d, "attachments"), moved)
			os.Symlink(moved, filepath.Join(d, "attachments"))
		}, false, "lies behind the symbolic link attachments", "", ""},
		{"a listed file that is a FIFO", plain, func(t *testing.T, d string) {
			p := filepath.Join(d, filepath.FromSlash(cert))
			os.Remove(p)
			syscall.Mkfifo(p, 0o644)
		}, false, cert + ": is not a regular file", "", cert + "：不是普通文件"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyTree(t, tc.packet)
			if tc.change != nil {
				tc.change(t, dir)
			}
			opts := VerifyOptions{}
			if tc.trust {
				opts.Trust = []ed25519.PublicKey{pub}
			}
			r, err := Verify(dir, opts)
			if err != nil {
				t.Fatal(err)
			}
			problems := wording(r.Problems, lang.En)
			switch {
			case tc.want == "" && len(r.Problems) > 0:
				t.Errorf("fails: %s", problems)
			case tc.want != "" && !strings.Contains(problems, tc.want):
				t.Errorf("problems lack %q:\n%s", tc.want, problems)
			case tc.note != "" && !strings.Contains(wording(r.Notes, lang.En), tc.note):
				t.Errorf("notes lack %q: %v", tc.note, r.Notes)
			}
			if zh := wording(append(r.Problems, r.Notes...), lang.Zh); !strings.Contains(zh, tc.zh) {
				t.Errorf("Chinese lacks %q:\n%s", tc.zh, zh)
			}
			wordedInBoth(t, r.Problems)
			wordedInBoth(t, r.Notes)
		})
	}
	nope := filepath.Join(t.TempDir(), "nope")
	_, err = Verify(nope, VerifyOptions{})
	if !errors.As(err, new(*NotFoundError)) {
		t.Errorf("a missing path: %v", err)
	}
	if got := lang.Message(err, lang.Zh); got != nope+" 不存在；请给出资料包文件夹或其 .zip 文件" {
		t.Errorf("a missing path, in Chinese: %s", got)
	}
	// Neither a folder nor a zip, and a folder without a manifest.
	notZip := filepath.Join(t.TempDir(), "p.zip")
	os.WriteFile(notZip, []byte("plain text"), 0o644)
	_, err = Verify(notZip, VerifyOptions{})
	if got := lang.Message(err, lang.Zh); got != notZip+" 既不是资料包文件夹，也不是 zip 文件：不是有效的 zip 文件" {
		t.Errorf("not a zip, in Chinese: %s", got)
	}
	if got := lang.Message(err, lang.En); got != notZip+": neither a packet folder nor a zip: zip: not a valid zip file" {
		t.Errorf("not a zip, in English: %s", got)
	}
	_, err = Verify(t.TempDir(), VerifyOptions{})
	if got := lang.Message(err, lang.Zh); !strings.HasSuffix(got, "：没有 manifest.json：这不是 pilotpack 生成的资料包") || !errors.Is(err, errNoManifest) {
		t.Errorf("no manifest, in Chinese: %s", got)
	}
	broken := copyTree(t, plain)
	os.WriteFile(filepath.Join(broken, ManifestName), []byte(`{"files": [}`), 0o644)
	_, err = Verify(broken, VerifyOptions{})
	if got := lang.Message(err, lang.Zh); !strings.HasSuffix(got, "：manifest.json 无效：第 12 字节处有语法错误") {
		t.Errorf("a broken manifest, in Chinese: %s", got)
	}
	if got := lang.Message(err, lang.En); !strings.HasSuffix(got, ": manifest.json is not valid: invalid character '}' looking for beginning of value") {
		t.Errorf("a broken manifest, in English: %s", got)
	}
}

// TestVerifyZipBounds: a zip that unpacks to more than a packet can hold
// is refused from its directory, before anything is unpacked.
func TestVerifyZipBounds(t *testing.T) {
	res, err := build(t, fixture("glp1"), Options{Zip: true})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := Verify(res.Zip, VerifyOptions{}); err != nil || len(r.Problems) > 0 {
		t.Fatalf("the packet's own zip: %v %v", err, r)
	}
	src, _ := os.ReadFile(res.Zip)
	// with copies the packet's zip with one more entry.
	with := func(add func(z *zip.Writer)) string {
		zr, _ := zip.NewReader(bytes.NewReader(src), int64(len(src)))
		p := filepath.Join(t.TempDir(), "p.zip")
		f, _ := os.Create(p)
		z := zip.NewWriter(f)
		for _, e := range zr.File {
			z.Copy(e)
		}
		add(z)
		z.Close()
		f.Close()
		return p
	}
	for _, tc := range []struct {
		name string
		add  func(z *zip.Writer)
		want string
	}{
		{"a bomb: 8 MB of zeros", func(z *zip.Writer) {
			w, _ := z.Create(res.ID + "/attachments/99-zeros.pdf")
			w.Write(make([]byte, 8<<20))
		}, "a zip bomb"},
		{"an entry that says it is 5 GB", func(z *zip.Writer) {
			w, _ := z.CreateRaw(&zip.FileHeader{Name: res.ID + "/big.pdf", Method: zip.Store, CompressedSize64: 5 << 30, UncompressedSize64: 5 << 30})
			w.Write([]byte("x"))
		}, "more than the 4096 MB"},
		{"an entry twice", func(z *zip.Writer) {
			w, _ := z.Create(res.ID + "/" + ManifestName)
			w.Write([]byte("{}"))
		}, "in the zip twice"},
		{"a link", func(z *zip.Writer) {
			h := &zip.FileHeader{Name: res.ID + "/attachments/link.pdf"}
			h.SetMode(fs.ModeSymlink | 0o777)
			w, _ := z.CreateHeader(h)
			w.Write([]byte("/etc/passwd"))
		}, "attachments/link.pdf: unexpected"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Verify(with(tc.add), VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(wording(r.Problems, lang.En), tc.want) {
				t.Errorf("problems lack %q: %v", tc.want, r.Problems)
			}
			wordedInBoth(t, r.Problems)
		})
	}
}

// copyDirTo copies a folder tree.
func copyDirTo(t *testing.T, from, to string) {
	t.Helper()
	filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, _ := os.ReadFile(p)
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
}

// FuzzVerifyZip verifies random zips: a report or an error, never a panic
// or a hang.
func FuzzVerifyZip(f *testing.F) {
	pdfData := fixtures.PDF("", "", "x")
	var seed bytes.Buffer
	z := zip.NewWriter(&seed)
	w, _ := z.Create("p/a.pdf")
	w.Write(pdfData)
	w, _ = z.Create("p/manifest.json")
	json.NewEncoder(w).Encode(Manifest{Files: []FileEntry{{Path: "a.pdf", Size: len(pdfData), SHA256: sha(pdfData), Pages: 1}}})
	z.Close()
	f.Add(seed.Bytes())
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "p.zip")
		os.WriteFile(p, data, 0o644)
		Verify(p, VerifyOptions{})
	})
}
