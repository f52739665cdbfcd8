package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
	"stemcounsel/records"
)

const day = 24 * time.Hour

// kneeSession is a finished doctor-led session with a knee baseline:
// worst pain 8, usual 6, and stairs rated 3 in the patient's words.
func kneeSession(t *testing.T, store records.Store) model.Record {
	t.Helper()
	s := model.NewSession(model.LangEN, model.RoleDoctor, testClock)
	s.Code, s.Groups, s.NextStep = "ACD349", []string{"joint"}, model.NextAssessmentBooked
	s.Baseline = &model.Assessment{At: testClock, Scores: map[string]float64{"pain-worst": 8, "pain-usual": 6},
		Activities: []model.Activity{{Name: "climbing the stairs at home", Score: 3}}}
	rec := s.Record(model.StatusFinished, realContent(t).Hash, model.DefaultChecklist, testClock)
	if err := store.Close(rec, []byte("# r\n")); err != nil {
		t.Fatal(err)
	}
	return rec
}

func newVisit(t *testing.T, opt VisitOptions, at time.Time) *Visit {
	t.Helper()
	if opt.Content == nil {
		opt.Content = realContent(t)
	}
	opt.Now = func() time.Time { return at }
	v := NewVisit(opt)
	v.Update(tea.WindowSizeMsg{Width: 100, Height: 400}) // tall: the whole course in view
	return v
}

func visitKeys(v *Visit, ks ...string) {
	for _, k := range ks {
		var msg tea.KeyPressMsg
		switch k {
		case "ctrl+s":
			msg = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
		case "esc":
			msg = press("esc")
		default:
			msg = press(k)
		}
		v.Update(msg)
	}
}

func visitText(v *Visit) string {
	return strings.Join(strings.Fields(ansi.Strip(v.View().Content)), " ")
}

// TestVisitReadsBackAndRaisesStopOnlyAtTheWindow: at 3 months nothing is
// flagged; at 6 months with no change beyond the detectable change the
// doctor sees the talking point; an improvement is shown and holds it.
func TestVisitReadsBackAndRaisesStopOnlyAtTheWindow(t *testing.T) {
	store := records.OpenFolder(t.TempDir())
	rec := kneeSession(t, store)
	v := newVisit(t, VisitOptions{Store: store, Session: rec}, testClock.Add(90*day))
	text := visitText(v)
	if !strings.Contains(text, "climbing the stairs at home") || !strings.Contains(text, "Follow-up visit 1, session ACD349") {
		t.Fatalf("the activity is read back in the patient's words:\n%s", text)
	}
	visitKeys(v, "7", "enter", "5", "enter", "4", "enter", "4", "enter") // pain 7 and 5, stairs 4, no change
	if text := visitText(v); strings.Contains(text, "A talking point") || !strings.Contains(text, "6 → 5, 17% better: within the detectable change") {
		t.Fatalf("before the window no stop question:\n%s", text)
	}
	visitKeys(v, "n", "enter", "n", "enter", "y", "enter")
	visitKeys(v, "enter")
	typeVisit(v, "knee ached two days")
	visitKeys(v, "enter", "1", "ctrl+s")
	saved := v.Saved()
	if saved == nil || saved.Number != 1 || saved.Scores["pain-worst"] != 7 || saved.Activities[0] != (model.Activity{Name: "climbing the stairs at home", Score: 4}) ||
		saved.Impression != model.NoChange || !saved.SideEffects.NewPain || saved.SideEffects.Fever || saved.SideEffects.Text != "knee ached two days" ||
		saved.Decision != model.DecisionContinue || saved.EnteredBy != model.VisitByDoctor {
		t.Fatalf("saved %+v", saved)
	}
	earlier, err := store.Visits("ACD349")
	if err != nil || len(earlier) != 1 {
		t.Fatalf("visits %v, %v", earlier, err)
	}

	v = newVisit(t, VisitOptions{Store: store, Session: rec, Earlier: earlier}, testClock.Add(182*day))
	visitKeys(v, "7", "enter", "5", "enter", "4")
	text = visitText(v)
	if !strings.Contains(text, "Follow-up visit 2") || !strings.Contains(text, "A talking point, not a verdict") ||
		!strings.Contains(text, "first measurement 24 Nov 2026: 6") {
		t.Fatalf("at the window with no meaningful change the doctor sees the talking point and the course:\n%s", text)
	}
	visitKeys(v, "up", "3") // usual pain 3: half the baseline
	text = visitText(v)
	if strings.Contains(text, "A talking point") || !strings.Contains(text, "Improved beyond the detectable change: Usual pain") {
		t.Fatalf("an improvement is shown and holds the talking point:\n%s", text)
	}
}

func typeVisit(v *Visit, s string) {
	for _, r := range s {
		v.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// TestKioskVisitAsksOnlyThePatient: no clinician scale, no decision, no
// earlier answer, and the visit is marked as the patient's.
func TestKioskVisitAsksOnlyThePatient(t *testing.T) {
	store := records.OpenFolder(t.TempDir())
	rec := kneeSession(t, store)
	rec.Groups = []string{"joint", "lung"}
	v := newVisit(t, VisitOptions{Store: store, Session: rec, Kiosk: true}, testClock.Add(30*day))
	text := visitText(v)
	for _, never := range []string{"ACD349", "Decision", "mMRC", "→", "8", "The baseline and earlier visits"} {
		if strings.Contains(text, never) {
			t.Errorf("a kiosk visit shows %q:\n%s", never, text)
		}
	}
	visitKeys(v, "3", "ctrl+s")
	if s := v.Saved(); s == nil || s.EnteredBy != model.VisitByKiosk || !s.Kiosk || s.Decision != "" {
		t.Fatalf("saved %+v", v.Saved())
	}
}

// TestPracticeVisitIsMarked: a training session's visit says so and is
// kept as practice.
func TestPracticeVisitIsMarked(t *testing.T) {
	store := records.OpenFolder(t.TempDir())
	s := model.NewSession(model.LangVI, model.RoleTrainer, testClock)
	s.Code = "ACD349"
	rec := s.Record(model.StatusFinished, "0123456789ab", model.DefaultChecklist, testClock)
	if err := store.Close(rec, []byte("# r\n")); err != nil {
		t.Fatal(err)
	}
	v := newVisit(t, VisitOptions{Store: store, Session: rec}, testClock.Add(30*day))
	text := visitText(v)
	if !strings.Contains(text, "Tái khám thực hành") || !strings.Contains(text, "phiên bản nội dung cũ hơn (0123456789ab)") || !strings.Contains(text, "không có số đo ban đầu") {
		t.Fatalf("practice, older content and no baseline are all said:\n%s", text)
	}
	visitKeys(v, "5", "ctrl+s")
	if saved := v.Saved(); saved == nil || !saved.Practice {
		t.Fatalf("saved %+v", saved)
	}
}
