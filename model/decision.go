package model

import (
	"slices"
	"time"
)

// ConcernExpectations is raised when the knowledge check shows a hope the
// evidence does not support; the doctor talks it through before any
// decision.
const ConcernExpectations Concern = "expectations-discussion"

// QuizAnswer is the first answer given to one knowledge-check question.
type QuizAnswer struct {
	Item    string
	Choice  string
	Correct bool
	At      time.Time
}

// AnswerQuiz records the first answer to a question and reports whether it
// was the first. A wrong answer to an expectation question raises the
// expectations concern, naming the question; it never touches the
// checklist answers.
func (s *Session) AnswerQuiz(item, choice string, correct, expectation bool, now time.Time) bool {
	if _, done := s.QuizAnswerFor(item); done {
		return false
	}
	s.Quiz = append(s.Quiz, QuizAnswer{Item: item, Choice: choice, Correct: correct, At: now})
	if !correct && expectation {
		s.RaiseConcern(ConcernExpectations)
		s.ExpectationMisses = append(s.ExpectationMisses, item)
	}
	return true
}

// QuizAnswerFor returns the first answer to a question, if any.
func (s *Session) QuizAnswerFor(item string) (QuizAnswer, bool) {
	for _, a := range s.Quiz {
		if a.Item == item {
			return a, true
		}
	}
	return QuizAnswer{}, false
}

// TeachBack is the doctor's mark after asking the patient to explain a point
// in their own words. It checks the explanation, not the patient.
type TeachBack string

// The two marks.
const (
	ExplainedBack TeachBack = "explained-back"
	ReExplained   TeachBack = "re-explained"
)

// MarkTeachBack records (or changes) the mark for a question.
func (s *Session) MarkTeachBack(item string, mark TeachBack) {
	if s.TeachBack == nil {
		s.TeachBack = map[string]TeachBack{}
	}
	s.TeachBack[item] = mark
}

// Who answered a screen: the patient, the doctor, or a training persona.
const (
	ByPatient = "patient"
	ByDoctor  = "doctor"
	ByPersona = "persona"
)

// AnsweredBy is who answers the patient's questions in a role: in a
// training run it is the persona, never a real patient.
func AnsweredBy(r Role) string {
	if r == RoleTrainer {
		return ByPersona
	}
	return ByPatient
}

// SureItems is the number of SURE questions.
const SureItems = 4

// SureRecord is one time the SURE test was asked.
type SureRecord struct {
	Answers [SureItems]Answer // Yes or No; Unanswered until answered
	By      string
	At      time.Time
}

// Score counts the Yes answers (0 to 4).
func (r SureRecord) Score() int {
	n := 0
	for _, a := range r.Answers {
		if a == Yes {
			n++
		}
	}
	return n
}

// Complete reports whether all four items are answered.
func (r SureRecord) Complete() bool { return !slices.Contains(r.Answers[:], Unanswered) }

// Open lists the items (1 to 4) answered No: the questions still open
// before deciding.
func (r SureRecord) Open() []int {
	var out []int
	for i, a := range r.Answers {
		if a == No {
			out = append(out, i+1)
		}
	}
	return out
}

// Conflict reports a positive screen for decisional conflict: a complete
// test scoring below 4.
func (r SureRecord) Conflict() bool { return r.Complete() && r.Score() < SureItems }

// SetSure answers item i (0-3) of the latest SURE record, starting the first
// record if there is none.
func (s *Session) SetSure(i int, a Answer, by string, now time.Time) {
	if len(s.Sure) == 0 {
		s.AskSureAgain(by, now)
	}
	r := &s.Sure[len(s.Sure)-1]
	r.Answers[i] = a
	r.By, r.At = by, now
}

// AskSureAgain starts a new SURE record, keeping the earlier ones: in a
// doctor-led session it may be asked again after the conversation.
func (s *Session) AskSureAgain(by string, now time.Time) {
	s.Sure = append(s.Sure, SureRecord{By: by, At: now})
}

// LatestSure returns the most recent SURE record, if any.
func (s *Session) LatestSure() (SureRecord, bool) {
	if len(s.Sure) == 0 {
		return SureRecord{}, false
	}
	return s.Sure[len(s.Sure)-1], true
}

// Question is something the patient wants to ask the doctor, with the step
// it was asked on.
type Question struct {
	Text string
	Step StepID
	At   time.Time
}

// MaxQuestion is the longest question (or amendment) kept, in characters;
// MaxPatientRef the longest file number or initials.
const (
	MaxQuestion   = 500
	MaxPatientRef = 32
)

// AddQuestion records a question; empty text is ignored.
func (s *Session) AddQuestion(text string, step StepID, now time.Time) {
	if text != "" {
		s.Questions = append(s.Questions, Question{Text: text, Step: step, At: now})
	}
}

// HasQuestion reports whether a question was asked on a step.
func (s *Session) HasQuestion(step StepID) bool {
	return slices.ContainsFunc(s.Questions, func(q Question) bool { return q.Step == step })
}
