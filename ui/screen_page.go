package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stemcounsel/doc"
	"stemcounsel/model"
)

// pageScreen is a reading page: the step's content page, scrolled and left
// with the global keys. Every other screen embeds it for what it does not
// do differently.
type pageScreen struct{ m *Model }

func (p *pageScreen) title(step model.StepID) string {
	return doc.StepTitle(p.m.opt.Content, p.m.session.Lang, step)
}

func (p *pageScreen) key(tea.KeyPressMsg) action { return nil }
func (p *pageScreen) top() (string, []zone)      { return "", nil }
func (p *pageScreen) markdown() (string, bool)   { return "", false }
func (p *pageScreen) input() inputMode           { return inputNone }
func (p *pageScreen) leave() string              { return "" }
func (p *pageScreen) talkingPoints() []string    { return nil }
func (p *pageScreen) enter()                     {}
func (p *pageScreen) layout()                    {}

// ShortHelp is the help bar of a reading page, most important first: the bar
// drops what does not fit from the end, and the buttons beside it already
// offer next and back.
func (p *pageScreen) ShortHelp() []key.Binding {
	m, k := p.m, p.m.keys
	if m.kiosk() {
		return []key.Binding{k.Ask, k.Help, k.Lang, k.Menu}
	}
	if m.session.Role == model.RolePatient {
		// What a patient reading alone needs: asking the doctor comes first.
		return []key.Binding{k.Ask, k.Help, k.Lang, k.Menu, k.Quit}
	}
	// The language and the contents fit at 60 columns; next and back are
	// the buttons below.
	return []key.Binding{k.Help, k.Lang, k.Menu, k.Panel, k.Ask, k.Quit}
}

// FullHelp: a reading page has no keys of its own; the help dialog adds
// the global ones.
func (p *pageScreen) FullHelp() [][]key.Binding { return nil }

// summaryScreen is the session so far, from the patient's own answers.
type summaryScreen struct{ pageScreen }

func (s *summaryScreen) markdown() (string, bool) {
	m := s.m
	m.countQuiz()
	return doc.Summary(m.session, m.opt.Content), true
}
