package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
)

func (m *Model) items() []string { return m.opt.Content.ChecklistIDs }

// canNote: only a doctor-led session records notes on items.
func (m *Model) canNote() bool { return m.session.Role == model.RoleDoctor }

// checklistScreen asks the exclusion checklist one item at a time; a doctor
// may add a note to each.
type checklistScreen struct {
	pageScreen
	focus   int
	note    textinput.Model
	editing bool
}

func newChecklistScreen(m *Model) screen {
	return &checklistScreen{pageScreen: pageScreen{m}, note: newNoteInput()}
}

func (c *checklistScreen) focused() string {
	ids := c.m.items()
	return ids[min(c.focus, len(ids)-1)]
}

func (c *checklistScreen) input() inputMode {
	if c.editing {
		return inputField
	}
	return inputNone
}

func (c *checklistScreen) talkingPoints() []string {
	m := c.m
	return doc.TalkingPoints(m.opt.Content.Item(m.session.Lang, c.focused()))
}

// top is the fixed part of the checklist screen: which item, the question
// and the answers, always visible; the detail scrolls below it.
func (c *checklistScreen) top() (string, []zone) {
	m := c.m
	w := m.bodyWidth()
	ids := m.items()
	id := c.focused()
	item := m.opt.Content.Item(m.session.Lang, id)
	var lines []string
	var zones []zone

	head := m.st.StepCount.Render(fmt.Sprintf(m.text.ItemOf, c.focus+1, len(ids))) + " " + m.st.Title.Render(item.Title)
	lines = append(lines, ansi.Truncate(head, w, "…"))

	// One cell per item: its number and answer mark; click to go there.
	var strip strings.Builder
	x := 0
	for i, iid := range ids {
		cell := fmt.Sprintf("%d%s", i+1, m.text.AnswerMarks[m.session.Answers[iid]])
		style := m.st.Muted
		if i == c.focus { // the item on screen is bracketed, not only coloured
			cell, style = "["+cell+"]", m.st.OptionFocus
		}
		if x+len(cell)+1 > w {
			break
		}
		strip.WriteString(style.Render(cell) + " ")
		zones = append(zones, zone{x, len(lines), x + lipgloss.Width(cell), len(lines) + 1, checklistFocus{c, i}})
		x += lipgloss.Width(cell) + 1
	}
	// The one-letter marks get their words beside them where there is room.
	if legend := m.text.StripLegend; x+2+lipgloss.Width(legend) <= w {
		strip.WriteString(" " + m.st.Muted.Render(legend))
	}
	lines = append(lines, strip.String())

	question, _ := item.Section("question")
	q := lipgloss.NewStyle().Bold(true).Width(w).Render(oneLine(question))
	lines = append(lines, strings.Split(q, "\n")...)

	var answers []button
	for i, a := range doc.AnswerOrder {
		b := button{fmt.Sprintf(" %d %s ", i+1, m.text.AnswerNames[a]), m.st.Button, checklistAnswer{c, i}}
		if m.session.Answers[id] == a {
			b.label, b.style = fmt.Sprintf("[%d %s]", i+1, m.text.AnswerNames[a]), m.st.ButtonFocus
		}
		answers = append(answers, b)
	}
	row, rz := buttonRow(answers, " ", 0, len(lines))
	lines, zones = append(lines, row), append(zones, rz...)

	if m.canNote() {
		var note string
		switch {
		case c.editing:
			note = m.text.NoteLabel + ": " + c.note.View()
		case m.session.Notes[id] != "":
			note = m.text.NoteLabel + ": " + m.session.Notes[id]
		default:
			note = m.st.Muted.Render(m.text.NoteHint)
		}
		lines = append(lines, ansi.Truncate(note, w, "…"))
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

// markdown is the scrolling detail of the focused item: the page's intro,
// why it matters, what it means for each chosen group (or in general) and
// whether it can be looked at again.
func (c *checklistScreen) markdown() (string, bool) {
	m := c.m
	cb, lang, t := m.opt.Content, m.session.Lang, m.text
	id := c.focused()
	item := cb.Item(lang, id)
	var b strings.Builder
	// The reassurance comes before the first question, not below it.
	if p := cb.Page(lang, model.StepChecklist); p != nil && c.focus == 0 {
		fmt.Fprintf(&b, "%s\n\n", p.PatientText())
	}
	if why, ok := item.Section("why"); ok {
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", t.ChecklistWhy, why)
	}
	var meanings []string
	for _, g := range m.session.Groups {
		if gp := cb.Group(lang, g); gp != nil {
			if text, ok := gp.Section("meaning-" + id); ok {
				meanings = append(meanings, fmt.Sprintf("*%s:* %s", gp.Title, text))
			}
		}
	}
	if len(meanings) > 0 {
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", t.ChecklistForYou, strings.Join(meanings, "\n\n"))
	} else if general, ok := item.Section("meaning"); ok {
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", t.ChecklistGeneral, general)
	}
	if again, ok := item.Section("revisit"); ok {
		fmt.Fprintf(&b, "%s\n\n", again)
	}
	return b.String(), true
}

// key: a note being edited takes every key; otherwise digits answer the
// focused item, ↑/↓ move between items, n opens the doctor's note.
func (c *checklistScreen) key(k tea.KeyPressMsg) action {
	m := c.m
	if c.editing {
		return do(func(*Model) tea.Cmd { return c.noteKey(k) })
	}
	km := m.keys.Checklist
	switch d := m.upDown(k); {
	case key.Matches(k, km.Answer):
		return checklistAnswer{c, digit(k, '1')}
	case d != 0:
		return checklistFocus{c, cycle(c.focus, d, len(m.items()), stopAtEnds)}
	case m.canNote() && key.Matches(k, km.Note):
		return do(func(*Model) tea.Cmd {
			c.editing = true
			c.note.SetValue(m.session.Notes[c.focused()])
			c.note.CursorEnd()
			return c.note.Focus()
		})
	}
	return nil
}

// checklistAnswer records answer i (0-2) for the focused item. A patient
// moves on to the next item, to answer the list in one pass; a doctor
// stays, since a note (n) usually follows the answer it explains, and is
// told how to move on.
type checklistAnswer struct {
	c *checklistScreen
	i int
}

func (a checklistAnswer) apply(m *Model) tea.Cmd {
	m.session.SetAnswer(a.c.focused(), doc.AnswerOrder[a.i])
	if m.canNote() && a.c.focus < len(m.items())-1 {
		m.notice = m.text.ChecklistStay
	}
	if a.c.focus < len(m.items())-1 && !m.canNote() {
		a.c.focusItem(a.c.focus + 1)
	}
	return nil
}

// checklistFocus shows item i.
type checklistFocus struct {
	c *checklistScreen
	i int
}

func (a checklistFocus) apply(*Model) tea.Cmd { a.c.focusItem(a.i); return nil }

func (c *checklistScreen) focusItem(i int) {
	c.focus = i
	c.m.refresh(false)
}

// noteKey gives the focused note field every key but enter, tab and esc:
// enter and tab keep the note, esc drops the edit.
func (c *checklistScreen) noteKey(k tea.KeyPressMsg) tea.Cmd {
	m := c.m
	end, cmd := typeInto(&c.note, k, m.keys.Field.Drop, m.keys.Field.Keep, m.keys.Tab)
	switch end {
	case kept:
		m.session.SetNote(c.focused(), cleanNote(c.note.Value()))
		c.editing = false
		m.layoutViewport()
	case dropped:
		c.editing = false
	}
	return cmd
}

func (c *checklistScreen) ShortHelp() []key.Binding {
	k := c.m.keys
	if c.editing {
		return []key.Binding{k.Field.Keep, k.Field.Drop}
	}
	return append([]key.Binding{k.Checklist.Answer, k.Checklist.Item, k.Help, k.Quit}, c.noteBinding()...)
}

func (c *checklistScreen) FullHelp() [][]key.Binding {
	k := c.m.keys
	if c.editing {
		return [][]key.Binding{{k.Field.Keep, k.Field.Drop}}
	}
	return [][]key.Binding{append([]key.Binding{k.Checklist.Answer, k.Checklist.Item}, c.noteBinding()...)}
}

// noteBinding is the note's key, for a doctor.
func (c *checklistScreen) noteBinding() []key.Binding {
	if c.m.canNote() {
		return []key.Binding{c.m.keys.Checklist.Note}
	}
	return nil
}

// cleanNote makes typed text safe to keep and show: NFC, no control
// characters, no surrounding space.
func cleanNote(s string) string { return strings.TrimSpace(content.NFC(sanitizeInput(s))) }

func newNoteInput() textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = 200
	// A steady cursor: Update drops blink messages, and a blinking one
	// would make every typed character wait for the blink timer in tests.
	st := ti.Styles()
	st.Cursor.Blink = false
	ti.SetStyles(st)
	return ti
}
