package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// Budgets (checked by reading the benchmark output, not in the test suite):
// a scroll keystroke under 2 ms, moving to a rendered page under 3 ms,
// rendering a page at a new width under 20 ms.

func benchModel(b *testing.B) *Model {
	m := newTestModel(b, realContent(b), Options{Lang: model.LangVI, LangSet: true, Role: model.RolePatient}, 80, 24)
	send(m, press("right")) // a long page with real text
	return m
}

// BenchmarkScrollKey is one scroll keystroke at 80x24: Update and View.
func BenchmarkScrollKey(b *testing.B) {
	m := benchModel(b)
	down, up := press("down"), press("up")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := down
		if i%40 >= 20 {
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
}

// BenchmarkMoveToRenderedPage moves between two pages already in the cache.
func BenchmarkMoveToRenderedPage(b *testing.B) {
	m := benchModel(b)
	send(m, press("right"), press("left")) // both pages rendered once
	next, prev := press("right"), press("left")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := next
		if i%2 == 1 {
			k = prev
		}
		m.Update(k)
		_ = m.View()
	}
}

// BenchmarkRenderAtNewWidth re-renders the current page at a width not in
// the cache, as after a resize.
func BenchmarkRenderAtNewWidth(b *testing.B) {
	m := benchModel(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m.opt.Cache = NewRenderCache() // every width is new
		m.Update(tea.WindowSizeMsg{Width: 70 + i%2*20, Height: 24})
		_ = m.View()
	}
}
