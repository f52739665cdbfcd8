package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	// Finished is final: a later answer, a note or a question by key or
	// click changes neither the session nor the record.
	before, _ := os.ReadFile(filepath.Join(dir, "ACD349.json"))
	send(m, press("l")) // reading in another language is still allowed
	atStep(t, m, model.StepChecklist)
	send(m, press("1"))
	if m.session.Answers["end-stage"] != model.Unanswered || !strings.Contains(visible(m), "it can be read, not changed") {
		t.Fatalf("an answer after finishing must be refused, saying why:\n%s", visible(m))
	}
	clickText(t, m, "2 No")
	send(m, press("n"))
	typeText(m, "late note")
	send(m, press("enter"))
	send(m, press("f"))
	typeText(m, "late question")
	send(m, press("enter"))
	if m.session.Answers["end-stage"] != model.Unanswered || m.session.Notes["end-stage"] != "# ghi chú | `x`" || len(m.session.Questions) != 0 {
		t.Fatalf("nothing changes a finished session: %v %v %v", m.session.Answers, m.session.Notes, m.session.Questions)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "ACD349.json")); string(after) != string(before) {
		t.Fatal("the finished record must not be rewritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "ACD349.progress.json")); !os.IsNotExist(err) {
		t.Fatal("nor saved as in progress again")
	}
	// A correction is an explicit amendment, kept beside the original.
	clickText(t, m, "a amend")
	typeText(m, "Item 1 was Yes: the patient misread it")
	send(m, press("enter"))
	if !strings.Contains(visible(m), "kept beside the record") {
		t.Fatalf("the amendment is confirmed:\n%s", visible(m))
	}
	notes, err := m.opt.Store.(records.Amender).Amendments("ACD349")
	if err != nil || len(notes) != 1 || !strings.Contains(string(notes[0]), "Item 1 was Yes") {
		t.Fatalf("the amendment is stored beside the record: %q %v", notes, err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "ACD349.json")); string(after) != string(before) {
		t.Fatal("an amendment leaves the finished record as it was")
	}
	if msg := m.ExitMessage(); !strings.Contains(msg, "ACD349") || !strings.Contains(msg, filepath.Join(dir, "ACD349.md")) || !strings.Contains(msg, "stemcounsel open ACD349") {
		t.Fatalf("leaving names the code, the record and how to open it: %q", msg)
	}
	if !send(m, press("q")) {
		t.Fatal("after finishing, q quits without asking")
	}
}

func TestResumeListAtStart(t *testing.T) {
	dir := t.TempDir()
	old := model.NewSession(model.LangEN, model.RoleDoctor, testClock)
	old.Code, old.PatientRef = "XYW346", "BN-042"
	old.Groups = []string{"joint"}
	old.SetAnswer("fibrosis", model.NotSure)
	old.JumpTo(model.StepWhatItIs, testClock)
	offers := []records.Offer{
		{Entry: records.Entry{Code: "XYW346", Status: model.StatusInProgress, Role: model.RoleDoctor, Updated: testClock.Add(-20 * time.Minute)}, Lang: model.LangEN, Step: 2, Steps: 19, PatientRef: "BN-042"},
		{Entry: records.Entry{Code: "QQQ777", Status: model.StatusInProgress, Role: model.RoleDoctor, Updated: testClock.Add(-3 * time.Hour)}, Lang: model.LangVI, Step: 5, Steps: 19, Locked: true},
	}
	var asked string
	var corrected string // what the start-up says of pages changed since
	load := func(code string) (*model.Session, string, error) { asked = code; return old, corrected, nil }
	start := func(opt Options) *Model {
		opt.Unfinished, opt.Resume = offers, load
		if opt.Role == model.RoleUnset {
			opt.Role = model.RoleDoctor
		}
		return storeModel(t, dir, opt)
	}

	m := start(Options{Lang: model.LangVI, LangSet: true})
	scr := visible(m)
	if !isOpen[*resumeDialog](m) || !strings.Contains(scr, "› Bắt đầu phiên mới") {
		t.Fatalf("the new session is the first row, with the cursor:\n%s", scr)
	}
	for _, want := range []string{"XYW346 · English · Bước 2/19 · 20 phút trước", "Buổi tư vấn có bác sĩ · BN-042", "QQQ777", "đang mở ở cửa sổ khác"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the row must show %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "fibrosis") {
		t.Fatal("no answers in the list")
	}
	send(m, press("enter"))
	if asked != "" || m.dialog != nil || m.session.Code != "ACD349" || m.session.PatientRef != "" {
		t.Fatalf("enter on the default row starts a new session: asked %q, session %s ref %q", asked, m.session.Code, m.session.PatientRef)
	}
	if strings.Contains(visible(m), "BN-042") {
		t.Fatal("the previous patient's file number must not carry into the new session")
	}

	m = start(Options{Lang: model.LangVI, LangSet: true})
	send(m, keys("down", "down", "down", "enter")...) // stops at the locked row
	if asked != "" || !isOpen[*resumeDialog](m) {
		t.Fatal("a session open elsewhere cannot be chosen")
	}
	clickText(t, m, "QQQ777")
	if asked != "" || !isOpen[*resumeDialog](m) {
		t.Fatal("nor clicked")
	}
	send(m, keys("up", "enter")...)
	if asked != "XYW346" || m.session.Code != "XYW346" || m.session.Current != model.StepWhatItIs || m.session.Lang != model.LangEN {
		t.Fatalf("resume: asked %q, session %+v", asked, m.session)
	}
	if scr := visible(m); !strings.Contains(scr, "keeps its own language (English)") {
		t.Fatalf("a session whose language differs from --lang says so:\n%s", scr)
	}

	// A session picked from the list says which pages were corrected since,
	// as --resume does.
	corrected, asked = "Since this session began, these pages were corrected: Options.", ""
	m = start(Options{Lang: model.LangEN, LangSet: true})
	send(m, keys("down", "enter")...)
	if scr := visible(m); asked != "XYW346" || !strings.Contains(scr, "these pages were corrected: Options.") {
		t.Fatalf("resuming from the list must say which pages changed:\n%s", scr)
	}

	for _, opt := range []Options{{Role: model.RolePatient}, {Kiosk: true, Idle: time.Hour}} {
		opt.Unfinished, opt.Resume = offers, load
		if m := storeModel(t, dir, opt); m.dialog != nil {
			t.Fatalf("a %s start-up (kiosk %v) lists no other sessions", opt.Role, opt.Kiosk)
		}
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
