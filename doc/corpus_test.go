package doc

import (
	"fmt"
	"strings"
	"testing"

	"stemcounsel/content"
	"stemcounsel/model"
)

// corpusDoc is one Markdown document doc renders, named for failures.
type corpusDoc struct{ name, md string }

// renderCorpus is every Markdown document doc produces from the built-in
// content and the small fixture: each page of both languages, the options
// page's three parts, every handout part for a patient and a doctor, the
// trainer scripts, summaries and records of a fresh and of a full session,
// a record with a typed amendment, and the follow-up part of a record.
func renderCorpus(t *testing.T) []corpusDoc {
	t.Helper()
	var docs []corpusDoc
	seen := map[string]bool{}
	add := func(name, md string) {
		if !seen[md] {
			seen[md] = true
			docs = append(docs, corpusDoc{name, md})
		}
	}
	for _, b := range []*content.Bundle{load(t, content.Embedded()), fixtureContent(t)} {
		for _, lang := range model.Langs {
			steps := append(append([]model.StepID{}, model.PageSteps...), groupSteps(b.GroupIDs)...)
			for _, step := range steps {
				if p := b.Page(lang, step); p != nil {
					add(fmt.Sprintf("%s/page/%s", lang, step), Page(b, lang, p))
				}
			}
			consent := b.Consent(lang)
			add(string(lang)+"/consent", b.FillClinic(lang, strings.ReplaceAll(consent.PatientText(), content.ConsentDays, "30"), "?"))
			head, stacked, tail := optionsMarkdown(b, lang)
			add(string(lang)+"/options/head", head)
			add(string(lang)+"/options/stacked", stacked)
			add(string(lang)+"/options/tail", tail)
			for _, role := range []model.Role{model.RolePatient, model.RoleDoctor} {
				opt := PrintOptions{Lang: lang, Groups: b.GroupIDs, Width: 80, Style: StyleDark, Date: testClock, Role: role}
				for i, p := range handoutParts(b, opt) {
					if !p.options {
						add(fmt.Sprintf("%s/handout/%s/%d", lang, role, i), p.md)
					}
				}
			}
			for _, id := range b.PersonaIDs {
				var md strings.Builder
				if err := Persona(&md, b, id, PrintOptions{Lang: lang, Date: testClock, Markdown: true}); err != nil {
					t.Fatal(err)
				}
				add(fmt.Sprintf("%s/persona/%s", lang, id), md.String())
			}
			for _, role := range []model.Role{model.RolePatient, model.RoleDoctor, model.RoleTrainer} {
				for _, full := range []bool{false, true} {
					s := corpusSession(t, b, lang, role, full)
					add(fmt.Sprintf("%s/summary/%s/%v", lang, role, full), Summary(s, b))
					rec := s.Record(model.StatusFinished, b.Hash, b.ChecklistIDs, testClock)
					add(fmt.Sprintf("%s/record/%s/%v", lang, role, full), Record(rec, b))
					if full { // a note as typed, marks and all
						note := "Hỏi lại: *liều* <b>2</b> & [x] #1 | ~ `a`\n1. - + ! «trích dẫn.»"
						add(fmt.Sprintf("%s/amended/%s", lang, role), Record(rec, b)+Amendment(lang, s.Code, note, testClock))
					}
					if full {
						visits := []model.VisitRecord{
							{Number: 1, Visit: model.Visit{Assessment: measured(t, testClock.Add(month), 5, 7, 4, 4, 2), Decision: model.DecisionStop}},
							{Number: 2, Visit: model.Visit{Assessment: measured(t, testClock.Add(3*month), 3, 6, 5, 8, 3), Impression: model.ImpressionUnset + 1}},
						}
						for _, mode := range []ChartMode{ChartWords, ChartBox, ChartASCII} {
							add(fmt.Sprintf("%s/visits/%s/%v", lang, role, mode), Visits(rec, visits, b, 80, mode))
						}
					}
				}
			}
		}
	}
	return docs
}

// corpusSession is a fresh session, or one with every question answered,
// some of them wrongly, a baseline measured and a code given.
func corpusSession(t *testing.T, b *content.Bundle, lang model.Lang, role model.Role, full bool) *model.Session {
	s := model.NewSession(lang, role, testClock)
	if !full {
		return s
	}
	s.Code, s.Groups = "ACD349", b.GroupIDs[:1]
	quiz := b.Quiz(lang, s.Groups)
	s.QuizAsked = len(quiz)
	for i, q := range quiz {
		key := q.Answer
		if i%2 == 1 {
			key = q.Choices[0].Key
			if key == q.Answer {
				key = q.Choices[1].Key
			}
		}
		s.AnswerQuiz(q.ID, key, false, q.Expectation, testClock)
	}
	for i, id := range b.ChecklistIDs {
		s.SetAnswer(id, []model.Answer{model.Yes, model.No}[i%2])
	}
	for i := range model.SureItems {
		s.SetSure(i, []model.Answer{model.Yes, model.No}[i%2], model.ByPatient, testClock)
	}
	base := measured(t, testClock, 6, 8, 3)
	base.Activities[0].Name = "leo *cầu* thang"
	s.Baseline = &base
	for range 4 {
		s.Next(testClock)
	}
	return s
}
