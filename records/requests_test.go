package records

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"stemcounsel/model"
)

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestDeleteLeavesOnlyTheTombstone(t *testing.T) {
	id := clinicKey(t)
	dir := t.TempDir()
	s := OpenFolder(dir)
	s.Sealer = NewSealer([]age.Recipient{id.Recipient()}, nil)
	if err := s.Close(typedRecord("ACD349", model.StatusFinished), []byte("# "+secretNote)); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProgress(typedRecord("ACD34F", model.StatusInProgress), 1); err != nil {
		t.Fatal(err)
	}
	s.Release()
	// A copy set aside as corrupt is held data too.
	os.WriteFile(filepath.Join(dir, "ACD349.progress.json.corrupt-1"), []byte(secretNote), 0o600)
	if _, err := s.Restrict("ACD349", "dr-an", t0); err != nil {
		t.Fatal(err)
	}

	if _, err := s.Delete("ACD349", "  ", "dr-an", t0); err == nil {
		t.Fatal("a deletion without a reason is refused")
	}
	ts, err := s.Delete("ACD349", "patient's request of 1 Dec", "dr-an", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"ACD349.tombstone", "ACD34F.progress.json"}) {
		t.Fatalf("folder after delete: %v", got)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "ACD349.tombstone"))
	if leaks := plainLeaks(data); len(leaks) > 0 || strings.Contains(string(data), "fibrosis") {
		t.Fatalf("the tombstone holds content: %s", data)
	}
	back, err := s.Tombstone("ACD349")
	if err != nil || back == nil || *back != ts || ts.Reason != "patient's request of 1 Dec" || ts.By != "dr-an" {
		t.Fatalf("tombstone = %+v, %v", back, err)
	}
	// The code stays taken and nothing is written under it again.
	if ok, _ := s.Exists("ACD349"); !ok {
		t.Fatal("a deleted code is not drawn again")
	}
	if err := s.SaveProgress(typedRecord("ACD349", model.StatusInProgress), 0); !errors.Is(err, ErrDeleted) {
		t.Fatalf("write after delete: %v", err)
	}
	if _, err := s.Load("ACD349"); err == nil {
		t.Fatal("nothing to load after delete")
	}
	// Running it again keeps the first tombstone.
	if again, err := s.Delete("ACD349", "other", "x", t0.Add(2*time.Hour)); err != nil || again != ts {
		t.Fatalf("second delete = %+v, %v", again, err)
	}
	if list, _ := s.Tombstones(); len(list) != 1 || list[0] != ts {
		t.Fatalf("tombstones = %v", list)
	}
	if _, err := s.Delete("ACD777", "x", "y", t0); err == nil || !strings.Contains(err.Error(), "no record") {
		t.Fatalf("unknown code: %v", err)
	}
}

func TestDeleteRefusesASessionOpenElsewhere(t *testing.T) {
	dir := t.TempDir()
	app := OpenFolder(dir)
	defer app.Release()
	if err := app.SaveProgress(record("ACD349", model.Yes), 1); err != nil {
		t.Fatal(err)
	}
	clerk := OpenFolder(dir)
	if _, err := clerk.Delete("ACD349", "request", "clerk", t0); !errors.Is(err, ErrLocked) {
		t.Fatalf("delete under a running session: %v", err)
	}
	if got := dirNames(t, dir); slices.Contains(got, "ACD349.tombstone") || !slices.Contains(got, "ACD349.progress.json") {
		t.Fatalf("folder: %v", got)
	}
}

func TestRestrictStopsWritesAndPurge(t *testing.T) {
	dir := t.TempDir()
	s := OpenFolder(dir)
	old := record("ACD349", model.Yes)
	old.Status = model.StatusAbandoned
	if err := s.Close(old, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restrict("ACD777", "x", t0); err == nil {
		t.Fatal("restricting an unknown code is refused")
	}
	r, err := s.Restrict("ACD349", "dr-an", t0)
	if err != nil || r.By != "dr-an" || !r.Since.Equal(t0) {
		t.Fatalf("restrict = %+v, %v", r, err)
	}
	if again, _ := s.Restrict("ACD349", "other", t0.Add(time.Hour)); again != r {
		t.Fatal("restricting twice keeps the first mark")
	}
	if err := s.SaveProgress(record("ACD349", model.No), 0); !errors.Is(err, ErrRestricted) {
		t.Fatalf("write while restricted: %v", err)
	}
	if err := s.SaveProgress(record("ACD34F", model.No), 1); err != nil {
		t.Fatal(err)
	}
	s.Release()
	if _, err := s.Restrict("ACD34F", "dr-an", t0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Resume(s, "ACD34F", model.RoleUnset); !errors.Is(err, ErrRestricted) {
		t.Fatalf("resuming a restricted session: %v", err)
	}
	if gone, _ := s.Purge(t0.Add(time.Hour*24*365), model.StatusAbandoned); len(gone) != 0 {
		t.Fatalf("a restricted record is kept as it is, not purged: %v", gone)
	}
	if rec, err := s.Load("ACD349"); err != nil || rec.Checklist == nil {
		t.Fatalf("the restricted record is still held: %v", err)
	}
	if err := s.Lift("ACD349"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Restriction("ACD349"); got != nil {
		t.Fatal("lifted")
	}
	if err := s.Lift("ACD349"); err == nil {
		t.Fatal("lifting twice says it is not restricted")
	}
	if gone, _ := s.Purge(t0.Add(time.Hour*24*365), model.StatusAbandoned); len(gone) != 1 {
		t.Fatalf("purge after lifting: %v", gone)
	}
}

func TestCodesOfPatient(t *testing.T) {
	id := clinicKey(t)
	dir := t.TempDir()
	writer := OpenFolder(dir)
	writer.Sealer = NewSealer([]age.Recipient{id.Recipient()}, nil)
	defer writer.Release()
	for _, code := range []string{"ACD349", "ACD34F"} {
		if err := writer.SaveProgress(typedRecord(code, model.StatusInProgress), 1); err != nil {
			t.Fatal(err)
		}
	}
	if err := writer.SaveProgress(record("ACD777", model.Yes), 1); err != nil {
		t.Fatal(err)
	}
	if _, err := CodesOfPatient(writer, secretRef); !errors.Is(err, ErrNeedIdentity) {
		t.Fatalf("file numbers are sealed: %v", err)
	}
	reader := OpenFolder(dir)
	reader.Sealer = NewSealer(nil, []age.Identity{id})
	codes, err := CodesOfPatient(reader, " secretref-hs-99812 ")
	slices.Sort(codes)
	if err != nil || !slices.Equal(codes, []string{"ACD349", "ACD34F"}) {
		t.Fatalf("codes = %v, %v", codes, err)
	}
}
