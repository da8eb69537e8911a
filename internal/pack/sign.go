package pack

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pilotpack/internal/pack/signature"
	"pilotpack/internal/safefile"
)

// VerifySignature checks the pack's signature: valid for its own key and
// covering exactly the pack's files. It names the files that changed.
func (p *Pack) VerifySignature() error {
	if p.Signature == nil {
		return errors.New("the pack is not signed")
	}
	return p.Signature.Verify(p.listing)
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
		return refuse("the pack is not signed (no " + signature.File + "); ask its publisher for the signed pack, or sign it with pilotpack pack sign")
	}
	if err := p.VerifySignature(); err != nil {
		return refuse(err.Error())
	}
	pub := p.Signature.Key()
	for _, k := range keys {
		if bytes.Equal(k, pub) {
			return nil
		}
	}
	var ids []string
	for _, k := range keys {
		ids = append(ids, signature.KeyID(k))
	}
	return refuse(fmt.Sprintf("signed by %s, which is not a trusted key (trusted: %s)", p.Signature.SignerName(), strings.Join(ids, ", ")))
}

// Sign signs the pack in folder or zip spec with key, writing pack.sig into
// it. The pack must open cleanly: a broken pack is not worth a signature.
func Sign(spec string, key ed25519.PrivateKey, signer string) (*signature.Signature, error) {
	p, err := Open(spec)
	if err != nil {
		return nil, err
	}
	if p.Source == embeddedSource {
		return nil, errors.New("the embedded pack cannot be signed; write it out with pilotpack pack init and sign that folder")
	}
	s := signature.Sign(p.listing, key, signer)
	data, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(spec)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return s, safefile.WriteFile(filepath.Join(spec, signature.File), data)
	}
	return s, rewriteZip(spec, signature.File, data)
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
