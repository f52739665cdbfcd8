package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/doc"
	"stemcounsel/model"
)

// sureScreen asks the four SURE questions, each answered yes or no; a
// doctor may ask them again after the conversation.
type sureScreen struct {
	pageScreen
	focus int
}

// sureAnswers are the answers in the order of their keys 1 and 2.
var sureAnswers = []model.Answer{model.Yes, model.No}

func (s *sureScreen) by() string { return model.AnsweredBy(s.m.session.Role) }

func (s *sureScreen) top() (string, []zone) {
	m := s.m
	w := m.bodyWidth()
	page := m.opt.Content.Page(m.session.Lang, model.StepSure)
	rec, _ := m.session.LatestSure()
	var lines []string
	var zones []zone
	for i := range model.SureItems {
		q, _ := page.Section(fmt.Sprintf("sure-%d", i+1))
		prefix := "  "
		style := m.st.Option
		if i == s.focus {
			prefix, style = "› ", m.st.OptionFocus
		}
		answer := m.text.AnswerNames[rec.Answers[i]]
		// The question wraps under its own text.
		wrapped := strings.Split(lipgloss.NewStyle().Width(max(1, w-5)).Render(oneLine(q)), "\n")
		zones = append(zones, zone{0, len(lines), w, len(lines) + len(wrapped), sureFocus{s, i}})
		for j, l := range wrapped {
			if j == 0 {
				lines = append(lines, style.Render(fmt.Sprintf("%s%d. %s", prefix, i+1, strings.TrimRight(l, " "))))
				continue
			}
			lines = append(lines, "     "+strings.TrimRight(l, " "))
		}
		var answers []button
		for j, a := range sureAnswers {
			b := button{fmt.Sprintf(" %d %s ", j+1, m.text.AnswerNames[a]), m.st.Button, sureAnswer{s, i, a}}
			if rec.Answers[i] == a { // bracketed, as on the checklist: not by colour alone
				b.label, b.style = fmt.Sprintf("[%d %s]", j+1, m.text.AnswerNames[a]), m.st.ButtonFocus
			}
			answers = append(answers, b)
		}
		row, rz := buttonRow(answers, " ", 4, len(lines))
		row = "    " + row + " "
		if rec.Answers[i] == model.Unanswered {
			row += m.st.Muted.Render("(" + answer + ")")
		}
		lines, zones = append(lines, ansi.Truncate(row, w, "")), append(zones, rz...)
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n"), zones
}

func (s *sureScreen) markdown() (string, bool) {
	m := s.m
	page := m.opt.Content.Page(m.session.Lang, model.StepSure)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", doc.SureIntro(page))
	// The source, then the note about it (the English note says "cited
	// above").
	if cite, ok := page.Section("citation"); ok {
		fmt.Fprintf(&b, "%s\n\n", cite)
	}
	if note, ok := page.Section("translation-note"); ok {
		fmt.Fprintf(&b, "*%s*\n\n", note)
	}
	if len(m.session.Sure) > 1 {
		fmt.Fprintf(&b, "*%s*\n", fmt.Sprintf(m.text.SureAskedTimes, len(m.session.Sure)))
	}
	return b.String(), true
}

func (s *sureScreen) key(k tea.KeyPressMsg) action {
	m := s.m
	switch d := m.upDown(k); {
	case key.Matches(k, m.keys.Sure.Answer):
		return sureAnswer{s, s.focus, sureAnswers[digit(k, '1')]}
	case d != 0:
		return sureFocus{s, cycle(s.focus, d, model.SureItems, wrapAround)}
	case m.session.Role == model.RoleDoctor && key.Matches(k, m.keys.Sure.Again):
		return do(s.askAgain)
	}
	return nil
}

// askAgain: after the conversation the doctor may ask the four questions
// again; the earlier answers stay in the record.
func (s *sureScreen) askAgain(m *Model) tea.Cmd {
	if rec, ok := m.session.LatestSure(); ok && rec.Complete() {
		m.session.AskSureAgain(s.by(), m.now())
		s.focus = 0
		m.notice = fmt.Sprintf(m.text.SureAgain, len(m.session.Sure))
		m.refresh(false)
	}
	return nil
}

// sureFocus moves to question i.
type sureFocus struct {
	s *sureScreen
	i int
}

func (a sureFocus) apply(*Model) tea.Cmd { a.s.focus = a.i; return nil }

// sureAnswer answers question i and moves on to the next.
type sureAnswer struct {
	s *sureScreen
	i int
	a model.Answer
}

func (a sureAnswer) apply(m *Model) tea.Cmd {
	m.session.SetSure(a.i, a.a, a.s.by(), m.now())
	if a.i < model.SureItems-1 {
		a.s.focus = a.i + 1
	}
	m.refresh(false)
	return nil
}

func (s *sureScreen) ShortHelp() []key.Binding {
	k := s.m.keys
	return append([]key.Binding{k.Sure.Answer, k.Sure.Item, k.Help, k.Quit}, s.again()...)
}

func (s *sureScreen) FullHelp() [][]key.Binding {
	k := s.m.keys
	return [][]key.Binding{append([]key.Binding{k.Sure.Answer, k.Sure.Item}, s.again()...)}
}

// again is the key to ask again, for a doctor.
func (s *sureScreen) again() []key.Binding {
	if s.m.session.Role == model.RoleDoctor {
		return []key.Binding{s.m.keys.Sure.Again}
	}
	return nil
}
