package doc

import (
	"fmt"
	"strings"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// AnswerOrder is the checklist answers in the order the screen numbers
// them (keys 1, 2, 3) and the paper form lists them.
var AnswerOrder = []model.Answer{model.Yes, model.No, model.NotSure}

// PlainText drops Markdown emphasis for text shown outside Glamour.
func PlainText(s string) string {
	return strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
}

// TalkingPoints are a page's points for the clinician, one a line.
func TalkingPoints(p *content.Page) []string {
	if p == nil {
		return nil
	}
	text, _ := p.Section(content.TalkingPoints)
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(PlainText(l)); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Escape makes typed text show literally: every ASCII punctuation
// mark that Markdown could read as syntax gets a backslash, and & is
// written as an entity (the renderer shows a backslash before it, and a
// bare & could start a character reference such as &#27;).
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '&' {
			b.WriteString("&amp;")
			continue
		}
		if strings.ContainsRune("\\`*_{}[]()#+-.!|<>~", r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checklistForm is the checklist on paper: each question with [ ] boxes.
func checklistForm(c *content.Bundle, lang model.Lang, t *wording.Text) string {
	var b strings.Builder
	if p := c.Page(lang, model.StepChecklist); p != nil {
		fmt.Fprintf(&b, "%s\n\n", p.PatientText())
	}
	for i, id := range c.ChecklistIDs {
		item := c.Item(lang, id)
		q, _ := item.Section("question")
		fmt.Fprintf(&b, "**%d. %s**\n\n%s\n\n", i+1, item.Title, q)
		var boxes []string
		for _, a := range AnswerOrder {
			boxes = append(boxes, `\[ \] `+t.AnswerNames[a])
		}
		fmt.Fprintf(&b, "%s\n\n", strings.Join(boxes, "    "))
	}
	return b.String()
}
