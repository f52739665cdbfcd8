// Package emr turns a session record into what a clinic's electronic
// medical record can take in: a PDF of exactly what the patient was shown
// and answered, the patient handout as a printable PDF, and a FHIR R4
// transaction Bundle. It builds from the record and the content only, so
// it works the same from the command line and from any later service.
package emr

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
)

// Options shape a document.
type Options struct {
	Paper Paper
	// Software names the program and version in the file's properties.
	Software string
	// Location is the time zone times are written in (default: local).
	Location *time.Location
	// AllowOtherContent writes a record with content other than the
	// release it was shown with, and says so on every page.
	AllowOtherContent bool
	// Visits are the session's follow-up visits, in order.
	Visits []model.VisitRecord
}

func (o Options) loc() *time.Location {
	if o.Location == nil {
		return time.Local
	}
	return o.Location
}

// ContentMismatchError says a record was shown with other content than
// the one given, so its pages cannot be printed as they were shown.
type ContentMismatchError struct{ Shown, Given string }

func (e *ContentMismatchError) Error() string {
	return fmt.Sprintf("the session was shown content release %s but this content is %s; pass the content folder of release %s, or allow the difference explicitly", e.Shown, e.Given, e.Shown)
}

// RecordPDF writes a session as the patient saw it: the answers and the
// outcome in the content's own words first, for the clinician, then every
// page shown, in the order and the language shown. Every page carries the
// code, the content release, its number and the reminder that this is not
// a consent form; a training record says so at the top of every page.
func RecordPDF(rec model.Record, b *content.Bundle, opt Options) ([]byte, error) {
	if rec.Code == "" {
		return nil, errors.New("the record has no session code")
	}
	mismatch := rec.ContentVersion != b.Hash
	if mismatch && !opt.AllowOtherContent {
		return nil, &ContentMismatchError{Shown: rec.ContentVersion, Given: b.Hash}
	}
	wd := wordsFor(rec.Lang)
	banner := ""
	if rec.Training {
		banner = wd.trainingBanner()
	}
	w, err := newWriter(opt.Paper, info(wd.recordTitle+" "+rec.Code, opt.Software, rec.Updated), rec.Training)
	if err != nil {
		return nil, err
	}
	r := recordDoc{w: w, rec: rec, b: b, wd: wd, loc: opt.loc(), opt: opt}
	r.facts()
	r.outcome()
	r.checklist()
	r.decisionAids()
	r.followUp()
	r.visits()
	r.pagesShown()
	notConsent := wd.SummaryNotConsent
	if mismatch {
		notConsent += " " + fmt.Sprintf(wd.contentMismatch, b.Hash, rec.ContentVersion)
	}
	return w.finish(banner, func(page, pages int) [2]string {
		return [2]string{
			fmt.Sprintf("%s %s · %s %s · %s", wd.SummaryCode, rec.Code, wd.SummaryContent, rec.ContentVersion, fmt.Sprintf(wd.footerPage, page, pages)),
			notConsent,
		}
	})
}

type recordDoc struct {
	opt Options
	w   *writer
	rec model.Record
	b   *content.Bundle
	wd  *words
	loc *time.Location
}

func (r *recordDoc) at(t time.Time) string { return t.In(r.loc).Format(r.wd.DateTime) }

// fact is "label: value" on its own line; the value is typed or stored
// text, never read as Markdown.
func (r *recordDoc) fact(label, value string) {
	r.w.para([]run{{label + ": ", bold}, {value, regular}}, block{before: 1})
}

func (r *recordDoc) facts() {
	rec, wd := r.rec, r.wd
	r.w.heading(1, wd.recordTitle)
	if rec.Training {
		r.w.para([]run{{wd.SummaryTraining, bold}}, block{before: 2})
	}
	r.fact(wd.SummaryCode, rec.Code)
	r.fact(wd.RecordStatus, orID(wd.StatusNames[rec.Status], rec.Status))
	r.fact(wd.language, languageName(rec.Lang))
	r.fact(wd.SummaryMode, orID(wd.RoleNames[rec.Role], string(rec.Role)))
	if rec.Persona != "" {
		title := rec.Persona
		if p := r.b.Persona(rec.Lang, rec.Persona); p != nil {
			title = p.Title
		}
		r.fact(wd.SummaryPersona, title)
	}
	if rec.PatientRef != "" {
		r.fact(wd.SummaryPatientRef, rec.PatientRef)
	}
	r.fact(wd.answeredBy, orID(wd.ByNames[rec.AnsweredBy], rec.AnsweredBy))
	r.fact(wd.SummaryStarted, r.at(rec.Started))
	if !rec.Finished.IsZero() {
		r.fact(wd.RecordFinished, r.at(rec.Finished))
	} else {
		r.fact(wd.RecordUpdated, r.at(rec.Updated))
	}
	r.fact(wd.SummaryContent, rec.ContentVersion)
	var groups []string
	for _, g := range rec.Groups {
		groups = append(groups, r.groupTitle(g))
	}
	if len(groups) == 0 {
		groups = []string{wd.SummaryNoGroups}
	}
	r.fact(wd.SummaryGroups, strings.Join(groups, "; "))
}

