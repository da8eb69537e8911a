package intake

import (
	"bytes"
	"os"
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

// BenchmarkParseYAML reads the ADC fixture's YAML, to compare with.
func BenchmarkParseYAML(b *testing.B) {
	data, err := os.ReadFile("../../fixtures/applicants/adc.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := applicant.Parse("adc.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
