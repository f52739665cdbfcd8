//go:build unix

package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"stemcounsel/records"
	"stemcounsel/records/pgstore"
	"stemcounsel/records/pgstore/pgtest"
)

// These tests run the real binary on a real PostgreSQL server, as a chain
// of clinics would: servers share one database.

// serveProcess runs "stemcounsel serve" on a free loopback port and
// returns the process and the port once it accepts connections.
func serveProcess(t *testing.T, bin, url, clinic string) (*exec.Cmd, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "--no-auth", "--listen", addr, "--host-key", filepath.Join(t.TempDir(), "host_key"),
		"--records", url, "--clinic", clinic, "--lang", "en", "--role", "patient", "--group", "joint")
	var log strings.Builder
	var mu sync.Mutex
	cmd.Stdout, cmd.Stderr = lockedWriter{&mu, &log}, lockedWriter{&mu, &log}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			mu.Lock()
			t.Logf("serve %s said:\n%s", clinic, log.String())
			mu.Unlock()
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve never listened on %s", addr)
		}
	}
	_, port, _ := strings.Cut(addr, ":")
	return cmd, port
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *strings.Builder
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func sshTo(port string) string {
	return "ssh -tt -p " + port + " -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR tablet@127.0.0.1"
}

func needSSH(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("ssh"); err != nil {
		if os.Getenv("STEMCOUNSEL_E2E") == "required" {
			t.Fatal("ssh is required for the end-to-end tests (STEMCOUNSEL_E2E=required) but is not installed")
		}
		t.Skip("ssh is not installed; the end-to-end test needs it")
	}
}

// waitAnswer polls the database until the record of code holds want as
// the answer to item.
func waitAnswer(t *testing.T, db *pgstore.Store, code, item, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rec, err := db.Load(code)
		if err == nil {
			for _, it := range rec.Checklist {
				if it.Item == item && it.Answer == want {
					return
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the database never held %s = %s for %s (last: %+v, %v)", item, want, code, rec.Checklist, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// onlySession waits for the one record in the database and gives its code.
func onlySession(t *testing.T, db *pgstore.Store, except string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		list, _, err := db.List()
		for _, e := range list {
			if err == nil && e.Code != except {
				return e.Code
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no new session in the database: %v %v", list, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestE2EChainServerKilledMidChecklist runs two serve processes, at two
// clinics, on one database. Server A is killed with SIGKILL in the middle
// of a checklist; once its lease has run out the session resumes at the
// other site with every answer, and records lists both servers' sessions.
func TestE2EChainServerKilledMidChecklist(t *testing.T) {
	needTmux(t)
	needSSH(t)
	url := pgtest.Lazy().DB(t)
	bin := buildBinary(t)
	a, portA := serveProcess(t, bin, url, "hanoi")
	_, portB := serveProcess(t, bin, url, "hue")
	db, err := pgstore.Open(url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Disconnect()

	onA := startTmux(t, 80, 24, sshTo(portA))
	onA.waitFor("Start ›")
	onA.keys("Enter")
	consentYes(onA)
	onA.waitFor("Stem cells: what they are and are not")
	toChecklist(onA)
	onA.slowKeys("1", "3") // end stage: Yes; fibrosis: Not sure
	onA.waitFor("Item 3 of 5")
	code := onlySession(t, db, "")
	waitAnswer(t, db, code, "fibrosis", "not-sure")
	if err := a.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = a.Wait()

	onB := startTmux(t, 80, 24, sshTo(portB))
	onB.waitFor("Start ›")
	onB.keys("Enter")
	consentYes(onB)
	toChecklist(onB)
	onB.keys("2")
	other := onlySession(t, db, code)
	waitAnswer(t, db, other, "end-stage", "no")

	start := time.Now()
	for err := db.Acquire(code); err != nil; err = db.Acquire(code) {
		if !errors.Is(err, records.ErrLocked) || time.Since(start) > 3*pgstore.DefaultLeaseTTL {
			t.Fatalf("the killed server's session is still held after %v: %v", time.Since(start), err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	db.ReleaseCode(code)
	t.Logf("the killed server's session was free after %v", time.Since(start).Round(100*time.Millisecond))

	app := startTmux(t, 80, 24, fmt.Sprintf("%s --records '%s' --clinic hue --resume %s", bin, url, code))
	app.waitFor(code)
	app.keys("m", "End", "Enter")
	app.waitFor("Session summary")
	app.waitFor("End-stage disease: Yes")
	app.waitFor("Widespread fibrosis: Not sure")

	out, err := exec.Command(bin, "records", "--records", url).CombinedOutput()
	if err != nil || !strings.Contains(string(out), code) || !strings.Contains(string(out), other) ||
		!strings.Contains(string(out), "hanoi") || !strings.Contains(string(out), "hue") {
		t.Fatalf("records must list both servers' sessions: %v\n%s", err, out)
	}
	out, err = exec.Command(bin, "records", "--records", url, "--clinic", "hue").CombinedOutput()
	if err != nil || strings.Contains(string(out), code) || !strings.Contains(string(out), other) {
		t.Fatalf("records --clinic hue lists only the sessions begun there: %v\n%s", err, out)
	}
}

// TestE2EDatabaseStoppedAndStarted stops the database in the middle of a
// session and starts it again: the app says so, keeps going, and no answer
// is lost.
func TestE2EDatabaseStoppedAndStarted(t *testing.T) {
	needTmux(t)
	srv, url := pgtest.Lazy().Own(t)
	bin := buildBinary(t)
	s := startTmux(t, 80, 24, fmt.Sprintf("%s --records '%s' --lang en --role patient --group joint", bin, url))
	s.waitFor("Start ›")
	s.keys("Enter")
	consentYes(s)
	s.waitFor("Stem cells: what they are and are not")
	toChecklist(s)
	s.keys("1")
	s.waitFor("Item 2 of 5")
	db, err := pgstore.Open(url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Disconnect()
	code := onlySession(t, db, "")
	waitAnswer(t, db, code, "end-stage", "yes")

	if err := srv.Halt(); err != nil {
		t.Fatal(err)
	}
	s.keys("3")
	s.waitFor("Could not save to")
	s.waitFor("the database cannot be reached")
	if err := srv.Resume(); err != nil {
		t.Fatal(err)
	}
	s.keys("2")
	waitAnswer(t, db, code, "fibrosis", "not-sure")
	waitAnswer(t, db, code, "acute-infection", "no")
	for deadline := time.Now().Add(10 * time.Second); strings.Contains(s.screen(), "Could not save to"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the banner stays once the database is back:\n%s", s.screen())
		}
	}
	s.stopApp()
}
