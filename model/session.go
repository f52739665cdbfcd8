package model

import (
	"slices"
	"time"
)

// PageView records that a step was shown, and when.
type PageView struct {
	Step StepID
	At   time.Time
}

// Session is one counseling conversation. Its zero value is not usable; use
// NewSession.
type Session struct {
	// Code is the hand-off code that names the session's record.
	Code    string
	Lang    Lang
	Role    Role
	Started time.Time
	// Kiosk marks a waiting-room session: it is never resumed, so one left
	// in progress counts as abandoned.
	Kiosk bool

	// Groups are the chosen disease groups; the first is the primary one.
	Groups []string

	// Current is the step on screen.
	Current StepID

	// Viewed lists every arrival at a step, in order.
	Viewed []PageView

	// Answers to the exclusion checklist by item id, the doctor's notes on
	// items, and concerns raised during the session.
	Answers  map[string]Answer
	Notes    map[string]string
	Concerns []Concern

	// The decision aids: first knowledge-check answers, the questions whose
	// wrong answers raised the expectations concern, teach-back marks,
	// every SURE test, and the questions for the doctor.
	Quiz              []QuizAnswer
	QuizAsked         int // how many questions the check asks this session
	ExpectationMisses []string
	TeachBack         map[string]TeachBack
	Sure              []SureRecord
	Questions         []Question

	// Roles: the persona of a training run, the patient's initials or file
	// number (doctor-led sessions only) and the agreed next step.
	Persona    string
	PatientRef string
	NextStep   NextStep

	// The values step: how much each value matters, and where the patient
	// is leaning (empty until chosen: not sure yet).
	Values  map[string]Importance
	Leaning Leaning

	// Consent is the patient's answer on keeping the record; nil until asked.
	Consent *Consent

	// Baseline is the follow-up's first measurement; nil until taken.
	Baseline *Assessment
}

// NewSession starts a session on the welcome step.
func NewSession(lang Lang, role Role, now time.Time) *Session {
	s := &Session{Lang: lang, Role: role, Started: now, Current: StepWelcome}
	s.Viewed = append(s.Viewed, PageView{Step: StepWelcome, At: now})
	return s
}

// Steps is the current flow.
func (s *Session) Steps() []StepID { return Flow(s.Role, s.Groups) }

// Index is the position of the current step in the flow (0-based).
func (s *Session) Index() int {
	return max(0, slices.Index(s.Steps(), s.Current))
}

// CanLeaveWelcome reports whether the welcome step has been answered: the
// role decides which steps follow.
func (s *Session) CanLeaveWelcome() bool { return s.Role != RoleUnset }

// Next moves to the following step and reports whether it moved.
func (s *Session) Next(now time.Time) bool {
	steps := s.Steps()
	i := s.Index()
	if i+1 >= len(steps) || (s.Current == StepWelcome && !s.CanLeaveWelcome()) {
		return false
	}
	s.enter(steps[i+1], now)
	return true
}

// Prev moves to the step before and reports whether it moved.
func (s *Session) Prev(now time.Time) bool {
	i := s.Index()
	if i == 0 {
		return false
	}
	s.enter(s.Steps()[i-1], now)
	return true
}

// JumpTo moves to any step of the current flow and reports whether it could.
// Leaving the welcome step still needs a role.
func (s *Session) JumpTo(step StepID, now time.Time) bool {
	if !slices.Contains(s.Steps(), step) || (step != StepWelcome && !s.CanLeaveWelcome()) {
		return false
	}
	if step != s.Current {
		s.enter(step, now)
	}
	return true
}

func (s *Session) enter(step StepID, now time.Time) {
	s.Current = step
	s.Viewed = append(s.Viewed, PageView{Step: step, At: now})
}

// ToggleGroup adds a group to the choice, or removes it if already chosen.
// It reports whether the group is chosen afterwards.
func (s *Session) ToggleGroup(group string) bool {
	if i := slices.Index(s.Groups, group); i >= 0 {
		s.Groups = slices.Delete(s.Groups, i, i+1)
		return false
	}
	s.Groups = append(s.Groups, group)
	return true
}

// HasAnswers reports whether quitting would lose anything the user chose
// about their care (not just the language or mode).
func (s *Session) HasAnswers() bool {
	return len(s.Groups) > 0 || len(s.Answers) > 0 || len(s.Notes) > 0 ||
		len(s.Quiz) > 0 || len(s.TeachBack) > 0 || len(s.Sure) > 0 || len(s.Questions) > 0 ||
		s.PatientRef != "" || s.NextStep != NextUnset || len(s.Values) > 0 || s.Leaning != "" || s.Baseline != nil
}

// ViewedSteps lists each step shown at least once, in the order first seen.
func (s *Session) ViewedSteps() []StepID {
	var out []StepID
	for _, v := range s.Viewed {
		if !slices.Contains(out, v.Step) {
			out = append(out, v.Step)
		}
	}
	return out
}

// GoBackTo takes the session to the earliest of steps it shows, as when
// those pages changed since the session began; it reports whether it moved.
func (s *Session) GoBackTo(steps []StepID, now time.Time) bool {
	for _, step := range s.Steps() {
		if step == s.Current {
			return false // nothing changed before where the session stands
		}
		if slices.Contains(steps, step) {
			return s.JumpTo(step, now)
		}
	}
	return false
}
