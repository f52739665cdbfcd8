package doc

import (
	"encoding/json"
	"strings"
	"testing"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// TestSummaryListsTheBaseline: the first measurement is in the summary
// (and so in the saved record), typed names shown literally; the
// follow-up part waits for the first visit.
func TestSummaryListsTheBaseline(t *testing.T) {
	b := fixtureContent(t)
	s := model.NewSession(model.LangVI, model.RoleDoctor, testClock)
	s.Code, s.Groups = "ACD349", []string{"joint"}
	base := measured(t, testClock, 6, 8, 3)
	base.Activities[0].Name = "leo *cầu* thang"
	s.Baseline = &base
	md := Summary(s, b)
	w := wording.CourseFor(model.LangVI)
	for _, want := range []string{w.BaselineTitle, measureOf(t, "pain-worst").In(model.LangVI).Name + ": **8**", `leo \*cầu\* thang: **3**`} {
		if !strings.Contains(md, want) {
			t.Errorf("the summary lacks %q:\n%s", want, md)
		}
	}
	rec := s.Record(model.StatusFinished, b.Hash, b.ChecklistIDs, testClock)
	if got := Visits(rec, nil, b, 80, ChartBox); got != "" {
		t.Errorf("a session with no visit has a follow-up part:\n%s", got)
	}
	visit := model.VisitRecord{Number: 1, Visit: model.Visit{Assessment: measured(t, testClock.Add(month), 5, 8, 4), Decision: model.DecisionStop}}
	got := Visits(rec, []model.VisitRecord{visit}, b, 80, ChartBox)
	for _, want := range []string{w.Title, "```" + ChartBlock, wording.FollowUpFor(model.LangVI).DecisionNames[model.DecisionStop], w.NoSideEffects} {
		if !strings.Contains(got, want) {
			t.Errorf("the follow-up part lacks %q:\n%s", want, got)
		}
	}
}

// oldVisit is a visit as the release before the measures were content
// stored it: every measure it knew, by the ids it wrote.
const oldVisit = `{"schema":1,"session":"ACD349","number":1,"language":"en","entered_by":"doctor","content_version":"4477b06e89e0",
"at":"2026-12-24T09:30:00Z","scores":{"pain-worst":7,"pain-usual":5,"mmrc":2,"mrs":1,"nyha":2,"six-minute-walk":340},
"activities":[{"name":"climbing stairs","score":5}],"impression":3,"side_effects":{"fever":false,"injection_site_infection":false,"new_pain":true,"other":false},"decision":"continue"}`

// TestRecordsFromBeforeMeasuresWereContentStillRead: a visit stored
// before the measures moved into content is read, each of its scores
// under its measure's name, none left out or shown as a bare id.
func TestRecordsFromBeforeMeasuresWereContentStillRead(t *testing.T) {
	var v model.VisitRecord
	if err := json.Unmarshal([]byte(oldVisit), &v); err != nil {
		t.Fatal(err)
	}
	if err := v.Check(); err != nil {
		t.Fatalf("an old visit is refused: %v", err)
	}
	b := load(t, content.Embedded())
	for id := range v.Scores {
		if _, ok := b.Measures.ByID(id); !ok {
			t.Errorf("the stored measure %s no longer resolves", id)
		}
	}
	s := model.NewSession(model.LangEN, model.RoleDoctor, testClock)
	s.Code, s.Groups = "ACD349", []string{"cardiovascular", "lung", "neurological"}
	s.Baseline = &model.Assessment{At: testClock, Scores: map[string]float64{"pain-worst": 8, "pain-usual": 6, "mmrc": 3, "mrs": 2, "nyha": 3, "six-minute-walk": 300},
		Activities: []model.Activity{{Name: "climbing stairs", Score: 3}}}
	rec := s.Record(model.StatusFinished, "4477b06e89e0", b.ChecklistIDs, testClock)
	md := Visits(rec, []model.VisitRecord{v}, b, 80, ChartWords)
	for _, m := range b.Measures {
		name := m.In(model.LangEN).Name
		if listed := m.Items || strings.Contains(md, name+": **"); !listed || !strings.Contains(md, "**"+Escape(name)+"**") {
			t.Errorf("%s is not listed and charted under its name %q:\n%s", m.ID, name, md)
		}
	}
	if strings.Contains(md, "- pain-worst:") || !strings.Contains(md, "340 m") {
		t.Errorf("a score is shown by its id, or the walk without its unit:\n%s", md)
	}
}
