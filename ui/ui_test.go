package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
	"stemcounsel/wording"
)

// TestRunThroughEveryStep walks each language and role from the welcome
// screen to the summary with the real content, checking that each step shows
// its own title and counter.
func TestRunThroughEveryStep(t *testing.T) {
	b := realContent(t)
	for _, lang := range model.Langs {
		for _, role := range model.Roles {
			t.Run(fmt.Sprintf("%s/%s", lang, role), func(t *testing.T) {
				m := newTestModel(t, b, Options{Lang: lang, LangSet: true, Role: role}, 80, 24)
				var seen []model.StepID
				walkToEnd(t, m, func(step model.StepID) {
					if step == model.StepPersona {
						send(m, press("enter")) // a trainer picks a persona first
					}
					seen = append(seen, step)
					scr := visible(m)
					title := b.Page(lang, step).Title
					if !strings.Contains(scr, title) {
						t.Errorf("%s: title %q not on screen:\n%s", step, title, scr)
					}
					counter := fmt.Sprintf(wording.For(lang).StepOf, len(seen), len(m.session.Steps()))
					if !strings.Contains(scr, counter) {
						t.Errorf("%s: counter %q not on screen", step, counter)
					}
					checkFits(t, m, string(step))
				})
				if !slices.Equal(seen, model.Flow(role, m.session.Groups)) {
					t.Fatalf("visited %v, want the whole flow", seen)
				}
				if m.session.Current != model.StepSummary {
					t.Fatalf("ended at %s", m.session.Current)
				}
				scr := visible(m)
				if !strings.Contains(scr, wording.For(lang).SummaryNotConsent[:20]) && !strings.Contains(unwrap(m), wording.For(lang).SummaryNotConsent) {
					t.Errorf("summary lacks the not-a-consent line")
				}
			})
		}
	}
}

// unwrap is the whole viewport content, stripped, with wrapped lines joined.
func unwrap(m *Model) string {
	send(m, press("end"))
	var b strings.Builder
	for _, l := range strings.Split(visible(m), "\n") {
		b.WriteString(strings.TrimSpace(l))
		b.WriteString(" ")
	}
	return b.String()
}

func TestWelcomeAsksWhatFlagsLeftOpen(t *testing.T) {
	b := fixtureContent(t)
	tests := []struct {
		name      string
		opt       Options
		want      []string
		wantNot   []string
		canGoNext bool
	}{
		{"nothing given", Options{}, []string{"Tiếng Việt", "English", "Bệnh nhân tự xem"}, nil, false},
		{"language given", Options{Lang: model.LangEN, LangSet: true}, []string{"Patient self-review"}, []string{"Tiếng Việt"}, false},
		{"both given", Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, []string{"Start ›"}, []string{"Patient self-review", "Tiếng Việt"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, b, tt.opt, 80, 24)
			scr := visible(m)
			for _, w := range tt.want {
				if !strings.Contains(scr, w) {
					t.Errorf("missing %q:\n%s", w, scr)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(scr, w) {
					t.Errorf("unexpected %q:\n%s", w, scr)
				}
			}
			send(m, press("right"))
			if moved := m.session.Current != model.StepWelcome; moved != tt.canGoNext {
				t.Fatalf("moved = %v, want %v", moved, tt.canGoNext)
			}
		})
	}
}

func TestWelcomeChoiceByKeys(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{}, 80, 24)
	send(m, press("right"))
	if !strings.Contains(visible(m), wording.For(model.LangVI).WelcomeNeedRole) {
		t.Fatalf("leaving without a mode must say why:\n%s", visible(m))
	}
	// Focus starts on the first mode; move to English and choose it.
	send(m, keys("up", "enter")...)
	if m.session.Lang != model.LangEN || !strings.Contains(visible(m), "Patient self-review") {
		t.Fatalf("choosing English must switch at once:\n%s", visible(m))
	}
	// Focus returned to the first mode; take the second (patient).
	send(m, keys("down", "enter")...)
	if m.session.Role != model.RolePatient {
		t.Fatalf("role = %q", m.session.Role)
	}
	send(m, press("enter")) // the focus is on Start now
	if m.session.Current != model.StepWhatItIs {
		t.Fatalf("at %s, want what-it-is", m.session.Current)
	}
}

