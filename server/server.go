// Package server serves the counseling app over SSH, so every terminal or
// tablet in a clinic becomes a terminal of one installation and every
// record lands on the one machine the doctor uses.
package server

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	"golang.org/x/crypto/bcrypt"
	gossh "golang.org/x/crypto/ssh"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/staffpin"
	"stemcounsel/ui"
	"stemcounsel/wording"
)

// Config is how a clinic runs the server.
type Config struct {
	Listen           string
	HostKey          string // generated here (0600) if missing, then reused
	AuthorizedKeys   string // an authorized_keys file, or
	PasswordHashFile string // lines "user:bcrypt-hash"
	NoAuth           bool   // allowed only on a loopback address
	MaxSessions      int    // 0: no limit

	// Limits against a client that holds what others need. Zero values
	// take the defaults below; a negative one turns the limit off.
	LoginTimeout      time.Duration // from connecting to logged in
	IdleTimeout       time.Duration // a session with no key press or resize this long is saved and ended
	MaxConnsPerAddr   int           // open connections from one address (an IPv6 /64 counts as one)
	MaxSessionsPerKey int           // sessions of one public key or password user

	// Rand draws the hand-off codes; nil is the system's random source.
	Rand io.Reader

	// Session is the template for every session's options; Code, Store's
	// records and the model are made per session. Its Cache may be shared:
	// it holds only immutable rendered pages.
	Session ui.Options
	Log     *slog.Logger
}

// The defaults of the limits. Windows larger than MaxWidth x MaxHeight are
// served at that size: the renderer keeps a cell buffer of the whole window,
// and one huge window could take the whole machine's memory.
const (
	DefaultLoginTimeout      = 30 * time.Second
	DefaultIdleTimeout       = 30 * time.Minute
	DefaultMaxConnsPerAddr   = 20
	DefaultMaxSessionsPerKey = 0
	MaxWidth, MaxHeight      = 500, 300
)

// GCPercent is the GOGC a server runs at unless GOGC is set: with 50
// sessions pressing a key at once on a loaded machine, collecting half as
// often as Go's 100 took the p99 from key to frame from 131 to 111 ms
// (medians of 8 runs of BenchmarkFiftySessionsBurst, both cores busy), for
// 9 % more peak memory.
const GCPercent = 200

// Server is a running SSH server and its sessions.
type Server struct {
	cfg     Config
	ssh     *ssh.Server
	limiter *failLimiter

	mu       sync.Mutex
	sessions map[*tea.Program]running
	conns    map[string]int  // open connections by address
	codes    map[string]bool // the codes of running sessions
	// refusedLogged is when a refusal of each address was last logged.
	refusedLogged map[string]time.Time
	stopping      bool
	wg            sync.WaitGroup
}

