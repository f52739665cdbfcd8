package server

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
)

// boundedSession is an SSH session as the app sees it: window sizes are
// clamped to MaxWidth x MaxHeight on the first request and on every change,
// and the time of the client's last input (keys, resizes) is kept.
type boundedSession struct {
	ssh.Session
	lastInput atomic.Int64 // unix nanoseconds
	winOnce   sync.Once
	win       chan ssh.Window
}

func newBoundedSession(sess ssh.Session) *boundedSession {
	b := &boundedSession{Session: sess}
	b.touch()
	return b
}

func (b *boundedSession) touch() { b.lastInput.Store(time.Now().UnixNano()) }

func (b *boundedSession) idleFor() time.Duration {
	return time.Since(time.Unix(0, b.lastInput.Load()))
}

func (b *boundedSession) Read(p []byte) (int, error) {
	n, err := b.Session.Read(p)
	if n > 0 {
		b.touch()
	}
	return n, err
}

// Pty is the client's terminal with its window clamped, and a channel of
// clamped window changes that ends with the session.
func (b *boundedSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) {
	pty, changes, ok := b.Session.Pty()
	pty.Window = clampWindow(pty.Window)
	b.winOnce.Do(func() {
		b.win = make(chan ssh.Window, 1)
		go forwardWindows(b.Context(), changes, b.win, b.touch)
	})
	return pty, b.win, ok
}

func forwardWindows(ctx context.Context, in <-chan ssh.Window, out chan<- ssh.Window, touch func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case w, ok := <-in:
			if !ok {
				return
			}
			touch()
			select {
			case out <- clampWindow(w):
			case <-ctx.Done():
				return
			}
		}
	}
}

func clampWindow(w ssh.Window) ssh.Window {
	w.Width = min(max(w.Width, 0), MaxWidth)
	w.Height = min(max(w.Height, 0), MaxHeight)
	return w
}
