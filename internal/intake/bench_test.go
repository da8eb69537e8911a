package intake

import (
	"bytes"
	"testing"

	"pilotpack/internal/applicant"
)

// BenchmarkWrite writes the ADC workbook.
func BenchmarkWrite(b *testing.B) {
	a := loadFixture(b, "adc")
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, a.File); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse reads the ADC workbook into the model.
func BenchmarkParse(b *testing.B) {
	a := loadFixture(b, "adc")
	var buf bytes.Buffer
	if err := Write(&buf, a.File); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := applicant.Parse("adc.xlsx", buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
