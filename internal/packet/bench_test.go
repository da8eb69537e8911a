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
	if _, err := pdf.DefaultFonts(); err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	for b.Loop() {
		if _, err := Build(fixture("adc"), Options{Pack: p, OutDir: out, Force: true, Date: buildDate, Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
