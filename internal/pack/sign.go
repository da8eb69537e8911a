package pack

import (
	"archive/zip"
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
	"path/filepath"
	"strings"
	"time"

	"pilotpack/internal/safefile"
)

// SignatureFile is where a pack keeps its signature. It is the one file the
// digest leaves out.
const SignatureFile = "pack.sig"

// Signature is pack.sig: an Ed25519 signature over the pack's digest (see
// digestOf), with the public key that made it and who holds that key.
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

// signedMessage is what the key signs: the digest, behind a label that keeps
// the signature from meaning anything else.
func signedMessage(digest string) []byte {
	return []byte("pilotpack pack signature v1\n" + digest + "\n")
}

// KeyID names a public key by its fingerprint.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

func readSignature(fsys fs.FS) (*Signature, error) {
	data, err := fs.ReadFile(fsys, SignatureFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", SignatureFile, err)
	}
	var s Signature
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: not a pilotpack signature (%v); sign the pack again with pilotpack pack sign", SignatureFile, err)
	}
	return &s, nil
}

// VerifySignature checks the pack's signature: valid for its own key and
// covering exactly the pack's files. It names the files that changed.
func (p *Pack) VerifySignature() error {
	s := p.Signature
	if s == nil {
		return errors.New("the pack is not signed")
	}
	if err := s.check(); err != nil {
		return err
	}
	if s.Digest == p.Digest {
		return nil
	}
	var changes []string
	if digestOf(s.Files) == s.Digest {
		was := map[string]string{}
		for _, f := range s.Files {
			was[f.Path] = f.SHA256
		}
		for _, f := range p.listing {
			old, ok := was[f.Path]
			switch {
			case !ok:
				changes = append(changes, f.Path+" added")
			case old != f.SHA256:
				changes = append(changes, f.Path+" changed")
			}
			delete(was, f.Path)
		}
		for _, f := range s.Files {
			if _, ok := was[f.Path]; ok {
				changes = append(changes, f.Path+" removed")
			}
		}
	}
	what := "the pack's files changed after signing"
	if len(changes) > 0 {
		what += " (" + strings.Join(changes, ", ") + ")"
	}
	return fmt.Errorf("%s: %s; restore them, or sign the pack again", SignatureFile, what)
}

// check verifies the signature itself: made by its key, over its digest.
func (s *Signature) check() error {
	if s.Algorithm != "ed25519" {
		return fmt.Errorf("%s: algorithm %q; pilotpack signs with ed25519", SignatureFile, s.Algorithm)
	}
	pub, err := base64.StdEncoding.DecodeString(s.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("%s: the public key is not an Ed25519 key", SignatureFile)
	}
	sig, err := base64.StdEncoding.DecodeString(s.Signature)
	if err != nil || !ed25519.Verify(pub, signedMessage(s.Digest), sig) {
		return fmt.Errorf("%s: the signature is not valid for its key", SignatureFile)
	}
	if KeyID(pub) != s.KeyID {
		return fmt.Errorf("%s: key id %s does not match the key (%s)", SignatureFile, s.KeyID, KeyID(pub))
	}
	return nil
}

// SignerName says who signed, for messages and manifests: the signer and the
// key id.
func (s *Signature) SignerName() string {
	if s.Signer == "" {
		return "key " + s.KeyID
	}
	return s.Signer + " (key " + s.KeyID + ")"
}

// Trust checks that the pack is signed, unchanged since, by one of the
// trusted keys. A pack that fails is refused as a pack error.
func (p *Pack) Trust(keys []ed25519.PublicKey) error {
	if len(keys) == 0 {
		return nil
	}
	refuse := func(why string) error {
		return &Error{[]string{fmt.Sprintf("%s: refused: %s", p.Source, why)}}
	}
	if p.Base == nil && p.Source == embeddedSource {
		return refuse("--trust needs a signed pack, and the embedded default pack is not signed; give the bureau's pack with --pack")
	}
	if p.Signature == nil {
		return refuse("the pack is not signed (no " + SignatureFile + "); ask its publisher for the signed pack, or sign it with pilotpack pack sign")
	}
	if err := p.VerifySignature(); err != nil {
		return refuse(err.Error())
	}
	pub, _ := base64.StdEncoding.DecodeString(p.Signature.PublicKey)
	for _, k := range keys {
		if bytes.Equal(k, pub) {
			return nil
		}
	}
	var ids []string
	for _, k := range keys {
		ids = append(ids, KeyID(k))
	}
	return refuse(fmt.Sprintf("signed by %s, which is not a trusted key (trusted: %s)", p.Signature.SignerName(), strings.Join(ids, ", ")))
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
		return nil, fmt.Errorf("%s: not a PEM private key; make one with pilotpack pack keygen", name)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s: not an Ed25519 key; make one with pilotpack pack keygen", name)
	}
	return priv, nil
}

// ParsePublicKey reads a public key: a PEM file that pack keygen wrote, or
// the key's 32 bytes in base64 as pack.sig and pack list show them.
func ParsePublicKey(name string, data []byte) (ed25519.PublicKey, error) {
	if block, _ := pem.Decode(data); block != nil {
		if block.Type != "PUBLIC KEY" {
			return nil, fmt.Errorf("%s: a %s, not a public key; pass the .pub file", name, strings.ToLower(block.Type))
		}
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		pub, ok := k.(ed25519.PublicKey)
		if !ok {
			return nil, fmt.Errorf("%s: not an Ed25519 key", name)
		}
		return pub, nil
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%s: not a public key: give the .pub file pilotpack pack keygen wrote", name)
	}
	return ed25519.PublicKey(raw), nil
}

// LoadPublicKey reads a trusted key named on the command line: a file, or
// the base64 key itself.
func LoadPublicKey(arg string) (ed25519.PublicKey, error) {
	data, err := os.ReadFile(arg)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if k, perr := ParsePublicKey("--trust", []byte(arg)); perr == nil {
				return k, nil
			}
		}
		return nil, fmt.Errorf("--trust %s: %v", arg, err)
	}
	return ParsePublicKey(arg, data)
}

// Sign signs the pack in folder or zip spec with key, writing pack.sig into
// it. The pack must open cleanly: a broken pack is not worth a signature.
func Sign(spec string, key ed25519.PrivateKey, signer string) (*Signature, error) {
	p, err := Open(spec)
	if err != nil {
		return nil, err
	}
	if p.Source == embeddedSource {
		return nil, errors.New("the embedded pack cannot be signed; write it out with pilotpack pack init and sign that folder")
	}
	pub := key.Public().(ed25519.PublicKey)
	s := &Signature{
		Algorithm: "ed25519",
		Digest:    p.Digest,
		KeyID:     KeyID(pub),
		PublicKey: base64.StdEncoding.EncodeToString(pub),
		Signer:    signer,
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(key, signedMessage(p.Digest))),
		Files:     p.listing,
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	data = append(data, '\n')
	st, err := os.Stat(spec)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return s, safefile.WriteFile(filepath.Join(spec, SignatureFile), data)
	}
	return s, rewriteZip(spec, SignatureFile, data)
}

// rewriteZip replaces (or adds) one entry of a zip pack, the other entries
// copied as they are.
func rewriteZip(path, name string, data []byte) error {
	r, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer r.Close()
	return safefile.Replace(path, func(out io.Writer) error {
		w := zip.NewWriter(out)
		for _, f := range r.File {
			if f.Name == name {
				continue
			}
			if err := w.Copy(f); err != nil {
				return err
			}
		}
		fw, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
		return w.Close()
	})
}
