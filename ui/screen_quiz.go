package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
)

// quizScreen is the knowledge check: one question at a time, feedback after
// the first answer, and teach-back marks for a doctor.
type quizScreen struct {
	pageScreen
	focus int
}

func (q *quizScreen) items() []content.QuizItem {
	return q.m.opt.Content.Quiz(q.m.session.Lang, q.m.session.Groups)
}

// focused is the question on screen; a content without questions has none
// (an empty item), and the step is then only its page.
func (q *quizScreen) focused() content.QuizItem {
	items := q.items()
	if len(items) == 0 {
		return content.QuizItem{}
	}
	return items[min(q.focus, len(items)-1)]
}

// canTeachBack: teach-back prompts are for a doctor with a patient, and for
// trainers showing how it is done.
func (m *Model) canTeachBack() bool {
	return m.session.Role == model.RoleDoctor || m.session.Role == model.RoleTrainer
}

// teachBackMarks are the doctor's marks, on keys 4 and 5 after the answers.
var teachBackMarks = []model.TeachBack{model.ExplainedBack, model.ReExplained}

func (q *quizScreen) talkingPoints() []string {
	m := q.m
	return doc.TalkingPoints(m.opt.Content.Langs[m.session.Lang].Quiz[q.focused().ID])
}

func (q *quizScreen) top() (string, []zone) {
	m := q.m
	w := m.bodyWidth()
	items := q.items()
	if len(items) == 0 {
		return "", nil
	}
	item := q.focused()
	var lines []string
	var zones []zone
	// Where the patient is, and the controls to step between questions:
	// touch users have no other way to reach question 2.
	counter := fmt.Sprintf(m.text.QuestionOf, q.focus+1, len(items)) + " · " +
		fmt.Sprintf(m.text.QuizAnswered, q.answered(), len(items))
	steps := []button{
		m.button(m.text.QuizPrev, q.focus > 0, q.move(q.focus-1)),
		m.button(m.text.QuizNext, q.focus < len(items)-1, q.move(q.focus+1)),
	}
	row, rz := buttonRow(steps, " ", 0, len(lines))
	if lipgloss.Width(counter)+2+lipgloss.Width(row) <= w {
		lines = append(lines, m.st.StepCount.Render(counter)+"  "+row)
		for _, z := range rz {
			zones = append(zones, z.moved(lipgloss.Width(counter)+2, 0))
		}
	} else {
		lines = append(lines, m.st.StepCount.Render(ansi.Truncate(counter, w, "…")))
		row, rz = buttonRow(steps, " ", 0, len(lines))
		lines, zones = append(lines, ansi.Truncate(row, w, "")), append(zones, rz...)
	}
	question := lipgloss.NewStyle().Bold(true).Width(w).Render(oneLine(item.Question))
	lines = append(lines, strings.Split(question, "\n")...)
	first, answered := m.session.QuizAnswerFor(item.ID)
	for i, c := range item.Choices {
		chosen := answered && first.Choice == c.Key
		// The chosen answer has its own mark and words, not only a colour.
		mark, style, label := "  ", m.st.Option, oneLine(c.Text)
		if chosen {
			// Not a tick: a wrong answer must not look right.
			mark, style, label = "● ", m.st.OptionFocus, label+" ("+m.text.QuizYourAnswer+")"
		}
		// The whole answer shows, wrapped under its own text.
		text := strings.Split(lipgloss.NewStyle().Width(max(1, w-6)).Render(label), "\n")
		zones = append(zones, zone{0, len(lines), w, len(lines) + len(text), quizAnswer{q, i}})
		for j, l := range text {
			prefix := "      "
			if j == 0 {
				prefix = fmt.Sprintf("%s[%d] ", mark, i+1)
			}
			lines = append(lines, style.Render(prefix+strings.TrimRight(l, " ")))
		}
	}
	if answered && m.canTeachBack() {
		var marks []button
		for i, mark := range teachBackMarks {
			label := fmt.Sprintf("%d %s", i+4, m.text.TeachBackNames[mark])
			b := button{" " + label + " ", m.st.Button, teachBack{q, i}}
			if m.session.TeachBack[item.ID] == mark {
				b = button{"[✓ " + label + "]", m.st.ButtonFocus, b.act}
			}
			marks = append(marks, b)
		}
		row, rz := buttonRow(marks, " ", 0, len(lines))
		lines, zones = append(lines, ansi.Truncate(row, w, "")), append(zones, rz...)
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

// answered counts the questions of the check that have an answer.
func (q *quizScreen) answered() int {
	n := 0
	for _, it := range q.items() {
		if _, ok := q.m.session.QuizAnswerFor(it.ID); ok {
			n++
		}
	}
	return n
}

// forward is next on the check: the next unanswered question after this
// one; with none left after it, leaving asks first while any is open.
func (q *quizScreen) forward() action {
	items := q.items()
	for i := q.focus + 1; i < len(items); i++ {
		if _, ok := q.m.session.QuizAnswerFor(items[i].ID); !ok {
			return q.move(i)
		}
	}
	if open := len(items) - q.answered(); open > 0 {
		return do(func(m *Model) tea.Cmd {
			m.dialog = &confirmDialog{
				title: m.text.QuizSkipTitle, body: fmt.Sprintf(m.text.QuizSkipBody, open),
				no: m.text.QuizBackTo, noAct: q.move(q.firstOpen()), yes: m.text.QuizSkip, act: leaveStep{},
			}
			return nil
		})
	}
	return nil
}

// firstOpen is the first question without an answer, or the one in view.
func (q *quizScreen) firstOpen() int {
	for i, it := range q.items() {
		if _, ok := q.m.session.QuizAnswerFor(it.ID); !ok {
			return i
		}
	}
	return q.focus
}

// backward is back on the check: the question before, then the step before.
func (q *quizScreen) backward() action {
	if q.focus > 0 {
		return q.move(q.focus - 1)
	}
	return nil
}

// answerKeys names a question's answer keys in words: "1 or 2".
func (m *Model) answerKeys(n int) string {
	keys := digitKeys(1, n)
	if n < 2 {
		return strings.Join(keys, "")
	}
	return strings.Join(keys[:n-1], ", ") + " " + m.text.Or + " " + keys[n-1]
}

func oneLine(s string) string { return strings.Join(strings.Fields(doc.PlainText(s)), " ") }

// markdown is the feedback after an answer: the right answer and a kind
// explanation, then the teach-back prompt for doctors. No score is shown.
func (q *quizScreen) markdown() (string, bool) {
	m := q.m
	item := q.focused()
	t := m.text
	var b strings.Builder
	if p := m.opt.Content.Page(m.session.Lang, model.StepKnowledgeCheck); p != nil && q.focus == 0 {
		if _, answered := m.session.QuizAnswerFor(item.ID); !answered {
			fmt.Fprintf(&b, "%s\n\n", p.PatientText())
		}
	}
	if _, answered := m.session.QuizAnswerFor(item.ID); answered {
		for _, c := range item.Choices {
			if c.Key == item.Answer {
				fmt.Fprintf(&b, "**%s** %s\n\n", t.RightAnswer, c.Text)
			}
		}
		fmt.Fprintf(&b, "%s\n\n", item.Explanation)
		if m.canTeachBack() {
			fmt.Fprintf(&b, "### %s\n\n%s\n\n*%s*\n", t.TeachBackTitle, item.TeachBack, t.TeachBackHint)
		}
	} else if len(item.Choices) > 0 {
		fmt.Fprintf(&b, "*%s*\n", fmt.Sprintf(t.QuizHint, m.answerKeys(len(item.Choices))))
	}
	return b.String(), true
}

func (q *quizScreen) key(k tea.KeyPressMsg) action {
	m := q.m
	item := q.focused()
	switch {
	case key.Matches(k, m.keys.Quiz.Answer) && digit(k, '1') < len(item.Choices):
		return quizAnswer{q, digit(k, '1')}
	case key.Matches(k, m.keys.Quiz.TeachBack) && m.canTeachBack():
		return teachBack{q, digit(k, '4')}
	}
	return nil // ↑/↓ scroll the explanation, as on every page
}

// move shows question i; there is no wrapping past either end.
func (q *quizScreen) move(i int) action {
	return do(func(m *Model) tea.Cmd {
		q.focus = cycle(i, 0, len(q.items()), stopAtEnds)
		m.refresh(false)
		return nil
	})
}

// quizAnswer records the first answer and shows the explanation; a later
// answer to the same question shows it again but is not recorded.
type quizAnswer struct {
	q *quizScreen
	i int
}

func (a quizAnswer) apply(m *Model) tea.Cmd {
	item := a.q.focused()
	if a.i < 0 || a.i >= len(item.Choices) {
		return nil
	}
	c := item.Choices[a.i]
	if !m.session.AnswerQuiz(item.ID, c.Key, c.Key == item.Answer, item.Expectation, m.now()) {
		m.notice = m.text.QuizKept
		return nil
	}
	m.refresh(false)
	return nil
}

// teachBack is the doctor's mark i on an answered question.
type teachBack struct {
	q *quizScreen
	i int
}

func (a teachBack) apply(m *Model) tea.Cmd {
	item := a.q.focused()
	if _, answered := m.session.QuizAnswerFor(item.ID); !answered || a.i < 0 || a.i >= len(teachBackMarks) {
		return nil
	}
	m.session.MarkTeachBack(item.ID, teachBackMarks[a.i])
	return nil
}

func (q *quizScreen) ShortHelp() []key.Binding {
	k := q.m.keys
	return append(q.own(), k.Help, k.Quit, k.Ask)
}

func (q *quizScreen) FullHelp() [][]key.Binding { return [][]key.Binding{q.own()} }

// own is the knowledge check's own keys; teach-back is for a doctor or a
// trainer.
func (q *quizScreen) own() []key.Binding {
	k := q.m.keys
	n := len(q.focused().Choices)
	b := []key.Binding{withHelp(k.Quiz.Answer, strings.Join(digitKeys(1, n), "/"), q.m.text.KeyAnswer), k.Quiz.Item}
	if q.m.canTeachBack() {
		b = append(b, k.Quiz.TeachBack)
	}
	return b
}
