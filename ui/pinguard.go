package ui

import (
	"sync"
	"time"
)

// PINGuard limits staff PIN tries for a whole process: every kiosk patient
// and, over SSH, every session shares one, so a reset (which replaces the
// patient's model) never clears a lockout, and a burst of tries typed
// faster than the slow hash answers is one try, not many.
type PINGuard struct {
	mu          sync.Mutex
	wrong       int
	lockedUntil time.Time
	checking    bool
}

// NewPINGuard returns a guard with no tries counted.
func NewPINGuard() *PINGuard { return &PINGuard{} }

// begin reports whether a try may be checked now: not while locked, and
// not while another check runs.
func (g *PINGuard) begin(now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.checking || now.Before(g.lockedUntil) {
		return false
	}
	g.checking = true
	return true
}

// done counts a finished check; pinTriesAllowed wrong ones in a row lock
// the exit for pinLockout.
func (g *PINGuard) done(ok bool, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.checking = false
	if ok {
		g.wrong = 0
		return
	}
	g.wrong++
	if g.wrong >= pinTriesAllowed {
		g.wrong = 0
		g.lockedUntil = now.Add(pinLockout)
	}
}

// lockedFor is how long the exit stays locked; zero or less when it is not.
func (g *PINGuard) lockedFor(now time.Time) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.lockedUntil.Sub(now)
}

// busy reports whether a check is running.
func (g *PINGuard) busy() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.checking
}