func (r *recordDoc) groupTitle(id string) string {
	if p := r.b.Group(r.rec.Lang, id); p != nil {
		return p.Title
	}
	return id
}

// outcome is the outcome page's own text for the outcome reached.
func (r *recordDoc) outcome() {
	r.w.heading(2, r.wd.outcome)
	p := r.b.Page(r.rec.Lang, model.StepOutcome)
	if p == nil {
		r.w.para([]run{{string(r.rec.Outcome), regular}}, block{})
		return
	}
	r.w.para([]run{{p.Title, bold}, {" (" + string(r.rec.Outcome) + ")", regular}}, block{before: 2})
	if text, ok := p.Section(string(r.rec.Outcome)); ok {
		r.w.markdown(r.b.FillClinic(r.rec.Lang, text, r.wd.NotProvided), 2)
	}
	if text, ok := p.Section("not-treating"); ok {
		r.w.markdown(text, 2)
	}
}

func (r *recordDoc) checklist() {
	wd := r.wd
	r.w.heading(2, wd.SummaryChecklist)
	for i, it := range r.rec.Checklist {
		title, question := it.Item, ""
		if p := r.b.Item(r.rec.Lang, it.Item); p != nil {
			title = p.Title
			question, _ = p.Section("question")
		}
		r.w.para([]run{{fmt.Sprintf("%d. %s", i+1, title), bold}}, block{before: 6, keep: 1})
		if question != "" {
			r.w.para(markdownRuns(question), block{indent: listIndent, before: 1})
		}
		r.w.para([]run{{"→ " + orID(wd.answer(it.Answer), it.Answer), bold}}, block{indent: listIndent, before: 2})
		if it.Note != "" {
			r.w.para([]run{{wd.NoteLabel + ": ", italic}, {it.Note, regular}}, block{indent: listIndent, before: 2})
		}
	}
	if len(r.rec.Concerns) > 0 {
		r.w.heading(3, wd.SummaryConcerns)
		for _, c := range r.rec.Concerns {
			r.w.para([]run{{orID(wd.ConcernNames[c.ID], string(c.ID)), regular}}, block{indent: listIndent, marker: "•", before: 2})
			for _, q := range c.Questions {
				r.w.para([]run{{r.quizQuestion(q), regular}}, block{indent: 2 * listIndent, marker: "–", before: 1})
			}
		}
	}
}

func (r *recordDoc) quizQuestion(id string) string {
	if p := r.b.Langs[r.rec.Lang].Quiz[id]; p != nil {
		q, _ := p.Section("question")
		return plainMarkdown(q)
	}
	return id
}

// quizChoice is the answer given as the screen showed it: number and text.
func (r *recordDoc) quizChoice(id, key string) string {
	if p := r.b.Langs[r.rec.Lang].Quiz[id]; p != nil {
		body, _ := p.Section("choices")
		for i, c := range content.Cells(body) {
			if c.Key == key {
				return fmt.Sprintf("%d. %s", i+1, plainMarkdown(c.Text))
			}
		}
	}
	return key
}

