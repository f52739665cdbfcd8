package ui

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
	"stemcounsel/records"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func kioskModel(t *testing.T, dir string, w, h int) (*Model, *fakeClock) {
	t.Helper()
	clock := &fakeClock{t: testClock}
	codes := []string{"ACD349", "XYW346", "HJK479"}
	n := 0
	store := records.OpenFolder(dir)
	t.Cleanup(store.Release)
	m := newTestModel(t, fixtureContent(t), Options{
		Lang: model.LangEN, LangSet: true, Kiosk: true, Idle: 3 * time.Minute, RetainDays: 30,
		Store: store, Code: codes[0], Now: clock.now,
		NewCode:  func() string { n++; return codes[n%len(codes)] },
		CheckPIN: func(pin string) bool { return pin == "2468" },
		idleTick: func() tea.Cmd { return nil },
	}, w, h)
	return m, clock
}

// tick delivers one idle tick and runs what it starts; the next tick is
// never scheduled (it would wait a real second): the fake clock says how
// much time has passed.
func tick(m *Model) { send(m, idleTickMsg{}) }

func TestKioskIdleResetLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	m, clock := kioskModel(t, dir, 80, 24)
	if m.session.Role != model.RolePatient || !strings.Contains(visible(m), "ACD349") || !strings.Contains(visible(m), "30 days") {
		t.Fatalf("the kiosk welcome says what is kept, for how long, and the code:\n%s", visible(m))
	}
	// A patient chooses a group, searches, answers and asks a question.
	atStep(t, m, model.StepChooseGroup)
	typeText(m, "lung")
	send(m, press("enter"))
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	send(m, press("f"))
	typeText(m, "ZEBRA question about costs")
	send(m, press("enter"))
	atStep(t, m, model.StepKnowledgeCheck)
	send(m, press("2"))

	clock.advance(2*time.Minute + 29*time.Second)
	tick(m)
	if strings.Contains(visible(m), "Are you still there?") {
		t.Fatal("no countdown before the last 30 seconds")
	}
	clock.advance(2 * time.Second)
	tick(m)
	if !strings.Contains(visible(m), "Are you still there?") || !strings.Contains(visible(m), "in 29 s,") {
		t.Fatalf("the countdown shows in the last 30 seconds:\n%s", visible(m))
	}
	before := fmt.Sprint(m.session.Quiz, m.session.Answers)
	send(m, press("1")) // "I am here": consumed, never an answer
	if fmt.Sprint(m.session.Quiz, m.session.Answers) != before || strings.Contains(visible(m), "Are you still there?") {
		t.Fatal("the key that dismisses the countdown must change no answer")
	}

	old := maps.Clone(m.screens)
	clock.advance(3 * time.Minute)
	tick(m)
	if m.session.Code != "XYW346" || m.session.Current != model.StepWelcome {
		t.Fatalf("after the idle time the kiosk starts fresh: %s at %s", m.session.Code, m.session.Current)
	}
	// Nothing of the previous patient remains: model, screens with their
	// filter and fields, dialogs, caches.
	for step, scr := range m.screens {
		if scr == old[step] {
			t.Fatalf("the %s screen of the previous patient is kept", step)
		}
	}
	if w := m.screen().(*welcomeScreen); w.m != m {
		t.Fatal("the fresh screens must belong to the model that shows them")
	}
	if m.session.HasAnswers() || m.dialog != nil || m.lastSaved != nil || groupsOf(m).filter != "" || checklistOf(m).note.Value() != "" || len(groupsOf(m).list.VisibleItems()) != len(model.Groups) {
		t.Fatalf("state left behind: %+v filter %q", m.session, groupsOf(m).filter)
	}
	walkAll(t, m, func(step model.StepID, text string) {
		for _, trace := range []string{"ZEBRA", "ACD349", "Search: lung", "Chosen: Page lung"} {
			if strings.Contains(text, trace) {
				t.Errorf("%s: the previous patient's %q is still on screen", step, trace)
			}
		}
	})
	rec, err := m.opt.Store.Load("ACD349")
	if err != nil || rec.Status != model.StatusAbandoned || rec.Questions[0].Text != "ZEBRA question about costs" {
		t.Fatalf("the abandoned record exists and opens with its code: %v %+v", err, rec)
	}
	if _, err := os.Stat(filepath.Join(dir, "ACD349.md")); err != nil {
		t.Fatal("the abandoned record has its Markdown copy")
	}
}

// walkAll visits every step of a fresh patient session and hands over the
// whole text of each screen.
func walkAll(t *testing.T, m *Model, visit func(model.StepID, string)) {
	t.Helper()
	for _, step := range m.session.Steps() {
		atStep(t, m, step)
		visit(step, unwrapAll(m))
	}
	atStep(t, m, model.StepWelcome)
}

