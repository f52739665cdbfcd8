package plain

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/wording"
)

func fixedNow() time.Time { return time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC) }

func bundle(t *testing.T) *content.Bundle {
	t.Helper()
	b, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// script is what a user types for a whole session: the language, the mode,
// a doctor's file number, one group, every checklist item No, every question's right answer, SURE
// all yes, every value very important and standard care, a note and a next step for a doctor, and enter on every page.
func script(b *content.Bundle, lang model.Lang, role model.Role, group string) string {
	var in []string
	in = append(in, map[model.Lang]string{model.LangVI: "1", model.LangEN: "2"}[lang])
	for _, step := range model.Flow(role, []string{group}) {
		switch step {
		case model.StepWelcome:
			for i, r := range model.Roles {
				if r == role {
					in = append(in, string(rune('1'+i)))
				}
			}
			if role == model.RoleDoctor {
				in = append(in, "BN-042") // the file number
			}
		case model.StepChooseGroup:
			for i, g := range b.GroupIDs {
				if g == group {
					in = append(in, string(rune('1'+i)), "")
				}
			}
		case model.StepChecklist:
			for range b.ChecklistIDs {
				in = append(in, "2")
				if role == model.RoleDoctor {
					in = append(in, "seen by the doctor")
				}
			}
		case model.StepKnowledgeCheck:
			for _, q := range b.Quiz(lang, []string{group}) {
				for i, c := range q.Choices {
					if c.Key == q.Answer {
						in = append(in, string(rune('1'+i)))
					}
				}
				if role != model.RolePatient {
					in = append(in, "1")
				}
			}
		case model.StepValues:
			for range model.ValueIDs {
				in = append(in, "3")
			}
			in = append(in, "2") // leaning: standard care
		case model.StepSure:
			in = append(in, "1", "1", "1", "1")
		case model.StepNextStep:
			in = append(in, "1") // an assessment booked: the baseline follows
		case model.StepBaseline:
			for _, m := range b.Measures.For([]string{group}) {
				switch {
				case m.Items:
					in = append(in, "walking to the market", "4", "") // one activity, then none
				case m.ID == "mmrc":
					in = append(in, "9", "2") // off the scale, then grade 2
				case m.ClinicianRated:
					in = append(in, "") // not measured
				default:
					in = append(in, "6")
				}
			}
		}
		in = append(in, "") // enter: next page (or finish, on the last)
	}
	return strings.Join(in, "\n") + "\n"
}

func TestPipeSessionInEachLanguage(t *testing.T) {
	b := bundle(t)
	for _, c := range []struct {
		lang  model.Lang
		role  model.Role
		group string
		want  string // in the output
	}{
		{model.LangVI, model.RolePatient, "joint", "Bước 1/"},
		{model.LangEN, model.RoleDoctor, "lung", "Step 1 of"},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			dir := t.TempDir()
			store := records.OpenFolder(dir)
			var out bytes.Buffer
			// A pipe, as a script or a screen reader's line mode gives it.
			cmd := exec.Command("cat")
			cmd.Stdin = strings.NewReader(script(b, c.lang, c.role, c.group))
			pipe, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			err = Run(pipe, &out, Options{Content: b, Store: store, Now: fixedNow, Code: "PACE47", Role: model.RoleUnset})
			_ = cmd.Wait()
			if err != nil {
				t.Fatal(err)
			}
			text := out.String()
			if strings.ContainsRune(text, 0x1b) {
				t.Error("the output holds an escape sequence")
			}
			for _, r := range text {
				if (r >= 0x2500 && r <= 0x259f) || r == '╭' {
					t.Fatalf("the output holds the box-drawing or block character %q", r)
				}
			}
			if !strings.Contains(text, c.want) {
				t.Errorf("output never says %q", c.want)
			}
			rec, err := store.Load("PACE47")
			if err != nil {
				t.Fatalf("no saved record: %v\n%s", err, text)
			}
			if rec.Status != model.StatusFinished || rec.Lang != c.lang || rec.Role != c.role {
				t.Errorf("record %s %s %s, want finished %s %s", rec.Status, rec.Lang, rec.Role, c.lang, c.role)
			}
			if len(rec.Groups) != 1 || rec.Groups[0] != c.group {
				t.Errorf("groups %v, want [%s]", rec.Groups, c.group)
			}
			if len(rec.Checklist) != len(b.ChecklistIDs) {
				t.Fatalf("checklist %v", rec.Checklist)
			}
			for _, it := range rec.Checklist {
				if it.Answer != "no" {
					t.Errorf("item %s answered %q, want no", it.Item, it.Answer)
				}
				if (c.role == model.RoleDoctor) != (it.Note == "seen by the doctor") {
					t.Errorf("item %s note %q for a %s", it.Item, it.Note, c.role)
				}
			}
			if rec.Outcome != model.OutcomeNoExclusionReported {
				t.Errorf("outcome %s", rec.Outcome)
			}
			if n := len(b.Quiz(c.lang, []string{c.group})); len(rec.Knowledge) != n {
				t.Errorf("%d knowledge-check answers, want %d", len(rec.Knowledge), n)
			}
			if len(rec.Sure) != 1 || !rec.Sure[0].Complete || rec.Sure[0].Score != model.SureItems {
				t.Errorf("SURE %+v, want one complete, all yes", rec.Sure)
			}
			if len(rec.Values) != len(model.ValueIDs) || rec.Leaning != model.Leanings[1] {
				t.Errorf("values %v leaning %q, want every value rated and %q", rec.Values, rec.Leaning, model.Leanings[1])
			}
			if c.role == model.RoleDoctor && (rec.NextStep != model.NextSteps[0] || rec.PatientRef != "BN-042") {
				t.Errorf("next step %q, file number %q", rec.NextStep, rec.PatientRef)
			}
			if c.role == model.RoleDoctor {
				if b := rec.Baseline; b == nil || b.Scores["pain-usual"] != 6 || b.Scores["mmrc"] != 2 || len(b.Activities) != 1 ||
					b.Activities[0] != (model.Activity{Name: "walking to the market", Score: 4}) || !strings.Contains(text, "off the scale 0 to 4") {
					t.Errorf("baseline %+v", rec.Baseline)
				}
			}
		})
	}
}

