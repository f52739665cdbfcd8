package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// handleKey applies the key precedence: an open dialog first, then the
// screen's own keys, then the global table.
func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	m.notice = ""
	if k.String() == "ctrl+s" {
		return m.autosave(true) // try again after a failed save
	}
	if m.dialog == dialogResume {
		return m.resumeKey(k)
	}
	if m.tooSmall() {
		if key.Matches(k, m.keys.Quit) {
			return m.requestQuit()
		}
		return nil
	}
	if m.dialog == dialogQuestion {
		if k.String() == "ctrl+c" {
			m.dialog = dialogNone
			return m.requestQuit()
		}
		return m.questionKey(k)
	}
	if m.ref.Focused() && m.dialog == dialogNone {
		if k.String() == "ctrl+c" {
			return m.requestQuit()
		}
		return m.refKey(k)
	}
	if m.noteEditing && m.dialog == dialogNone {
		if k.String() == "ctrl+c" {
			return m.requestQuit()
		}
		return m.noteKey(k)
	}
	switch m.dialog {
	case dialogMenu:
		return m.menuKey(k)
	case dialogHelp:
		if key.Matches(k, m.keys.Esc, m.keys.Help, m.keys.Choose) {
			m.dialog = dialogNone
		}
		return nil
	case dialogQuit:
		return m.quitKey(k)
	}
	switch m.session.Current {
	case model.StepWelcome:
		if cmd, ok := m.welcomeKey(k); ok {
			return cmd
		}
	case model.StepChooseGroup:
		if cmd, ok := m.groupKey(k); ok {
			return cmd
		}
	case model.StepChecklist:
		if cmd, ok := m.checklistKey(k); ok {
			return cmd
		}
	case model.StepKnowledgeCheck:
		if cmd, ok := m.quizKey(k); ok {
			return cmd
		}
	case model.StepSure:
		if cmd, ok := m.sureKey(k); ok {
			return cmd
		}
	case model.StepPersona:
		if cmd, ok := m.personaKey(k); ok {
			return cmd
		}
	case model.StepNextStep:
		if cmd, ok := m.nextStepKey(k); ok {
			return cmd
		}
	}
	return m.globalKey(k)
}

func (m *Model) globalKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Next, m.keys.Choose):
		return m.next()
	case key.Matches(k, m.keys.Prev):
		return m.prev()
	case key.Matches(k, m.keys.Up):
		m.vp.ScrollUp(1)
	case key.Matches(k, m.keys.Down):
		m.vp.ScrollDown(1)
	case key.Matches(k, m.keys.PageUp):
		m.vp.PageUp()
	case key.Matches(k, m.keys.PageDown):
		m.vp.PageDown()
	case key.Matches(k, m.keys.Home):
		m.vp.GotoTop()
	case key.Matches(k, m.keys.End):
		m.vp.GotoBottom()
	case key.Matches(k, m.keys.Lang):
		return m.switchLang(m.session.Lang.Other())
	case key.Matches(k, m.keys.Menu):
		if !m.session.CanLeaveWelcome() {
			m.notice = m.text.WelcomeNeedRole
			return nil
		}
		m.dialog = dialogMenu
		m.menuCursor = m.session.Index()
	case key.Matches(k, m.keys.Help):
		m.dialog = dialogHelp
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
	case key.Matches(k, m.keys.Quit):
		return m.requestQuit()
	}
	return nil
}

func (m *Model) menuKey(k tea.KeyPressMsg) tea.Cmd {
	n := len(m.session.Steps())
	switch {
	case key.Matches(k, m.keys.Esc, m.keys.Menu):
		m.dialog = dialogNone
	case key.Matches(k, m.keys.Up):
		m.menuCursor = (m.menuCursor + n - 1) % n
	case key.Matches(k, m.keys.Down):
		m.menuCursor = (m.menuCursor + 1) % n
	case key.Matches(k, m.keys.Home):
		m.menuCursor = 0
	case key.Matches(k, m.keys.End):
		m.menuCursor = n - 1
	case key.Matches(k, m.keys.Choose):
		return m.jump(m.menuCursor)
	case key.Matches(k, m.keys.Quit) && k.String() == "ctrl+c":
		m.dialog = dialogNone
		return m.requestQuit()
	}
	return nil
}

// jump goes to a step of the contents menu and closes it.
func (m *Model) jump(i int) tea.Cmd {
	m.dialog = dialogNone
	steps := m.session.Steps()
	if i < 0 || i >= len(steps) {
		return nil
	}
	return m.goTo(m.session.JumpTo(steps[i], m.now()))
}

func (m *Model) quitKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Esc):
		m.dialog = dialogNone
	case key.Matches(k, m.keys.Left, m.keys.Right, m.keys.Tab):
		m.quitFocus = 1 - m.quitFocus
	case key.Matches(k, m.keys.Choose):
		if m.quitFocus == 1 {
			return tea.Quit
		}
		m.dialog = dialogNone
	case k.String() == "ctrl+c":
		// A second ctrl+c is as clear an answer as the button.
		return tea.Quit
	}
	return nil
}

func (m *Model) handleClick(c tea.MouseClickMsg) tea.Cmd {
	if c.Button != tea.MouseLeft {
		return nil
	}
	_, zones := m.compose()
	for _, z := range zones {
		if z.contains(c.X, c.Y) {
			return m.act(z.act)
		}
	}
	if m.dialog == dialogHelp {
		m.dialog = dialogNone
	}
	return nil
}

func (m *Model) act(a action) tea.Cmd {
	switch a.kind {
	case actNext:
		return m.next()
	case actPrev:
		return m.prev()
	case actWelcomeOption:
		return m.chooseWelcome(a.i)
	case actMenuItem:
		return m.jump(a.i)
	case actQuitStay:
		m.dialog = dialogNone
	case actQuitConfirm:
		return tea.Quit
	case actCloseHelp:
		m.dialog = dialogNone
	case actResume:
		return m.resume(a.i)
	case actPIN:
		return m.pinPress(a.i)
	case actCloseStaff:
		m.dialog = dialogNone
	case actStaff:
		m.dialog = dialogStaff
	case actGroupItem:
		m.toggleGroup(a.i)
	case actAnswer:
		m.answer(a.i)
	case actChecklistItem:
		m.focusItem(a.i)
	case actQuizChoice:
		m.answerQuiz(a.i)
	case actTeachBack:
		m.markTeachBack(a.i)
	case actSureItem:
		m.sureFocus = a.i
	case actPersona:
		m.choosePersona(a.i)
	case actNextStep:
		m.session.NextStep = model.NextSteps[a.i]
	case actSureAnswer:
		m.answerSure(a.i/2, []model.Answer{model.Yes, model.No}[a.i%2])
	}
	return nil
}

func (m *Model) handleWheel(w tea.MouseWheelMsg) {
	if m.dialog != dialogNone {
		return
	}
	switch w.Button {
	case tea.MouseWheelUp:
		m.vp.ScrollUp(3)
	case tea.MouseWheelDown:
		m.vp.ScrollDown(3)
	}
}
