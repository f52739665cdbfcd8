//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/pgstore"
	"stemcounsel/records/pgstore/pgtest"
	"stemcounsel/records/storetest"
)

func TestDatabaseRecordsCommands(t *testing.T) {
	url := pgtest.Lazy().DB(t)
	t.Setenv(pgstore.EnvURL, "")
	code, out, errs := runCLI(t, "records", "migrate", "--records", url)
	if code != 0 || !strings.Contains(out, "applied 0001_records") || !strings.Contains(out, "tables at version 6") {
		t.Fatalf("migrate: %d %q %s", code, out, errs)
	}
	if code, out, _ := runCLI(t, "records", "migrate", "--records", url); code != 0 || strings.Contains(out, "applied") {
		t.Fatalf("a second migrate applies nothing: %d %q", code, out)
	}

	// A folder: one finished record, one in progress, one in progress
	// still open in a running app, and one that cannot be read.
	dir := t.TempDir()
	folder := records.OpenFolder(dir)
	if err := folder.Close(storetest.Ended("ACD349", model.No, 1, model.StatusFinished), []byte("# ACD349\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := folder.AddVisit(storetest.Visit("ACD349", 30, 4)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"KMN347", "PQR679"} {
		if err := folder.SaveProgress(storetest.Record(c, model.Yes, 2), 1); err != nil {
			t.Fatal(err)
		}
	}
	folder.ReleaseCode("KMN347") // PQR679 stays open "in a running app"
	if err := os.WriteFile(filepath.Join(dir, "TUV934.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCLI(t, "records", "import", "--from", dir, "--to", url, "--clinic", "hue")
	for _, want := range []string{"took ACD349", "took KMN347", "skipped PQR679: the session is open in a running app", "TUV934.json", "2 records taken, 2 skipped"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q", want)
		}
	}
	if code != 0 || t.Failed() {
		t.Fatalf("import: %d\n%s%s", code, out, errs)
	}
	if db, err := pgstore.Open(url, pgstore.Options{}); err != nil {
		t.Fatal(err)
	} else if visits, err := db.Visits("ACD349"); err != nil || len(visits) != 1 || visits[0].Scores["pain-usual"] != 4 {
		t.Fatalf("the import takes the visits with their session: %+v, %v", visits, err)
	} else {
		db.Disconnect()
	}
	folder.Release()
	code, out, _ = runCLI(t, "records", "import", "--from", dir, "--to", url)
	if code != 0 || !strings.Contains(out, "skipped ACD349: the database already has a record with this code") || !strings.Contains(out, "took PQR679") {
		t.Fatalf("a second import takes only what is new:\n%s", out)
	}

	code, out, _ = runCLI(t, "records", "--records", url)
	if code != 0 || !strings.Contains(out, "ACD349  finished") || !strings.Contains(out, "hue") || strings.Contains(out, "fibrosis") {
		t.Fatalf("records on the database: %d\n%s", code, out)
	}
	t.Setenv(pgstore.EnvURL, url)
	if code, out, _ := runCLI(t, "records", "--clinic", "hanoi"); code != 0 || !strings.Contains(out, "no records") {
		t.Fatalf("another clinic's listing (address from %s): %d\n%s", pgstore.EnvURL, code, out)
	}
	if code, out, errs := runCLI(t, "open", "ACD349", "--clinic", "hue"); code != 0 || !strings.Contains(out, "ACD349") {
		t.Fatalf("open in its clinic: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "open", "ACD349", "--clinic", "hanoi"); code != 1 || !strings.Contains(errs, `began at "hue"`) {
		t.Fatalf("open filtered by another clinic: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "records", "--records", "postgres://staff:secret@db.example/chain"); code != 2 || !strings.Contains(errs, "process list") || strings.Contains(errs, "secret") {
		t.Fatalf("a password on the command line: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "records", "--clinic", "hue", "--records", dir); code != 2 || !strings.Contains(errs, "needs a database") {
		t.Fatalf("--clinic on a folder: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "records", "import", "--from", dir, "--to", dir); code != 2 || !strings.Contains(errs, "--to takes a database address") {
		t.Fatalf("import into a folder: %d %s", code, errs)
	}
}
