package doc

import (
	"strings"
	"testing"

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
	for _, want := range []string{w.BaselineTitle, wording.FollowUpFor(model.LangVI).MeasureNames["pain-worst"] + ": **8**", `leo \*cầu\* thang: **3**`} {
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
