package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/wording"
)

// sizes are the two screens every follow-up test is drawn on.
var sizes = [][2]int{{80, 24}, {60, 20}}

func visitScreen(v *Visit) string { return ansi.Strip(v.View().Content) }

// clickVisit clicks the middle of the first place label is drawn on the
// visit's screen; it fails when the label is not there.
func clickVisit(t *testing.T, v *Visit, label string) {
	t.Helper()
	for y, line := range strings.Split(visitScreen(v), "\n") {
		if i := strings.Index(line, label); i >= 0 {
			v.Update(tea.MouseClickMsg{X: ansi.StringWidth(line[:i]) + ansi.StringWidth(label)/2, Y: y, Button: tea.MouseLeft})
			return
		}
	}
	t.Fatalf("%q is not on the screen:\n%s", label, visitScreen(v))
}

// TestVisitListsEveryChoiceBeforeOne: the impression of change and the
// decision show each choice with its number and words before any is
// chosen, and a click on one chooses it, in both languages and sizes.
func TestVisitListsEveryChoiceBeforeOne(t *testing.T) {
	words := map[model.Lang]struct{ impression, decision []string }{
		model.LangEN: {[]string{"Very much improved", "Much improved", "Minimally improved", "No change", "Minimally worse", "Much worse", "Very much worse"},
			[]string{"Continue", "Stop", "Refer", "Undecided"}},
		model.LangVI: {[]string{"Tốt lên rất nhiều", "Tốt lên nhiều", "Tốt lên một chút", "Không thay đổi", "Xấu đi một chút", "Xấu đi nhiều", "Xấu đi rất nhiều"},
			[]string{"Tiếp tục", "Ngừng", "Chuyển khám nơi khác", "Chưa quyết định"}},
	}
	for lang, want := range words {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				store := records.OpenFolder(t.TempDir())
				v := newVisit(t, VisitOptions{Store: store, Session: kneeSession(t, store), Lang: lang}, testClock.Add(90*day))
				v.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				visitKeys(v, "end") // the decision, the last line
				for i, w := range want.decision {
					if !strings.Contains(visitScreen(v), fmt.Sprintf("%d: %s", i+1, w)) {
						t.Fatalf("decision %d %q is not listed before one is chosen:\n%s", i+1, w, visitScreen(v))
					}
				}
				clickVisit(t, v, want.decision[1])
				if !strings.Contains(visitScreen(v), "› 2: "+want.decision[1]) {
					t.Fatalf("a click chooses the decision, marked by its arrow:\n%s", visitScreen(v))
				}
				for v.form.cur().id != "impression" {
					visitKeys(v, "up")
				}
				for i, w := range want.impression {
					if !strings.Contains(visitScreen(v), fmt.Sprintf("%d: %s", i+1, w)) {
						t.Fatalf("impression %d %q is not listed before one is chosen:\n%s", i+1, w, visitScreen(v))
					}
				}
				clickVisit(t, v, want.impression[5])
				if rec, _ := v.Record(); rec.Impression != model.Impression(6) || rec.Decision != model.DecisionStop {
					t.Fatalf("the clicks are kept: impression %d, decision %q", rec.Impression, rec.Decision)
				}
			})
		}
	}
}

