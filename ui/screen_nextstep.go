package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
)

// nextStepScreen records the next step the doctor and patient agreed on.
type nextStepScreen struct{ pageScreen }

func (n *nextStepScreen) top() (string, []zone) {
	m := n.m
	var lines []string
	var zones []zone
	for i, ns := range model.NextSteps {
		box := "( )"
		style := m.st.Option
		if m.session.NextStep == ns {
			box, style = "(•)", m.st.OptionFocus
		}
		line := ansi.Truncate(fmt.Sprintf("%d %s %s", i+1, box, m.text.NextStepNames[ns]), m.bodyWidth(), "…")
		zones = append(zones, zone{0, len(lines), m.bodyWidth(), len(lines) + 1, nextStepChoice(i)})
		lines = append(lines, style.Render(line))
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

func (n *nextStepScreen) key(k tea.KeyPressMsg) action {
	if key.Matches(k, n.m.keys.NextStep.Choose) {
		return nextStepChoice(digit(k, '1'))
	}
	return nil
}

func (n *nextStepScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{n.m.keys.NextStep.Choose}}
}

// nextStepChoice records next step i of model.NextSteps.
type nextStepChoice int

func (a nextStepChoice) apply(m *Model) tea.Cmd {
	m.session.NextStep = model.NextSteps[a]
	return nil
}
