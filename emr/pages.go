package emr

import (
	"fmt"
	"strings"

	"stemcounsel/content"
	"stemcounsel/model"
)

// contentPage lays out a content page as a patient sees it: the evidence status,
// the patient text with the clinic's facts filled in, and the review line.
// Clinician sections never enter it.
func (w *writer) contentPage(b *content.Bundle, lang model.Lang, step model.StepID, p *content.Page, wd *words) {
	if p.Evidence != "" {
		w.para([]run{{wd.EvidenceLabel + ": ", bold}, {p.Evidence, regular}}, block{before: 4})
	}
	switch step {
	case model.StepOptions:
		w.options(b, lang, wd)
	case model.StepSure:
		w.sureText(p)
	case model.StepValues:
		w.valuesPage(p, nil)
	default:
		w.markdown(b.FillClinic(lang, p.PatientText(), wd.NotProvided), 1)
	}
	w.para([]run{{reviewLine(p, wd), italic}}, block{before: 6, size: smallSize + 1})
}

// valuesPage is the values step: its introduction, each value, the leaning
// question and its choices, without the content's keys. boxes, when set,
// draws what to tick under each value and choice (the handout).
func (w *writer) valuesPage(p *content.Page, boxes func(indent float64)) {
	intro, _ := p.Section("intro")
	w.markdown(intro, 1)
	values, _ := p.Section("values")
	for _, c := range content.Cells(values) {
		w.para(markdownRuns(c.Text), block{indent: listIndent, marker: "•", before: 4, keep: 1})
		if boxes != nil {
			boxes(listIndent)
		}
	}
	leaning, _ := p.Section("leaning")
	w.markdown(leaning, 1)
	leanings, _ := p.Section("leanings")
	var choices []string
	for _, c := range content.Cells(leanings) {
		choices = append(choices, plainMarkdown(c.Text))
	}
	if boxes != nil {
		for _, c := range choices {
			w.boxesFor([]string{c}, listIndent)
		}
		return
	}
	for _, c := range choices {
		w.para([]run{{c, regular}}, block{indent: listIndent, marker: "•", before: 2})
	}
}

// cellText is the text of a "- key: text" bullet of a section.
func cellText(p *content.Page, section, key string) string {
	if p != nil {
		body, _ := p.Section(section)
		for _, c := range content.Cells(body) {
			if c.Key == key {
				return plainMarkdown(c.Text)
			}
		}
	}
	return key
}

func reviewLine(p *content.Page, wd *words) string {
	if p.Reviewed() {
		return fmt.Sprintf(wd.ReviewedBy, p.ReviewedBy, p.ReviewedOn)
	}
	return wd.Draft
}

// options is the options page: the decision, then the table that compares
// the options side by side on the page's full width, then what living with
// each means and the sources.
func (w *writer) options(b *content.Bundle, lang model.Lang, wd *words) {
	o := b.Options(lang)
	p := b.Page(lang, model.StepOptions)
	fill := func(s string) string { return b.FillClinic(lang, s, wd.NotProvided) }
	w.markdown(fill(o.Decision), 1)
	header := []string{""}
	for _, c := range o.Columns {
		header = append(header, c.Text)
	}
	var rows [][]string
	for _, r := range o.Rows {
		row := []string{r.Label}
		for _, c := range r.Cells {
			row = append(row, plainMarkdown(fill(c.Text)))
		}
		rows = append(rows, row)
	}
	weights := []float64{0.8}
	for range o.Columns {
		weights = append(weights, 1)
	}
	w.table(header, rows, weights, smallSize)
	living, _ := p.Section("living")
	w.heading(3, strings.TrimSpace(strings.TrimPrefix(firstLine(living), "###")))
	for i, c := range o.Living {
		if i < len(o.Columns) {
			w.para(append([]run{{o.Columns[i].Text + ": ", bold}}, markdownRuns(fill(c.Text))...), block{indent: listIndent, marker: "•", before: 2})
		}
	}
	if src, ok := p.Section("sources"); ok {
		w.markdown(src, 1)
	}
}

// sureText is the SURE page as shown: its introduction, the four
// questions, and the citation and translation note.
func (w *writer) sureText(p *content.Page) {
	w.markdown(firstParagraph(p.PatientText()), 1)
	for i, q := range sureQuestions(p) {
		w.para(markdownRuns(q), block{indent: listIndent, marker: fmt.Sprintf("%d.", i+1), before: 3})
	}
	for _, s := range []string{"citation", "translation-note"} {
		if text, ok := p.Section(s); ok {
			w.para([]run{{plainMarkdown(text), italic}}, block{before: 5, size: smallSize + 1})
		}
	}
}

func sureQuestions(p *content.Page) []string {
	out := make([]string, model.SureItems)
	for i := range out {
		out[i], _ = p.Section(fmt.Sprintf("sure-%d", i+1))
	}
	return out
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return first
}

func firstParagraph(s string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n\n")
	return first
}

// stepTitle is a step's title in a language, or its id if the page is gone.
func stepTitle(b *content.Bundle, lang model.Lang, step model.StepID) string {
	if p := b.Page(lang, step); p != nil {
		return p.Title
	}
	return string(step)
}
