package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
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
	c := m.opt.Content
	var items []radio
	for i, id := range c.PersonaIDs {
		r := radio{prefix: "  ", label: c.Persona(m.session.Lang, id).Title, on: m.session.Persona == id, act: personaChoice{p, i}}
		if i == p.focus {
			r.prefix, r.lit = "› ", true
		}
		items = append(items, r)
	}
	return m.radioList(items)
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
	switch d := m.upDown(k); {
	case d != 0:
		return p.move(cycle(p.focus, d, len(m.opt.Content.PersonaIDs), wrapAround))
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
