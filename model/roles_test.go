package model

import (
	"slices"
	"testing"
)

func TestPersonaEndStageThenChanged(t *testing.T) {
	s := NewSession(LangEN, RoleTrainer, t0)
	s.ApplyPersona("heart-failure-end-stage", "cardiovascular", map[string]Answer{
		"end-stage": Yes, "fibrosis": NotSure, "acute-infection": No, "immune-disorder": No, "expectations": Yes,
	})
	if !s.Training() || s.Persona != "heart-failure-end-stage" || !slices.Equal(s.Groups, []string{"cardiovascular"}) {
		t.Fatalf("persona not applied: %+v", s)
	}
	if o := s.Outcome(DefaultChecklist); o != OutcomeExclusionReported {
		t.Fatalf("outcome %s", o)
	}
	s.SetAnswer("end-stage", No)
	s.SetAnswer("expectations", No)
	if o := s.Outcome(DefaultChecklist); o != OutcomeNeedsDoctorReview {
		t.Fatalf("changing the answers must change the outcome, got %s", o)
	}
	s.ApplyPersona("knee-oa", "joint", nil)
	if len(s.Answers) != 0 || !slices.Equal(s.Groups, []string{"joint"}) {
		t.Fatal("a new persona replaces the previous one's answers and group")
	}
}

func TestSkippedSteps(t *testing.T) {
	tests := []struct {
		name string
		do   func(s *Session)
		want []StepID
	}{
		{"not reached yet", func(s *Session) { s.JumpTo(StepOptions, t0) }, nil},
		{"passed all unanswered", func(s *Session) { s.JumpTo(StepSummary, t0) }, []StepID{StepValues, StepKnowledgeCheck, StepChecklist, StepSure}},
		{"knowledge check answered in part", func(s *Session) {
			s.QuizAsked = 2
			s.Leaning = LeanUnsure
			s.AnswerQuiz("q1", "a", true, false, t0)
			s.SetAnswer("fibrosis", No)
			s.JumpTo(StepSummary, t0)
		}, []StepID{StepKnowledgeCheck, StepSure}},
		{"checklist answered, values not", func(s *Session) {
			s.AnswerQuiz("q1", "a", true, false, t0)
			s.SetAnswer("fibrosis", No)
			s.JumpTo(StepSummary, t0)
		}, []StepID{StepValues, StepSure}},
		{"SURE started but not finished", func(s *Session) {
			s.Leaning = LeanUnsure
			s.AnswerQuiz("q1", "a", true, false, t0)
			s.SetAnswer("fibrosis", No)
			s.SetSure(0, Yes, ByPatient, t0)
			s.JumpTo(StepSummary, t0)
		}, []StepID{StepSure}},
		{"all done", func(s *Session) {
			s.QuizAsked = 1
			s.Leaning = LeanUnsure
			s.AnswerQuiz("q1", "a", true, false, t0)
			s.SetAnswer("fibrosis", No)
			for i := range SureItems {
				s.SetSure(i, No, ByPatient, t0)
			}
			s.JumpTo(StepSummary, t0)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSession(LangVI, RolePatient, t0)
			tt.do(s)
			if got := s.SkippedSteps(); !slices.Equal(got, tt.want) {
				t.Fatalf("skipped %v, want %v", got, tt.want)
			}
		})
	}
}
