package model

// NextStep is what the doctor and patient agreed at the end of a doctor-led
// session.
type NextStep string

// The next steps a doctor can record.
const (
	NextUnset            NextStep = ""
	NextAssessmentBooked NextStep = "assessment-booked"
	NextDeclined         NextStep = "declined"
	NextReferredToTrial  NextStep = "referred-to-trial"
	NextUndecided        NextStep = "undecided"
)

// NextSteps lists them in the order offered (keys 1 to 4).
var NextSteps = []NextStep{NextAssessmentBooked, NextDeclined, NextReferredToTrial, NextUndecided}

// Training reports whether the session is a trainer's demonstration: such a
// record is never clinical.
func (s *Session) Training() bool { return s.Role == RoleTrainer }

// ApplyPersona starts a training run with a persona: its disease group is
// chosen and its checklist answers filled in, which the trainer may then
// change to show how the outcome changes.
func (s *Session) ApplyPersona(id, group string, answers map[string]Answer) {
	s.Persona = id
	s.Groups = nil
	if group != "" {
		s.Groups = []string{group}
	}
	s.Answers = nil
	for item, a := range answers {
		s.SetAnswer(item, a)
	}
}

// SkippedSteps lists the steps that ask for answers which the session has
// passed without giving any, in the order of the session: the values step
// with nothing rated, the knowledge check not answered in full, the
// checklist with nothing answered, SURE not completed. A patient may skip
// them; the record says so.
func (s *Session) SkippedSteps() []StepID {
	var out []StepID
	for _, step := range s.Steps()[:s.Index()] {
		switch step {
		case StepValues:
			if len(s.Values) == 0 && s.Leaning == "" {
				out = append(out, step)
			}
		case StepKnowledgeCheck:
			if len(s.Quiz) == 0 || len(s.Quiz) < s.QuizAsked {
				out = append(out, step)
			}
		case StepChecklist:
			if len(s.Answers) == 0 {
				out = append(out, step)
			}
		case StepSure:
			if r, ok := s.LatestSure(); !ok || !r.Complete() {
				out = append(out, step)
			}
		}
	}
	return out
}
