package ui

import (
	"strings"
	"testing"
	"time"

	"stemcounsel/model"
)

// A kiosk set to one group that nobody touches refreshes silently: no
// "still there?", no record, and staff leaving it are told nothing was
// saved.
func TestUntouchedKioskWritesNothing(t *testing.T) {
	m, clock := kioskModel(t, t.TempDir(), 80, 24)
	m.opt.Groups = []string{"joint"}
	m.nextPatient() // the kiosk as started with --group joint
	if !m.session.HasAnswers() {
		t.Fatal("the session holds the preselected group")
	}
	for range 2 { // the test's codes come round again after three
		clock.advance(2*time.Minute + 50*time.Second)
		tick(m)
		if strings.Contains(visible(m), "still there") {
			t.Fatalf("an untouched kiosk asks nobody whether they are there:\n%s", visible(m))
		}
		clock.advance(15 * time.Second)
		tick(m)
	}
	if m.session.Code == "XYW346" {
		t.Fatal("the idle kiosk still refreshes")
	}
	entries, _, err := m.opt.Store.List()
	if err != nil || len(entries) != 0 {
		t.Fatalf("an untouched kiosk wrote %d records (%v)", len(entries), err)
	}
	if msg := m.ExitMessage(); !strings.Contains(msg, "nothing was saved") {
		t.Fatalf("staff leaving an untouched kiosk are told nothing was kept: %q", msg)
	}
}

// ctrl+x while "still there?" counts down opens the PIN keypad, so staff
// digits never reach the page (where they would answer items).
func TestCtrlXDuringCountdownOpensThePIN(t *testing.T) {
	m, clock := kioskModel(t, t.TempDir(), 80, 24)
	atStep(t, m, model.StepChecklist)
	send(m, press("down")) // someone was here
	clock.advance(2*time.Minute + 45*time.Second)
	tick(m)
	if !strings.Contains(visible(m), "still there") {
		t.Fatalf("the countdown shows after use:\n%s", visible(m))
	}
	send(m, ctrlX)
	typeText(m, "1234")
	if !isOpen[*pinDialog](m) || m.dialog.(*pinDialog).pin != "1234" || len(m.session.Answers) != 0 {
		t.Fatalf("ctrl+x opens the keypad and the digits go there, answers %v:\n%s", m.session.Answers, visible(m))
	}
}
