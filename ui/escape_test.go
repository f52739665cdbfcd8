package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// A window below the minimum, with any dialog open or on the group search,
// never lets a kiosk quit: not at once, not through a quit question.
func TestKioskSmallWindowNeverQuits(t *testing.T) {
	opens := map[string]func(*testing.T, *Model){
		"help":     func(_ *testing.T, m *Model) { send(m, press("?")) },
		"contents": func(_ *testing.T, m *Model) { send(m, press("right"), press("m")) },
		"question": func(_ *testing.T, m *Model) { send(m, press("right"), press("f")) },
		"search":   func(t *testing.T, m *Model) { atStep(t, m, model.StepChooseGroup); typeText(m, "lu") },
		"answered": func(t *testing.T, m *Model) { atStep(t, m, model.StepChecklist); send(m, press("1"), press("?")) },
	}
	quits := []tea.KeyPressMsg{press("q"), press("Q"), press("ctrl+c")}
	for name, open := range opens {
		for _, size := range [][2]int{{61, 8}, {30, 10}, {39, 11}, {115, 10}} {
			m, _ := kioskModel(t, t.TempDir(), 81, 40)
			open(t, m)
			send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			for _, k := range quits {
				if send(m, k) {
					t.Fatalf("%s at %dx%d: %s quit the kiosk", name, size[0], size[1], k)
				}
				// Whatever a quit question would offer, it is never there.
				if isOpen[*confirmDialog](m) || send(m, press("right"), press("enter"), press("y")) {
					t.Fatalf("%s at %dx%d: %s opened a way out", name, size[0], size[1], k)
				}
			}
			send(m, tea.WindowSizeMsg{Width: 81, Height: 40})
			for _, k := range quits {
				if send(m, k) || isOpen[*confirmDialog](m) {
					t.Fatalf("%s at full size: %s offered a way out", name, k)
				}
			}
		}
	}
}

// ctrl+c and q in a kiosk say the same thing: only staff end it.
func TestKioskQuitKeysSayAskStaff(t *testing.T) {
	for _, k := range []tea.KeyPressMsg{press("ctrl+c"), press("q")} {
		m, _ := kioskModel(t, t.TempDir(), 80, 24)
		atStep(t, m, model.StepWhatItIs)
		if send(m, k) || !strings.Contains(visible(m), "To exit, please ask a member of staff.") {
			t.Fatalf("%s says how a kiosk is left:\n%s", k, visible(m))
		}
	}
}

// A kiosk's help and help bar never offer a way to quit.
func TestKioskHelpListsNoQuit(t *testing.T) {
	m, _ := kioskModel(t, t.TempDir(), 100, 40)
	for _, step := range m.session.Steps() {
		atStep(t, m, step)
		if strings.Contains(visible(m), "quit") {
			t.Errorf("%s: the screen offers to quit:\n%s", step, visible(m))
		}
		m.dialog = helpDialog{}
		if w := dialogWords(m); strings.Contains(w, "quit") || strings.Contains(w, "ctrl+c") {
			t.Errorf("%s: the help lists quitting: %s", step, w)
		}
		m.dialog = nil
	}
}

// The hand-off code is drawn in block letters where they fit, with the
// plain code under them; on a small screen the plain code alone.
func TestHandoffCodeInBlockLetters(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}, {44, 14}} {
		m, _ := kioskModel(t, t.TempDir(), size[0], size[1])
		atStep(t, m, model.StepChecklist)
		send(m, press("2"))
		atStep(t, m, model.StepSummary)
		send(m, press("right")) // finish
		scr := visible(m)
		block := strings.Contains(scr, "█████") // the E-less code's A, C, D, 3, 4, 9 have full rows
		if !strings.Contains(scr, "A C D 3 4 9") || block != (size[0] >= 60) {
			t.Fatalf("at %dx%d the code is plain and, where there is room, in block letters (%v):\n%s", size[0], size[1], block, scr)
		}
		checkFits(t, m, "hand-off")
	}
	for _, r := range "ACDEFGHJKMNPQRTUVWXY34679" { // the codes' alphabet
		if _, ok := bigCode(string(r)); !ok {
			t.Errorf("no block letter for %c", r)
		}
	}
}
