package pack

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"slices"

	"pilotpack/internal/rules"
)

// The embedded pack is opened by every command, and decoding its YAML
// (positions, checks, problems) took longer than the rest of a small
// validate. So its decoded values are written once into Go source,
// embedded_gen.go, by
//
//	go generate ./internal/pack
//
// which runs TestEmbeddedGenerated with -update. That test fails whenever
// the generated values differ from a fresh decode, and opening uses them
// only while the files they came from are byte for byte the ones embedded
// (their sha256 is recorded): a changed file is decoded as before, so
// nothing can drift, only be slower until regenerated. If embedded_gen.go
// no longer compiles after a type changed, delete it and generate again.
//
//go:generate go test -run TestEmbeddedGenerated -update .

// decodedFiles are the files of the embedded pack whose decoded values
// are generated; every other file is read when it is used.
var decodedFiles = []string{"pack.yaml", "checklist.yaml", "responsibilities.yaml", "policy.yaml"}

// decoded are the values load decodes from decodedFiles.
type decoded struct {
	Manifest  Manifest
	Policy    *rules.Policy
	Checklist []Item
	Matrix    []Activity
}

// generatedPack is what embedded_gen.go records: the sha256 of each of
// decodedFiles, in order, and a function returning fresh decoded values
// (fresh, so that no caller can change another's).
type generatedPack struct {
	sums   []string
	values func() *decoded
}

// generated is set by embedded_gen.go; without it the pack is decoded.
var generated generatedPack

// generatedFor returns the generated values when fsys holds the very files
// they were generated from, else nil.
func generatedFor(fsys fs.FS) *decoded {
	if generated.values == nil {
		return nil
	}
	if sums, err := fileSums(fsys); err != nil || !slices.Equal(sums, generated.sums) {
		return nil
	}
	return generated.values()
}

// fileSums returns the sha256 of each of decodedFiles in fsys.
func fileSums(fsys fs.FS) ([]string, error) {
	var out []string
	for _, name := range decodedFiles {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		out = append(out, hex.EncodeToString(sum[:]))
	}
	return out, nil
}
