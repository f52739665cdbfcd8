//go:build unix

package pgstore

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/pgstore/pgtest"
	"stemcounsel/records/storetest"
)

var pg *pgtest.Shared

func TestMain(m *testing.M) {
	if os.Getenv(holderEnv) != "" {
		os.Exit(holdLease())
	}
	pg = pgtest.StartShared()
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

func open(t testing.TB, url string, opt Options) *Store {
	t.Helper()
	s, err := Open(url, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Disconnect)
	return s
}

func TestKeepsTheStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (records.Store, func() records.Store) {
		url := pg.DB(t)
		return open(t, url, Options{}), func() records.Store { return open(t, url, Options{}) }
	})
}

func TestMigrationsApplyOnceAndRefuseANewerDatabase(t *testing.T) {
	url := pg.DB(t)
	// Two servers starting at once: one migrates, the other waits and
	// finds the tables there.
	var wg sync.WaitGroup
	stores := make([]*Store, 2)
	errs := make([]error, 2)
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(url, Options{}) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("store %d: %v", i, err)
		}
		t.Cleanup(stores[i].Disconnect)
	}
	s := stores[0]
	applied, err := s.Migrate(context.Background())
	if err != nil || len(applied) != 0 {
		t.Fatalf("a second migration applies nothing: %v, %v", applied, err)
	}
	var versions []int
	rows, err := s.pool.Query(context.Background(), "SELECT version FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		versions = append(versions, v)
	}
	if want := []int{1, 2, 3, 4, 5, 6}; !slices.Equal(versions, want) || Version() != len(want) {
		t.Fatalf("versions %v (program knows %d), want %v", versions, Version(), want)
	}
	if _, err := s.pool.Exec(context.Background(), "INSERT INTO schema_migrations (version, name) VALUES (99, 'from_the_future')"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(url, Options{}); err == nil || !strings.Contains(err.Error(), "newer than this program") {
		t.Fatalf("a database from a newer program must be refused: %v", err)
	}
}

