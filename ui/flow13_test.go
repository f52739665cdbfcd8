package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// screenWords is the screen's text as one run of words, so a wrapped line
// reads as it would unwrapped.
func screenWords(m *Model) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(visible(m), "│", " ")), " ") // a dialog's sides too
}

// TestGroupDescriptionsWrapAndNotListedStays: every group's description is
// on screen whole (wrapped, not cut), and the not-listed path is in view
// even under the doctor's notes, at each size and in each language.
func TestGroupDescriptionsWrapAndNotListedStays(t *testing.T) {
	b := realContent(t)
	for _, sz := range [][2]int{{80, 24}, {60, 20}} {
		for _, lang := range model.Langs {
			for _, role := range []model.Role{model.RolePatient, model.RoleDoctor} {
				m := newTestModel(t, b, Options{Lang: lang, LangSet: true, Role: role}, sz[0], sz[1])
				send(m, press("m"))
				for m.session.Steps()[m.dialog.(*menuDialog).cursor] != model.StepChooseGroup {
					send(m, press("down"))
				}
				send(m, press("enter"))
				if role == model.RoleDoctor {
					send(m, keys("left", "d", "right")...) // d is a letter of the search here
				}
				where := string(lang) + "/" + string(role)
				c := m.opt.Content
				notListed := c.Group(lang, model.NotListed)
				for range len(c.GroupIDs) + 1 {
					words := screenWords(m)
					if !strings.Contains(words, notListed.Title) {
						t.Fatalf("%s %dx%d: the not-listed path is out of view:\n%s", where, sz[0], sz[1], visible(m))
					}
					checkFits(t, m, where)
					send(m, press("down"))
				}
				if role == model.RolePatient {
					send(m, press("home"))
					seen := ""
					for range len(c.GroupIDs) + 1 {
						seen += screenWords(m)
						send(m, press("up"))
					}
					for _, id := range c.GroupIDs {
						if g := c.Group(lang, id); !strings.Contains(seen+screenWords(m), g.Summary) {
							t.Errorf("%s %dx%d: %q is cut:\n%s", where, sz[0], sz[1], g.Summary, visible(m))
						}
					}
				}
			}
		}
	}
}

// TestClinicianPanelScrolls: where the notes do not fit, the panel says
// which lines are shown, and ] / [ (or shift+↓/↑) scroll it to its last
// line and back, beside the page or below it.
func TestClinicianPanelScrolls(t *testing.T) {
	b := realContent(t)
	for _, c := range []struct {
		role model.Role
		w, h int
		step model.StepID
	}{
		{model.RoleDoctor, 80, 24, model.StepChecklist},
		{model.RoleDoctor, 60, 20, model.StepChecklist},
		{model.RoleTrainer, 120, 40, model.StepChecklist},
	} {
		m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: c.role}, c.w, c.h)
		send(m, press("m"))
		for m.session.Steps()[m.dialog.(*menuDialog).cursor] != c.step {
			send(m, press("down"))
		}
		send(m, press("enter"))
		if c.role == model.RoleDoctor {
			send(m, press("d"))
		}
		_, body := m.panelText()
		last := strings.Fields(body[len(body)-1])
		end := last[len(last)-1] // the last word: beside the page a border splits the lines
		if from, to, of := panelLines(m); from != 1 || to >= of {
			t.Fatalf("%s %dx%d: the panel must say it scrolls and not show its end yet:\n%s", c.role, c.w, c.h, visible(m))
		}
		for range 40 {
			send(m, press("]"))
		}
		if _, to, of := panelLines(m); to != of || !strings.Contains(visible(m), end) {
			t.Fatalf("%s %dx%d: ] must reach the panel's last line %q:\n%s", c.role, c.w, c.h, end, visible(m))
		}
		checkFits(t, m, "panel scrolled")
		for range 40 {
			send(m, tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift})
		}
		if from, _, _ := panelLines(m); from != 1 {
			t.Fatalf("%s %dx%d: shift+↑ must go back to the top:\n%s", c.role, c.w, c.h, visible(m))
		}
	}
}

// panelLines reads the panel's "lines a–b of n" row; zeros if none.
func panelLines(m *Model) (from, to, of int) {
	r := regexp.MustCompile(`lines (\d+)–(\d+) of (\d+)`).FindStringSubmatch(visible(m))
	if r == nil {
		return 0, 0, 0
	}
	n := func(s string) int { i, _ := strconv.Atoi(s); return i }
	return n(r[1]), n(r[2]), n(r[3])
}

