package ui

import (
	"fmt"
	"runtime"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
)

// Budgets, reported beside each figure and not asserted (a loaded machine
// would fail them): a scroll keystroke at most 1 ms and 2,000 allocations,
// moving to a rendered page at most 1 ms, rendering a page at a new width
// under 20 ms.

// benchModel is a Vietnamese session at 80x24 in the dark style, whose
// Glamour output carries the most colour codes.
func benchModel(b *testing.B) *Model {
	m := newTestModel(b, realContent(b), Options{Lang: model.LangVI, LangSet: true, Role: model.RolePatient, Style: "dark"}, 80, 24)
	send(m, press("right")) // a long page with real text
	return m
}

// timeAgainst runs step b.N times and prints its time, and its allocations
// when allocBudget is set, per operation against the budgets.
func timeAgainst(b *testing.B, what string, msBudget float64, allocBudget uint64, step func(i int)) {
	b.Helper()
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := range b.N {
		step(i)
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	ms := float64(b.Elapsed().Nanoseconds()) / 1e6 / float64(b.N)
	line := fmt.Sprintf("%s: %.3f ms (budget ≤ %g ms)", what, ms, msBudget)
	if allocBudget > 0 {
		allocs := (after.Mallocs - before.Mallocs) / uint64(b.N)
		line += fmt.Sprintf(", %d allocations (budget ≤ %d)", allocs, allocBudget)
	}
	b.Log(line)
}

// BenchmarkScrollKey is one scroll keystroke at 80x24: Update and View.
func BenchmarkScrollKey(b *testing.B) {
	m := benchModel(b)
	down, up := press("down"), press("up")
	timeAgainst(b, "scroll key at 80x24", 1, 2000, func(i int) {
		k := down
		if i%40 >= 20 {
			k = up
		}
		m.Update(k)
		_ = m.View()
	})
}

// BenchmarkMoveToRenderedPage moves between two pages already in the cache.
func BenchmarkMoveToRenderedPage(b *testing.B) {
	m := benchModel(b)
	send(m, press("right"), press("left")) // both pages rendered once
	next, prev := press("right"), press("left")
	timeAgainst(b, "move to a rendered page", 1, 0, func(i int) {
		k := next
		if i%2 == 1 {
			k = prev
		}
		m.Update(k)
		_ = m.View()
	})
}

// BenchmarkRenderAtNewWidth re-renders the current page at a width not in
// the cache, as after a resize.
func BenchmarkRenderAtNewWidth(b *testing.B) {
	m := benchModel(b)
	timeAgainst(b, "render at a new width", 20, 0, func(i int) {
		m.opt.Cache = NewRenderCache() // every width is new
		m.Update(tea.WindowSizeMsg{Width: 70 + i%2*20, Height: 24})
		_ = m.View()
	})
}
