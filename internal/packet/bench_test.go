package packet

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"pilotpack/generators/pdf"
	"pilotpack/internal/applicant"
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

// BenchmarkBuildManufacturers builds packets of 25, 50 and 100 contract
// manufacturers (the ADC fixture's, repeated, without attachments) and
// reports the peak of the heap in use, sampled every few milliseconds,
// and how much that is per manufacturer: the render context is shared and
// the pages wait packed to be drawn, so memory grows linearly with the
// packet. Run it with -benchtime 1x; the process's peak RSS follows the
// heap's by the runtime's own use and the memory limit the command line
// sets (a 100-manufacturer build stays under 400 MB).
func BenchmarkBuildManufacturers(b *testing.B) {
	p := defaultPack(b)
	a, _, err := applicant.Load(fixture("adc"))
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{25, 50, 100} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			many := withManufacturers(a, n)
			many.Attachments = nil
			data, err := json.MarshalIndent(many, "", " ")
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(b.TempDir(), "many.json")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				b.Fatal(err)
			}
			out := b.TempDir()
			var peak uint64
			for b.Loop() {
				runtime.GC()
				stop := sampleHeap(&peak)
				_, err := Build(path, Options{Pack: p, OutDir: out, Force: true, Draft: true, Date: buildDate, Version: "bench"})
				stop()
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak)/(1<<20)/float64(n), "MB/manufacturer")
		})
	}
}

// sampleHeap records the largest heap in use into peak until stop is
// called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}
