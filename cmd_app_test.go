package main

import (
	"runtime/debug"
	"testing"
)

// The app's heap setting applies unless GOGC is set, and then the
// environment's value stays.
func TestLeanHeapYieldsToGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	leanHeap()
	if got := debug.SetGCPercent(100); got != 50 {
		t.Fatalf("without GOGC the app collects at %d, want 50", got)
	}
	t.Setenv("GOGC", "100")
	leanHeap()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC=100 is set, yet the app collects at %d", got)
	}
}