// New checks the configuration and prepares the server. It refuses to run
// without authentication unless the address is loopback and NoAuth is set.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	cfg.LoginTimeout = orDefault(cfg.LoginTimeout, DefaultLoginTimeout)
	cfg.IdleTimeout = orDefault(cfg.IdleTimeout, DefaultIdleTimeout)
	cfg.MaxConnsPerAddr = orDefault(cfg.MaxConnsPerAddr, DefaultMaxConnsPerAddr)
	cfg.MaxSessionsPerKey = orDefault(cfg.MaxSessionsPerKey, DefaultMaxSessionsPerKey)
	s := &Server{cfg: cfg, sessions: map[*tea.Program]running{}, conns: map[string]int{}, codes: map[string]bool{}, refusedLogged: map[string]time.Time{}, limiter: newFailLimiter(5, time.Minute, time.Now)}
	opts := []ssh.Option{wish.WithAddress(cfg.Listen), ssh.WrapConn(s.countConn), func(srv *ssh.Server) error {
		// Until it has logged in, a connection holds a file descriptor for
		// nothing: it gets LoginTimeout to do so.
		srv.HandshakeTimeout = max(0, cfg.LoginTimeout)
		return nil
	}}

	switch {
	case cfg.AuthorizedKeys != "" || cfg.PasswordHashFile != "":
	case cfg.NoAuth && isLoopback(cfg.Listen):
		cfg.Log.Warn("serving without authentication, on loopback only", "listen", cfg.Listen)
	case cfg.NoAuth:
		return nil, fmt.Errorf("--no-auth is only allowed on a loopback address, not %s", cfg.Listen)
	default:
		return nil, errors.New("the server needs --authorized-keys or --password-hash-file (or --no-auth on a loopback address)")
	}
	if cfg.AuthorizedKeys != "" {
		if _, err := os.Stat(cfg.AuthorizedKeys); err != nil {
			return nil, fmt.Errorf("--authorized-keys: %w", err)
		}
		opts = append(opts, wish.WithPublicKeyAuth(s.publicKeyAuth))
	}
	if cfg.PasswordHashFile != "" {
		users, err := readPasswordHashes(cfg.PasswordHashFile)
		if err != nil {
			return nil, err
		}
		opts = append(opts, wish.WithPasswordAuth(s.passwordAuth(users)))
	}
	if cfg.HostKey == "" {
		return nil, errors.New("the server needs --host-key: a path where its key is kept, so clients never see it change")
	}
	if err := ensureHostKey(cfg.HostKey); err != nil {
		return nil, err
	}
	opts = append(opts, wish.WithHostKeyPath(cfg.HostKey), wish.WithMiddleware(
		bm.MiddlewareWithProgramHandler(s.program),
		s.sessionMiddleware,
		s.needTerminal, // a session without a PTY is refused first
	))
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, err
	}
	s.ssh = srv
	return s, nil
}

// orDefault is v, or def for zero; a negative v is kept (the limit is off).
func orDefault[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// countConn refuses a connection past MaxConnsPerAddr from its address,
// and counts it until it closes.
func (s *Server) countConn(_ ssh.Context, c net.Conn) net.Conn {
	addr := limitKey(hostOf(c.RemoteAddr()))
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg.MaxConnsPerAddr > 0 && s.conns[addr] >= s.cfg.MaxConnsPerAddr {
		if now := time.Now(); now.Sub(s.refusedLogged[addr]) > time.Minute { // a flood makes one line a minute
			s.refusedLogged[addr] = now
			s.cfg.Log.Warn("connections refused: too many from one address", "remote", addr, "max", s.cfg.MaxConnsPerAddr)
		}
		return nil
	}
	s.conns[addr]++
	delete(s.refusedLogged, addr)
	return &countedConn{Conn: c, done: func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.conns[addr]--; s.conns[addr] <= 0 {
			delete(s.conns, addr)
		}
	}}
}

type countedConn struct {
	net.Conn
	once sync.Once
	done func()
}

func (c *countedConn) Close() error {
	c.once.Do(c.done)
	return c.Conn.Close()
}

// Serve accepts connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	s.cfg.Log.Info("serving", "listen", l.Addr().String())
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// ListenAndServe listens on the configured address.
func (s *Server) ListenAndServe() error {
	l, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	return s.Serve(l)
}

// Shutdown tells every open session that the server is stopping, saves it
// as in progress, and closes the server.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.stopping = true
	for p := range s.sessions {
		p.Send(ui.ShutdownMsg{})
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
	// Every session is saved and told; clients need not hang up first.
	return s.ssh.Close()
}

type sessionKey struct{}

// running is a session's program and model, kept in its SSH context.
type running struct {
	p    *tea.Program
	m    *ui.Model
	who  string // the public key or password user it logged in with
	idle *atomic.Bool
}

// sessionMiddleware runs a session with its window sizes bounded and its
// input watched for idleness; once the program has ended (the client left,
// staff exited a kiosk, the session was idle, or the server is stopping)
// it saves the session if unfinished and forgets it.
func (s *Server) sessionMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		next(newBoundedSession(sess)) // runs the program to its end
		if r, ok := sess.Context().Value(sessionKey{}).(running); ok {
			s.end(r, sess)
		}
	}
}

