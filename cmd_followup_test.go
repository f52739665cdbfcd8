package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/storetest"
)

func TestFollowUpNeedsItsSession(t *testing.T) {
	dir := t.TempDir()
	when := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	var out, errs bytes.Buffer
	if code := run([]string{"follow-up", "ACD349", "--records", dir}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "no record with code ACD349") {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	errs.Reset()
	if code := run([]string{"follow-up", "--records", dir}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "one session code") {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	// A session that exists still needs a terminal: a pipe gets a clear
	// refusal, and nothing is written.
	s := model.NewSession(model.LangVI, model.RoleDoctor, when)
	s.Code = "ACD349"
	store := records.OpenFolder(dir)
	if err := store.Close(s.Record(model.StatusFinished, "abc", model.DefaultChecklist, when), []byte("# r\n")); err != nil {
		t.Fatal(err)
	}
	store.Release()
	errs.Reset()
	if code := run([]string{"follow-up", "acd349", "--records", dir}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "needs an interactive terminal") {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if v, err := store.Visits("ACD349"); err != nil || len(v) != 0 {
		t.Fatalf("visits %v, %v", v, err)
	}
}

// TestPatientsCopyHoldsTheVisits: a patient's copy of everything kept has
// the follow-up visits too, in the JSON and in the text.
func TestPatientsCopyHoldsTheVisits(t *testing.T) {
	dir := t.TempDir()
	when := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	s := model.NewSession(model.LangEN, model.RoleDoctor, when)
	s.Code, s.Groups = "ACD349", []string{"joint"}
	s.Baseline = &model.Assessment{At: when, Scores: map[string]float64{"pain-usual": 6}}
	store := records.OpenFolder(dir)
	if err := store.Close(s.Record(model.StatusFinished, "abc", model.DefaultChecklist, when), []byte("# r\n")); err != nil {
		t.Fatal(err)
	}
	v := storetest.Visit("ACD349", 30, 4)
	v.Lang = model.LangEN
	if _, err := store.AddVisit(v); err != nil {
		t.Fatal(err)
	}
	store.Release()
	code, out, errs := runCLI(t, "records", "export", "--code", "ACD349", "--records", dir, "--json")
	if code != 0 || !strings.Contains(out, `"visits"`) || !strings.Contains(out, "đau gối hai ngày") {
		t.Fatalf("exit %d, %s\n%s", code, errs, out)
	}
	code, out, errs = runCLI(t, "records", "export", "--code", "ACD349", "--records", dir)
	if code != 0 || !strings.Contains(out, "đau gối hai ngày") {
		t.Fatalf("the text copy holds the visit: exit %d, %s\n%s", code, errs, out)
	}
}

// TestFollowUpHelpEndsWithTheUsage: --help shows the usage and stops,
// with no complaint about the code it was not given; an empty code is
// refused as no code.
func TestFollowUpHelpEndsWithTheUsage(t *testing.T) {
	for _, cmd := range []string{"follow-up", "open"} {
		var out, errs bytes.Buffer
		if code := run([]string{cmd, "--help"}, &out, &errs); code != 0 || strings.Contains(out.String()+errs.String(), "is not a session code") || !strings.Contains(out.String()+errs.String(), "Usage: stemcounsel "+cmd) {
			t.Errorf("%s --help: exit %d:\n%s%s", cmd, code, out.String(), errs.String())
		}
		errs.Reset()
		if code := run([]string{cmd, ""}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "one session code") {
			t.Errorf("%s \"\": exit %d: %s", cmd, code, errs.String())
		}
	}
}
