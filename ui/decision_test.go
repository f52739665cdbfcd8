package ui

import (
	"maps"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/doc"
	"stemcounsel/model"
)

func TestKnowledgeCheck(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Groups: []string{"joint"}}, 80, 24)
	for _, id := range model.DefaultChecklist {
		m.session.SetAnswer(id, model.No)
	}
	before := maps.Clone(m.session.Answers)
	atStep(t, m, model.StepKnowledgeCheck)
	if n := len(m.screenAt(model.StepKnowledgeCheck).(*quizScreen).items()); n != 3 {
		t.Fatalf("two general questions and the joint one, got %d", n)
	}
	scr := visible(m)
	if !strings.Contains(scr, "Sample question general-1?") || !strings.Contains(scr, "Question 1 of 3") {
		t.Fatalf("first question not shown:\n%s", scr)
	}
	// general-1 is an expectation question whose answer is b; answer a.
	send(m, press("1"))
	scr = visible(m)
	if !strings.Contains(scr, "The answer: False") || !strings.Contains(scr, "Sample explanation for general-1.") {
		t.Fatalf("the right answer and explanation must follow any answer:\n%s", scr)
	}
	if !slices.Contains(m.session.Concerns, model.ConcernExpectations) || !maps.Equal(m.session.Answers, before) {
		t.Fatalf("a wrong expectation answer raises the concern and leaves the checklist alone: %v %v", m.session.Concerns, m.session.Answers)
	}
	if m.session.Outcome(m.items()) != model.OutcomeNeedsDoctorReview {
		t.Fatal("the concern must make the outcome at least needs-doctor-review")
	}
	send(m, press("2")) // the right answer, second time: not recorded
	if a, _ := m.session.QuizAnswerFor("general-1"); a.Choice != "a" {
		t.Fatal("only the first answer is recorded")
	}
	for _, w := range []string{"score", "correct", "wrong"} {
		if strings.Contains(strings.ToLower(strings.Join(strings.Split(visible(m), "\n")[2:], " ")), w) {
			t.Errorf("no score may be shown to the patient (%q on screen)", w)
		}
	}
	send(m, press("4"))
	if strings.Contains(visible(m), "Teach-back") || len(m.session.TeachBack) > 0 {
		t.Fatal("patients get no teach-back marks")
	}
	send(m, press("right"))
	send(m, press("2")) // general-2: answer is a; wrong but not about expectations
	if len(m.session.ExpectationMisses) != 1 {
		t.Fatalf("only expectation questions raise the concern: %v", m.session.ExpectationMisses)
	}
}

func TestTeachBackForDoctors(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, 80, 30)
	atStep(t, m, model.StepKnowledgeCheck)
	send(m, press("4"))
	if len(m.session.TeachBack) > 0 {
		t.Fatal("teach-back is marked after the question is answered")
	}
	send(m, press("2"))
	scr := visible(m)
	if !strings.Contains(scr, "Teach-back (for the doctor)") || !strings.Contains(scr, "Tell me in your own words: general-1.") {
		t.Fatalf("the doctor needs the open question:\n%s", scr)
	}
	send(m, press("5"))
	if m.session.TeachBack["general-1"] != model.ReExplained {
		t.Fatal("5 marks re-explained")
	}
	_, zones := m.compose()
	for _, z := range zones {
		if a, ok := z.act.(teachBack); ok && a.i == 0 {
			send(m, tea.MouseClickMsg{X: z.x0 + 1, Y: z.y0, Button: tea.MouseLeft})
		}
	}
	if m.session.TeachBack["general-1"] != model.ExplainedBack {
		t.Fatal("clicking marks too")
	}
	atStep(t, m, model.StepSummary)
	if !strings.Contains(unwrapAll(m), "Teach-back: Explained back") {
		t.Fatalf("the summary lists teach-back marks:\n%s", unwrapAll(m))
	}
}

