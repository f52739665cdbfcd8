package ui

import (
	"errors"
	"strings"
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

// TestKioskResetSavesInACommand: the idle reset writes the abandoned
// record in a command, never inside Update, and shows nothing of the
// patient meanwhile; a failed write keeps the session and is tried again
// on each tick and key, and the next patient starts only once it is
// written, never seeing the previous code or the folder.
func TestKioskResetSavesInACommand(t *testing.T) {
	for _, fail := range []error{nil, errors.New("write /records/.tmp-ACD349.json: no space left on device")} {
		dir := t.TempDir()
		m, clock := kioskModel(t, dir, 80, 24)
		store := &countingStore{Store: m.opt.Store, fail: fail}
		m.opt.Store = store
		atStep(t, m, model.StepChecklist)
		send(m, press("2"))
		clock.advance(4 * time.Minute)
		_, cmd := m.Update(idleTickMsg{})
		if scr := visible(m); store.closed != 0 || strings.Contains(scr, "ACD349") || strings.Contains(scr, "Item") {
			t.Fatalf("Update only starts the save and hides the patient: %d closed\n%s", store.closed, scr)
		}
		runCmd(m, cmd)
		if store.closed != 1 {
			t.Fatalf("the command writes the abandoned record once: %d", store.closed)
		}
		if fail != nil {
			scr := visible(m)
			if m.session.Code != "ACD349" || strings.Contains(scr, "ACD349") || strings.Contains(scr, dir) || strings.Contains(scr, "space") {
				t.Fatalf("a failed write keeps the session, off screen (code %s):\n%s", m.session.Code, scr)
			}
			tick(m)
			send(m, press("1"))
			if store.closed != 3 || m.session.Answers["end-stage"] != model.No {
				t.Fatalf("each tick and key tries again, changing nothing: %d tries", store.closed)
			}
			send(m, ctrlX)
			if !isOpen[*pinDialog](m) || !strings.Contains(visible(m), "PIN") {
				t.Fatalf("staff can still reach the PIN:\n%s", visible(m))
			}
			send(m, press("esc"))
			store.fail = nil
			tick(m)
		}
		if m.session.Code != "XYW346" || m.session.HasAnswers() || m.banner() != "" || strings.Contains(visible(m), "ACD349") {
			t.Fatalf("once written, the next patient starts clean at %s:\n%s", m.session.Code, visible(m))
		}
		if rec, err := store.Load("ACD349"); err != nil || rec.Status != model.StatusAbandoned || rec.Checklist[0].Answer != "no" {
			t.Fatalf("abandoned record with its answer: %v %+v", err, rec)
		}
	}
}
