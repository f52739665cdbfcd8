package ui

import (
	"fmt"
	"strings"

	"stemcounsel/content"
	"stemcounsel/model"
)

// pageMarkdown is the Markdown a patient sees for a content page: the
// evidence status first, then the patient text, then the review line.
// Clinician sections never enter it.
func pageMarkdown(p *content.Page, t *Text) string {
	var b strings.Builder
	if p.Evidence != "" {
		fmt.Fprintf(&b, "**%s:** %s\n\n", t.EvidenceLabel, p.Evidence)
	}
	if p.IsPlaceholder() {
		fmt.Fprintf(&b, "*%s*\n\n", t.Placeholder)
	}
	b.WriteString(p.PatientText())
	b.WriteString("\n\n")
	if p.Reviewed() {
		fmt.Fprintf(&b, "*"+t.ReviewedBy+"*\n", p.ReviewedBy, p.ReviewedOn)
	} else {
		fmt.Fprintf(&b, "*%s*\n", t.Draft)
	}
	return b.String()
}

// summaryMarkdown shows the session so far. It holds the patient's choices,
// so it is rendered fresh and never cached.
func summaryMarkdown(s *model.Session, c *content.Bundle, t *Text) string {
	var b strings.Builder
	if p := c.Page(s.Lang, model.StepSummary); p != nil {
		b.WriteString(p.PatientText())
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryLanguage, LanguageNames[s.Lang])
	fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryMode, t.RoleNames[s.Role])
	fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryStarted, s.Started.Local().Format(t.DateTime))
	fmt.Fprintf(&b, "- **%s:** %s\n\n", t.SummaryContent, c.Hash)

	fmt.Fprintf(&b, "### %s\n\n", t.SummaryGroups)
	if len(s.Groups) == 0 {
		fmt.Fprintf(&b, "%s\n\n", t.SummaryNoGroups)
	}
	for _, g := range s.Groups {
		if p := c.Group(s.Lang, g); p != nil {
			fmt.Fprintf(&b, "- %s\n", p.Title)
		}
	}

	fmt.Fprintf(&b, "\n### %s\n\n", t.SummaryChecklist)
	for _, id := range c.ChecklistIDs {
		if item := c.Item(s.Lang, id); item != nil {
			fmt.Fprintf(&b, "- %s: %s\n", item.Title, t.AnswerNames[s.Answers[id]])
			if note := s.Notes[id]; note != "" && s.Role == model.RoleDoctor {
				fmt.Fprintf(&b, "  *%s:* %s\n", t.NoteLabel, escapeMarkdown(note))
			}
		}
	}
	fmt.Fprintf(&b, "\n**%s**\n", t.OutcomeHeads[s.Outcome(c.ChecklistIDs)])

	fmt.Fprintf(&b, "\n### %s\n\n", t.SummaryViewed)
	for _, v := range s.Viewed {
		fmt.Fprintf(&b, "- %s: %s\n", v.At.Local().Format(t.DateTime), stepTitle(c, s.Lang, v.Step))
	}
	fmt.Fprintf(&b, "\n**%s**\n", t.SummaryNotConsent)
	return b.String()
}

// stepTitle is a step's title in a language, or its id if the page is gone.
func stepTitle(c *content.Bundle, lang model.Lang, step model.StepID) string {
	if p := c.Page(lang, step); p != nil {
		return p.Title
	}
	return string(step)
}
