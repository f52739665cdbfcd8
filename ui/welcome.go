package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"stemcounsel/model"
)

// welcomeOption is one focusable choice of the welcome screen.
type welcomeOption struct {
	lang  model.Lang // a language choice
	role  model.Role // a mode choice
	ref   bool       // the patient's file number or initials (doctor-led only)
	start bool       // the start button
}

// welcomeOptions lists what the welcome screen asks: only what the command
// line left open, then the start button.
func (m *Model) welcomeOptions() []welcomeOption {
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

// defaultWelcomeFocus puts the focus on the first open question.
func (m *Model) defaultWelcomeFocus() int {
	opts := m.welcomeOptions()
	for i, o := range opts {
		if o.role != model.RoleUnset && m.session.Role == model.RoleUnset {
			return i
		}
	}
	return len(opts) - 1
}

// welcomeRows lays the options out: both languages on one row, one row per
// mode, then the start button.
func (m *Model) welcomeRows() [][]int {
	var rows [][]int
	var langRow []int
	for i, o := range m.welcomeOptions() {
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

// welcomeHeight is the rows the choices take above the welcome text.
func (m *Model) welcomeHeight() int {
	h := len(m.welcomeRows()) + 1 // a blank row before the text
	if m.showWelcomeHint() {
		h++
	}
	if m.kiosk() {
		h += lipgloss.Height(m.kioskWelcome())
	}
	return h
}

// showWelcomeHint: the how-to line is worth its row only when there is a
// choice to make and room for it.
func (m *Model) showWelcomeHint() bool { return !m.compact() && len(m.welcomeOptions()) > 1 }

func (m *Model) welcomeLabel(o welcomeOption) string {
	switch {
	case o.start:
		return m.text.Start
	case o.ref:
		return m.text.PatientRefLabel + ": " + m.ref.View()
	case o.lang != "":
		return radio(m.session.Lang == o.lang) + " " + LanguageNames[o.lang]
	default:
		return radio(m.session.Role == o.role) + " " + m.text.RoleNames[o.role]
	}
}

func radio(on bool) string {
	if on {
		return "(•)"
	}
	return "( )"
}

func (m *Model) welcomeView() (string, []zone) {
	opts := m.welcomeOptions()
	var lines []string
	var zones []zone
	if m.kiosk() {
		lines = append(lines, strings.Split(m.kioskWelcome(), "\n")...)
	}
	if m.showWelcomeHint() {
		lines = append(lines, m.st.Muted.Render(m.text.WelcomeHint))
	}
	for _, row := range m.welcomeRows() {
		var b strings.Builder
		x := 0
		for j, i := range row {
			if j > 0 {
				b.WriteString("   ")
				x += 3
			}
			label := "  " + m.welcomeLabel(opts[i]) + " "
			style := m.st.Option
			switch {
			case i == m.welcomeFocus:
				// A marker as well as colour, for screens without colour.
				label = "› " + m.welcomeLabel(opts[i]) + " "
				style = m.st.OptionFocus
			case opts[i].start:
				style = m.st.Button
			}
			b.WriteString(style.Render(label))
			w := lipgloss.Width(label)
			zones = append(zones, zone{x, len(lines), x + w, len(lines) + 1, action{kind: actWelcomeOption, i: i}})
			x += w
		}
		lines = append(lines, b.String())
	}
	lines = append(lines, "", m.vp.View())
	return strings.Join(lines, "\n"), zones
}

// welcomeKey handles the keys of the welcome choices; it reports false for
// keys the global table should handle.
func (m *Model) welcomeKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	n := len(m.welcomeOptions())
	switch {
	case key.Matches(k, m.keys.Up):
		m.welcomeFocus = (m.welcomeFocus + n - 1) % n
		return m.focusRef(), true
	case key.Matches(k, m.keys.Down):
		m.welcomeFocus = (m.welcomeFocus + 1) % n
		return m.focusRef(), true
	case key.Matches(k, m.keys.Choose), k.String() == "space":
		return m.chooseWelcome(m.welcomeFocus), true
	default:
		return nil, false
	}
}

// chooseWelcome selects an option and moves the focus to the next question.
func (m *Model) chooseWelcome(i int) tea.Cmd {
	opts := m.welcomeOptions()
	if i < 0 || i >= len(opts) {
		return nil
	}
	m.welcomeFocus = i
	o := opts[i]
	switch {
	case o.start:
		return m.next()
	case o.ref:
		return m.focusRef()
	case o.lang != "":
		cmd := m.switchLang(o.lang)
		m.welcomeFocus = m.defaultWelcomeFocus()
		return cmd
	default:
		m.session.Role = o.role
		m.panelOpen = o.role == model.RoleTrainer
		m.welcomeFocus = len(m.welcomeOptions()) - 1
		m.layoutViewport()
		return nil
	}
}

// focusRef puts the cursor in the file-number field when the focus lands on
// it, so typing goes straight in.
func (m *Model) focusRef() tea.Cmd {
	opts := m.welcomeOptions()
	if m.welcomeFocus < len(opts) && opts[m.welcomeFocus].ref {
		return m.ref.Focus()
	}
	m.ref.Blur()
	return nil
}
