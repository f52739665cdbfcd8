package ui

import (
	"errors"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
)

// TestSaveOnExit keeps a stopped session with answers as in progress and
// frees its lock; a session with nothing new writes nothing.
func TestSaveOnExit(t *testing.T) {
	dir := t.TempDir()
	m := storeModel(t, dir, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient})
	store := m.opt.Store
	m.opt.Store = nil // no autosave: only SaveOnExit writes
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	if err := m.SaveOnExit(store); err != nil {
		t.Fatal(err)
	}
	rec, err := store.Load("ACD349")
	if err != nil || rec.Status != model.StatusInProgress || rec.CurrentStep != model.StepChecklist {
		t.Fatalf("the session is kept to resume: %v %+v", err, rec)
	}
	other := records.OpenFolder(dir)
	defer other.Release()
	if err := other.Acquire("ACD349"); err != nil {
		t.Fatalf("the session's lock is freed on exit: %v", err)
	}

	fresh := storeModel(t, t.TempDir(), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient})
	if err := fresh.SaveOnExit(fresh.opt.Store); err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.opt.Store.Load("ACD349"); err == nil {
		t.Fatal("a session with no answers leaves no record")
	}
	if err := fresh.SaveOnExit(nil); err != nil {
		t.Fatal("no store, nothing to do:", err)
	}
}

// countingStore counts the records closed, and can fail them.
type countingStore struct {
	records.Store
	closed int
	fail   error
}

func (s *countingStore) Close(rec model.Record, md []byte) error {
	s.closed++
	if s.fail != nil {
		return s.fail
	}
	return s.Store.Close(rec, md)
}

// TestKioskResetSavesInACommand: the idle reset forgets the patient at once
// and writes the abandoned record in a command, never inside Update; a
// failed write is told to whoever comes next.
func TestKioskResetSavesInACommand(t *testing.T) {
	for _, fail := range []error{nil, errors.New("disk full")} {
		m, clock := kioskModel(t, t.TempDir(), 80, 24)
		store := &countingStore{Store: m.opt.Store, fail: fail}
		m.opt.Store = store
		atStep(t, m, model.StepChecklist)
		send(m, press("2"))
		clock.advance(4 * time.Minute)
		_, cmd := m.Update(idleTickMsg{})
		if store.closed != 0 || m.session.Code != "XYW346" || m.session.HasAnswers() {
			t.Fatalf("Update must only start the save and forget the patient: %d closed, at %s", store.closed, m.session.Code)
		}
		runCmd(m, cmd)
		if store.closed != 1 {
			t.Fatalf("the command writes the abandoned record once: %d", store.closed)
		}
		if banner := m.banner(); (fail != nil) != (banner != "") {
			t.Fatalf("with error %v the banner is %q", fail, banner)
		}
		if fail == nil {
			if rec, err := store.Load("ACD349"); err != nil || rec.Status != model.StatusAbandoned {
				t.Fatalf("abandoned record: %v %+v", err, rec)
			}
		}
	}
}
