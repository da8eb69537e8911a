package packet

import (
	"testing"

	"pilotpack/generators/pdf"
)

// BenchmarkBuildADC builds the ADC fixture's whole packet in process, the
// writing of its files included. The fonts are parsed once, as in a process
// that builds more than one packet.
func BenchmarkBuildADC(b *testing.B) {
	p := defaultPack(b)
	fonts, err := pdf.DefaultFonts()
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []*pdf.Face{fonts.Serif, fonts.SerifBold, fonts.Sans, fonts.SansBold} {
		if err := f.Err(); err != nil { // parsed on first use otherwise
			b.Fatal(err)
		}
	}
	out := b.TempDir()
	for b.Loop() {
		if _, err := Build(fixture("adc"), Options{Pack: p, OutDir: out, Force: true, Date: buildDate, Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