func TestKeysCaseInsensitive(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Role: model.RolePatient, LangSet: true}, 80, 24)
	send(m, press("L"))
	if m.session.Lang != model.LangEN {
		t.Fatal("L (Caps Lock) must switch language like l")
	}
	send(m, press("M"))
	if !isOpen[*menuDialog](m) {
		t.Fatal("M must open the contents like m")
	}
}

func TestGlobalNavigationKeys(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Role: model.RolePatient, LangSet: true}, 80, 24)
	send(m, press("tab"))
	if m.session.Current != model.StepWhatItIs {
		t.Fatalf("tab: at %s", m.session.Current)
	}
	send(m, press("enter"))
	if m.session.Current != model.StepMechanism {
		t.Fatalf("enter: at %s", m.session.Current)
	}
	send(m, press("shift+tab"))
	if m.session.Current != model.StepWhatItIs {
		t.Fatalf("shift+tab: at %s", m.session.Current)
	}
	send(m, press("left"))
	if m.session.Current != model.StepWelcome {
		t.Fatalf("left: at %s", m.session.Current)
	}
}

// TestComponentLettersDoNothing checks that letters the viewport binds by
// default (and that this app does not) neither scroll nor quit.
func TestComponentLettersDoNothing(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Role: model.RolePatient, LangSet: true}, 60, 14)
	send(m, keys("right", "right")...) // the long fixture page
	if m.vp.TotalLineCount() <= m.vp.Height() {
		t.Fatal("fixture page must scroll at this size")
	}
	for _, k := range []string{"h", "b", "d", "u", "v"} {
		before := m.vp.YOffset()
		if send(m, press(k)) {
			t.Fatalf("%q quit the app", k)
		}
		if m.vp.YOffset() != before || m.session.Current != model.StepMechanism {
			t.Fatalf("%q moved the page or the step", k)
		}
	}
	send(m, press("space"))
	if m.vp.YOffset() == 0 {
		t.Fatal("space must page down")
	}
	send(m, press("home"))
	if m.vp.YOffset() != 0 {
		t.Fatal("home must go to the top")
	}
}

// TestQuitAsksOncePastTheWelcome: q on the untouched welcome quits; past
// it, q always asks once (even with nothing answered, after any amount of
// reading), and the dialog takes y and n.
func TestQuitAsksOncePastTheWelcome(t *testing.T) {
	b := fixtureContent(t)
	m := newTestModel(t, b, Options{Role: model.RolePatient, LangSet: true, Lang: model.LangEN}, 80, 24)
	if !send(m, press("q")) {
		t.Fatal("q on the untouched welcome must quit at once")
	}

	m = newTestModel(t, b, Options{Role: model.RolePatient, LangSet: true, Lang: model.LangEN}, 80, 24)
	send(m, keys("right", "right")...) // reading, nothing answered
	if send(m, press("q")) || !isOpen[*confirmDialog](m) {
		t.Fatal("q after the welcome must ask, even with nothing answered")
	}
	if scr := visible(m); !strings.Contains(scr, "Quit?") || !strings.Contains(scr, "[n Stay]") || !strings.Contains(scr, "y Quit") {
		t.Fatalf("the quit dialog must show its keys and mark the default without colour:\n%s", scr)
	}
	// Inside the dialog, answer keys are not answers and do not quit.
	if send(m, keys("1", "2")...) || !isOpen[*confirmDialog](m) {
		t.Fatal("digits in the quit dialog must do nothing")
	}
	if send(m, press("n")) || m.dialog != nil {
		t.Fatal("n must stay")
	}
	if send(m, press("q")) || !send(m, press("y")) {
		t.Fatal("q then y must quit")
	}

	m = newTestModel(t, b, Options{Role: model.RolePatient, LangSet: true, Groups: []string{"joint"}}, 80, 24)
	if send(m, press("q")) || !isOpen[*confirmDialog](m) {
		t.Fatal("q with answers must ask first, even on the welcome")
	}
	if send(m, press("enter")) || m.dialog != nil {
		t.Fatal("enter on the default button must stay")
	}
	send(m, press("q"))
	send(m, press("right")) // focus the quit button
	if !send(m, press("enter")) {
		t.Fatal("enter on Quit must quit")
	}
	m = newTestModel(t, b, Options{Role: model.RolePatient, LangSet: true, Groups: []string{"joint"}}, 80, 24)
	if send(m, press("q")) || !send(m, press("q")) {
		t.Fatal("a second q is as clear as the button")
	}

	m = newTestModel(t, b, Options{Role: model.RolePatient, LangSet: true, Groups: []string{"joint"}}, 80, 24)
	send(m, press("ctrl+c"))
	if !isOpen[*confirmDialog](m) {
		t.Fatal("ctrl+c with answers must ask too")
	}
	if send(m, press("esc")) || m.dialog != nil {
		t.Fatal("esc must cancel")
	}
}

