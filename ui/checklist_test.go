package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

func atStep(t *testing.T, m *Model, step model.StepID) {
	t.Helper()
	if !m.session.JumpTo(step, testClock) {
		t.Fatalf("cannot reach %s", step)
	}
	m.refresh(false)
}

func TestChecklistAnswersWithDigitsAndMoves(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepChecklist)
	if !strings.Contains(visible(m), "Sample question about end-stage?") || !strings.Contains(visible(m), "1 Yes") {
		t.Fatalf("question and options must show:\n%s", visible(m))
	}
	send(m, keys("2", "3", "1")...) // answers move on to the next item
	want := map[string]model.Answer{"end-stage": model.No, "fibrosis": model.NotSure, "acute-infection": model.Yes}
	for id, a := range want {
		if m.session.Answers[id] != a {
			t.Fatalf("%s = %v, want %v", id, m.session.Answers[id], a)
		}
	}
	if checklistOf(m).focused() != "immune-disorder" {
		t.Fatalf("focus on %s", checklistOf(m).focused())
	}
	send(m, keys("up", "up", "2")...) // change an answer later
	if m.session.Answers["fibrosis"] != model.No {
		t.Fatal("an answer must be changeable")
	}
	if m.session.Current != model.StepChecklist {
		t.Fatal("answering must not leave the step")
	}
	// Letters are not answers.
	send(m, keys("y", "Y", "c")...)
	if m.session.Answers["acute-infection"] != model.Yes || len(m.session.Answers) != 3 {
		t.Fatalf("letters changed answers: %v", m.session.Answers)
	}
}

func TestChecklistClickAnswers(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 60, 20)
	atStep(t, m, model.StepChecklist)
	_, zones := m.compose()
	for _, z := range zones {
		if a, ok := z.act.(checklistAnswer); ok && a.i == 2 {
			send(m, tea.MouseClickMsg{X: z.x0 + 1, Y: z.y0, Button: tea.MouseLeft})
		}
	}
	if m.session.Answers["end-stage"] != model.NotSure {
		t.Fatalf("clicking Not sure: %v", m.session.Answers)
	}
	_, zones = m.compose()
	for _, z := range zones {
		if a, ok := z.act.(checklistFocus); ok && a.i == 4 {
			send(m, tea.MouseClickMsg{X: z.x0, Y: z.y0, Button: tea.MouseLeft})
		}
	}
	if checklistOf(m).focused() != "expectations" {
		t.Fatalf("clicking item 5: focus %s", checklistOf(m).focused())
	}
}

func TestChecklistShowsGroupMeanings(t *testing.T) {
	b := fixtureContent(t)
	m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Groups: []string{"joint", "lung"}}, 100, 50)
	atStep(t, m, model.StepChecklist)
	scr := visible(m)
	for _, want := range []string{"Page joint: meaning-end-stage", "Page lung: meaning-end-stage", "Sample reason for end-stage"} {
		if !strings.Contains(scr, want) {
			t.Errorf("missing %q:\n%s", want, scr)
		}
	}
	m = newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 100, 50)
	atStep(t, m, model.StepChecklist)
	if !strings.Contains(visible(m), "General meaning of end-stage") {
		t.Errorf("without a group the general meaning shows:\n%s", visible(m))
	}
}

func TestDoctorStaysOnTheAnsweredItem(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, 80, 24)
	atStep(t, m, model.StepChecklist)
	send(m, keys("2", "n")...)
	typeText(m, "checked with cardiology")
	send(m, press("enter"))
	if m.session.Notes["end-stage"] != "checked with cardiology" || checklistOf(m).focused() != "end-stage" {
		t.Fatalf("the note belongs to the item just answered: %v", m.session.Notes)
	}
}

