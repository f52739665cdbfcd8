//go:build unix

package main

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/pgstore"
	"stemcounsel/records/pgstore/pgtest"
)

// rowsWithZebra counts the records rows whose body or Markdown copy holds
// typed text in plain.
func rowsWithZebra(t *testing.T, url string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM records
		WHERE position('ZEBRA'::bytea IN body) > 0 OR position('ZEBRA'::bytea IN coalesce(markdown, ''::bytea)) > 0`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A chain's database with the clinic's key: servers write with the public
// key only, the doctor reads with the identity, every access is in the
// chain's one audit log, and the patients' requests work as on a folder.
func TestDatabaseRecordsAreSealedAuditedAndTakeRequests(t *testing.T) {
	url := pgtest.Lazy().DB(t)
	t.Setenv(pgstore.EnvURL, "")
	identity, pub := clinicKeys(t)
	kiosk, err := pgstore.Open(url, pgstore.Options{Clinic: "hue", Sealer: sealerTo(t, pub)})
	if err != nil {
		t.Fatal(err)
	}
	writeTyped(t, kiosk, "ACD349", model.StatusFinished)
	writeTyped(t, kiosk, "ACD34F", model.StatusInProgress)
	kiosk.Disconnect()
	if n := rowsWithZebra(t, url); n != 0 {
		t.Fatalf("%d rows hold typed text in plain", n)
	}

	if code, out, errs := runCLI(t, "records", "--records", url); code != 0 || !strings.Contains(out, "ACD349  finished") || !strings.Contains(out, "hue") || errs != "" {
		t.Fatalf("listing needs no key: %d %q %q", code, out, errs)
	}
	if code, out, errs := runCLI(t, "open", "ACD349", "--records", url); code != 1 || strings.Contains(out, "ZEBRA") || !strings.Contains(errs, "--identity FILE") {
		t.Fatalf("open without the identity: %d %q %q", code, out, errs)
	}
	if code, out, errs := runCLI(t, "open", "ACD349", "--records", url, "--identity", identity); code != 0 || !strings.Contains(out, "ZEBRA cost question") {
		t.Fatalf("open with the identity: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCLI(t, "data-inventory", "--lang", "en", "--records", url, "--records-key", pub); code != 0 || strings.Contains(out, "NOT encrypted") || !strings.Contains(out, "the records database postgres:") {
		t.Fatalf("inventory of a keyed database: %d %q", code, out)
	}
	code, out, errs := runCLI(t, "records", "export", "--file-number", "kh-zebra-77", "--records", url, "--identity", identity)
	if code != 0 || strings.Count(out, "ZEBRA cost question") != 2 || !strings.Contains(out, "Consent to keep the record") {
		t.Fatalf("export by file number: %d %q %q", code, out, errs)
	}
	// With the identity a doctor resumes (stopping only for want of a
	// terminal); a server is never given it.
	if code, _, errs := runCLI(t, "--resume", "ACD34F", "--records", url, "--identity", identity); code != 1 || !strings.Contains(errs, "interactive terminal") {
		t.Fatalf("resume with the identity: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "serve", "--no-auth", "--records", url, "--records-key", pub, "--identity", identity); code != 2 || !strings.Contains(errs, "public key") {
		t.Fatalf("serve with the identity: %d %q", code, errs)
	}

	// Restriction: kept, listed, not opened; lifted.
	if code, out, errs := runCLI(t, "records", "restrict", "ACD34F", "--records", url); code != 0 || !strings.Contains(out, "restricted ACD34F") {
		t.Fatalf("restrict: %d %q %q", code, out, errs)
	}
	if _, out, _ := runCLI(t, "records", "--records", url); !strings.Contains(out, "restricted") {
		t.Fatalf("the list shows the restriction: %q", out)
	}
	if code, out, errs := runCLI(t, "open", "ACD34F", "--records", url, "--identity", identity); code != 1 || strings.Contains(out, "ZEBRA") || !strings.Contains(errs, "restricted at the patient's request") {
		t.Fatalf("open while restricted: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "records", "restrict", "ACD34F", "--lift", "--records", url); code != 0 {
		t.Fatalf("lift: %q", errs)
	}

	// Deletion leaves only the tombstone.
	if code, out, errs := runCLI(t, "records", "delete", "ACD349", "--reason", "patient asked on 01/12/2026", "--records", url); code != 0 || !strings.Contains(out, "deleted ACD349") {
		t.Fatalf("delete: %d %q %q", code, out, errs)
	}
	if _, out, _ := runCLI(t, "records", "--records", url); !strings.Contains(out, "ACD349  deleted") || strings.Contains(out, "ACD349  finished") {
		t.Fatalf("the list shows the tombstone: %q", out)
	}
	code, out, _ = runCLI(t, "records", "export", "--code", "ACD349", "--records", url, "--identity", identity)
	if code != 0 || !strings.Contains(out, "patient asked on") || strings.Contains(out, "ZEBRA") {
		t.Fatalf("export of a deleted code: %d %q", code, out)
	}

	// Every step is in the chain's one log, which verifies.
	if code, out, errs := runCLI(t, "audit", "verify", "--records", url); code != 0 || !strings.Contains(out, "ok, 8 entries") {
		t.Fatalf("verify: %d %q %q", code, out, errs)
	}
	code, out, _ = runCLI(t, "audit", "show", "--code", "ACD34F", "--records", url)
	for _, action := range []string{"exported", "resumed", "restricted", "restriction-lifted"} {
		if code != 0 || !strings.Contains(out, action+" ") {
			t.Fatalf("show has no %s: %d %q", action, code, out)
		}
	}
}

// An encrypted folder moves into the chain's database encrypted: reading
// it needs the identity, and nothing reaches a row in plain.
func TestImportAnEncryptedFolder(t *testing.T) {
	url := pgtest.Lazy().DB(t)
	t.Setenv(pgstore.EnvURL, "")
	identity, pub := clinicKeys(t)
	dir := t.TempDir()
	sealedSession(t, dir, pub, "ACD349", model.StatusFinished)
	code, out, errs := runCLI(t, "records", "import", "--from", dir, "--to", url)
	if code != 0 || !strings.Contains(out, "skipped ACD349") || !strings.Contains(out, "--identity FILE") || !strings.Contains(out, "0 records taken") {
		t.Fatalf("import without the identity: %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "records", "import", "--from", dir, "--to", url, "--identity", identity, "--records-key", pub)
	if code != 0 || !strings.Contains(out, "took ACD349") {
		t.Fatalf("import with the keys: %d %q %q", code, out, errs)
	}
	if n := rowsWithZebra(t, url); n != 0 {
		t.Fatalf("%d imported rows hold typed text in plain", n)
	}
	db, err := pgstore.Open(url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Disconnect()
	if _, err := db.Load("ACD349"); err == nil {
		t.Fatal("an imported record must need the identity")
	}
	if code, out, errs := runCLI(t, "open", "ACD349", "--records", url, "--identity", identity); code != 0 || !strings.Contains(out, "ZEBRA liver note") {
		t.Fatalf("open the imported record: %d %q %q", code, out, errs)
	}
	// The Markdown copy was opened and sealed again, not sealed twice.
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var markdown []byte
	if err := conn.QueryRow(ctx, `SELECT markdown FROM records WHERE code = 'ACD349'`).Scan(&markdown); err != nil {
		t.Fatal(err)
	}
	ids, err := records.ReadIdentities(identity, nil)
	if err != nil {
		t.Fatal(err)
	}
	if plain, err := records.NewSealer(nil, ids).Open(markdown); err != nil || string(plain) != "# ZEBRA markdown copy\n" {
		t.Fatalf("the imported Markdown copy: %q, %v", plain, err)
	}
}

func TestRecordsSealOnADatabase(t *testing.T) {
	url := pgtest.Lazy().DB(t)
	t.Setenv(pgstore.EnvURL, "")
	identity, pub := clinicKeys(t)
	before, err := pgstore.Open(url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeTyped(t, before, "ACD349", model.StatusFinished)
	before.Disconnect()
	if code, out, errs := runCLI(t, "records", "seal", "--records", url, "--records-key", pub); code != 0 || !strings.Contains(out, "1 encrypted in") {
		t.Fatalf("seal: %d %q %q", code, out, errs)
	}
	if n := rowsWithZebra(t, url); n != 0 {
		t.Fatalf("%d rows still in plain", n)
	}
	if code, out, _ := runCLI(t, "open", "ACD349", "--records", url, "--identity", identity); code != 0 || !strings.Contains(out, "ZEBRA cost question") {
		t.Fatalf("open after sealing: %d %q", code, out)
	}
}