// TestPersonaDescriptionNotHidden: at 80x24 the trainer's script stays
// open below, and the focused persona's description is still on screen,
// all of it reachable with pgdown.
func TestPersonaDescriptionNotHidden(t *testing.T) {
	b := realContent(t)
	for _, sz := range [][2]int{{80, 24}, {60, 20}} {
		m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RoleTrainer}, sz[0], sz[1])
		send(m, press("enter"))
		if m.session.Current != model.StepPersona || !m.panelShown() {
			t.Fatalf("at %s, panel %v", m.session.Current, m.panelShown())
		}
		c := m.opt.Content
		pe := c.Persona(model.LangEN, c.PersonaIDs[0])
		prof, _ := pe.Section("profile")
		words := strings.Fields(prof)
		tail := strings.Join(words[len(words)-3:], " ")
		if !strings.Contains(screenWords(m), strings.Join(strings.Fields(pe.Summary)[:4], " ")) {
			t.Fatalf("%v: the persona's description is hidden:\n%s", sz, visible(m))
		}
		seen := ""
		for range 15 {
			seen += screenWords(m)
			send(m, press("pgdown"))
		}
		if !strings.Contains(seen, strings.TrimRight(tail, ".")) {
			t.Fatalf("%v: the description's end %q is never shown:\n%s", sz, tail, visible(m))
		}
	}
}

// TestFinishedAfterNoOffersNoAmendment: after a no to keeping the record,
// the finished screen offers no amendment (the a key does nothing) and the
// summary lists no code to look the record up by.
func TestFinishedAfterNoOffersNoAmendment(t *testing.T) {
	m := consentModel(t, t.TempDir(), Options{Role: model.RoleDoctor, Groups: []string{"joint"}})
	send(m, press("enter"), press("n"))
	atStep(t, m, model.StepSummary)
	send(m, press("right")) // finish
	if !m.finished {
		t.Fatal("the session did not finish")
	}
	send(m, press("x")) // clear the notice: the standing line shows
	seen := ""
	for range 40 {
		seen += visible(m)
		send(m, press("pgdown"))
	}
	for _, no := range []string{"amend", "ACD349", "Press a"} {
		if strings.Contains(seen, no) {
			t.Errorf("after a no the finished screen shows %q:\n%s", no, visible(m))
		}
	}
	send(m, press("a"))
	if m.dialog != nil {
		t.Fatal("a opened the amendment though nothing is kept")
	}
}

// TestPageMeasureCappedAndCentred: on a wide screen a page's lines are at
// most about 76 columns, and the page stands in the middle.
func TestPageMeasureCappedAndCentred(t *testing.T) {
	b := realContent(t)
	for _, role := range []model.Role{model.RolePatient, model.RoleDoctor} {
		m := newTestModel(t, b, Options{Lang: model.LangVI, LangSet: true, Role: role}, 160, 40)
		send(m, press("right"))
		lines := strings.Split(visible(m), "\n")
		body := lines[m.headerHeight() : len(lines)-m.footerHeight()]
		widest, left := 0, 999
		for _, l := range body {
			text := strings.TrimSpace(l)
			if text == "" {
				continue
			}
			widest = max(widest, ansi.StringWidth(text))
			left = min(left, len(l)-len(strings.TrimLeft(l, " ")))
		}
		if widest > readingWidth || widest < readingWidth-15 {
			t.Errorf("%s: the widest page line is %d columns, want about %d:\n%s", role, widest, readingWidth, visible(m))
		}
		if right := m.width - left - widest; left < 30 || right-left > 10 || left-right > 10 {
			t.Errorf("%s: the page is not centred: %d blank columns left, %d right", role, left, right)
		}
		checkFits(t, m, "wide page")
	}
}

