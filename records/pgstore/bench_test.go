//go:build unix

package pgstore

import (
	"crypto/rand"
	"slices"
	"sync"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records/storetest"
)

// BenchmarkSaveProgress measures the store alone: two servers' stores on
// one database, 50 sessions each, every session saving ten times as fast
// as it can. It reports the 50th and 99th percentile time of a save.
func BenchmarkSaveProgress(b *testing.B) {
	const perServer, saves = 50, 10
	for range b.N {
		url := pg.DB(b)
		var mu sync.Mutex
		var took []time.Duration
		var wg sync.WaitGroup
		for range 2 {
			s := open(b, url, Options{})
			for range perServer {
				code, err := model.NewCode(rand.Reader)
				if err != nil {
					b.Fatal(err)
				}
				wg.Go(func() {
					for seq := 1; seq <= saves; seq++ {
						start := time.Now()
						if err := s.SaveProgress(storetest.Record(code, model.Yes, seq), uint64(seq)); err != nil {
							b.Error(err)
							return
						}
						mu.Lock()
						took = append(took, time.Since(start))
						mu.Unlock()
					}
				})
			}
		}
		wg.Wait()
		slices.Sort(took)
		ms := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / float64(time.Millisecond) }
		b.ReportMetric(ms(0.50), "save-p50-ms")
		b.ReportMetric(ms(0.99), "save-p99-ms")
	}
}
