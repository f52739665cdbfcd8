package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
)

var ctrlX = tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl}

// wrongPINs types n wrong PINs, each checked before the next.
func wrongPINs(m *Model, n int) {
	for range n {
		send(m, ctrlX)
		typeText(m, "0000")
		send(m, press("enter"), press("esc"))
	}
}

// The lockout holds across the kiosk's resets: the hand-off and the idle
// reset replace the patient's model, not the process's count.
func TestKioskLockoutSurvivesResets(t *testing.T) {
	m, clock := kioskModel(t, t.TempDir(), 60, 20)
	wrongPINs(m, pinTriesAllowed)
	atStep(t, m, model.StepChecklist)
	send(m, press("2"))
	atStep(t, m, model.StepSummary)
	send(m, press("right"), press("space")) // finish, leave the hand-off
	if m.session.Code != "XYW346" {
		t.Fatalf("the hand-off key starts the next patient, have %s", m.session.Code)
	}
	send(m, ctrlX)
	typeText(m, "2468")
	if send(m, press("enter")) || !strings.Contains(dialogWords(m), "Try again in 1 minute.") {
		t.Fatalf("the lockout survives the reset, in words:\n%s", visible(m))
	}
	clock.advance(pinLockout + time.Second)
	send(m, press("esc"))
	wrongPINs(m, pinTriesAllowed-1)
	clock.advance(3 * time.Minute) // the idle reset, on the next tick
	tick(m)
	wrongPINs(m, 1)
	send(m, ctrlX)
	typeText(m, "2468")
	if send(m, press("enter")) {
		t.Fatal("four tries, an idle reset and one more lock the exit")
	}
}

// Tries typed faster than the slow hash answers are not each checked: one
// check runs at a time and the tries meanwhile are dropped.
func TestKioskPINBurstIsOneTry(t *testing.T) {
	m, _ := kioskModel(t, t.TempDir(), 60, 20)
	send(m, ctrlX)
	var pending []tea.Cmd
	for i := range 10000 {
		for _, r := range "1100" {
			m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		if i == 9999 {
			typeText(m, "2468") // the right PIN, last
		}
		if _, cmd := m.Update(press("enter")); cmd != nil {
			pending = append(pending, cmd)
		}
	}
	if len(pending) != 1 {
		t.Fatalf("%d checks started during one running check, want 1", len(pending))
	}
	if !strings.Contains(visible(m), "Checking the PIN") {
		t.Fatalf("the keypad says a check is running:\n%s", visible(m))
	}
	if _, cmd := m.Update(pending[0]()); runCmd(m, cmd) {
		t.Fatal("the first, wrong, try does not open the kiosk")
	}
	typeText(m, "2468")
	if !send(m, press("enter")) {
		t.Fatal("once the check has answered, the next try is checked")
	}
}

// dialogWords is the open dialog's text with its frame and line breaks
// taken out.
func dialogWords(m *Model) string {
	if m.dialog == nil {
		return ""
	}
	box, _ := m.dialog.view(m)
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "─", " ", "╭", " ", "╮", " ", "╰", " ", "╯", " ").Replace(ansi.Strip(box))), " ")
}

// The lock time reads in the session's language, not as Go's 1m0s.
func TestKioskLockTimeInVietnamese(t *testing.T) {
	m, clock := kioskModel(t, t.TempDir(), 60, 20)
	send(m, press("l"))
	if m.session.Lang != model.LangVI {
		t.Fatal("l switches the kiosk to Vietnamese")
	}
	wrongPINs(m, pinTriesAllowed)
	send(m, ctrlX)
	if !strings.Contains(dialogWords(m), "Thử lại sau 1 phút.") {
		t.Fatalf("the lock reads 1 phút:\n%s", visible(m))
	}
	clock.advance(time.Second)
	send(m, press("esc"), ctrlX)
	if !strings.Contains(dialogWords(m), "Thử lại sau 59 giây.") {
		t.Fatalf("then 59 giây:\n%s", visible(m))
	}
}
