package records

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"stemcounsel/model"
)

// codeBytes is what a random source must yield for NewCode to draw code.
func codeBytes(code string) []byte {
	const alphabet = "ACDEFGHJKMNPQRTUVWXY34679"
	out := make([]byte, len(code))
	for i, r := range code {
		out[i] = byte(strings.IndexRune(alphabet, r))
	}
	return out
}

// TestNewCodeNeverReusesACode forces collisions with a random source that
// repeats itself: a code with a record, held by another app, or in use in
// this process, is drawn again.
func TestNewCodeNeverReusesACode(t *testing.T) {
	dir := t.TempDir()
	s := OpenFolder(dir)
	defer s.Release()
	ended := record("ACD349", model.Yes)
	ended.Status = model.StatusFinished
	if err := s.Close(ended, []byte("# a\n")); err != nil {
		t.Fatal(err)
	}
	src := bytes.NewReader(bytes.Join([][]byte{codeBytes("ACD349"), codeBytes("ACD34A"), codeBytes("ACD34A"), codeBytes("ACD34C")}, nil))
	first, err := NewCode(s, src, nil)
	if err != nil || first != "ACD34A" {
		t.Fatalf("first = %q, %v; want ACD34A (ACD349 has a record)", first, err)
	}
	live := func(code string) bool { return code == first }
	second, err := NewCode(s, src, live)
	if err != nil || second != "ACD34C" {
		t.Fatalf("second = %q, %v; want ACD34C (ACD34A is a live session of this process)", second, err)
	}
	other := OpenFolder(dir) // another app on the same folder
	defer other.Release()
	if c, err := NewCode(other, bytes.NewReader(bytes.Join([][]byte{codeBytes("ACD34C"), codeBytes("ACD34D")}, nil)), nil); err != nil || c != "ACD34D" {
		t.Fatalf("another app drew %q, %v; want ACD34D (ACD34C is held by the first app)", c, err)
	}
	if _, err := NewCode(s, bytes.NewReader(bytes.Repeat(codeBytes("ACD349"), codeTries+1)), nil); err == nil {
		t.Fatal("a source that only repeats a taken code must give an error, not the code")
	}
}

// TestSaveNeverReplacesAnotherSessionsRecord: a second session with the
// same code (started at another time) can write nothing over the first.
func TestSaveNeverReplacesAnotherSessionsRecord(t *testing.T) {
	dir := t.TempDir()
	a := OpenFolder(dir)
	first := record("ACD349", model.Yes)
	first.Status = model.StatusFinished
	if err := a.Close(first, []byte("# a\n")); err != nil {
		t.Fatal(err)
	}
	a.Release()
	for _, s := range []*Folder{a, OpenFolder(dir)} { // the same process, and another one
		second := record("ACD349", model.No)
		second.Started = t0.Add(time.Hour)
		if err := s.SaveProgress(second, 1); !errors.Is(err, ErrCodeTaken) {
			t.Fatalf("progress save over another session's record: %v", err)
		}
		second.Status = model.StatusFinished
		if err := s.Close(second, []byte("# b\n")); !errors.Is(err, ErrCodeTaken) {
			t.Fatalf("finishing over another session's record: %v", err)
		}
		s.Release()
	}
	rec, err := a.Load("ACD349")
	if err != nil || rec.Checklist[1].Answer != "yes" {
		t.Fatalf("the first patient's record changed: %+v %v", rec.Checklist, err)
	}
	if md, _ := os.ReadFile(filepath.Join(dir, "ACD349.md")); string(md) != "# a\n" {
		t.Fatalf("the first patient's Markdown changed: %q", md)
	}
	// The same session finishing again (an answer changed after finishing)
	// still writes.
	first.Checklist[1].Answer = "not-sure"
	if err := a.Close(first, []byte("# a2\n")); err != nil {
		t.Fatalf("the session itself may save again: %v", err)
	}
}

// TestFinalSaveBeatsALateAutosave: the save made when a session stops
// (seq 0) must not be replaced by a numbered autosave still on its way.
func TestFinalSaveBeatsALateAutosave(t *testing.T) {
	s := OpenFolder(t.TempDir())
	defer s.Release()
	if err := s.SaveProgress(record("ACD349", model.Yes), 5); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProgress(record("ACD349", model.NotSure), 0); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProgress(record("ACD349", model.No), 6); err != nil {
		t.Fatal(err)
	}
	if rec, _ := s.Load("ACD349"); rec.Checklist[1].Answer != "not-sure" {
		t.Fatalf("the final state was replaced: %s", rec.Checklist[1].Answer)
	}
}

// TestHalfDoneCloseStaysInProgress fails Close's Markdown write: the record
// must still be listed once, in progress, and a retry must end it.
func TestHalfDoneCloseStaysInProgress(t *testing.T) {
	s := OpenFolder(t.TempDir())
	defer s.Release()
	if err := s.SaveProgress(record("ACD349", model.Yes), 1); err != nil {
		t.Fatal(err)
	}
	full := errors.New("no space left on device")
	beforeRename = func(tmp string) error {
		if strings.Contains(filepath.Base(tmp), markdownSuffix+"-") {
			return full
		}
		return nil
	}
	defer func() { beforeRename = func(string) error { return nil } }()
	rec := record("ACD349", model.No)
	rec.Status = model.StatusFinished
	if err := s.Close(rec, []byte("# x\n")); !errors.Is(err, full) {
		t.Fatalf("Close = %v", err)
	}
	list, _, err := s.List()
	if err != nil || len(list) != 1 || list[0].Status != model.StatusInProgress {
		t.Fatalf("after a failed finish the list is %+v (%v); want the one session, in progress", list, err)
	}
	beforeRename = func(string) error { return nil }
	if err := s.Close(rec, []byte("# x\n")); err != nil {
		t.Fatal(err)
	}
	// An in-progress copy that could not be removed is not listed again.
	if err := os.WriteFile(s.ProgressPath("ACD349"), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if list, _, _ := s.List(); len(list) != 1 || list[0].Status != model.StatusFinished {
		t.Fatalf("an ended session is listed once, as ended: %+v", list)
	}
}

// TestExistingFolderKeepsItsMode: the store makes a missing folder 0700 but
// never changes a folder the clinic made.
func TestExistingFolderKeepsItsMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	s := OpenFolder(dir)
	defer s.Release()
	if err := s.SaveProgress(record("ACD349", model.Yes), 1); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, dir); m != 0o750 {
		t.Fatalf("folder mode %o, want the clinic's 750", m)
	}
}

