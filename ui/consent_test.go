package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/audit"
	"stemcounsel/model"
	"stemcounsel/records"
)

// consentModel runs a session that asks for consent, over a records folder
// in dir behind the consent gate, as the app does.
func consentModel(t *testing.T, dir string, opt Options) *Model {
	t.Helper()
	folder := records.OpenFolder(dir)
	t.Cleanup(folder.Release)
	opt.Store, opt.AskConsent, opt.Terminal = records.KeepOnlyWithConsent(folder), true, "test-terminal"
	if opt.Lang == "" {
		opt.Lang, opt.LangSet = model.LangEN, true
	}
	opt.RetainDays = 30
	if opt.Code == "" {
		opt.Code = "ACD349"
	}
	codes := []string{"XYW346", "HJK479", "MNP258"}
	n := 0
	opt.NewCode = func() string { n++; return codes[(n-1)%len(codes)] }
	return newTestModel(t, fixtureContent(t), opt, 80, 24)
}

// files lists what the records folder holds ("" for a folder never made).
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestConsentAskedAtStartWithNothingChosen(t *testing.T) {
	m := consentModel(t, t.TempDir(), Options{Role: model.RolePatient})
	send(m, press("enter")) // Start
	scr := visible(m)
	if !isOpen[*consentDialog](m) || m.session.Current != model.StepWelcome {
		t.Fatalf("Start asks first, on the welcome step:\n%s", scr)
	}
	for _, want := range []string{"Keeping the record of this session", "1 Yes, keep it", "2 No, don't keep it", "more below"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the dialog shows %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "✓") || strings.Contains(scr, "› 1") {
		t.Fatalf("nothing is marked as chosen:\n%s", scr)
	}
	send(m, press("enter"), press("space"), press("right"))
	if !isOpen[*consentDialog](m) || m.session.Consent != nil || m.session.Current != model.StepWelcome {
		t.Fatal("enter and the other keys answer nothing")
	}
	send(m, keys("pgdown", "pgdown", "pgdown")...)
	if scr := visible(m); !strings.Contains(scr, "deleted after 30 days") && !strings.Contains(strings.Join(strings.Fields(scr), " "), "after 30 days") {
		t.Fatalf("reading on shows how long, with the days filled in:\n%s", scr)
	}
	send(m, press("esc"))
	if m.dialog != nil || m.session.Current != model.StepWelcome || m.session.Consent != nil {
		t.Fatal("esc closes the question and stays on the welcome step")
	}
	send(m, press("right")) // the Next key asks too
	if !isOpen[*consentDialog](m) {
		t.Fatal("every way off the welcome step asks")
	}
	send(m, press("esc"), press("m"), press("end"), press("enter"))
	if !isOpen[*consentDialog](m) || m.session.Current != model.StepWelcome {
		t.Fatal("the contents menu does not skip the question")
	}
}

func TestConsentClickAnswers(t *testing.T) {
	m := consentModel(t, t.TempDir(), Options{Role: model.RolePatient})
	send(m, press("enter"))
	_, zones := m.compose()
	for _, z := range zones {
		if a, ok := z.act.(consentAnswer); ok && !a.given {
			send(m, tea.MouseClickMsg{X: z.x0 + 1, Y: z.y0, Button: tea.MouseLeft})
			break
		}
	}
	if c := m.session.Consent; c == nil || c.Given || m.session.Current == model.StepWelcome {
		t.Fatalf("a click on no answers no and goes on: %+v at %s", c, m.session.Current)
	}
}