// TestLessKeysScroll: j/k a line, ctrl+d/ctrl+u half a page, g/G the top
// and the end, as in less.
func TestLessKeysScroll(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepOptions)
	if m.vp.TotalLineCount() <= 2*m.vp.Height() {
		t.Fatal("the options page must be long enough to scroll")
	}
	step := func(k tea.KeyPressMsg, want func(before, after int) bool, what string) {
		t.Helper()
		before := m.vp.YOffset()
		send(m, k)
		if !want(before, m.vp.YOffset()) {
			t.Errorf("%s: offset %d -> %d", what, before, m.vp.YOffset())
		}
	}
	half := m.vp.Height() / 2
	step(press("j"), func(b, a int) bool { return a == b+1 }, "j scrolls down a line")
	step(press("k"), func(b, a int) bool { return a == b-1 }, "k scrolls up a line")
	step(tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}, func(b, a int) bool { return a == b+half }, "ctrl+d half a page down")
	step(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}, func(b, a int) bool { return a == b-half }, "ctrl+u half a page up")
	step(press("G"), func(b, a int) bool { return m.vp.AtBottom() }, "G to the end")
	step(press("g"), func(b, a int) bool { return a == 0 }, "g to the top")
	if m.session.Current != model.StepOptions {
		t.Fatalf("a scroll key moved the step to %s", m.session.Current)
	}
}

// TestSearchThePage: / asks for words, enter finds them (without accents
// too), the line with the first match comes to the top, n and N move
// between matches and say which; a word not on the page says so.
func TestSearchThePage(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangVI, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepOptions)
	send(m, press("/"))
	if !isOpen[*searchDialog](m) {
		t.Fatal("/ opens the search")
	}
	typeText(m, "te bao")
	send(m, press("enter"))
	hits := m.read.hits
	if len(hits) < 2 || m.dialog != nil {
		t.Fatalf("want several matches for 'te bao', got %v", hits)
	}
	top := func() string { return strings.Split(m.pageView(), "\n")[0] }
	if !strings.Contains(content.Fold(ansi.Strip(top())), "te bao") || !strings.Contains(visible(m), fmt.Sprintf("chỗ 1/%d", len(hits))) {
		t.Fatalf("the first match must be on the top line and named:\n%s", visible(m))
	}
	send(m, press("n"))
	if m.vp.YOffset() != min(hits[1], m.vp.TotalLineCount()-m.vp.Height()) || !strings.Contains(visible(m), fmt.Sprintf("chỗ 2/%d", len(hits))) {
		t.Fatalf("n goes to the second match (line %d), at %d:\n%s", hits[1], m.vp.YOffset(), visible(m))
	}
	send(m, press("N"))
	if !strings.Contains(visible(m), fmt.Sprintf("chỗ 1/%d", len(hits))) {
		t.Fatalf("N goes back to the first:\n%s", visible(m))
	}
	send(m, press("/"))
	send(m, tea.KeyPressMsg{Code: tea.KeyBackspace}) // the last search is there to edit
	for range 10 {
		send(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	typeText(m, "xyzzy")
	send(m, press("enter"))
	if !strings.Contains(visible(m), "Không thấy «xyzzy»") {
		t.Fatalf("a word not on the page says so:\n%s", visible(m))
	}
}

// TestNoticesExpire: a notice replaces the help bar for a few seconds,
// then the help bar comes back by itself.
func TestNoticesExpire(t *testing.T) {
	clock := testClock
	ticks := 0
	opt := Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Now: func() time.Time { return clock }}
	opt.noticeTick = func(time.Duration) tea.Cmd { ticks++; return nil }
	m := newTestModel(t, realContent(t), opt, 80, 24)
	send(m, press("right"), press("f"))
	typeText(m, "Is it safe?")
	send(m, press("enter"))
	if !strings.Contains(visible(m), m.text.QuestionSaved) || ticks != 1 {
		t.Fatalf("the notice shows and its time starts (%d ticks):\n%s", ticks, visible(m))
	}
	clock = clock.Add(2 * time.Second)
	send(m, noticeTickMsg{})
	if !strings.Contains(visible(m), m.text.QuestionSaved) {
		t.Fatal("a notice stays a few seconds")
	}
	clock = clock.Add(5 * time.Second)
	send(m, noticeTickMsg{})
	if scr := visible(m); strings.Contains(scr, m.text.QuestionSaved) || !strings.Contains(scr, "? help") {
		t.Fatalf("after a few seconds the help bar is back:\n%s", scr)
	}
}

