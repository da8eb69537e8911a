package hyphen

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"regexp"
	"strings"
	"testing"
)

// hyphenated writes word with a hyphen at each of its points.
func hyphenated(word string) string {
	var b strings.Builder
	last := 0
	for _, p := range Points(word) {
		b.WriteString(word[last:p])
		b.WriteByte('-')
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}

// TestKnownWords checks words whose TeX hyphenation with these patterns is
// known: Liang's own examples, the header's known error (de-mo-c-rat), and
// words the agreements use.
func TestKnownWords(t *testing.T) {
	for _, want := range []string{
		"hy-phen-ation", "re-spon-si-ble", "man-u-fac-tur-ing", "phar-ma-ceu-ti-cal",
		"de-mo-c-rat", // the patterns' documented error, kept as TeX has it
		"com-puter",   // com-put-er would leave two letters after the hyphen
		"trans-porta-tion", "tech-nol-ogy", "agree-ment", "doc-u-ment", "in-for-ma-tion",
		"qual-ity", "al-go-rithm", "pro-duc-tion", "or-ga-ni-za-tion", "sup-ple-men-tary",
		"man-u-fac-turer", "bio-phar-ma-ceu-ti-cal", "re-spon-si-bil-i-ties",
		"con-fi-den-tial-ity", "qual-i-fi-ca-tion", "spec-i-fi-ca-tion", "con-tract",
		"con-ju-gate", "ad-min-is-tra-tion", "rep-re-sen-ta-tive", "au-tho-ri-sa-tion",
		"de-vi-a-tion", "in-ves-ti-ga-tion", "im-me-di-ately", "lab-o-ra-tory",
		"in-ter-me-di-ate", "tem-per-a-ture",
		// Too short, or no point far enough from both ends.
		"holder", "the", "a", "",
	} {
		word := strings.ReplaceAll(want, "-", "")
		if got := hyphenated(word); got != want {
			t.Errorf("%s: got %s, want %s", word, got, want)
		}
	}
}

// TestExceptions checks every word of the exceptions list: it is hyphenated
// exactly as listed, whatever the patterns say.
func TestExceptions(t *testing.T) {
	words := strings.Fields(exceptionText)
	if len(words) != 14 {
		t.Fatalf("%d exceptions, want the 14 of hyphen.tex", len(words))
	}
	for _, want := range words {
		word := strings.ReplaceAll(want, "-", "")
		if got := hyphenated(word); got != want {
			t.Errorf("%s: got %s, want %s", word, got, want)
		}
		if got := hyphenated(strings.ToUpper(word)); got != strings.ToUpper(want) {
			t.Errorf("%s: got %s, want %s", strings.ToUpper(word), got, strings.ToUpper(want))
		}
	}
	// The exceptions decide alone: the patterns would break "project" and
	// "table" differently.
	if got := hyphenated("projects"); got != "projects" {
		t.Errorf("projects: got %s", got)
	}
}

func TestNotWords(t *testing.T) {
	for _, s := range []string{
		"naïveté", "hyphen-ation", "abc123def", "pharmaceutical's", "药品生产质量管理", "hyphenation ",
		strings.Repeat("a", maxWord+1),
	} {
		if p := Points(s); p != nil {
			t.Errorf("%q: got points %v, want none", s, p)
		}
	}
}

// TestPatternFiles checks the embedded files against PROVENANCE.md.
func TestPatternFiles(t *testing.T) {
	prov, err := os.ReadFile("patterns/PROVENANCE.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"hyph-en-us.pat.txt", "hyph-en-us.hyp.txt"} {
		data, err := os.ReadFile("patterns/" + name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		want := regexp.MustCompile("`" + regexp.QuoteMeta(name) + "` \\| `([0-9a-f]{64})`").FindSubmatch(prov)
		if want == nil || string(want[1]) != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: sha256 %x is not the one PROVENANCE.md records", name, sum)
		}
	}
	notice, err := os.ReadFile("patterns/LICENCE")
	if err != nil || !strings.Contains(string(notice), "Copyright (C) 1990, 2004, 2005 Gerard D.C. Kuiken") ||
		!strings.Contains(string(notice), "provided the copyright") {
		t.Errorf("patterns/LICENCE must keep the patterns' copyright and licence notice (%v)", err)
	}
	if n := len(strings.Fields(patternText)); n != 4938 {
		t.Errorf("%d patterns, want 4938", n)
	}
}

func FuzzPoints(f *testing.F) {
	for _, s := range []string{"hyphenation", "Responsible", "x", "associates", "zzzzzzzzzz", "a.b", "ａｂｃｄｅｆ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pts := Points(s)
		last := LeftMin - 1
		for _, p := range pts {
			if p <= last || p > len(s)-RightMin {
				t.Fatalf("%q: point %d out of order or too near an end: %v", s, p, pts)
			}
			last = p
		}
		if len(pts) > 0 {
			if got := Points(strings.ToUpper(s)); len(got) != len(pts) {
				t.Fatalf("%q: case changes the points: %v and %v", s, pts, got)
			}
		}
	})
}

func BenchmarkPoints(b *testing.B) {
	words := strings.Fields("the manufacturer shall not sub contract any activity without the holder prior written consent pharmaceutical responsibilities")
	Points("warm")
	for b.Loop() {
		for _, w := range words {
			Points(w)
		}
	}
}
