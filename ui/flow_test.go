package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/doc"
	"stemcounsel/model"
)

// clickText clicks the middle of the first place label is drawn, as a user
// would; it fails when the label is not on the screen.
func clickText(t *testing.T, m *Model, label string) {
	t.Helper()
	for y, line := range strings.Split(visible(m), "\n") {
		if i := strings.Index(line, label); i >= 0 {
			x := ansi.StringWidth(line[:i]) + ansi.StringWidth(label)/2
			send(m, tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
			return
		}
	}
	t.Fatalf("%q is not on the screen:\n%s", label, visible(m))
}

func quizAt(t *testing.T, role model.Role, w, h int) *Model {
	t.Helper()
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: role, Groups: []string{"joint"}}, w, h)
	atStep(t, m, model.StepKnowledgeCheck)
	return m
}

// TestKnowledgeCheckIsAStepper: next goes to the next unanswered question,
// never out of the check after question 1; the last asks before skipping
// what is open; there is no wrap-around.
func TestKnowledgeCheckIsAStepper(t *testing.T) {
	m := quizAt(t, model.RolePatient, 80, 24)
	send(m, press("2"))
	send(m, press("enter"))
	if scr := visible(m); m.session.Current != model.StepKnowledgeCheck || !strings.Contains(scr, "Question 2 of 3 · 1 of 3 answered") {
		t.Fatalf("enter after question 1 must show question 2:\n%s", scr)
	}
	send(m, press("right")) // question 2 left open
	if !strings.Contains(visible(m), "Question 3 of 3") {
		t.Fatalf("next goes to question 3:\n%s", visible(m))
	}
	send(m, press("1"))
	send(m, press("right")) // question 2 is still open: ask before leaving
	if !isOpen[*confirmDialog](m) || !strings.Contains(visible(m), "Skip the remaining questions?") || !strings.Contains(visible(m), "1 questions are not answered") {
		t.Fatalf("leaving with a question open must ask:\n%s", visible(m))
	}
	send(m, press("n"))
	if m.dialog != nil || m.session.Current != model.StepKnowledgeCheck || !strings.Contains(visible(m), "Question 2 of 3") {
		t.Fatalf("n goes back to the open question, 2:\n%s", visible(m))
	}
	send(m, press("left"))
	if !strings.Contains(visible(m), "Question 1 of 3") || m.session.Current != model.StepKnowledgeCheck {
		t.Fatalf("back steps question by question:\n%s", visible(m))
	}
	send(m, keys("right", "2", "right")...) // to question 2, answer it; none open
	if m.session.Current == model.StepKnowledgeCheck || m.dialog != nil {
		t.Fatalf("with every question answered, next leaves the check (at %s)", m.session.Current)
	}

	// The skipped path: answered 1 of 3, skip the rest, and the summary
	// and the record say so.
	m = quizAt(t, model.RolePatient, 80, 24)
	send(m, keys("1", "right", "right", "right", "y")...)
	if m.session.Current == model.StepKnowledgeCheck {
		t.Fatal("y skips the rest")
	}
	m.session.JumpTo(model.StepSummary, testClock)
	m.countQuiz()
	sum := doc.Summary(m.session, m.opt.Content)
	if !strings.Contains(sum, "Answered 1 of 3 questions") || !strings.Contains(sum, "Skipped:** What matters most to me, Page knowledge-check") {
		t.Fatalf("the summary must say 1 of 3 and list the check as skipped:\n%s", sum)
	}
	if rec := m.Record(); rec.QuizAsked != 3 || len(rec.Knowledge) != 1 || !slices.Contains(rec.Skipped, model.StepKnowledgeCheck) {
		t.Fatalf("the record must say so too: asked %d, %v", rec.QuizAsked, rec.Skipped)
	}
}

