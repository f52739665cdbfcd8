package emr

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
)

// HandoutOptions choose what the handout holds.
type HandoutOptions struct {
	Options
	Lang   model.Lang
	Groups []string
	Date   time.Time
	// Doctor adds each page's talking points.
	Doctor bool
}

// handoutSkips are screens rather than pages: the group choice, the
// knowledge check, and the patient's own outcome and summary.
var handoutSkips = []model.StepID{model.StepChooseGroup, model.StepKnowledgeCheck, model.StepOutcome, model.StepSummary}

// HandoutPDF writes the patient handout as a document to print: the
// clinic's facts, then every page of a patient's session in order with
// the chosen groups' pages, the options as a table that fits the page, and
// the checklist and SURE as forms with boxes to tick.
func HandoutPDF(b *content.Bundle, opt HandoutOptions) ([]byte, error) {
	wd := wordsFor(opt.Lang)
	w, err := newWriter(opt.Paper, info(wd.HandoutTitle, opt.Software, opt.Date), false)
	if err != nil {
		return nil, err
	}
	printed := opt.Date.In(opt.loc()).Format(wd.Date)
	w.heading(1, wd.HandoutTitle)
	w.para([]run{{fmt.Sprintf("%s %s · %s %s", wd.SummaryContent, b.Hash, wd.printed, printed), regular}}, block{size: smallSize + 1})
	w.clinicFacts(b, opt.Lang, wd)
	for _, step := range model.Flow(model.RolePatient, opt.Groups) {
		p := b.Page(opt.Lang, step)
		if p == nil || p.IsPlaceholder() || slices.Contains(handoutSkips, step) {
			continue
		}
		w.heading(1, p.Title)
		switch step {
		case model.StepChecklist:
			w.checklistForm(b, opt.Lang, p, wd)
		case model.StepSure:
			w.sureForm(p, wd)
		case model.StepValues:
			w.valuesPage(p, func(indent float64) {
				w.boxesFor([]string{wd.importance[model.NotImportant], wd.importance[model.Somewhat], wd.importance[model.Very]}, indent)
			})
		default:
			w.contentPage(b, opt.Lang, step, p, wd)
		}
		if opt.Doctor {
			if tp, ok := p.Section(content.TalkingPoints); ok && strings.TrimSpace(tp) != "" {
				w.heading(3, wd.DoctorPanel)
				w.markdown(tp, 2)
			}
		}
	}
	return w.finish("", func(page, pages int) [2]string {
		return [2]string{
			fmt.Sprintf("%s %s · %s %s · %s", wd.SummaryContent, b.Hash, wd.printed, printed, fmt.Sprintf(wd.footerPage, page, pages)),
			wd.HandoutTitle,
		}
	})
}

// clinicFacts lists what only the clinic can say, naming each fact it has
// not provided rather than leaving it out.
func (w *writer) clinicFacts(b *content.Bundle, lang model.Lang, wd *words) {
	w.heading(2, wd.clinicFacts)
	for _, k := range content.ClinicKeys {
		v := b.Clinic[lang][k]
		f := regular
		if v == "" {
			v, f = wd.NotProvided, italic
		}
		w.para([]run{{orID(wd.clinicKeys[k], k) + ": ", bold}, {v, f}}, block{indent: listIndent, marker: "•", before: 2})
	}
}

// checklistForm is the checklist on paper: each question with boxes for
// Yes, No and Not sure, and a line for notes.
func (w *writer) checklistForm(b *content.Bundle, lang model.Lang, p *content.Page, wd *words) {
	w.markdown(p.PatientText(), 1)
	choices := []string{wd.answer("yes"), wd.answer("no"), wd.answer("not-sure")}
	for i, id := range b.ChecklistIDs {
		item := b.Item(lang, id)
		if item == nil {
			continue
		}
		q, _ := item.Section("question")
		w.para([]run{{fmt.Sprintf("%d. %s", i+1, item.Title), bold}}, block{before: 10, keep: 3})
		w.para(markdownRuns(q), block{indent: listIndent, before: 2})
		w.boxesFor(choices, listIndent)
		w.writeLine(wd.noteLine, listIndent)
	}
}

// sureForm is the SURE check on paper, with Yes and No boxes.
func (w *writer) sureForm(p *content.Page, wd *words) {
	w.markdown(firstParagraph(p.PatientText()), 1)
	for i, q := range sureQuestions(p) {
		w.para(markdownRuns(q), block{indent: listIndent, marker: fmt.Sprintf("%d.", i+1), before: 8, keep: 1})
		w.boxesFor([]string{wd.answer("yes"), wd.answer("no")}, listIndent)
	}
	for _, s := range []string{"translation-note", "citation"} {
		if text, ok := p.Section(s); ok {
			w.para([]run{{plainMarkdown(text), italic}}, block{before: 5, size: smallSize + 1})
		}
	}
}
