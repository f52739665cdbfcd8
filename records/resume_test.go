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

	for _, asked := range []model.Role{model.RoleUnset, model.RolePatient} {
		if _, ok := ResumeRole(asked); ok {
			t.Fatalf("a start-up in mode %q must list no sessions: the next patient could open them", asked)
		}
	}
	role, ok := ResumeRole(model.RoleDoctor)
	offered, _, err := Offers(s, role)
	if !ok || err != nil || len(offered) != 1 || offered[0].Code != "ACE349" || offered[0].Lang != model.LangEN || offered[0].Step != 1 || offered[0].Locked {
		t.Fatalf("a doctor is offered only the doctor's session, with its language and step: %+v %v", offered, err)
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
	if offered, _, _ := Offers(other, model.RoleDoctor); len(offered) != 1 || !offered[0].Locked {
		t.Fatalf("a session open in another app is listed as locked: %+v", offered)
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

func TestAmendKeepsTheFinishedRecord(t *testing.T) {
	s := OpenFolder(t.TempDir())
	defer s.Release()
	if err := s.Amend("ACD349", []byte("x")); err == nil {
		t.Fatal("no finished record, no amendment")
	}
	rec := record("ACD349", model.Yes)
	rec.Status = model.StatusFinished
	if err := s.Close(rec, []byte("# original\n")); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(s.Dir, "ACD349.json"))
	for _, note := range []string{"first", "second"} {
		if err := s.Amend("ACD349", []byte(note)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Amendments("ACD349")
	if err != nil || len(got) != 2 || string(got[0]) != "first" || string(got[1]) != "second" {
		t.Fatalf("amendments in order: %q %v", got, err)
	}
	after, _ := os.ReadFile(filepath.Join(s.Dir, "ACD349.json"))
	md, _ := os.ReadFile(filepath.Join(s.Dir, "ACD349.md"))
	if string(before) != string(after) || string(md) != "# original\n" {
		t.Fatal("an amendment must never change the finished record")
	}
	if list, _, _ := s.List(); len(list) != 1 {
		t.Fatalf("amendments are not records: %d listed", len(list))
	}
}
