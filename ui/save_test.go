package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
	"stemcounsel/records"
)

func storeModel(t *testing.T, dir string, opt Options) *Model {
	t.Helper()
	opt.Store = records.OpenFolder(dir)
	t.Cleanup(opt.Store.Release)
	if opt.Code == "" {
		opt.Code = "ACD349"
	}
	return newTestModel(t, fixtureContent(t), opt, 80, 24)
}

func TestAutosaveOnEveryAnswer(t *testing.T) {
	dir := t.TempDir()
	m := storeModel(t, dir, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient})
	send(m, press("right"))
	if _, err := os.Stat(filepath.Join(dir, "ACD349.progress.json")); !os.IsNotExist(err) {
		t.Fatal("paging through without answering writes no record")
	}
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	rec, err := m.opt.Store.Load("ACD349")
	if err != nil {
		t.Fatalf("an answer must be saved at once: %v", err)
	}
	if rec.Checklist[0].Answer != "yes" || rec.Status != model.StatusInProgress {
		t.Fatalf("saved %+v", rec.Checklist[0])
	}
	if !strings.Contains(visible(m), "ACD349") {
		t.Fatal("the session code shows from the start")
	}
}

func TestFailedSaveKeepsSessionAndRetries(t *testing.T) {
	base := t.TempDir()
	blocker := filepath.Join(base, "records")
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := storeModel(t, blocker, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient})
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	scr := visible(m)
	if !strings.Contains(scr, "Could not save to") || !strings.Contains(strings.Join(strings.Fields(scr), ""), blocker) {
		t.Fatalf("a failed save names the folder:\n%s", scr)
	}
	if m.session.Answers["end-stage"] != model.Yes {
		t.Fatal("the session stays in memory")
	}
	checkFits(t, m, "with the save banner")
	send(m, tea.WindowSizeMsg{Width: 60, Height: 20})
	checkFits(t, m, "with the save banner at 60x20")
	send(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	send(m, press("2"))
	if !strings.Contains(visible(m), "Could not save to") {
		t.Fatal("the failure stays in view while saving fails")
	}
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	send(m, tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	if strings.Contains(visible(m), "Could not save to") {
		t.Fatal("ctrl+s must retry and clear the failure")
	}
	rec, err := m.opt.Store.Load("ACD349")
	if err != nil || rec.Checklist[0].Answer != "yes" || rec.Checklist[1].Answer != "no" {
		t.Fatalf("nothing answered may be lost: %v %+v", err, rec.Checklist)
	}
}

func TestFinishWritesTheRecord(t *testing.T) {
	dir := t.TempDir()
	m := storeModel(t, dir, Options{Lang: model.LangVI, LangSet: true, Role: model.RoleDoctor})
	atStep(t, m, model.StepChecklist)
	send(m, press("n"))
	typeText(m, "# ghi chú | `x`")
	send(m, press("enter"))
	atStep(t, m, model.StepSummary)
	send(m, press("right"))
	if !m.Finished() || !strings.Contains(visible(m), "Mã phiên: ACD349") {
		t.Fatalf("finishing says so with the code:\n%s", visible(m))
	}
	if _, err := os.Stat(filepath.Join(dir, "ACD349.progress.json")); !os.IsNotExist(err) {
		t.Fatal("a finished session removes its in-progress file")
	}
	md, err := os.ReadFile(filepath.Join(dir, "ACD349.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`\# ghi chú \| \` + "`x\\`", "24/11/2026", "không phải là giấy đồng ý điều trị", "ACD349"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the Markdown record lacks %q:\n%s", want, md)
		}
	}
	// A change after finishing is saved into the finished record too.
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	rec, err := m.opt.Store.Load("ACD349")
	if err != nil || rec.Status != model.StatusFinished || rec.Checklist[0].Answer != "yes" {
		t.Fatalf("a later answer must not be lost: %v %+v", err, rec.Checklist)
	}
	if !send(m, press("q")) {
		t.Fatal("after finishing, q quits without asking")
	}
}

func TestResumeListAtStart(t *testing.T) {
	dir := t.TempDir()
	old := model.NewSession(model.LangEN, model.RoleDoctor, testClock)
	old.Code = "XYW346"
	old.SetAnswer("fibrosis", model.NotSure)
	old.JumpTo(model.StepWhatItIs, testClock)
	entry := records.Entry{Code: "XYW346", Status: model.StatusInProgress, Updated: testClock}
	var asked string
	m := storeModel(t, dir, Options{
		Unfinished: []records.Entry{entry},
		Resume: func(code string) (*model.Session, error) {
			asked = code
			return old, nil
		},
	})
	scr := visible(m)
	if !isOpen[*resumeDialog](m) || !strings.Contains(scr, "XYW346") || strings.Contains(scr, "fibrosis") {
		t.Fatalf("the start-up list shows codes and times, no answers:\n%s", scr)
	}
	send(m, press("enter"))
	if asked != "XYW346" || m.session.Code != "XYW346" || m.session.Current != model.StepWhatItIs || m.session.Lang != model.LangEN {
		t.Fatalf("resume: asked %q, session %+v", asked, m.session)
	}

	fresh := storeModel(t, dir, Options{Unfinished: []records.Entry{entry}, Resume: func(string) (*model.Session, error) { return old, nil }})
	send(fresh, press("esc"))
	if fresh.dialog != nil || fresh.session.Code != "ACD349" {
		t.Fatal("esc ignores the list and starts fresh")
	}
}

func TestQuitKeepsUnfinishedSession(t *testing.T) {
	m := storeModel(t, t.TempDir(), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Groups: []string{"joint"}})
	send(m, press("q"))
	if scr := visible(m); !strings.Contains(scr, "kept with code") || !strings.Contains(scr, "ACD349") {
		t.Fatalf("the quit dialog says the session is kept:\n%s", visible(m))
	}
	if !m.ShouldSave() {
		t.Fatal("quitting mid-session leaves a record to save")
	}
	if !send(m, ShutdownMsg{}) {
		t.Fatal("a shutdown quits without asking")
	}
}