// identity names what a session logged in with: one public key may have
// only so many sessions at once.
func identity(sess ssh.Session) string {
	if k := sess.PublicKey(); k != nil {
		return gossh.FingerprintSHA256(k)
	}
	return "user:" + sess.User()
}

// text is the wording of the sessions' language, for what the server says
// before a session has begun.
func (s *Server) text() *wording.Text { return wording.For(s.cfg.Session.Lang) }

// needTerminal refuses a session without a PTY in words a person can act
// on: the app is full-screen, so ssh must be asked for a terminal.
func (s *Server) needTerminal(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			wish.Fatalln(sess, s.text().ServerNeedPTY)
			return
		}
		next(sess)
	}
}

// refusal says why a session cannot start now, or "" if it can. The caller
// holds s.mu.
func (s *Server) refusal(who string) string {
	t := s.text()
	switch {
	case s.stopping:
		return t.ServerStopping + " " + t.ServerTryLater
	case s.cfg.MaxSessions > 0 && len(s.sessions) >= s.cfg.MaxSessions:
		return fmt.Sprintf(t.ServerFull, s.cfg.MaxSessions)
	case s.cfg.MaxSessionsPerKey > 0 && s.sessionsOf(who) >= s.cfg.MaxSessionsPerKey:
		return fmt.Sprintf(t.ServerPerLogin, s.cfg.MaxSessionsPerKey)
	}
	return ""
}

func (s *Server) sessionsOf(who string) int {
	n := 0
	for _, r := range s.sessions {
		if r.who == who {
			n++
		}
	}
	return n
}

// program makes a session's own model and program: nothing mutable is
// shared between sessions.
func (s *Server) program(sess ssh.Session) *tea.Program {
	who := identity(sess)
	s.mu.Lock()
	why := s.refusal(who)
	s.mu.Unlock()
	if why != "" {
		s.cfg.Log.Warn("session refused", "user", sess.User(), "remote", sess.RemoteAddr().String(), "reason", why)
		wish.Fatalln(sess, why)
		return nil
	}
	opt := s.cfg.Session
	code, err := s.newCode()
	if err != nil {
		s.cfg.Log.Error("no session code", "error", err)
		wish.Fatalln(sess, s.text().ServerCannotStart)
		return nil
	}
	opt.Code = code
	if why := s.resumeAsked(sess, &opt); why != "" {
		s.releaseCode(code)
		wish.Fatalln(sess, why)
		return nil
	}
	if opt.Session != nil { // resumed: the fresh code is not used
		s.releaseCode(code)
		code = opt.Code
	}
	opt.Terminal = "ssh " + sess.User() + "@" + sess.RemoteAddr().String()
	opt.NewCode = func() string { // a kiosk's next patient: the last code is ended or unused
		c, err := s.newCode()
		if err != nil {
			panic(err) // the random source failed: the session's crash handling takes over
		}
		s.releaseCode(code)
		code = c
		return c
	}
	m := ui.New(opt)
	opts := append([]tea.ProgramOption{tea.WithoutSignalHandler()}, bm.MakeOptions(sess)...)
	p := tea.NewProgram(m, opts...)

	s.mu.Lock()
	if why := s.refusal(who); why != "" { // another session got in first
		s.mu.Unlock()
		s.releaseCode(code)
		wish.Fatalln(sess, why)
		return nil
	}
	r := running{p: p, m: m, who: who, idle: new(atomic.Bool)}
	s.sessions[p] = r
	s.wg.Add(1)
	s.mu.Unlock()
	sess.Context().SetValue(sessionKey{}, r)
	if b, ok := sess.(*boundedSession); ok && s.cfg.IdleTimeout > 0 {
		go s.watchIdle(sess.Context(), b, r)
	}
	s.cfg.Log.Info("session start", "user", sess.User(), "remote", sess.RemoteAddr().String(), "code", code)
	return p
}

