//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// These tests run the real binary in tmux, as a user would meet it. Without
// tmux they skip, unless STEMCOUNSEL_E2E=required (as CI sets it), where a
// skip would hide a broken promise, so it fails instead.

type tmuxSession struct {
	t      testing.TB
	socket string
	// lastText is when the last of a run of text keys was sent: see keys.
	lastText time.Time
}

func needTmux(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("STEMCOUNSEL_E2E") == "required" {
			t.Fatal("tmux is required for the end-to-end tests (STEMCOUNSEL_E2E=required) but is not installed")
		}
		t.Skip("tmux is not installed; the end-to-end tests need it")
	}
}

// buildBinary compiles the app once per test into a temporary folder.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stemcounsel")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func startTmux(t testing.TB, w, h int, command string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("stemcounsel-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	// The pane stays after the program exits, so its last words can be read.
	s.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), "sleep 3600")
	// Cleanups run last-registered first, so this one runs before the test's
	// temporary folders are removed: the app must have stopped writing by then.
	t.Cleanup(func() {
		s.stopApp()
		_ = exec.Command("tmux", "-L", s.socket, "kill-server").Run()
	})
	s.run("set-option", "-t", "e2e", "remain-on-exit", "on")
	s.respawn(command)
	return s
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) respawn(command string) {
	s.t.Helper()
	s.run("respawn-pane", "-k", "-t", "e2e", command)
}

// keys sends tmux key names to the pane. Text keys (a character, space,
// enter, tab) in a row go at a person's pace, at least personGap apart:
// the app takes a run of them faster than anyone types as a paste, which
// answers nothing. A test that waits for the screen between two keys can
// still send the second within the app's gap of the first being handled
// (y, q, y through two dialogs lost the last y under the race detector).
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if tmuxTextKey(k) {
			if wait := personGap - time.Since(s.lastText); wait > 0 {
				time.Sleep(wait)
			}
		}
		s.run("send-keys", "-t", "e2e", k)
		s.lastText = time.Time{}
		if tmuxTextKey(k) {
			s.lastText = time.Now()
		}
	}
}

// personGap is more than twice the app's paste gap.
const personGap = 40 * time.Millisecond

// tmuxTextKey reports whether a tmux key name sends a key the app counts
// as text.
func tmuxTextKey(k string) bool {
	return utf8.RuneCountInString(k) == 1 || k == "Enter" || k == "Tab" || k == "Space"
}

// slowKeys sends keys as a person types them: keys closer together than
// anyone types count as a paste, which answers nothing.
func (s *tmuxSession) slowKeys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.keys(k)
		time.Sleep(60 * time.Millisecond)
	}
}

// typeText types text at once, as a terminal without bracketed paste
// pastes it, and waits until the screen shows shown: the app takes text
// keys that follow a run too closely as part of it, so the key after it
// must come once the run is handled.
func (s *tmuxSession) typeText(text, shown string) {
	s.t.Helper()
	s.run("send-keys", "-t", "e2e", "-l", text)
	s.waitFor(shown)
	time.Sleep(50 * time.Millisecond)
}

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", "e2e") }

// waitFor polls the screen until it shows want.
func (s *tmuxSession) waitFor(want string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		// Whole, or wrapped over lines (in a box, as a notice): a message's
		// wrap moves with the length of the temporary paths it names.
		if scr := s.screen(); strings.Contains(scr, want) || strings.Contains(screenWords(scr), screenWords(want)) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("screen never showed %q:\n%s", want, s.screen())
}

// screenWords is a screen's words in one run, without box edges.
func screenWords(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╮", " ", "╰", " ", "╯", " ").Replace(s)), " ")
}

func (s *tmuxSession) pid() int {
	s.t.Helper()
	pid, err := strconv.Atoi(strings.TrimSpace(s.run("display-message", "-p", "-t", "e2e", "#{pane_pid}")))
	if err != nil {
		s.t.Fatal(err)
	}
	return pid
}

// waitDead polls until the pane's program has exited.
func (s *tmuxSession) waitDead() {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.TrimSpace(s.run("display-message", "-p", "-t", "e2e", "#{pane_dead}")) == "1" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("the program did not exit:\n%s", s.screen())
}

// stopApp ends whatever still runs in the pane and waits until it has
// exited. Killing the tmux server alone would hang the app up, and it would
// then save the session into a folder the test is already removing.
func (s *tmuxSession) stopApp() {
	query := func(format string) string {
		out, _ := exec.Command("tmux", "-L", s.socket, "display-message", "-p", "-t", "e2e", format).Output()
		return strings.TrimSpace(string(out))
	}
	pid, err := strconv.Atoi(query("#{pane_pid}"))
	if err != nil {
		return // no pane: nothing runs
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		if query("#{pane_dead}") == "1" {
			return
		}
		_ = syscall.Kill(-pid, sig) // the pane's whole process group: a shell and the app it runs
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if query("#{pane_dead}") == "1" {
				return
			}
		}
	}
	s.t.Errorf("the program in the pane did not stop:\n%s", query("#{pane_pid}"))
}

