package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// personaScreen is the trainer's choice of a practice patient.
type personaScreen struct {
	pageScreen
	focus int
}

func (p *personaScreen) leave() string {
	if p.m.session.Persona == "" {
		return p.m.text.NeedPersona
	}
	return ""
}

func (p *personaScreen) top() (string, []zone) {
	m := p.m
	c, lang := m.opt.Content, m.session.Lang
	var lines []string
	var zones []zone
	for i, id := range c.PersonaIDs {
		pe := c.Persona(lang, id)
		mark, box := "  ", "( )"
		if m.session.Persona == id {
			box = "(•)"
		}
		style := m.st.Option
		if i == p.focus {
			mark, style = "› ", m.st.OptionFocus
		}
		line := ansi.Truncate(fmt.Sprintf("%s%s %s", mark, box, pe.Title), m.bodyWidth(), "…")
		zones = append(zones, zone{0, len(lines), m.bodyWidth(), len(lines) + 1, personaChoice{p, i}})
		lines = append(lines, style.Render(line))
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

// markdown describes the focused persona: who they are, and the checklist
// answers they come with.
func (p *personaScreen) markdown() (string, bool) {
	m := p.m
	c, lang, t := m.opt.Content, m.session.Lang, m.text
	pe := c.Persona(lang, c.PersonaIDs[p.focus])
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", pe.Summary)
	if prof, ok := pe.Section("profile"); ok {
		fmt.Fprintf(&b, "%s\n\n", prof)
	}
	if g := c.Group(lang, pe.Group); g != nil {
		fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryGroups, g.Title)
	}
	answers, _ := pe.PersonaAnswers()
	for _, id := range c.ChecklistIDs {
		if item := c.Item(lang, id); item != nil {
			fmt.Fprintf(&b, "- %s: %s\n", item.Title, t.AnswerNames[answers[id]])
		}
	}
	fmt.Fprintf(&b, "\n*%s*\n", t.PersonaHint)
	return b.String(), true
}

func (p *personaScreen) key(k tea.KeyPressMsg) action {
	m := p.m
	n := len(m.opt.Content.PersonaIDs)
	switch {
	case key.Matches(k, m.keys.Up):
		return p.move((p.focus + n - 1) % n)
	case key.Matches(k, m.keys.Down):
		return p.move((p.focus + 1) % n)
	case key.Matches(k, m.keys.Persona.Choose):
		return personaChoice{p, p.focus}
	}
	return nil
}

func (p *personaScreen) move(i int) action {
	return do(func(m *Model) tea.Cmd {
		p.focus = i
		m.refresh(false)
		return nil
	})
}

// personaChoice starts the demonstration with persona i: its group and its
// checklist answers, which the trainer may change later.
type personaChoice struct {
	p *personaScreen
	i int
}

func (a personaChoice) apply(m *Model) tea.Cmd {
	c := m.opt.Content
	if a.i < 0 || a.i >= len(c.PersonaIDs) {
		return nil
	}
	a.p.focus = a.i
	pe := c.Persona(m.session.Lang, c.PersonaIDs[a.i])
	answers, _ := pe.PersonaAnswers() // checked when the content was loaded
	m.session.ApplyPersona(pe.ID, pe.Group, answers)
	m.notice = fmt.Sprintf(m.text.PersonaChosen, pe.Title)
	m.refresh(false)
	return nil
}

func (p *personaScreen) FullHelp() [][]key.Binding {
	k := p.m.keys
	return [][]key.Binding{{k.Persona.Move, k.Persona.Choose}}
}
