package doc

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/model"
)

// TestSummarySaysWhatIsMissing: the knowledge check's count with the
// unanswered and (for a clinician only) the wrong answers, the checklist
// items left open, each page once with the pages not viewed, and the
// Vietnamese SURE line that names the questions.
func TestSummarySaysWhatIsMissing(t *testing.T) {
	c := load(t, content.Embedded())
	for _, role := range []model.Role{model.RoleDoctor, model.RolePatient} {
		s := model.NewSession(model.LangEN, role, testClock)
		s.Groups = []string{"joint"}
		s.QuizAsked = len(c.Quiz(model.LangEN, s.Groups))
		first := c.Quiz(model.LangEN, s.Groups)[0]
		wrong := first.Choices[0].Key
		if wrong == first.Answer {
			wrong = first.Choices[1].Key
		}
		s.AnswerQuiz(first.ID, wrong, false, first.Expectation, testClock)
		s.SetAnswer(c.ChecklistIDs[0], model.No)
		for range 3 { // back and forth: each page is listed once
			s.Next(testClock)
			s.Prev(testClock)
		}
		s.Next(testClock)
		out := Summary(s, c)
		want := []string{"Answered 1 of", "not answered", "4 of 5 items not answered", "Viewed 2 of", "Not viewed:", StepTitle(c, model.LangEN, model.StepSure)}
		if role == model.RoleDoctor {
			want = append(want, "1 answered wrongly", "(✗ wrong; the answer: ")
		}
		if strings.Contains(out, "answer: →") || !strings.Contains(out, "→ ") {
			t.Errorf("a stray arrow before the right answer:\n%s", out)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the summary must say %q:\n%s", role, w, out)
			}
		}
		if role == model.RolePatient && (strings.Contains(out, "wrong") || strings.Contains(out, "✗")) {
			t.Errorf("a patient is not told which answers were wrong:\n%s", out)
		}
		if n := strings.Count(out, "- "+StepTitle(c, model.LangEN, model.StepWelcome)+":"); n != 1 {
			t.Errorf("the welcome page is listed %d times, want once:\n%s", n, out)
		}
	}

	vi := model.NewSession(model.LangVI, model.RolePatient, testClock)
	for i, a := range []model.Answer{model.Yes, model.Yes, model.No, model.Yes} {
		vi.SetSure(i, a, model.ByPatient, testClock)
	}
	if out := Summary(vi, c); !strings.Contains(out, "Trả lời Không ở câu: 3") {
		t.Errorf("the Vietnamese SURE line must name the question:\n%s", out)
	}
}

// TestSummaryNoCodeWithoutConsent: a patient who said no to keeping the
// record is not shown a code to look it up by.
func TestSummaryNoCodeWithoutConsent(t *testing.T) {
	c := load(t, content.Embedded())
	s := model.NewSession(model.LangEN, model.RolePatient, testClock)
	s.Code = "ABC234"
	if !strings.Contains(Summary(s, c), "ABC234") {
		t.Fatal("the code is listed while nothing was asked")
	}
	if err := s.AnswerConsent(false, "text", "test", model.ByPatient, testClock); err != nil {
		t.Fatal(err)
	}
	if out := Summary(s, c); strings.Contains(out, "ABC234") {
		t.Errorf("after a no the summary lists the code:\n%s", out)
	}
}

// TestNoLineStartsWithAClosingQuote: a quote ending in a full stop keeps
// its » on the same line as its last word, in the printed persona too.
func TestNoLineStartsWithAClosingQuote(t *testing.T) {
	md := "- **Avoid saying:** «The cells find the worn spot and regenerate the cartilage.»\n"
	for _, style := range []string{"ascii", "dark"} {
		out, err := Render(md, 80, style)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(ansi.Strip(out), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "»") {
				t.Errorf("%s: a line starts with »:\n%s", style, ansi.Strip(out))
			}
		}
		if !strings.Contains(ansi.Strip(out), "cartilage.»") {
			t.Errorf("%s: the quote's last word lost its mark:\n%s", style, ansi.Strip(out))
		}
	}
	c := load(t, content.Embedded())
	for _, id := range c.PersonaIDs {
		var b strings.Builder
		if err := Persona(&b, c, id, PrintOptions{Lang: model.LangEN, Width: 80, Style: "ascii", Date: testClock}); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(b.String(), "\n") {
			if t2 := strings.TrimSpace(l); t2 != "" && strings.ContainsRune(closers, []rune(t2)[0]) {
				t.Errorf("%s: a line starts with a closing mark: %q", id, l)
			}
		}
	}
}

// TestTrainingRecordTitle: a trainer's demonstration is titled as one, not
// as a record of a counseling session.
func TestTrainingRecordTitle(t *testing.T) {
	c := load(t, content.Embedded())
	s := model.NewSession(model.LangEN, model.RoleTrainer, testClock)
	s.Code = "ACD349"
	out := Record(s.Record(model.StatusFinished, c.Hash, c.ChecklistIDs, testClock), c)
	if first := strings.SplitN(out, "\n", 2)[0]; first != "# Training demonstration, not a clinical record: ACD349" {
		t.Fatalf("title: %q", first)
	}
}

// TestSummaryListsQuestionsInTheirOrder: answered out of order (the
// stepper allows it), the questions and the hopes to talk through are
// listed in the order the check asks them.
func TestSummaryListsQuestionsInTheirOrder(t *testing.T) {
	c := load(t, content.Embedded())
	s := model.NewSession(model.LangEN, model.RoleDoctor, testClock)
	s.Groups = []string{"joint"}
	items := c.Quiz(model.LangEN, s.Groups)
	if len(items) < 2 {
		t.Fatal("the content needs two questions")
	}
	for _, it := range []content.QuizItem{items[1], items[0]} {
		wrong := it.Choices[0].Key
		if wrong == it.Answer {
			wrong = it.Choices[1].Key
		}
		s.AnswerQuiz(it.ID, wrong, false, true, testClock)
	}
	out := Summary(s, c)
	first, second := quizQuestion(c, model.LangEN, items[0].ID), quizQuestion(c, model.LangEN, items[1].ID)
	for _, part := range strings.SplitAfter(out, "\n### ") {
		if i, j := strings.Index(part, first), strings.Index(part, second); i >= 0 && j >= 0 && i > j {
			t.Errorf("question 2 is listed before question 1:\n%s", part)
		}
	}
}
