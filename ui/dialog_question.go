package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
)

// questionDialog takes a question for the doctor about the current page,
// or, once the session is finished, an amendment to its record. The text
// wraps over a few lines, so a long question shows whole.
type questionDialog struct {
	field textarea.Model
	amend bool
	edit  int // the page's earlier question being edited; -1 for a new one
}

// newTextArea is a plain multi-line field: no line numbers, no colours of
// its own (the app's styles suit the terminal's background), a steady
// cursor, and enter left to keep the text.
func newTextArea() textarea.Model {
	ta := textarea.New()
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.CharLimit = model.MaxQuestion
	ta.KeyMap.Paste.SetEnabled(false) // ctrl+v would run the clipboard tool of the machine, over SSH the server's
	ta.SetStyles(textarea.Styles{Cursor: textarea.CursorStyle{Blink: false}})
	ta.KeyMap.InsertNewline.SetEnabled(false)
	ta.SetHeight(4)
	return ta
}

// openAmend shows the amendment field of a finished session.
func (m *Model) openAmend() tea.Cmd {
	d := &questionDialog{field: newTextArea(), amend: true, edit: -1}
	m.dialog = d
	m.layoutDialog()
	return d.field.Focus()
}

// amendAction is the footer's amend button.
type amendAction struct{}

func (amendAction) apply(m *Model) tea.Cmd { return m.openAmend() }

// openQuestion shows the question field for the current page, holding the
// page's earlier question, if any, to edit.
func (m *Model) openQuestion() tea.Cmd {
	d := &questionDialog{field: newTextArea(), edit: -1}
	for i, q := range m.session.Questions {
		if q.Step == m.session.Current {
			d.edit = i
		}
	}
	m.dialog = d
	m.layoutDialog()
	if d.edit >= 0 {
		d.field.SetValue(m.session.Questions[d.edit].Text)
	}
	return d.field.Focus()
}

// key gives the field every key but enter (keep), esc (drop) and ctrl+c.
func (d *questionDialog) key(m *Model, k tea.KeyPressMsg) action {
	return do(func(m *Model) tea.Cmd {
		switch {
		case key.Matches(k, m.keys.Interrupt):
			m.dialog = nil
			return m.requestQuit()
		case key.Matches(k, m.keys.Field.Drop):
			m.dialog = nil
			return nil
		case key.Matches(k, m.keys.Field.Keep):
			m.dialog = nil
			text := cleanNote(d.field.Value())
			if d.amend {
				if text != "" {
					return m.amend(text)
				}
				return nil
			}
			d.keep(m, text)
			return nil
		}
		if k.Text != "" {
			if k.Text = sanitizeInput(k.Text); k.Text == "" {
				return nil // a control or format character: nothing to type
			}
		}
		var cmd tea.Cmd
		d.field, cmd = d.field.Update(k)
		return cmd
	})
}

// paste takes pasted text whole, already cleaned and on one line.
func (d *questionDialog) paste(_ *Model, s string) bool {
	if utf8.RuneCountInString(d.field.Value()) >= d.field.CharLimit {
		return false // full: the rest of a long paste costs next to nothing
	}
	d.field, _ = d.field.Update(tea.PasteMsg{Content: s})
	return true
}

// keep adds the question to the session, noted on the current page, or
// puts the edited text in place of the page's earlier question (emptied,
// it is taken back).
func (d *questionDialog) keep(m *Model, text string) {
	switch {
	case d.edit >= 0 && text == "":
		m.session.Questions = append(m.session.Questions[:d.edit], m.session.Questions[d.edit+1:]...)
		m.notice = m.text.QuestionRemoved
	case d.edit >= 0:
		m.session.Questions[d.edit].Text = text
		m.notice = m.text.QuestionSaved
	case text != "":
		m.session.AddQuestion(text, m.session.Current, m.now())
		m.notice = m.text.QuestionSaved
	}
	if m.session.Current == model.StepSummary {
		m.refresh(true)
	}
}

func (d *questionDialog) width(m *Model) int { return m.dialogInner(60) }

// layout fits the field to the dialog, fewer lines on a short screen.
func (d *questionDialog) layout(m *Model) {
	d.field.SetWidth(max(1, d.width(m)-2))
	d.field.SetHeight(min(4, max(1, m.bodyHeight()-12)))
}

func (d *questionDialog) view(m *Model) (string, []zone) {
	w := d.width(m)
	title, help := m.text.QuestionTitle, m.text.QuestionHelp
	if d.amend {
		title, help = m.text.AmendTitle, m.text.AmendHelp
	}
	if d.edit >= 0 {
		help = m.text.QuestionEdit
	}
	body := lipgloss.NewStyle().Width(w).Render(help)
	lines := []string{m.st.DialogTitle.Render(title), ""}
	lines = append(lines, strings.Split(body, "\n")...)
	lines = append(lines, "")
	for i, l := range strings.Split(d.field.View(), "\n") {
		prefix := "  "
		if i == 0 {
			prefix = "> "
		}
		lines = append(lines, prefix+l)
	}
	lines = append(lines, "", m.st.Muted.Render(ansi.Truncate(m.text.QuestionKeys, w, "…")))
	return m.dialogBox(lines), nil
}
