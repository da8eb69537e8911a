package signature

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"pilotpack/internal/lang"
)

func TestSignAndVerify(t *testing.T) {
	priv, pub, id, err := GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ParsePrivateKey("k.key", priv)
	if err != nil {
		t.Fatal(err)
	}
	pubKey, err := ParsePublicKey("k.pub", pub)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"pack.yaml": {Data: []byte("id: x\n")}, "zh/a.md": {Data: []byte("甲")}, "tools/gen.go": {Data: []byte("package x")},
		"LICENSE": {Data: []byte("MIT")}, File: {Data: []byte("{}")},
	}
	files := []string{"LICENSE", File, "pack.yaml", "tools/gen.go", "zh/a.md"}
	list, err := List(fsys, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 {
		t.Fatalf("the listing must hold every file but %s: %v", File, list)
	}
	s := Sign(list, key, "上海市药品监督管理局")
	if s.KeyID != id || !s.Key().Equal(pubKey) {
		t.Errorf("key id %s, want %s", s.KeyID, id)
	}
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Verify(list); err != nil {
		t.Errorf("a fresh signature: %v", err)
	}
	// Every file counts, whatever its extension.
	for _, tc := range []struct{ file, body, want string }{
		{"tools/gen.go", "package y", "tools/gen.go changed"},
		{"LICENSE", "GPL", "LICENSE changed"},
		{"zh/a.md", "乙", "zh/a.md changed"},
		{"zh/new", "new", "zh/new added"},
	} {
		changed := fstest.MapFS{}
		for k, v := range fsys {
			changed[k] = v
		}
		changed[tc.file] = &fstest.MapFile{Data: []byte(tc.body)}
		names := files
		if _, ok := fsys[tc.file]; !ok {
			names = append(append([]string{}, files...), tc.file)
		}
		l, _ := List(changed, names)
		if err := back.Verify(l); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.file, err, tc.want)
		}
	}
	err = back.Verify(list[1:])
	if err == nil || !strings.Contains(err.Error(), "LICENSE removed") {
		t.Errorf("removed: %v", err)
	}
	if zh := lang.Message(err, lang.Zh); !strings.Contains(zh, "pack.sig：模板包的文件在签名后被改动（LICENSE 已删除") || !strings.HasSuffix(zh, "）；请恢复这些文件，或重新签名模板包") {
		t.Errorf("removed, in Chinese: %s", zh)
	}
	// A signature whose digest was replaced does not hold.
	forged := *back
	forged.Digest = strings.Repeat("0", 64)
	if err := forged.Check(); err == nil || !strings.Contains(err.Error(), "not valid") {
		t.Errorf("forged: %v", err)
	}
}

func TestParsePublicKey(t *testing.T) {
	_, pub, _, _ := GenerateKey(nil)
	if _, err := ParsePublicKey("a.pub", pub); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in, want string
	}{
		{"not a key", "not a public key"},
		{"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "a private key, not a public key"},
	} {
		if _, err := ParsePublicKey("x", []byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParsePublicKey(%q): %v", tc.in, err)
		}
	}
	if _, err := ParsePrivateKey("x", pub); err == nil {
		t.Error("a public key was read as a private key")
	}
}

func TestLoadPublicKey(t *testing.T) {
	dir := t.TempDir()
	_, pub, _, _ := GenerateKey(nil)
	good := filepath.Join(dir, "k.pub")
	os.WriteFile(good, pub, 0o644)
	k, err := LoadPublicKey(good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPublicKey(" " + base64.StdEncoding.EncodeToString(k) + " "); err != nil {
		t.Errorf("the key in base64: %v", err)
	}
	none := filepath.Join(dir, "none.pub")
	for _, tc := range []struct{ arg, want, zh string }{
		{"", "--trust needs a public key", "--trust 需要公钥：pilotpack pack keygen 写出的 .pub 文件，或 base64 形式的公钥；空值不信任任何密钥"},
		{"   ", "--trust needs a public key", "--trust 需要公钥"},
		{"\t", "--trust needs a public key", "--trust 需要公钥"},
		{none, "none.pub: no such file", "--trust " + none + "：既没有这个文件，也不是 base64 形式的公钥"},
		{dir, "not a regular file", "--trust " + dir + "：不是普通文件；请给出 pilotpack pack keygen 写出的密钥文件"},
	} {
		_, err := LoadPublicKey(tc.arg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("LoadPublicKey(%q): %v, want %q", tc.arg, err, tc.want)
		}
		if zh := lang.Message(err, lang.Zh); !strings.HasPrefix(zh, tc.zh) {
			t.Errorf("LoadPublicKey(%q) in Chinese: %s, want %q", tc.arg, zh, tc.zh)
		}
	}
	if _, err := ReadKeyFile(none); lang.Message(err, lang.Zh) != none+"：不存在" || err.Error() != none+": no such file or directory" {
		t.Errorf("a missing key file: %v / %s", err, lang.Message(err, lang.Zh))
	}
}

// FuzzSignature reads arbitrary pack.sig and key files.
func FuzzSignature(f *testing.F) {
	_, pub, _, _ := GenerateKey(nil)
	f.Add([]byte(`{"algorithm":"ed25519","digest":"00","key_id":"00","public_key":"AAAA","signer":"x","signature":"AAAA","files":[]}`), pub)
	f.Add([]byte("{}"), []byte("not a key"))
	f.Fuzz(func(t *testing.T, sig, key []byte) {
		if s, err := Parse(sig); err == nil && s != nil {
			s.Verify(nil)
			s.SignerName()
		}
		ParsePublicKey("k", key)
		ParsePrivateKey("k", key)
	})
}

func TestReadKeyFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "k.key")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error)
	go func() { _, err := ReadKeyFile(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("a pipe as the key: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a pipe as the key hangs")
	}
	if _, err := LoadPublicKey(fifo); err == nil || !strings.Contains(err.Error(), "--trust "+fifo+": not a regular file") {
		t.Errorf("--trust with a pipe: %v", err)
	}
}
