package ui

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/model"
)

var testClock = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

func fixedNow() time.Time { return testClock }

// fixtureContent is the small content folder layout goldens use, so editing
// the real pages never churns them.
func fixtureContent(t testing.TB) *content.Bundle {
	t.Helper()
	b, err := content.Load(os.DirFS("testdata/content"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// realContent is the built-in content, loaded once: it is only read, and
// loading it for every model made the package's race run time out.
func realContent(t testing.TB) *content.Bundle {
	t.Helper()
	realOnce.Do(func() { realBundle, realErr = content.Load(content.Embedded()) })
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realBundle
}

var (
	realOnce   sync.Once
	realBundle *content.Bundle
	realErr    error
)

func newTestModel(t testing.TB, b *content.Bundle, opt Options, w, h int) *Model {
	t.Helper()
	opt.Content = b
	opt.Cache = NewRenderCache()
	if opt.Now == nil {
		opt.Now = fixedNow
	}
	if opt.noticeTick == nil {
		opt.noticeTick = func(time.Duration) tea.Cmd { return nil } // tests step the clock
	}
	m := New(opt)
	send(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// send delivers messages the way the program would, running any command
// that comes back (none of them sleep in tests: the resize debounce is off).
// It reports whether a command asked to quit.
func send(m *Model, msgs ...tea.Msg) (quit bool) {
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		if runCmd(m, cmd) {
			quit = true
		}
	}
	return quit
}

func runCmd(m *Model, cmd tea.Cmd) (quit bool) {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if runCmd(m, c) {
				quit = true
			}
		}
	default:
		_, next := m.Update(msg)
		return runCmd(m, next)
	}
	return quit
}

func press(k string) tea.KeyPressMsg {
	switch k {
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "f1":
		return tea.KeyPressMsg{Code: tea.KeyF1}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("unknown test key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

func keys(ks ...string) []tea.Msg {
	out := make([]tea.Msg, len(ks))
	for i, k := range ks {
		out[i] = press(k)
	}
	return out
}

// visible is what the user sees: the view with styling stripped.
func visible(m *Model) string { return ansi.Strip(m.View().Content) }

// checkFits fails when the screen is not exactly the window's size.
func checkFits(t *testing.T, m *Model, where string) {
	t.Helper()
	lines := strings.Split(m.View().Content, "\n")
	if len(lines) != m.height {
		t.Errorf("%s: %d lines, want exactly %d", where, len(lines), m.height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > m.width {
			t.Errorf("%s: line %d is %d wide, window is %d: %q", where, i, w, m.width, ansi.Strip(l))
		}
	}
}

// walkToEnd presses next until the session stops moving, saying yes when
// it asks to skip the rest of a step.
func walkToEnd(t *testing.T, m *Model, visit func(step model.StepID)) {
	t.Helper()
	last := model.StepID("")
	for i := 0; i < 100; i++ {
		if m.session.Current != last { // once per step, not per question
			last = m.session.Current
			visit(last)
		}
		before, shown := m.session.Current, visible(m)
		send(m, press("right"))
		if isOpen[*confirmDialog](m) {
			send(m, press("y")) // skip what is left of the step
		}
		if m.session.Current == before && visible(m) == shown {
			return
		}
	}
	t.Fatal("the flow never ends")
}

func checklistOf(m *Model) *checklistScreen {
	return m.screenAt(model.StepChecklist).(*checklistScreen)
}

func groupsOf(m *Model) *groupScreen { return m.screenAt(model.StepChooseGroup).(*groupScreen) }

// isOpen reports whether the open dialog is of type D.
func isOpen[D dialog](m *Model) bool {
	_, ok := m.dialog.(D)
	return ok
}
