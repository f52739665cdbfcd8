//go:build race

package doc

// raceEnabled: the race detector slows Glamour about tenfold.
const raceEnabled = true
