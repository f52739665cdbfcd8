package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/model"
)

// optionsTableWidth is the narrowest width at which the four options fit
// side by side; below it they are stacked one option at a time.
const optionsTableWidth = 100

// renderOptions draws the options page: the decision, then the table (or
// the options one after another on a narrow screen), then what living with
// each choice is like. It holds no answers, so it is cached like a page.
func renderOptions(c *content.Bundle, lang model.Lang, t *Text, width int, style string) (string, error) {
	o := c.Options(lang)
	fill := func(s string) string { return c.FillClinic(lang, s, t.NotProvided) }
	page := c.Page(lang, model.StepOptions)

	var head, tail strings.Builder
	if page.Evidence != "" {
		fmt.Fprintf(&head, "**%s:** %s\n\n", t.EvidenceLabel, page.Evidence)
	}
	fmt.Fprintf(&head, "%s\n", o.Decision)

	fmt.Fprintf(&tail, "### %s\n\n", strings.TrimSpace(strings.TrimPrefix(firstLine(sectionOf(page, "living")), "###")))
	for i, cell := range o.Living {
		fmt.Fprintf(&tail, "- **%s:** %s\n", o.Columns[i].Text, fill(cell.Text))
	}
	if src, ok := page.Section("sources"); ok {
		fmt.Fprintf(&tail, "\n%s\n", src)
	}
	fmt.Fprintf(&tail, "\n*%s*\n", reviewLine(page, t))

	var grid string
	if width < optionsTableWidth || style == plainStyle || style == "ascii" {
		var md strings.Builder
		for i, col := range o.Columns {
			fmt.Fprintf(&md, "### %d. %s\n\n", i+1, col.Text)
			for _, row := range o.Rows {
				fmt.Fprintf(&md, "- **%s:** %s\n", row.Label, fill(row.Cells[i].Text))
			}
			md.WriteString("\n")
		}
		var err error
		if grid, err = renderMarkdown(md.String(), width, style); err != nil {
			return "", err
		}
	} else {
		grid = optionsGrid(o, fill, width)
	}
	h, err := renderMarkdown(head.String(), width, style)
	if err != nil {
		return "", err
	}
	tl, err := renderMarkdown(tail.String(), width, style)
	if err != nil {
		return "", err
	}
	return h + "\n\n" + grid + "\n\n" + tl, nil
}

// optionsGrid is the side-by-side table: rows are the questions, columns
// the options, every cell wrapped to its column and given equal room.
func optionsGrid(o content.Options, fill func(string) string, width int) string {
	labelW := 16
	colW := (width - labelW - 6) / 4 // six border columns
	// The option names go in the first row rather than a header, so they
	// wrap like every other cell instead of being cut short.
	names := []string{""}
	for _, c := range o.Columns {
		names = append(names, c.Text)
	}
	tbl := table.New().Border(lipgloss.NormalBorder()).BorderRow(true).Wrap(true).Row(names...).
		StyleFunc(func(row, col int) lipgloss.Style {
			s := lipgloss.NewStyle().Padding(0, 1)
			if col == 0 {
				s = s.Width(labelW).Bold(true)
			} else {
				s = s.Width(colW)
			}
			if row == 0 {
				s = s.Bold(true)
			}
			return s
		})
	for _, r := range o.Rows {
		cells := []string{r.Label}
		for _, c := range r.Cells {
			cells = append(cells, fill(c.Text))
		}
		tbl.Row(cells...)
	}
	return tbl.Render()
}

