package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/doc"
	"stemcounsel/model"
)

func valuesOf(m *Model) *valuesScreen { return m.screenAt(model.StepValues).(*valuesScreen) }

func TestValuesRatedWithDigitsOneLineAtATime(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepValues)
	scr := visible(m)
	for _, want := range []string{"Line 1 of 8", "Being sure that a treatment has been shown to work", "1 Not important", "3 Very important", "Not sure yet"} {
		if !strings.Contains(unwrapAll(m), want) {
			t.Fatalf("the values step must show %q:\n%s", want, scr)
		}
	}
	send(m, keys("3", "1", "2")...) // each rating moves on to the next line
	want := map[string]model.Importance{"sure-it-works": model.Very, "avoid-side-effects": model.NotImportant, "cost": model.Somewhat}
	for id, imp := range want {
		if m.session.Values[id] != imp {
			t.Fatalf("%s = %q, want %q", id, m.session.Values[id], imp)
		}
	}
	if valuesOf(m).focus != 3 || !strings.Contains(visible(m), "Line 4 of 8") {
		t.Fatalf("after three ratings the fourth line is asked:\n%s", visible(m))
	}
	send(m, keys("up", "3")...)
	if m.session.Values["cost"] != model.Very {
		t.Fatal("a rating can be changed")
	}
	send(m, keys("4")...) // there is no fourth rating
	if len(m.session.Values) != 3 || m.session.Current != model.StepValues {
		t.Fatalf("4 is no rating and must not leave the step: %v", m.session.Values)
	}
	send(m, keys("up")...)
	if !strings.Contains(visible(m), "[3 Very important ✓]") || !strings.Contains(unwrapAll(m), "Keeping costs down for me and my family: Very important") {
		t.Fatalf("the chosen rating is marked in words, not by colour alone:\n%s", visible(m))
	}
	send(m, keys("down", "down", "down", "down", "down", "down", "down")...) // stops at the leaning, no wrap
	if !valuesOf(m).onLeaning() || !strings.Contains(visible(m), "(•) Not sure yet") || !strings.Contains(visible(m), "1-4") {
		t.Fatalf("the leaning starts at not sure yet:\n%s", visible(m))
	}
	send(m, keys("1")...)
	if m.session.Leaning != model.LeanCellTherapy {
		t.Fatalf("leaning %q", m.session.Leaning)
	}
	if !m.session.HasAnswers() {
		t.Fatal("ratings are answers")
	}
}

func TestValuesByClickAndTensionOnlyForTheClinician(t *testing.T) {
	for _, role := range []model.Role{model.RolePatient, model.RoleDoctor} {
		m := newTestModel(t, realContent(t), Options{Lang: model.LangEN, LangSet: true, Role: role}, 60, 20)
		atStep(t, m, model.StepValues)
		clickValue := func(want func(a action) bool) {
			t.Helper()
			_, zones := m.compose()
			for _, z := range zones {
				if want(z.act) {
					send(m, tea.MouseClickMsg{X: z.x0 + 1, Y: z.y0, Button: tea.MouseLeft})
					return
				}
			}
			t.Fatalf("no such button on screen:\n%s", visible(m))
		}
		clickValue(func(a action) bool { c, ok := a.(valuesChoice); return ok && c.i == 2 })
		if m.session.Values["sure-it-works"] != model.Very {
			t.Fatalf("%s: a click rates the line: %v", role, m.session.Values)
		}
		clickValue(func(a action) bool { f, ok := a.(valuesFocus); return ok && f.i == len(model.ValueIDs) })
		clickValue(func(a action) bool { c, ok := a.(valuesChoice); return ok && c.i == 0 })
		if m.session.Leaning != model.LeanCellTherapy {
			t.Fatalf("%s: a click chooses the leaning", role)
		}
		summary := doc.Summary(m.session, m.opt.Content)
		tension := "is rated very important while the patient leans toward"
		if !strings.Contains(summary, "Being sure that a treatment has been shown to work: **Very important**") {
			t.Fatalf("%s: the summary shows the ratings:\n%s", role, summary)
		}
		if strings.Contains(summary, tension) != (role == model.RoleDoctor) {
			t.Fatalf("%s: the tension is for the clinician only:\n%s", role, summary)
		}
		if role == model.RoleDoctor {
			_, body := m.panelText()
			if !strings.Contains(strings.Join(body, "\n"), tension) {
				t.Fatalf("the doctor's talking points name the tension: %v", body)
			}
		}
	}
}

func TestValuesStepFitsEverySize(t *testing.T) {
	for _, lang := range model.Langs {
		for _, size := range [][2]int{{40, 12}, {60, 20}, {80, 24}, {120, 40}} {
			m := newTestModel(t, realContent(t), Options{Lang: lang, LangSet: true, Role: model.RoleDoctor}, size[0], size[1])
			atStep(t, m, model.StepValues)
			checkFits(t, m, "values")
			for _, imp := range model.Importances {
				if name := m.text.ImportanceNames[imp]; !strings.Contains(visible(m), name) {
					t.Errorf("%s %dx%d: the rating %q must show whole:\n%s", lang, size[0], size[1], name, visible(m))
				}
			}
			send(m, keys("down", "down", "down", "down", "down", "down", "down")...)
			checkFits(t, m, "values, leaning")
		}
	}
}

func TestIconArrayFitsAndShowsOnTheGroupPage(t *testing.T) {
	for _, lang := range model.Langs {
		for _, w := range []int{60, 80, 120} {
			m := newTestModel(t, realContent(t), Options{Lang: lang, LangSet: true, Role: model.RolePatient, Groups: []string{"cardiovascular"}}, w, 30)
			atStep(t, m, model.GroupStep("cardiovascular"))
			page := unwrapAll(m)
			if !strings.Contains(page, "●●●○○○○○○○ ●●●●○○○○○○") {
				t.Fatalf("%s at %d columns: the BAMI icon array must be drawn:\n%s", lang, w, page)
			}
			checkFits(t, m, "group page with an icon array")
		}
	}
}
