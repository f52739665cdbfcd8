package model

import (
	"slices"
	"testing"
)

func TestValuesAreStoredAndRoundTrip(t *testing.T) {
	s := NewSession(LangVI, RolePatient, t0)
	s.Code = "ACD349"
	if s.HasAnswers() {
		t.Fatal("a new session has no answers")
	}
	for i, id := range ValueIDs {
		if err := s.SetValue(id, Importances[i%len(Importances)]); err != nil {
			t.Fatal(err)
		}
	}
	if !s.HasAnswers() {
		t.Fatal("ratings are answers: quitting must ask first")
	}
	if s.CurrentLeaning() != LeanUnsure {
		t.Fatalf("the default leaning is not sure yet, got %q", s.CurrentLeaning())
	}
	rec := s.Record(StatusInProgress, "abc", DefaultChecklist, t0)
	if len(rec.Values) != len(ValueIDs) || rec.Leaning != LeanUnsure {
		t.Fatalf("every rating and the default leaning are in the record: %+v %q", rec.Values, rec.Leaning)
	}
	back, err := rec.Session()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ValueIDs {
		if back.Values[id] != s.Values[id] {
			t.Errorf("%s: %q after a round trip, want %q", id, back.Values[id], s.Values[id])
		}
	}
	if err := s.SetValue("cost", Unrated); err != nil || s.Values["cost"] != Unrated {
		t.Fatal("a rating can be taken back")
	}
	if s.SetValue("nope", Very) == nil || s.SetValue("cost", "extremely") == nil || s.SetLeaning("maybe") == nil {
		t.Fatal("unknown values, ratings and leanings are refused")
	}
}

func TestTensionsFollowTheLeaning(t *testing.T) {
	s := NewSession(LangEN, RoleDoctor, t0)
	s.SetValue("sure-it-works", Very)
	s.SetValue("try-everything", Very)
	s.SetValue("cost", Somewhat)
	if got := s.Tensions(); len(got) != 0 {
		t.Fatalf("not sure yet pulls against nothing: %v", got)
	}
	s.SetLeaning(LeanCellTherapy)
	if got := s.Tensions(); !slices.Equal(got, []string{"sure-it-works"}) {
		t.Fatalf("leaning to an unproven therapy while being sure matters most: %v", got)
	}
	s.SetLeaning(LeanStandardCare)
	if got := s.Tensions(); !slices.Equal(got, []string{"try-everything"}) {
		t.Fatalf("standard care only while trying everything matters most: %v", got)
	}
	rec := s.Record(StatusInProgress, "abc", DefaultChecklist, t0)
	if !slices.Equal(rec.Tensions, []string{"try-everything"}) {
		t.Fatalf("the record keeps the tension for the clinician: %v", rec.Tensions)
	}
}

func TestGoBackToOnlyMovesBack(t *testing.T) {
	s := NewSession(LangEN, RolePatient, t0)
	for s.Current != StepOptions {
		s.Next(t0)
	}
	if s.GoBackTo([]StepID{StepAbout}, t0) || s.Current != StepOptions {
		t.Fatal("a page changed ahead of where the session stands is met on the way: no jump")
	}
	if !s.GoBackTo([]StepID{StepAbout, StepMechanism, StepPathway}, t0) || s.Current != StepMechanism {
		t.Fatalf("back to the earliest changed page, got %s", s.Current)
	}
}
