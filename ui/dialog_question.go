package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
)

// questionDialog takes a question for the doctor about the current page,
// or, once the session is finished, an amendment to its record.
type questionDialog struct {
	field textinput.Model
	amend bool
}

// openAmend shows the amendment field of a finished session.
func (m *Model) openAmend() tea.Cmd {
	d := &questionDialog{field: newNoteInput(), amend: true}
	m.dialog = d
	m.layoutDialog()
	return d.field.Focus()
}

// amendAction is the footer's amend button.
type amendAction struct{}

func (amendAction) apply(m *Model) tea.Cmd { return m.openAmend() }

// openQuestion shows the question field for the current page.
func (m *Model) openQuestion() tea.Cmd {
	d := &questionDialog{field: newNoteInput()}
	m.dialog = d
	m.layoutDialog()
	return d.field.Focus()
}

// key gives the field every key but enter (keep), esc (drop) and ctrl+c.
func (d *questionDialog) key(m *Model, k tea.KeyPressMsg) action {
	switch {
	case key.Matches(k, m.keys.Interrupt):
		return do(func(m *Model) tea.Cmd {
			m.dialog = nil
			return m.requestQuit()
		})
	}
	return do(func(m *Model) tea.Cmd {
		end, cmd := typeInto(&d.field, k, m.keys.Field.Drop, m.keys.Field.Keep)
		if end == kept && d.amend {
			m.dialog = nil
			if text := cleanNote(d.field.Value()); text != "" {
				return m.amend(text)
			}
			return cmd
		}
		if end == kept {
			d.keep(m)
		}
		if end != typing {
			m.dialog = nil
		}
		return cmd
	})
}

// keep adds the question to the session, noted on the current page.
func (d *questionDialog) keep(m *Model) {
	if text := cleanNote(d.field.Value()); text != "" {
		m.session.AddQuestion(text, m.session.Current, m.now())
		m.notice = m.text.QuestionSaved
	}
	if m.session.Current == model.StepSummary {
		m.refresh(true)
	}
}

func (d *questionDialog) width(m *Model) int { return m.dialogInner(60) }

// layout fits the field to the dialog.
func (d *questionDialog) layout(m *Model) { d.field.SetWidth(max(1, d.width(m)-2)) }

func (d *questionDialog) view(m *Model) (string, []zone) {
	w := d.width(m)
	title, help := m.text.QuestionTitle, m.text.QuestionHelp
	if d.amend {
		title, help = m.text.AmendTitle, m.text.AmendHelp
	}
	body := lipgloss.NewStyle().Width(w).Render(help)
	lines := []string{m.st.DialogTitle.Render(title), ""}
	lines = append(lines, strings.Split(body, "\n")...)
	lines = append(lines, "", "> "+d.field.View(), "", m.st.Muted.Render(ansi.Truncate(m.text.QuestionKeys, w, "…")))
	return m.dialogBox(lines), nil
}
