package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// TestDoctorTakesABaseline: with an assessment booked, the doctor types the
// pain, one activity in the patient's words and its score, and a clinician
// scale of the chosen group; a number off its scale is refused.
func TestDoctorTakesABaseline(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor, Groups: []string{"cardiovascular"}}, 80, 30)
	atStep(t, m, model.StepBaseline)
	if !strings.Contains(visible(m), "No baseline is needed") {
		t.Fatalf("without an assessment booked no baseline is asked:\n%s", visible(m))
	}
	m.session.NextStep = model.NextAssessmentBooked
	atStep(t, m, model.StepBaseline)
	view := visible(m)
	if !strings.Contains(view, "Pain at its worst") || !strings.Contains(view, "how bad was your pain at its worst") {
		t.Fatalf("the first line asks the worst pain in the page's words:\n%s", view)
	}
	send(m, keys("1", "1")...) // 11 is off the scale: the second 1 starts again
	send(m, press("enter"), press("6"), press("enter"))
	typeText(m, "climbing stairs q")
	send(m, press("enter"), press("4"), press("enter"))
	if b := m.session.Baseline; b == nil || b.Scores["pain-worst"] != 1 || b.Scores["pain-usual"] != 6 ||
		len(b.Activities) != 1 || b.Activities[0] != (model.Activity{Name: "climbing stairs q", Score: 4}) {
		t.Fatalf("baseline = %+v", m.session.Baseline)
	}
	// Activity 2's name is left empty, its score given: it cannot be left so.
	send(m, press("down"), press("7"))
	send(m, press("right"))
	if m.session.Current != model.StepBaseline || !strings.Contains(visible(m), "Activity 2 has a score but no name") {
		t.Fatalf("a score with no name must hold the step:\n%s", visible(m))
	}
	send(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	for range 3 {
		send(m, press("down"))
	}
	send(m, press("5")) // NYHA 1–4
	if !strings.Contains(visible(m), "off the scale 1 to 4") || m.session.Baseline.Scores["nyha"] != 0 {
		t.Fatalf("NYHA 5 must be refused:\n%s", visible(m))
	}
	send(m, press("3"))
	if m.session.Baseline.Scores["nyha"] != 3 || !strings.Contains(visible(m), "marked limitation") {
		t.Fatalf("NYHA 3 is kept and shown in words: %+v\n%s", m.session.Baseline, visible(m))
	}
	rec := m.Record()
	if rec.Baseline == nil || rec.Baseline.Scores["nyha"] != 3 {
		t.Fatalf("the record holds the baseline: %+v", rec.Baseline)
	}
	send(m, press("right"))
	if m.session.Current != model.StepSummary {
		t.Fatalf("a complete baseline moves on; at %s", m.session.Current)
	}
}

// TestBaselineOnlyForItsGroups: mMRC is a lung scale, never offered for a
// knee; the Vietnamese screen carries the not-yet-validated note.
func TestBaselineOnlyForItsGroups(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangVI, LangSet: true, Role: model.RoleTrainer, Groups: []string{"joint"}}, 100, 60)
	atStep(t, m, model.StepBaseline)
	text := unwrapAll(m)
	if strings.Contains(text, "Khó thở (mMRC") || strings.Contains(text, "Phân độ NYHA (") || !strings.Contains(text, "Thực hành") {
		t.Fatalf("a trainer's knee baseline: practice, no lung or heart scale:\n%s", text)
	}
	if !strings.Contains(text, "chưa được thẩm định") {
		t.Fatalf("the Vietnamese wording must say it is not yet validated:\n%s", text)
	}
}

// TestBaselinePasteNamesAnActivity: a paste goes into the activity being
// named, and nowhere else: on a number line it answers nothing.
func TestBaselinePasteNamesAnActivity(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleTrainer, Groups: []string{"joint"}}, 80, 40)
	atStep(t, m, model.StepBaseline)
	send(m, tea.PasteMsg{Content: "7"})
	if m.session.Baseline != nil {
		t.Fatalf("a paste on a number line answers nothing: %+v", m.session.Baseline)
	}
	send(m, press("down"), press("down"), tea.PasteMsg{Content: "walking\nto the market"}, press("enter"), press("5"))
	if b := m.session.Baseline; b == nil || len(b.Activities) != 1 || b.Activities[0].Name != "walking to the market" {
		t.Fatalf("baseline %+v", m.session.Baseline)
	}
	if !strings.Contains(visible(m), "Activity 1 (patient's words): walking to the market") {
		t.Fatalf("the list shows the pasted name:\n%s", visible(m))
	}
}
