package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
	"stemcounsel/wording"
)

// welcomeScreen asks what the command line left open (language, mode, the
// patient's file number for a doctor) above the welcome text.
type welcomeScreen struct {
	pageScreen
	focus int
	ref   textinput.Model // the patient's initials or file number
}

func newWelcomeScreen(m *Model) screen {
	w := &welcomeScreen{pageScreen: pageScreen{m}, ref: newNoteInput()}
	w.ref.CharLimit = model.MaxPatientRef
	w.ref.SetValue(m.session.PatientRef)
	w.focus = w.defaultFocus()
	return w
}

// welcomeOption is one focusable choice of the welcome screen.
type welcomeOption struct {
	lang  model.Lang // a language choice
	role  model.Role // a mode choice
	ref   bool       // the patient's file number or initials (doctor-led only)
	start bool       // the start button
}

// options lists what the welcome screen asks: only what the command line
// left open, then the start button.
func (w *welcomeScreen) options() []welcomeOption {
	m := w.m
	var opts []welcomeOption
	if !m.opt.LangSet {
		for _, l := range model.Langs {
			opts = append(opts, welcomeOption{lang: l})
		}
	}
	if m.opt.Role == model.RoleUnset {
		for _, r := range model.Roles {
			opts = append(opts, welcomeOption{role: r})
		}
	}
	if m.session.Role == model.RoleDoctor {
		opts = append(opts, welcomeOption{ref: true})
	}
	return append(opts, welcomeOption{start: true})
}

// defaultFocus puts the focus on the first open question.
func (w *welcomeScreen) defaultFocus() int {
	opts := w.options()
	for i, o := range opts {
		if o.role != model.RoleUnset && w.m.session.Role == model.RoleUnset {
			return i
		}
	}
	return len(opts) - 1
}

func (w *welcomeScreen) enter() {
	w.focus = w.defaultFocus()
	w.ref.Blur()
}

func (w *welcomeScreen) leave() string {
	if !w.m.session.CanLeaveWelcome() {
		return w.m.text.WelcomeNeedRole
	}
	return ""
}

func (w *welcomeScreen) input() inputMode {
	if w.ref.Focused() {
		return inputField
	}
	return inputNone
}

// rows lays the options out: both languages on one row, one row per mode,
// then the start button.
func (w *welcomeScreen) rows() [][]int {
	var rows [][]int
	var langRow []int
	for i, o := range w.options() {
		if o.lang != "" {
			langRow = append(langRow, i)
			continue
		}
		if langRow != nil {
			rows = append(rows, langRow)
			langRow = nil
		}
		rows = append(rows, []int{i})
	}
	return rows
}

// showHint: the how-to line is worth its row only when there is a choice to
// make and room for it.
func (w *welcomeScreen) showHint() bool { return !w.m.compact() && len(w.options()) > 1 }

func (w *welcomeScreen) label(o welcomeOption) string {
	m := w.m
	switch {
	case o.start:
		return m.text.Start
	case o.ref:
		return m.text.PatientRefLabel + ": " + w.ref.View()
	case o.lang != "":
		return radioBox(m.session.Lang == o.lang) + " " + wording.LanguageNames[o.lang]
	default:
		return radioBox(m.session.Role == o.role) + " " + m.text.RoleNames[o.role]
	}
}

// top is the choices above the welcome text.
func (w *welcomeScreen) top() (string, []zone) {
	m := w.m
	opts := w.options()
	var lines []string
	var zones []zone
	if m.kiosk() {
		lines = append(lines, strings.Split(m.kioskWelcome(), "\n")...)
	}
	if w.showHint() {
		lines = append(lines, m.st.Muted.Render(m.text.WelcomeHint))
	}
	for _, row := range w.rows() {
		var buttons []button
		for _, i := range row {
			b := button{"  " + w.label(opts[i]) + " ", m.st.Option, welcomeChoice{w, i}}
			switch {
			case i == w.focus:
				// A marker as well as colour, for screens without colour.
				b.label, b.style = "› "+w.label(opts[i])+" ", m.st.OptionFocus
			case opts[i].start:
				b.style = m.st.Button
			}
			buttons = append(buttons, b)
		}
		line, z := buttonRow(buttons, "   ", 0, len(lines))
		lines, zones = append(lines, line), append(zones, z...)
	}
	return strings.Join(append(lines, ""), "\n"), zones
}

