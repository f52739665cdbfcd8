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
	"stemcounsel/model"
)

// answerChoices are the answers in the order of their keys 1, 2, 3.
var answerChoices = []model.Answer{model.Yes, model.No, model.NotSure}

func (m *Model) items() []string { return m.opt.Content.ChecklistIDs }

func (m *Model) focusedItem() string {
	ids := m.items()
	return ids[min(m.itemFocus, len(ids)-1)]
}

// canNote: only a doctor-led session records notes on items.
func (m *Model) canNote() bool { return m.session.Role == model.RoleDoctor }

// checklistTop is the fixed part of the checklist screen: which item, the
// question and the answers, always visible; the detail scrolls below it.
func (m *Model) checklistTop() (string, []zone) {
	w := m.bodyWidth()
	ids := m.items()
	id := m.focusedItem()
	item := m.opt.Content.Item(m.session.Lang, id)
	var lines []string
	var zones []zone

	head := m.st.StepCount.Render(fmt.Sprintf(m.text.ItemOf, m.itemFocus+1, len(ids))) + " " + m.st.Title.Render(item.Title)
	lines = append(lines, ansi.Truncate(head, w, "…"))

	// One cell per item: its number and answer mark; click to go there.
	var strip strings.Builder
	x := 0
	for i, iid := range ids {
		cell := fmt.Sprintf("%d%s", i+1, m.text.AnswerMarks[m.session.Answers[iid]])
		style := m.st.Muted
		if i == m.itemFocus {
			style = m.st.OptionFocus
		}
		if x+len(cell)+1 > w {
			break
		}
		strip.WriteString(style.Render(cell) + " ")
		zones = append(zones, zone{x, len(lines), x + lipgloss.Width(cell), len(lines) + 1, action{kind: actChecklistItem, i: i}})
		x += lipgloss.Width(cell) + 1
	}
	lines = append(lines, strip.String())

	question, _ := item.Section("question")
	q := lipgloss.NewStyle().Bold(true).Width(w).Render(strings.Join(strings.Fields(plainText(question)), " "))
	lines = append(lines, strings.Split(q, "\n")...)

	var opts strings.Builder
	x = 0
	for i, a := range answerChoices {
		label := fmt.Sprintf(" %d %s ", i+1, m.text.AnswerNames[a])
		style := m.st.Button
		if m.session.Answers[id] == a {
			style = m.st.ButtonFocus
			label = fmt.Sprintf("[%d %s]", i+1, m.text.AnswerNames[a])
		}
		if i > 0 {
			opts.WriteString(" ")
			x++
		}
		opts.WriteString(style.Render(label))
		zones = append(zones, zone{x, len(lines), x + lipgloss.Width(label), len(lines) + 1, action{kind: actAnswer, i: i}})
		x += lipgloss.Width(label)
	}
	lines = append(lines, opts.String())

	if m.canNote() {
		var note string
		switch {
		case m.noteEditing:
			note = m.text.NoteLabel + ": " + m.note.View()
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

// plainText drops Markdown emphasis for text shown outside Glamour.
func plainText(s string) string {
	return strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
}

// checklistMarkdown is the scrolling detail of the focused item: the page's
// intro, why it matters, what it means for each chosen group (or in general)
// and whether it can be looked at again.
func (m *Model) checklistMarkdown() string {
	c, lang, t := m.opt.Content, m.session.Lang, m.text
	id := m.focusedItem()
	item := c.Item(lang, id)
	var b strings.Builder
	if why, ok := item.Section("why"); ok {
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", t.ChecklistWhy, why)
	}
	var meanings []string
	for _, g := range m.session.Groups {
		if gp := c.Group(lang, g); gp != nil {
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
	if p := c.Page(lang, model.StepChecklist); p != nil {
		fmt.Fprintf(&b, "---\n\n%s\n", p.PatientText())
	}
	return b.String()
}

// checklistKey: digits answer the focused item, ↑/↓ move between items, n
// opens the doctor's note. Other keys fall through to the global table.
func (m *Model) checklistKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	n := len(m.items())
	switch s := k.String(); {
	case s == "1" || s == "2" || s == "3":
		m.answer(int(s[0] - '1'))
	case key.Matches(k, m.keys.Up):
		m.focusItem((m.itemFocus + n - 1) % n)
	case key.Matches(k, m.keys.Down):
		m.focusItem((m.itemFocus + 1) % n)
	case m.canNote() && key.Matches(k, m.keys.Note):
		m.noteEditing = true
		m.note.SetValue(m.session.Notes[m.focusedItem()])
		m.note.CursorEnd()
		return m.note.Focus(), true
	default:
		return nil, false
	}
	return nil, true
}

// answer records answer i (0-2) for the focused item. A patient moves on
// to the next item, to answer the list in one pass; a doctor stays, since a
// note (n) usually follows the answer it explains.
func (m *Model) answer(i int) {
	m.session.SetAnswer(m.focusedItem(), answerChoices[i])
	if m.itemFocus < len(m.items())-1 && !m.canNote() {
		m.focusItem(m.itemFocus + 1)
	}
}

func (m *Model) focusItem(i int) {
	m.itemFocus = i
	m.refresh(false)
}

// noteKey gives the focused note field every key but enter, tab and esc:
// enter and tab keep the note, esc drops the edit.
func (m *Model) noteKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Choose, m.keys.Tab):
		m.session.SetNote(m.focusedItem(), cleanNote(m.note.Value()))
		m.noteEditing = false
		m.note.Blur()
		m.layoutViewport()
	case key.Matches(k, m.keys.Esc):
		m.noteEditing = false
		m.note.Blur()
	default:
		var cmd tea.Cmd
		m.note, cmd = m.note.Update(k)
		return cmd
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

// outcomeMarkdown explains what the answers mean. It lists every item with
// its answer, so a Yes never hides the items still open, and it never hands
// down a verdict. It holds answers, so it is never cached.
func (m *Model) outcomeMarkdown() string {
	c, lang, t := m.opt.Content, m.session.Lang, m.text
	page := c.Page(lang, model.StepOutcome)
	outcome := m.session.Outcome(m.items())
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", t.OutcomeHeads[outcome])
	if text, ok := page.Section(string(outcome)); ok {
		fmt.Fprintf(&b, "%s\n\n", text)
	}
	fmt.Fprintf(&b, "### %s\n\n", t.YourAnswers)
	for _, id := range m.items() {
		item := c.Item(lang, id)
		a := m.session.Answers[id]
		fmt.Fprintf(&b, "- **%s:** %s.", item.Title, t.AnswerNames[a])
		if a != model.No {
			fmt.Fprintf(&b, " %s", t.Discuss)
			if again, ok := item.Section("revisit"); ok {
				fmt.Fprintf(&b, " %s", strings.Join(strings.Fields(again), " "))
			}
		}
		if note := m.session.Notes[id]; note != "" && m.canNote() {
			fmt.Fprintf(&b, "\n  *%s:* %s", t.NoteLabel, escapeMarkdown(note))
		}
		b.WriteString("\n")
	}
	if text, ok := page.Section("not-treating"); ok {
		fmt.Fprintf(&b, "\n%s\n", text)
	}
	return b.String()
}

// escapeMarkdown makes typed text show literally: every ASCII punctuation
// mark that Markdown could read as syntax gets a backslash.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()#+-.!|<>~&", r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checklistForm is the checklist on paper: each question with [ ] boxes.
func checklistForm(c *content.Bundle, lang model.Lang, t *Text) string {
	var b strings.Builder
	if p := c.Page(lang, model.StepChecklist); p != nil {
		fmt.Fprintf(&b, "%s\n\n", p.PatientText())
	}
	for i, id := range c.ChecklistIDs {
		item := c.Item(lang, id)
		q, _ := item.Section("question")
		fmt.Fprintf(&b, "**%d. %s**\n\n%s\n\n", i+1, item.Title, q)
		var boxes []string
		for _, a := range answerChoices {
			boxes = append(boxes, `\[ \] `+t.AnswerNames[a])
		}
		fmt.Fprintf(&b, "%s\n\n", strings.Join(boxes, "    "))
	}
	return b.String()
}
