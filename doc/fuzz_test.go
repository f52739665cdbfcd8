package doc

import (
	"strconv"
	"strings"
	"testing"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzDarkFromCOLORFGBG: the variable comes from the terminal, over SSH
// from the client. It never panics, and it says something only when its
// last field is a colour number 0-15.
func FuzzDarkFromCOLORFGBG(f *testing.F) {
	f.Add("15;0")
	f.Add("0;default;15")
	f.Add(";;;\x1b[31m;-1;99999999999999999999")
	f.Fuzz(func(t *testing.T, v string) {
		_, ok := DarkFromCOLORFGBG(v)
		fields := strings.Split(v, ";")
		last := strings.TrimSpace(fields[len(fields)-1])
		if n, err := strconv.Atoi(last); ok && err == nil && (n < 0 || n > 15) {
			t.Fatalf("COLORFGBG=%q read as colour %d", v, n)
		}
	})
}
