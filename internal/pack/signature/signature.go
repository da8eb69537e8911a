// Package signature signs template packs and checks their signatures. A
// signature is Ed25519 over a digest of every file of the pack, whatever
// its name or extension, but the signature file itself: change, add or
// remove any file and the signature no longer holds, and the check names
// what changed.
package signature

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"pilotpack/internal/inputfile"
	"strings"

	"pilotpack/internal/lang"
)

// File is where a pack keeps its signature. It is the one file the digest
// leaves out.
const File = "pack.sig"

// FileSum is one file of a pack and the sha256 of its content.
type FileSum struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// List hashes the named files of fsys, in the order given; the signature
// file is left out. Reading goes through fsys, which bounds it.
func List(fsys fs.FS, files []string) ([]FileSum, error) {
	out := make([]FileSum, 0, len(files))
	// One buffer for every file: io.Copy would take 32 KB for each.
	buf := make([]byte, 32<<10)
	for _, name := range files {
		if name == File {
			continue
		}
		r, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		_, err = io.CopyBuffer(h, r, buf)
		r.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, FileSum{name, hex.EncodeToString(h.Sum(nil))})
	}
	return out, nil
}

// Digest is the sha256 of a canonical listing: one line per file, sorted by
// path, "<sha256>  <path>" as sha256sum prints it. Paths hold no control
// characters (the pack's file access refuses them), so no path can pass for
// two lines.
func Digest(list []FileSum) string {
	h := sha256.New()
	for _, f := range list {
		fmt.Fprintf(h, "%s  %s\n", f.SHA256, f.Path)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Signature is pack.sig: an Ed25519 signature over the pack's digest, with
// the public key that made it and who holds that key.
type Signature struct {
	Algorithm string `json:"algorithm"`
	// Digest is the pack digest that was signed.
	Digest string `json:"digest"`
	// KeyID is the first 16 hex digits of the sha256 of the public key.
	KeyID     string `json:"key_id"`
	PublicKey string `json:"public_key"` // base64
	// Signer names the key's holder, e.g. 上海市药品监督管理局.
	Signer    string `json:"signer"`
	Signature string `json:"signature"` // base64
	// Files is the listing the digest was computed from, so that a
	// changed pack can say which files changed.
	Files []FileSum `json:"files"`
}

// message is what the key signs: the digest, behind a label that keeps the
// signature from meaning anything else.
func message(digest string) []byte {
	return []byte("pilotpack pack signature v1\n" + digest + "\n")
}

// KeyID names a public key by its fingerprint.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// Sign signs a pack's listing with key.
func Sign(list []FileSum, key ed25519.PrivateKey, signer string) *Signature {
	pub := key.Public().(ed25519.PublicKey)
	digest := Digest(list)
	return &Signature{
		Algorithm: "ed25519",
		Digest:    digest,
		KeyID:     KeyID(pub),
		PublicKey: base64.StdEncoding.EncodeToString(pub),
		Signer:    signer,
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(key, message(digest))),
		Files:     list,
	}
}

// Marshal writes the signature as pack.sig holds it.
func (s *Signature) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Read reads the pack's signature from fsys; nil when the pack has none.
func Read(fsys fs.FS) (*Signature, error) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, lang.Errorf(msgAt, File, err)
	}
	return Parse(data)
}

// Parse reads the content of a pack.sig.
func Parse(data []byte) (*Signature, error) {
	var s Signature
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, lang.Errorf(msgNotSignature, File, err)
	}
	return &s, nil
}

// Key returns the public key the signature names, once Check has passed.
func (s *Signature) Key() ed25519.PublicKey {
	pub, _ := base64.StdEncoding.DecodeString(s.PublicKey)
	return pub
}

// Check verifies the signature itself: made by its key, over its digest.
func (s *Signature) Check() error {
	if s.Algorithm != "ed25519" {
		return lang.Errorf(msgAlgorithm, File, s.Algorithm)
	}
	pub, err := base64.StdEncoding.DecodeString(s.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return lang.Errorf(msgBadKey, File)
	}
	sig, err := base64.StdEncoding.DecodeString(s.Signature)
	if err != nil || !ed25519.Verify(pub, message(s.Digest), sig) {
		return lang.Errorf(msgBadSignature, File)
	}
	if KeyID(pub) != s.KeyID {
		return lang.Errorf(msgKeyID, File, s.KeyID, KeyID(pub))
	}
	return nil
}

