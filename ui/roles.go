package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/model"
)

// The clinician panel: talking points for doctors, and for trainers the
// persona's script as well. Patients never see it.

// panelShown reports whether the panel is open in a role that may see it.
func (m *Model) panelShown() bool {
	return m.panelOpen && m.session.Role != model.RolePatient && m.session.Role != model.RoleUnset
}

// panelMarkdown is the panel's text for the current step.
func (m *Model) panelText() (title string, body []string) {
	c, lang, t, step := m.opt.Content, m.session.Lang, m.text, m.session.Current
	if m.session.Role == model.RoleTrainer {
		title = t.TrainerPanel
		if p := c.Persona(lang, m.session.Persona); p != nil {
			if cells, ok := p.Script(step); ok {
				names := map[string]string{"says": t.ScriptSays, "respond": t.ScriptRespond, "avoid": t.ScriptAvoid}
				for _, cell := range cells {
					body = append(body, names[cell.Key]+": "+cell.Text)
				}
				body = append(body, "")
			}
		} else if step != model.StepWelcome && step != model.StepPersona {
			body = append(body, t.NoPersona, "")
		}
	} else {
		title = t.DoctorPanel
	}
	var tp []string
	switch step {
	case model.StepChecklist:
		tp = append(tp, talkingPoints(c.Item(lang, m.focusedItem()))...)
	case model.StepKnowledgeCheck:
		tp = append(tp, talkingPoints(c.Langs[lang].Quiz[m.focusedQuiz().ID])...)
	}
	tp = append(tp, talkingPoints(c.Page(lang, step))...)
	if len(tp) > 0 {
		body = append(body, t.TalkingPoints+":")
		body = append(body, tp...)
	}
	return title, body
}

