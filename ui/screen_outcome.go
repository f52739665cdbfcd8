package ui

import (
	"fmt"
	"strings"

	"stemcounsel/doc"
	"stemcounsel/model"
)

// outcomeScreen explains what the checklist answers mean.
type outcomeScreen struct{ pageScreen }

// markdown explains what the answers mean. It lists every item with
// its answer, so a Yes never hides the items still open, and it never hands
// down a verdict. It holds answers, so it is never cached.
func (o *outcomeScreen) markdown() (string, bool) {
	m := o.m
	c, lang, t := m.opt.Content, m.session.Lang, m.text
	page := c.Page(lang, model.StepOutcome)
	outcome := m.session.Outcome(m.items())
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", t.OutcomeHeads[outcome])
	if text, ok := page.Section(string(outcome)); ok {
		fmt.Fprintf(&b, "%s\n\n", text)
	}
	fmt.Fprintf(&b, "### %s\n\n", t.YourAnswers)
	for _, id := range m.items() {
		item := c.Item(lang, id)
		a := m.session.Answers[id]
		fmt.Fprintf(&b, "- **%s:** %s.", item.Title, t.AnswerNames[a])
		if a != model.No {
			fmt.Fprintf(&b, " %s", t.Discuss)
			if again, ok := item.Section("revisit"); ok {
				fmt.Fprintf(&b, " %s", strings.Join(strings.Fields(again), " "))
			}
		}
		b.WriteString("\n")
		if note := m.session.Notes[id]; note != "" && m.canNote() {
			fmt.Fprintf(&b, "  - *%s:* %s\n", t.NoteLabel, doc.Escape(note)) // under its item, as in the summary
		}
	}
	if text, ok := page.Section("not-treating"); ok {
		fmt.Fprintf(&b, "\n%s\n", text)
	}
	return b.String(), true
}