func TestKioskExitGuard(t *testing.T) {
	m, clock := kioskModel(t, t.TempDir(), 60, 20)
	for _, k := range []tea.KeyPressMsg{
		{Code: 'c', Mod: tea.ModCtrl}, {Code: 'z', Mod: tea.ModCtrl}, {Code: '\\', Mod: tea.ModCtrl}, press("q"), press("Q"),
	} {
		if send(m, k) {
			t.Fatalf("%s must not quit a kiosk", k)
		}
	}
	send(m, tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl})
	if !isOpen[*pinDialog](m) || !strings.Contains(visible(m), "enter the PIN") {
		t.Fatalf("ctrl+x asks staff for the PIN:\n%s", visible(m))
	}
	checkFits(t, m, "PIN keypad")
	typeText(m, "1111")
	if send(m, press("enter")) {
		t.Fatal("a wrong PIN keeps the kiosk running")
	}
	// The keypad works by clicks too: 2, 4, 6, 8, OK.
	_, zones := m.compose()
	clickPad := func(i int) bool {
		for _, z := range zones {
			if a, ok := z.act.(pinPress); ok && a.i == i {
				return send(m, tea.MouseClickMsg{X: z.x0 + 1, Y: z.y0, Button: tea.MouseLeft})
			}
		}
		t.Fatalf("no keypad key %d", i)
		return false
	}
	for _, d := range []int{2, 4, 6, 8} {
		clickPad(d)
	}
	if !clickPad(11) {
		t.Fatal("the right PIN quits")
	}

	m, clock = kioskModel(t, t.TempDir(), 60, 20)
	for range pinTriesAllowed {
		send(m, tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl})
		typeText(m, "0000")
		send(m, press("enter"))
	}
	send(m, tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl})
	typeText(m, "2468")
	if send(m, press("enter")) || !strings.Contains(visible(m), "Too many wrong tries") {
		t.Fatalf("five wrong tries lock the exit:\n%s", visible(m))
	}
	clock.advance(pinLockout + time.Second)
	send(m, press("esc"))
	send(m, tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl})
	typeText(m, "2468")
	if !send(m, press("enter")) {
		t.Fatal("after a minute the right PIN works again")
	}
}

func TestKioskHandoffAndStaff(t *testing.T) {
	m, _ := kioskModel(t, t.TempDir(), 60, 20)
	send(m, press("f1"))
	if !strings.Contains(visible(m), "front desk") {
		t.Fatalf("F1 calls staff:\n%s", visible(m))
	}
	send(m, press("x"))
	if m.dialog != nil {
		t.Fatal("any key closes the staff message")
	}
	_, zones := m.compose()
	for _, z := range zones {
		if _, ok := z.act.(staffCall); ok {
			send(m, tea.MouseClickMsg{X: z.x0 + 1, Y: z.y0, Button: tea.MouseLeft})
		}
	}
	if !isOpen[staffDialog](m) {
		t.Fatal("the staff button is clickable")
	}
	send(m, press("x"))
	atStep(t, m, model.StepChecklist)
	send(m, press("2"))
	atStep(t, m, model.StepSummary)
	send(m, press("right")) // finish
	scr := visible(m)
	if !m.handoff || !strings.Contains(scr, "A C D 3 4 9") || !strings.Contains(scr, "give this code") {
		t.Fatalf("finishing shows the code large:\n%s", scr)
	}
	checkFits(t, m, "hand-off")
	send(m, press("space"))
	if m.handoff || m.session.Code != "XYW346" || m.session.HasAnswers() {
		t.Fatal("a key after the hand-off starts fresh")
	}
	if _, err := m.opt.Store.Load("ACD349"); err != nil {
		t.Fatal("the finished record stays")
	}
}

func TestKioskFitsAt60x20(t *testing.T) {
	m, _ := kioskModel(t, t.TempDir(), 60, 20)
	for _, step := range m.session.Steps() {
		atStep(t, m, step)
		checkFits(t, m, string(step))
	}
}

func TestPanicShowsNeutralMessage(t *testing.T) {
	m, _ := kioskModel(t, t.TempDir(), 60, 20)
	m.opt.Content = nil // a bug: the next page cannot be found
	if !send(m, press("right")) {
		t.Fatal("a panic stops the program cleanly")
	}
	if !strings.Contains(m.Crash(), "panic") {
		t.Fatalf("the crash is reported for the log: %q", m.Crash())
	}
	scr := visible(m)
	if !strings.Contains(scr, "restarting") || strings.Contains(scr, "goroutine") || strings.Contains(scr, ".go:") {
		t.Fatalf("the patient sees a neutral message, no stack trace:\n%s", scr)
	}
}
