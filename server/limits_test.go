package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	gossh "golang.org/x/crypto/ssh"
)

var cursorMove = regexp.MustCompile(`\x1b\[(\d+)(?:;(\d+))?[Hd]|\x1b\[(\d+)X`)

// frameBounds reads the largest row and column the output addressed.
func frameBounds(raw string) (rows, cols int) {
	for _, m := range cursorMove.FindAllStringSubmatch(raw, -1) {
		var r, c, x int
		fmt.Sscan(m[1]+" 0", &r)
		fmt.Sscan(m[2]+" 0", &c)
		fmt.Sscan(m[3]+" 0", &x)
		rows, cols = max(rows, r), max(cols, c, x)
	}
	return rows, cols
}

func (m *terminal) raw() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.out.String()
}

func (m *terminal) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.out.Reset()
}

// waitRows waits until the frame reaches row want, and fails at once if it
// goes past the bound.
func (m *terminal) waitRows(want int) {
	m.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		rows, cols := frameBounds(m.raw())
		if rows > MaxHeight || cols > MaxWidth {
			m.t.Fatalf("the frame reaches row %d, column %d; the bound is %dx%d", rows, cols, MaxWidth, MaxHeight)
		}
		if rows >= want && strings.Contains(m.text(), "Start ›") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	rows, cols := frameBounds(m.raw())
	m.t.Fatalf("the frame never reached row %d (it reaches row %d, column %d)", want, rows, cols)
}

// TestWindowSizesAreClamped: a window larger than the bound, asked for at
// the start or in a change, is served at the bound, so no client can make
// the server allocate a screen buffer of any size it likes.
func TestWindowSizesAreClamped(t *testing.T) {
	f := startServer(t, nil)
	term := openTerminal(t, f, 700, 400)
	term.waitRows(MaxHeight - 1) // the footer sits on the last rows of the window
	term.reset()
	if err := term.sess.WindowChange(30, 100); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the small frame is drawn
	term.reset()
	if err := term.sess.WindowChange(65535, 65535); err != nil {
		t.Fatal(err)
	}
	term.waitRows(MaxHeight - 1)
}

// rawConn opens a TCP connection that never speaks SSH.
func rawConn(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// closedWithin reports whether the server hung up on c within d.
func closedWithin(c net.Conn, d time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, c) // the server's version line, then EOF
	return err == nil
}