// TestClinicianGradesListedAndWrapped: the mMRC grades are listed with
// their words at the baseline and the visit, and the chosen grade's words
// wrap whole on a narrow screen, never cut.
func TestClinicianGradesListedAndWrapped(t *testing.T) {
	grade3 := map[model.Lang]string{
		model.LangVI: "Phải dừng lại để thở sau khi đi khoảng 100 mét hoặc sau vài phút trên đường bằng.",
		model.LangEN: "",
	}
	for _, lang := range []model.Lang{model.LangVI, model.LangEN} {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				store := records.OpenFolder(t.TempDir())
				rec := kneeSession(t, store)
				rec.Groups = []string{"lung"}
				v := newVisit(t, VisitOptions{Store: store, Session: rec, Lang: lang}, testClock.Add(90*day))
				v.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				for v.form.cur().id != "mmrc" {
					visitKeys(v, "down")
				}
				words := grade3[lang]
				if words == "" {
					for _, m := range realContent(t).Measures {
						if m.ID == "mmrc" {
							words = m.In(lang).Grades[3]
						}
					}
				}
				flat := func() string { return strings.Join(strings.Fields(visitScreen(v)), " ") }
				for g := 0; g <= 4; g++ {
					if !strings.Contains(flat(), fmt.Sprintf("%d: ", g)) {
						t.Fatalf("grade %d is not listed:\n%s", g, visitScreen(v))
					}
				}
				visitKeys(v, "3")
				if !strings.Contains(flat(), "› 3: "+strings.Join(strings.Fields(words), " ")) || strings.Contains(visitScreen(v), "…") {
					t.Fatalf("the chosen grade's words are shown whole, wrapped:\n%s", visitScreen(v))
				}
				if !strings.Contains(flat(), "): 3: "+strings.Join(strings.Fields(words), " ")) {
					t.Fatalf("the list keeps the edited line whole in view:\n%s", visitScreen(v))
				}
				for _, l := range strings.Split(visitScreen(v), "\n") {
					if ansi.StringWidth(l) > size[0] {
						t.Fatalf("a line is wider than the screen: %q", l)
					}
				}
			})
		}
	}
}

// TestBaselineChoicesAreClickable: at the baseline a grade is picked by a
// click on its words, and kept in the session.
func TestBaselineChoicesAreClickable(t *testing.T) {
	for _, lang := range []model.Lang{model.LangEN, model.LangVI} {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				m := newTestModel(t, realContent(t), Options{Lang: lang, LangSet: true, Role: model.RoleDoctor, Groups: []string{"lung"}}, size[0], size[1])
				m.session.NextStep = model.NextAssessmentBooked
				atStep(t, m, model.StepBaseline)
				clickText(t, m, " 7 ") // worst pain, from its row of numbers
				if m.session.Baseline == nil || m.session.Baseline.Scores["pain-worst"] != 7 {
					t.Fatalf("a click on 7 is the worst pain: %+v\n%s", m.session.Baseline, visible(m))
				}
				for b := baselineOf(m); b.form.cur().id != "mmrc"; {
					send(m, press("down"))
				}
				var grade string
				for _, ms := range realContent(t).Measures {
					if ms.ID == "mmrc" {
						grade = ms.In(lang).Grades[2]
					}
				}
				clickText(t, m, "2: "+strings.Fields(grade)[0])
				if m.session.Baseline.Scores["mmrc"] != 2 {
					t.Fatalf("a click on grade 2 is kept: %+v\n%s", m.session.Baseline, visible(m))
				}
			})
		}
	}
}

func baselineOf(m *Model) *baselineScreen { return m.screen().(*baselineScreen) }

// lungSession keeps a finished doctor-led lung session KHN463 with a
// baseline: worst pain 9, mMRC 3, and walking to the market rated 2.
func lungSession(t *testing.T, store records.Store) {
	t.Helper()
	s := model.NewSession(model.LangEN, model.RoleDoctor, testClock)
	s.Code, s.Groups, s.NextStep = "KHN463", []string{"lung"}, model.NextAssessmentBooked
	s.Baseline = &model.Assessment{At: testClock, Scores: map[string]float64{"pain-worst": 9, "mmrc": 3},
		Activities: []model.Activity{{Name: "walking to the market", Score: 2}}}
	if err := store.Close(s.Record(model.StatusFinished, "abc", model.DefaultChecklist, testClock), []byte("# r\n")); err != nil {
		t.Fatal(err)
	}
}

// followUpKiosk is a kiosk with a lung session's baseline in its store,
// in a language, with a paste gap so fast typing counts as a paste.
func followUpKiosk(t *testing.T, lang model.Lang, w, h int) (*Model, *fakeClock, records.Store) {
	t.Helper()
	dir := t.TempDir()
	m, clock := kioskModel(t, dir, w, h)
	m.opt.PasteGap = 15 * time.Millisecond
	store := records.OpenFolder(dir)
	t.Cleanup(store.Release)
	lungSession(t, store)
	if lang != m.session.Lang {
		send(m, press("l"))
	}
	if m.session.Lang != lang {
		t.Fatalf("l did not switch the kiosk to %s", lang)
	}
	return m, clock, store
}