func sectionOf(p *content.Page, name string) string {
	s, _ := p.Section(name)
	return s
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// reviewLine says who reviewed a page, or that it is a draft.
func reviewLine(p *content.Page, t *Text) string {
	if p.Reviewed() {
		return fmt.Sprintf(t.ReviewedBy, p.ReviewedBy, p.ReviewedOn)
	}
	return t.Draft
}

// The knowledge check.

func (m *Model) quizItems() []content.QuizItem {
	return m.opt.Content.Quiz(m.session.Lang, m.session.Groups)
}

func (m *Model) focusedQuiz() content.QuizItem {
	items := m.quizItems()
	return items[min(m.quizFocus, len(items)-1)]
}

// canTeachBack: teach-back prompts are for a doctor with a patient, and for
// trainers showing how it is done.
func (m *Model) canTeachBack() bool {
	return m.session.Role == model.RoleDoctor || m.session.Role == model.RoleTrainer
}

// teachBackMarks are the doctor's marks, on keys 4 and 5 after the answers.
var teachBackMarks = []model.TeachBack{model.ExplainedBack, model.ReExplained}

func (m *Model) quizTop() (string, []zone) {
	w := m.bodyWidth()
	items := m.quizItems()
	q := m.focusedQuiz()
	var lines []string
	var zones []zone
	lines = append(lines, m.st.StepCount.Render(fmt.Sprintf(m.text.QuestionOf, m.quizFocus+1, len(items))))
	question := lipgloss.NewStyle().Bold(true).Width(w).Render(oneLine(q.Question))
	lines = append(lines, strings.Split(question, "\n")...)
	first, answered := m.session.QuizAnswerFor(q.ID)
	for i, c := range q.Choices {
		mark := "  "
		if answered && first.Choice == c.Key {
			mark = "› "
		}
		style := m.st.Option
		if answered && first.Choice == c.Key {
			style = m.st.OptionFocus
		}
		// The whole answer shows, wrapped under its own text.
		text := strings.Split(lipgloss.NewStyle().Width(max(1, w-5)).Render(oneLine(c.Text)), "\n")
		zones = append(zones, zone{0, len(lines), w, len(lines) + len(text), action{kind: actQuizChoice, i: i}})
		for j, l := range text {
			prefix := "     "
			if j == 0 {
				prefix = fmt.Sprintf("%s%d  ", mark, i+1)
			}
			lines = append(lines, style.Render(prefix+strings.TrimRight(l, " ")))
		}
	}
	if answered && m.canTeachBack() {
		var row strings.Builder
		x := 0
		for i, mark := range teachBackMarks {
			label := fmt.Sprintf(" %d %s ", i+4, m.text.TeachBackNames[mark])
			style := m.st.Button
			if m.session.TeachBack[q.ID] == mark {
				style = m.st.ButtonFocus
			}
			if i > 0 {
				row.WriteString(" ")
				x++
			}
			zones = append(zones, zone{x, len(lines), x + lipgloss.Width(label), len(lines) + 1, action{kind: actTeachBack, i: i}})
			row.WriteString(style.Render(label))
			x += lipgloss.Width(label)
		}
		lines = append(lines, ansi.Truncate(row.String(), w, ""))
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

func oneLine(s string) string { return strings.Join(strings.Fields(plainText(s)), " ") }

// quizMarkdown is the feedback after an answer: the right answer and a kind
// explanation, then the teach-back prompt for doctors. No score is shown.
func (m *Model) quizMarkdown() string {
	q := m.focusedQuiz()
	t := m.text
	var b strings.Builder
	if p := m.opt.Content.Page(m.session.Lang, model.StepKnowledgeCheck); p != nil && m.quizFocus == 0 {
		if _, answered := m.session.QuizAnswerFor(q.ID); !answered {
			fmt.Fprintf(&b, "%s\n\n", p.PatientText())
		}
	}
	if _, answered := m.session.QuizAnswerFor(q.ID); answered {
		for _, c := range q.Choices {
			if c.Key == q.Answer {
				fmt.Fprintf(&b, "**%s** %s\n\n", t.RightAnswer, c.Text)
			}
		}
		fmt.Fprintf(&b, "%s\n\n", q.Explanation)
		if m.canTeachBack() {
			fmt.Fprintf(&b, "### %s\n\n%s\n\n*%s*\n", t.TeachBackTitle, q.TeachBack, t.TeachBackHint)
		}
	} else {
		fmt.Fprintf(&b, "*%s*\n", t.QuizHint)
	}
	return b.String()
}

func (m *Model) quizKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	n := len(m.quizItems())
	q := m.focusedQuiz()
	s := k.String()
	switch {
	case len(s) == 1 && s[0] >= '1' && int(s[0]-'1') < len(q.Choices):
		m.answerQuiz(int(s[0] - '1'))
	case (s == "4" || s == "5") && m.canTeachBack():
		m.markTeachBack(int(s[0] - '4'))
	case key.Matches(k, m.keys.Up):
		m.quizFocus = (m.quizFocus + n - 1) % n
		m.refresh(false)
	case key.Matches(k, m.keys.Down):
		m.quizFocus = (m.quizFocus + 1) % n
		m.refresh(false)
	default:
		return nil, false
	}
	return nil, true
}

// answerQuiz records the first answer and shows the explanation; a later
// answer to the same question shows it again but is not recorded.
func (m *Model) answerQuiz(i int) {
	q := m.focusedQuiz()
	if i < 0 || i >= len(q.Choices) {
		return
	}
	c := q.Choices[i]
	m.session.AnswerQuiz(q.ID, c.Key, c.Key == q.Answer, q.Expectation, m.now())
	m.refresh(false)
}

func (m *Model) markTeachBack(i int) {
	q := m.focusedQuiz()
	if _, answered := m.session.QuizAnswerFor(q.ID); !answered || i < 0 || i >= len(teachBackMarks) {
		return
	}
	m.session.MarkTeachBack(q.ID, teachBackMarks[i])
}

// SURE.

func (m *Model) sureBy() string { return model.AnsweredBy(m.session.Role) }

func (m *Model) sureTop() (string, []zone) {
	w := m.bodyWidth()
	page := m.opt.Content.Page(m.session.Lang, model.StepSure)
	rec, _ := m.session.LatestSure()
	var lines []string
	var zones []zone
	for i := range model.SureItems {
		q, _ := page.Section(fmt.Sprintf("sure-%d", i+1))
		prefix := "  "
		style := m.st.Option
		if i == m.sureFocus {
			prefix, style = "› ", m.st.OptionFocus
		}
		answer := m.text.AnswerNames[rec.Answers[i]]
		// The question wraps under its own text.
		wrapped := strings.Split(lipgloss.NewStyle().Width(max(1, w-5)).Render(oneLine(q)), "\n")
		zones = append(zones, zone{0, len(lines), w, len(lines) + len(wrapped), action{kind: actSureItem, i: i}})
		for j, l := range wrapped {
			if j == 0 {
				lines = append(lines, style.Render(fmt.Sprintf("%s%d. %s", prefix, i+1, strings.TrimRight(l, " "))))
				continue
			}
			lines = append(lines, "     "+strings.TrimRight(l, " "))
		}
		var row strings.Builder
		row.WriteString("    ")
		x := 4
		for j, a := range []model.Answer{model.Yes, model.No} {
			label := fmt.Sprintf(" %d %s ", j+1, m.text.AnswerNames[a])
			st := m.st.Button
			if rec.Answers[i] == a {
				st = m.st.ButtonFocus
			}
			zones = append(zones, zone{x, len(lines), x + lipgloss.Width(label), len(lines) + 1, action{kind: actSureAnswer, i: i*2 + j}})
			row.WriteString(st.Render(label) + " ")
			x += lipgloss.Width(label) + 1
		}
		if rec.Answers[i] == model.Unanswered {
			row.WriteString(m.st.Muted.Render("(" + answer + ")"))
		}
		lines = append(lines, ansi.Truncate(row.String(), w, ""))
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

func (m *Model) sureMarkdown() string {
	page := m.opt.Content.Page(m.session.Lang, model.StepSure)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", page.PatientText()[:strings.Index(page.PatientText()+"\n\n", "\n\n")])
	if note, ok := page.Section("translation-note"); ok {
		fmt.Fprintf(&b, "*%s*\n\n", note)
	}
	if cite, ok := page.Section("citation"); ok {
		fmt.Fprintf(&b, "%s\n\n", cite)
	}
	if len(m.session.Sure) > 1 {
		fmt.Fprintf(&b, "*%s*\n", fmt.Sprintf(m.text.SureAskedTimes, len(m.session.Sure)))
	}
	return b.String()
}

func (m *Model) sureKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch s := k.String(); {
	case s == "1" || s == "2":
		m.answerSure(m.sureFocus, []model.Answer{model.Yes, model.No}[s[0]-'1'])
	case key.Matches(k, m.keys.Up):
		m.sureFocus = (m.sureFocus + model.SureItems - 1) % model.SureItems
	case key.Matches(k, m.keys.Down):
		m.sureFocus = (m.sureFocus + 1) % model.SureItems
	case m.session.Role == model.RoleDoctor && key.Matches(k, m.keys.Again):
		// After the conversation the doctor may ask the four questions again;
		// the earlier answers stay in the record.
		if rec, ok := m.session.LatestSure(); ok && rec.Complete() {
			m.session.AskSureAgain(m.sureBy(), m.now())
			m.sureFocus = 0
			m.notice = fmt.Sprintf(m.text.SureAgain, len(m.session.Sure))
			m.refresh(false)
		}
	default:
		return nil, false
	}
	return nil, true
}

func (m *Model) answerSure(i int, a model.Answer) {
	m.session.SetSure(i, a, m.sureBy(), m.now())
	if i < model.SureItems-1 {
		m.sureFocus = i + 1
	}
	m.refresh(false)
}

// Questions for the doctor.

// openQuestion shows the question field for the current page.
func (m *Model) openQuestion() tea.Cmd {
	m.dialog = dialogQuestion
	m.question.SetValue("")
	return m.question.Focus()
}

// questionKey gives the field every key but enter (keep) and esc (drop).
func (m *Model) questionKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Choose):
		if text := cleanNote(m.question.Value()); text != "" {
			m.session.AddQuestion(text, m.session.Current, m.now())
			m.notice = m.text.QuestionSaved
		}
		m.dialog = dialogNone
		m.question.Blur()
		if m.session.Current == model.StepSummary {
			m.refresh(true)
		}
	case key.Matches(k, m.keys.Esc):
		m.dialog = dialogNone
		m.question.Blur()
	default:
		var cmd tea.Cmd
		m.question, cmd = m.question.Update(k)
		return cmd
	}
	return nil
}

func (m *Model) questionView() (string, []zone) {
	w := m.dialogInner(60)
	m.question.SetWidth(max(1, w-2))
	body := lipgloss.NewStyle().Width(w).Render(m.text.QuestionHelp)
	lines := []string{m.st.DialogTitle.Render(m.text.QuestionTitle), ""}
	lines = append(lines, strings.Split(body, "\n")...)
	lines = append(lines, "", "> "+m.question.View(), "", m.st.Muted.Render(ansi.Truncate(m.text.QuestionKeys, w, "…")))
	return m.dialogBox(lines), nil
}
