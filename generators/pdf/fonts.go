package pdf

import (
	"fmt"
	"os"
	"sync"

	"pilotpack/fonts"
)

// Fonts are the faces a document is set in: serif (宋体 style) for body
// text, sans (黑体 style) for headings, tables' header rows and code.
type Fonts struct {
	Serif, SerifBold, Sans, SansBold *Face
}

var (
	defaultOnce  sync.Once
	defaultFonts *Fonts
	defaultErr   error
)

// DefaultFonts returns the embedded Noto Serif SC and Noto Sans SC faces,
// parsed once per process.
func DefaultFonts() (*Fonts, error) {
	defaultOnce.Do(func() {
		f := &Fonts{}
		for _, x := range []struct {
			dst  **Face
			name string
			data []byte
		}{
			{&f.Serif, "NotoSerifSC-Regular.ttf", fonts.SerifRegular},
			{&f.SerifBold, "NotoSerifSC-Bold.ttf", fonts.SerifBold},
			{&f.Sans, "NotoSansSC-Regular.ttf", fonts.SansRegular},
			{&f.SansBold, "NotoSansSC-Bold.ttf", fonts.SansBold},
		} {
			face, err := ParseFace(x.name, x.data)
			if err != nil {
				defaultErr = fmt.Errorf("embedded font: %w", err)
				return
			}
			*x.dst = face
		}
		defaultFonts = f
	})
	return defaultFonts, defaultErr
}

// WithBody returns the default fonts with body text set in the TrueType
// files at regular and bold (either may be empty to keep the default).
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
		data, err := os.ReadFile(x.path)
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
