package records

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stemcounsel/model"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzRecordFile: any bytes as a session's in-progress file. Listing and
// loading never panic; a file that loads is the record of the code it is
// named by; one that does not is set aside whole, never deleted.
func FuzzRecordFile(f *testing.F) {
	good, _ := json.Marshal(record("ACD349", model.Yes))
	f.Add(good)
	f.Add([]byte(strings.Replace(string(good), `"ACD349"`, `"XYW346"`, 1)))
	f.Add([]byte(`{"schema":1,"code":"ACD349","status":"in-progress","language":"vi","mode":"patient"`))
	f.Add([]byte(`{"schema":1,"code":"ACD349","status":"\u001b]2;X\u0007","language":"vi","mode":"patient"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "ACD349"+progressSuffix)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s := OpenFolder(dir)
		rec, loadErr := s.Load("ACD349")
		if loadErr == nil && rec.Code != "ACD349" {
			t.Fatalf("Load(ACD349) gave the record of %q", rec.Code)
		}
		list, bad, err := s.List()
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case loadErr == nil && (len(list) != 1 || list[0].Code != "ACD349" || len(bad) != 0):
			t.Fatalf("a record that loads is listed under its code: %+v %+v", list, bad)
		case loadErr != nil && (len(list) != 0 || len(bad) != 1):
			t.Fatalf("a file that does not load is reported as corrupt: %+v %+v", list, bad)
		case loadErr != nil:
			kept, err := os.ReadFile(bad[0].SetAside)
			if err != nil || string(kept) != string(data) {
				t.Fatalf("a corrupt file is set aside whole: %v", err)
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("a corrupt file is moved out of the way")
			}
		}
	})
}