func TestLanguageSwitchKeepsStepAndPlace(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Role: model.RolePatient, LangSet: true, Groups: []string{"lung"}}, 60, 14)
	send(m, keys("right", "right")...)
	send(m, keys("pgdown")...)
	before := m.vp.ScrollPercent()
	if before == 0 {
		t.Fatal("test needs a scrolled page")
	}
	send(m, press("l"))
	if m.session.Current != model.StepMechanism || m.session.Lang != model.LangEN {
		t.Fatalf("at %s in %s", m.session.Current, m.session.Lang)
	}
	if d := m.vp.ScrollPercent() - before; d > 0.15 || d < -0.15 {
		t.Fatalf("scroll fraction %.2f became %.2f", before, m.vp.ScrollPercent())
	}
	if !slices.Equal(m.session.Groups, []string{"lung"}) {
		t.Fatal("switching language lost the chosen group")
	}
	if !strings.Contains(visible(m), "Page mechanism") {
		t.Fatalf("title not in English:\n%s", visible(m))
	}
}

func TestContentsMenuJumps(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Role: model.RolePatient, LangSet: true}, 80, 24)
	send(m, press("m"))
	if !isOpen[*menuDialog](m) {
		t.Fatal("m must open the contents")
	}
	send(m, keys("end", "enter")...)
	if m.session.Current != model.StepSummary || m.dialog != nil {
		t.Fatalf("at %s, dialog %T", m.session.Current, m.dialog)
	}
	send(m, keys("m", "esc")...)
	if m.dialog != nil || m.session.Current != model.StepSummary {
		t.Fatal("esc must close the menu and stay")
	}
}

func TestMenuNeedsAMode(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{}, 80, 24)
	send(m, press("m"))
	if m.dialog != nil || !strings.Contains(visible(m), wording.For(model.LangVI).WelcomeNeedRole) {
		t.Fatal("the contents must wait for a mode")
	}
}

func TestSizesFitExactly(t *testing.T) {
	b := realContent(t)
	sizes := [][2]int{{80, 24}, {60, 20}, {45, 14}, {120, 40}, {40, 12}}
	for _, sz := range sizes {
		for _, lang := range model.Langs {
			t.Run(fmt.Sprintf("%dx%d/%s", sz[0], sz[1], lang), func(t *testing.T) {
				m := newTestModel(t, b, Options{Lang: lang, Role: model.RoleDoctor, Groups: []string{"joint", "neurological"}}, sz[0], sz[1])
				checkFits(t, m, "welcome")
				for _, d := range []string{"?", "esc", "m", "esc"} {
					send(m, press(d))
					checkFits(t, m, "dialog "+d)
				}
				walkToEnd(t, m, func(step model.StepID) {
					checkFits(t, m, string(step))
					send(m, press("end"))
					checkFits(t, m, string(step)+" (end)")
				})
				send(m, press("q"))
				checkFits(t, m, "quit dialog")
			})
		}
	}
}

