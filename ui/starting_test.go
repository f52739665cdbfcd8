package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
)

// TestStartingHandsOverWhatArrived: what the program delivers while the
// session is being made (the window's size, a key) reaches the session
// in order once it exists, and the screen is then the one a session that
// got them itself shows; until then the screen is empty, in the app's
// modes.
func TestStartingHandsOverWhatArrived(t *testing.T) {
	b := fixtureContent(t)
	opt := Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Style: "dark", Content: b, Cache: NewRenderCache(), Now: fixedNow,
		noticeTick: func(time.Duration) tea.Cmd { return nil }}
	release := make(chan struct{})
	s := Start(func() (*Model, error) { <-release; return New(opt), nil })
	early := []tea.Msg{tea.WindowSizeMsg{Width: 60, Height: 20}, press("enter")}
	for _, msg := range early {
		if next, cmd := s.Update(msg); next != s || cmd != nil {
			t.Fatalf("before the session exists, %T changed the model or asked for a command", msg)
		}
	}
	if v := s.View(); strings.TrimSpace(ansi.Strip(v.Content)) != "" || !v.AltScreen || v.MouseMode != tea.MouseModeCellMotion {
		t.Fatalf("the screen before the session = %q (alt screen %v, mouse %v), want it empty in the app's modes", v.Content, v.AltScreen, v.MouseMode)
	}
	close(release)
	next, cmd := s.Update(s.Init()())
	m, ok := next.(*Model)
	if !ok {
		t.Fatalf("the session did not take over: the model is %T", next)
	}
	runCmd(m, cmd)
	direct := New(opt)
	runCmd(direct, direct.Init())
	send(direct, early...)
	if got, want := visible(m), visible(direct); got != want {
		t.Fatalf("the handed-over session shows\n%s\nwant what one that got the messages itself shows:\n%s", got, want)
	}
	if strings.Contains(visible(m), b.Page(model.LangEN, model.StepWelcome).Title) {
		t.Fatalf("the early enter was lost: still on the welcome page\n%s", visible(m))
	}
	if got, err := s.Model(); got != m || err != nil {
		t.Fatalf("Model() = %p, %v; want the session %p", got, err, m)
	}
}

// TestStartingStopsWhenNoSession: a session that cannot be made (an error,
// or a panic while making it) stops the program, which returns the error to
// print once the terminal is the user's again.
func TestStartingStopsWhenNoSession(t *testing.T) {
	for name, newSession := range map[string]func() (*Model, error){
		"error": func() (*Model, error) { return nil, errors.New("content broken") },
		"panic": func() (*Model, error) { panic("content broken") },
	} {
		t.Run(name, func(t *testing.T) {
			s := Start(newSession)
			s.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			next, cmd := s.Update(s.Init()())
			if next != s || cmd == nil {
				t.Fatal("no session, but the program goes on")
			}
			if _, quit := cmd().(tea.QuitMsg); !quit {
				t.Fatal("no session, but the program does not stop")
			}
			if m, err := s.Model(); m != nil || err == nil || !strings.Contains(err.Error(), "content broken") {
				t.Fatalf("Model() = %v, %v; want no session and the error", m, err)
			}
		})
	}
}
