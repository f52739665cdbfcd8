//go:build unix

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"stemcounsel/model"
	"stemcounsel/staffpin"
)

// Fault tests of the real binary: each stops the app the hard way (kill -9,
// a signal, a second app, a corrupt file, a full disk) and counts the
// checklist answers that were on the screen but are not in the record. The
// goal is 0. They take about a minute, so they run only when
// STEMCOUNSEL_E2E is set (CI sets it to "required"), and need tmux.

func needFaultTests(t *testing.T) {
	t.Helper()
	if os.Getenv("STEMCOUNSEL_E2E") == "" {
		t.Skip("the fault tests of the binary take about a minute; run them with STEMCOUNSEL_E2E=1")
	}
	needTmux(t)
}

// checklistKeys answer the checklist items in turn: yes, no, not sure.
var checklistKeys = []string{"1", "2", "3", "1"}

var answerOfKey = map[string]string{"1": "yes", "2": "no", "3": "not-sure"}

// answerItems answers the first n items, each one acknowledged on the
// screen (the next item shows) before the next key, at a person's pace.
func answerItems(s *tmuxSession, n int) {
	for i := range n {
		s.slowKeys(checklistKeys[i])
		s.waitFor(fmt.Sprintf("Item %d of 5", i+2))
	}
}

// lostAnswers counts the first n answers the record at path does not hold.
func lostAnswers(t *testing.T, path string, n int) int {
	t.Helper()
	var rec model.Record
	if err := json.Unmarshal([]byte(readFile(t, path)), &rec); err != nil {
		t.Fatalf("%s is not a readable record: %v", path, err)
	}
	lost := 0
	for i := range n {
		if i >= len(rec.Checklist) || rec.Checklist[i].Answer != answerOfKey[checklistKeys[i]] {
			lost++
		}
	}
	return lost
}

// startAtChecklist runs a fresh patient session in tmux and opens the
// checklist.
func startAtChecklist(t *testing.T, bin, dir string) *tmuxSession {
	t.Helper()
	s := startTmux(t, 80, 24, fmt.Sprintf("%s --records %s --lang en --role patient --group joint", bin, dir))
	t.Cleanup(s.stopApp)
	s.waitFor("Start ›")
	s.keys("Enter")
	consentYes(s)
	s.waitFor("Stem cells: what they are and are not")
	toChecklist(s)
	return s
}

// answeredSession builds the app, runs a fresh session and answers n
// checklist items; it returns the binary, the records folder, the tmux
// session and the session's code.
func answeredSession(t *testing.T, n int) (bin, dir string, s *tmuxSession, code string) {
	t.Helper()
	needFaultTests(t)
	bin, dir = buildBinary(t), t.TempDir()
	s = startAtChecklist(t, bin, dir)
	answerItems(s, n)
	return bin, dir, s, sessionCode(t, dir)
}

// sessionCode finds the one in-progress record's code in dir.
func sessionCode(t *testing.T, dir string) string {
	t.Helper()
	file := waitFile(t, filepath.Join(dir, "*.progress.json"), `"current_step"`)
	return strings.TrimSuffix(filepath.Base(file), ".progress.json")
}