func TestDoctorNotes(t *testing.T) {
	b := fixtureContent(t)
	m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, 80, 24)
	atStep(t, m, model.StepChecklist)
	send(m, press("n"))
	if !checklistOf(m).editing {
		t.Fatal("n must open the note field for a doctor")
	}
	// Every printable key goes to the field, even global letters and digits.
	typeText(m, "CT # q 1 l m")
	send(m, tea.KeyPressMsg{Code: 'x', Text: "x\x1b[31m"})
	send(m, press("enter"))
	if got := m.session.Notes["end-stage"]; got != "CT # q 1 l mx[31m" {
		t.Fatalf("note = %q", got)
	}
	if m.session.Lang != model.LangEN || m.session.Answers["end-stage"] != model.Unanswered || m.dialog != nil {
		t.Fatal("keys typed into the note acted elsewhere")
	}
	send(m, press("n"))
	typeText(m, " more")
	send(m, press("esc"))
	if m.session.Notes["end-stage"] != "CT # q 1 l mx[31m" {
		t.Fatal("esc must drop the edit")
	}
	// Notes survive a language switch and show on the outcome.
	send(m, press("l"))
	atStep(t, m, model.StepOutcome)
	if !strings.Contains(visible(m), "CT # q 1 l mx[31m") {
		t.Fatalf("the note must show literally on the outcome:\n%s", visible(m))
	}

	p := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, p, model.StepChecklist)
	send(p, press("n"))
	if checklistOf(p).editing || strings.Contains(visible(p), "note") {
		t.Fatal("patients are not offered notes")
	}
}

func TestLanguageSwitchKeepsAnswers(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepChecklist)
	send(m, keys("1", "3")...)
	send(m, press("l"))
	if m.session.Answers["end-stage"] != model.Yes || m.session.Answers["fibrosis"] != model.NotSure || checklistOf(m).focused() != "acute-infection" {
		t.Fatalf("switch lost answers: %v", m.session.Answers)
	}
	if !strings.Contains(visible(m), "Sample question about acute-infection?") {
		t.Fatalf("not in English:\n%s", visible(m))
	}
}

// TestOutcomeScreens checks every outcome in both languages at 80x24: the
// heading, that every item is listed, and no banned wording on screen.
func TestOutcomeScreens(t *testing.T) {
	b := realContent(t)
	cases := map[model.Outcome]map[string]model.Answer{
		model.OutcomeExclusionReported:   {"end-stage": model.Yes, "fibrosis": model.NotSure},
		model.OutcomeNeedsDoctorReview:   {"end-stage": model.No, "fibrosis": model.NotSure},
		model.OutcomeNoExclusionReported: {"end-stage": model.No, "fibrosis": model.No, "acute-infection": model.No, "immune-disorder": model.No, "expectations": model.No},
	}
	for _, lang := range model.Langs {
		for outcome, answers := range cases {
			for _, role := range model.Roles {
				t.Run(fmt.Sprintf("%s/%s/%s", lang, outcome, role), func(t *testing.T) {
					m := newTestModel(t, b, Options{Lang: lang, LangSet: true, Role: role, Groups: []string{"joint"}}, 80, 24)
					for id, a := range answers {
						m.session.SetAnswer(id, a)
					}
					atStep(t, m, model.StepOutcome)
					checkFits(t, m, "outcome")
					text := unwrapAll(m)
					if m.session.Outcome(m.items()) != outcome {
						t.Fatalf("outcome %s", m.session.Outcome(m.items()))
					}
					if !strings.Contains(text, wording.For(lang).OutcomeHeads[outcome]) {
						t.Errorf("heading missing: %s", text)
					}
					for _, id := range m.items() {
						if !strings.Contains(text, b.Item(lang, id).Title) {
							t.Errorf("item %s not listed", id)
						}
					}
					if found := content.FindBanned(text, b.Banned); len(found) > 0 {
						t.Errorf("banned wording on the outcome screen: %v", found)
					}
					if outcome != model.OutcomeNoExclusionReported && !strings.Contains(text, wording.For(lang).Discuss) {
						t.Errorf("open items must ask to discuss them with the doctor")
					}
				})
			}
		}
	}
}

// unwrapAll collects the whole viewport, page by page, with lines joined.
func unwrapAll(m *Model) string {
	send(m, press("home"))
	var parts []string
	seen := -1
	for m.vp.YOffset() != seen {
		seen = m.vp.YOffset()
		parts = append(parts, strings.Fields(visible(m))...)
		send(m, press("pgdown"))
	}
	return strings.Join(parts, " ")
}