// TestQuestionForTheDoctor: the field wraps a long question over several
// lines so all of it shows; a bracketed paste arrives whole at once, with
// no control characters; the page's question opens again for editing,
// an edit replaces it and emptying it takes it back.
func TestQuestionForTheDoctor(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 60, 20)
	send(m, press("right"), press("f"))
	long := "If I have the injection in my knee and nothing changes after six months, can I have my usual care again?"
	send(m, tea.PasteMsg{Content: long[:60] + "\x1b\n" + long[60:]})
	words := screenWords(m)
	if !strings.Contains(words, "If I have the injection") || !strings.Contains(words, "usual care again?") || strings.Contains(m.View().Content, "\x1b\n") {
		t.Fatalf("the pasted question must show whole, without the escape:\n%s", visible(m))
	}
	send(m, press("enter"))
	if len(m.session.Questions) != 1 || m.session.Questions[0].Text != strings.Join(strings.Fields(long[:60]+" "+long[60:]), " ") {
		t.Fatalf("questions: %+v", m.session.Questions)
	}
	send(m, press("f"))
	if !strings.Contains(screenWords(m), "usual care again?") || !strings.Contains(visible(m), "This is the question you wrote") {
		t.Fatalf("f on the same page shows the earlier question to edit:\n%s", visible(m))
	}
	typeText(m, " Soon?")
	send(m, press("enter"))
	if len(m.session.Questions) != 1 || !strings.HasSuffix(m.session.Questions[0].Text, "again? Soon?") {
		t.Fatalf("an edit replaces the page's question: %+v", m.session.Questions)
	}
	send(m, press("f"))
	for range len(m.session.Questions[0].Text) + 2 {
		send(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	send(m, press("enter"))
	if len(m.session.Questions) != 0 {
		t.Fatalf("an emptied question is taken back: %+v", m.session.Questions)
	}
	send(m, press("right"), press("f"))
	if strings.Contains(screenWords(m), "usual care") {
		t.Fatal("another page's field starts empty")
	}
}

// TestPasteGoesToTheFieldOnly: a paste types into the search that has the
// keyboard, and on a reading page, where letters are keys, does nothing.
func TestPasteGoesToTheFieldOnly(t *testing.T) {
	m := atChooser(t, model.LangEN, 80, 24)
	send(m, tea.PasteMsg{Content: "knee\n"})
	if strings.TrimSpace(groupsOf(m).filter) != "knee" {
		t.Fatalf("the search holds %q", groupsOf(m).filter)
	}
	send(m, press("esc"), press("right"))
	before := m.session.Current
	if send(m, tea.PasteMsg{Content: "qmq"}) || m.dialog != nil || m.session.Current != before {
		t.Fatal("a paste on a reading page must not act as keys")
	}
}

// TestSureCitationBeforeItsNote: "cited above" comes after the citation,
// on the screen and on paper.
func TestSureCitationBeforeItsNote(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepSure)
	seen := ""
	for range 10 {
		seen += screenWords(m) + " "
		send(m, press("pgdown"))
	}
	cite, note := strings.Index(seen, "Légaré F"), strings.Index(seen, "cited above")
	if cite < 0 || note < 0 || note < cite {
		t.Fatalf("the citation (at %d) must come before the note that says cited above (at %d)", cite, note)
	}
	var b strings.Builder
	if err := doc.Handout(&b, m.opt.Content, doc.PrintOptions{Lang: model.LangEN, Width: 80, Style: "ascii", Date: testClock}); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); strings.Index(out, "cited above") < strings.Index(out, "Légaré F") {
		t.Fatal("on paper too, the citation comes first")
	}
}

// TestFileNumberFieldSaysWhenFull: j and k are letters in the field, and
// typing past its limit says why nothing more goes in.
func TestFileNumberFieldSaysWhenFull(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangVI, LangSet: true, Role: model.RoleDoctor}, 80, 24)
	send(m, press("up")) // to the field
	typeText(m, "jk ")
	if m.session.PatientRef != "jk" {
		t.Fatalf("j and k must type into the field: %q", m.session.PatientRef)
	}
	send(m, tea.PasteMsg{Content: "Nguyễn Văn An, sinh 1955, số hồ sơ 2024-000381"})
	if !strings.Contains(screenWords(m), "tối đa 32 ký tự") {
		t.Fatalf("a full field says so:\n%s", visible(m))
	}
}

