package audit

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzLogFile: any bytes as a records folder's audit log and its head.
// Verify never panics, counts every line that is not blank, and calls a
// log good only if each of its lines is an entry that follows the one
// before.
func FuzzLogFile(f *testing.F) {
	// A good log of two entries, chained as Append chains them (made in
	// memory: the file's fsyncs and lock would slow every fuzzing worker).
	var log []byte
	prev := Entry{}
	for _, code := range []string{"ACD349", "XYW346"} {
		e := Entry{Seq: prev.Seq + 1, Time: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), Action: Deleted, Code: code, Who: "nurse", Where: "desk", Reason: "asked by the patient", Prev: prev.Hash}
		e.Hash = e.digest()
		line, _ := json.Marshal(e)
		log, prev = append(append(log, line...), '\n'), e
	}
	head, _ := json.Marshal(Head{Seq: prev.Seq, Hash: prev.Hash})
	f.Add(log, head)
	f.Add([]byte(strings.Replace(string(log), "XYW346", "XYW347", 1)), head)
	f.Add([]byte("{\"seq\":1}\n\n{not json\n"), []byte("{\"seq\":9"))
	f.Add([]byte(`{"seq":-1}`+"\n"), []byte(`{"seq":-1}`))
	path := filepath.Join(f.TempDir(), FileName) // one worker runs one input at a time
	f.Fuzz(func(t *testing.T, log, head []byte) {
		if err := os.WriteFile(path, log, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+".head", head, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := Verify(File(path))
		if err != nil {
			t.Fatal(err)
		}
		lines := 0
		for _, l := range strings.Split(string(log), "\n") {
			if strings.TrimSpace(l) != "" {
				lines++
			}
		}
		if rep.Entries != lines {
			t.Fatalf("%d entries counted in %d lines", rep.Entries, lines)
		}
		entries, _, _ := File(path).Read()
		for i, e := range entries {
			if len(rep.Problems) == 0 && (e.Seq != int64(i+1) || e.Hash != e.digest()) {
				t.Fatalf("a log with entry %d at line %d (hash ok: %v) is called good", e.Seq, i+1, e.Hash == e.digest())
			}
		}
	})
}

// FuzzClean: what Clean returns is valid UTF-8 without control characters,
// whatever it is given, so a log line never reaches a terminal raw.
func FuzzClean(f *testing.F) {
	f.Add("deleted \x1b]2;X\x07 by \x9b31m nurse\xff")
	f.Fuzz(func(t *testing.T, s string) {
		out := Clean(s)
		if strings.ContainsFunc(out, func(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }) || !utf8.ValidString(out) {
			t.Fatalf("Clean(%q) = %q", s, out)
		}
	})
}