// TestOneHolderAtATime races three apps for one session's lock: never may
// two hold it at once, even while holders remove the lock file.
func TestOneHolderAtATime(t *testing.T) {
	dir := t.TempDir()
	var holders, most, rounds atomic.Int64
	stop := time.Now().Add(time.Second)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			s := OpenFolder(dir)
			for time.Now().Before(stop) {
				if s.Acquire("ACD349") != nil {
					continue
				}
				n := holders.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				rounds.Add(1)
				time.Sleep(50 * time.Microsecond) // a save's worth of holding
				holders.Add(-1)
				s.ReleaseCode("ACD349")
			}
		})
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Fatalf("%d apps held one session at once (%d acquisitions)", most.Load(), rounds.Load())
	}
	t.Logf("%d acquisitions, never two holders", rounds.Load())
}

// TestPurgeTakesInterruptedKioskSessions: a kiosk session left in progress
// past the retention time goes with the abandoned ones, unless a running
// app holds it; other sessions in progress stay, and so do fresh temporary
// files, while old ones (left by a kill) go.
func TestPurgeTakesInterruptedKioskSessions(t *testing.T) {
	dir := t.TempDir()
	s := OpenFolder(dir)
	kiosk := Kiosk(s)
	old := t0.Add(-40 * 24 * time.Hour)
	save := func(st Store, code string) {
		rec := record(code, model.Yes)
		rec.Updated = old
		if err := st.SaveProgress(rec, 1); err != nil {
			t.Fatal(err)
		}
	}
	save(kiosk, "ACD349")
	save(kiosk, "ACD34A")
	save(s, "ACD34C") // a self-review session: it may still be resumed
	s.Release()
	holder := OpenFolder(dir)
	if err := holder.Acquire("ACD34A"); err != nil { // a kiosk still running it
		t.Fatal(err)
	}
	defer holder.Release()
	staleTmp := filepath.Join(dir, ".tmp-ACD34D.progress.json-123")
	freshTmp := filepath.Join(dir, ".tmp-ACD34E.progress.json-456")
	for _, p := range []string{staleTmp, freshTmp} {
		if err := os.WriteFile(p, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(staleTmp, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	gone, err := OpenFolder(dir).Purge(t0.Add(-30*24*time.Hour), model.StatusAbandoned)
	if err != nil {
		t.Fatal(err)
	}
	if len(gone) != 1 || gone[0] != "ACD349" {
		t.Fatalf("purged %v, want only the interrupted kiosk session nobody holds", gone)
	}
	for _, p := range []string{"ACD349.progress.json", "ACD349.lock"} {
		if _, err := os.Stat(filepath.Join(dir, p)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s must be gone", p)
		}
	}
	for _, p := range []string{"ACD34A.progress.json", "ACD34C.progress.json", filepath.Base(freshTmp)} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("%s must stay: %v", p, err)
		}
	}
	if _, err := os.Stat(staleTmp); !errors.Is(err, os.ErrNotExist) {
		t.Error("a temporary file left by a killed write must go")
	}
}

// TestResumableHidesKioskAndMarksOpenSessions: a kiosk's unfinished session
// is never offered to the next person, and one open in another app is
// listed as locked (choosing it could only fail).
func TestResumableHidesKioskAndMarksOpenSessions(t *testing.T) {
	dir := t.TempDir()
	s := OpenFolder(dir)
	if err := Kiosk(s).SaveProgress(record("ACD349", model.Yes), 1); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"ACD34A", "ACD34C"} {
		if err := s.SaveProgress(record(code, model.Yes), 1); err != nil {
			t.Fatal(err)
		}
	}
	s.Release()
	other := OpenFolder(dir)
	if err := other.Acquire("ACD34C"); err != nil {
		t.Fatal(err)
	}
	defer other.Release()
	offered, _, err := Offers(OpenFolder(dir), model.RolePatient)
	locked := map[string]bool{}
	for _, o := range offered {
		locked[o.Code] = o.Locked
	}
	if err != nil || len(offered) != 2 || locked["ACD34A"] || !locked["ACD34C"] {
		t.Fatalf("offered %+v (%v); want ACD34A free and ACD34C locked, and no kiosk session", offered, err)
	}
	if _, _, err := Resume(OpenFolder(dir), "ACD34A", model.RolePatient); err != nil {
		t.Fatalf("looking did not keep the offered session: %v", err)
	}
}

func TestTwoCrashesInOneSecondKeepBoth(t *testing.T) {
	folder := OpenFolder(t.TempDir())
	a, err := folder.WriteCrashLog("first", t0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := folder.WriteCrashLog("second", t0)
	if err != nil || a == b {
		t.Fatalf("the second crash log replaced the first: %s %s %v", a, b, err)
	}
	if readAll(t, a) != "first" || readAll(t, b) != "second" {
		t.Fatal("each crash keeps its own log")
	}
}

func readAll(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