// TestKnowledgeCheckByTouch: a mouse user reaches every question with the
// question controls, and the chosen answer is marked by words, not colour.
func TestKnowledgeCheckByTouch(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		m := quizAt(t, model.RolePatient, size[0], size[1])
		if strings.Contains(visible(m), "‹ previous question") {
			// drawn, but disabled: a click does nothing
			clickText(t, m, "‹ previous question")
		}
		for q := 1; q <= 3; q++ {
			if !strings.Contains(visible(m), "Question "+string(rune('0'+q))+" of 3") {
				t.Fatalf("%v: question %d not reached:\n%s", size, q, visible(m))
			}
			clickText(t, m, "[2]")
			if scr := visible(m); !strings.Contains(scr, "● [2]") || !strings.Contains(scr, "(your answer)") {
				t.Fatalf("%v: the chosen answer must carry its own mark:\n%s", size, scr)
			}
			if q < 3 {
				clickText(t, m, "next question ›")
			}
		}
		if len(m.session.Quiz) != 3 || m.session.Current != model.StepKnowledgeCheck {
			t.Fatalf("%v: three answers by touch, still on the check: %d", size, len(m.session.Quiz))
		}
		clickText(t, m, "next question ›") // disabled on the last: no wrap
		if !strings.Contains(visible(m), "Question 3 of 3") {
			t.Fatalf("%v: no wrap-around past the last question", size)
		}
		clickText(t, m, "‹ previous question")
		if !strings.Contains(visible(m), "Question 2 of 3") {
			t.Fatalf("%v: previous question by touch", size)
		}
		checkFits(t, m, "quiz")
	}
}

// TestKnowledgeCheckHints: a true/false question says "1 or 2", and a second
// answer says the first is kept.
func TestKnowledgeCheckHints(t *testing.T) {
	m := quizAt(t, model.RolePatient, 100, 40)
	item := m.screenAt(model.StepKnowledgeCheck).(*quizScreen).focused()
	want := "Answer with 1 or 2,"
	if len(item.Choices) == 3 {
		want = "Answer with 1, 2 or 3,"
	}
	if !strings.Contains(visible(m), want) {
		t.Fatalf("the hint must name this question's keys (%d choices), %q:\n%s", len(item.Choices), want, visible(m))
	}
	send(m, keys("1", "2")...)
	if !strings.Contains(visible(m), "Your first answer is kept.") {
		t.Fatalf("a second answer must say the first is kept:\n%s", visible(m))
	}
}

// TestChecklistConventions: ↑ on item 1 stays there (a note cannot land on
// item 5), a doctor is told how to move on, the strip's marks have words,
// the reassurance comes before the first question, and no literal rule.
func TestChecklistConventions(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, 100, 40)
	atStep(t, m, model.StepChecklist)
	send(m, press("up"))
	if checklistOf(m).focused() != "end-stage" {
		t.Fatalf("↑ on item 1 must stay on item 1, not wrap to %s", checklistOf(m).focused())
	}
	send(m, press("1"))
	scr := visible(m)
	for _, want := range []string{"[1Y]", "Y yes · N no · ? not sure · · not answered", "↓ for the next item", "[1 Yes]"} {
		if !strings.Contains(scr, want) {
			t.Errorf("checklist must show %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "--------") {
		t.Errorf("no literal rule on the checklist:\n%s", scr)
	}
	intro := strings.Index(scr, "This is the sample checklist page.")
	why := strings.Index(scr, "Why this matters")
	if intro < 0 || (why >= 0 && intro > why) {
		t.Errorf("the checklist's intro comes first on item 1:\n%s", scr)
	}
	send(m, keys("down", "down", "down", "down", "down")...)
	if checklistOf(m).focused() != "expectations" {
		t.Fatal("↓ stops at the last item")
	}
}

// TestMarksWithoutColour: with every colour stripped, the contents cursor,
// the page on screen and the chosen SURE answer are still told apart.
func TestMarksWithoutColour(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepAbout)
	send(m, keys("m", "down")...)
	var cursor, here bool
	for _, l := range strings.Split(visible(m), "\n") {
		cursor = cursor || strings.Contains(l, "›   ") && !strings.Contains(l, "• ")
		here = here || strings.Contains(l, "  • ") && !strings.Contains(l, "›")
	}
	if !cursor || !here {
		t.Fatalf("the cursor (›) and the page on screen (•) must be on their own rows:\n%s", visible(m))
	}
	send(m, press("esc"))
	atStep(t, m, model.StepSure)
	send(m, press("2"))
	if !strings.Contains(visible(m), "[2 No]") {
		t.Fatalf("the chosen SURE answer is bracketed:\n%s", visible(m))
	}
}

// fingerprint is what a user can tell about the app's state.
func fingerprint(m *Model) string {
	return fmt.Sprintf("%T|%s|%s|%v|%s", m.dialog, m.session.Lang, m.session.Current, m.panelOpen, visible(m))
}

