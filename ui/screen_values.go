package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/doc"
	"stemcounsel/model"
)

// valuesScreen asks how much each value matters, one line at a time, and
// then where the patient is leaning. Not sure yet is the leaning until one
// is chosen.
type valuesScreen struct {
	pageScreen
	focus int // a value's index, or len(model.ValueIDs) for the leaning
}

func (v *valuesScreen) lines() int { return len(model.ValueIDs) + 1 }

func (v *valuesScreen) onLeaning() bool { return v.focus == len(model.ValueIDs) }

func (v *valuesScreen) labels() (values, leanings map[string]string) {
	return v.m.opt.Content.ValueLabels(v.m.session.Lang)
}

// label is the focused line's wording.
func (v *valuesScreen) label() string {
	values, _ := v.labels()
	if v.onLeaning() {
		return v.m.text.LeaningTitle
	}
	return values[model.ValueIDs[v.focus]]
}

func (v *valuesScreen) top() (string, []zone) {
	m := v.m
	w := m.bodyWidth()
	var lines []string
	var zones []zone
	head := m.st.StepCount.Render(fmt.Sprintf(m.text.ValueOf, v.focus+1, v.lines()))
	lines = append(lines, ansi.Truncate(head, w, "…"))

	// One cell per line, ✓ once answered; click to go there.
	var strip strings.Builder
	x := 0
	for i := range v.lines() {
		mark := "·"
		if i < len(model.ValueIDs) && m.session.Values[model.ValueIDs[i]] != model.Unrated || i == len(model.ValueIDs) && m.session.Leaning != "" {
			mark = "✓"
		}
		cell := fmt.Sprintf("%d%s", i+1, mark)
		style := m.st.Muted
		if i == v.focus {
			cell, style = "›"+cell, m.st.OptionFocus
		}
		if x+lipgloss.Width(cell)+1 > w {
			break
		}
		strip.WriteString(style.Render(cell) + " ")
		zones = append(zones, zone{x, len(lines), x + lipgloss.Width(cell), len(lines) + 1, valuesFocus{v, i}})
		x += lipgloss.Width(cell) + 1
	}
	lines = append(lines, strip.String())

	q := lipgloss.NewStyle().Bold(true).Width(w).Render(v.label())
	lines = append(lines, strings.Split(q, "\n")...)

	if v.onLeaning() {
		_, leanings := v.labels()
		var items []radio
		for i, l := range model.Leanings {
			on := m.session.CurrentLeaning() == l
			items = append(items, radio{prefix: fmt.Sprintf("%d ", i+1), label: leanings[string(l)], on: on, lit: on, act: valuesChoice{v, i}})
		}
		list, lz := m.radioList(items)
		for _, z := range lz {
			z.y0, z.y1 = z.y0+len(lines), z.y1+len(lines)
			zones = append(zones, z)
		}
		return strings.Join(lines, "\n") + "\n" + list, zones
	}
	chosen := m.session.Values[model.ValueIDs[v.focus]]
	var buttons []button
	for i, imp := range model.Importances {
		b := button{fmt.Sprintf(" %d %s ", i+1, m.text.ImportanceNames[imp]), m.st.Button, valuesChoice{v, i}}
		if imp == chosen {
			b.label, b.style = fmt.Sprintf("[%d %s ✓]", i+1, m.text.ImportanceNames[imp]), m.st.ButtonFocus
		}
		buttons = append(buttons, b)
	}
	row, rz := buttonRow(buttons, " ", 0, len(lines))
	if lipgloss.Width(row) <= w {
		lines, zones = append(lines, row), append(zones, rz...)
	} else { // too narrow for one row: one rating a line, none cut
		for _, b := range buttons {
			r, z := buttonRow([]button{b}, "", 0, len(lines))
			lines, zones = append(lines, ansi.Truncate(r, w, "…")), append(zones, z...)
		}
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

// markdown is the page's opening and every answer so far, so the patient
// sees the whole picture while answering one line at a time.
func (v *valuesScreen) markdown() (string, bool) {
	m := v.m
	p := m.opt.Content.Page(m.session.Lang, model.StepValues)
	var b strings.Builder
	if intro, ok := p.Section("intro"); ok {
		fmt.Fprintf(&b, "%s\n\n", intro)
	}
	fmt.Fprintf(&b, "### %s\n\n", m.text.ValuesSoFar)
	b.WriteString(doc.ValuesList(m.session, m.opt.Content))
	if lean, ok := p.Section("leaning"); ok {
		fmt.Fprintf(&b, "\n%s\n", lean)
	}
	return b.String(), true
}

// talkingPoints name, for the clinician only, each value rated very
// important that the leaning pulls against.
func (v *valuesScreen) talkingPoints() []string {
	return doc.Tensions(v.m.session, v.m.opt.Content)
}

func (v *valuesScreen) key(k tea.KeyPressMsg) action {
	m := v.m
	switch {
	case key.Matches(k, m.keys.Values.Item):
		return valuesFocus{v, cycle(v.focus, m.upDown(k), v.lines(), stopAtEnds)}
	case key.Matches(k, v.choose()):
		return valuesChoice{v, digit(k, '1')}
	case key.Matches(k, m.keys.Values.Lean):
		return handled // a digit past the ratings is no answer
	}
	return nil
}

// choose is the binding that answers the focused line: a rating, or on
// the last line a leaning.
func (v *valuesScreen) choose() key.Binding {
	if v.onLeaning() {
		return v.m.keys.Values.Lean
	}
	return v.m.keys.Values.Rate
}

func (v *valuesScreen) ShortHelp() []key.Binding {
	k := v.m.keys
	return []key.Binding{v.choose(), k.Values.Item, k.Help, k.Quit}
}

func (v *valuesScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{v.choose(), v.m.keys.Values.Item}}
}

// valuesFocus moves to line i.
type valuesFocus struct {
	v *valuesScreen
	i int
}

func (a valuesFocus) apply(*Model) tea.Cmd {
	a.v.focus = a.i
	return nil
}

// valuesChoice is choice i on the focused line: a rating, which moves on
// to the next line, or a leaning.
type valuesChoice struct {
	v *valuesScreen
	i int
}

func (a valuesChoice) apply(m *Model) tea.Cmd {
	v := a.v
	if v.onLeaning() {
		_ = m.session.SetLeaning(model.Leanings[a.i])
	} else {
		_ = m.session.SetValue(model.ValueIDs[v.focus], model.Importances[a.i])
		v.focus = cycle(v.focus, 1, v.lines(), stopAtEnds)
	}
	m.refresh(true) // the answers so far are part of the page
	return nil
}
