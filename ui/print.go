package ui

import (
	"fmt"
	"io"
	"strings"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
)

// PrintOptions choose what the handout contains and how it looks.
type PrintOptions struct {
	Lang   model.Lang
	Groups []string
	Width  int
	Style  string // a StyleNames entry, or "notty" for text with no escapes
	Date   time.Time
}

// PlainStyle is the style for output that is not a terminal: no escape
// sequences at all.
const PlainStyle = plainStyle

// Print writes the patient handout: every page of a patient's session in
// order, with the chosen groups' pages. Steps still to be written, the group
// choice (a screen, not a page) and the personal summary are left out.
func Print(w io.Writer, c *content.Bundle, opt PrintOptions) error {
	t := texts[opt.Lang]
	var md strings.Builder
	fmt.Fprintf(&md, "# %s\n\n%s: %s · %s\n\n", t.HandoutTitle, t.SummaryContent, c.Hash, opt.Date.Format(t.Date))
	for _, step := range model.Flow(model.RolePatient, opt.Groups) {
		p := c.Page(opt.Lang, step)
		if p == nil || p.IsPlaceholder() || step == model.StepSummary || step == model.StepChooseGroup || step == model.StepOutcome {
			continue
		}
		body := pageMarkdown(p, t)
		if step == model.StepChecklist {
			body = checklistForm(c, opt.Lang, t)
		}
		fmt.Fprintf(&md, "# %s\n\n%s\n\n", p.Title, body)
	}
	out, err := renderMarkdown(md.String(), opt.Width, opt.Style)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, out+"\n")
	return err
}