// TestGroupScreenKeepsGlobalKeys: / starts a search and typing searches,
// while ? opens the help, esc clears the search and tab goes on.
func TestGroupScreenKeepsGlobalKeys(t *testing.T) {
	m := atChooser(t, model.LangEN, 80, 24)
	send(m, press("/"))
	typeText(m, "lung")
	if groupsOf(m).filter != "lung" || !slices.Contains(visibleGroups(m), "lung") || slices.Contains(visibleGroups(m), "joint") {
		t.Fatalf("/ then typing searches: %q %v", groupsOf(m).filter, visibleGroups(m))
	}
	send(m, press("?"))
	if !isOpen[helpDialog](m) || groupsOf(m).filter != "lung" {
		t.Fatalf("? opens the help even while searching (filter %q)", groupsOf(m).filter)
	}
	send(m, press("esc"), press("esc"))
	if m.dialog != nil || groupsOf(m).filter != "" {
		t.Fatalf("esc closes the help, then clears the search: %q", groupsOf(m).filter)
	}
	send(m, press("tab"))
	if m.session.Current == model.StepChooseGroup {
		t.Fatal("tab goes on from the group screen")
	}
}

// TestFinishedButtonSaysFinished: once the session is final, the last
// step's button no longer offers to finish and save it.
func TestFinishedButtonSaysFinished(t *testing.T) {
	for _, lang := range model.Langs {
		m := consentModel(t, t.TempDir(), Options{Role: model.RoleDoctor, Groups: []string{"joint"}, Lang: lang, LangSet: true})
		send(m, press("enter"), press("y"))
		atStep(t, m, model.StepSummary)
		text := wording.For(lang)
		if !strings.Contains(visible(m), strings.TrimSpace(text.Finish)) {
			t.Fatalf("%s: the summary offers no %q:\n%s", lang, text.Finish, visible(m))
		}
		send(m, press("right"))
		if !m.finished {
			t.Fatalf("%s: the session did not finish", lang)
		}
		send(m, press("x"))
		got := visible(m)
		if strings.Contains(got, strings.TrimSpace(text.Finish)) || !strings.Contains(got, text.FinishedButton) {
			t.Errorf("%s: a finished session's button should say %q, not %q:\n%s", lang, text.FinishedButton, text.Finish, got)
		}
	}
}

// TestTrainerHelpNamesTheScript: a trainer's d key opens the training
// script, and the help bar says so.
func TestTrainerHelpNamesTheScript(t *testing.T) {
	for _, lang := range model.Langs {
		text := wording.For(lang)
		m := newTestModel(t, fixtureContent(t), Options{Role: model.RoleTrainer, Lang: lang, LangSet: true}, 120, 40)
		send(m, press("right"))
		send(m, press("?"))
		got := visible(m)
		if !strings.Contains(got, text.KeyTrainerPanel) || strings.Contains(got, text.KeyPanel) {
			t.Errorf("%s: trainer's help should name %q, not %q:\n%s", lang, text.KeyTrainerPanel, text.KeyPanel, got)
		}
	}
}

// TestKioskPatientsSeeNoKeyNotice: the missing-key notice is for staff;
// a kiosk's patients never see it, a doctor's session does.
func TestKioskPatientsSeeNoKeyNotice(t *testing.T) {
	for _, kiosk := range []bool{false, true} {
		opt := Options{Lang: model.LangEN, LangSet: true, Unencrypted: true, Kiosk: kiosk, Idle: time.Hour}
		if !kiosk {
			opt.Role = model.RoleDoctor
		}
		m := newTestModel(t, fixtureContent(t), opt, 80, 24)
		if shows := strings.Contains(visible(m), "unencrypted"); shows == kiosk {
			t.Errorf("kiosk %v: the missing-key notice shown: %v\n%s", kiosk, shows, visible(m))
		}
	}
}

// TestClinicNameInTheHeader: once the clinic gives its name, every screen
// at full size says whose guide it is, in the session's language; a
// compact window keeps its rows for the page.
func TestClinicNameInTheHeader(t *testing.T) {
	b := *fixtureContent(t)
	b.Clinic = map[model.Lang]map[string]string{model.LangVI: {"name": "Phòng khám Hoa Sen"}, model.LangEN: {"name": "Lotus Clinic"}}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		m := newTestModel(t, &b, Options{Lang: model.LangVI, LangSet: true, Role: model.RoleDoctor}, size[0], size[1])
		send(m, press("right"))
		lines := strings.Split(visible(m), "\n")
		shown := strings.Contains(strings.Join(lines[:m.headerHeight()], "\n"), "Phòng khám Hoa Sen")
		if full := !m.compact(); shown != full {
			t.Errorf("%dx%d: clinic name in the header %v, want %v:\n%s", size[0], size[1], shown, full, visible(m))
		}
		if len(lines) != size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		send(m, press("l"))
		if full := !m.compact(); full && !strings.Contains(visible(m), "Lotus Clinic") {
			t.Errorf("after the language key the header names the clinic in English:\n%s", visible(m))
		}
	}
}

