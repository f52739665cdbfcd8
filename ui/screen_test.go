package ui

import (
	"fmt"
	"strings"
	"testing"

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
