package ui

import (
	"strings"
	"testing"

	"stemcounsel/model"
)

// After a recovered panic the program keeps a model to draw: a nil one
// makes Bubble Tea panic again and print a stack trace on the screen.
func TestRecoveredPanicKeepsTheModel(t *testing.T) {
	m, _ := kioskModel(t, t.TempDir(), 60, 20)
	m.opt.Content = nil // a bug: the next page cannot be found
	next, cmd := m.Update(press("right"))
	if next == nil || cmd == nil || m.Crash() == "" {
		t.Fatalf("a panic returns the model and a command to stop: model %v, crash %q", next, m.Crash())
	}
	if scr := next.(*Model).View().Content; !strings.Contains(scr, "restarting") || strings.Contains(scr, "goroutine") {
		t.Fatalf("the kept model shows the neutral message:\n%s", scr)
	}
}

// A content without knowledge-check questions shows the step without
// crashing, and the session goes on past it.
func TestKnowledgeCheckWithoutQuestions(t *testing.T) {
	b := fixtureContent(t)
	b.QuizIDs = nil
	m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepKnowledgeCheck)
	send(m, press("1"), press("up"), press("down"))
	checkFits(t, m, "empty knowledge check")
	send(m, press("right"))
	if m.Crash() != "" || m.session.Current == model.StepKnowledgeCheck {
		t.Fatalf("the empty check is passed without a crash (%s): %s", m.session.Current, m.Crash())
	}
}
