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
// got them itself shows; until then the screen is empty, and still the one
// the app was started from.
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
	if v := s.View(); strings.TrimSpace(ansi.Strip(v.Content)) != "" || v.AltScreen {
		t.Fatalf("the screen before the session = %q (alternate screen %v), want it empty on the screen the app started from", v.Content, v.AltScreen)
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

// TestStartingStopsWhenNoSession: a session that cannot be made stops the
// program, which returns the error to print once the terminal is the
// user's again; a panic while making it is a crash, with its stack, for
// the crash log.
func TestStartingStopsWhenNoSession(t *testing.T) {
	for name, tt := range map[string]struct {
		newSession func() (*Model, error)
		err, crash string
	}{
		"error":   {func() (*Model, error) { return nil, errors.New("content broken") }, "content broken", ""},
		"panic":   {func() (*Model, error) { panic("content broken") }, "could not be made", "panic: content broken"},
		"nothing": {func() (*Model, error) { return nil, nil }, "could not be made", ""},
	} {
		t.Run(name, func(t *testing.T) {
			s := Start(tt.newSession)
			s.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			next, cmd := s.Update(s.Init()())
			if next != s || cmd == nil {
				t.Fatal("no session, but the program goes on")
			}
			if _, quit := cmd().(tea.QuitMsg); !quit {
				t.Fatal("no session, but the program does not stop")
			}
			if m, err := s.Model(); m != nil || err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Model() = %v, %v; want no session and an error with %q", m, err, tt.err)
			}
			crash := s.Crash()
			if tt.crash == "" && crash != "" || tt.crash != "" && (!strings.Contains(crash, tt.crash) || !strings.Contains(crash, "starting.go")) {
				t.Fatalf("Crash() = %q, want %q with its stack", crash, tt.crash)
			}
		})
	}
}
