package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"pilotpack/internal/testtool"
)

// hanaMinB is Debian's fonts-hanazono face for CJK Extension B and later.
const hanaMinB = "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"

// needFont skips the test without the font file, unless the CI's
// PILOTPACK_REQUIRE_TOOLS=1 makes it fail.
func needFont(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("PILOTPACK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s is required (PILOTPACK_REQUIRE_TOOLS=1): install fonts-hanazono", path)
		}
		t.Skipf("%s is not installed (Debian: fonts-hanazono)", path)
	}
	return data
}

// TestFallbackFontsFromAPack sets characters of CJK Extension B with a
// pack's fonts/ folder: they are drawn in the fallback face, embedded as a
// subset of the glyphs used, copy out as written, and raise no warning;
// the folder's other files are ignored and a bad font is reported once it
// is needed.
func TestFallbackFontsFromAPack(t *testing.T) {
	data := needFont(t, hanaMinB)
	fsys := fstest.MapFS{
		"HanaMinB.ttf": {Data: data},
		"README.txt":   {Data: []byte("not a font")},
	}
	faces, err := LoadFaces(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(faces) != 1 || faces[0].Name != "fonts/HanaMinB.ttf" {
		t.Fatalf("faces: %v", faces)
	}
	base, _ := DefaultFonts()
	fonts := base.WithFallback(faces...)
	d := mustParse("申请人𠀀公司与𪚥研究所签订协议。\n\n# 𠀋标题\n")
	b, res, path := write(t, d, Options{Fonts: fonts})
	if len(res.Warnings) > 0 {
		t.Errorf("warnings with a fallback face: %v", res.Warnings)
	}
	text := testtool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	for _, want := range []string{"申请人𠀀公司与𪚥研究所", "𠀋标题"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in:\n%s", want, text)
		}
	}
	fontsOut := testtool.Run(t, "pdffonts", path)
	if !strings.Contains(fontsOut, "HanaMinB") {
		t.Errorf("the fallback face is not embedded:\n%s", fontsOut)
	}
	if len(b) > 400<<10 {
		t.Errorf("%d KB: the fallback face is not subset", len(b)>>10)
	}
	if bytes.Contains(b, []byte("/ActualText")) {
		t.Error("a character the fallback face has was replaced")
	}
	// The default faces alone print a placeholder and say so.
	_, res, _ = write(t, d, Options{})
	if len(res.Warnings) != 3 {
		t.Errorf("without the fallback: %v", res.Warnings)
	}

	bad, err := LoadFaces(fstest.MapFS{"Broken.ttf": {Data: []byte("OTTO and more bytes of a CFF font")}})
	if err != nil {
		t.Fatal(err)
	}
	if errs := CheckFaces(bad); len(errs) != 1 || !strings.Contains(errs[0].Error(), "fonts/Broken.ttf") || !strings.Contains(errs[0].Error(), "CFF") {
		t.Errorf("a CFF font in fonts/: %v", errs)
	}
	l, err := Layout(d, Options{Fonts: base.WithFallback(bad...)})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(l.Result().Warnings, "\n"); strings.Count(w, "fonts/Broken.ttf") != 1 || !strings.Contains(w, "U+20000") {
		t.Errorf("a broken fallback face is not reported once beside the missing characters:\n%s", w)
	}
}

func TestLoadFacesRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link.ttf")); err != nil {
		t.Skip(err)
	}
	if _, err := LoadFaces(os.DirFS(dir)); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a symbolic link among the fonts: %v", err)
	}
}