// TestLoginDeadline: a connection that does not log in is closed, so silent
// connections cannot use up the server's file descriptors.
func TestLoginDeadline(t *testing.T) {
	f := startServer(t, func(c *Config) { c.LoginTimeout = 300 * time.Millisecond })
	silent := rawConn(t, f.addr)
	slow := rawConn(t, f.addr)
	if _, err := slow.Write([]byte("SSH-2.0-slow\r\n")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for _, c := range []net.Conn{silent, slow} {
		if !closedWithin(c, 3*time.Second) {
			t.Fatal("a connection that never logs in must be closed")
		}
	}
	t.Logf("closed after %v", time.Since(start).Round(10*time.Millisecond))
	c, err := dial(f.addr, "kiosk", gossh.PublicKeys(f.key))
	if err != nil {
		t.Fatalf("a client that logs in in time is let in: %v", err)
	}
	c.Close()
}

// TestIdleSessionIsSavedAndEnded: a session with no input for the idle
// time is saved, told its code, and closed.
func TestIdleSessionIsSavedAndEnded(t *testing.T) {
	// Longer than any screen takes to come, even under the race detector.
	f := startServer(t, func(c *Config) { c.IdleTimeout = 4 * time.Second })
	term := openTerminal(t, f, 80, 24)
	term.waitFor("Start ›")
	term.toChecklist()
	term.send("1")
	start := time.Now()
	term.waitFor("without a key press. Your session is saved with code")
	t.Logf("ended %v after the last key", time.Since(start).Round(100*time.Millisecond))
	waitRecords(t, f.records, "*.progress.json", `"answer": "yes"`, 1)
	deadline := time.Now().Add(5 * time.Second)
	for {
		f.srv.mu.Lock()
		n := len(f.srv.sessions)
		f.srv.mu.Unlock()
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the idle session still holds its place")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestConnectionsPerAddress: one address may hold only so many connections;
// once one closes, another may come. A flood of refusals is logged once.
func TestConnectionsPerAddress(t *testing.T) {
	logs := &syncBuffer{}
	f := startServer(t, func(c *Config) {
		c.MaxConnsPerAddr = 3
		c.Log = slog.New(slog.NewTextHandler(logs, nil))
	})
	var held []net.Conn
	for range 3 {
		held = append(held, rawConn(t, f.addr))
	}
	time.Sleep(100 * time.Millisecond) // let the server count them
	for range 5 {
		if !closedWithin(rawConn(t, f.addr), 3*time.Second) {
			t.Fatal("a fourth connection from one address must be refused")
		}
	}
	if n := strings.Count(logs.String(), "too many from one address"); n != 1 {
		t.Fatalf("5 refusals made %d log lines, want 1", n)
	}
	held[0].Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := dial(f.addr, "kiosk", gossh.PublicKeys(f.key))
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a place freed by a closed connection is given again: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSessionsPerKey: one key cannot take every place.
func TestSessionsPerKey(t *testing.T) {
	f := startServer(t, func(c *Config) { c.MaxSessionsPerKey = 2 })
	a, b := openTerminal(t, f, 80, 24), openTerminal(t, f, 80, 24)
	a.waitFor("Start ›")
	b.waitFor("Start ›")
	c := openTerminal(t, f, 80, 24)
	c.waitFor("already has 2 sessions open")
	client, err := dial(f.addr, "tablet1", gossh.Password("right"))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, _ := client.NewSession()
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	sess.Stdout = out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "Start") {
		if time.Now().After(deadline) {
			t.Fatalf("another login still gets a session: %q", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestOfferedKeysAreNotFailures: a client that offers other keys before the
// right one (an agent, default identities) is let in, and its address is
// not blocked afterwards.
func TestOfferedKeysAreNotFailures(t *testing.T) {
	f := startServer(t, nil)
	for range 3 {
		var signers []gossh.Signer
		for range 4 {
			s, _ := newKey(t)
			signers = append(signers, s)
		}
		c, err := dial(f.addr, "kiosk", gossh.PublicKeys(append(signers, f.key)...))
		if err != nil {
			t.Fatalf("the right key after four others must work: %v", err)
		}
		c.Close()
	}
}

// TestUnknownUserCostsABcrypt: a wrong user name takes as long as a wrong
// password, so the time does not tell which names exist.
func TestUnknownUserCostsABcrypt(t *testing.T) {
	hash, _ := bcrypt.GenerateFromPassword([]byte("right"), 10)
	f := startServer(t, func(c *Config) {
		c.PasswordHashFile = filepath.Join(t.TempDir(), "passwords")
		if err := os.WriteFile(c.PasswordHashFile, []byte("tablet1:"+string(hash)+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	})
	timed := func(user string) time.Duration { // the quickest of two tries: load only adds time
		best := time.Hour
		for range 2 {
			start := time.Now()
			if _, err := dial(f.addr, user, gossh.Password("guess")); err == nil {
				t.Fatal("a wrong password must be refused")
			}
			best = min(best, time.Since(start))
		}
		return best
	}
	// One bcrypt check here, the quickest of three: load can only make the
	// refusal slower, so comparing with it holds on a busy machine too.
	check := time.Hour
	for range 3 {
		start := time.Now()
		bcrypt.CompareHashAndPassword(hash, []byte("guess"))
		check = min(check, time.Since(start))
	}
	if unknown := timed("nobody"); unknown < check/2 {
		t.Fatalf("an unknown user is refused in %v, quicker than a bcrypt check (%v)", unknown, check)
	}
}

func TestLimitKey(t *testing.T) {
	for in, want := range map[string]string{
		"10.0.0.1":                 "10.0.0.1",
		"2001:db8:1:2:aaaa::1":     "2001:db8:1:2::/64",
		"2001:db8:1:2:bbbb:cc::99": "2001:db8:1:2::/64",
		"::ffff:127.0.0.1":         "::ffff:127.0.0.1",
	} {
		if got := limitKey(in); got != want {
			t.Errorf("limitKey(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestShutdownSaysWhatWasSaved: a session with nothing to save is not told
// that it was saved.
func TestShutdownSaysWhatWasSaved(t *testing.T) {
	f := startServer(t, nil)
	term := openTerminal(t, f, 80, 24)
	term.waitFor("Start ›")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	term.waitFor("The server is stopping.")
	time.Sleep(100 * time.Millisecond)
	if strings.Contains(term.text(), "saved with code") {
		t.Fatalf("nothing was saved, but the client was told it was:\n%s", term.text())
	}
}

// repeating is a broken random source: the same bytes again and again, then
// others.
type repeating struct {
	mu   sync.Mutex
	data []byte
}

func (r *repeating) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := copy(p, r.data)
	r.data = r.data[n:]
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// TestSessionsNeverShareACode forces two sessions to draw the same code:
// the second draws again, and each keeps its own record.
func TestSessionsNeverShareACode(t *testing.T) {
	same := []byte{0, 1, 2, 3, 4, 5} // ACDEFG
	src := &repeating{data: append(append(append([]byte{}, same...), same...), 6, 7, 8, 9, 10, 11)}
	f := startServer(t, func(c *Config) { c.Rand = src })
	a := openTerminal(t, f, 80, 24)
	a.waitFor("ACDEFG")
	b := openTerminal(t, f, 80, 24)
	b.waitFor("Start ›")
	a.toChecklist()
	b.toChecklist()
	a.send("1")
	b.send("2")
	yes := waitRecords(t, f.records, "*.progress.json", `"answer": "yes"`, 1)
	no := waitRecords(t, f.records, "*.progress.json", `"answer": "no"`, 1)
	if yes[0] == no[0] {
		t.Fatal("two sessions wrote one record")
	}
	if !strings.Contains(b.text(), "HJKMNP") {
		t.Fatalf("the second session must draw again:\n%s", b.text())
	}
}

// TestPasswordHashCostCapped: a hash too costly to check is refused at
// start, naming file and line, instead of holding every login (and the
// start, which makes a decoy hash at that cost) for minutes.
func TestPasswordHashCostCapped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "passwords")
	costly := "$2a$31$abcdefghijklmnopqrstuuNbQmQY7zA9eP2fKq3HnV1k6y1w5b5D6"
	if err := os.WriteFile(path, []byte("# staff\nnurse:"+costly+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := readPasswordHashes(path)
	if err == nil || !strings.Contains(err.Error(), path+":2") || !strings.Contains(err.Error(), "cost 31") {
		t.Fatalf("want a refusal naming %s:2 and the cost, got %v", path, err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing took %v", d)
	}
}