// clickKeypad clicks a key of the code keypad where it is drawn.
func clickKeypad(t *testing.T, m *Model, label string) {
	t.Helper()
	_, zones := m.compose()
	for _, z := range zones {
		if p, ok := z.act.(codePress); ok && p.label == label {
			send(m, tea.MouseClickMsg{X: z.x0 + 1, Y: z.y0, Button: tea.MouseLeft})
			return
		}
	}
	t.Fatalf("no key %q on the keypad:\n%s", label, visible(m))
}

// TestKioskFollowUpByTouchAndFastTyping: the follow-up is a button; the
// code is tapped on a keypad, pasted or typed fast; a code too short says
// what a code is and is not a wrong try; the scores are tapped and the
// visit saved with its button; esc stays in the help line.
func TestKioskFollowUpByTouchAndFastTyping(t *testing.T) {
	ft := map[model.Lang][2]string{ // the visit's button, and the short code's message
		model.LangEN: {"Follow-up visit (v)", "6 letters and digits"},
		model.LangVI: {"Tái khám (v)", "6 chữ và số"},
	}
	for lang, words := range ft {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				m, clock, store := followUpKiosk(t, lang, size[0], size[1])
				clickText(t, m, words[0])
				if _, ok := m.dialog.(*visitCodeDialog); !ok {
					t.Fatalf("the button opens the code dialog:\n%s", visible(m))
				}
				for _, k := range []string{"K", "H", "N", "4"} {
					clickKeypad(t, m, k)
				}
				clickKeypad(t, m, codeOK)
				if !strings.Contains(strings.Join(strings.Fields(visible(m)), " "), words[1]) || m.opt.codes.tries != 0 {
					t.Fatalf("a short code says what a code is and is no wrong try (%d):\n%s", m.opt.codes.tries, visible(m))
				}
				clickKeypad(t, m, codeBackspace)
				send(m, tea.PasteMsg{Content: "4 63"})
				if !strings.Contains(visible(m), "› KHN463") {
					t.Fatalf("a pasted code is taken:\n%s", visible(m))
				}
				for range model.CodeLength {
					send(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
				}
				typeText(m, "khn463") // all at once: the clock does not move
				if !strings.Contains(visible(m), "› KHN463") {
					t.Fatalf("a code typed fast is kept whole:\n%s", visible(m))
				}
				clock.advance(time.Second)
				send(m, press("enter"))
				if m.visit == nil {
					t.Fatalf("the code opens the visit:\n%s", visible(m))
				}
				screen := visible(m)
				help := strings.Split(strings.TrimRight(screen, "\n "), "\n")
				if !strings.Contains(help[len(help)-1], "esc") {
					t.Fatalf("the help line keeps esc:\n%s", screen)
				}
				clickText(t, m, " 5 ")
				send(m, press("down"))
				clickText(t, m, " 3 ")
				clickText(t, m, wording.FollowUpFor(lang).SaveButton)
				visits, err := store.Visits("KHN463")
				if err != nil || len(visits) != 1 || visits[0].Scores["pain-worst"] != 5 || visits[0].Scores["pain-usual"] != 3 {
					t.Fatalf("the tapped scores are saved by the button: %+v %v\n%s", visits, err, visible(m))
				}
			})
		}
	}
}

