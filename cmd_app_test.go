package main

import (
	"runtime/debug"
	"testing"

	"stemcounsel/server"
)

// The app's heap setting applies unless GOGC is set, and then the
// environment's value stays.
func TestCollectAtYieldsToGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, percent := range []int{50, server.GCPercent} { // the app's, serve's
		t.Setenv("GOGC", "")
		collectAt(percent)
		if got := debug.SetGCPercent(100); got != percent {
			t.Fatalf("without GOGC collectAt(%d) collects at %d", percent, got)
		}
		t.Setenv("GOGC", "100")
		collectAt(percent)
		if got := debug.SetGCPercent(100); got != 100 {
			t.Fatalf("GOGC=100 is set, yet collectAt(%d) collects at %d", percent, got)
		}
	}
}
