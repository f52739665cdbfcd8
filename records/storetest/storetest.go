// Package storetest holds the contract every records.Store keeps, as tests
// that run the same way on the records folder and on a database.
package storetest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
)

// Opener makes a fresh, empty store for one test, and a way to open a
// second store on the same records: another app, or another server.
type Opener func(t *testing.T) (first records.Store, another func() records.Store)

// T0 is the time the contract's records start at.
var T0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// Record is a patient's record in progress with one checklist answer,
// updated at T0 plus the given seconds.
func Record(code string, answer model.Answer, seconds int) model.Record {
	s := model.NewSession(model.LangVI, model.RolePatient, T0)
	s.Code = code
	s.SetAnswer("fibrosis", answer)
	return s.Record(model.StatusInProgress, "abc", model.DefaultChecklist, T0.Add(time.Duration(seconds)*time.Second))
}

// Ended is Record as it ends with status.
func Ended(code string, answer model.Answer, seconds int, status string) model.Record {
	rec := Record(code, answer, seconds)
	rec.Status = status
	if status == model.StatusFinished {
		rec.Finished = rec.Updated
	}
	return rec
}

// Answer is the fibrosis answer a record holds.
func Answer(t *testing.T, rec model.Record) string {
	t.Helper()
	for _, it := range rec.Checklist {
		if it.Item == "fibrosis" {
			return it.Answer
		}
	}
	t.Fatalf("record %s has no fibrosis answer: %+v", rec.Code, rec.Checklist)
	return ""
}

