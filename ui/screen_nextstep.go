package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// nextStepScreen records the next step the doctor and patient agreed on.
type nextStepScreen struct{ pageScreen }

func (n *nextStepScreen) top() (string, []zone) {
	m := n.m
	var items []radio
	for i, ns := range model.NextSteps {
		on := m.session.NextStep == ns
		items = append(items, radio{prefix: fmt.Sprintf("%d ", i+1), label: m.text.NextStepNames[ns], on: on, lit: on, act: nextStepChoice(i)})
	}
	return m.radioList(items)
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
