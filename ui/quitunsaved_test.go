package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// answeredWhileSavingFails is a patient's session whose records folder
// cannot be made (a file is in its place) with one answer given.
func answeredWhileSavingFails(t *testing.T) (*Model, string) {
	t.Helper()
	blocker := filepath.Join(t.TempDir(), "records")
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := storeModel(t, blocker, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient})
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	return m, blocker
}

// Quitting while saves fail says the answers are not saved, never quits on
// a second q, and offers to save again; once saved, the usual question.
func TestQuitWhileSavingFails(t *testing.T) {
	m, blocker := answeredWhileSavingFails(t)
	send(m, press("q"))
	words := dialogWords(m)
	if !strings.Contains(words, "NOT saved") || strings.Contains(words, "kept with code") || !strings.Contains(words, "Try again") {
		t.Fatalf("the quit question says the answers are not saved and offers to try again:\n%s", visible(m))
	}
	checkFits(t, m, "unsaved quit question")
	if send(m, press("q")) || send(m, press("enter")) {
		t.Fatal("neither a second q nor enter (on try again) quits while unsaved")
	}
	if !strings.Contains(dialogWords(m), "NOT saved") {
		t.Fatal("a retry that fails keeps the warning")
	}
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	send(m, press("enter")) // try again, now that the folder can be made
	if words := dialogWords(m); !strings.Contains(words, "kept with code ACD349") {
		t.Fatalf("saved now: the usual question:\n%s", visible(m))
	}
	if rec, err := m.opt.Store.Load("ACD349"); err != nil || rec.Checklist[0].Answer != "yes" {
		t.Fatalf("the answer is on disk before quitting: %v %+v", err, rec.Checklist)
	}
	if !send(m, press("y")) {
		t.Fatal("y quits")
	}
}

// While saving fails, the next key tries again by itself, as the kiosk's
// banner promises.
func TestFailedSaveRetriesOnTheNextKey(t *testing.T) {
	m, blocker := answeredWhileSavingFails(t)
	if m.saveErr == nil {
		t.Fatal("the save fails")
	}
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	send(m, tea.KeyPressMsg{Code: tea.KeyDown})
	if m.saveErr != nil {
		t.Fatalf("the next key saved again: %v", m.saveErr)
	}
}
