package model

import (
	"maps"
	"slices"
	"testing"
	"time"
)

func TestWrongExpectationAnswerRaisesConcernOnly(t *testing.T) {
	tests := []struct {
		name        string
		correct     bool
		expectation bool
		wantConcern bool
	}{
		{"wrong expectation answer", false, true, true},
		{"right expectation answer", true, true, false},
		{"wrong general answer", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSession(LangVI, RolePatient, t0)
			for _, id := range DefaultChecklist {
				s.SetAnswer(id, No)
			}
			before := maps.Clone(s.Answers)
			s.AnswerQuiz("general-1", "a", tt.correct, tt.expectation, t0)
			if !maps.Equal(s.Answers, before) {
				t.Fatal("the knowledge check must never change checklist answers")
			}
			got := slices.Contains(s.Concerns, ConcernExpectations)
			if got != tt.wantConcern {
				t.Fatalf("concern = %v, want %v", got, tt.wantConcern)
			}
			want := OutcomeNoExclusionReported
			if tt.wantConcern {
				want = OutcomeNeedsDoctorReview
				if !slices.Equal(s.ExpectationMisses, []string{"general-1"}) {
					t.Fatalf("the concern must name the question: %v", s.ExpectationMisses)
				}
			}
			if o := s.Outcome(DefaultChecklist); o != want {
				t.Fatalf("outcome %s, want %s", o, want)
			}
		})
	}
}

func TestOnlyTheFirstQuizAnswerCounts(t *testing.T) {
	s := NewSession(LangEN, RolePatient, t0)
	if !s.AnswerQuiz("group-joint", "b", true, true, t0) {
		t.Fatal("first answer not recorded")
	}
	if s.AnswerQuiz("group-joint", "a", false, true, t0.Add(time.Minute)) {
		t.Fatal("a second answer must not replace the first")
	}
	a, _ := s.QuizAnswerFor("group-joint")
	if a.Choice != "b" || !a.Correct || len(s.Concerns) != 0 {
		t.Fatalf("first answer lost: %+v, concerns %v", a, s.Concerns)
	}
}

func TestSureScoring(t *testing.T) {
	tests := []struct {
		answers  [4]Answer
		score    int
		complete bool
		conflict bool
		open     []int
	}{
		{[4]Answer{Yes, Yes, Yes, Yes}, 4, true, false, nil},
		{[4]Answer{Yes, No, Yes, Yes}, 3, true, true, []int{2}},
		{[4]Answer{No, No, No, No}, 0, true, true, []int{1, 2, 3, 4}},
		{[4]Answer{Yes, Yes, Unanswered, Yes}, 3, false, false, nil},
	}
	for _, tt := range tests {
		r := SureRecord{Answers: tt.answers}
		if r.Score() != tt.score || r.Complete() != tt.complete || r.Conflict() != tt.conflict || !slices.Equal(r.Open(), tt.open) {
			t.Errorf("%v: score %d complete %v conflict %v open %v", tt.answers, r.Score(), r.Complete(), r.Conflict(), r.Open())
		}
	}
}

func TestSureHistoryAndWho(t *testing.T) {
	s := NewSession(LangEN, RoleDoctor, t0)
	for i := range SureItems {
		s.SetSure(i, Yes, ByPatient, t0)
	}
	s.SetSure(2, No, ByPatient, t0.Add(time.Minute))
	s.AskSureAgain(ByPatient, t0.Add(time.Hour))
	s.SetSure(0, Yes, ByPatient, t0.Add(time.Hour))
	if len(s.Sure) != 2 || s.Sure[0].Score() != 3 || !slices.Equal(s.Sure[0].Open(), []int{3}) {
		t.Fatalf("history: %+v", s.Sure)
	}
	last, _ := s.LatestSure()
	if last.Complete() || !last.At.Equal(t0.Add(time.Hour)) || last.By != ByPatient {
		t.Fatalf("latest: %+v", last)
	}
	if AnsweredBy(RoleTrainer) != ByPersona || AnsweredBy(RoleDoctor) != ByPatient {
		t.Fatal("a training run is answered by the persona")
	}
}

func TestQuestionsAndTeachBack(t *testing.T) {
	s := NewSession(LangVI, RolePatient, t0)
	s.AddQuestion("", StepPathway, t0)
	if s.HasAnswers() {
		t.Fatal("an empty question is not kept")
	}
	s.AddQuestion("Chi phí bao nhiêu?", StepPathway, t0)
	if !s.HasQuestion(StepPathway) || s.HasQuestion(StepExosomes) || !s.HasAnswers() {
		t.Fatal("question not recorded on its step")
	}
	s.MarkTeachBack("general-3", ReExplained)
	s.MarkTeachBack("general-3", ExplainedBack)
	if s.TeachBack["general-3"] != ExplainedBack {
		t.Fatal("a mark can be changed")
	}
}
