//go:build unix

// Package pgtest starts a throwaway PostgreSQL server for tests: a cluster
// in a temporary folder that listens only on a Unix socket there, with no
// TCP port, and is removed when the tests end.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Server is one throwaway cluster.
type Server struct {
	dir  string // holds data/, the socket and the log
	bin  string // the folder of initdb, pg_ctl and postgres
	next atomic.Int64
}

// FindBin finds the folder of PostgreSQL's server programs: initdb on the
// PATH, else Debian's /usr/lib/postgresql/VERSION/bin (newest first).
func FindBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.Reverse(dirs)
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("PostgreSQL's server programs (initdb, pg_ctl) are not installed; on Debian: apt-get install postgresql")
}

// Start makes a cluster in a new temporary folder and starts it.
func Start() (*Server, error) {
	bin, err := FindBin()
	if err != nil {
		return nil, err
	}
	// A short path: a Unix socket's name is limited to about 100 bytes.
	dir, err := os.MkdirTemp(tempBase(), "pgtest-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin}
	if err := prepareDir(dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if out, err := s.command("initdb", "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync", "-D", s.data()).CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	if err := s.Resume(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	watchParent(s)
	return s, nil
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// Halt stops the server (fast shutdown: clients are disconnected), as a
// database going down would.
func (s *Server) Halt() error {
	if out, err := s.command("pg_ctl", "stop", "-m", "fast", "-w", "-D", s.data()).CombinedOutput(); err != nil {
		return fmt.Errorf("pg_ctl stop: %v\n%s", err, out)
	}
	return nil
}

// Resume starts the server again after Halt (and first, from Start).
func (s *Server) Resume() error {
	opts := fmt.Sprintf("-k %s -c listen_addresses= -c fsync=off", s.dir)
	out, err := s.command("pg_ctl", "start", "-w", "-D", s.data(), "-l", filepath.Join(s.dir, "log"), "-o", opts).CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "log"))
		return fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	return nil
}

// Remove stops the server and deletes its folder.
func (s *Server) Remove() {
	_ = s.Halt()
	os.RemoveAll(s.dir)
}

// URL is the address of database db on this server.
func (s *Server) URL(db string) string {
	return "postgres://postgres@/" + db + "?host=" + url.QueryEscape(s.dir)
}

// NewDB creates an empty database of its own for one test and gives its URL.
func (s *Server) NewDB(ctx context.Context) (string, error) {
	name := fmt.Sprintf("t%d", s.next.Add(1))
	conn, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	return s.URL(name), nil
}

// Shared is a server started once for a package's tests (in TestMain) and
// the reason it could not be.
type Shared struct {
	Server *Server
	Err    error
}

// StartShared starts the server for TestMain; Stop it after m.Run.
func StartShared() *Shared {
	s, err := Start()
	return &Shared{Server: s, Err: err}
}

var lazy struct {
	once   sync.Once
	shared *Shared
}

// Lazy is a server shared by a package's tests that need one, started by
// the first of them. Nothing stops it explicitly: its watchdog removes it
// once the test process has ended.
func Lazy() *Shared {
	lazy.once.Do(func() { lazy.shared = StartShared() })
	return lazy.shared
}

// Stop removes the server, if it started.
func (sh *Shared) Stop() {
	if sh.Server != nil {
		sh.Server.Remove()
	}
}

// DB gives a test a fresh database. Without PostgreSQL the test is
// skipped with the reason, or fails under STEMCOUNSEL_E2E=required, where a
// skip would hide a broken promise.
func (sh *Shared) DB(tb testing.TB) string {
	tb.Helper()
	sh.Need(tb)
	u, err := sh.Server.NewDB(context.Background())
	if err != nil {
		tb.Fatalf("creating a test database: %v", err)
	}
	return u
}

// Own starts a server for one test alone, one it may stop and start again,
// with a database; it is removed when the test ends.
func (sh *Shared) Own(tb testing.TB) (*Server, string) {
	tb.Helper()
	sh.Need(tb)
	s, err := Start()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Remove)
	u, err := s.NewDB(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return s, u
}

// Need skips or fails the test when the server could not start.
func (sh *Shared) Need(tb testing.TB) {
	tb.Helper()
	if sh.Err == nil {
		return
	}
	if os.Getenv("STEMCOUNSEL_E2E") == "required" {
		tb.Fatalf("PostgreSQL is required (STEMCOUNSEL_E2E=required) but could not start: %v", sh.Err)
	}
	tb.Skipf("no PostgreSQL for this test: %v", sh.Err)
}
