package model

import "slices"

// Answer is a patient's answer to one checklist item. The zero value means
// the item has not been answered, which is allowed.
type Answer int

// The answers, in the order the screen offers them (keys 1, 2, 3).
const (
	Unanswered Answer = iota
	Yes
	No
	NotSure
)

func (a Answer) String() string {
	switch a {
	case Yes:
		return "yes"
	case No:
		return "no"
	case NotSure:
		return "not-sure"
	default:
		return "unanswered"
	}
}

// DefaultChecklist is the clinic's exclusion checklist, in the order asked.
// Content may add items after these.
var DefaultChecklist = []string{"end-stage", "fibrosis", "acute-infection", "immune-disorder", "expectations"}

// Outcome is what the checklist answers mean for the conversation. None of
// them is a decision to treat: the doctor decides after the assessment.
type Outcome string

// The outcomes, from the most to the least serious.
const (
	OutcomeExclusionReported   Outcome = "exclusion-reported"
	OutcomeNeedsDoctorReview   Outcome = "needs-doctor-review"
	OutcomeNoExclusionReported Outcome = "no-exclusion-reported"
)

// severity orders outcomes so "milder" has a meaning in tests and code.
func (o Outcome) severity() int {
	switch o {
	case OutcomeExclusionReported:
		return 2
	case OutcomeNeedsDoctorReview:
		return 1
	default:
		return 0
	}
}

// MilderThan reports whether o is a milder outcome than other.
func (o Outcome) MilderThan(other Outcome) bool { return o.severity() < other.severity() }

// Concern is something raised during the session, apart from the checklist
// answers, that the doctor should talk through before any decision.
type Concern string

// Evaluate applies the rule: any Yes reports an exclusion; otherwise any Not
// sure, any unanswered item, or any raised concern needs the doctor's review;
// only all No with no concern reports no exclusion.
func Evaluate(items []string, answers map[string]Answer, concerns []Concern) Outcome {
	open := len(concerns) > 0
	for _, id := range items {
		switch answers[id] {
		case Yes:
			return OutcomeExclusionReported
		case No:
		default:
			open = true
		}
	}
	if open {
		return OutcomeNeedsDoctorReview
	}
	return OutcomeNoExclusionReported
}

// SetAnswer records an answer; answering Unanswered clears it.
func (s *Session) SetAnswer(item string, a Answer) {
	if s.Answers == nil {
		s.Answers = map[string]Answer{}
	}
	if a == Unanswered {
		delete(s.Answers, item)
		return
	}
	s.Answers[item] = a
}

// SetNote records the doctor's note on an item; an empty note removes it.
func (s *Session) SetNote(item, note string) {
	if s.Notes == nil {
		s.Notes = map[string]string{}
	}
	if note == "" {
		delete(s.Notes, item)
		return
	}
	s.Notes[item] = note
}

// Outcome evaluates the session's checklist over the given items.
func (s *Session) Outcome(items []string) Outcome {
	return Evaluate(items, s.Answers, s.Concerns)
}

// RaiseConcern adds a concern once.
func (s *Session) RaiseConcern(c Concern) {
	if !slices.Contains(s.Concerns, c) {
		s.Concerns = append(s.Concerns, c)
	}
}
