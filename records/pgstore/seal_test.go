//go:build unix

package pgstore

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/storetest"
)

// typed is a doctor's session with a note, a question and a file number,
// each holding ZEBRA, which must never reach the database in plain.
func typed(code, status string) model.Record {
	s := model.NewSession(model.LangEN, model.RoleDoctor, storetest.T0)
	s.Code = code
	s.PatientRef = "KH-ZEBRA-77"
	s.SetAnswer("fibrosis", model.Yes)
	s.SetNote("fibrosis", "ZEBRA liver note")
	s.AddQuestion("ZEBRA cost question", model.StepOptions, s.Started)
	return s.Record(status, "v2", model.DefaultChecklist, storetest.T0.Add(time.Minute))
}

// rowsHold reports which columns of which rows of records hold text.
func rowsHold(t *testing.T, s *Store, text string) []string {
	t.Helper()
	rows, err := s.pool.Query(context.Background(), `SELECT code, body, coalesce(markdown, ''), status, mode, clinic, content_version FROM records`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var code string
		var body, markdown []byte
		var status, mode, clinic, version string
		if err := rows.Scan(&code, &body, &markdown, &status, &mode, &clinic, &version); err != nil {
			t.Fatal(err)
		}
		for name, v := range map[string]string{"body": string(body), "markdown": string(markdown), "listing": status + mode + clinic + version} {
			if strings.Contains(v, text) {
				found = append(found, code+"."+name)
			}
		}
	}
	return found
}

func TestSealedRowsHoldNoTypedText(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	url := pg.DB(t)
	// A kiosk or server has only the public key: it writes.
	kiosk := open(t, url, Options{Clinic: "hue", Sealer: records.NewSealer([]age.Recipient{id.Recipient()}, nil)})
	if err := kiosk.SaveProgress(typed("ACD349", model.StatusInProgress), 1); err != nil {
		t.Fatal(err)
	}
	if err := kiosk.Close(typed("KMN347", model.StatusFinished), []byte("# ZEBRA markdown copy\n")); err != nil {
		t.Fatal(err)
	}
	if added, err := kiosk.Insert(typed("PQR679", model.StatusFinished), []byte("# ZEBRA imported copy\n")); err != nil || !added {
		t.Fatalf("insert: %v, %v", added, err)
	}
	if found := rowsHold(t, kiosk, "ZEBRA"); len(found) > 0 {
		t.Fatalf("typed text in plain in the database: %v", found)
	}
	// The listing needs no key.
	list, _, err := kiosk.List()
	if err != nil || len(list) != 3 || list[0].ContentVersion != "v2" || list[0].Clinic != "hue" {
		t.Fatalf("list with the public key only: %+v, %v", list, err)
	}
	// Reading needs the identity, and says so.
	if _, err := kiosk.Load("KMN347"); !errors.Is(err, records.ErrNeedIdentity) || !strings.Contains(err.Error(), "--identity FILE") {
		t.Fatalf("load without the identity: %v", err)
	}
	doctor := open(t, url, Options{Sealer: records.NewSealer(nil, []age.Identity{id})})
	for _, code := range []string{"ACD349", "KMN347", "PQR679"} {
		rec, err := doctor.Load(code)
		if err != nil || rec.PatientRef != "KH-ZEBRA-77" || rec.Checklist[1].Note != "ZEBRA liver note" || len(rec.Questions) != 1 {
			t.Fatalf("load %s with the identity: %+v, %v", code, rec, err)
		}
	}
	var markdown []byte
	if err := doctor.pool.QueryRow(context.Background(), `SELECT markdown FROM records WHERE code = 'KMN347'`).Scan(&markdown); err != nil {
		t.Fatal(err)
	}
	if plain, err := doctor.sealer.Open(markdown); err != nil || string(plain) != "# ZEBRA markdown copy\n" {
		t.Fatalf("the Markdown copy opens with the identity: %q, %v", plain, err)
	}
	// Another key's identity does not open it.
	other, _ := age.GenerateX25519Identity()
	stranger := open(t, url, Options{Sealer: records.NewSealer(nil, []age.Identity{other})})
	if _, err := stranger.Load("KMN347"); !errors.Is(err, records.ErrWrongIdentity) {
		t.Fatalf("load with another identity: %v", err)
	}
}

