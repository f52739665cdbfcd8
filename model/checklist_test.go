package model

import (
	"fmt"
	"testing"
)

func TestEvaluateHandWritten(t *testing.T) {
	all := func(a Answer) map[string]Answer {
		m := map[string]Answer{}
		for _, id := range DefaultChecklist {
			m[id] = a
		}
		return m
	}
	with := func(base map[string]Answer, id string, a Answer) map[string]Answer {
		m := map[string]Answer{}
		for k, v := range base {
			m[k] = v
		}
		m[id] = a
		return m
	}
	tests := []struct {
		name     string
		answers  map[string]Answer
		concerns []Concern
		want     Outcome
	}{
		{"all no", all(No), nil, OutcomeNoExclusionReported},
		{"all yes", all(Yes), nil, OutcomeExclusionReported},
		{"nothing answered", nil, nil, OutcomeNeedsDoctorReview},
		{"all not sure", all(NotSure), nil, OutcomeNeedsDoctorReview},
		{"end stage yes", with(all(No), "end-stage", Yes), nil, OutcomeExclusionReported},
		{"fibrosis yes", with(all(No), "fibrosis", Yes), nil, OutcomeExclusionReported},
		{"infection yes", with(all(No), "acute-infection", Yes), nil, OutcomeExclusionReported},
		{"immune yes", with(all(No), "immune-disorder", Yes), nil, OutcomeExclusionReported},
		{"expectations yes", with(all(No), "expectations", Yes), nil, OutcomeExclusionReported},
		{"one not sure", with(all(No), "fibrosis", NotSure), nil, OutcomeNeedsDoctorReview},
		{"one unanswered", with(all(No), "immune-disorder", Unanswered), nil, OutcomeNeedsDoctorReview},
		{"yes beats not sure", with(with(all(No), "fibrosis", NotSure), "end-stage", Yes), nil, OutcomeExclusionReported},
		{"all no but a concern", all(No), []Concern{"expectations-discussion"}, OutcomeNeedsDoctorReview},
		{"yes and a concern", with(all(No), "end-stage", Yes), []Concern{"expectations-discussion"}, OutcomeExclusionReported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Evaluate(DefaultChecklist, tt.answers, tt.concerns); got != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

var allAnswers = []Answer{Yes, No, NotSure, Unanswered}

// combos lists all 4^n answer sets for the default items.
func combos() []map[string]Answer {
	out := []map[string]Answer{{}}
	for _, id := range DefaultChecklist {
		var next []map[string]Answer
		for _, base := range out {
			for _, a := range allAnswers {
				m := map[string]Answer{}
				for k, v := range base {
					m[k] = v
				}
				if a != Unanswered {
					m[id] = a
				}
				next = append(next, m)
			}
		}
		out = next
	}
	return out
}

// TestEvaluateAllCombinations checks every combination against the rule,
// stated here independently by counting.
func TestEvaluateAllCombinations(t *testing.T) {
	cs := combos()
	if len(cs) != 1024 {
		t.Fatalf("%d combinations, want 4^5", len(cs))
	}
	for _, concerns := range [][]Concern{nil, {"expectations-discussion"}} {
		for _, m := range cs {
			var yes, no int
			for _, id := range DefaultChecklist {
				switch m[id] {
				case Yes:
					yes++
				case No:
					no++
				}
			}
			want := OutcomeNeedsDoctorReview
			switch {
			case yes > 0:
				want = OutcomeExclusionReported
			case no == len(DefaultChecklist) && len(concerns) == 0:
				want = OutcomeNoExclusionReported
			}
			if got := Evaluate(DefaultChecklist, m, concerns); got != want {
				t.Errorf("%v %v: got %s, want %s", m, concerns, got, want)
			}
		}
	}
}

// TestYesIsNeverMilder: changing any answer to Yes never gives a milder
// outcome, from any starting point.
func TestYesIsNeverMilder(t *testing.T) {
	for _, m := range combos() {
		before := Evaluate(DefaultChecklist, m, nil)
		for _, id := range DefaultChecklist {
			changed := map[string]Answer{}
			for k, v := range m {
				changed[k] = v
			}
			changed[id] = Yes
			after := Evaluate(DefaultChecklist, changed, nil)
			if after.MilderThan(before) {
				t.Fatalf("%v → %s=yes: %s is milder than %s", m, id, after, before)
			}
			if after != OutcomeExclusionReported {
				t.Fatalf("a Yes must report an exclusion, got %s", after)
			}
		}
	}
}

func TestEvaluateCountsClinicItems(t *testing.T) {
	items := append(append([]string{}, DefaultChecklist...), "pregnancy")
	answers := map[string]Answer{}
	for _, id := range DefaultChecklist {
		answers[id] = No
	}
	if got := Evaluate(items, answers, nil); got != OutcomeNeedsDoctorReview {
		t.Fatalf("an unanswered clinic item must stay open, got %s", got)
	}
	answers["pregnancy"] = Yes
	if got := Evaluate(items, answers, nil); got != OutcomeExclusionReported {
		t.Fatalf("a Yes on a clinic item counts, got %s", got)
	}
}

func TestSessionAnswersAndNotes(t *testing.T) {
	s := NewSession(LangVI, RoleDoctor, t0)
	s.SetAnswer("fibrosis", NotSure)
	s.SetNote("fibrosis", "CT next week")
	if !s.HasAnswers() || s.Outcome(DefaultChecklist) != OutcomeNeedsDoctorReview {
		t.Fatal("answers must count")
	}
	s.SetAnswer("fibrosis", Unanswered)
	s.SetNote("fibrosis", "")
	if s.HasAnswers() {
		t.Fatal("cleared answers and notes must be gone")
	}
	s.RaiseConcern("expectations-discussion")
	s.RaiseConcern("expectations-discussion")
	if len(s.Concerns) != 1 {
		t.Fatal("a concern is raised once")
	}
	if fmt.Sprint(Yes, No, NotSure, Unanswered) != "yes no not-sure unanswered" {
		t.Fatal("answer names are part of the record")
	}
}
