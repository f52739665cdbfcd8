package doc

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// Page is the Markdown a patient sees for a content page: the evidence
// status first, then the patient text, then the review line. Clinician
// sections never enter it.
func Page(c *content.Bundle, lang model.Lang, p *content.Page) string {
	t := wording.For(lang)
	var b strings.Builder
	if p.Evidence != "" {
		fmt.Fprintf(&b, "**%s:** %s\n\n", t.EvidenceLabel, p.Evidence)
	}
	if p.IsPlaceholder() {
		fmt.Fprintf(&b, "*%s*\n\n", t.Placeholder)
	}
	b.WriteString(c.FillClinic(lang, p.PatientText(), t.NotProvided))
	fmt.Fprintf(&b, "\n\n*%s*\n", reviewLine(p, t))
	return b.String()
}

// Summary shows the session so far. It holds the patient's choices, so it
// is rendered fresh and never cached.
func Summary(s *model.Session, c *content.Bundle) string {
	t := wording.For(s.Lang)
	var b strings.Builder
	if p := c.Page(s.Lang, model.StepSummary); p != nil {
		b.WriteString(p.PatientText())
		b.WriteString("\n\n")
	}
	if s.Code != "" && (s.Consent == nil || s.Consent.Given || s.Training()) {
		// A patient who said no has no record to look up by its code.
		fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryCode, s.Code)
	}
	fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryLanguage, wording.LanguageNames[s.Lang])
	fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryMode, t.RoleNames[s.Role])
	if s.Training() {
		fmt.Fprintf(&b, "- **%s**\n", t.SummaryTraining)
		if p := c.Persona(s.Lang, s.Persona); p != nil {
			fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryPersona, p.Title)
		}
	}
	if s.Role == model.RoleDoctor && s.PatientRef != "" {
		fmt.Fprintf(&b, "- **%s:** %s\n", t.SummaryPatientRef, Escape(s.PatientRef))
	}
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
	open := 0
	for _, id := range c.ChecklistIDs {
		if s.Answers[id] == model.Unanswered {
			open++
		}
		if item := c.Item(s.Lang, id); item != nil {
			fmt.Fprintf(&b, "- %s: %s\n", item.Title, t.AnswerNames[s.Answers[id]])
			if note := s.Notes[id]; note != "" && s.Role == model.RoleDoctor {
				fmt.Fprintf(&b, "  - *%s:* %s\n", t.NoteLabel, Escape(note)) // under its item
			}
		}
	}
	if open > 0 {
		fmt.Fprintf(&b, "\n%s.\n", fmt.Sprintf(t.SummaryItemsOpen, open, len(c.ChecklistIDs)))
	}
	fmt.Fprintf(&b, "\n**%s**\n", t.OutcomeHeads[s.Outcome(c.ChecklistIDs)])

	writeDecisionSummary(&b, s, c, t)
	writeValuesSummary(&b, s, c, t)
	if skipped := s.SkippedSteps(); len(skipped) > 0 {
		var names []string
		for _, step := range skipped {
			names = append(names, StepTitle(c, s.Lang, step))
		}
		fmt.Fprintf(&b, "\n**%s:** %s\n", t.SummarySkipped, strings.Join(names, ", "))
	}
	if s.Role == model.RoleDoctor {
		next := t.SummaryNotSet
		if s.NextStep != model.NextUnset {
			next = t.NextStepNames[s.NextStep]
		}
		fmt.Fprintf(&b, "\n**%s:** %s\n", t.SummaryNextStep, next)
	}
	b.WriteString(Baseline(s.Lang, s.Baseline))

	writeViewed(&b, s, c, t)
	fmt.Fprintf(&b, "\n**%s**\n", t.SummaryNotConsent)
	return b.String()
}

