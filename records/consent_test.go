package records

import (
	"os"
	"path/filepath"
	"testing"

	"stemcounsel/model"
)

func TestRefusedConsentWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "records")
	s := KeepOnlyWithConsent(OpenFolder(dir))
	defer s.Release()
	sess := model.NewSession(model.LangVI, model.RolePatient, t0)
	sess.Code = "ACD349"
	sess.SetAnswer("fibrosis", model.Yes)
	save := func() {
		t.Helper()
		if err := s.SaveProgress(sess.Record(model.StatusInProgress, "abc", model.DefaultChecklist, t0), 0); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(sess.Record(model.StatusFinished, "abc", model.DefaultChecklist, t0), []byte("# x")); err != nil {
			t.Fatal(err)
		}
	}
	save() // not asked yet
	if err := sess.AnswerConsent(false, "Keep this record?", "kiosk-1", model.ByPatient, t0); err != nil {
		t.Fatal(err)
	}
	save() // refused
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("a refused session made the records folder: %v", err)
	}

	if err := sess.AnswerConsent(true, "Keep this record?", "kiosk-1", model.ByPatient, t0); err != nil {
		t.Fatal(err)
	}
	save()
	rec, err := s.Load("ACD349")
	if err != nil {
		t.Fatal(err)
	}
	c := rec.Consent
	if c == nil || !c.Given || c.TextSHA256 != model.ConsentTextHash("Keep this record?") || c.Terminal != "kiosk-1" || c.AnsweredBy != model.ByPatient || c.Method == "" {
		t.Fatalf("consent evidence = %+v", c)
	}
}

func TestTrainingNeedsNoConsent(t *testing.T) {
	dir := t.TempDir()
	s := KeepOnlyWithConsent(OpenFolder(dir))
	defer s.Release()
	sess := model.NewSession(model.LangEN, model.RoleTrainer, t0)
	sess.Code = "ACD349"
	if sess.AnswerConsent(true, "x", "y", model.ByPatient, t0) == nil {
		t.Fatal("a training run asks no consent")
	}
	if err := s.SaveProgress(sess.Record(model.StatusInProgress, "abc", model.DefaultChecklist, t0), 0); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.Exists("ACD349"); !ok {
		t.Fatal("a training record is kept")
	}
}
