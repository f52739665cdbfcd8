package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
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