// writeViewed lists each page once, in the session's order, with the
// first time it was opened, then the pages never opened.
func writeViewed(b *strings.Builder, s *model.Session, c *content.Bundle, t *wording.Text) {
	first := map[model.StepID]time.Time{}
	for _, v := range s.Viewed {
		if _, seen := first[v.Step]; !seen {
			first[v.Step] = v.At
		}
	}
	steps := s.Steps()
	var notViewed []string
	viewed := 0
	fmt.Fprintf(b, "\n### %s\n\n", t.SummaryViewed)
	for _, step := range steps {
		if at, ok := first[step]; ok {
			viewed++
			fmt.Fprintf(b, "- %s: %s\n", StepTitle(c, s.Lang, step), at.Local().Format(t.DateTime))
		} else {
			notViewed = append(notViewed, StepTitle(c, s.Lang, step))
		}
	}
	fmt.Fprintf(b, "\n%s.", fmt.Sprintf(t.SummaryViewedCount, viewed, len(steps)))
	if len(notViewed) > 0 {
		fmt.Fprintf(b, " **%s:** %s.", t.SummaryNotViewed, strings.Join(notViewed, ", "))
	}
	b.WriteString("\n")
}

// StepTitle is a step's title in a language, or its id if the page is gone.
func StepTitle(c *content.Bundle, lang model.Lang, step model.StepID) string {
	if p := c.Page(lang, step); p != nil {
		return p.Title
	}
	return string(step)
}

// writeDecisionSummary adds the decision aids to the summary: concerns
// raised, the SURE tests, teach-back marks and the questions for the doctor.
func writeDecisionSummary(b *strings.Builder, s *model.Session, c *content.Bundle, t *wording.Text) {
	if len(s.Concerns) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", t.SummaryConcerns)
		for _, con := range s.Concerns {
			fmt.Fprintf(b, "- %s\n", t.ConcernNames[con])
			if con == model.ConcernExpectations {
				for _, id := range inQuizOrder(c, s, s.ExpectationMisses, func(id string) string { return id }) {
					fmt.Fprintf(b, "  - %s\n", quizQuestion(c, s.Lang, id))
				}
			}
		}
	}
	if len(s.Quiz) > 0 || s.QuizAsked > 0 {
		// Right and wrong are for the clinician; a patient is spared them.
		clinician := s.Role == model.RoleDoctor || s.Role == model.RoleTrainer
		fmt.Fprintf(b, "\n### %s\n\n", t.SummaryQuiz)
		if s.QuizAsked > 0 {
			line := fmt.Sprintf(t.SummaryQuizCount, len(s.Quiz), s.QuizAsked)
			if open := s.QuizAsked - len(s.Quiz); open > 0 {
				line += "; " + fmt.Sprintf(t.SummaryQuizOpen, open)
			}
			wrong := 0
			for _, a := range s.Quiz {
				if !a.Correct {
					wrong++
				}
			}
			if clinician && wrong > 0 {
				line += "; " + fmt.Sprintf(t.SummaryQuizWrong, wrong)
			}
			fmt.Fprintf(b, "%s.\n\n", line)
		}
		for _, a := range inQuizOrder(c, s, s.Quiz, func(a model.QuizAnswer) string { return a.Item }) {
			fmt.Fprintf(b, "- %s → %s", quizQuestion(c, s.Lang, a.Item), quizChoice(c, s.Lang, a.Item, a.Choice))
			switch {
			case clinician && a.Correct:
				fmt.Fprintf(b, " %s", t.QuizRightMark)
			case clinician:
				fmt.Fprintf(b, " %s", fmt.Sprintf(t.QuizWrongMark, quizChoice(c, s.Lang, a.Item, quizAnswer(c, s.Lang, a.Item))))
			}
			if mark, ok := s.TeachBack[a.Item]; ok {
				fmt.Fprintf(b, " (%s: %s)", t.SummaryTeachBack, t.TeachBackNames[mark])
			}
			b.WriteString("\n")
		}
	}
	if len(s.Sure) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", t.SummarySure)
		for _, r := range s.Sure {
			fmt.Fprintf(b, "- %s, %s: %d/4", r.At.Local().Format(t.DateTime), t.ByNames[r.By], r.Score())
			switch {
			case r.Conflict():
				var open []string
				for _, i := range r.Open() {
					open = append(open, fmt.Sprint(i))
				}
				fmt.Fprintf(b, ". %s %s", t.SureOpen, strings.Join(open, ", "))
			case r.Complete():
				fmt.Fprintf(b, ". %s", t.SureSettled)
			}
			b.WriteString("\n")
		}
	}
	if len(s.Questions) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", t.SummaryQuestions)
		for _, q := range s.Questions {
			fmt.Fprintf(b, "- %s (%s)\n", Escape(q.Text), StepTitle(c, s.Lang, q.Step))
		}
	}
}

