package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/doc"
	"stemcounsel/model"
)

// The clinician panel: talking points for doctors, and for trainers the
// persona's script as well. Patients never see it.

// panelShown reports whether the panel is open in a role that may see it.
func (m *Model) panelShown() bool {
	return m.panelOpen && m.session.Role != model.RolePatient && m.session.Role != model.RoleUnset
}

// panelText is the panel's text for the current step.
func (m *Model) panelText() (title string, body []string) {
	c, lang, t, step := m.opt.Content, m.session.Lang, m.text, m.session.Current
	if m.session.Role == model.RoleTrainer {
		title = t.TrainerPanel
		if p := c.Persona(lang, m.session.Persona); p != nil {
			if cells, ok := p.Script(step); ok {
				for _, cell := range cells {
					body = append(body, t.ScriptPart(cell.Key)+": "+cell.Text)
				}
				body = append(body, "")
			}
		} else if step != model.StepWelcome && step != model.StepPersona {
			body = append(body, t.NoPersona, "")
		}
	} else {
		title = t.DoctorPanel
	}
	tp := append(m.screen().talkingPoints(), doc.TalkingPoints(c.Page(lang, step))...)
	if len(tp) > 0 {
		body = append(body, t.TalkingPoints+":")
		body = append(body, tp...)
	}
	return title, body
}

// panelView draws the panel at most h rows high: in a box beside the page,
// or under a titled rule below it, where every row counts. What does not
// fit scrolls with the panel's own keys, and the last row says where the
// reader is.
func (m *Model) panelView(w, h int, boxed bool) string {
	title, _ := m.panelText()
	inner := w
	if boxed {
		inner = max(1, w-m.st.Panel.GetHorizontalFrameSize())
	}
	lines, room := m.panelRows(inner), m.panelRoom(h, boxed)
	if len(lines) > room {
		top := min(m.panelTop, len(lines)-(room-1))
		shown := append([]string(nil), lines[top:top+room-1]...)
		where := fmt.Sprintf(m.text.PanelLines, top+1, top+room-1, len(lines))
		lines = append(shown, m.st.Muted.Render(ansi.Truncate(where, inner, "…")))
	}
	if boxed {
		head := m.st.DialogTitle.Render(ansi.Truncate(title, inner, "…"))
		return m.st.Panel.Width(w).Render(strings.Join(append([]string{head}, lines...), "\n"))
	}
	rule := ansi.Truncate("── "+title+" "+strings.Repeat("─", w), w, "")
	return strings.Join(append([]string{m.st.DialogTitle.Render(rule)}, lines...), "\n")
}

// panelRows is the panel's text wrapped to w columns.
func (m *Model) panelRows(w int) []string {
	_, body := m.panelText()
	var lines []string
	for _, l := range body {
		lines = append(lines, strings.Split(lipgloss.NewStyle().Width(w).Render(l), "\n")...)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// panelRoom is the rows left for text in a panel h rows high.
func (m *Model) panelRoom(h int, boxed bool) int {
	if boxed {
		return max(2, h-1-m.st.Panel.GetVerticalFrameSize())
	}
	return max(2, h-1) // the title row
}

// panelBelowHeight is the rows the panel takes under the page on a screen
// too narrow to put it beside: at most half of what the screen's fixed
// part leaves, so the page (a persona's description, the not-listed
// group) keeps room above it; the panel scrolls for the rest.
func (m *Model) panelBelowHeight() int {
	if !m.panelShown() || m.panelBeside() {
		return 0
	}
	left := m.bodyHeight()
	if top, _ := m.screen().top(); top != "" {
		left -= lipgloss.Height(top)
	}
	return lipgloss.Height(m.panelView(m.innerWidth(), max(3, left/2), false))
}

// withPanel puts the panel beside the page on a wide screen, or below it on
// a narrower one; it never covers the page.
func (m *Model) withPanel(body string) string {
	if !m.panelShown() {
		return body
	}
	h := m.bodyHeight()
	if m.panelBeside() {
		page := strings.Join(fitLines(body, m.pageWidth(), h), "\n")
		return lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(m.pageWidth()).Render(page), " ", m.panelView(sidePanelWidth, h, true))
	}
	below := m.panelBelowHeight()
	page := strings.Join(fitLines(body, m.innerWidth(), h-below), "\n")
	return page + "\n" + m.panelView(m.innerWidth(), below, false)
}

// scrollPanel moves the panel's text by half its height, up (dir -1) or
// down, stopping at either end.
func (m *Model) scrollPanel(dir int) {
	if !m.panelShown() {
		return
	}
	w, h, boxed := m.innerWidth(), m.panelBelowHeight(), false
	if m.panelBeside() {
		w, h, boxed = sidePanelWidth-m.st.Panel.GetHorizontalFrameSize(), m.bodyHeight(), true
	}
	room := m.panelRoom(h, boxed)
	rows := len(m.panelRows(w))
	if rows <= room {
		m.panelTop = 0
		return
	}
	m.panelTop = min(max(0, m.panelTop+dir*max(1, room/2)), rows-(room-1))
}

// togglePanel opens or closes the clinician panel; the page is laid out
// again because a side panel takes room from it.
func (m *Model) togglePanel() {
	m.panelOpen = !m.panelOpen
	m.panelTop = 0
	m.refresh(true)
}
