package records

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stemcounsel/model"
)

var t0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func record(code string, answer model.Answer) model.Record {
	s := model.NewSession(model.LangVI, model.RolePatient, t0)
	s.Code = code
	s.SetAnswer("fibrosis", answer)
	return s.Record(model.StatusInProgress, "abc", model.DefaultChecklist, t0)
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

func TestFileModesAndLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "records")
	s := OpenFolder(dir)
	defer s.Release()
	if err := s.SaveProgress(record("ACD349", model.Yes), 1); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, dir); m != 0o700 {
		t.Fatalf("folder mode %o, want 700", m)
	}
	if m := mode(t, s.ProgressPath("ACD349")); m != 0o600 {
		t.Fatalf("file mode %o, want 600", m)
	}
	rec := record("ACD349", model.No)
	rec.Status = model.StatusFinished
	if err := s.Close(rec, []byte("# record\n")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ACD349.json", "ACD349.md"} {
		if m := mode(t, filepath.Join(dir, name)); m != 0o600 {
			t.Fatalf("%s mode %o", name, m)
		}
	}
	if _, err := os.Stat(s.ProgressPath("ACD349")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("finishing removes the in-progress file")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp") || strings.HasSuffix(e.Name(), ".lock") {
			t.Fatalf("left behind: %s", e.Name())
		}
	}
}

// TestCrashBetweenWriteSteps fails a write after the temporary file is
// written and before it is renamed: the old record must survive whole.
func TestCrashBetweenWriteSteps(t *testing.T) {
	dir := t.TempDir()
	s := OpenFolder(dir)
	defer s.Release()
	if err := s.SaveProgress(record("ACD349", model.Yes), 1); err != nil {
		t.Fatal(err)
	}
	crash := errors.New("power cut")
	beforeRename = func(string) error { return crash }
	defer func() { beforeRename = func(string) error { return nil } }()
	if err := s.SaveProgress(record("ACD349", model.No), 2); !errors.Is(err, crash) {
		t.Fatalf("err = %v", err)
	}
	rec, err := s.Load("ACD349")
	if err != nil {
		t.Fatalf("the old record must still read: %v", err)
	}
	if rec.Checklist[1].Answer != "yes" {
		t.Fatalf("old answer lost: %+v", rec.Checklist)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp") {
			t.Fatalf("a failed write left %s", e.Name())
		}
	}
	beforeRename = func(string) error { return nil }
	if err := s.SaveProgress(record("ACD349", model.No), 3); err != nil {
		t.Fatal(err)
	}
	if rec, _ := s.Load("ACD349"); rec.Checklist[1].Answer != "no" {
		t.Fatal("the new record must land once writing works")
	}
}

func TestUnwritableFolder(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "not-a-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := OpenFolder(filepath.Join(file, "records"))
	if err := s.SaveProgress(record("ACD349", model.Yes), 1); err == nil {
		t.Fatal("saving under a file must fail")
	}
	if os.Geteuid() == 0 {
		t.Log("running as root: a read-only folder cannot be simulated with permissions; the not-a-folder case stands in")
		return
	}
	ro := filepath.Join(base, "ro")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	if err := OpenFolder(ro).SaveProgress(record("ACD349", model.Yes), 1); err == nil {
		t.Fatal("saving into a read-only folder must fail")
	}
}

func TestCorruptFileIsSetAside(t *testing.T) {
	dir := t.TempDir()
	s := OpenFolder(dir)
	defer s.Release()
	if err := s.SaveProgress(record("ACD349", model.Yes), 1); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "XYW346.progress.json")
	if err := os.WriteFile(bad, []byte(`{"schema":1,"code":"XYW3`), 0o600); err != nil {
		t.Fatal(err)
	}
	list, corrupt, err := Unfinished(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Code != "ACD349" {
		t.Fatalf("unfinished = %+v", list)
	}
	if len(corrupt) != 1 || corrupt[0].Path != bad || corrupt[0].SetAside == "" {
		t.Fatalf("corrupt = %+v", corrupt)
	}
	if _, err := os.Stat(corrupt[0].SetAside); err != nil {
		t.Fatal("the corrupt file is renamed, not deleted")
	}
	if _, err := os.Stat(bad); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the corrupt file must be out of the way")
	}
}

func TestLockStopsASecondApp(t *testing.T) {
	dir := t.TempDir()
	a, b := OpenFolder(dir), OpenFolder(dir)
	if err := a.Acquire("ACD349"); err != nil {
		t.Fatal(err)
	}
	if err := b.SaveProgress(record("ACD349", model.Yes), 1); !errors.Is(err, ErrLocked) {
		t.Fatalf("a second app must not write a held session: %v", err)
	}
	a.Release()
	if err := b.Acquire("ACD349"); err != nil {
		t.Fatalf("a released lock is free: %v", err)
	}
	b.Release()
}

func TestOlderSaveNeverOverwritesNewer(t *testing.T) {
	s := OpenFolder(t.TempDir())
	defer s.Release()
	if err := s.SaveProgress(record("ACD349", model.No), 5); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProgress(record("ACD349", model.Yes), 4); err != nil {
		t.Fatal(err)
	}
	if rec, _ := s.Load("ACD349"); rec.Checklist[1].Answer != "no" {
		t.Fatal("a late, older save replaced a newer one")
	}
}

func TestListShowsNoAnswers(t *testing.T) {
	s := OpenFolder(t.TempDir())
	defer s.Release()
	_ = s.SaveProgress(record("ACD349", model.Yes), 1)
	list, _, err := s.List()
	if err != nil || len(list) != 1 {
		t.Fatal(err)
	}
	b, _ := json.Marshal(list[0])
	if strings.Contains(string(b), "fibrosis") || strings.Contains(string(b), "yes") {
		t.Fatalf("a listing must hold no answers: %s", b)
	}
	if _, err := s.Load("bad"); err == nil || !strings.Contains(err.Error(), "not a session code") {
		t.Fatalf("Load(bad) = %v", err)
	}
}

func TestRetentionDeletesOnlyOldAbandoned(t *testing.T) {
	dir := t.TempDir()
	s := OpenFolder(dir)
	defer s.Release()
	old := t0.Add(-40 * 24 * time.Hour)
	write := func(code, status string, updated time.Time) {
		rec := record(code, model.No)
		rec.Status, rec.Updated = status, updated
		var err error
		if status == model.StatusInProgress {
			err = s.SaveProgress(rec, 1)
		} else {
			err = s.Close(rec, []byte("# x\n"))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	write("ACD349", model.StatusAbandoned, old)
	write("ACD34A", model.StatusAbandoned, t0)
	write("ACD34C", model.StatusFinished, old)
	write("ACD34D", model.StatusInProgress, old)
	gone, err := s.Purge(t0.Add(-30*24*time.Hour), model.StatusAbandoned)
	if err != nil {
		t.Fatal(err)
	}
	if len(gone) != 1 || gone[0] != "ACD349" {
		t.Fatalf("purged %v, want only the old abandoned record", gone)
	}
	for _, code := range []string{"ACD34A", "ACD34C", "ACD34D"} {
		if _, err := s.Load(code); err != nil {
			t.Errorf("%s must stay: %v", code, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ACD349.md")); !os.IsNotExist(err) {
		t.Fatal("the Markdown copy goes too")
	}
	gone, _ = s.Purge(t0.Add(-30*24*time.Hour), model.StatusFinished, model.StatusAbandoned)
	if len(gone) != 1 || gone[0] != "ACD34C" {
		t.Fatalf("staff purge of finished records: %v", gone)
	}
}