// inQuizOrder sorts a copy of what names quiz questions into the order the
// check asks them, not the order they were answered in (the stepper lets
// a patient answer a later one first).
func inQuizOrder[T any](c *content.Bundle, s *model.Session, list []T, id func(T) string) []T {
	order := map[string]int{}
	for i, q := range c.Quiz(s.Lang, s.Groups) {
		order[q.ID] = i
	}
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b T) int { return order[id(a)] - order[id(b)] })
	return out
}

// quizChoice is the answer given, as the screen showed it: its number and
// its text.
func quizChoice(c *content.Bundle, lang model.Lang, id, key string) string {
	if p := c.Langs[lang].Quiz[id]; p != nil {
		body, _ := p.Section("choices")
		for i, cell := range content.Cells(body) {
			if cell.Key == key {
				return fmt.Sprintf("%d. %s", i+1, cell.Text)
			}
		}
	}
	return key
}

// quizAnswer is the key of a question's right answer.
func quizAnswer(c *content.Bundle, lang model.Lang, id string) string {
	if p := c.Langs[lang].Quiz[id]; p != nil {
		return p.Answer
	}
	return ""
}

// quizQuestion is a knowledge-check question's text, on one line.
func quizQuestion(c *content.Bundle, lang model.Lang, id string) string {
	if p := c.Langs[lang].Quiz[id]; p != nil {
		q, _ := p.Section("question")
		return strings.Join(strings.Fields(q), " ")
	}
	return id
}

// Record is a record as a readable document: what the summary step
// shows, with the code and status. Typed text is escaped.
func Record(rec model.Record, c *content.Bundle) string {
	s, err := rec.Session()
	t := wording.For(rec.Lang)
	if err != nil {
		return fmt.Sprintf("%s: %v\n", rec.Code, err)
	}
	var b strings.Builder
	title := t.RecordTitle
	if rec.Training {
		title = t.TrainingRecordTitle // never to be taken for a patient's
	}
	fmt.Fprintf(&b, "# %s %s\n\n", title, rec.Code)
	fmt.Fprintf(&b, "- **%s:** %s\n", t.RecordStatus, t.StatusNames[rec.Status])
	fmt.Fprintf(&b, "- **%s:** %s\n", t.RecordUpdated, rec.Updated.Local().Format(t.DateTime))
	if !rec.Finished.IsZero() {
		fmt.Fprintf(&b, "- **%s:** %s\n", t.RecordFinished, rec.Finished.Local().Format(t.DateTime))
	}
	if rec.ContentVersion != c.Hash {
		fmt.Fprintf(&b, "- **%s:** %s (%s %s)\n", t.SummaryContent, rec.ContentVersion, t.ContentNow, c.Hash)
	}
	b.WriteString("\n")
	b.WriteString(Summary(s, c))
	return b.String()
}

// Amendment is a correction to a finished record, as kept beside it: who
// may read the record reads it after the original, which stays unchanged.
func Amendment(lang model.Lang, code, note string, at time.Time) string {
	t := wording.For(lang)
	return fmt.Sprintf("## %s %s\n\n- **%s:** %s\n\n%s\n", t.AmendTitle, code, t.RecordUpdated, at.Local().Format(t.DateTime), Escape(note))
}
