package audit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
)

func testLog(t *testing.T) *Log {
	t.Helper()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	return &Log{Path: filepath.Join(t.TempDir(), "records", FileName), Who: "dr-an", Where: "desk-3", Now: func() time.Time {
		now = now.Add(time.Minute)
		return now
	}}
}

func fill(t *testing.T, l *Log) {
	t.Helper()
	for _, a := range []string{Opened, Exported, Resumed, Amended, Purged, Deleted} {
		if err := l.Append(a, "ACD349", ""); err != nil {
			t.Fatal(err)
		}
	}
}

func lines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func writeLines(t *testing.T, path string, ls []string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Join(ls, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func verify(t *testing.T, path string) Report {
	t.Helper()
	rep, err := Verify(path)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestIntactLogVerifies(t *testing.T) {
	l := testLog(t)
	if rep := verify(t, l.Path); rep.Entries != 0 || len(rep.Problems) != 0 {
		t.Fatalf("no log yet: %+v", rep)
	}
	fill(t, l)
	rep := verify(t, l.Path)
	if rep.Entries != 6 || len(rep.Problems) != 0 || rep.LastHash == "" {
		t.Fatalf("report = %+v", rep)
	}
	if m := mustMode(t, l.Path); m != 0o600 {
		t.Fatalf("log mode %o", m)
	}
	es, _ := Entries(l.Path, "ACD349")
	if len(es) != 6 || es[0].Who != "dr-an" || es[0].Where != "desk-3" || es[5].Action != Deleted {
		t.Fatalf("entries = %+v", es)
	}
}

func mustMode(t *testing.T, p string) os.FileMode {
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

func TestTamperingFailsVerify(t *testing.T) {
	cases := map[string]struct {
		edit func([]string) []string
		want string
	}{
		"changed code": {func(ls []string) []string {
			ls[2] = strings.Replace(ls[2], "ACD349", "ACD34F", 1)
			return ls
		}, "line 3 (entry 3): changed"},
		"changed who": {func(ls []string) []string {
			ls[1] = strings.Replace(ls[1], `"who":"dr-an"`, `"who":"nobody"`, 1)
			return ls
		}, "line 2 (entry 2): changed"},
		"removed line": {func(ls []string) []string {
			return append(ls[:3:3], ls[4:]...)
		}, "line 4: entry 5 follows entry 3: 1 entries missing"},
		"removed first line": {func(ls []string) []string { return ls[1:] }, "entry 2 follows entry 0"},
		"removed last line":  {func(ls []string) []string { return ls[:5] }, "the log ends at entry 5 but entry 6 was the last written"},
		"swapped lines": {func(ls []string) []string {
			ls[1], ls[2] = ls[2], ls[1]
			return ls
		}, "does not follow the line before it"},
		"garbage line": {func(ls []string) []string {
			ls[0] = "hello"
			return ls
		}, "line 1: not an audit entry"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			l := testLog(t)
			fill(t, l)
			writeLines(t, l.Path, c.edit(lines(t, l.Path)))
			rep := verify(t, l.Path)
			if !strings.Contains(strings.Join(rep.Problems, "\n"), c.want) {
				t.Fatalf("problems = %q, want %q", rep.Problems, c.want)
			}
		})
	}
}

// Removing the tail and then writing on must still show the cut.
func TestCutAtTheEndShowsAfterMoreEntries(t *testing.T) {
	l := testLog(t)
	fill(t, l)
	writeLines(t, l.Path, lines(t, l.Path)[:4])
	if err := l.Append(Opened, "ACD34F", ""); err != nil {
		t.Fatal(err)
	}
	rep := verify(t, l.Path)
	if !strings.Contains(strings.Join(rep.Problems, "\n"), "entry 7 follows entry 4") {
		t.Fatalf("problems = %q", rep.Problems)
	}
	os.Remove(headPath(l.Path))
	if rep := verify(t, l.Path); !strings.Contains(strings.Join(rep.Problems, "\n"), "head file") {
		t.Fatalf("a missing head is reported: %q", rep.Problems)
	}
}

func TestTextIsCleanedAndNoAnswersLogged(t *testing.T) {
	l := testLog(t)
	l.Who = "dr\x1b[31man"
	if err := l.Append(Deleted, "ACD349", "asked\nby phone"); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(l.Path)
	if strings.ContainsAny(string(data), "\x1b") || strings.Count(string(data), "\n") != 1 {
		t.Fatalf("line = %q", data)
	}
	if len(verify(t, l.Path).Problems) != 0 {
		t.Fatal("a cleaned entry verifies")
	}
}

func TestStoreLogsAmendAndPurge(t *testing.T) {
	l := testLog(t)
	folder := records.OpenFolder(filepath.Dir(l.Path))
	s := Store(folder, l)
	defer s.Release()
	sess := model.NewSession(model.LangEN, model.RolePatient, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC))
	sess.Code = "ACD349"
	sess.SetAnswer("fibrosis", model.Yes)
	rec := sess.Record(model.StatusAbandoned, "v", model.DefaultChecklist, sess.Started)
	for range 2 {
		if err := s.Close(rec, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Purge(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), model.StatusAbandoned); err != nil {
		t.Fatal(err)
	}
	es, _ := Entries(l.Path, "")
	if len(es) != 2 || es[0].Action != Amended || es[1].Action != Purged || es[1].Code != "ACD349" {
		t.Fatalf("entries = %+v", es)
	}
	data, _ := os.ReadFile(l.Path)
	if strings.Contains(string(data), "fibrosis") || strings.Contains(string(data), `"yes"`) {
		t.Fatal("the log never holds answers")
	}
}

// Apps sharing a folder append at once; the chain must stay whole.
func TestParallelAppendsKeepTheChain(t *testing.T) {
	l := testLog(t)
	l.Now = time.Now
	errs := make(chan error, 40)
	for range 8 {
		go func() {
			other := *l
			for range 5 {
				errs <- other.Append(Opened, "ACD349", "")
			}
		}()
	}
	for range 40 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if rep := verify(t, l.Path); rep.Entries != 40 || len(rep.Problems) != 0 {
		t.Fatalf("report = %+v", rep)
	}
}