// TestVisitSaysWorseAndEarlierSideEffects: a worsening beyond the
// detectable change is said as plainly as an improvement; the doctor sees
// the earlier visits' side effects and decisions, and a side effect
// reported now is marked in words as one to act on; the kiosk shows none
// of the earlier answers.
func TestVisitSaysWorseAndEarlierSideEffects(t *testing.T) {
	want := map[model.Lang][]string{
		model.LangEN: {"Worse beyond the detectable change: Usual pain", "Since the last visits", "side effects: fever; decision: Continue", "Fever: Yes (to act on at this visit)"},
		model.LangVI: {"Xấu đi vượt mức thay đổi phát hiện được: Đau thường ngày", "Từ các lần khám trước", "tác dụng phụ: sốt; quyết định: Tiếp tục", "Sốt: Có (cần xử lý trong lần khám này)"},
	}
	for lang, words := range want {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				store := records.OpenFolder(t.TempDir())
				rec := kneeSession(t, store)
				first := model.VisitRecord{Schema: model.VisitSchema, Session: rec.Code, Lang: lang, EnteredBy: model.VisitByDoctor,
					Visit: model.Visit{Assessment: model.Assessment{At: testClock.Add(30 * day), Scores: map[string]float64{"pain-usual": 6}},
						SideEffects: model.SideEffects{Fever: true}, Decision: model.DecisionContinue}}
				if _, err := store.AddVisit(first); err != nil {
					t.Fatal(err)
				}
				earlier, err := store.Visits(rec.Code)
				if err != nil {
					t.Fatal(err)
				}
				v := newVisit(t, VisitOptions{Store: store, Session: rec, Earlier: earlier, Lang: lang}, testClock.Add(90*day))
				visitKeys(v, "8", "enter", "9") // usual pain 6 → 9
				for v.form.cur().id != "fever" {
					visitKeys(v, "down")
				}
				visitKeys(v, "y")
				text := visitText(v)
				for _, w := range words {
					if !strings.Contains(text, w) {
						t.Errorf("the doctor's visit does not say %q:\n%s", w, text)
					}
				}
				v.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				visitKeys(v, "y") // the line being edited stays in view at the size
				if !strings.Contains(visitScreen(v), words[3]) {
					t.Errorf("the edited line is out of view at %v:\n%s", size, visitScreen(v))
				}
				k := newVisit(t, VisitOptions{Store: store, Session: rec, Earlier: earlier, Lang: lang, Kiosk: true}, testClock.Add(90*day))
				visitKeys(k, "8", "enter", "9")
				for k.form.cur().id != "fever" {
					visitKeys(k, "down")
				}
				visitKeys(k, "y")
				for _, never := range words {
					if strings.Contains(visitText(k), never) {
						t.Errorf("the kiosk shows %q:\n%s", never, visitText(k))
					}
				}
			})
		}
	}
}

// TestKioskCountdownOverTheVisit: the idle countdown shows over the visit
// being entered, not over a fresh welcome, and says the unfinished visit
// is not kept; on timeout nothing of it is saved.
func TestKioskCountdownOverTheVisit(t *testing.T) {
	for _, lang := range []model.Lang{model.LangEN, model.LangVI} {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				m, clock, store := followUpKiosk(t, lang, size[0], size[1])
				send(m, press("v"))
				typeText(m, "khn463")
				clock.advance(time.Second)
				send(m, press("enter"), press("7"))
				if m.visit == nil {
					t.Fatalf("the code opens the visit:\n%s", visible(m))
				}
				clock.advance(m.opt.Idle - 20*time.Second)
				tick(m)
				ft, text := wording.FollowUpFor(lang), wording.For(lang)
				screen := strings.Join(strings.Fields(visible(m)), " ")
				notKept := strings.Join(strings.Fields(fmt.Sprintf(ft.KioskVisitCountdown, 20)), " ")
				var box []string // the countdown's own words, inside its border
				for _, l := range strings.Split(visible(m), "\n") {
					if i, j := strings.Index(l, "│"), strings.LastIndex(l, "│"); i >= 0 && j > i {
						box = append(box, l[i+len("│"):j])
					}
				}
				said := strings.Join(strings.Fields(strings.Join(box, " ")), " ")
				if !strings.Contains(said, text.StillThere) || !strings.Contains(screen, ft.KioskVisit) || !strings.Contains(said, notKept) || strings.Contains(screen, "ACD349") {
					t.Fatalf("the countdown is over the visit and says it is not kept:\n%s", visible(m))
				}
				clock.advance(21 * time.Second)
				tick(m)
				if m.visit != nil {
					t.Fatalf("the left visit is closed:\n%s", visible(m))
				}
				if visits, err := store.Visits("KHN463"); err != nil || len(visits) != 0 {
					t.Fatalf("an unfinished visit is not kept: %+v %v", visits, err)
				}
			})
		}
	}
}