// TestHelpBarKeepsLanguageAndContents: a doctor's help bar at 60x20 and
// 80x24 offers the language and the contents; what does not fit is one
// click away behind "…", and every key in the help list is a click.
func TestHelpBarKeepsLanguageAndContents(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangVI, LangSet: true, Role: model.RoleDoctor}, size[0], size[1])
		send(m, press("right"))
		lines := strings.Split(visible(m), "\n")
		bar := lines[len(lines)-m.footerHeight()]
		for _, want := range []string{"l English", "m mục lục"} {
			if !strings.Contains(bar, want) {
				t.Errorf("%dx%d: the help bar lacks %q: %q", size[0], size[1], want, bar)
			}
		}
		if i := strings.Index(bar, "…"); i >= 0 {
			y := slices.Index(lines, bar)
			send(m, tea.MouseClickMsg{X: ansi.StringWidth(bar[:i]), Y: y, Button: tea.MouseLeft})
			if _, ok := m.dialog.(helpDialog); !ok {
				t.Errorf("%dx%d: a click on … does not open the help", size[0], size[1])
			}
		} else {
			send(m, press("?"))
		}
		clickText(t, m, "l English")
		if m.dialog != nil || m.session.Lang != model.LangEN {
			t.Errorf("%dx%d: a click on the help's l English closes the help and switches: dialog %T, lang %s", size[0], size[1], m.dialog, m.session.Lang)
		}
	}
}

// TestWrongAnswerHasNoTick: the chosen answer is marked as chosen, never
// with the tick that means right.
func TestWrongAnswerHasNoTick(t *testing.T) {
	m := quizAt(t, model.RolePatient, 80, 24)
	item := m.opt.Content.Quiz(m.session.Lang, m.session.Groups)[0]
	wrong := slices.IndexFunc(item.Choices, func(c content.Cell) bool { return c.Key != item.Answer })
	send(m, press(strconv.Itoa(wrong+1)))
	scr := visible(m)
	if !strings.Contains(scr, "(your answer)") || strings.Contains(scr, "✓") {
		t.Fatalf("a wrong answer must be marked as chosen, without a tick:\n%s", scr)
	}
}

// TestOutcomeNoteUnderItsItem: on the outcome page a doctor's note stands
// indented under its item, as in the summary, not flush with the page.
func TestOutcomeNoteUnderItsItem(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor, Groups: []string{"joint"}}, 80, 24)
	id := m.items()[0]
	m.session.SetAnswer(id, model.NotSure)
	m.session.SetNote(id, "Had a flare in Oct")
	atStep(t, m, model.StepOutcome)
	var item, note int
	for _, l := range strings.Split(ansi.Strip(strings.Join(m.pageLines, "\n")), "\n") {
		switch {
		case strings.Contains(l, m.opt.Content.Item(model.LangEN, id).Title+":"):
			item = len(l) - len(strings.TrimLeft(l, " "))
		case strings.Contains(l, "Had a flare in Oct"):
			note = len(l) - len(strings.TrimLeft(l, " "))
		}
	}
	if note <= item {
		t.Errorf("the note starts at column %d, its item at %d", note, item)
	}
}

// TestFastTypedSearchEndsWithItsEnter: a search typed faster than a person
// types (a script, an unbracketed paste) keeps its line break as the enter
// that runs it, as the other text fields do.
func TestFastTypedSearchEndsWithItsEnter(t *testing.T) {
	clock := &fakeClock{t: testClock}
	m := newTestModel(t, realContent(t), Options{Lang: model.LangVI, LangSet: true, Role: model.RolePatient, Now: clock.now, PasteGap: 15 * time.Millisecond}, 80, 24)
	atStep(t, m, model.StepOptions)
	clock.advance(time.Second)
	send(m, press("/"))
	for _, k := range pasteKeys("te bao\n") {
		send(m, k)
	}
	send(m, pasteQuietMsg{m.keySeq})
	if m.dialog != nil || len(m.read.hits) < 2 {
		t.Fatalf("the fast-typed search did not run: dialog %T, %d matches", m.dialog, len(m.read.hits))
	}
}