func talkingPoints(p *content.Page) []string {
	if p == nil {
		return nil
	}
	text, _ := p.Section(content.TalkingPoints)
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(plainText(l)); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// panelView draws the panel at most h rows high: in a box beside the page,
// or under a titled rule below it, where every row counts.
func (m *Model) panelView(w, h int, boxed bool) string {
	title, body := m.panelText()
	inner := w
	if boxed {
		inner = max(1, w-m.st.Panel.GetHorizontalFrameSize())
	}
	var lines []string
	for _, l := range body {
		lines = append(lines, strings.Split(lipgloss.NewStyle().Width(inner).Render(l), "\n")...)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	room := max(1, h-1) // the title row
	if boxed {
		room = max(1, h-1-m.st.Panel.GetVerticalFrameSize())
	}
	if len(lines) > room {
		lines = append(lines[:room-1], m.st.Muted.Render("… "+m.text.PanelMore))
	}
	if boxed {
		head := m.st.DialogTitle.Render(ansi.Truncate(title, inner, "…"))
		return m.st.Panel.Width(w).Render(strings.Join(append([]string{head}, lines...), "\n"))
	}
	rule := ansi.Truncate("── "+title+" "+strings.Repeat("─", w), w, "")
	return strings.Join(append([]string{m.st.DialogTitle.Render(rule)}, lines...), "\n")
}

// panelBelowHeight is the rows the panel takes under the page on a screen
// too narrow to put it beside: at most three fifths of the body, so the
// page keeps room and stays scrollable above it.
func (m *Model) panelBelowHeight() int {
	if !m.panelShown() || m.panelBeside() {
		return 0
	}
	return lipgloss.Height(m.panelView(m.innerWidth(), max(3, m.bodyHeight()*3/5), false))
}

// withPanel puts the panel beside the page on a wide screen, or below it on
// a narrower one; it never covers the page.
func (m *Model) withPanel(body string) string {
	if !m.panelShown() {
		return body
	}
	h := m.bodyHeight()
	if m.panelBeside() {
		page := strings.Join(fitLines(body, m.bodyWidth(), h), "\n")
		return lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(m.bodyWidth()).Render(page), " ", m.panelView(sidePanelWidth, h, true))
	}
	below := m.panelBelowHeight()
	page := strings.Join(fitLines(body, m.innerWidth(), h-below), "\n")
	return page + "\n" + m.panelView(m.innerWidth(), below, false)
}

// togglePanel opens or closes the clinician panel; the page is laid out
// again because a side panel takes room from it.
func (m *Model) togglePanel() {
	m.panelOpen = !m.panelOpen
	m.refresh(true)
}

// The persona choice (trainer mode).

func (m *Model) personaTop() (string, []zone) {
	c, lang := m.opt.Content, m.session.Lang
	var lines []string
	var zones []zone
	for i, id := range c.PersonaIDs {
		p := c.Persona(lang, id)
		mark, box := "  ", "( )"
		if m.session.Persona == id {
			box = "(•)"
		}
		style := m.st.Option
		if i == m.personaFocus {
			mark, style = "› ", m.st.OptionFocus
		}
		line := ansi.Truncate(fmt.Sprintf("%s%s %s", mark, box, p.Title), m.bodyWidth(), "…")
		zones = append(zones, zone{0, len(lines), m.bodyWidth(), len(lines) + 1, action{kind: actPersona, i: i}})
		lines = append(lines, style.Render(line))
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

// personaMarkdown describes the focused persona: who they are, and the
// checklist answers they come with.
func (m *Model) personaMarkdown() string {
	c, lang, t := m.opt.Content, m.session.Lang, m.text
	p := c.Persona(lang, c.PersonaIDs[m.personaFocus])
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", p.Summary)
	if prof, ok := p.Section("profile"); ok {
		fmt.Fprintf(&b, "%s\n\n", prof)
	}
	if g := c.Group(lang, p.Group); g != nil {
		fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryGroups, g.Title)
	}
	answers, _ := p.PersonaAnswers()
	for _, id := range c.ChecklistIDs {
		if item := c.Item(lang, id); item != nil {
			fmt.Fprintf(&b, "- %s: %s\n", item.Title, t.AnswerNames[answers[id]])
		}
	}
	fmt.Fprintf(&b, "\n*%s*\n", t.PersonaHint)
	return b.String()
}

func (m *Model) personaKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	n := len(m.opt.Content.PersonaIDs)
	switch {
	case key.Matches(k, m.keys.Up):
		m.personaFocus = (m.personaFocus + n - 1) % n
	case key.Matches(k, m.keys.Down):
		m.personaFocus = (m.personaFocus + 1) % n
	case key.Matches(k, m.keys.Choose):
		m.choosePersona(m.personaFocus)
		return nil, true
	default:
		return nil, false
	}
	m.refresh(false)
	return nil, true
}

// choosePersona starts the demonstration with a persona: its group and its
// checklist answers, which the trainer may change later.
func (m *Model) choosePersona(i int) {
	c := m.opt.Content
	if i < 0 || i >= len(c.PersonaIDs) {
		return
	}
	m.personaFocus = i
	p := c.Persona(m.session.Lang, c.PersonaIDs[i])
	answers, _ := p.PersonaAnswers() // checked when the content was loaded
	m.session.ApplyPersona(p.ID, p.Group, answers)
	m.notice = fmt.Sprintf(m.text.PersonaChosen, p.Title)
	m.refresh(false)
}

// The agreed next step (doctor-led sessions).

func (m *Model) nextStepTop() (string, []zone) {
	var lines []string
	var zones []zone
	for i, ns := range model.NextSteps {
		box := "( )"
		style := m.st.Option
		if m.session.NextStep == ns {
			box, style = "(•)", m.st.OptionFocus
		}
		line := ansi.Truncate(fmt.Sprintf("%d %s %s", i+1, box, m.text.NextStepNames[ns]), m.bodyWidth(), "…")
		zones = append(zones, zone{0, len(lines), m.bodyWidth(), len(lines) + 1, action{kind: actNextStep, i: i}})
		lines = append(lines, style.Render(line))
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

func (m *Model) nextStepKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	s := k.String()
	if len(s) == 1 && s[0] >= '1' && int(s[0]-'1') < len(model.NextSteps) {
		m.session.NextStep = model.NextSteps[s[0]-'1']
		return nil, true
	}
	return nil, false
}

// The patient's initials or file number, asked on the welcome screen of a
// doctor-led session only.

// refKey gives the field every key but enter, tab and esc, which leave it.
func (m *Model) refKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Choose, m.keys.Tab, m.keys.Esc, m.keys.Down):
		m.session.PatientRef = cleanNote(m.ref.Value())
		m.ref.Blur()
		m.welcomeFocus = len(m.welcomeOptions()) - 1
		return nil
	case key.Matches(k, m.keys.Up):
		m.ref.Blur()
		m.welcomeFocus = max(0, m.welcomeFocus-1)
		return nil
	default:
		var cmd tea.Cmd
		m.ref, cmd = m.ref.Update(k)
		m.session.PatientRef = cleanNote(m.ref.Value())
		return cmd
	}
}