// Verify checks that the signature is valid and covers exactly the files
// in list; otherwise it names the files that changed.
func (s *Signature) Verify(list []FileSum) error {
	if err := s.Check(); err != nil {
		return err
	}
	if s.Digest == Digest(list) {
		return nil
	}
	var changes []lang.Text
	// The listing in the signature is only worth comparing when it is the
	// one that was signed.
	if Digest(s.Files) == s.Digest {
		was := map[string]string{}
		for _, f := range s.Files {
			was[f.Path] = f.SHA256
		}
		for _, f := range list {
			old, ok := was[f.Path]
			switch {
			case !ok:
				changes = append(changes, lang.Format(msgAdded, f.Path))
			case old != f.SHA256:
				changes = append(changes, lang.Format(msgEdited, f.Path))
			}
			delete(was, f.Path)
		}
		for _, f := range s.Files {
			if _, ok := was[f.Path]; ok {
				changes = append(changes, lang.Format(msgRemoved, f.Path))
			}
		}
	}
	which := lang.Text{}
	if len(changes) > 0 {
		which = lang.Format(msgChanges, lang.JoinTexts(changes, msgSep))
	}
	return lang.Errorf(msgChanged, File, which)
}

// SignerName says who signed, for messages and manifests: the signer and
// the key id.
func (s *Signature) SignerName() string { return s.Signed().En }

// Signed says who signed in both languages.
func (s *Signature) Signed() lang.Text { return SignerOf(s.Signer, s.KeyID) }

// SignerOf names who signs with a key, in both languages: the signer, if
// named, and the key id. Packet seals name their sealer the same way.
func SignerOf(signer, keyID string) lang.Text {
	if signer == "" {
		return lang.Format(msgSignerKey, keyID)
	}
	return lang.Format(msgSigner, signer, keyID)
}

// GenerateKey makes a signing key pair, PEM-encoded: the private key as
// PKCS #8, the public key as PKIX, the forms openssl reads.
func GenerateKey(random io.Reader) (private, public []byte, id string, err error) {
	if random == nil {
		random = rand.Reader
	}
	pub, priv, err := ed25519.GenerateKey(random)
	if err != nil {
		return nil, nil, "", err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, nil, "", err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, nil, "", err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), KeyID(pub), nil
}

// ParsePrivateKey reads a PEM private key that pack keygen wrote.
func ParsePrivateKey(name string, data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, lang.Errorf(msgNotPrivate, name)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, lang.Errorf(msgAt, name, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, lang.Errorf(msgNotEd25519, name)
	}
	return priv, nil
}

// ParsePublicKey reads a public key: a PEM file that pack keygen wrote, or
// the key's 32 bytes in base64 as pack.sig and pack list show them.
func ParsePublicKey(name string, data []byte) (ed25519.PublicKey, error) {
	if block, _ := pem.Decode(data); block != nil {
		if block.Type != "PUBLIC KEY" {
			return nil, lang.Errorf(msgNotPublic, name, strings.ToLower(block.Type))
		}
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, lang.Errorf(msgAt, name, err)
		}
		pub, ok := k.(ed25519.PublicKey)
		if !ok {
			return nil, lang.Errorf(msgPubEd25519, name)
		}
		return pub, nil
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, lang.Errorf(msgNoPublic, name)
	}
	return ed25519.PublicKey(raw), nil
}

// maxKeyFile bounds a key file read from the command line: a PEM key is
// a few hundred bytes.
const maxKeyFile = 64 << 10

// ReadKeyFile reads a key file named on the command line: a regular file of
// a key's size, never a pipe or a device that could make it wait. Errors
// start with the file's name.
func ReadKeyFile(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, lang.Errorf(msgAt, name, unwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return nil, lang.Errorf(msgNotRegular, name)
	}
	if st.Size() > maxKeyFile {
		return nil, lang.Errorf(msgKeyTooBig, name, st.Size())
	}
	f, err := os.OpenFile(name, os.O_RDONLY|inputfile.NonBlock, 0)
	if err != nil {
		return nil, lang.Errorf(msgAt, name, unwrapPath(err))
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxKeyFile))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// LoadPublicKey reads a trusted key named on the command line: a file, or
// the base64 key itself. An empty or blank name is an error: it would
// otherwise trust nothing without saying so.
func LoadPublicKey(arg string) (ed25519.PublicKey, error) {
	if strings.TrimSpace(arg) == "" {
		return nil, lang.Errorf(msgTrustBlank)
	}
	data, err := ReadKeyFile(arg)
	if errors.Is(err, fs.ErrNotExist) {
		if k, perr := ParsePublicKey("--trust", []byte(arg)); perr == nil {
			return k, nil
		}
		return nil, lang.Errorf(msgTrustMissing, arg)
	}
	if err != nil {
		return nil, lang.Errorf(msgTrust, err)
	}
	return ParsePublicKey(arg, data)
}