// waitFile polls until a file exists and contains want.
func waitFile(t *testing.T, pattern, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		matches, _ := filepath.Glob(pattern)
		for _, m := range matches {
			if data, err := os.ReadFile(m); err == nil && strings.Contains(string(data), want) {
				return m
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no file %s with %q", pattern, want)
	return ""
}

// consentYes answers the question on keeping the record with a yes, as a
// patient would after Start.
func consentYes(s *tmuxSession) {
	s.waitFor("Yes, keep it")
	s.keys("y")
}

// toChecklist opens the contents and jumps to the checklist: for a patient
// with one group it is the seventh step from the end.
func toChecklist(s *tmuxSession) {
	s.slowKeys("m", "End")
	for range 6 {
		s.keys("Up")
	}
	s.keys("Enter")
	s.waitFor("Item 1 of 5")
}

func TestE2EKillRestartResume(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	app := fmt.Sprintf("%s --records %s --lang en --role patient --group joint", bin, dir)
	s := startTmux(t, 80, 24, app)
	s.waitFor("Start ›")
	s.keys("Enter")
	consentYes(s)
	s.waitFor("Stem cells: what they are and are not")
	toChecklist(s)
	s.slowKeys("1", "3") // end stage: Yes; fibrosis: Not sure
	s.waitFor("Item 3 of 5")
	file := waitFile(t, filepath.Join(dir, "*.progress.json"), `"answer": "not-sure"`)
	code := strings.TrimSuffix(filepath.Base(file), ".progress.json")

	if err := syscall.Kill(s.pid(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	s.waitDead()

	s.respawn(fmt.Sprintf("%s --records %s --resume %s", bin, dir, code))
	s.waitFor(code)
	s.slowKeys("m", "End", "Enter")
	s.waitFor("Session summary")
	s.waitFor("End-stage disease: Yes")
	s.waitFor("Widespread fibrosis: Not sure")
}

func TestE2ESignalsSave(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			status := filepath.Join(t.TempDir(), "status")
			// The shell records the app's exit code once it ends.
			s := startTmux(t, 80, 24, fmt.Sprintf("sh -c '%s --records %s --lang en --role patient --group lung; echo $? > %s'", bin, dir, status))
			s.waitFor("Start ›")
			s.keys("Enter")
			consentYes(s)
			s.waitFor("Stem cells: what they are and are not")
			toChecklist(s)
			s.keys("2")
			s.waitFor("Item 2 of 5")
			if err := syscall.Kill(appPID(t, s.pid()), sig); err != nil {
				t.Fatal(err)
			}
			s.waitDead()
			// The default action of these signals kills the process (status
			// 128+signal); only the app's own handler saves and exits 0.
			waitFile(t, status, "0\n")
			file := waitFile(t, filepath.Join(dir, "*.progress.json"), `"answer": "no"`)
			if !strings.Contains(readFile(t, file), `"current_step": "checklist"`) {
				t.Fatal("the saved record must say where the session stopped")
			}
			if locks, _ := filepath.Glob(filepath.Join(dir, "??????.lock")); len(locks) != 0 { // a session's, not the audit log's
				t.Fatalf("a clean exit releases the lock: %v", locks)
			}
		})
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// appPID finds the app under the pane's shell.
func appPID(t *testing.T, shell int) int {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		out, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", shell, shell))
		if pid, err := strconv.Atoi(strings.TrimSpace(string(out))); err == nil {
			return pid
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no child of %d", shell)
	return 0
}

func TestE2EKioskIdleReset(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	hash, err := bcrypt.GenerateFromPassword([]byte("2468"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	pinFile := filepath.Join(t.TempDir(), "pin")
	if err := os.WriteFile(pinFile, hash, 0o600); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 60, 20, fmt.Sprintf("%s --kiosk --idle 5s --lang en --records %s --exit-pin-file %s", bin, dir, pinFile))
	s.waitFor("Your session code:")
	first := codeOnScreen(t, s.screen())
	s.keys("Enter")
	consentYes(s)
	s.waitFor("Stem cells")
	s.keys("f")
	s.waitFor("A question for the doctor")
	s.typeText("ZEBRA cost question", "ZEBRA cost question")
	s.keys("Enter")
	s.waitFor("Your question is noted")
	s.keys("C-c", "q") // neither quits a kiosk
	// Left alone, the kiosk counts down, saves and starts over.
	s.waitFor("Are you still there?")
	s.waitFor("Your session code:")
	if strings.Contains(s.screen(), "ZEBRA") || strings.Contains(s.screen(), first) {
		t.Fatalf("the previous patient's session is still on screen:\n%s", s.screen())
	}
	waitFile(t, filepath.Join(dir, first+".json"), `"status": "abandoned"`)
	// Staff exit with the PIN.
	s.keys("C-x")
	s.waitFor("enter the PIN")
	s.typeText("2468", "• • • • ▏")
	s.keys("Enter")
	s.waitDead()
}

// codeOnScreen finds the session code in "Your session code: XXXXXX.".
func codeOnScreen(t *testing.T, screen string) string {
	t.Helper()
	flat := strings.Join(strings.Fields(screen), " ")
	_, after, ok := strings.Cut(flat, "Your session code: ")
	if !ok || len(after) < 6 {
		t.Fatalf("no session code on screen:\n%s", screen)
	}
	return after[:6]
}
