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
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/activeterm"
	bm "charm.land/wish/v2/bubbletea"
	"golang.org/x/crypto/bcrypt"
	gossh "golang.org/x/crypto/ssh"

	"stemcounsel/model"
	"stemcounsel/ui"
)

// Config is how a clinic runs the server.
type Config struct {
	Listen           string
	HostKey          string // generated here (0600) if missing, then reused
	AuthorizedKeys   string // an authorized_keys file, or
	PasswordHashFile string // lines "user:bcrypt-hash"
	NoAuth           bool   // allowed only on a loopback address
	MaxSessions      int    // 0: no limit

	// Session is the template for every session's options; Code, Store's
	// records and the model are made per session. Its Cache may be shared:
	// it holds only immutable rendered pages.
	Session ui.Options
	Log     *slog.Logger
}

// Server is a running SSH server and its sessions.
type Server struct {
	cfg     Config
	ssh     *ssh.Server
	limiter *failLimiter

	mu       sync.Mutex
	sessions map[*tea.Program]*ui.Model
	stopping bool
	wg       sync.WaitGroup
}

// New checks the configuration and prepares the server. It refuses to run
// without authentication unless the address is loopback and NoAuth is set.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	s := &Server{cfg: cfg, sessions: map[*tea.Program]*ui.Model{}, limiter: newFailLimiter(5, time.Minute, time.Now)}
	opts := []ssh.Option{wish.WithAddress(cfg.Listen)}

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
		activeterm.Middleware(), // a session without a PTY is refused first
	))
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, err
	}
	s.ssh = srv
	return s, nil
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
	p *tea.Program
	m *ui.Model
}

// sessionMiddleware refuses sessions past the limit; once a session's
// program has ended (the client left, staff exited a kiosk, or the server
// is stopping) it saves the session if unfinished and forgets it.
func (s *Server) sessionMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.mu.Lock()
		full := s.cfg.MaxSessions > 0 && len(s.sessions) >= s.cfg.MaxSessions
		stopping := s.stopping
		s.mu.Unlock()
		switch {
		case stopping:
			wish.Fatalln(sess, "The server is stopping. Please try again in a moment.")
			return
		case full:
			s.cfg.Log.Warn("session refused: too many sessions", "user", sess.User(), "remote", sess.RemoteAddr().String(), "max", s.cfg.MaxSessions)
			wish.Fatalln(sess, fmt.Sprintf("All %d places are in use. Please try again in a moment, or ask at the desk.", s.cfg.MaxSessions))
			return
		}
		next(sess) // runs the program to its end
		if r, ok := sess.Context().Value(sessionKey{}).(running); ok {
			s.end(r, sess)
		}
	}
}

// program makes a session's own model and program: nothing mutable is
// shared between sessions.
func (s *Server) program(sess ssh.Session) *tea.Program {
	opt := s.cfg.Session
	code, err := model.NewCode(rand.Reader)
	if err != nil {
		wish.Fatalln(sess, "The server cannot start a session now.")
		return nil
	}
	opt.Code = code
	opt.Terminal = "ssh " + sess.User() + "@" + sess.RemoteAddr().String()
	opt.NewCode = func() string {
		c, err := model.NewCode(rand.Reader)
		if err != nil {
			panic(err)
		}
		return c
	}
	m := ui.New(opt)
	opts := append([]tea.ProgramOption{tea.WithoutSignalHandler()}, bm.MakeOptions(sess)...)
	p := tea.NewProgram(m, opts...)

	s.mu.Lock()
	if s.stopping || (s.cfg.MaxSessions > 0 && len(s.sessions) >= s.cfg.MaxSessions) {
		s.mu.Unlock()
		wish.Fatalln(sess, "The server is busy. Please try again in a moment.")
		return nil
	}
	s.sessions[p] = m
	s.wg.Add(1)
	s.mu.Unlock()
	sess.Context().SetValue(sessionKey{}, running{p: p, m: m})
	s.cfg.Log.Info("session start", "user", sess.User(), "remote", sess.RemoteAddr().String(), "code", code)
	return p
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
		status = "not kept: the patient said no, or was not asked yet"
	} else if m.ShouldSave() && s.cfg.Session.Store != nil {
		status = "saved in progress"
		if err := s.cfg.Session.Store.SaveProgress(m.Record(), 0); err != nil {
			status = "not saved"
			s.cfg.Log.Error("could not save a session", "code", m.Session().Code, "dir", s.cfg.Session.Store.String(), "error", err)
		}
	}
	if s.cfg.Session.Store != nil {
		s.cfg.Session.Store.ReleaseCode(m.Session().Code)
	}
	if stopping {
		saved := fmt.Sprintf("Your session is saved with code %s.", m.Session().Code)
		if !m.Keeps() {
			saved = ui.NotKept(m.Session().Lang)
		}
		wish.Println(sess, "\r\nThe server is stopping. "+saved+"\r")
	}
	s.cfg.Log.Info("session end", "user", sess.User(), "code", m.Session().Code, "record", status)
}

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
		if _, err := bcrypt.Cost([]byte(hash)); err != nil {
			return nil, fmt.Errorf("%s:%d: not a bcrypt hash (make one with: stemcounsel hash-pin)", path, n)
		}
		users[user] = []byte(hash)
	}
	if len(users) == 0 {
		return nil, fmt.Errorf("%s: no user:hash lines", path)
	}
	return users, sc.Err()
}

func (s *Server) passwordAuth(users map[string][]byte) ssh.PasswordHandler {
	return func(ctx ssh.Context, pass string) bool {
		remote := hostOf(ctx.RemoteAddr())
		if !s.limiter.allow(remote) {
			s.cfg.Log.Warn("login refused: too many failures", "user", ctx.User(), "remote", remote)
			return false
		}
		hash, ok := users[ctx.User()]
		if ok && bcrypt.CompareHashAndPassword(hash, []byte(pass)) == nil {
			return true
		}
		s.limiter.fail(remote)
		s.cfg.Log.Warn("login failed", "user", ctx.User(), "remote", remote, "method", "password")
		return false
	}
}

func (s *Server) publicKeyAuth(ctx ssh.Context, key ssh.PublicKey) bool {
	remote := hostOf(ctx.RemoteAddr())
	if !s.limiter.allow(remote) {
		s.cfg.Log.Warn("login refused: too many failures", "user", ctx.User(), "remote", remote)
		return false
	}
	if authorizedKey(s.cfg.AuthorizedKeys, key) {
		return true
	}
	s.limiter.fail(remote)
	s.cfg.Log.Warn("login failed", "user", ctx.User(), "remote", remote, "method", "publickey")
	return false
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
