package records

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stemcounsel/model"
)

func doctorRecord(code string) model.Record {
	s := model.NewSession(model.LangEN, model.RoleDoctor, t0)
	s.Code = code
	return s.Record(model.StatusInProgress, "abc", model.DefaultChecklist, t0)
}

func TestResumeKeepsEachSessionInItsOwnMode(t *testing.T) {
	s := OpenFolder(t.TempDir())
	defer s.Release()
	if err := s.SaveProgress(record("ACD349", model.Yes), 1); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProgress(doctorRecord("ACE349"), 1); err != nil {
		t.Fatal(err)
	}
	s.Release()

	offered, _, err := Resumable(s, ResumeRole(model.RoleUnset))
	if err != nil || len(offered) != 1 || offered[0].Code != "ACD349" {
		t.Fatalf("with no mode asked, only the patient's own session is offered: %+v %v", offered, err)
	}
	if _, _, err := Resume(s, "ACE349", model.RolePatient); err == nil || !strings.Contains(err.Error(), "--role doctor") {
		t.Fatalf("a patient resuming a doctor's session: %v", err)
	}
	sess, _, err := Resume(s, "ACE349", model.RoleDoctor)
	if err != nil || sess.Code != "ACE349" {
		t.Fatalf("the doctor resumes their own session: %v", err)
	}
	other := OpenFolder(s.Dir)
	if _, _, err := Resume(other, "ACE349", model.RoleDoctor); !errors.Is(err, ErrLocked) {
		t.Fatalf("a second app resuming the same session: %v, want ErrLocked", err)
	}
}

func TestResumeRefusesAnEndedSession(t *testing.T) {
	s := OpenFolder(t.TempDir())
	defer s.Release()
	rec := record("ACD349", model.Yes)
	rec.Status = model.StatusFinished
	if err := s.Close(rec, []byte("# x\n")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Resume(s, "ACD349", model.RoleUnset); err == nil || !strings.Contains(err.Error(), "stemcounsel open ACD349") {
		t.Fatalf("resuming a finished session: %v", err)
	}
}

func TestCrashLogIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "records")
	path, err := OpenFolder(dir).WriteCrashLog("panic: boom", t0)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "panic: boom" {
		t.Fatalf("crash log holds %q", data)
	}
	if m := mode(t, path); m != 0o600 {
		t.Fatalf("crash log mode %o, want 600", m)
	}
}
