package ui

import (
	"errors"
	"fmt"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"
)

// Starting is the program's model while the session is being made. Bubble
// Tea sets the terminal up and draws its first frame one frame-time after
// it starts; making the session (loading the content) in that time, on
// another core, means the first frame does not wait for it. Whatever
// arrives meanwhile (the window's size, its environment, keys) is handed
// to the session once it exists, in order.
type Starting struct {
	ready chan started
	early []tea.Msg
	model *Model
	err   error
	crash string
}

type started struct {
	model *Model
	err   error
	crash string
}

// Start makes the session with newSession, at once, beside the program.
func Start(newSession func() (*Model, error)) *Starting {
	s := &Starting{ready: make(chan started, 1)}
	go func() {
		defer func() { // the terminal is the program's: no panic may end it raw
			if r := recover(); r != nil {
				s.ready <- started{err: errors.New("the session could not be made"), crash: fmt.Sprintf("panic: %v\n\n%s", r, debug.Stack())}
			}
		}()
		m, err := newSession()
		if m == nil && err == nil {
			err = errors.New("the session could not be made")
		}
		s.ready <- started{model: m, err: err}
	}()
	return s
}

// Init waits for the session.
func (s *Starting) Init() tea.Cmd {
	return func() tea.Msg { return <-s.ready }
}

// Update keeps what arrives until the session exists, then hands it over:
// from then on the session is the program's model.
func (s *Starting) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	st, ok := msg.(started)
	if !ok {
		s.early = append(s.early, msg)
		return s, nil
	}
	if st.err != nil {
		s.err, s.crash = st.err, st.crash
		return s, tea.Quit
	}
	s.model = st.model
	var next tea.Model = st.model
	cmds := []tea.Cmd{st.model.Init()}
	for _, msg := range s.early {
		var cmd tea.Cmd
		next, cmd = next.Update(msg)
		cmds = append(cmds, cmd)
	}
	s.early = nil
	return next, tea.Batch(cmds...)
}

// View is empty, on the screen the app was started from: if the session
// cannot be made, its error is printed where the screen never changed.
// The session's first frame turns the alternate screen on.
func (s *Starting) View() tea.View { return tea.NewView("") }

// Model is the session once the program has stopped: nil with the error
// that kept it from being made, or nil if the program stopped first.
func (s *Starting) Model() (*Model, error) { return s.model, s.err }

// Crash is the panic report, if making the session panicked.
func (s *Starting) Crash() string { return s.crash }
