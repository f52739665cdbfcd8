package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// handleKey applies the key precedence: the resume choice at start, a text
// field, an open dialog, then the screen's own keys, then the global table.
// A kiosk's guard has run before (kioskKey).
func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	m.notice = ""
	if key.Matches(k, m.keys.Save) {
		return m.autosave(true) // try again after a failed save
	}
	if d, ok := m.dialog.(*resumeDialog); ok {
		return m.act(d.key(m, k))
	}
	if m.tooSmall() {
		if key.Matches(k, m.keys.Quit) {
			return m.requestQuit()
		}
		return nil
	}
	scr := m.screen()
	if m.dialog == nil && scr.input() == inputField {
		if key.Matches(k, m.keys.Interrupt) {
			return m.requestQuit()
		}
		return m.act(scr.key(k))
	}
	if m.dialog != nil {
		return m.act(m.dialog.key(m, k))
	}
	if a := scr.key(k); a != nil {
		return m.act(a)
	}
	return m.globalKey(k)
}

func (m *Model) globalKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Next, m.keys.Choose):
		return m.next()
	case key.Matches(k, m.keys.Prev):
		return m.prev()
	case key.Matches(k, m.keys.PanelUp):
		m.scrollPanel(-1)
	case key.Matches(k, m.keys.PanelDown):
		m.scrollPanel(1)
	case key.Matches(k, m.keys.Up):
		m.vp.ScrollUp(1)
	case key.Matches(k, m.keys.Down):
		m.vp.ScrollDown(1)
	case key.Matches(k, m.keys.HalfUp):
		m.vp.HalfPageUp()
	case key.Matches(k, m.keys.HalfDown):
		m.vp.HalfPageDown()
	case key.Matches(k, m.keys.Find.Open):
		return m.openSearch()
	case key.Matches(k, m.keys.Find.Next):
		m.nextHit(1)
	case key.Matches(k, m.keys.Find.Prev):
		m.nextHit(-1)
	case key.Matches(k, m.keys.PageUp):
		m.vp.PageUp()
	case key.Matches(k, m.keys.PageDown):
		m.vp.PageDown()
	case key.Matches(k, m.keys.Home):
		m.vp.GotoTop()
	case key.Matches(k, m.keys.End):
		m.vp.GotoBottom()
	case key.Matches(k, m.keys.Lang):
		return m.switchLang(nextLang(m.session.Lang))
	case key.Matches(k, m.keys.Menu):
		if !m.session.CanLeaveWelcome() {
			m.notice = m.text.WelcomeNeedRole
			return nil
		}
		m.dialog = &menuDialog{cursor: m.session.Index()}
	case key.Matches(k, m.keys.Help):
		m.dialog = helpDialog{}
	case key.Matches(k, m.keys.Panel):
		if m.session.Role == model.RoleDoctor || m.session.Role == model.RoleTrainer {
			m.togglePanel()
		}
	case key.Matches(k, m.keys.Ask):
		if !m.session.CanLeaveWelcome() {
			m.notice = m.text.WelcomeNeedRole
			return nil
		}
		return m.openQuestion()
	case key.Matches(k, m.keys.Consent.Change):
		return m.changeConsent()
	case key.Matches(k, m.keys.Amend) && m.finished && m.Keeps():
		return m.openAmend()
	case key.Matches(k, m.keys.Quit):
		return m.requestQuit()
	}
	return nil
}

// The footer's buttons.
type (
	nextAction struct{}
	prevAction struct{}
	staffCall  struct{}
)

func (nextAction) apply(m *Model) tea.Cmd { return m.next() }
func (prevAction) apply(m *Model) tea.Cmd { return m.prev() }
func (staffCall) apply(m *Model) tea.Cmd  { m.dialog = staffDialog{}; return nil }

func (m *Model) handleClick(c tea.MouseClickMsg) tea.Cmd {
	if c.Button != tea.MouseLeft {
		return nil
	}
	if m.visit != nil { // a kiosk's follow-up visit draws and places its own
		_, cmd := m.visit.Update(c)
		return cmd
	}
	_, zones := m.compose()
	for _, z := range zones {
		if z.contains(c.X, c.Y) {
			return m.act(z.act)
		}
	}
	if _, ok := m.dialog.(helpDialog); ok {
		m.dialog = nil // a click anywhere closes the help
	}
	return nil
}

func (m *Model) handleWheel(w tea.MouseWheelMsg) {
	if m.dialog != nil {
		return
	}
	switch w.Button {
	case tea.MouseWheelUp:
		m.vp.ScrollUp(3)
	case tea.MouseWheelDown:
		m.vp.ScrollDown(3)
	}
}