// TestE2EFaultKillNineRightAfterAnswers kills the app the moment the screen
// shows an answer taken, three times, and resumes each session.
func TestE2EFaultKillNineRightAfterAnswers(t *testing.T) {
	needFaultTests(t)
	bin := buildBinary(t)
	const rounds, answers = 3, 4
	lost := 0
	for round := range rounds {
		dir := t.TempDir()
		s := startAtChecklist(t, bin, dir)
		answerItems(s, answers)
		if err := syscall.Kill(s.pid(), syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		s.waitDead()
		code := sessionCode(t, dir)
		n := lostAnswers(t, filepath.Join(dir, code+".progress.json"), answers)
		t.Logf("round %d: kill -9 right after answer %d: %d of %d answers lost", round+1, answers, n, answers)
		lost += n
		s.respawn(fmt.Sprintf("%s --records %s --resume %s", bin, dir, code))
		s.waitFor(code) // the lock of the killed app is free again
	}
	t.Logf("kill -9: %d of %d answers lost", lost, rounds*answers)
	if lost != 0 {
		t.Errorf("kill -9 lost %d of %d answers the screen had shown as taken", lost, rounds*answers)
	}
}

// TestE2EFaultSignalsRightAfterAnswers sends SIGTERM, SIGHUP and SIGINT the
// moment an answer shows: the app saves and exits 0.
func TestE2EFaultSignalsRightAfterAnswers(t *testing.T) {
	needFaultTests(t)
	bin := buildBinary(t)
	const answers = 2
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			s := startAtChecklist(t, bin, dir)
			answerItems(s, answers)
			if err := syscall.Kill(s.pid(), sig); err != nil {
				t.Fatal(err)
			}
			s.waitDead()
			code := sessionCode(t, dir)
			if n := lostAnswers(t, filepath.Join(dir, code+".progress.json"), answers); n != 0 {
				t.Errorf("%v right after answer %d: %d of %d answers lost", sig, answers, n, answers)
			}
			if locks, _ := filepath.Glob(filepath.Join(dir, code+".lock")); len(locks) != 0 {
				t.Errorf("a clean stop releases the lock: %v", locks)
			}
		})
	}
}

// TestE2EFaultTwoAppsOneCode: a second app cannot take a session that is
// open, and the first loses nothing; once the first quits, the second can.
func TestE2EFaultTwoAppsOneCode(t *testing.T) {
	bin, dir, a, code := answeredSession(t, 2)
	second := exec.Command(bin, "--records", dir, "--resume", code)
	out, err := second.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), "open in another window") {
		t.Fatalf("a second app on an open session must be refused (exit 1): %v\n%s", err, out)
	}
	a.keys(checklistKeys[2])
	a.waitFor("Item 4 of 5")
	if err := syscall.Kill(a.pid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	a.waitDead()
	if n := lostAnswers(t, filepath.Join(dir, code+".progress.json"), 3); n != 0 {
		t.Errorf("the first app lost %d of 3 answers while a second tried its session", n)
	}
	b := startTmux(t, 80, 24, fmt.Sprintf("%s --records %s --resume %s", bin, dir, code))
	t.Cleanup(b.stopApp)
	b.waitFor(code)
}

