//go:build unix

package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// waitOutput polls the pane and its whole history, wrapped lines joined,
// until want shows: what the app printed as it left.
func (s *tmuxSession) waitOutput(want string) {
	s.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if strings.Contains(s.output(), want) {
			return
		}
	}
	s.t.Fatalf("the app never printed %q:\n%s", want, s.output())
}

func (s *tmuxSession) output() string {
	return s.run("capture-pane", "-p", "-J", "-S", "-", "-t", "e2e")
}

// exited is what runHeld prints once the command has ended.
const exited = "[command exited with status %d]"

// runHeld runs command in the pane under a shell that stays after it, so
// tmux reads everything the command wrote: once the pane's own program
// exits, tmux closes the terminal and can drop its last unread output,
// such as the line a follow-up visit prints as it is saved. waitExit
// waits for its end.
func (s *tmuxSession) runHeld(command string) {
	s.t.Helper()
	s.respawn(fmt.Sprintf("sh -c '%s; echo \"%s\"; exec sleep 3600'", command, strings.ReplaceAll(exited, "%d", "$?")))
}

// waitExit waits until the command runHeld started has ended with status.
func (s *tmuxSession) waitExit(status int) {
	s.t.Helper()
	s.waitOutput(fmt.Sprintf(exited, status))
}

// toKnowledgeCheck jumps to the knowledge check through the contents: for
// a patient with one group it comes just before the checklist.
func toKnowledgeCheck(s *tmuxSession) {
	s.slowKeys("m", "End")
	for range 7 {
		s.keys("Up")
	}
	s.keys("Enter")
	s.waitFor("Question 1 of")
}

// TestE2EKnowledgeCheckStepper: enter after question 1 shows question 2, not
// the checklist; leaving with questions open asks first.
func TestE2EKnowledgeCheckStepper(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	s := startTmux(t, 80, 24, fmt.Sprintf("%s --records %s --lang en --role patient --group joint", bin, t.TempDir()))
	s.waitFor("Start ›")
	s.keys("Enter")
	consentYes(s)
	s.waitFor("Stem cells: what they are and are not")
	toKnowledgeCheck(s)
	s.keys("2")
	s.waitFor("● [2]") // the chosen answer's own mark (its words may wrap)
	s.keys("Enter")
	s.waitFor("Question 2 of")
	if strings.Contains(s.screen(), "Item 1 of 5") {
		t.Fatal("enter after question 1 must not leave the check")
	}
	for i := 0; i < 20 && !strings.Contains(s.screen(), "Skip the remaining questions?"); i++ {
		s.keys("Right")
		s.waitFor("Knowledge check")
	}
	s.waitFor("Skip the remaining questions?")
	s.keys("y")
	s.waitFor("Item 1 of 5")
	s.keys("q")
	s.waitFor("Quit?")
	s.keys("y")
	s.waitDead()
	s.waitOutput("stemcounsel --resume")
}

// TestE2EResumeDefaultIsANewSession: the next patient's enter on the
// start-up list starts a fresh session; the previous one is untouched.
func TestE2EResumeDefaultIsANewSession(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	s := startTmux(t, 80, 24, fmt.Sprintf("%s --records %s --lang en --role doctor --group joint", bin, dir))
	s.waitFor("Start ›")
	s.keys("Enter")
	consentYes(s)
	s.waitFor("Stem cells: what they are and are not")
	s.keys("q")
	s.waitFor("Quit?")
	s.keys("y")
	s.waitDead()
	file := waitFile(t, filepath.Join(dir, "*.progress.json"), `"mode": "doctor"`)
	old := strings.TrimSuffix(filepath.Base(file), ".progress.json")
	s.waitOutput("Session " + old + " is saved as unfinished")
	saved := readFile(t, file)

	s.respawn(fmt.Sprintf("%s --records %s --lang vi --role doctor --group lung", bin, dir))
	s.waitFor("› Bắt đầu phiên mới")
	s.waitFor(old + " · English")
	s.keys("Enter")
	for deadline := time.Now().Add(10 * time.Second); strings.Contains(s.screen(), "Tiếp tục một phiên") && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	s.waitFor("Mã hồ sơ hoặc tên viết tắt")
	if scr := s.screen(); strings.Contains(scr, old) || strings.Contains(scr, "Tiếp tục một phiên") {
		t.Fatalf("enter must start a new session, not resume %s:\n%s", old, scr)
	}
	s.keys("q")
	s.waitFor("Thoát?")
	s.keys("y")
	s.waitDead()
	if readFile(t, file) != saved {
		t.Fatal("the previous patient's session must be left as it was")
	}
}

// TestE2EFinishedRecordIsFinal: after finishing, an answer key changes
// nothing on disk, and leaving says where the record is.
func TestE2EFinishedRecordIsFinal(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	s := startTmux(t, 80, 24, fmt.Sprintf("%s --records %s --lang en --role patient --group joint", bin, dir))
	s.waitFor("Start ›")
	s.keys("Enter")
	consentYes(s)
	s.waitFor("Stem cells: what they are and are not")
	toChecklist(s)
	s.keys("2")
	s.waitFor("Item 2 of 5")
	s.slowKeys("m", "End", "Enter")
	s.waitFor("Session summary")
	s.keys("Right")
	s.waitFor("The record is saved")
	file := waitFile(t, filepath.Join(dir, "*[A-Z0-9].json"), `"status": "finished"`)
	code := strings.TrimSuffix(filepath.Base(file), ".json")
	final := readFile(t, file)

	s.slowKeys("m", "End")
	for range 6 {
		s.keys("Up")
	}
	s.keys("Enter")
	s.waitFor("The exclusion checklist")
	s.slowKeys("1", "Up", "3")
	s.waitFor("it can be read, not changed")
	s.keys("q")
	s.waitDead()
	s.waitOutput(fmt.Sprintf("Session %s is finished. The record is in %s. Read it with: stemcounsel open %s", code, filepath.Join(dir, code+".md"), code))
	if readFile(t, file) != final {
		t.Fatal("no key after finishing may change the finished record")
	}
}