func TestConsentRefusedWritesNothing(t *testing.T) {
	dir := t.TempDir()
	m := consentModel(t, dir, Options{Role: model.RolePatient, Groups: []string{"joint"}})
	send(m, press("enter"), press("n"))
	if c := m.session.Consent; c == nil || c.Given || m.session.Current == model.StepWelcome {
		t.Fatalf("n answers no and goes on: %+v", c)
	}
	if !strings.Contains(visible(m), "This session is not kept; you can still print the handout") {
		t.Fatalf("the patient is told:\n%s", visible(m))
	}
	atStep(t, m, model.StepChecklist)
	send(m, keys("1", "2", "f")...)
	typeText(m, "a question")
	send(m, press("enter"))
	checkNoSavedClaim(t, m, "checklist")
	send(m, press("q"))
	if scr := strings.Join(strings.Fields(visible(m)), " "); !strings.Contains(scr, "What you chose in this session will not be") || strings.Contains(scr, "kept with code") {
		t.Fatalf("quitting says nothing is kept:\n%s", scr)
	}
	send(m, press("esc"))
	atStep(t, m, model.StepSummary)
	if scr := visible(m); !strings.Contains(scr, "Finish ›") || strings.Contains(scr, "Finish and save") {
		t.Fatalf("the last button claims no saving:\n%s", scr)
	}
	send(m, press("right")) // finish
	checkNoSavedClaim(t, m, "finished")
	if err := m.SaveOnExit(m.opt.Store); err != nil {
		t.Fatal(err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Fatalf("a refused session left files on disk: %v", got)
	}
}

// checkNoSavedClaim fails if the screen says the session is saved or kept.
func checkNoSavedClaim(t *testing.T, m *Model, where string) {
	t.Helper()
	scr := visible(m)
	for _, claim := range []string{"saved", "kept with code", "ACD349"} {
		if strings.Contains(scr, claim) {
			t.Errorf("%s: the screen claims %q though nothing is kept:\n%s", where, claim, scr)
		}
	}
}

func TestConsentYesKeepsEvidence(t *testing.T) {
	dir := t.TempDir()
	m := consentModel(t, dir, Options{Role: model.RoleDoctor})
	send(m, press("enter"))
	title, body := m.consentText()
	if !strings.Contains(body, "30 days") || strings.Contains(body, "{days}") {
		t.Fatalf("the days are filled in: %q", body)
	}
	send(m, press("y"))
	if !strings.Contains(visible(m), "kept with code ACD349") {
		t.Fatalf("a yes says under which code:\n%s", visible(m))
	}
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	rec, err := m.opt.Store.Load("ACD349")
	if err != nil {
		t.Fatalf("a yes keeps the answers: %v", err)
	}
	c := rec.Consent
	if c == nil || !c.Given || c.Terminal != "test-terminal" || c.AnsweredBy != model.ByDoctor || c.Lang != model.LangEN || !c.At.Equal(testClock) {
		t.Fatalf("evidence %+v", c)
	}
	if c.TextSHA256 != model.ConsentTextHash(title+"\n\n"+body) {
		t.Fatal("the evidence names the exact text shown")
	}
}

func TestConsentByPatientAndInVietnamese(t *testing.T) {
	m := consentModel(t, t.TempDir(), Options{Role: model.RolePatient, Lang: model.LangVI, LangSet: true})
	send(m, press("enter"))
	scr := visible(m)
	if !strings.Contains(scr, "Lưu bản ghi của buổi này") || !strings.Contains(scr, "1 Đồng ý lưu") || !strings.Contains(scr, "2 Không lưu") {
		t.Fatalf("Vietnamese dialog:\n%s", scr)
	}
	send(m, press("1"))
	if c := m.session.Consent; c == nil || !c.Given || c.AnsweredBy != model.ByPatient || c.Lang != model.LangVI {
		t.Fatalf("evidence %+v", c)
	}
}

func TestConsentNeverAskedOfTrainer(t *testing.T) {
	m := consentModel(t, t.TempDir(), Options{Role: model.RoleTrainer})
	send(m, press("enter"))
	if m.dialog != nil || m.session.Current == model.StepWelcome {
		t.Fatalf("a trainer goes straight on:\n%s", visible(m))
	}
	send(m, press("c"))
	if m.dialog != nil {
		t.Fatal("a trainer has no answer to change")
	}
	send(m, press("?"))
	if strings.Contains(visible(m), "keeping the record") {
		t.Fatal("a trainer's help lists no consent key")
	}
}

func TestKioskResetAsksAgain(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: testClock}
	m := consentModel(t, dir, Options{Kiosk: true, Idle: 3 * time.Minute, Now: clock.now, idleTick: func() tea.Cmd { return nil }})
	send(m, press("enter"), press("y"))
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	clock.advance(4 * time.Minute)
	tick(m)
	if m.session.Consent != nil || m.session.Current != model.StepWelcome {
		t.Fatal("the next patient starts unasked")
	}
	send(m, press("enter"))
	if !isOpen[*consentDialog](m) {
		t.Fatalf("the next patient is asked again:\n%s", visible(m))
	}
	send(m, press("n"))
	atStep(t, m, model.StepSummary)
	send(m, press("right")) // finish
	scr := visible(m)
	if !m.handoff || !strings.Contains(scr, "not kept") || strings.Contains(scr, "code") || strings.Contains(scr, m.session.Code) {
		t.Fatalf("a patient who said no gets no code to hand over:\n%s", scr)
	}
	send(m, press("space"))
	for _, f := range files(t, dir) {
		if strings.HasPrefix(f, "XYW346") {
			t.Fatalf("the second patient, who said no, left %s", f)
		}
	}
}

func TestKioskWelcomeAfterNo(t *testing.T) {
	m := consentModel(t, t.TempDir(), Options{Kiosk: true, Idle: 3 * time.Minute, idleTick: func() tea.Cmd { return nil }})
	if !strings.Contains(visible(m), "If you agree") {
		t.Fatalf("before the answer the kiosk says keeping depends on it:\n%s", visible(m))
	}
	send(m, press("enter"), press("n"), press("left"))
	checkNoSavedClaim(t, m, "kiosk welcome after no")
	if !strings.Contains(visible(m), "not kept") {
		t.Fatalf("the welcome says so:\n%s", visible(m))
	}
}

