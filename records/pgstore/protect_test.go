//go:build unix

package pgstore

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"stemcounsel/audit"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/storetest"
)

func verifyChain(t *testing.T, c audit.Chain) audit.Report {
	t.Helper()
	rep, err := audit.Verify(c)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Servers of every site append to one chain at once; it stays whole.
func TestOneAuditChainForTheWholeChain(t *testing.T) {
	url := pg.DB(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 4 {
		s := open(t, url, Options{})
		wg.Go(func() {
			l := &audit.Log{Chain: s.AuditLog(), Who: "dr-an", Where: "site-" + string(rune('a'+i)), Now: time.Now}
			for range 10 {
				errs <- l.Append(audit.Opened, "ACD349", "")
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s := open(t, url, Options{})
	if rep := verifyChain(t, s.AuditLog()); rep.Entries != 40 || len(rep.Problems) != 0 || rep.LastHash == "" {
		t.Fatalf("report = %+v", rep)
	}
	if es, err := audit.Entries(s.AuditLog(), "ACD349"); err != nil || len(es) != 40 || es[39].Seq != 40 {
		t.Fatalf("entries: %d, %v", len(es), err)
	}
}

func TestAuditRowsAreAppendOnlyAndTamperingShows(t *testing.T) {
	url := pg.DB(t)
	s := open(t, url, Options{})
	l := &audit.Log{Chain: s.AuditLog(), Who: "dr-an", Where: "hue", Now: time.Now}
	for _, code := range []string{"ACD349", "KMN347", "PQR679"} {
		if err := l.Append(audit.Exported, code, ""); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	for _, sql := range []string{
		`UPDATE audit_log SET entry = replace(entry, 'KMN347', 'ACD349') WHERE seq = 2`,
		`DELETE FROM audit_log WHERE seq = 3`,
		`TRUNCATE audit_log`,
		`UPDATE audit_head SET seq = 1`,
		`DELETE FROM audit_head`,
	} {
		if _, err := s.pool.Exec(ctx, sql); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	// Someone who can switch the triggers off changes a row, then cuts
	// the last: verify finds both.
	tamper := func(sql string) {
		t.Helper()
		if _, err := s.pool.Exec(ctx, `SET session_replication_role = replica; `+sql+`; SET session_replication_role = origin`); err != nil {
			t.Fatal(err)
		}
	}
	tamper(`UPDATE audit_log SET entry = replace(entry, 'KMN347', 'ACD349') WHERE seq = 2`)
	rep := verifyChain(t, s.AuditLog())
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "entry 2): changed") {
		t.Fatalf("a changed row: %v", rep.Problems)
	}
	tamper(`DELETE FROM audit_log WHERE seq = 3`)
	rep = verifyChain(t, s.AuditLog())
	if !strings.Contains(strings.Join(rep.Problems, "\n"), "entries were removed from the end") {
		t.Fatalf("a row cut from the end: %v", rep.Problems)
	}
}

func TestDeleteLeavesOnlyTheTombstone(t *testing.T) {
	url := pg.DB(t)
	a, b := open(t, url, Options{}), open(t, url, Options{})
	if err := a.Close(typed("ACD349", model.StatusFinished), []byte("# ZEBRA\n")); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveProgress(typed("KMN347", model.StatusInProgress), 1); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	if _, err := b.Delete("ACD349", " ", "dr-an", now); err == nil {
		t.Fatal("a deletion needs a reason")
	}
	if _, err := b.Delete("KMN347", "patient's request", "dr-an", now); !errors.Is(err, records.ErrLocked) {
		t.Fatalf("a session open on another server is not deleted under it: %v", err)
	}
	ts, err := b.Delete("ACD349", "patient's request of 01/12/2026", "dr-an", now)
	if err != nil || ts.Code != "ACD349" || !ts.Deleted.Equal(now) {
		t.Fatalf("delete: %+v, %v", ts, err)
	}
	if found := rowsHold(t, a, "ACD349"); len(found) > 0 {
		t.Fatalf("the record is still there: %v", found)
	}
	if again, err := a.Delete("ACD349", "again", "someone", now.Add(time.Hour)); err != nil || again.Reason != ts.Reason || !again.Deleted.Equal(ts.Deleted) {
		t.Fatalf("deleting again keeps the first tombstone: %+v, %v", again, err)
	}
	if got, err := a.Tombstone("ACD349"); err != nil || got == nil || got.Reason != "patient's request of 01/12/2026" || got.By != "dr-an" {
		t.Fatalf("tombstone: %+v, %v", got, err)
	}
	if all, err := a.Tombstones(); err != nil || len(all) != 1 {
		t.Fatalf("tombstones: %+v, %v", all, err)
	}
	// The code is never written or given out again, nor taken back in.
	if used, err := a.Exists("ACD349"); err != nil || !used {
		t.Fatalf("a deleted code counts as used: %v, %v", used, err)
	}
	other := open(t, url, Options{}) // a server that never saw the deletion
	if err := other.SaveProgress(typed("ACD349", model.StatusInProgress), 1); !errors.Is(err, records.ErrDeleted) {
		t.Fatalf("a save under a deleted code: %v", err)
	}
	if added, err := b.Insert(typed("ACD349", model.StatusFinished), nil); err != nil || added {
		t.Fatalf("an import under a deleted code: %v, %v", added, err)
	}
	if _, err := a.Load("ACD349"); err == nil {
		t.Fatal("a deleted record must not load")
	}
}

func TestRestrictionStopsWritesAndPurge(t *testing.T) {
	url := pg.DB(t)
	a, b := open(t, url, Options{}), open(t, url, Options{})
	if err := a.SaveProgress(storetest.Record("ACD349", model.Yes, 1), 1); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(storetest.Ended("KMN347", model.No, 1, model.StatusAbandoned), nil); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	if _, err := b.Restrict("PQR679", "dr-an", now); err == nil || !strings.Contains(err.Error(), "no record") {
		t.Fatalf("restricting a code with no record: %v", err)
	}
	for _, code := range []string{"ACD349", "KMN347"} {
		if r, err := b.Restrict(code, "dr-an", now); err != nil || r.Since != now {
			t.Fatalf("restrict %s: %+v, %v", code, r, err)
		}
	}
	if r, err := b.Restrict("ACD349", "someone", now.Add(time.Hour)); err != nil || r.By != "dr-an" {
		t.Fatalf("restricting again keeps the first: %+v, %v", r, err)
	}
	// The server that had the session open can no longer write it.
	if err := a.SaveProgress(storetest.Record("ACD349", model.No, 2), 2); !errors.Is(err, records.ErrRestricted) {
		t.Fatalf("a save under a restriction: %v", err)
	}
	if err := b.Acquire("ACD349"); !errors.Is(err, records.ErrRestricted) {
		t.Fatalf("a resume under a restriction: %v", err)
	}
	if gone, err := b.Purge(storetest.T0.Add(time.Hour), model.StatusAbandoned); err != nil || len(gone) != 0 {
		t.Fatalf("a restricted record is not purged: %v, %v", gone, err)
	}
	if got := storetest.Answer(t, must(b.Load("ACD349"))); got != "yes" {
		t.Fatalf("the record is kept as it was: %s", got)
	}
	if err := b.Lift("ACD349"); err != nil {
		t.Fatal(err)
	}
	if err := b.Lift("ACD349"); err == nil || !strings.Contains(err.Error(), "not restricted") {
		t.Fatalf("lifting twice: %v", err)
	}
	if r, err := b.Restriction("ACD349"); err != nil || r != nil {
		t.Fatalf("after lifting: %+v, %v", r, err)
	}
	a.ReleaseCode("ACD349") // the session a had open is closed there
	if err := b.Acquire("ACD349"); err != nil {
		t.Fatal(err)
	}
	if err := b.SaveProgress(storetest.Record("ACD349", model.No, 3), 1); err != nil {
		t.Fatalf("writes again once lifted: %v", err)
	}
	if _, err := b.Restrict("ACD349", "dr-an", now); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Delete("ACD349", "patient's request", "dr-an", now); err != nil {
		t.Fatalf("a restricted record can still be deleted: %v", err)
	}
	if r, _ := b.Restriction("ACD349"); r != nil {
		t.Fatal("deletion removes the restriction with the record")
	}
}