func (r *recordDoc) decisionAids() {
	rec, wd := r.rec, r.wd
	if len(rec.Knowledge) > 0 {
		r.w.heading(2, wd.SummaryQuiz)
		for _, q := range rec.Knowledge {
			mark := wd.right
			if !q.Correct {
				mark = wd.wrong
			}
			r.w.para([]run{{r.quizQuestion(q.Question), bold}}, block{before: 6, keep: 1})
			r.w.para([]run{{"→ " + r.quizChoice(q.Question, q.Answer), regular}, {" (" + mark + ")", italic}}, block{indent: listIndent, before: 1})
			for _, tb := range rec.TeachBack {
				if tb.Question == q.Question {
					r.w.para([]run{{wd.SummaryTeachBack + ": ", italic}, {orID(wd.TeachBackNames[tb.Mark], string(tb.Mark)), regular}}, block{indent: listIndent, before: 1})
				}
			}
		}
	}
	if len(rec.Sure) > 0 {
		r.w.heading(2, wd.SummarySure)
		var questions []string
		if p := r.b.Page(rec.Lang, model.StepSure); p != nil {
			questions = sureQuestions(p)
		}
		for _, s := range rec.Sure {
			head := fmt.Sprintf("%s, %s: %d/%d", r.at(s.At), orID(wd.ByNames[s.AnsweredBy], s.AnsweredBy), s.Score, model.SureItems)
			r.w.para([]run{{head, bold}}, block{before: 6, keep: 1})
			for i, a := range s.Answers {
				q := fmt.Sprintf("SURE %d", i+1)
				if i < len(questions) {
					q = plainMarkdown(questions[i])
				}
				r.w.para([]run{{q + " → ", regular}, {orID(wd.answer(a), a), bold}}, block{indent: listIndent, marker: fmt.Sprintf("%d.", i+1), before: 1})
			}
		}
	}
	r.values()
	if len(rec.Questions) > 0 {
		r.w.heading(2, wd.SummaryQuestions)
		for _, q := range rec.Questions {
			r.w.para([]run{{q.Text, regular}, {fmt.Sprintf(" (%s %s, %s)", wd.askedOn, stepTitle(r.b, rec.Lang, q.Page), r.at(q.At)), italic}}, block{indent: listIndent, marker: "•", before: 3})
		}
	}
	if rec.Role == model.RoleDoctor {
		next := wd.SummaryNotSet
		if rec.NextStep != model.NextUnset {
			next = orID(wd.NextStepNames[rec.NextStep], string(rec.NextStep))
		}
		r.w.heading(2, wd.SummaryNextStep)
		r.w.para([]run{{next, regular}}, block{})
	}
	if len(rec.Skipped) > 0 {
		var names []string
		for _, s := range rec.Skipped {
			names = append(names, stepTitle(r.b, rec.Lang, s))
		}
		r.w.heading(2, wd.SummarySkipped)
		r.w.para([]run{{strings.Join(names, "; "), regular}}, block{})
	}
}

// values is what matters to the patient and where they are leaning, in
// the values page's own words.
func (r *recordDoc) values() {
	rec, wd := r.rec, r.wd
	if len(rec.Values) == 0 && rec.Leaning == "" {
		return
	}
	p := r.b.Page(rec.Lang, model.StepValues)
	r.w.heading(2, orID(pageTitle(p), string(model.StepValues)))
	for _, v := range rec.Values {
		r.w.para([]run{{cellText(p, "values", v.Value) + ": ", regular}, {orID(wd.importance[v.Importance], string(v.Importance)), bold}}, block{indent: listIndent, marker: "•", before: 2})
	}
	if rec.Leaning != "" {
		r.fact(wd.leaningLabel, cellText(p, "leanings", string(rec.Leaning)))
	}
	if len(rec.Tensions) > 0 {
		var names []string
		for _, id := range rec.Tensions {
			names = append(names, cellText(p, "values", id))
		}
		r.w.para([]run{{wd.tensions + ": ", italic}, {strings.Join(names, "; "), regular}}, block{before: 3})
	}
}

// followUp is the baseline, then the follow-up as open shows it, each
// chart drawn in the place of its text.
func (r *recordDoc) followUp() {
	f, ok := doc.RecordFollowUp(r.rec, r.opt.Visits, r.b.Measures)
	if !ok {
		return
	}
	r.w.markdown(doc.Baseline(r.rec.Lang, r.rec.Baseline, r.b.Measures), 1)
	r.w.charts = doc.Charts(f, r.rec.Lang)
	r.w.markdown(doc.Visits(r.rec, r.opt.Visits, r.b, 80, doc.ChartBox), 0)
	r.w.charts = nil
}

// visits lists every arrival at a page, with its time.
func (r *recordDoc) visits() {
	r.w.heading(2, r.wd.SummaryViewed)
	for i, v := range r.rec.PagesViewed {
		r.w.para([]run{{r.at(v.At) + "  ", regular}, {stepTitle(r.b, r.rec.Lang, v.Page), regular}}, block{indent: listIndent + 6, marker: fmt.Sprintf("%d.", i+1), before: 1, size: smallSize + 1})
	}
}

// pagesShown prints each page once, in the order first seen.
func (r *recordDoc) pagesShown() {
	var seen []model.StepID
	for _, v := range r.rec.PagesViewed {
		if !slices.Contains(seen, v.Page) {
			seen = append(seen, v.Page)
		}
	}
	if len(seen) == 0 {
		return
	}
	r.w.newPage()
	r.w.heading(1, r.wd.shown)
	for i, step := range seen {
		p := r.b.Page(r.rec.Lang, step)
		if p == nil {
			r.w.heading(2, fmt.Sprintf("%d. %s", i+1, step))
			continue
		}
		r.w.heading(2, fmt.Sprintf("%d. %s", i+1, p.Title))
		r.w.contentPage(r.b, r.rec.Lang, step, p, r.wd)
	}
}

func orID(name, id string) string {
	if name != "" {
		return name
	}
	return id
}

func languageName(l model.Lang) string {
	switch l {
	case model.LangVI:
		return "Tiếng Việt (vi)"
	case model.LangEN:
		return "English (en)"
	}
	return string(l)
}
