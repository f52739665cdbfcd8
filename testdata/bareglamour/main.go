// Command bareglamour is the yardstick for the app's first frame: a bare
// Bubble Tea v2 program that links Glamour (so its packages start up as
// the app's do) and draws one line at once.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	_ "charm.land/glamour/v2"
)

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() tea.View { return tea.NewView("first frame ready") }

func main() {
	if _, err := tea.NewProgram(model{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
