package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// screen is one step of the session as the root model shows it. The root
// keeps the key precedence (text field, dialog, kiosk guard, screen, global
// keys) and asks the screen of the current step for everything else. A
// screen holds its own state (focus, fields) and a pointer to the root for
// the session, the content, the wording and the layout.
//
// pageScreen is the plain reading page; every other screen embeds it and
// overrides what it does differently.
type screen interface {
	help.KeyMap // the keys that work on this screen, for the help bar and ?

	// title names a step of this screen in the header and the contents menu.
	title(step model.StepID) string
	// key turns a key into what it does here; nil leaves it to the global keys.
	key(k tea.KeyPressMsg) action
	// top is the fixed part above the scrolling page, with its clickable
	// zones; "" for none.
	top() (string, []zone)
	// markdown is a page built from the patient's own answers, rendered fresh
	// and never cached; false means the step's static page.
	markdown() (string, bool)
	// input says whether a text field (all keys) or a search (letters) has
	// the keyboard.
	input() inputMode
	// leave returns why the step cannot be left yet, or "".
	leave() string
	// talkingPoints are the clinician panel's points for what is focused.
	talkingPoints() []string
	// enter runs when the session lands on the step; layout when the window,
	// the language or the banner changes.
	enter()
	layout()
}

// stepper is a screen with steps of its own, as the knowledge check has
// questions: next and back move within it before they leave the step.
// nil leaves it to the session.
type stepper interface {
	forward() action
	backward() action
}

// bodyScreen is a screen that draws its whole body itself rather than a
// fixed top over the scrolling page.
type bodyScreen interface {
	view() (string, []zone)
}

type inputMode int

const (
	inputNone   inputMode = iota
	inputSearch           // printable keys go to a search box, the rest to the app
	inputField            // a text field takes every key but ctrl+c
)

// screens maps a step to the screen that shows it; a step not listed is a
// reading page. A new interactive step is one entry here and one file.
var screens = map[model.StepID]func(m *Model) screen{
	model.StepWelcome:        newWelcomeScreen,
	model.StepChooseGroup:    newGroupScreen,
	model.StepChecklist:      newChecklistScreen,
	model.StepOutcome:        func(m *Model) screen { return &outcomeScreen{pageScreen{m}} },
	model.StepKnowledgeCheck: func(m *Model) screen { return &quizScreen{pageScreen: pageScreen{m}} },
	model.StepSure:           func(m *Model) screen { return &sureScreen{pageScreen: pageScreen{m}} },
	model.StepPersona:        func(m *Model) screen { return &personaScreen{pageScreen: pageScreen{m}} },
	model.StepNextStep:       func(m *Model) screen { return &nextStepScreen{pageScreen{m}} },
	model.StepValues:         func(m *Model) screen { return &valuesScreen{pageScreen: pageScreen{m}} },
	model.StepSummary:        func(m *Model) screen { return &summaryScreen{pageScreen{m}} },
	model.StepBaseline:       newBaselineScreen,
}

// makeScreens gives the model fresh screens: one for each step in the
// table, made when the step is first shown, and one reading page for the
// rest. A new session (a kiosk's next patient, a resumed one) gets new
// screens, so no focus or field outlives it; the first frame makes only
// the screen it draws.
func (m *Model) makeScreens() {
	m.page = &pageScreen{m}
	m.screens = make(map[model.StepID]screen, len(screens))
}

// screenAt returns the screen that shows a step.
func (m *Model) screenAt(step model.StepID) screen {
	if s, ok := m.screens[step]; ok {
		return s
	}
	if newScreen, ok := screens[step]; ok {
		s := newScreen(m)
		m.screens[step] = s
		return s
	}
	return m.page
}

// screen is the screen of the current step.
func (m *Model) screen() screen { return m.screenAt(m.session.Current) }

// action is what a key or a click does. Keys and clicks on the same thing
// produce the same action value, so both run the same code.
type action interface{ apply(m *Model) tea.Cmd }

// do is an action with no button of its own, such as scrolling.
type do func(m *Model) tea.Cmd

func (f do) apply(m *Model) tea.Cmd { return f(m) }

// act applies an action; nil does nothing.
func (m *Model) act(a action) tea.Cmd {
	if a == nil {
		return nil
	}
	return a.apply(m)
}

// handled is an action that only says the key was taken.
var handled action = do(func(*Model) tea.Cmd { return nil })
