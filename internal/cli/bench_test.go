package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"pilotpack/fixtures"
)

// BenchmarkBatch200 builds 200 generated applicants (the three examples in
// turn, each its own packet) with --jobs 1 and --jobs 2, in process, and
// reports packets per second. Run it with -benchtime 1x: one iteration is
// the whole batch.
func BenchmarkBatch200(b *testing.B) {
	in := filepath.Join(b.TempDir(), "in")
	if _, err := fixtures.Generate("../../fixtures/applicants", in, 200); err != nil {
		b.Fatal(err)
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			out := b.TempDir()
			args := []string{"pilotpack", "build", "--jobs", fmt.Sprint(jobs), "--force", "--date", "2025-12-15", "--out", out, in}
			for b.Loop() {
				if code := Main(args, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(float64(200*b.N)/b.Elapsed().Seconds(), "packets/s")
		})
	}
}