// TestEveryHelpBarItemIsClickable clicks each item of the help bar on each
// screen of each mode: the click does exactly what pressing its key does,
// and the global actions (help, ask, language, contents, notes, quit) do
// something.
func TestEveryHelpBarItemIsClickable(t *testing.T) {
	b := fixtureContent(t)
	global := map[string]bool{"?": true, "f": true, "l": true, "m": true, "d": true, "q": true}
	for _, opt := range []Options{{Role: model.RolePatient}, {Role: model.RoleDoctor}, {Role: model.RoleTrainer}, {Kiosk: true, Idle: time.Hour}} {
		opt.Lang, opt.LangSet, opt.Groups = model.LangEN, true, []string{"joint"}
		at := func(step model.StepID) *Model {
			m := newTestModel(t, b, opt, 80, 24)
			atStep(t, m, step)
			return m
		}
		seen := map[string]bool{}
		for _, step := range newTestModel(t, b, opt, 80, 24).session.Steps() {
			base := at(step)
			if kind := fmt.Sprintf("%T", base.screen()); seen[kind] {
				continue // one step of each screen is enough
			} else {
				seen[kind] = true
			}
			_, zones := base.compose()
			clicked := 0
			for i, z := range zones {
				p, ok := z.act.(pressKey)
				if !ok {
					continue
				}
				clicked++
				name := p.b.Keys()[0]
				byClick := at(step)
				quitClick := send(byClick, tea.MouseClickMsg{X: (z.x0 + z.x1) / 2, Y: z.y0, Button: tea.MouseLeft})
				byKey := at(step)
				quitKey := send(byKey, keyMsg(name))
				if quitClick != quitKey || fingerprint(byClick) != fingerprint(byKey) {
					t.Errorf("%s/%s item %d (%s): a click must do what the key does", opt.Role, step, i, name)
				}
				if global[name] && fingerprint(byClick) == fingerprint(base) && !quitClick {
					t.Errorf("%s/%s: clicking %q did nothing", opt.Role, step, p.b.Help().Desc)
				}
			}
			if clicked == 0 {
				t.Errorf("%s/%s: no clickable help item", opt.Role, step)
			}
		}
	}
}

// TestGroupScreenConventions: space ticks, enter goes on without unticking,
// a search with no match says so and offers "not listed".
func TestGroupScreenConventions(t *testing.T) {
	m := atChooser(t, model.LangEN, 80, 24)
	send(m, press("space"))
	first := m.session.Groups
	if len(first) != 1 {
		t.Fatalf("space ticks the group under the cursor: %v", first)
	}
	send(m, press("enter"))
	if m.session.Current == model.StepChooseGroup || len(m.session.Groups) != 1 {
		t.Fatalf("enter goes on and keeps the choice: at %s, %v", m.session.Current, m.session.Groups)
	}
	send(m, press("left"))
	typeText(m, "xyzzy")
	scr := visible(m)
	if !strings.Contains(scr, "No group matches") || !strings.Contains(scr, m.opt.Content.Group(model.LangEN, model.NotListed).Title) {
		t.Fatalf("a search with no match says so and offers not listed:\n%s", scr)
	}
}

// TestWelcomeRewrapsForTheChosenMode: choosing patient self-review widens
// the margin, and the welcome text is wrapped again, not cut; step 1 shows
// no Back button.
func TestWelcomeRewrapsForTheChosenMode(t *testing.T) {
	m := newTestModel(t, realContent(t), Options{Lang: model.LangEN, LangSet: true}, 80, 24)
	if strings.Contains(visible(m), "‹ Back") {
		t.Fatal("no Back on step 1")
	}
	for m.screen().(*welcomeScreen).options()[m.screen().(*welcomeScreen).focus].role != model.RolePatient {
		send(m, press("down"))
	}
	send(m, press("enter"))
	scr := visible(m)
	if !strings.Contains(scr, "exactly the same.") || !strings.Contains(scr, "stay") {
		t.Fatalf("the welcome text must wrap whole at the patient margin:\n%s", scr)
	}
	checkFits(t, m, "welcome after choosing")
	for _, l := range strings.Split(scr, "\n") {
		if len([]rune(strings.TrimRight(l, " "))) > 0 && ansi.StringWidth(strings.TrimRight(l, " ")) > m.width-4 && !strings.Contains(l, "█") && !strings.Contains(l, "Step") {
			t.Errorf("a line runs into the right margin: %q", l)
		}
	}
}
