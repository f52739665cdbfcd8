package doc

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// OptionsTableWidth is the narrowest width at which the four options fit
// side by side; below it they are stacked one option at a time.
const OptionsTableWidth = 100

// OptionsPage draws the options page: the decision, then the table (or
// the options one after another on a narrow screen), then what living with
// each choice is like. It holds no answers, so it is cached like a page.
func OptionsPage(c *content.Bundle, lang model.Lang, width int, style string) (string, error) {
	head, stacked, tail := optionsMarkdown(c, lang)
	var grid string
	if width < OptionsTableWidth || style == PlainStyle || style == "ascii" {
		var err error
		if grid, err = Render(stacked, width, style); err != nil {
			return "", err
		}
	} else {
		t := wording.For(lang)
		grid = optionsGrid(c.Options(lang), func(s string) string { return c.FillClinic(lang, s, t.NotProvided) }, width)
	}
	h, err := Render(head, width, style)
	if err != nil {
		return "", err
	}
	tl, err := Render(tail, width, style)
	if err != nil {
		return "", err
	}
	return h + "\n\n" + grid + "\n\n" + tl, nil
}

// OptionsMarkdown is the options page as Markdown, the options one after
// another.
func OptionsMarkdown(c *content.Bundle, lang model.Lang) string {
	head, stacked, tail := optionsMarkdown(c, lang)
	return head + "\n" + stacked + "\n" + tail
}

// optionsMarkdown is the options page's Markdown: the decision, the
// options one after another, and what living with each is like.
func optionsMarkdown(c *content.Bundle, lang model.Lang) (head, stacked, tail string) {
	t := wording.For(lang)
	o := c.Options(lang)
	fill := func(s string) string { return c.FillClinic(lang, s, t.NotProvided) }
	page := c.Page(lang, model.StepOptions)

	var h, md, tl strings.Builder
	if page.Evidence != "" {
		fmt.Fprintf(&h, "**%s:** %s\n\n", t.EvidenceLabel, page.Evidence)
	}
	fmt.Fprintf(&h, "%s\n", o.Decision)

	for i, col := range o.Columns {
		fmt.Fprintf(&md, "### %d. %s\n\n", i+1, col.Text)
		for _, row := range o.Rows {
			fmt.Fprintf(&md, "- **%s:** %s\n", row.Label, fill(row.Cells[i].Text))
		}
		md.WriteString("\n")
	}

	fmt.Fprintf(&tl, "### %s\n\n", strings.TrimSpace(strings.TrimPrefix(firstLine(sectionOf(page, "living")), "###")))
	for i, cell := range o.Living {
		fmt.Fprintf(&tl, "- **%s:** %s\n", o.Columns[i].Text, fill(cell.Text))
	}
	if src, ok := page.Section("sources"); ok {
		fmt.Fprintf(&tl, "\n%s\n", src)
	}
	fmt.Fprintf(&tl, "\n*%s*\n", reviewLine(page, t))
	return h.String(), md.String(), tl.String()
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

// SureIntro is the SURE page's first paragraph, which introduces the test
// on screen and on paper.
func SureIntro(p *content.Page) string {
	intro, _, _ := strings.Cut(p.PatientText(), "\n\n")
	return intro
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// reviewLine says who reviewed a page, or that it is a draft.
func reviewLine(p *content.Page, t *wording.Text) string {
	if p.Reviewed() {
		return fmt.Sprintf(t.ReviewedBy, p.ReviewedBy, p.ReviewedOn)
	}
	return t.Draft
}
