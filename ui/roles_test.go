package ui

import (
	"strings"
	"testing"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
)

func TestDoctorPanelToggles(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, sz[0], sz[1])
		send(m, press("right"))
		if strings.Contains(visible(m), "Note for the doctor: what-it-is.") {
			t.Fatalf("%dx%d: talking points must be off by default", sz[0], sz[1])
		}
		send(m, press("d"))
		scr := visible(m)
		if !strings.Contains(scr, "Notes for the doctor") || !strings.Contains(scr, "Note for the doctor: what-it-is.") {
			t.Fatalf("%dx%d: d must show the talking points:\n%s", sz[0], sz[1], scr)
		}
		checkFits(t, m, "panel open")
		beside := m.panelBeside()
		if beside != (sz[0] >= 120) {
			t.Fatalf("%dx%d: panel beside = %v", sz[0], sz[1], beside)
		}
		if beside && !strings.Contains(scr, "This is the sample page") {
			t.Fatalf("the side panel must leave the page visible:\n%s", scr)
		}
		send(m, press("right"))
		if !strings.Contains(visible(m), "Note for the doctor: mechanism.") {
			t.Fatal("the panel follows the page")
		}
		send(m, press("D"))
		if strings.Contains(visible(m), "Note for the doctor") {
			t.Fatal("d again must hide the panel")
		}
		checkFits(t, m, "panel closed")
	}
}

func TestPatientGetsNoPanel(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 120, 40)
	send(m, keys("right", "d")...)
	if strings.Contains(visible(m), "Note for the doctor") || m.panelShown() {
		t.Fatal("a patient never sees talking points")
	}
}

func TestTrainerRunWithEndStagePersona(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleTrainer}, 120, 40)
	send(m, press("right"))
	if m.session.Current != model.StepPersona || !strings.Contains(visible(m), "TRAINING") {
		t.Fatalf("a trainer starts by choosing a persona, marked as training:\n%s", visible(m))
	}
	send(m, press("right"))
	if m.session.Current != model.StepPersona {
		t.Fatal("a persona must be chosen first")
	}
	send(m, press("enter")) // persona-a: end-stage yes
	if m.session.Persona != "persona-a" || m.session.Groups[0] != "joint" {
		t.Fatalf("persona not applied: %q %v", m.session.Persona, m.session.Groups)
	}
	send(m, press("right"))
	if scr := visible(m); !strings.Contains(scr, "The patient may say: «Patient says at") || !strings.Contains(scr, "A good response: Good response at") || !strings.Contains(scr, "Avoid saying: «Avoid saying at") {
		t.Fatalf("the script shows beside each page:\n%s", visible(m))
	}
	atStep(t, m, model.StepOutcome)
	if m.session.Outcome(m.items()) != model.OutcomeExclusionReported {
		t.Fatalf("end stage: %s", m.session.Outcome(m.items()))
	}
	atStep(t, m, model.StepChecklist)
	send(m, press("2")) // end-stage: now No
	atStep(t, m, model.StepOutcome)
	if m.session.Outcome(m.items()) == model.OutcomeExclusionReported {
		t.Fatal("changing the answer must change the outcome")
	}
	atStep(t, m, model.StepSummary)
	text := unwrapAll(m)
	if !strings.Contains(text, "Training demonstration, not a clinical record") || !strings.Contains(text, "Sample persona persona-a") {
		t.Fatalf("the summary marks the run as training:\n%s", text)
	}
	if rec := m.session; !rec.Training() {
		t.Fatal("the session must be training")
	}
}

func TestDoctorRecordsRefAndNextStep(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, 80, 24)
	if !strings.Contains(visible(m), "File number or initials (optional)") {
		t.Fatalf("a doctor may record a file number:\n%s", visible(m))
	}
	send(m, press("up")) // from Start to the field
	typeText(m, "BN-042 q l\x1b")
	send(m, press("enter"))
	if m.session.PatientRef != "BN-042 q l" || m.session.Current != model.StepWelcome {
		t.Fatalf("ref = %q at %s", m.session.PatientRef, m.session.Current)
	}
	atStep(t, m, model.StepNextStep)
	send(m, press("3"))
	if m.session.NextStep != model.NextReferredToTrial {
		t.Fatalf("next step = %q", m.session.NextStep)
	}
	atStep(t, m, model.StepSummary)
	text := unwrapAll(m)
	if !strings.Contains(text, "File number: BN-042 q l") || !strings.Contains(text, "Next step: Referred to a clinical trial") {
		t.Fatalf("summary:\n%s", text)
	}

	p := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	if strings.Contains(visible(p), "File number") {
		t.Fatal("patients are asked for no identifier")
	}
}

func TestSkippedStepsOnSummary(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 60)
	send(m, press("m"), press("end"), press("enter"))
	if !strings.Contains(unwrapAll(m), "Skipped: What matters most to me, Page knowledge-check, Page checklist, Page sure") {
		t.Fatalf("skipping is allowed and recorded:\n%s", unwrapAll(m))
	}
}

// clinicianText lists every line of clinician or trainer text in the
// content, long enough to be recognisable on a screen.
func clinicianText(c *content.Bundle, lang model.Lang) []string {
	var out []string
	set := c.Langs[lang]
	for _, kind := range []map[string]*content.Page{set.Pages, set.Groups, set.Checklist, set.Quiz} {
		for _, p := range kind {
			out = append(out, doc.TalkingPoints(p)...)
		}
	}
	for _, p := range set.Personas {
		for _, step := range content.PersonaSteps {
			body, _ := p.Section("script-" + step)
			for _, cell := range content.Cells(body) {
				out = append(out, cell.Text)
			}
		}
		prof, _ := p.Section("profile")
		out = append(out, prof)
	}
	var long []string
	for _, s := range out {
		s = strings.Join(strings.Fields(strings.TrimPrefix(doc.PlainText(s), "- ")), " ")
		if len([]rune(s)) >= 30 {
			long = append(long, s)
		}
	}
	return long
}

// TestPatientSeesNoClinicianText walks a whole patient session with the
// real content and scans every screen, then the patient handout.
func TestPatientSeesNoClinicianText(t *testing.T) {
	b := realContent(t)
	for _, lang := range model.Langs {
		secret := clinicianText(b, lang)
		if len(secret) < 50 {
			t.Fatalf("%s: expected clinician text to scan for, found %d lines", lang, len(secret))
		}
		m := newTestModel(t, b, Options{Lang: lang, LangSet: true, Role: model.RolePatient, Groups: []string{"joint", "lung"}}, 100, 40)
		walkToEnd(t, m, func(step model.StepID) {
			send(m, press("d")) // must do nothing for a patient
			text := unwrapAll(m)
			for _, s := range secret {
				if strings.Contains(text, s) {
					t.Errorf("%s/%s: clinician text on a patient's screen: %q", lang, step, s)
				}
			}
		})
		var out strings.Builder
		if err := doc.Handout(&out, b, doc.PrintOptions{Lang: lang, Groups: b.GroupIDs, Width: 200, Style: doc.PlainStyle, Date: testClock}); err != nil {
			t.Fatal(err)
		}
		printed := strings.Join(strings.Fields(out.String()), " ")
		for _, s := range secret {
			if strings.Contains(printed, s) {
				t.Errorf("%s: clinician text in the patient handout: %q", lang, s)
			}
		}
	}
}
