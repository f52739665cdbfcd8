package server

import (
	"os"
	"runtime"
	"runtime/debug"
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
// under 4 MiB per session, p99 at most 50 ms. Bounded: 50 sessions, ten keys
// each, and every wait gives up after 10 s.
func BenchmarkFiftySessions(b *testing.B) {
	fiftySessions(b, false)
}

// BenchmarkFiftySessionsBurst is the same 50 sessions all pressing their
// key at the same instant, ten times: the worst moment of a full clinic.
// Budget: p99 at most 150 ms.
func BenchmarkFiftySessionsBurst(b *testing.B) {
	fiftySessions(b, true)
}

func fiftySessions(b *testing.B, burst bool) {
	const sessions, pages = 50, 10
	if os.Getenv("GOGC") == "" { // as serve runs
		defer debug.SetGCPercent(debug.SetGCPercent(GCPercent))
	}
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
		latencies := typeKeys(b, terms, keys, burst)
		p50, p99 := percentileMS(latencies, 0.50), percentileMS(latencies, 0.99)
		b.ReportMetric(perSession, "MiB/session")
		b.ReportMetric(p50, "p50-ms")
		b.ReportMetric(p99, "p99-ms")
		if burst {
			b.Logf("50 sessions pressing at the same instant: p99 %.1f ms, p50 %.1f ms (budget: p99 ≤ 150 ms)", p99, p50)
		} else {
			b.Logf("50 sessions paced like readers: p99 %.1f ms, p50 %.1f ms, %.2f MiB a session (budgets: p99 ≤ 50 ms, < 4 MiB)", p99, p50, perSession)
		}
	}
}

// typeKeys has every terminal press the keys in turn and returns the time
// from each press to the next frame, sorted; every wait gives up after
// 10 s. Paced, each terminal presses about every 300 ms from a staggered
// start, as people do who read a page before going on; in a burst, all
// press each key at the same instant, once every terminal has its frame
// for the key before.
func typeKeys(b *testing.B, terms []*terminal, keys []string, burst bool) []time.Duration {
	var mu sync.Mutex
	var latencies []time.Duration
	var wg sync.WaitGroup
	rounds := make([]chan struct{}, len(keys)) // closed when a burst key may go
	var ready sync.WaitGroup                   // terminals ready for the next burst key
	for k := range rounds {
		rounds[k] = make(chan struct{})
	}
	ready.Add(len(terms))
	for i, term := range terms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !burst {
				time.Sleep(time.Duration(i) * 300 * time.Millisecond / time.Duration(len(terms)))
			}
			for k, key := range keys {
				if burst {
					ready.Done()
					<-rounds[k]
				} else {
					time.Sleep(300 * time.Millisecond)
				}
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
	if burst {
		for k := range rounds {
			ready.Wait()
			time.Sleep(50 * time.Millisecond) // the last frames settle
			if k+1 < len(rounds) {
				ready.Add(len(terms))
			}
			close(rounds[k])
		}
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