func TestPlainRowsStayReadableOnceAKeyIsSet(t *testing.T) {
	url := pg.DB(t)
	if err := open(t, url, Options{}).Close(typed("ACD349", model.StatusFinished), nil); err != nil {
		t.Fatal(err)
	}
	id, _ := age.GenerateX25519Identity()
	keyed := open(t, url, Options{Sealer: records.NewSealer([]age.Recipient{id.Recipient()}, []age.Identity{id})})
	if rec, err := keyed.Load("ACD349"); err != nil || rec.PatientRef != "KH-ZEBRA-77" {
		t.Fatalf("a record kept before the key: %+v, %v", rec, err)
	}
}

func TestContentVersionIsListedAndFilledIn(t *testing.T) {
	url := pg.DB(t)
	// A database at version 2, with a record written then.
	s, err := New(url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Disconnect)
	all, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, m := range all[:2] {
		if _, err := s.pool.Exec(ctx, m.sql); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.pool.Exec(ctx, `CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now());
		INSERT INTO schema_migrations (version, name) VALUES (1, 'a'), (2, 'b');
		INSERT INTO records (code, status, mode, training, updated, body)
		VALUES ('ACD349', 'finished', 'patient', false, now(), '{"code": "ACD349", "content_version": "old-release"}')`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProgress(storetest.Record("KMN347", model.Yes, 1), 1); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	list, _, err := s.List()
	for _, e := range list {
		got[e.Code] = e.ContentVersion
	}
	if err != nil || got["ACD349"] != "old-release" || got["KMN347"] != "abc" {
		t.Fatalf("content versions %v, %v", got, err)
	}
}

func TestSealPlainEncryptsRowsKeptBeforeTheKey(t *testing.T) {
	url := pg.DB(t)
	before := open(t, url, Options{})
	if err := before.Close(typed("ACD349", model.StatusFinished), []byte("# ZEBRA copy\n")); err != nil {
		t.Fatal(err)
	}
	if err := before.SaveProgress(typed("KMN347", model.StatusInProgress), 1); err != nil {
		t.Fatal(err)
	}
	visit := storetest.Visit("ACD349", 30, 4)
	visit.SideEffects.Text = "ZEBRA knee"
	if _, err := before.AddVisit(visit); err != nil {
		t.Fatal(err)
	}
	id, _ := age.GenerateX25519Identity()
	keyed := open(t, url, Options{Sealer: records.NewSealer([]age.Recipient{id.Recipient()}, nil)})
	if err := keyed.SaveProgress(typed("PQR679", model.StatusInProgress), 1); err != nil {
		t.Fatal(err)
	}
	sealed, busy, err := keyed.SealPlain()
	if err != nil || !slices.Equal(sealed, []string{"ACD349", "ACD349 visit 1"}) || len(busy) != 1 || busy[0] != "KMN347" {
		t.Fatalf("seal with KMN347 open on another server: %v %v %v", sealed, busy, err)
	}
	before.ReleaseCode("KMN347")
	if sealed, busy, err = keyed.SealPlain(); err != nil || len(sealed) != 1 || len(busy) != 0 {
		t.Fatalf("seal once it is closed: %v %v %v", sealed, busy, err)
	}
	if found := rowsHold(t, keyed, "ZEBRA"); len(found) > 0 {
		t.Fatalf("still in plain: %v", found)
	}
	var plainVisits int
	if err := keyed.pool.QueryRow(context.Background(), `SELECT count(*) FROM visits WHERE position('ZEBRA'::bytea in body) > 0`).Scan(&plainVisits); err != nil || plainVisits != 0 {
		t.Fatalf("a visit still in plain: %d, %v", plainVisits, err)
	}
	doctor := open(t, url, Options{Sealer: records.NewSealer(nil, []age.Identity{id})})
	for _, code := range []string{"ACD349", "KMN347", "PQR679"} {
		if rec, err := doctor.Load(code); err != nil || rec.PatientRef != "KH-ZEBRA-77" {
			t.Fatalf("load %s: %v", code, err)
		}
	}
	if visits, err := doctor.Visits("ACD349"); err != nil || len(visits) != 1 || visits[0].SideEffects.Text != "ZEBRA knee" {
		t.Fatalf("visits after sealing: %+v, %v", visits, err)
	}
	if _, _, err := before.SealPlain(); err == nil {
		t.Fatal("sealing needs a key")
	}
}