func TestClinicIsStampedAndFilters(t *testing.T) {
	url := pg.DB(t)
	hanoi := open(t, url, Options{Clinic: "hanoi"})
	hue := open(t, url, Options{Clinic: "hue"})
	chain := open(t, url, Options{})
	if err := hanoi.SaveProgress(storetest.Record("ACD349", model.Yes, 1), 1); err != nil {
		t.Fatal(err)
	}
	if err := hue.Close(storetest.Ended("KMN347", model.No, 2, model.StatusAbandoned), nil); err != nil {
		t.Fatal(err)
	}
	codes := func(s *Store) []string {
		list, _, err := s.List()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range list {
			out = append(out, e.Code+"@"+e.Clinic)
		}
		return out
	}
	if got := codes(hanoi); !slices.Equal(got, []string{"ACD349@hanoi"}) {
		t.Fatalf("hanoi lists %v", got)
	}
	if got := codes(chain); !slices.Equal(got, []string{"KMN347@hue", "ACD349@hanoi"}) {
		t.Fatalf("the whole chain lists %v", got)
	}
	// A code from any clinic opens anywhere, and keeps the clinic it began at.
	hanoi.ReleaseCode("ACD349")
	if _, err := hue.Load("ACD349"); err != nil {
		t.Fatal(err)
	}
	if err := hue.SaveProgress(storetest.Record("ACD349", model.No, 3), 1); err != nil {
		t.Fatal(err)
	}
	if c, err := chain.ClinicOf("ACD349"); err != nil || c != "hanoi" {
		t.Fatalf("clinic of ACD349 = %q, %v", c, err)
	}
	if gone, err := hanoi.Purge(storetest.T0.Add(time.Hour), model.StatusAbandoned); err != nil || len(gone) != 0 {
		t.Fatalf("a clinic purges only its own records: %v, %v", gone, err)
	}
	if gone, err := hue.Purge(storetest.T0.Add(time.Hour), model.StatusAbandoned); err != nil || !slices.Equal(gone, []string{"KMN347"}) {
		t.Fatalf("hue purged %v, %v", gone, err)
	}
	if _, err := chain.pool.Exec(context.Background(), `INSERT INTO leases (code, owner, expires) VALUES ('TUV934', 'crashed', $1)`, storetest.T0); err != nil {
		t.Fatal(err)
	}
	if _, err := chain.Purge(storetest.T0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	rows, _ := chain.pool.Query(context.Background(), `SELECT code FROM leases ORDER BY code`)
	if leases, err := pgx.CollectRows(rows, pgx.RowTo[string]); err != nil || !slices.Equal(leases, []string{"ACD349"}) {
		t.Fatalf("purging drops leases that ran out long ago, and only those: %v, %v", leases, err)
	}
	if _, err := Open(url, Options{Clinic: "no spaces"}); err == nil {
		t.Fatal("a clinic id with spaces must be refused")
	}
}

func TestInsertNeverReplaces(t *testing.T) {
	s := open(t, pg.DB(t), Options{Clinic: "hue"})
	rec := storetest.Ended("ACD349", model.Yes, 1, model.StatusFinished)
	if added, err := s.Insert(rec, []byte("# ACD349\n")); err != nil || !added {
		t.Fatalf("insert: %v, %v", added, err)
	}
	if added, err := s.Insert(storetest.Ended("ACD349", model.No, 2, model.StatusFinished), nil); err != nil || added {
		t.Fatalf("a second insert of the code must change nothing: %v, %v", added, err)
	}
	if got := storetest.Answer(t, must(s.Load("ACD349"))); got != "yes" {
		t.Fatalf("the first record must stay: %s", got)
	}
}

func TestAnEndedRecordIsNeverReopenedByAnotherServer(t *testing.T) {
	url := pg.DB(t)
	a, b := open(t, url, Options{}), open(t, url, Options{})
	if err := a.Close(storetest.Ended("ACD349", model.Yes, 1, model.StatusFinished), nil); err != nil {
		t.Fatal(err)
	}
	// Another server that drew the same code must not write over it.
	if err := b.SaveProgress(storetest.Record("ACD349", model.No, 2), 1); err == nil || !strings.Contains(err.Error(), "already ended") {
		t.Fatalf("saving over an ended record: %v", err)
	}
	if got := must(a.Load("ACD349")); got.Status != model.StatusFinished || storetest.Answer(t, got) != "yes" {
		t.Fatalf("the finished record changed: %+v", got)
	}
}

// TestALapsedHoldersLateSaveIsRefused: a server whose lease ran out (it
// hung, or lost the network) and came back must not write over the server
// that took the session meanwhile, whatever its seq says.
func TestALapsedHoldersLateSaveIsRefused(t *testing.T) {
	url := pg.DB(t)
	a := open(t, url, Options{LeaseTTL: time.Second})
	b := open(t, url, Options{LeaseTTL: time.Second})
	if err := a.SaveProgress(storetest.Record("ACD349", model.Yes, 1), 50); err != nil {
		t.Fatal(err)
	}
	a.stopRenewing() // a hangs: no more renewals
	waitForLease(t, b, "ACD349", 3*time.Second)
	if err := b.SaveProgress(storetest.Record("ACD349", model.No, 2), 1); err != nil {
		t.Fatalf("the new holder counts its own saves from 1: %v", err)
	}
	if err := a.SaveProgress(storetest.Record("ACD349", model.NotSure, 3), 51); !errors.Is(err, records.ErrLocked) {
		t.Fatalf("the lapsed holder's save: %v", err)
	}
	if got := storetest.Answer(t, must(b.Load("ACD349"))); got != "no" {
		t.Fatalf("the record is %s; want the new holder's answer", got)
	}
}

// waitForLease takes code for s as soon as its holder's lease runs out,
// and reports how long that took.
func waitForLease(t *testing.T, s *Store, code string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		err := s.Acquire(code)
		if err == nil {
			return time.Since(start)
		}
		if !errors.Is(err, records.ErrLocked) {
			t.Fatal(err)
		}
		if time.Since(start) > limit {
			t.Fatalf("the lease on %s was still held after %v", code, limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const holderEnv = "PGSTORE_TEST_HOLD"

// holdLease is the killed server of TestAKilledServerLosesItsLease: it
// takes a session, says so, and waits to be killed.
func holdLease() int {
	s, err := Open(os.Getenv(holderEnv), Options{LeaseTTL: 2 * time.Second})
	if err == nil {
		err = s.SaveProgress(storetest.Record("ACD349", model.Yes, 1), 1)
	}
	if err != nil {
		os.Stdout.WriteString("error: " + err.Error() + "\n")
		return 1
	}
	os.Stdout.WriteString("held\n")
	time.Sleep(time.Minute)
	return 0
}

func TestAKilledServerLosesItsLease(t *testing.T) {
	url := pg.DB(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holderEnv+"="+url)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "held\n" {
		t.Fatalf("the holder: %q", line)
	}
	b := open(t, url, Options{})
	time.Sleep(2500 * time.Millisecond) // past the TTL: the holder's renewals keep it
	if err := b.Acquire("ACD349"); !errors.Is(err, records.ErrLocked) {
		t.Fatalf("a live holder renews its lease; got %v", err)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: nothing is released
		t.Fatal(err)
	}
	_ = cmd.Wait()
	took := waitForLease(t, b, "ACD349", 5*time.Second)
	t.Logf("the killed holder's session was free again after %v (lease 2s)", took.Round(10*time.Millisecond))
	if got := storetest.Answer(t, must(b.Load("ACD349"))); got != "yes" {
		t.Fatalf("the killed holder's saved answer: %s", got)
	}
}

func TestStringHidesThePassword(t *testing.T) {
	s, err := Open("postgres://clinic:s3cret@127.0.0.1:1/chain?connect_timeout=1", Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Disconnect()
	if strings.Contains(s.String(), "s3cret") || s.String() != "postgres://clinic@127.0.0.1:1/chain" {
		t.Fatalf("String() = %q", s.String())
	}
	err = s.SaveProgress(storetest.Record("ACD349", model.Yes, 1), 1)
	if !errors.Is(err, ErrUnreachable) || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("saving with no database: %v", err)
	}
	if _, err := Open("postgres://%zz", Options{}); err == nil {
		t.Fatal("a malformed address must be refused")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