// newCode draws a code no record and no other session has, and keeps it
// for the caller until releaseCode.
func (s *Server) newCode() (string, error) {
	for {
		var code string
		var err error
		if s.cfg.Session.Store == nil {
			code, err = model.NewCode(s.cfg.Rand)
		} else {
			code, err = records.NewCode(s.cfg.Session.Store, s.cfg.Rand, s.inUse)
		}
		if err != nil {
			return "", err
		}
		s.mu.Lock()
		taken := s.codes[code] // drawn by another session meanwhile
		s.codes[code] = true
		s.mu.Unlock()
		if !taken {
			return code, nil
		}
	}
}

func (s *Server) inUse(code string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.codes[code]
}

func (s *Server) releaseCode(code string) {
	s.mu.Lock()
	delete(s.codes, code)
	s.mu.Unlock()
	if s.cfg.Session.Store != nil {
		s.cfg.Session.Store.ReleaseCode(code)
	}
}

// watchIdle ends a session that had no input for IdleTimeout: its place
// and its connection go to someone else, and the session is saved.
func (s *Server) watchIdle(ctx context.Context, b *boundedSession, r running) {
	tick := time.NewTicker(min(s.cfg.IdleTimeout/4, time.Second))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if b.idleFor() >= s.cfg.IdleTimeout {
				r.idle.Store(true)
				r.p.Send(ui.ShutdownMsg{})
				return
			}
		}
	}
}

// end saves a session whose program has stopped, if it is unfinished, and
// forgets it. The log names the session by code, never its answers.
func (s *Server) end(r running, sess ssh.Session) {
	m := r.m
	s.mu.Lock()
	delete(s.sessions, r.p)
	stopping := s.stopping
	s.mu.Unlock()
	defer s.wg.Done()
	status := "nothing to save"
	if m.ShouldSave() && !m.Keeps() {
		status = notKept
	} else if m.ShouldSave() && s.cfg.Session.Store != nil {
		status = "saved in progress"
		if err := s.cfg.Session.Store.SaveProgress(m.Record(), 0); err != nil {
			status = "not saved"
			s.cfg.Log.Error("could not save a session", "code", m.Session().Code, "dir", s.cfg.Session.Store.String(), "error", err)
		}
	}
	s.releaseCode(m.Session().Code)
	var why string
	t := wording.For(m.Session().Lang) // the patient's language, as the session left it
	switch {
	case stopping:
		why = t.ServerStopping
	case r.idle.Load():
		why = fmt.Sprintf(t.ServerIdle, wording.Duration(m.Session().Lang, s.cfg.IdleTimeout))
	}
	if why != "" || status == "saved in progress" { // a quit mid-session too: how to go on
		said := []string{why}
		switch status {
		case "saved in progress":
			said = append(said, fmt.Sprintf(t.ServerSaved, m.Session().Code), fmt.Sprintf(t.ServerResumeHint, m.Session().Code))
		case notKept:
			said = append(said, ui.NotKept(m.Session().Lang))
		case "not saved":
			said = append(said, t.ServerNotSaved)
		}
		wish.Println(sess, "\r\n"+strings.TrimSpace(strings.Join(said, " "))+"\r")
	}
	s.cfg.Log.Info("session end", "user", sess.User(), "code", m.Session().Code, "record", status, "idle", r.idle.Load())
}

// notKept is a session's record status when the patient said no to keeping
// it, or was not asked yet: nothing is written.
const notKept = "not kept: the patient said no, or was not asked yet"

