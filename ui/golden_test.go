package ui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"stemcounsel/model"
)

// TestLayoutGoldens pins the layout on the fixture content. Regenerate with
// go test ./ui -update after a deliberate layout change.
func TestLayoutGoldens(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		w, h int
		step model.StepID // reached as the contents menu would; "" stays at the start
		keys []string
	}{
		{"welcome_80x24", Options{}, 80, 24, "", nil},
		{"welcome_compact_45x14", Options{Lang: model.LangEN, LangSet: true}, 45, 14, "", nil},
		{"page_60x20", Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 60, 20, "", []string{"right"}},
		{"page_compact_45x14", Options{Role: model.RolePatient}, 45, 14, "", []string{"right", "right"}},
		{"page_120x40", Options{Role: model.RoleDoctor}, 120, 40, "", []string{"right", "right"}},
		{"menu_80x24", Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24, "", []string{"right", "m", "down"}},
		{"help_80x24", Options{Role: model.RolePatient}, 80, 24, "", []string{"right", "?"}},
		{"quit_60x20", Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Groups: []string{"joint"}}, 60, 20, "", []string{"right", "q"}},
		{"too_small_39x11", Options{}, 39, 11, "", nil},
		{"checklist_60x20", Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor, Groups: []string{"joint"}}, 60, 20, model.StepChecklist, []string{"2", "3"}},
		{"checklist_compact_45x14", Options{Role: model.RolePatient}, 45, 14, model.StepChecklist, []string{"1"}},
		{"outcome_80x24", Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24, model.StepChecklist, []string{"1", "2", "right"}},
		{"chooser_60x20", Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Groups: []string{"lung"}}, 60, 20, model.StepChooseGroup, []string{"down", "enter"}},
		{"chooser_filtered_80x24", Options{Role: model.RolePatient}, 80, 24, model.StepChooseGroup, []string{"n", "e", "u", "r", "o"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, fixtureContent(t), tt.opt, tt.w, tt.h)
			if tt.step != "" {
				atStep(t, m, tt.step)
			}
			send(m, keys(tt.keys...)...)
			golden.RequireEqual(t, visible(m))
		})
	}
}

// TestProgramRun drives the real Bubble Tea program with teatest: keys go
// through the program's input, and the final model is checked.
func TestProgramRun(t *testing.T) {
	b := fixtureContent(t)
	m := New(Options{Content: b, Cache: NewRenderCache(), Now: fixedNow, Lang: model.LangEN, LangSet: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte("Patient self-review")) },
		teatest.WithDuration(3*time.Second))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	for range len(model.Flow(model.RolePatient, nil)) + 3 { // the check has three questions
		tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
		tm.Type("y") // yes to skipping the questions left; nothing elsewhere
	}
	tm.Type("qq") // past the welcome, q asks once
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	fm := tm.FinalModel(t).(*Model)
	if fm.session.Role != model.RolePatient || fm.session.Current != model.StepSummary {
		t.Fatalf("final state: role %q at %s", fm.session.Role, fm.session.Current)
	}
	if got := len(fm.session.ViewedSteps()); got != len(model.Flow(model.RolePatient, nil)) {
		t.Fatalf("viewed %d steps", got)
	}
}
