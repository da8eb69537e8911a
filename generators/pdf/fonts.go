package pdf

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"pilotpack/fonts"
	"pilotpack/generators/pdf/page"
	"pilotpack/internal/inputfile"
)

// Fonts are the faces a document is set in: serif (宋体 style) for body
// text, sans (黑体 style) for headings, tables' header rows and code; and
// fallback faces, tried in order for a character the others lack (a pack's
// font for CJK Extension B, say).
type Fonts struct {
	Serif, SerifBold, Sans, SansBold *Face
	Fallback                         []*Face
}

// The fonts of a document, as its pages name them (page.Font): the four
// faces, then the fallbacks.
const (
	fSerif page.Font = iota
	fSerifBold
	fSans
	fSansBold
	numBase
)

// face returns the face a page's text names, or nil.
func (f *Fonts) face(k page.Font) *Face {
	switch k {
	case fSerif:
		return f.Serif
	case fSerifBold:
		return f.SerifBold
	case fSans:
		return f.Sans
	case fSansBold:
		return f.SansBold
	}
	if i := int(k - numBase); i >= 0 && i < len(f.Fallback) {
		return f.Fallback[i]
	}
	return nil
}

// count is the number of faces, fallbacks included.
func (f *Fonts) count() int { return int(numBase) + len(f.Fallback) }

var (
	defaultOnce  sync.Once
	defaultFonts *Fonts
)

// DefaultFonts returns the embedded Noto Serif SC and Noto Sans SC faces.
// Each is parsed once per process, the first time a document uses it.
func DefaultFonts() (*Fonts, error) {
	defaultOnce.Do(func() {
		embedded := func(data []byte) func() ([]byte, error) {
			return func() ([]byte, error) { return data, nil }
		}
		defaultFonts = &Fonts{
			Serif:     LazyFace("NotoSerifSC-Regular.ttf", embedded(fonts.SerifRegular)),
			SerifBold: LazyFace("NotoSerifSC-Bold.ttf", embedded(fonts.SerifBold)),
			Sans:      LazyFace("NotoSansSC-Regular.ttf", embedded(fonts.SansRegular)),
			SansBold:  LazyFace("NotoSansSC-Bold.ttf", embedded(fonts.SansBold)),
		}
	})
	return defaultFonts, nil
}

// Prepare parses the four base faces now, side by side, rather than when
// the first document sets text in each: a caller with other work to do
// first (reading an applicant file and its attachments) runs it alongside.
// A failure stays with its face (Face.Err).
func (f *Fonts) Prepare() {
	var wg sync.WaitGroup
	for _, face := range []*Face{f.Serif, f.SerifBold, f.Sans, f.SansBold} {
		if face != nil {
			wg.Go(func() { face.Err() })
		}
	}
	wg.Wait()
}

// WithBody returns the default fonts with body text set in the TrueType
// files at regular and bold (either may be empty to keep the default). The
// files are read and parsed now, so that a bad file is reported at once.
func WithBody(regular, bold string) (*Fonts, error) {
	def, err := DefaultFonts()
	if err != nil {
		return nil, err
	}
	f := *def
	for _, x := range []struct {
		dst  **Face
		path string
	}{{&f.Serif, regular}, {&f.SerifBold, bold}} {
		if x.path == "" {
			continue
		}
		data, err := inputfile.Read(x.path, MaxFontFile)
		if err != nil {
			return nil, err
		}
		face, err := ParseFace(x.path, data)
		if err != nil {
			return nil, err
		}
		*x.dst = face
	}
	return &f, nil
}

// WithFallback returns the fonts with more fallback faces, tried after
// those already there.
func (f *Fonts) WithFallback(faces ...*Face) *Fonts {
	out := *f
	out.Fallback = append(slices.Clone(f.Fallback), faces...)
	return &out
}

// MaxFontFile bounds the size of one font file LoadFaces reads.
const MaxFontFile = 64 << 20

// LoadFaces returns the TrueType fonts (.ttf, .ttc) at the top of fsys, in
// the order of their names, as fallback faces: a pack's fonts/ folder. The
// files are only listed now; each is read and parsed the first time a
// document needs a character the other faces lack, and a file that turns
// out not to be a usable TrueType font is then reported in the document's
// warnings. CheckFaces reads and parses them all at once, for linting.
func LoadFaces(fsys fs.FS) ([]*Face, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var faces []*Face
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(path.Ext(name))
		if e.IsDir() || (ext != ".ttf" && ext != ".ttc") {
			continue
		}
		if !e.Type().IsRegular() {
			return nil, fmt.Errorf("fonts/%s: not a regular file; a pack's fonts must be plain .ttf or .ttc files", name)
		}
		faces = append(faces, LazyFace("fonts/"+name, func() ([]byte, error) {
			file, err := fsys.Open(name)
			if err != nil {
				return nil, err
			}
			defer file.Close()
			data, err := io.ReadAll(io.LimitReader(file, MaxFontFile+1))
			if err != nil {
				return nil, fmt.Errorf("fonts/%s: %w", name, err)
			}
			if len(data) > MaxFontFile {
				return nil, fmt.Errorf("fonts/%s: larger than %d MB; a fallback font must be smaller", name, MaxFontFile>>20)
			}
			return data, nil
		}))
	}
	return faces, nil
}

// CheckFaces reads and parses faces now and returns every failure.
func CheckFaces(faces []*Face) []error {
	var errs []error
	for _, f := range faces {
		if err := f.Err(); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
