package server

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/crypto/bcrypt"
	gossh "golang.org/x/crypto/ssh"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/ui"
)

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyUp    = "\x1b[A"
	keyEnd   = "\x1b[F"
)

type fixture struct {
	srv     *Server
	addr    string
	records string
	key     gossh.Signer // an authorized client key
}

func newKey(t testing.TB) (gossh.Signer, ed25519.PrivateKey) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer, priv
}

func startServer(t testing.TB, mutate func(*Config)) *fixture {
	t.Helper()
	b, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	f := &fixture{records: filepath.Join(dir, "records")}
	f.key, _ = newKey(t)
	authorized := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(authorized, gossh.MarshalAuthorizedKey(f.key.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	hash, _ := bcrypt.GenerateFromPassword([]byte("right"), bcrypt.MinCost)
	passwords := filepath.Join(dir, "passwords")
	if err := os.WriteFile(passwords, []byte("tablet1:"+string(hash)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Listen:           "127.0.0.1:0",
		HostKey:          filepath.Join(dir, "host_ed25519"),
		AuthorizedKeys:   authorized,
		PasswordHashFile: passwords,
		Session: ui.Options{
			Content: b, Cache: ui.NewRenderCache(), Now: time.Now,
			Lang: model.LangEN, LangSet: true, Role: model.RolePatient,
			Store: records.OpenFolder(f.records),
		},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if mutate != nil {
		mutate(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.srv, f.addr = srv, l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return f
}

func dial(addr, user string, auth gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: user, Auth: []gossh.AuthMethod{auth},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
	})
}

// terminal is one SSH session with a PTY, as a waiting-room terminal.
type terminal struct {
	t      testing.TB
	client *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	mu     sync.Mutex
	out    strings.Builder
}

func openTerminal(t testing.TB, f *fixture, w, h int) *terminal {
	t.Helper()
	return openRunning(t, f, w, h, "")
}

// openRunning is a terminal that asks the server to run command ("" for
// none, as a plain ssh -t does).
func openRunning(t testing.TB, f *fixture, w, h int, command string) *terminal {
	t.Helper()
	client, err := dial(f.addr, "kiosk", gossh.PublicKeys(f.key))
	if err != nil {
		t.Fatal(err)
	}
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, client: client, sess: sess}
	term.in, _ = sess.StdinPipe()
	stdout, _ := sess.StdoutPipe()
	stderr, _ := sess.StderrPipe()
	for _, r := range []io.Reader{stdout, stderr} {
		go func() {
			buf := make([]byte, 4096)
			for {
				n, err := r.Read(buf)
				term.mu.Lock()
				term.out.Write(buf[:n])
				term.mu.Unlock()
				if err != nil {
					return
				}
			}
		}()
	}
	start := sess.Shell
	if command != "" {
		start = func() error { return sess.Start(command) }
	}
	if err := start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return term
}

func (m *terminal) outLen() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.out.Len()
}

func (m *terminal) text() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return ansi.Strip(m.out.String())
}

func (m *terminal) waitFor(want string) {
	m.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(m.text(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	m.t.Fatalf("the terminal never showed %q; it shows:\n%s", want, m.text())
}

func (m *terminal) send(keys ...string) {
	for _, k := range keys {
		if _, err := io.WriteString(m.in, k); err != nil {
			m.t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond) // one key at a time, as typed
	}
}

// toChecklist goes from the welcome screen to the checklist (a patient
// without a group: the seventh step from the end).
func (m *terminal) toChecklist() {
	m.send(keyEnter)
	m.waitFor("Stem cells")
	m.send("m", keyEnd, keyUp, keyUp, keyUp, keyUp, keyUp, keyUp, keyEnter)
	m.waitFor("Item 1 of 5")
}

// waitRecords polls the records folder until n records hold want.
func waitRecords(t testing.TB, dir, pattern, want string, n int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var found []string
	for time.Now().Before(deadline) {
		found = nil
		files, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil && strings.Contains(string(data), want) {
				found = append(found, f)
			}
		}
		if len(found) >= n {
			return found
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%d records in %s hold %q, want %d", len(found), dir, want, n)
	return nil
}

func TestTwoSessionsKeepSeparateRecords(t *testing.T) {
	f := startServer(t, nil)
	a, b := openTerminal(t, f, 80, 24), openTerminal(t, f, 80, 24)
	a.waitFor("Start ›")
	b.waitFor("Start ›")
	a.toChecklist()
	b.toChecklist()
	a.send("1") // end stage: Yes
	b.send("2") // end stage: No
	yes := waitRecords(t, f.records, "*.progress.json", `"answer": "yes"`, 1)
	no := waitRecords(t, f.records, "*.progress.json", `"answer": "no"`, 1)
	if yes[0] == no[0] {
		t.Fatal("two sessions wrote one record")
	}
	for _, r := range []string{yes[0], no[0]} {
		data, _ := os.ReadFile(r)
		if strings.Count(string(data), `"answer": "yes"`)+strings.Count(string(data), `"answer": "no"`) != 1 {
			t.Fatalf("%s holds the other session's answer:\n%s", r, data)
		}
	}
}

func TestShutdownSavesEverySession(t *testing.T) {
	f := startServer(t, nil)
	a, b := openTerminal(t, f, 80, 24), openTerminal(t, f, 80, 24)
	for _, term := range []*terminal{a, b} {
		term.waitFor("Start ›")
		term.toChecklist()
		term.send("3")
	}
	waitRecords(t, f.records, "*.progress.json", `"answer": "not-sure"`, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	for _, term := range []*terminal{a, b} {
		term.waitFor("The server is stopping. Your session is saved with code")
	}
	saved := waitRecords(t, f.records, "*.progress.json", `"current_step": "checklist"`, 2)
	if len(saved) != 2 {
		t.Fatalf("both sessions must be saved: %v", saved)
	}
}

func TestResizeReachesTheSession(t *testing.T) {
	f := startServer(t, nil)
	term := openTerminal(t, f, 80, 24)
	term.waitFor("Start ›")
	if err := term.sess.WindowChange(11, 39); err != nil {
		t.Fatal(err)
	}
	term.waitFor("(39x11)")
	if err := term.sess.WindowChange(24, 80); err != nil {
		t.Fatal(err)
	}
}

func TestAuthentication(t *testing.T) {
	f := startServer(t, nil)
	stranger, _ := newKey(t)
	if _, err := dial(f.addr, "kiosk", gossh.PublicKeys(stranger)); err == nil {
		t.Fatal("an unknown key must be refused")
	}
	if _, err := dial(f.addr, "tablet1", gossh.Password("wrong")); err == nil {
		t.Fatal("a wrong password must be refused")
	}
	c, err := dial(f.addr, "tablet1", gossh.Password("right"))
	if err != nil {
		t.Fatalf("the right password must work: %v", err)
	}
	c.Close()
	for range 5 {
		dial(f.addr, "tablet1", gossh.Password("guess"))
	}
	if _, err := dial(f.addr, "tablet1", gossh.Password("right")); err == nil {
		t.Fatal("after five failures the address is blocked for a while")
	}
}

func TestNoPTYIsRefused(t *testing.T) {
	f := startServer(t, nil)
	client, err := dial(f.addr, "kiosk", gossh.PublicKeys(f.key))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, _ := client.NewSession()
	out, err := sess.CombinedOutput("")
	if err == nil || !strings.Contains(string(out), "connect with ssh -t") {
		t.Fatalf("a session without a PTY must be refused: %v %q", err, out)
	}
}

func TestMaxSessions(t *testing.T) {
	f := startServer(t, func(c *Config) { c.MaxSessions = 1 })
	a := openTerminal(t, f, 80, 24)
	a.waitFor("Start ›")
	b := openTerminal(t, f, 80, 24)
	b.waitFor("Every place on this server is taken right now (the limit is 1)")
}

// TestServerSpeaksTheSessionsLanguage: with Vietnamese sessions, the
// refusals, the missing-terminal hint and the stop message are Vietnamese.
func TestServerSpeaksTheSessionsLanguage(t *testing.T) {
	f := startServer(t, func(c *Config) { c.MaxSessions = 1; c.Session.Lang = model.LangVI })
	client, err := dial(f.addr, "kiosk", gossh.PublicKeys(f.key))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, _ := client.NewSession()
	if out, _ := sess.CombinedOutput(""); !strings.Contains(string(out), "hãy kết nối bằng ssh -t") {
		t.Fatalf("no PTY: %q", out)
	}
	a := openTerminal(t, f, 80, 24)
	a.waitFor("Bắt đầu ›")
	a.send(keyEnter)
	a.waitFor("Tế bào gốc")
	a.send("m", keyEnd, keyUp, keyUp, keyUp, keyUp, keyUp, keyUp, keyEnter)
	a.waitFor("Mục 1/5")
	a.send("3")
	openTerminal(t, f, 80, 24).waitFor("Máy chủ đã đủ chỗ")
	waitRecords(t, f.records, "*.progress.json", `"answer": "not-sure"`, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	a.waitFor("Máy chủ đang dừng. Phiên của bạn đã được lưu với mã")
}

func TestConfigRefusals(t *testing.T) {
	dir := t.TempDir()
	base := Config{Listen: "0.0.0.0:2222", HostKey: filepath.Join(dir, "key")}
	if _, err := New(base); err == nil || !strings.Contains(err.Error(), "needs --authorized-keys") {
		t.Fatalf("no auth: %v", err)
	}
	base.NoAuth = true
	if _, err := New(base); err == nil || !strings.Contains(err.Error(), "only allowed on a loopback") {
		t.Fatalf("no-auth on a public address: %v", err)
	}
	base.Listen = "127.0.0.1:0"
	base.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := New(base); err != nil {
		t.Fatalf("no-auth on loopback is allowed: %v", err)
	}
}

func TestHostKeyIsKeptAndReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "host")
	if err := ensureHostKey(path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode: %v %v", err, st.Mode())
	}
	first, _ := os.ReadFile(path)
	if err := ensureHostKey(path); err != nil {
		t.Fatal(err)
	}
	if second, _ := os.ReadFile(path); string(first) != string(second) {
		t.Fatal("an existing host key is reused, never replaced")
	}
	if _, err := gossh.ParsePrivateKey(first); err != nil {
		t.Fatalf("the host key must be a usable key: %v", err)
	}
}

func TestFailLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newFailLimiter(3, time.Minute, func() time.Time { return now })
	for range 3 {
		l.fail("10.0.0.1")
	}
	if l.allow("10.0.0.1") || !l.allow("10.0.0.2") {
		t.Fatal("blocking is per address")
	}
	now = now.Add(61 * time.Second)
	if !l.allow("10.0.0.1") {
		t.Fatal("the block ends after the window")
	}
}