func TestResumedWithoutConsentAsksAtOnce(t *testing.T) {
	s := model.NewSession(model.LangEN, model.RolePatient, testClock)
	s.Code = "ACD349"
	s.JumpTo(model.StepChecklist, testClock)
	m := consentModel(t, t.TempDir(), Options{Session: s})
	if !isOpen[*consentDialog](m) || !strings.Contains(visible(m), "Keeping the record") {
		t.Fatalf("a resumed session without an answer asks at once:\n%s", visible(m))
	}
	send(m, press("esc"))
	if m.dialog != nil || !strings.Contains(visible(m), "This session is not kept") {
		t.Fatalf("left unasked, the session says it is not kept:\n%s", visible(m))
	}
	send(m, press("c"), press("y"))
	if m.session.Current != model.StepChecklist || m.dialog != nil {
		t.Fatal("answering stays where the session was")
	}

	// Resumed from the start-up list.
	m = consentModel(t, t.TempDir(), Options{Role: model.RolePatient})
	other := model.NewSession(model.LangEN, model.RolePatient, testClock)
	other.Code = "HJK479"
	send(m, resumedMsg{session: other})
	if !isOpen[*consentDialog](m) {
		t.Fatal("a session picked from the list asks at once")
	}
	answered := model.NewSession(model.LangEN, model.RolePatient, testClock)
	if err := answered.AnswerConsent(true, "text", "t", model.ByPatient, testClock); err != nil {
		t.Fatal(err)
	}
	m = consentModel(t, t.TempDir(), Options{Session: answered})
	if m.dialog != nil {
		t.Fatal("a session already answered is not asked again")
	}
}

func TestConsentWithdrawnDeletes(t *testing.T) {
	dir := t.TempDir()
	m := consentModel(t, dir, Options{Role: model.RolePatient})
	send(m, press("enter"), press("y"))
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	if _, err := os.Stat(filepath.Join(dir, "ACD349.progress.json")); err != nil {
		t.Fatalf("kept after a yes: %v", err)
	}
	send(m, press("?"))
	if !strings.Contains(visible(m), "change your answer on keeping the record") {
		t.Fatalf("help lists the key:\n%s", visible(m))
	}
	send(m, press("esc"), press("c"))
	if !isOpen[*consentDialog](m) || !strings.Contains(visible(m), "✓ 1 Yes, keep it (your answer now)") {
		t.Fatalf("k asks again and marks the answer now in words:\n%s", visible(m))
	}
	send(m, press("n"))
	if !strings.Contains(visible(m), "Deleted what was kept") {
		t.Fatalf("the patient is told it was deleted:\n%s", visible(m))
	}
	folder := records.OpenFolder(dir)
	for _, f := range files(t, dir) {
		if strings.HasPrefix(f, "ACD349") && f != "ACD349.tombstone" {
			t.Errorf("left after withdrawal: %s", f)
		}
	}
	ts, err := folder.Tombstone("ACD349")
	if err != nil || ts == nil || ts.Reason != "consent withdrawn during the session" {
		t.Fatalf("tombstone %+v, %v", ts, err)
	}
	entries, err := audit.Entries(audit.File(audit.PathIn(dir)), "ACD349")
	if err != nil || len(entries) != 1 || entries[0].Action != audit.Deleted || entries[0].Code != "ACD349" || entries[0].Where != "test-terminal" {
		t.Fatalf("audit %+v, %v", entries, err)
	}
	send(m, press("2"))
	for _, f := range files(t, dir) {
		if strings.HasSuffix(f, ".json") {
			t.Fatalf("after a no, answers write nothing: %s", f)
		}
	}
	// No back to yes: kept from then on, under a fresh code.
	send(m, press("c"), press("1"), press("3"))
	if m.session.Code == "ACD349" {
		t.Fatal("the deleted code is not used again")
	}
	rec, err := m.opt.Store.Load(m.session.Code)
	if err != nil || rec.Consent == nil || !rec.Consent.Given {
		t.Fatalf("a yes again keeps it: %+v, %v", rec.Consent, err)
	}
}

func TestConsentDialogFitsEverySize(t *testing.T) {
	for _, lang := range model.Langs {
		for _, size := range [][2]int{{40, 12}, {45, 14}, {60, 20}, {80, 24}} {
			// The app's default style is auto: the text must still be wrapped
			// to the box and carry no Markdown marks.
			m := consentModel(t, t.TempDir(), Options{Role: model.RolePatient, Lang: lang, LangSet: true, Style: "auto"})
			send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]}, press("enter"))
			where := fmt.Sprintf("%s %dx%d", lang, size[0], size[1])
			checkFits(t, m, where)
			scr := visible(m)
			yes, no := m.text.ConsentYes, m.text.ConsentNo
			if !strings.Contains(scr, "1 "+yes) || !strings.Contains(scr, "2 "+no) || !strings.Contains(scr, "╰") || strings.Contains(scr, "**") {
				t.Errorf("%s: both answers and the whole box show:\n%s", where, scr)
			}
		}
	}
}