// TestE2EFaultCorruptProgressFile: a damaged in-progress file is set aside
// (kept whole for staff) and the other sessions still resume.
func TestE2EFaultCorruptProgressFile(t *testing.T) {
	bin, dir, s, code := answeredSession(t, 2)
	if err := syscall.Kill(s.pid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	s.waitDead()
	torn := []byte(`{"schema": 1, "code": "XYW346", "status": "in-pro`)
	bad := filepath.Join(dir, "XYW346.progress.json")
	if err := os.WriteFile(bad, torn, 0o600); err != nil {
		t.Fatal(err)
	}
	// A patient's start-up lists no sessions, so resume by code; the
	// start-up's clean-up reads every record and sets the torn one aside.
	s.respawn(fmt.Sprintf("%s --records %s --lang en --role patient --resume %s", bin, dir, code))
	s.waitFor(code)
	aside, _ := filepath.Glob(bad + ".corrupt-*")
	if len(aside) != 1 || readFile(t, aside[0]) != string(torn) {
		t.Fatalf("the corrupt file must be kept whole, set aside: %v", aside)
	}
	if n := lostAnswers(t, filepath.Join(dir, code+".progress.json"), 2); n != 0 {
		t.Errorf("a corrupt neighbour cost %d of 2 answers", n)
	}
}

// TestE2EFaultFullDisk runs the records folder on a 64 KiB tmpfs, fills it,
// answers, frees it and presses ctrl+s: every answer lands. It needs root
// (mount); without it the test says so and skips, and under
// STEMCOUNSEL_E2E=required, where CI runs as root, it fails instead.
func TestE2EFaultFullDisk(t *testing.T) {
	needFaultTests(t)
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", mnt).CombinedOutput(); err != nil {
		if os.Getenv("STEMCOUNSEL_E2E") == "required" {
			t.Fatalf("the full-disk test needs to mount a tmpfs (root): %v %s", err, out)
		}
		t.Skipf("cannot mount a tmpfs (needs root): %v %s", err, out)
	}
	// Registered before the app's own cleanup, so it runs after the app stopped.
	t.Cleanup(func() { _ = exec.Command("umount", "-l", mnt).Run() })
	bin := buildBinary(t)
	dir := filepath.Join(mnt, "records")
	s := startAtChecklist(t, bin, dir)
	s.keys(checklistKeys[0])
	s.waitFor("Item 2 of 5")
	code := sessionCode(t, dir)
	filler := filepath.Join(mnt, "filler")
	fill(t, filler)
	for i := 1; i < 4; i++ {
		s.keys(checklistKeys[i])
		s.waitFor(fmt.Sprintf("Item %d of 5", i+2))
	}
	s.waitFor("Could not save")
	if n := lostAnswers(t, filepath.Join(dir, code+".progress.json"), 4); n != 3 {
		t.Fatalf("with the disk full, 3 answers should be only on screen; %d are missing from the record", n)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	s.keys("C-s")
	deadline := time.Now().Add(10 * time.Second)
	for lostAnswers(t, filepath.Join(dir, code+".progress.json"), 4) != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("after freeing space and ctrl+s, %d of 4 answers are still not saved", lostAnswers(t, filepath.Join(dir, code+".progress.json"), 4))
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Log("full disk: 0 of 4 answers lost once space was freed")
}

// fill writes to path until the file system is full.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				break
			}
			t.Fatal(err)
		}
	}
	for n := 2048; n > 0; n /= 2 { // the last partial block too
		f.Write(buf[:n])
	}
}

// TestE2EFaultKilledKioskIsPurged kills a kiosk mid-session: its record,
// left in progress, is deleted at a later start-up once past retention (the
// kiosk promises it), and so is a temporary file a killed write left.
func TestE2EFaultKilledKioskIsPurged(t *testing.T) {
	needFaultTests(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	hash, _ := bcrypt.GenerateFromPassword([]byte("2468"), bcrypt.MinCost)
	t.Setenv(staffpin.EnvHash, string(hash)) // reaches the tmux server this test starts
	kiosk := fmt.Sprintf("%s --kiosk --lang en --records %s --retain 30", bin, dir)
	s := startTmux(t, 80, 24, kiosk)
	t.Cleanup(s.stopApp)
	s.waitFor("Your session code:")
	s.keys("Enter")
	consentYes(s)
	s.waitFor("Stem cells")
	s.slowKeys("m", "End", "Up", "Up", "Up", "Up", "Up", "Up", "Enter") // a patient with no group
	s.waitFor("Item 1 of 5")
	s.keys("1")
	file := waitFile(t, filepath.Join(dir, "*.progress.json"), `"answer": "yes"`)
	if err := syscall.Kill(s.pid(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	s.waitDead()
	if !strings.Contains(readFile(t, file), `"kiosk": true`) {
		t.Fatalf("a kiosk's record says it is one:\n%s", readFile(t, file))
	}
	// Forty days later.
	var rec map[string]any
	if err := json.Unmarshal([]byte(readFile(t, file)), &rec); err != nil {
		t.Fatal(err)
	}
	rec["updated"] = time.Now().AddDate(0, 0, -40).Format(time.RFC3339)
	aged, _ := json.Marshal(rec)
	if err := os.WriteFile(file, aged, 0o600); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, ".tmp-"+filepath.Base(file)+"-123")
	if err := os.WriteFile(tmp, aged, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(tmp, old, old); err != nil {
		t.Fatal(err)
	}
	s.respawn(kiosk)
	s.waitFor("Your session code:")
	for _, p := range []string{file, tmp} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s must be deleted at start-up, past the 30 days the kiosk promises", filepath.Base(p))
		}
	}
}
