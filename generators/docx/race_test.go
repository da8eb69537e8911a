//go:build race

package docx_test

// raceEnabled is set under the race detector, which makes the tests of
// large inputs take far longer: they use smaller ones.
const raceEnabled = true
