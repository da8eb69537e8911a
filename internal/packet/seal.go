package packet

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"

	"pilotpack/internal/lang"
	"pilotpack/internal/pack/signature"
)

// SealName is the file of a packet that holds its seal.
const SealName = "manifest.sig"

// A packet is sealed by signing its manifest with an Ed25519 key of the
// same kind packs are signed with (pack keygen). The manifest lists every
// other file's checksum, so the seal covers the whole packet: a file
// changed together with its line in the manifest, a flipped draft flag or
// cleared findings all break it. Without a seal, verify finds damage, not
// deliberate tampering: whoever can change a file can change the manifest
// to match.

// SealKey signs a packet.
type SealKey struct {
	Key ed25519.PrivateKey
	// Signer names the key's holder in the seal and the manifest.
	Signer string
}

// SealRecord in the manifest names the key that seals the packet, so that
// a packet whose seal was removed says it had one.
type SealRecord struct {
	KeyID  string `json:"key_id"`
	Signer string `json:"signer,omitempty"`
}

// Seal is manifest.sig: a signature over the manifest's checksum, with the
// public key that made it.
type Seal struct {
	Algorithm string `json:"algorithm"`
	// Manifest is the sha256 of manifest.json, as signed.
	Manifest  string `json:"manifest_sha256"`
	KeyID     string `json:"key_id"`
	PublicKey string `json:"public_key"` // base64
	Signer    string `json:"signer,omitempty"`
	Signature string `json:"signature"` // base64
}

// sealMessage is what a key signs: the manifest's checksum behind a label
// that keeps a packet seal from passing for a pack signature or anything
// else the same key signs.
func sealMessage(manifestSHA string) []byte {
	return []byte("pilotpack packet seal v1\n" + manifestSHA + "\n")
}

func record(k *SealKey) *SealRecord {
	return &SealRecord{KeyID: signature.KeyID(k.Key.Public().(ed25519.PublicKey)), Signer: k.Signer}
}

// seal signs the manifest's bytes.
func seal(k *SealKey, manifest []byte) ([]byte, error) {
	pub := k.Key.Public().(ed25519.PublicKey)
	sum := sha(manifest)
	s := Seal{
		Algorithm: "ed25519",
		Manifest:  sum,
		KeyID:     signature.KeyID(pub),
		PublicKey: base64.StdEncoding.EncodeToString(pub),
		Signer:    k.Signer,
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(k.Key, sealMessage(sum))),
	}
	data, err := json.MarshalIndent(s, "", "  ")
	return append(data, '\n'), err
}

// readSeal parses manifest.sig.
func readSeal(data []byte) (*Seal, error) {
	var s Seal
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, lang.Errorf(msgSealNotSeal, SealName, jsonProblem(err))
	}
	return &s, nil
}

// check verifies the seal against the manifest's bytes: made by its own
// key, over this manifest. It returns the key.
func (s *Seal) check(manifest []byte) (ed25519.PublicKey, error) {
	if s.Algorithm != "ed25519" {
		return nil, lang.Errorf(msgSealAlgorithm, SealName, s.Algorithm)
	}
	pub, err := base64.StdEncoding.DecodeString(s.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, lang.Errorf(msgSealBadKey, SealName)
	}
	if signature.KeyID(pub) != s.KeyID {
		return nil, lang.Errorf(msgSealKeyID, SealName, s.KeyID, signature.KeyID(pub))
	}
	sig, err := base64.StdEncoding.DecodeString(s.Signature)
	if err != nil || !ed25519.Verify(pub, sealMessage(s.Manifest), sig) {
		return nil, lang.Errorf(msgSealBadSig, SealName)
	}
	if got := sha256.Sum256(manifest); hex.EncodeToString(got[:]) != s.Manifest {
		return nil, lang.Errorf(msgSealChanged)
	}
	return pub, nil
}

// checkSeal holds a packet's seal to the trusted keys; the problems it
// returns fail verification, the note says what the seal proves.
func checkSeal(m *Manifest, manifest, sealData []byte, trusted []ed25519.PublicKey) (problems []lang.Text, note lang.Text) {
	problem := func(t lang.Text, args ...any) ([]lang.Text, lang.Text) {
		return []lang.Text{lang.Format(t, args...)}, lang.Text{}
	}
	if sealData == nil {
		switch {
		case m.Seal != nil:
			return problem(msgSealMissing, SealName, signature.SignerOf(m.Seal.Signer, m.Seal.KeyID))
		case len(trusted) > 0:
			return problem(msgSealWanted, SealName, keyIDs(trusted))
		}
		return nil, msgSealNone
	}
	s, err := readSeal(sealData)
	if err != nil {
		return problem(lang.T("%v", "%v"), err)
	}
	pub, err := s.check(manifest)
	if err != nil {
		return problem(lang.T("%v", "%v"), err)
	}
	signer := signature.SignerOf(s.Signer, s.KeyID)
	if m.Seal != nil && m.Seal.KeyID != s.KeyID {
		return problem(msgSealOtherKey, SealName, s.KeyID, signature.SignerOf(m.Seal.Signer, m.Seal.KeyID))
	}
	if len(trusted) == 0 {
		return nil, lang.Format(msgSealUnchecked, signer)
	}
	for _, k := range trusted {
		if bytes.Equal(k, pub) {
			return nil, lang.Format(msgSealTrusted, signer)
		}
	}
	return problem(msgSealUntrusted, signer, keyIDs(trusted))
}

func keyIDs(keys []ed25519.PublicKey) string {
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = signature.KeyID(k)
	}
	return strings.Join(ids, ", ")
}
