package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// testScreen exists only in this test: a counter with a button and a key.
type testScreen struct {
	pageScreen
	pressed int
}

func (s *testScreen) title(model.StepID) string { return "Counter screen" }

func (s *testScreen) top() (string, []zone) {
	return fmt.Sprintf("[ press ] pressed %d\n", s.pressed), []zone{{0, 0, 9, 1, testPress{s}}}
}

func (s *testScreen) key(k tea.KeyPressMsg) action {
	if k.String() == "x" {
		return testPress{s}
	}
	return nil
}

func (s *testScreen) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "count one"))}
}

func (s *testScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

type testPress struct{ s *testScreen }

func (a testPress) apply(*Model) tea.Cmd { a.s.pressed++; return nil }

// TestOneTableEntryMakesAScreen registers a screen for one step and finds
// that its keys, its drawing, its help, its clicks and its name in the
// contents menu all follow from that entry alone.
func TestOneTableEntryMakesAScreen(t *testing.T) {
	screens[model.StepAbout] = func(m *Model) screen { return &testScreen{pageScreen: pageScreen{m}} }
	t.Cleanup(func() { delete(screens, model.StepAbout) })

	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepAbout)
	if scr := visible(m); !strings.Contains(scr, "Counter screen") || !strings.Contains(scr, "pressed 0") || !strings.Contains(scr, "x count one") {
		t.Fatalf("title, top and help bar must come from the screen:\n%s", scr)
	}
	send(m, press("x"))
	if !strings.Contains(visible(m), "pressed 1") {
		t.Fatalf("the key must reach the screen:\n%s", visible(m))
	}
	_, zones := m.compose()
	for _, z := range zones {
		if _, ok := z.act.(testPress); ok {
			send(m, tea.MouseClickMsg{X: z.x0 + 1, Y: z.y0, Button: tea.MouseLeft})
		}
	}
	if !strings.Contains(visible(m), "pressed 2") {
		t.Fatalf("the click must do what the key does:\n%s", visible(m))
	}
	send(m, press("?"))
	if scr := visible(m); !strings.Contains(scr, "x count one") {
		t.Fatalf("the help dialog must list the screen's keys:\n%s", scr)
	}
	send(m, press("esc"), press("m"))
	if scr := visible(m); !strings.Contains(scr, "Counter screen") || !isOpen[*menuDialog](m) {
		t.Fatalf("the contents must name the screen:\n%s", scr)
	}
	send(m, press("esc"), press("right"))
	if m.session.Current == model.StepAbout {
		t.Fatal("keys the screen leaves must reach the global table")
	}
	if got := m.screenAt(model.StepApproval).title(model.StepApproval); got != "Page approval" {
		t.Fatalf("other steps keep their reading page: %q", got)
	}
}

// TestHelpListsTheKeysOfTheScreen opens ? on screens with keys of their own:
// it lists exactly those keys and the global keys that still work there,
// and says what the mouse does.
func TestHelpListsTheKeysOfTheScreen(t *testing.T) {
	tests := []struct {
		name      string
		opt       Options
		step      model.StepID
		want, not []string
	}{
		{"page", Options{Role: model.RolePatient}, model.StepAbout,
			[]string{"↑/↓ j/k scroll", "q/ctrl+c quit", "f ask the doctor"}, []string{"1/2/3", "panel", "f1"}},
		{"checklist", Options{Role: model.RoleDoctor}, model.StepChecklist,
			[]string{"1/2/3 answer", "↑/↓ item", "n note", "d doctor's notes"}, []string{"↑/↓ j/k scroll"}},
		{"checklist patient", Options{Role: model.RolePatient}, model.StepChecklist,
			[]string{"1/2/3 answer"}, []string{"n note", "doctor's notes"}},
		{"quiz", Options{Role: model.RoleTrainer}, model.StepKnowledgeCheck,
			[]string{"1/2/3 answer", "←/→ previous/next question", "4/5 teach-back", "↑/↓ j/k scroll"}, nil},
		{"sure", Options{Role: model.RoleDoctor}, model.StepSure,
			[]string{"1/2 answer", "r ask SURE again"}, nil},
		{"next step", Options{Role: model.RoleDoctor}, model.StepNextStep,
			[]string{"1-4 choose"}, nil},
		{"kiosk", Options{Kiosk: true, Idle: time.Hour}, model.StepAbout,
			[]string{"f1 call staff", "ctrl+x staff exit"}, []string{"q/ctrl+c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Lang, tt.opt.LangSet = model.LangEN, true
			m := newTestModel(t, fixtureContent(t), tt.opt, 100, 40)
			atStep(t, m, tt.step)
			send(m, press("?"))
			scr := visible(m)
			for _, w := range append(tt.want, "Mouse: click") {
				if !strings.Contains(scr, w) {
					t.Errorf("help must list %q:\n%s", w, scr)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(scr, n) {
					t.Errorf("help must not list %q:\n%s", n, scr)
				}
			}
		})
	}
}

// TestFirstFrameDoesNotWaitForGlamour: the first window size draws the
// welcome page as plain text at once, with its words; the command it
// returns renders the page, which then replaces the plain one.
func TestFirstFrameDoesNotWaitForGlamour(t *testing.T) {
	b := realContent(t)
	opt := Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Style: "dark", Content: b, Cache: NewRenderCache(), Now: fixedNow}
	m := New(opt)
	_, cmd := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.cached() {
		t.Fatal("the first frame rendered the page with Glamour before it was drawn")
	}
	first := visible(m)
	title := b.Page(model.LangEN, model.StepWelcome).Title
	if !strings.Contains(first, title) || !strings.Contains(first, "Start ›") {
		t.Fatalf("the first frame lacks the welcome page:\n%s", first)
	}
	if cmd == nil {
		t.Fatal("no command renders the page")
	}
	send(m, cmd())
	if !m.cached() {
		t.Fatal("the page is not rendered after its command ran")
	}
	want := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Style: "dark"}, 80, 24)
	if got := visible(m); got != visible(want) {
		t.Fatalf("the rendered page did not replace the plain one:\n%s\nwant:\n%s", got, visible(want))
	}
	words := strings.Fields(first)
	if len(words) < 40 {
		t.Fatalf("the plain first frame shows too little of the page (%d words)", len(words))
	}
}