func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ensureHostKey makes an ed25519 host key at path if there is none, mode
// 0600, written whole or not at all.
func ensureHostKey(path string) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("--host-key %s: %w", path, err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	block, err := gossh.MarshalPrivateKey(priv, "stemcounsel host key")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("--host-key %s: %w", path, err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, pem.EncodeToMemory(block), 0o600); err != nil {
		return fmt.Errorf("--host-key %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// readPasswordHashes reads "user:bcrypt-hash" lines.
func readPasswordHashes(path string) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--password-hash-file: %w", err)
	}
	defer f.Close()
	users := map[string][]byte{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		user, hash, ok := strings.Cut(line, ":")
		if !ok || user == "" {
			return nil, fmt.Errorf("%s:%d: a line is user:bcrypt-hash", path, n)
		}
		cost, err := bcrypt.Cost([]byte(hash))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: not a bcrypt hash (make one with: stemcounsel hash-pin)", path, n)
		}
		// A higher cost would hold each login, and the server's start (the
		// decoy hash), for seconds to hours.
		if cost > staffpin.MaxCost {
			return nil, fmt.Errorf("%s:%d: bcrypt cost %d is above %d: each login would take too long (make one with: stemcounsel hash-pin)", path, n, cost, staffpin.MaxCost)
		}
		users[user] = []byte(hash)
	}
	if len(users) == 0 {
		return nil, fmt.Errorf("%s: no user:hash lines", path)
	}
	return users, sc.Err()
}

func (s *Server) passwordAuth(users map[string][]byte) ssh.PasswordHandler {
	// An unknown user is checked against a hash too, so the time taken does
	// not tell which user names exist.
	var decoy []byte
	for _, h := range users {
		cost, _ := bcrypt.Cost(h)
		decoy, _ = bcrypt.GenerateFromPassword([]byte("no such user"), cost)
		break
	}
	return func(ctx ssh.Context, pass string) bool {
		remote := limitKey(hostOf(ctx.RemoteAddr()))
		if !s.limiter.allow(remote) {
			s.cfg.Log.Warn("login refused: too many failures", "user", ctx.User(), "remote", remote)
			return false
		}
		hash, known := users[ctx.User()]
		if !known {
			hash = decoy
		}
		if bcrypt.CompareHashAndPassword(hash, []byte(pass)) == nil && known {
			return true
		}
		s.limiter.fail(remote)
		s.cfg.Log.Warn("login failed", "user", ctx.User(), "remote", remote, "method", "password")
		return false
	}
}

// publicKeyAuth accepts the keys in the authorized_keys file. A key that is
// not there is not counted as a failed login: clients offer every key they
// have, one after another, and a key cannot be guessed.
func (s *Server) publicKeyAuth(ctx ssh.Context, key ssh.PublicKey) bool {
	remote := limitKey(hostOf(ctx.RemoteAddr()))
	if !s.limiter.allow(remote) {
		s.cfg.Log.Warn("login refused: too many failures", "user", ctx.User(), "remote", remote)
		return false
	}
	return authorizedKey(s.cfg.AuthorizedKeys, key)
}

// authorizedKey reads the file at each login, so adding a terminal's key
// needs no restart.
func authorizedKey(path string, key ssh.PublicKey) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	for len(data) > 0 {
		k, _, _, rest, err := gossh.ParseAuthorizedKey(data)
		if err != nil {
			return false
		}
		if ssh.KeysEqual(key, k) {
			return true
		}
		data = rest
	}
	return false
}

func hostOf(addr net.Addr) string {
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}

// limitKey is the address the limits count by: an IPv6 /64 is one
// address, since one client is given a whole /64.
func limitKey(host string) string {
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() != nil {
		return host
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// failLimiter blocks an address for a while after too many failed logins.
type failLimiter struct {
	mu       sync.Mutex
	max      int
	block    time.Duration
	now      func() time.Time
	failures map[string][]time.Time
}

func newFailLimiter(max int, block time.Duration, now func() time.Time) *failLimiter {
	return &failLimiter{max: max, block: block, now: now, failures: map[string][]time.Time{}}
}

// recent drops failures older than the block time.
func (l *failLimiter) recent(addr string) []time.Time {
	cut := l.now().Add(-l.block)
	var keep []time.Time
	for _, t := range l.failures[addr] {
		if t.After(cut) {
			keep = append(keep, t)
		}
	}
	l.failures[addr] = keep
	return keep
}

func (l *failLimiter) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(addr)) < l.max
}

func (l *failLimiter) fail(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failures[addr] = append(l.recent(addr), l.now())
}
