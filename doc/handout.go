package doc

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
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
	// Markdown writes the handout's Markdown, unrendered.
	Markdown bool
}

// printSkips are steps that are screens rather than pages: the group choice,
// the knowledge check, and the patient's own outcome and summary.
var printSkips = []model.StepID{model.StepChooseGroup, model.StepKnowledgeCheck, model.StepOutcome, model.StepSummary}

// Handout writes the patient handout: every page of a patient's session in
// order, with the chosen groups' pages; the checklist and SURE as paper
// forms. Steps still to be written and the screens above are left out.
// With opt.Markdown it writes the handout's Markdown instead.
func Handout(w io.Writer, c *content.Bundle, opt PrintOptions) error {
	parts := handoutParts(c, opt)
	if opt.Markdown {
		md := make([]string, len(parts))
		for i, p := range parts {
			md[i] = strings.TrimRight(p.md, "\n")
			if p.options {
				md[i] = strings.TrimRight(OptionsMarkdown(c, opt.Lang), "\n")
			}
		}
		_, err := io.WriteString(w, strings.Join(md, "\n\n")+"\n")
		return err
	}
	out, err := renderParts(c, opt, parts, runtime.GOMAXPROCS(0))
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, out)
	return err
}

// handoutPart is one piece of the handout, rendered on its own: Markdown,
// or the options page's body, which OptionsPage draws.
type handoutPart struct {
	md      string
	options bool
}

func handoutParts(c *content.Bundle, opt PrintOptions) []handoutPart {
	t := wording.For(opt.Lang)
	parts := []handoutPart{{md: fmt.Sprintf("# %s\n\n%s: %s · %s\n", t.HandoutTitle, t.SummaryContent, c.Hash, opt.Date.Format(t.Date))}}
	add := func(md string) { parts = append(parts, handoutPart{md: md}) }
	for _, step := range model.Flow(model.RolePatient, opt.Groups) {
		p := c.Page(opt.Lang, step)
		if p == nil || p.IsPlaceholder() || slices.Contains(printSkips, step) {
			continue
		}
		switch step {
		case model.StepOptions:
			add("# " + p.Title)
			parts = append(parts, handoutPart{options: true})
		case model.StepChecklist:
			add("# " + p.Title + "\n\n" + checklistForm(c, opt.Lang, t))
		case model.StepSure:
			add("# " + p.Title + "\n\n" + sureForm(p, t))
		case model.StepValues:
			add("# " + p.Title + "\n\n" + valuesForm(c, p, opt.Lang, t))
		default:
			add("# " + p.Title + "\n\n" + Page(c, opt.Lang, p))
		}
		if opt.Role == model.RoleDoctor {
			if tp := TalkingPoints(p); len(tp) > 0 {
				add("**" + t.DoctorPanel + "**\n\n" + strings.Join(tp, "\n"))
			}
		}
	}
	return parts
}

// renderParts renders the parts with up to workers at once, each with its
// own renderer, and joins them in order: the output is the same at any
// number of workers. The first failing part's error is returned.
func renderParts(c *content.Bundle, opt PrintOptions, parts []handoutPart, workers int) (string, error) {
	out := make([]string, len(parts))
	errs := make([]error, len(parts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(workers, len(parts))) {
		wg.Go(func() {
			for i := range next {
				if parts[i].options {
					out[i], errs[i] = OptionsPage(c, opt.Lang, opt.Width, opt.Style)
				} else {
					out[i], errs[i] = Render(parts[i].md, opt.Width, opt.Style)
				}
			}
		})
	}
	for i := range parts {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return "", err
		}
	}
	return strings.Join(out, "\n\n") + "\n", nil
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
	if opt.Markdown {
		_, err := io.WriteString(w, md.String())
		return err
	}
	out, err := Render(md.String(), opt.Width, opt.Style)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, out+"\n")
	return err
}
