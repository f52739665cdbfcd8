package model

import (
	"testing"
	"time"
)

func TestConsentEvidenceSurvivesARecord(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	s := NewSession(LangVI, RolePatient, now)
	s.Code = "ACD349"
	if s.Record(StatusInProgress, "v", DefaultChecklist, now).MayKeep() {
		t.Fatal("unasked means the record is not kept")
	}
	if err := s.AnswerConsent(true, "", "kiosk", ByPatient, now); err == nil {
		t.Fatal("consent without the text shown has no evidence")
	}
	if err := s.AnswerConsent(true, "Lưu hồ sơ?", "kiosk", ByPatient, now); err != nil {
		t.Fatal(err)
	}
	rec := s.Record(StatusInProgress, "v", DefaultChecklist, now)
	if !rec.MayKeep() || rec.Consent.Lang != LangVI || rec.Consent.TextSHA256 == ConsentTextHash("Lưu hồ sơ") {
		t.Fatalf("consent = %+v", rec.Consent)
	}
	back, err := rec.Session()
	if err != nil || back.Consent == nil || *back.Consent != *rec.Consent {
		t.Fatalf("resumed consent = %+v, %v", back.Consent, err)
	}
	if err := back.AnswerConsent(false, "Lưu hồ sơ?", "kiosk", ByPatient, now); err != nil || back.Record(StatusInProgress, "v", DefaultChecklist, now).MayKeep() {
		t.Fatal("a patient who says no has nothing kept")
	}
}
