package doc

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// PrintOptions choose what the handout contains and how it looks.
type PrintOptions struct {
	Lang   model.Lang
	Groups []string
	Width  int
	Style  string // a StyleNames entry, or "notty" for text with no escapes
	Date   time.Time
	// Role doctor adds each page's talking points; any other role prints
	// the patient's handout, with no clinician text.
	Role model.Role
}

// printSkips are steps that are screens rather than pages: the group choice,
// the knowledge check, and the patient's own outcome and summary.
var printSkips = []model.StepID{model.StepChooseGroup, model.StepKnowledgeCheck, model.StepOutcome, model.StepSummary}

// Handout writes the patient handout: every page of a patient's session in
// order, with the chosen groups' pages; the checklist and SURE as paper
// forms. Steps still to be written and the screens above are left out.
func Handout(w io.Writer, c *content.Bundle, opt PrintOptions) error {
	t := wording.For(opt.Lang)
	parts := []string{}
	add := func(md string) error {
		out, err := Render(md, opt.Width, opt.Style)
		parts = append(parts, out)
		return err
	}
	if err := add(fmt.Sprintf("# %s\n\n%s: %s · %s\n", t.HandoutTitle, t.SummaryContent, c.Hash, opt.Date.Format(t.Date))); err != nil {
		return err
	}
	for _, step := range model.Flow(model.RolePatient, opt.Groups) {
		p := c.Page(opt.Lang, step)
		if p == nil || p.IsPlaceholder() || slices.Contains(printSkips, step) {
			continue
		}
		var err error
		switch step {
		case model.StepOptions:
			if err = add("# " + p.Title); err == nil {
				var out string
				out, err = OptionsPage(c, opt.Lang, opt.Width, opt.Style)
				parts = append(parts, out)
			}
		case model.StepChecklist:
			err = add("# " + p.Title + "\n\n" + checklistForm(c, opt.Lang, t))
		case model.StepSure:
			err = add("# " + p.Title + "\n\n" + sureForm(p, t))
		case model.StepValues:
			err = add("# " + p.Title + "\n\n" + valuesForm(c, p, opt.Lang, t))
		default:
			err = add("# " + p.Title + "\n\n" + Page(c, opt.Lang, p))
		}
		if err == nil && opt.Role == model.RoleDoctor {
			if tp := TalkingPoints(p); len(tp) > 0 {
				err = add("**" + t.DoctorPanel + "**\n\n" + strings.Join(tp, "\n"))
			}
		}
		if err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, strings.Join(parts, "\n\n")+"\n")
	return err
}

// sureForm is the SURE test on paper.
func sureForm(p *content.Page, t *wording.Text) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", SureIntro(p))
	for i := range model.SureItems {
		q, _ := p.Section(fmt.Sprintf("sure-%d", i+1))
		fmt.Fprintf(&b, "**%d.** %s\n\n\\[ \\] %s    \\[ \\] %s\n\n", i+1, q, t.AnswerNames[model.Yes], t.AnswerNames[model.No])
	}
	for _, s := range []string{"citation", "translation-note"} { // the note says "cited above"
		if text, ok := p.Section(s); ok {
			fmt.Fprintf(&b, "*%s*\n\n", text)
		}
	}
	return b.String()
}

// Persona writes a persona's script for trainers: who the patient is,
// then for each step what they may say, a good response and what to avoid.
func Persona(w io.Writer, c *content.Bundle, id string, opt PrintOptions) error {
	t := wording.For(opt.Lang)
	p := c.Persona(opt.Lang, id)
	if p == nil {
		return fmt.Errorf("unknown persona %q (valid: %s)", id, strings.Join(c.PersonaIDs, ", "))
	}
	var md strings.Builder
	fmt.Fprintf(&md, "# %s: %s\n\n%s · %s: %s · %s\n\n", t.TrainerPanel, p.Title, t.SummaryTraining, t.SummaryContent, c.Hash, opt.Date.Format(t.Date))
	if prof, ok := p.Section("profile"); ok {
		fmt.Fprintf(&md, "%s\n\n", prof)
	}
	for _, step := range model.Flow(model.RoleTrainer, []string{p.Group}) {
		cells, ok := p.Script(step)
		if !ok {
			continue
		}
		fmt.Fprintf(&md, "## %s\n\n", StepTitle(c, opt.Lang, step))
		for _, cell := range cells {
			fmt.Fprintf(&md, "- **%s:** %s\n", t.ScriptPart(cell.Key), cell.Text)
		}
		md.WriteString("\n")
	}
	out, err := Render(md.String(), opt.Width, opt.Style)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, out+"\n")
	return err
}
