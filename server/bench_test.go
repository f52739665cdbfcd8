package server

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// BenchmarkFiftySessions opens 50 sessions on loopback and steps each
// through ten pages, all running at once. Each session presses a key about
// every 300 ms, starting at a staggered moment, as people do who read a page
// before going on. It reports the memory each session holds and the 50th
// and 99th percentile time from a key press to the next frame. Budgets:
// under 4 MiB per session, p99 under 50 ms. Bounded: 50 sessions, ten keys
// each, and every wait gives up after 10 s.
func BenchmarkFiftySessions(b *testing.B) {
	const sessions, pages = 50, 10
	for range b.N {
		f := startServer(b, func(c *Config) { c.MaxConnsPerAddr = sessions }) // all from loopback
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)

		terms := make([]*terminal, sessions)
		for i := range terms {
			terms[i] = openTerminal(b, f, 80, 24)
		}
		for _, term := range terms {
			term.waitFor("Start ›")
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		perSession := float64(after.HeapInuse-before.HeapInuse) / sessions / (1 << 20)

		keys := []string{keyEnter}
		for range pages - 1 {
			keys = append(keys, "\x1b[C") // right: the next page
		}
		latencies := typePaced(b, terms, keys)
		b.ReportMetric(perSession, "MiB/session")
		b.ReportMetric(percentileMS(latencies, 0.50), "p50-ms")
		b.ReportMetric(percentileMS(latencies, 0.99), "p99-ms")
	}
}

// typePaced has every terminal press keys in turn, one about every 300 ms
// from a staggered start, as people do who read a page before going on. It
// returns the time from each press to the next frame, sorted; every wait
// gives up after 10 s.
func typePaced(b *testing.B, terms []*terminal, keys []string) []time.Duration {
	var mu sync.Mutex
	var latencies []time.Duration
	var wg sync.WaitGroup
	for i, term := range terms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 300 * time.Millisecond / time.Duration(len(terms)))
			for _, key := range keys {
				time.Sleep(300 * time.Millisecond)
				got := term.outLen()
				start := time.Now()
				if _, err := term.in.Write([]byte(key)); err != nil {
					b.Error(err)
					return
				}
				for term.outLen() == got && time.Since(start) < 10*time.Second {
					time.Sleep(200 * time.Microsecond)
				}
				mu.Lock()
				latencies = append(latencies, time.Since(start))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	slices.Sort(latencies)
	return latencies
}

// percentileMS is the p-th percentile of sorted durations, in milliseconds.
func percentileMS(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return float64(sorted[int(p*float64(len(sorted)-1))]) / float64(time.Millisecond)
}
