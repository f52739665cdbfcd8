//go:build race

package ui

// raceEnabled: the race detector slows drawing about tenfold.
const raceEnabled = true