func TestCompactLayoutCollapsesHelp(t *testing.T) {
	b := fixtureContent(t)
	m := newTestModel(t, b, Options{Role: model.RolePatient, LangSet: true}, 45, 14)
	if !strings.Contains(visible(m), "? trợ giúp") {
		t.Fatalf("compact help bar must read \"? trợ giúp\":\n%s", visible(m))
	}
	m = newTestModel(t, b, Options{Role: model.RolePatient, LangSet: true}, 80, 24)
	send(m, press("right"))
	if !strings.Contains(visible(m), "q thoát") || !strings.Contains(visible(m), "mục lục") {
		t.Fatalf("full help bar expected:\n%s", visible(m))
	}
}

func TestTooSmallSaysSoAndRecovers(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 39, 11)
	scr := visible(m)
	if !strings.Contains(strings.Join(strings.Fields(scr), " "), "too small (39x11)") {
		t.Fatalf("no too-small message:\n%s", scr)
	}
	checkFits(t, m, "too small")
	send(m, press("right"))
	if m.session.Current != model.StepWelcome {
		t.Fatal("keys other than quit must wait while the window is too small")
	}
	send(m, tea.WindowSizeMsg{Width: 60, Height: 20})
	if !strings.Contains(visible(m), "Page welcome") {
		t.Fatalf("did not recover:\n%s", visible(m))
	}
	checkFits(t, m, "recovered")
}

func TestMouse(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true}, 80, 24)
	click := func(text string) {
		t.Helper()
		for y, l := range strings.Split(visible(m), "\n") {
			if x := strings.Index(l, text); x >= 0 {
				col := len([]rune(l[:x]))
				send(m, tea.MouseClickMsg{X: col + 1, Y: y, Button: tea.MouseLeft})
				return
			}
		}
		t.Fatalf("%q not on screen:\n%s", text, visible(m))
	}
	click("Trainer demonstration")
	if m.session.Role != model.RoleTrainer {
		t.Fatalf("clicking a mode must choose it, role = %q", m.session.Role)
	}
	click("Start ›")
	if m.session.Current != model.StepPersona {
		t.Fatalf("clicking Start: at %s", m.session.Current)
	}
	send(m, press("enter")) // choose the first persona
	click("Next ›")
	if m.session.Current != model.StepWhatItIs {
		t.Fatalf("clicking Next: at %s", m.session.Current)
	}
	click("‹ Back")
	click("‹ Back")
	if m.session.Current != model.StepWelcome {
		t.Fatalf("clicking Back: at %s", m.session.Current)
	}
	send(m, keys("right", "right", "right")...) // the long fixture page
	send(m, tea.WindowSizeMsg{Width: 60, Height: 14})
	send(m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.vp.YOffset() == 0 {
		t.Fatal("the wheel must scroll")
	}
	send(m, press("m"))
	click("Page pathway")
	if m.session.Current != model.StepPathway {
		t.Fatalf("clicking a contents item: at %s", m.session.Current)
	}
}

func TestPlaceholderAndEvidenceAndDraftShown(t *testing.T) {
	b := fixtureContent(t)
	m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	send(m, press("right"))
	scr := visible(m)
	for _, want := range []string{"Evidence status: Investigational", "Draft, not yet clinically reviewed."} {
		if !strings.Contains(scr, want) {
			t.Errorf("missing %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "Note for the doctor") {
		t.Error("talking points shown to a patient")
	}
	send(m, press("m"))
	for m.session.Steps()[m.dialog.(*menuDialog).cursor] != model.StepApproval {
		send(m, press("down"))
	}
	send(m, press("enter"))
	if !strings.Contains(visible(m), wording.For(model.LangEN).Placeholder) {
		t.Errorf("placeholder step must say so:\n%s", visible(m))
	}
}

func TestSummaryListsChoices(t *testing.T) {
	b := fixtureContent(t)
	m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor, Groups: []string{"joint"}}, 100, 60)
	send(m, press("m"), press("end"), press("enter"))
	scr := visible(m)
	for _, want := range []string{"Doctor-led session", "English", "Page joint", "24 Nov 2026", b.Hash, "This is a record of an information session, not a consent form."} {
		if !strings.Contains(scr, want) {
			t.Errorf("summary lacks %q:\n%s", want, scr)
		}
	}
}