// welcomeChoice selects option i, by key or by click.
type welcomeChoice struct {
	w *welcomeScreen
	i int
}

func (a welcomeChoice) apply(*Model) tea.Cmd { return a.w.choose(a.i) }

func (w *welcomeScreen) key(k tea.KeyPressMsg) action {
	if w.ref.Focused() {
		return do(func(*Model) tea.Cmd { return w.refKey(k) })
	}
	switch d := w.m.upDown(k); {
	case d != 0:
		return w.move(cycle(w.focus, d, len(w.options()), wrapAround))
	case key.Matches(k, w.m.keys.Welcome.Choose):
		return welcomeChoice{w, w.focus}
	}
	return nil
}

func (w *welcomeScreen) move(i int) action {
	return do(func(*Model) tea.Cmd {
		w.focus = i
		return w.focusRef()
	})
}

// choose selects an option and moves the focus to the next question.
func (w *welcomeScreen) choose(i int) tea.Cmd {
	m := w.m
	opts := w.options()
	if i < 0 || i >= len(opts) {
		return nil
	}
	w.focus = i
	o := opts[i]
	switch {
	case o.start:
		return m.next()
	case o.ref:
		return w.focusRef()
	case o.lang != "":
		cmd := m.switchLang(o.lang)
		w.focus = w.defaultFocus()
		return cmd
	default:
		m.session.Role = o.role
		m.panelOpen = o.role == model.RoleTrainer
		w.focus = len(w.options()) - 1
		// The margin depends on the role: wrap the text again for the new
		// width, or its ends are cut off.
		m.refresh(true)
		return nil
	}
}

// focusRef puts the cursor in the file-number field when the focus lands on
// it, so typing goes straight in.
func (w *welcomeScreen) focusRef() tea.Cmd {
	opts := w.options()
	if w.focus < len(opts) && opts[w.focus].ref {
		return w.ref.Focus()
	}
	w.ref.Blur()
	return nil
}

// refKey gives the field every key but enter, tab and esc, which leave it.
func (w *welcomeScreen) refKey(k tea.KeyPressMsg) tea.Cmd {
	m := w.m
	end, cmd := typeInto(&w.ref, k, m.keys.UpArrow, m.keys.Choose, m.keys.Tab, m.keys.Esc, m.keys.DownArrow)
	m.session.PatientRef = cleanNote(w.ref.Value())
	if end == typing && k.Text != "" {
		w.sayIfFull()
	}
	switch end {
	case kept:
		w.focus = len(w.options()) - 1
	case dropped: // ↑ leaves the field upwards
		w.focus = cycle(w.focus, -1, len(w.options()), stopAtEnds)
	}
	return cmd
}

func (w *welcomeScreen) ShortHelp() []key.Binding {
	m, k := w.m, w.m.keys
	b := []key.Binding{k.Welcome.Move, k.Welcome.Choose, k.Help}
	if !m.kiosk() {
		b = append(b, k.Quit)
	}
	return b
}

func (w *welcomeScreen) FullHelp() [][]key.Binding {
	k := w.m.keys
	return [][]key.Binding{{k.Welcome.Move, k.Welcome.Choose}}
}

// sayIfFull says why more typing does nothing in a full file number
// field, rather than cut it silently.
func (w *welcomeScreen) sayIfFull() {
	if len([]rune(w.ref.Value())) >= w.ref.CharLimit {
		w.m.notice = fmt.Sprintf(w.m.text.RefFull, w.ref.CharLimit)
	}
}
