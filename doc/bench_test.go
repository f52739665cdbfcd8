package doc

import (
	"testing"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
)

// BenchmarkFastRender draws the longest Vietnamese page, dark at 80
// columns, by the fast path and by Glamour in turn, and prints both times
// and their ratio. Budget: at most 0.2 times Glamour's time (reported, not
// asserted: a loaded machine would fail it).
func BenchmarkFastRender(b *testing.B) {
	c := load(b, content.Embedded())
	var md string
	for _, step := range append(append([]model.StepID{}, model.PageSteps...), groupSteps(c.GroupIDs)...) {
		if p := c.Page(model.LangVI, step); p != nil && len(Page(c, model.LangVI, p)) > len(md) {
			md = Page(c, model.LangVI, p)
		}
	}
	if _, ok := fastRender(md, 80, StyleDark); !ok {
		b.Fatal("the fast path refused the page")
	}
	b.ReportAllocs()
	var fast, slow time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if _, ok := fastRender(md, 80, StyleDark); !ok {
			b.Fatal("refused")
		}
		mid := time.Now()
		if _, err := renderGlamour(md, 80, StyleDark); err != nil {
			b.Fatal(err)
		}
		fast, slow = fast+mid.Sub(start), slow+time.Since(mid)
	}
	b.StopTimer()
	ratio := float64(fast) / float64(slow)
	b.ReportMetric(float64(fast.Microseconds())/float64(b.N), "µs-fast/op")
	b.ReportMetric(float64(slow.Microseconds())/float64(b.N), "µs-glamour/op")
	b.ReportMetric(ratio, "×glamour")
	b.Logf("a %d-byte page: fast path %.2f ms, Glamour %.2f ms: %.2f× (budget ≤ 0.2×)", len(md),
		float64(fast.Microseconds())/1e3/float64(b.N), float64(slow.Microseconds())/1e3/float64(b.N), ratio)
}