func TestEndOfInputKeepsTheSessionInProgress(t *testing.T) {
	b := bundle(t)
	store := records.OpenFolder(t.TempDir())
	var out bytes.Buffer
	in := "\nx\n" // next page, then a bad command, then the input ends
	opt := Options{Content: b, Store: store, Now: fixedNow, Code: "PACE34", Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Groups: []string{"joint"}}
	if err := Run(strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	rec, err := store.Load("PACE34")
	if err != nil || rec.Status != model.StatusInProgress || len(rec.Groups) != 1 {
		t.Fatalf("record %+v, %v", rec, err)
	}
	if !strings.Contains(out.String(), `Not understood: "x"`) {
		t.Errorf("a bad command got no answer in words:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "PACE34") {
		t.Error("quitting does not say the session's code")
	}
}

// TestPlainAsksBeforeKeeping: behind the consent gate, as the app runs it,
// plain mode asks whether the record may be kept when the welcome is left;
// a no keeps nothing and never says a session is saved, a yes keeps the
// record with the evidence of the text shown.
func TestPlainAsksBeforeKeeping(t *testing.T) {
	b := bundle(t)
	for _, c := range []struct {
		lang   model.Lang
		answer string
	}{{model.LangEN, "2"}, {model.LangVI, "2"}, {model.LangEN, "1"}, {model.LangVI, "1"}} {
		dir := t.TempDir()
		folder := records.OpenFolder(dir)
		lines := strings.Split(script(b, c.lang, model.RolePatient, "joint"), "\n")
		// language, mode, enter on the welcome: then the question
		lines = append(lines[:3], append([]string{"", c.answer}, lines[3:]...)...)
		var out bytes.Buffer
		opt := Options{Content: b, Store: records.KeepOnlyWithConsent(folder), Now: fixedNow, Code: "PACE47",
			AskConsent: true, Terminal: "test-terminal", RetainDays: 30}
		if err := Run(strings.NewReader(strings.Join(lines, "\n")), &out, opt); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		title, _ := b.ConsentText(c.lang, 30, "")
		if !strings.Contains(text, "== "+title+" ==") || !strings.Contains(text, "30") {
			t.Fatalf("%s: the consent question was not asked with its text:\n%s", c.lang, text)
		}
		entries, _ := os.ReadDir(dir)
		rec, err := folder.Load("PACE47")
		if c.answer == "2" {
			if len(entries) != 0 {
				t.Errorf("%s: after a no the folder holds %d files", c.lang, len(entries))
			}
			if strings.Contains(text, "PACE47") {
				t.Errorf("%s: after a no the output still names the session's code:\n%s", c.lang, text)
			}
			continue
		}
		if err != nil || rec.Status != model.StatusFinished || rec.Consent == nil || !rec.Consent.Given || rec.Consent.Terminal != "test-terminal" || rec.Consent.TextSHA256 == "" {
			t.Errorf("%s: after a yes the finished record with its evidence is kept: %+v %v", c.lang, rec.Consent, err)
		}
	}
}

// TestPlainQuestionForTheDoctor: f on any page takes down a question for
// the doctor, kept with the page it was asked on; the page stays.
func TestPlainQuestionForTheDoctor(t *testing.T) {
	b := bundle(t)
	store := records.OpenFolder(t.TempDir())
	long := strings.Repeat("x", model.MaxQuestion+40)
	in := "\nf\nIs it safe with my heart medicine?\nf\n\nf\n" + long + "\n"
	var out bytes.Buffer
	opt := Options{Content: b, Store: store, Now: fixedNow, Code: "PACE47", Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Groups: []string{"joint"}}
	if err := Run(strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	rec, err := store.Load("PACE47")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Questions) != 2 || rec.Questions[0].Text != "Is it safe with my heart medicine?" || rec.Questions[0].Page != model.Flow(model.RolePatient, []string{"joint"})[1] {
		t.Fatalf("questions %+v, want the first on the second page and no empty one", rec.Questions)
	}
	if n := len([]rune(rec.Questions[1].Text)); n != model.MaxQuestion {
		t.Errorf("a long question kept %d characters, want %d", n, model.MaxQuestion)
	}
	if got := strings.Count(out.String(), "Your question is noted."); got != 2 {
		t.Errorf("said the question was noted %d times, want 2:\n%s", got, out.String())
	}
	if !strings.Contains(out.String(), "f: ask the doctor") {
		t.Error("the prompt does not offer f")
	}
}

// TestPlainOffersUnfinishedSessions: a doctor's plain start-up lists the
// unfinished sessions after "start a new session", the first choice; one
// chosen goes on where it stopped, under its own code and language, and
// is saved there.
func TestPlainOffersUnfinishedSessions(t *testing.T) {
	b := bundle(t)
	dir := t.TempDir()
	store := records.OpenFolder(dir)
	old := model.NewSession(model.LangEN, model.RoleDoctor, fixedNow().Add(-time.Hour))
	old.Code, old.PatientRef, old.Groups = "XYW346", "BN-042", []string{"joint"}
	if err := old.AnswerConsent(true, "the consent text", "test-terminal", model.ByDoctor, old.Started); err != nil {
		t.Fatal(err)
	}
	old.Next(old.Started)
	old.Next(old.Started)
	if err := store.SaveProgress(old.Record(model.StatusInProgress, b.Hash, b.ChecklistIDs, old.Started), 1); err != nil {
		t.Fatal(err)
	}
	store.Release()
	offers, _, err := records.Offers(store, model.RoleDoctor)
	if err != nil || len(offers) != 1 {
		t.Fatalf("offers %v, %v", offers, err)
	}
	resume := func(code string) (*model.Session, string, error) {
		s, _, err := records.Resume(store, code, model.RoleDoctor)
		return s, "", err
	}
	opt := Options{Content: b, Store: store, Now: fixedNow, Code: "PACE47", Lang: model.LangVI, LangSet: true, Role: model.RoleDoctor,
		Unfinished: offers, Resume: resume}

	var out bytes.Buffer
	if err := Run(strings.NewReader("1\nq\n"), &out, opt); err != nil { // a new session
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "  1. Bắt đầu phiên mới") || !strings.Contains(text, "  2. XYW346 · English · ") || !strings.Contains(text, "BN-042") {
		t.Fatalf("the list starts with a new session, then the offer:\n%s", text)
	}
	if strings.Contains(text, "Session XYW346 resumed") {
		t.Fatal("1 resumed the old session")
	}

	out.Reset()
	if err := Run(strings.NewReader("2\n\nq\n"), &out, opt); err != nil {
		t.Fatal(err)
	}
	if text := out.String(); !strings.Contains(text, "Session XYW346 resumed.") || !strings.Contains(text, "Step 3 of") || !strings.Contains(text, "resume it with: stemcounsel --resume XYW346") {
		t.Fatalf("2 resumes the old session, in its language, where it stopped, and names its code on leaving:\n%s", text)
	}
	rec, err := store.Load("XYW346")
	if err != nil || rec.Status != model.StatusInProgress || len(rec.PagesViewed) == 0 {
		t.Fatalf("the resumed session is saved under its code: %+v %v", rec.Status, err)
	}
	if _, err := store.Load("PACE47"); err == nil {
		t.Error("the unused new code got a record")
	}
}

// TestPlainPromptsReadAsWords: the first question says what it asks in
// every language, the values page shows no internal ids, and q quits from
// a numbered question as from a page.
func TestPlainPromptsReadAsWords(t *testing.T) {
	b := bundle(t)
	store := records.OpenFolder(t.TempDir())
	var out bytes.Buffer
	opt := Options{Content: b, Store: store, Now: fixedNow, Code: "PACE47", Role: model.RolePatient, Groups: []string{"joint"}}
	// English, then enter on every page up to the values, then q at its first line.
	steps := model.Flow(model.RolePatient, []string{"joint"})
	in := "2\n" + strings.Repeat("\n", slices.Index(steps, model.StepValues)+1) + "q\n" // the group step takes one enter more
	if err := Run(strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.HasPrefix(text, "Chọn ngôn ngữ: / Choose a language:\n") {
		t.Errorf("the first prompt does not say what it asks:\n%.200s", text)
	}
	if !strings.Contains(text, "Line 1 of 8") || strings.Contains(text, "sure-it-works") || strings.Contains(text, "standard-care:") {
		t.Errorf("the values page shows internal ids, or its first line was not asked:\n%s", text[strings.LastIndex(text, "=="):])
	}
	if strings.Contains(text, `Not understood: "q"`) || strings.Contains(text, "Line 2 of 8") {
		t.Errorf("q at a numbered question did not quit:\n%s", text[strings.LastIndex(text, "=="):])
	}
}

// TestPlainNoBaselineWhenNotKept: after a no to keeping the record the
// baseline says it cannot be kept and asks nothing.
func TestPlainNoBaselineWhenNotKept(t *testing.T) {
	b := bundle(t)
	for _, lang := range []model.Lang{model.LangEN, model.LangVI} {
		dir := t.TempDir()
		folder := records.OpenFolder(dir)
		lines := strings.Split(script(b, lang, model.RoleDoctor, "lung"), "\n")
		lines = append(lines[:3], append([]string{"", "2"}, lines[3:]...)...)
		var out bytes.Buffer
		opt := Options{Content: b, Store: records.KeepOnlyWithConsent(folder), Now: fixedNow, Code: "PACE47",
			AskConsent: true, Terminal: "test-terminal", RetainDays: 30}
		if err := Run(strings.NewReader(strings.Join(lines, "\n")), &out, opt); err != nil {
			t.Fatal(err)
		}
		ft := wording.FollowUpFor(lang)
		if text := out.String(); !strings.Contains(text, ft.BaselineNotKept) || strings.Contains(text, fmt.Sprintf(ft.Activity, 1)) {
			t.Errorf("%s: the baseline says it cannot be kept and asks nothing:\n%s", lang, text)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: after a no the folder holds %d files", lang, len(entries))
		}
	}
}

// TestPlainNoOnResumeDeletesWhatWasKept: a session kept before the
// question was asked, resumed and then refused, is deleted with its
// tombstone, as the full-screen app does.
func TestPlainNoOnResumeDeletesWhatWasKept(t *testing.T) {
	b := bundle(t)
	dir := t.TempDir()
	folder := records.OpenFolder(dir)
	old := model.NewSession(model.LangEN, model.RolePatient, fixedNow().Add(-time.Hour))
	old.Code, old.Groups = "XYW346", []string{"joint"}
	old.Next(old.Started)
	if err := folder.SaveProgress(old.Record(model.StatusInProgress, b.Hash, b.ChecklistIDs, old.Started), 1); err != nil {
		t.Fatal(err)
	}
	folder.Release()
	resumed, _, err := records.Resume(folder, "XYW346", model.RolePatient)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	opt := Options{Content: b, Store: records.KeepOnlyWithConsent(folder), Now: fixedNow, Session: resumed,
		AskConsent: true, Terminal: "test-terminal", RetainDays: 30}
	if err := Run(strings.NewReader("2\n\nq\n"), &out, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := folder.Load("XYW346"); err == nil {
		t.Fatalf("after a no the resumed record is still there:\n%s", out.String())
	}
	if ts, err := folder.Tombstone("XYW346"); err != nil || ts == nil {
		t.Errorf("no tombstone for the deleted record: %v %v", ts, err)
	}
	if strings.Contains(out.String(), "saved as unfinished") {
		t.Errorf("a refused session is said to be saved:\n%s", out.String())
	}
}