func TestSure(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, 80, 40)
	atStep(t, m, model.StepSure)
	scr := visible(m)
	for _, q := range []string{"Do you feel SURE about the best choice for you?", "Do you have enough support and advice to make a choice?", "Légaré 2010."} {
		if !strings.Contains(scr, q) {
			t.Fatalf("missing %q:\n%s", q, scr)
		}
	}
	send(m, keys("1", "1", "2", "1")...) // item 3 answered No
	rec, _ := m.session.LatestSure()
	if rec.Score() != 3 || rec.By != model.ByPatient || !slices.Equal(rec.Open(), []int{3}) {
		t.Fatalf("record: %+v", rec)
	}
	send(m, press("r")) // asked again after the conversation
	send(m, keys("1", "1", "1", "1")...)
	if len(m.session.Sure) != 2 {
		t.Fatalf("asking again keeps both: %d", len(m.session.Sure))
	}
	atStep(t, m, model.StepSummary)
	text := unwrapAll(m)
	if !strings.Contains(text, "3/4. Some questions are still open before deciding. Answered No: 3") || !strings.Contains(text, "4/4. You answered Yes to all four questions.") {
		t.Fatalf("summary SURE lines:\n%s", text)
	}

	p := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleTrainer}, 80, 40)
	atStep(t, p, model.StepSure)
	send(p, keys("1", "r")...)
	if rec, _ := p.session.LatestSure(); rec.By != model.ByPersona || len(p.session.Sure) != 1 {
		t.Fatalf("a training run is answered by the persona, and only doctors ask again: %+v", p.session.Sure)
	}
}

func TestQuestionsForTheDoctor(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 40)
	send(m, press("right")) // what-it-is
	send(m, press("f"))
	if !isOpen[*questionDialog](m) {
		t.Fatal("f opens the question field")
	}
	typed := "# Cost? | `how much` q l m ?"
	typeText(m, typed)
	send(m, press("enter"))
	if len(m.session.Questions) != 1 || m.session.Questions[0].Text != typed || m.session.Questions[0].Step != model.StepWhatItIs {
		t.Fatalf("questions: %+v", m.session.Questions)
	}
	if m.session.Lang != model.LangEN || m.session.Current != model.StepWhatItIs {
		t.Fatal("letters typed in the field acted elsewhere")
	}
	send(m, press("f"))
	typeText(m, "dropped")
	send(m, press("esc"))
	if len(m.session.Questions) != 1 {
		t.Fatal("esc drops the question")
	}
	send(m, press("l")) // the question survives the language switch
	send(m, press("m"))
	if !strings.Contains(visible(m), "(có câu hỏi)") {
		t.Fatalf("the contents mark pages with a question:\n%s", visible(m))
	}
	send(m, press("esc"))
	atStep(t, m, model.StepSummary)
	text := unwrapAll(m)
	if !strings.Contains(text, typed) || !strings.Contains(text, "(Trang what-it-is)") {
		t.Fatalf("the summary shows the question literally, with its page:\n%s", text)
	}
}

func TestOptionsTableAndStack(t *testing.T) {
	b := fixtureContent(t)
	for _, w := range []int{80, 120} {
		m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, w, 40)
		atStep(t, m, model.StepOptions)
		checkFits(t, m, "options")
		send(m, press("end"))
		checkFits(t, m, "options end")
		out, err := doc.OptionsPage(b, model.LangEN, m.innerWidth(), "dark")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(ansi.Strip(out), "\n")
		for _, l := range lines {
			if ansi.StringWidth(l) > m.innerWidth() {
				t.Fatalf("%d: line wider than the page: %q", w, l)
			}
		}
		text := strings.Join(strings.Fields(ansi.Strip(out)), " ")
		sideBySide := slices.ContainsFunc(lines, func(l string) bool {
			return strings.Contains(l, "Option cell-therapy") && strings.Contains(l, "Option nothing")
		})
		if sideBySide != (w >= doc.OptionsTableWidth+4) {
			t.Fatalf("%d columns: side by side = %v", w, sideBySide)
		}
		if !strings.Contains(text, "provided") || strings.Contains(text, "{clinic:") {
			t.Fatalf("%d: the clinic's cost shows as not provided:\n%s", w, text)
		}
		if sideBySide {
			text = strings.Join(tableCells(lines), " | ")
		}
		for _, r := range []string{"involved", "if-not-working"} {
			for _, c := range []string{"cell-therapy", "nothing"} {
				if !strings.Contains(text, "Cell "+r+" of "+c+".") {
					t.Errorf("%d: cell %s/%s missing from:\n%s", w, r, c, text)
				}
			}
		}
	}
}

// tableCells reads a box-drawn table back into its cells' text, joining the
// wrapped lines of each cell.
func tableCells(lines []string) []string {
	var cells, block []string
	flush := func() {
		cells = append(cells, block...)
		block = nil
	}
	for _, l := range lines {
		if !strings.Contains(l, "│") {
			flush()
			continue
		}
		parts := strings.Split(l, "│")
		parts = parts[1 : len(parts)-1]
		for len(block) < len(parts) {
			block = append(block, "")
		}
		for i, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				sep := " "
				if strings.HasSuffix(block[i], "-") {
					sep = "" // a word wrapped at its hyphen
				}
				block[i] = strings.TrimSpace(block[i] + sep + p)
			}
		}
	}
	flush()
	return cells
}
