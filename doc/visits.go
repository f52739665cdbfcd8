package doc

import (
	"fmt"
	"strings"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// ChartMode is how a document draws the follow-up's charts.
type ChartMode int

// The chart modes: box-drawing symbols, ASCII only, or words instead of
// charts (plain mode, screen readers).
const (
	ChartBox ChartMode = iota
	ChartASCII
	ChartWords
)

// FollowUpOf is a session's follow-up: the baseline its record holds and
// its stored visits, against the group's window, on the content's
// measures. false: the session has no baseline and no visit, so there is
// nothing to show.
func FollowUpOf(rec model.Record, visits []model.VisitRecord, window time.Duration, ms model.Measures) (FollowUp, bool) {
	f := FollowUp{Window: window, Practice: rec.Training, Measures: ms}
	if rec.Baseline != nil {
		f.Baseline = *rec.Baseline
	}
	for _, v := range visits {
		f.Visits = append(f.Visits, v.Visit)
		f.Practice = f.Practice || v.Practice
	}
	return f, rec.Baseline != nil || len(visits) > 0
}

// RecordFollowUp is FollowUpOf against the window of the record's groups.
func RecordFollowUp(rec model.Record, visits []model.VisitRecord, ms model.Measures) (FollowUp, bool) {
	window, _ := model.AssessmentWindow(rec.Groups)
	return FollowUpOf(rec, visits, window, ms)
}

// Visits is the follow-up part of a record's readable copy, in Markdown:
// the timeline against the groups' assessment window, then each visit as
// entered ("" before the first visit). width is the page's; the charts
// leave room for a code block's margin.
func Visits(rec model.Record, visits []model.VisitRecord, c *content.Bundle, width int, mode ChartMode) string {
	f, ok := RecordFollowUp(rec, visits, c.Measures)
	if !ok || len(visits) == 0 {
		return "" // a baseline alone is in the summary
	}
	w := wording.CourseFor(rec.Lang)
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", w.Title)
	var g *chartGlyphs
	switch mode {
	case ChartBox:
		g = &boxChart
	case ChartASCII:
		g = &asciiChart
	}
	b.WriteString(f.markdown(rec.Lang, width-codeMargin, g))
	t, fu := wording.For(rec.Lang), wording.FollowUpFor(rec.Lang)
	for _, v := range visits {
		fmt.Fprintf(&b, "\n### %s, %s\n\n", fmt.Sprintf(w.VisitTitle, v.Number), v.At.Local().Format(w.DayFormat))
		if v.Practice || rec.Training {
			fmt.Fprintf(&b, "*%s*\n\n", fu.PracticeVisit)
		}
		if v.Kiosk {
			fmt.Fprintf(&b, "*%s*\n\n", w.AtKiosk)
		}
		writeAssessment(&b, v.Assessment, rec.Lang, c.Measures)
		if v.Impression != model.ImpressionUnset {
			fmt.Fprintf(&b, "- **%s:** %s\n", w.ImpressionLabel, w.Impressions[v.Impression])
		}
		fmt.Fprintf(&b, "- **%s:** %s\n", fu.SideEffects, sideEffects(v.SideEffects, w, Escape))
		if v.Decision != "" {
			fmt.Fprintf(&b, "- **%s:** %s\n", fu.Decision, fu.DecisionNames[v.Decision])
		}
		if len(v.Regret) > 0 {
			fmt.Fprintf(&b, "- **%s:** %s\n", w.RegretLabel, strings.Trim(fmt.Sprint(v.Regret), "[]"))
		}
		if v.ContentVersion != c.Hash {
			fmt.Fprintf(&b, "- **%s:** %s (%s %s)\n", t.SummaryContent, Escape(v.ContentVersion), t.ContentNow, c.Hash)
		}
	}
	return b.String()
}

// Baseline is the follow-up's first measurement as the summary lists it;
// "" when none was taken.
func Baseline(lang model.Lang, a *model.Assessment, ms model.Measures) string {
	if a == nil {
		return ""
	}
	w := wording.CourseFor(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "\n### %s, %s\n\n", w.BaselineTitle, a.At.Local().Format(w.DayFormat))
	writeAssessment(&b, *a, lang, ms)
	return b.String()
}

// codeMargin is what Glamour puts around a code block's lines.
const codeMargin = 4

// writeAssessment lists the measures taken, then the PSFS activities in
// the patient's own words. A score of a measure the content no longer
// has is listed under its id, so nothing stored is left out.
func writeAssessment(b *strings.Builder, a model.Assessment, lang model.Lang, ms model.Measures) {
	for _, m := range ms {
		if v, ok := a.Scores[m.ID]; ok {
			fmt.Fprintf(b, "- %s: **%s**\n", m.In(lang).Name, Escape(value(lang, m, v)))
		}
	}
	for _, id := range ms.Unknown(a.Scores) {
		fmt.Fprintf(b, "- %s: **%s**\n", Escape(id), number(lang, a.Scores[id], 1))
	}
	for _, act := range a.Activities {
		fmt.Fprintf(b, "- %s: **%d**\n", Escape(printable(act.Name)), act.Score)
	}
}

// EarlierVisits is, for the doctor's visit screen, each earlier visit's
// side effects and decision on a line of plain text.
func EarlierVisits(visits []model.VisitRecord, lang model.Lang) []string {
	w, fu := wording.CourseFor(lang), wording.FollowUpFor(lang)
	var lines []string
	for _, v := range visits {
		decision := w.NoDecision
		if v.Decision != "" {
			decision = fu.DecisionNames[v.Decision]
		}
		lines = append(lines, fmt.Sprintf(w.SinceLine, fmt.Sprintf(w.VisitTitle, v.Number), v.At.Local().Format(w.DayFormat),
			sideEffects(v.SideEffects, w, func(s string) string { return s }), decision))
	}
	return lines
}

// sideEffects names those reported, then the patient's words, escaped
// for where they are shown.
func sideEffects(s model.SideEffects, w *wording.Course, escape func(string) string) string {
	var named []string
	for _, e := range []struct {
		on  bool
		key string
	}{{s.Fever, "fever"}, {s.InjectionSite, "injection_site_infection"}, {s.NewPain, "new_pain"}, {s.Other, "other"}} {
		if e.on {
			named = append(named, w.SideEffectNames[e.key])
		}
	}
	if text := strings.TrimSpace(printable(s.Text)); text != "" {
		named = append(named, "“"+escape(text)+"”")
	}
	if len(named) == 0 {
		return w.NoSideEffects
	}
	return strings.Join(named, "; ")
}
