package staffpin

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzLoad: any bytes as the PIN hash file. Load never panics, and a hash
// it accepts is bcrypt of a cost that answers a try in a fraction of a
// second, so a kiosk's staff are never kept waiting at the exit (cost 31
// takes days).
func FuzzLoad(f *testing.F) {
	hash, err := bcrypt.GenerateFromPassword([]byte("2468"), bcrypt.MinCost)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(append(hash, '\n'))
	f.Add([]byte("2468\n"))
	f.Add([]byte("$2a$31$" + string(hash[7:])))
	f.Add([]byte("$2y$04$......................................................."))
	file := filepath.Join(f.TempDir(), "pin") // one worker runs one input at a time
	f.Fuzz(func(t *testing.T, data []byte) {
		t.Setenv(EnvHash, "")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(file); err != nil {
			return
		}
		if cost, err := bcrypt.Cost(bytes.TrimSpace(data)); err != nil || cost > MaxCost {
			t.Fatalf("accepted a hash of cost %d (%v)", cost, err)
		}
	})
}
