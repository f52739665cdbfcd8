package doc

import (
	"fmt"
	"strings"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// ValuesList is each value with how much it matters, then the leaning, as
// a Markdown list.
func ValuesList(s *model.Session, c *content.Bundle) string {
	t := wording.For(s.Lang)
	values, leanings := c.ValueLabels(s.Lang)
	var b strings.Builder
	for _, id := range model.ValueIDs {
		fmt.Fprintf(&b, "- %s: **%s**\n", values[id], t.ImportanceNames[s.Values[id]])
	}
	fmt.Fprintf(&b, "\n**%s:** %s\n", t.SummaryLeaning, leanings[string(s.CurrentLeaning())])
	return b.String()
}

// Tensions say, for the clinician, which values rated very important the
// patient's leaning pulls against: a topic, never a verdict.
func Tensions(s *model.Session, c *content.Bundle) []string {
	t := wording.For(s.Lang)
	values, leanings := c.ValueLabels(s.Lang)
	var out []string
	for _, id := range s.Tensions() {
		out = append(out, fmt.Sprintf(t.ValuesTension, values[id], leanings[string(s.CurrentLeaning())]))
	}
	return out
}

// writeValuesSummary adds the values and the leaning to a summary; the
// tensions only where a clinician reads it.
func writeValuesSummary(b *strings.Builder, s *model.Session, c *content.Bundle, t *wording.Text) {
	if len(s.Values) == 0 && s.Leaning == "" {
		return
	}
	fmt.Fprintf(b, "\n### %s\n\n%s", t.SummaryValues, ValuesList(s, c))
	if s.Role == model.RolePatient {
		return
	}
	for _, line := range Tensions(s, c) {
		fmt.Fprintf(b, "\n- *%s*\n", line)
	}
}

// valuesForm is the values step on paper: each value with three boxes,
// then the leanings.
func valuesForm(c *content.Bundle, p *content.Page, lang model.Lang, t *wording.Text) string {
	values, leanings := c.ValueLabels(lang)
	var b strings.Builder
	if intro, ok := p.Section("intro"); ok {
		fmt.Fprintf(&b, "%s\n\n", intro)
	}
	for i, id := range model.ValueIDs {
		var boxes []string
		for _, imp := range model.Importances {
			boxes = append(boxes, "\\[ \\] "+t.ImportanceNames[imp])
		}
		fmt.Fprintf(&b, "**%d.** %s\n\n%s\n\n", i+1, values[id], strings.Join(boxes, "    "))
	}
	if lean, ok := p.Section("leaning"); ok {
		fmt.Fprintf(&b, "%s\n\n", lean)
	}
	for _, l := range model.Leanings {
		fmt.Fprintf(&b, "\\[ \\] %s\n\n", leanings[string(l)])
	}
	return b.String()
}
