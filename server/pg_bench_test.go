//go:build unix

package server

import (
	"slices"
	"sync"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/pgstore"
	"stemcounsel/records/pgstore/pgtest"
)

// timedStore measures how long each save in progress takes.
type timedStore struct {
	records.Store
	mu    sync.Mutex
	saves []time.Duration
}

func (s *timedStore) SaveProgress(rec model.Record, seq uint64) error {
	start := time.Now()
	err := s.Store.SaveProgress(rec, seq)
	s.mu.Lock()
	s.saves = append(s.saves, time.Since(start))
	s.mu.Unlock()
	return err
}

// BenchmarkChainTwoServers runs two servers, as at two sites, on one
// PostgreSQL database, with 50 sessions each. Every session goes to the
// checklist and answers its five items, one about every 300 ms, so every
// key is also a save. It reports the 50th and 99th percentile time from a
// key to the next frame (budget: p99 under 50 ms, as for one server) and
// of a save. Bounded: 100 sessions, five answers each, and every wait gives
// up after 10 s.
func BenchmarkChainTwoServers(b *testing.B) {
	db := pgtest.StartShared()
	defer db.Stop()
	b.Run("postgres", func(b *testing.B) {
		benchTwoServers(b, func(clinic string) records.Store {
			pg, err := pgstore.Open(db.DB(b), pgstore.Options{Clinic: clinic})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(pg.Disconnect)
			return pg
		})
	})
	// The same load on one records folder, the baseline on this machine.
	b.Run("folder", func(b *testing.B) {
		dir := b.TempDir()
		benchTwoServers(b, func(string) records.Store { return records.OpenFolder(dir) })
	})
}

func benchTwoServers(b *testing.B, open func(clinic string) records.Store) {
	const perServer = 50
	for range b.N {
		var stores []*timedStore
		var terms []*terminal
		for _, clinic := range []string{"hanoi", "hue"} {
			store := &timedStore{Store: open(clinic)}
			stores = append(stores, store)
			f := startServer(b, func(cfg *Config) {
				cfg.Session.Store = store
				cfg.MaxConnsPerAddr = perServer // all from loopback
			})
			for range perServer {
				terms = append(terms, openTerminal(b, f, 80, 24))
			}
		}
		for _, term := range terms {
			term.waitFor("Start ›")
			term.toChecklist()
		}
		latencies := typeKeys(b, terms, []string{"1", "2", "3", "1", "2"}, false)
		// Saves run beside the screen: wait for those still on their way.
		var saves []time.Duration
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			saves = saves[:0]
			for _, s := range stores {
				s.mu.Lock()
				saves = append(saves, s.saves...)
				s.mu.Unlock()
			}
			if len(saves) >= len(terms)*5 || time.Now().After(deadline) {
				break
			}
		}
		slices.Sort(saves)
		if len(saves) < len(terms)*5 {
			b.Fatalf("%d saves for %d answers", len(saves), len(terms)*5)
		}
		b.ReportMetric(percentileMS(latencies, 0.50), "p50-ms")
		b.ReportMetric(percentileMS(latencies, 0.99), "p99-ms")
		b.ReportMetric(percentileMS(saves, 0.50), "save-p50-ms")
		b.ReportMetric(percentileMS(saves, 0.99), "save-p99-ms")
	}
}