// TestNoBaselineWhenTheRecordIsNotKept: after "No, don't keep it" the
// baseline step says it cannot be kept and takes nothing.
func TestNoBaselineWhenTheRecordIsNotKept(t *testing.T) {
	for _, lang := range []model.Lang{model.LangEN, model.LangVI} {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				m := consentModel(t, t.TempDir(), Options{Role: model.RoleDoctor, Lang: lang, LangSet: true, Groups: []string{"joint"}})
				send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]}, press("enter"))
				if !isOpen[*consentDialog](m) {
					t.Fatalf("Start asks about keeping the record:\n%s", visible(m))
				}
				send(m, press("2"))
				if m.Keeps() {
					t.Fatalf("2 is no:\n%s", visible(m))
				}
				m.session.NextStep = model.NextAssessmentBooked
				atStep(t, m, model.StepBaseline)
				said := strings.Join(strings.Fields(visible(m)), " ")
				if !strings.Contains(said, strings.Join(strings.Fields(wording.FollowUpFor(lang).BaselineNotKept), " ")[:40]) || strings.Contains(said, "0–10") {
					t.Fatalf("the baseline says it cannot be kept and asks nothing:\n%s", visible(m))
				}
				send(m, press("7"))
				if m.session.Baseline != nil {
					t.Fatalf("no baseline is taken: %+v", m.session.Baseline)
				}
			})
		}
	}
}

// TestVisitScreenDetails: Home and End go to the first and last line; at
// 60x20 the help line keeps esc; the impression asks since the first visit
// here, right after an assessment as after a treatment.
func TestVisitScreenDetails(t *testing.T) {
	since := map[model.Lang]string{model.LangEN: "Since your first visit here", model.LangVI: "Từ lần đầu bạn đến khám ở đây"}
	for lang, words := range since {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				store := records.OpenFolder(t.TempDir())
				v := newVisit(t, VisitOptions{Store: store, Session: kneeSession(t, store), Lang: lang}, testClock.Add(90*day))
				v.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				visitKeys(v, "end")
				if v.form.cur().id != "decision" {
					t.Fatalf("end goes to the last line, not %q", v.form.cur().id)
				}
				visitKeys(v, "home")
				if v.form.cur().id != "pain-worst" {
					t.Fatalf("home goes to the first line, not %q", v.form.cur().id)
				}
				lines := strings.Split(strings.TrimRight(visitScreen(v), "\n "), "\n")
				if help := lines[len(lines)-1]; !strings.Contains(help, "esc") {
					t.Fatalf("the help line keeps esc: %q", help)
				}
				for v.form.cur().id != "impression" {
					visitKeys(v, "down")
				}
				if flat := strings.Join(strings.Fields(visitScreen(v)), " "); !strings.Contains(flat, words) || strings.Contains(flat, "treatment began") {
					t.Fatalf("the impression asks since the first visit:\n%s", visitScreen(v))
				}
			})
		}
	}
}

// TestTrainerBaselineSaysAnyNumbers: the personas come with no baseline
// numbers, so the trainer is told any practice numbers will do, whole at
// every size.
func TestTrainerBaselineSaysAnyNumbers(t *testing.T) {
	for _, lang := range []model.Lang{model.LangEN, model.LangVI} {
		for _, size := range sizes {
			m := newTestModel(t, realContent(t), Options{Lang: lang, LangSet: true, Role: model.RoleTrainer, Groups: []string{"joint"}}, size[0], size[1])
			atStep(t, m, model.StepBaseline)
			want := strings.Join(strings.Fields(wording.FollowUpFor(lang).BaselinePractice), " ")
			if flat := strings.Join(strings.Fields(visible(m)), " "); !strings.Contains(flat, want) {
				t.Errorf("%s %v: the practice note is not shown whole:\n%s", lang, size, visible(m))
			}
		}
	}
}