func load(t *testing.T, s records.Store, code string) model.Record {
	t.Helper()
	rec, err := s.Load(code)
	if err != nil {
		t.Fatalf("load %s: %v", code, err)
	}
	return rec
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Run checks the contract on the stores open makes.
func Run(t *testing.T, open Opener) {
	runVisits(t, open)
	t.Run("SaveLoadExists", func(t *testing.T) {
		s, _ := open(t)
		must(t, s.SaveProgress(Record("ACD349", model.Yes, 1), 1))
		if got := load(t, s, "ACD349"); Answer(t, got) != "yes" || got.Status != model.StatusInProgress {
			t.Fatalf("loaded %+v", got)
		}
		if ok, err := s.Exists("ACD349"); err != nil || !ok {
			t.Fatalf("Exists(saved) = %v, %v", ok, err)
		}
		if ok, err := s.Exists("KMN347"); err != nil || ok {
			t.Fatalf("Exists(never saved) = %v, %v", ok, err)
		}
		if _, err := s.Load("KMN347"); err == nil {
			t.Fatal("loading a code never saved must fail")
		}
		if _, err := s.Load("../etc"); err == nil {
			t.Fatal("loading a malformed code must fail")
		}
	})

	t.Run("StaleSeqNeverOverwrites", func(t *testing.T) {
		s, _ := open(t)
		must(t, s.SaveProgress(Record("ACD349", model.No, 2), 2))
		must(t, s.SaveProgress(Record("ACD349", model.Yes, 1), 1))
		if got := Answer(t, load(t, s, "ACD349")); got != "no" {
			t.Fatalf("an older save overwrote a newer one: %s", got)
		}
		must(t, s.SaveProgress(Record("ACD349", model.NotSure, 3), 0))
		if got := Answer(t, load(t, s, "ACD349")); got != "not-sure" {
			t.Fatalf("a save with seq 0 always writes: %s", got)
		}
	})

	t.Run("ParallelSavesKeepTheNewest", func(t *testing.T) {
		s, _ := open(t)
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		for seq := 1; seq <= 20; seq++ {
			wg.Go(func() { errs <- s.SaveProgress(Record("ACD349", model.Yes, seq), uint64(seq)) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			must(t, err)
		}
		if got := load(t, s, "ACD349").Updated; !got.Equal(T0.Add(20 * time.Second)) {
			t.Fatalf("the newest of 20 parallel saves must win; the record is from %v", got)
		}
	})

	t.Run("CloseEndsTheSession", func(t *testing.T) {
		s, another := open(t)
		must(t, s.SaveProgress(Record("ACD349", model.Yes, 1), 1))
		must(t, s.Close(Ended("ACD349", model.No, 2, model.StatusFinished), []byte("# ACD349\n")))
		got := load(t, s, "ACD349")
		if got.Status != model.StatusFinished || Answer(t, got) != "no" {
			t.Fatalf("after Close: %+v", got)
		}
		// A save that was on its way when the session closed never puts
		// it back in progress.
		_ = s.SaveProgress(Record("ACD349", model.Yes, 3), 2)
		if got := load(t, s, "ACD349"); got.Status != model.StatusFinished {
			t.Fatalf("a late save reopened a finished session: %s", got.Status)
		}
		// Closing released the session: another app may take it.
		b := another()
		must(t, b.Acquire("ACD349"))
		b.Release()
	})

	t.Run("ListNewestFirst", func(t *testing.T) {
		s, _ := open(t)
		if list, _, err := s.List(); err != nil || len(list) != 0 {
			t.Fatalf("an empty store lists %v, %v", list, err)
		}
		must(t, s.SaveProgress(Record("ACD349", model.Yes, 1), 1))
		must(t, s.Close(Ended("KMN347", model.No, 3, model.StatusAbandoned), nil))
		must(t, s.SaveProgress(Record("PQR679", model.Yes, 2), 1))
		list, bad, err := s.List()
		must(t, err)
		if len(bad) != 0 {
			t.Fatalf("corrupt: %v", bad)
		}
		var got []string
		for _, e := range list {
			got = append(got, fmt.Sprintf("%s %s %s %v", e.Code, e.Status, e.Role, e.Updated.UTC().Format(time.TimeOnly)))
		}
		want := []string{"KMN347 abandoned patient 09:00:03", "PQR679 in-progress patient 09:00:02", "ACD349 in-progress patient 09:00:01"}
		if !slices.Equal(got, want) {
			t.Fatalf("list:\n%q\nwant\n%q", got, want)
		}
		unfinished, _, err := records.Unfinished(s)
		must(t, err)
		if len(unfinished) != 2 || unfinished[0].Code != "PQR679" {
			t.Fatalf("unfinished: %+v", unfinished)
		}
	})

	t.Run("Purge", func(t *testing.T) {
		s, _ := open(t)
		must(t, s.Close(Ended("ACD349", model.No, 1, model.StatusAbandoned), nil))
		must(t, s.Close(Ended("KMN347", model.No, 2, model.StatusFinished), []byte("#\n")))
		must(t, s.SaveProgress(Record("PQR679", model.Yes, 3), 1))
		must(t, s.Close(Ended("TUV934", model.No, 3600, model.StatusAbandoned), nil))
		cutoff := T0.Add(time.Minute)
		gone, err := s.Purge(cutoff, model.StatusAbandoned, model.StatusInProgress)
		must(t, err)
		if !slices.Equal(gone, []string{"ACD349"}) {
			t.Fatalf("purged %v; want only the old abandoned record", gone)
		}
		for code, want := range map[string]bool{"ACD349": false, "KMN347": true, "PQR679": true, "TUV934": true} {
			if ok, err := s.Exists(code); err != nil || ok != want {
				t.Fatalf("after purge, Exists(%s) = %v, %v; want %v", code, ok, err, want)
			}
		}
		gone, err = s.Purge(cutoff, model.StatusFinished)
		must(t, err)
		if !slices.Equal(gone, []string{"KMN347"}) {
			t.Fatalf("purged %v", gone)
		}
	})

	t.Run("OneWriterAtATime", func(t *testing.T) {
		a, another := open(t)
		b := another()
		must(t, a.Acquire("ACD349"))
		must(t, a.Acquire("ACD349")) // taking it again is a no-op
		if err := b.Acquire("ACD349"); !errors.Is(err, records.ErrLocked) {
			t.Fatalf("a second app took a held session: %v", err)
		}
		if err := b.SaveProgress(Record("ACD349", model.No, 1), 1); !errors.Is(err, records.ErrLocked) {
			t.Fatalf("a second app wrote a held session: %v", err)
		}
		if err := b.Close(Ended("ACD349", model.No, 1, model.StatusAbandoned), nil); !errors.Is(err, records.ErrLocked) {
			t.Fatalf("a second app closed a held session: %v", err)
		}
		must(t, a.SaveProgress(Record("ACD349", model.Yes, 1), 1))
		a.ReleaseCode("ACD349")
		must(t, b.SaveProgress(Record("ACD349", model.No, 2), 1))
		if got := Answer(t, load(t, a, "ACD349")); got != "no" {
			t.Fatalf("the new holder's save must land: %s", got)
		}
		must(t, a.Acquire("KMN347"))
		must(t, a.Acquire("PQR679"))
		a.Release()
		must(t, b.Acquire("KMN347"))
		must(t, b.Acquire("PQR679"))
	})

	t.Run("TwoServersRaceForOneCode", func(t *testing.T) {
		a, another := open(t)
		b := another()
		codes := []string{"ACD349", "KMN347", "PQR679", "TUV934", "WXY463", "HJK796"}
		for _, code := range codes {
			var wg sync.WaitGroup
			var ea, eb error
			wg.Go(func() { ea = a.SaveProgress(Record(code, model.Yes, 1), 1) })
			wg.Go(func() { eb = b.SaveProgress(Record(code, model.No, 1), 1) })
			wg.Wait()
			if (ea == nil) == (eb == nil) {
				t.Fatalf("%s: exactly one server must win the race: %v / %v", code, ea, eb)
			}
			winner, want := a, "yes"
			if ea != nil {
				winner, want = b, "no"
				ea, eb = eb, ea
			}
			if !errors.Is(eb, records.ErrLocked) {
				t.Fatalf("%s: the loser must be told the session is held: %v", code, eb)
			}
			if got := Answer(t, load(t, winner, code)); got != want {
				t.Fatalf("%s: the loser's save landed (%s)", code, got)
			}
		}
	})
}
