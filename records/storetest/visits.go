package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
)

// Visit is a doctor's follow-up visit of session code, days after T0, with
// usual pain.
func Visit(code string, days int, pain float64) model.VisitRecord {
	v := model.VisitRecord{
		Schema: model.VisitSchema, Session: code, Lang: model.LangVI, EnteredBy: model.VisitByDoctor, ContentVersion: "abc",
		Visit: model.Visit{Impression: model.MuchImproved, Decision: model.DecisionContinue},
	}
	v.At = T0.Add(time.Duration(days) * 24 * time.Hour)
	v.Scores = map[string]float64{"pain-usual": pain}
	v.Activities = []model.Activity{{Name: "leo cầu thang", Score: 6}}
	v.SideEffects = model.SideEffects{NewPain: true, Text: "đau gối hai ngày"}
	return v
}

func runVisits(t *testing.T, open Opener) {
	t.Run("VisitNeedsItsSession", func(t *testing.T) {
		s, _ := open(t)
		if _, err := s.AddVisit(Visit("ACD349", 30, 4)); !errors.Is(err, records.ErrNoSession) {
			t.Fatalf("a visit of no session: %v, want ErrNoSession", err)
		}
		if got, err := s.Visits("ACD349"); err != nil || len(got) != 0 {
			t.Fatalf("Visits = %v, %v; want none", got, err)
		}
	})
	t.Run("VisitsAreNumberedRecordsOfTheirOwn", func(t *testing.T) {
		s, another := open(t)
		must(t, s.Close(Ended("ACD349", model.Yes, 1, model.StatusFinished), []byte("# record\n")))
		first, err := s.AddVisit(Visit("ACD349", 30, 4))
		must(t, err)
		if first.Number != 1 {
			t.Fatalf("first visit numbered %d", first.Number)
		}
		// Two apps adding a visit at once each get a number of their own.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, st := range []records.Store{s, another()} {
			wg.Go(func() { _, errs[i] = st.AddVisit(Visit("ACD349", 90+i, 3)) })
		}
		wg.Wait()
		must(t, errors.Join(errs...))
		got, err := another().Visits("ACD349")
		must(t, err)
		if len(got) != 3 || got[0].Number != 1 || got[1].Number != 2 || got[2].Number != 3 {
			t.Fatalf("visits %+v, want numbers 1, 2, 3", got)
		}
		if v := got[0]; v.Scores["pain-usual"] != 4 || v.Activities[0].Name != "leo cầu thang" || !v.SideEffects.NewPain ||
			v.SideEffects.Text != "đau gối hai ngày" || v.Impression != model.MuchImproved || v.Decision != model.DecisionContinue || !v.At.Equal(T0.Add(30*24*time.Hour)) {
			t.Fatalf("first visit read back as %+v", v)
		}
		entries, _, err := s.List()
		must(t, err)
		if len(entries) != 1 || entries[0].Code != "ACD349" {
			t.Fatalf("a visit is no session of its own in the listing: %+v", entries)
		}
		if Answer(t, load(t, s, "ACD349")) != "yes" {
			t.Fatal("the session's record changed")
		}
	})
	// A store does not know the clinic's measures (their scales are checked
	// where a score is entered), but it refuses what no measure could hold.
	t.Run("VisitWithNoScoreOfAMeasureIsRefused", func(t *testing.T) {
		s, _ := open(t)
		must(t, s.Close(Ended("ACD349", model.Yes, 1, model.StatusFinished), []byte("# record\n")))
		v := Visit("ACD349", 30, 4)
		v.Scores["Pain\x1b[2J"] = 4
		if _, err := s.AddVisit(v); err == nil {
			t.Fatal("a score under a name no measure has was kept")
		}
		if got, _ := s.Visits("ACD349"); len(got) != 0 {
			t.Fatalf("kept %+v", got)
		}
	})
	t.Run("VisitsGoWithTheirPurgedSession", func(t *testing.T) {
		s, _ := open(t)
		must(t, s.Close(Ended("ACD349", model.Yes, 1, model.StatusAbandoned), []byte("# record\n")))
		_, err := s.AddVisit(Visit("ACD349", 30, 4))
		must(t, err)
		if _, err := s.Purge(time.Now().Add(time.Hour), model.StatusAbandoned); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Visits("ACD349"); err != nil || len(got) != 0 {
			t.Fatalf("after the purge: %v, %v; want no visit left", got, err)
		}
	})
}
