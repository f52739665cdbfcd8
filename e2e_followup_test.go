//go:build unix

package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EFollowUpTwiceThenOpen: a doctor-led session takes a baseline, two
// follow-up visits read its activity back and are kept, and open shows the
// course with both visits.
func TestE2EFollowUpTwiceThenOpen(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	s := startTmux(t, 100, 40, fmt.Sprintf("%s --records %s --lang en --role doctor --group joint", bin, dir))
	s.waitFor("Start ›")
	s.slowKeys("Enter")
	consentYes(s)
	s.waitFor("Stem cells: what they are and are not")
	s.keys("m")
	s.waitFor("Contents")
	s.slowKeys("End")
	for _, line := range []string{"›   22.", "›   21.", "›   20."} { // the next step: two before the summary
		s.waitFor(line)
		if line != "›   20." {
			s.slowKeys("Up")
		}
	}
	s.slowKeys("Enter")
	s.waitFor("the doctor agreed today") // the page, not its line in the contents
	s.slowKeys("1")                      // an assessment is booked: the baseline follows
	s.waitFor("1 (•)")
	s.slowKeys("Right")
	s.waitFor("Pain at its worst, last week")
	for _, step := range [][2]string{
		{"8", "Pain at its worst, last week (0–10): 8"}, {"Enter", "› Usual pain"},
		{"6", "Usual pain, last week (0–10): 6"}, {"Enter", "› Activity 1 (patient's words)"},
		{"climbing stairs", "Activity 1 (patient's words): climbing stairs"}, {"Enter", "› Activity 1: today"},
		{"3", "Activity 1: today (0–10): 3"}, {"Enter", "› Activity 2 (patient's words)"},
	} {
		s.keyThen(step[0], step[1])
	}
	s.slowKeys("Right")
	s.waitFor("Session summary")
	s.slowKeys("Right")
	s.waitFor("The record is saved")
	s.slowKeys("q")
	s.waitDead()
	file := waitFile(t, filepath.Join(dir, "??????.json"), `"baseline"`)
	code := strings.TrimSuffix(filepath.Base(file), ".json")
	if rec := readFile(t, file); !strings.Contains(rec, `"name": "climbing stairs"`) || !strings.Contains(rec, `"pain-worst": 8`) {
		t.Fatalf("the record keeps the baseline:\n%s", rec)
	}

	for n, pain := range []string{"7", "5"} {
		s.respawn(fmt.Sprintf("%s follow-up %s --records %s", bin, code, dir))
		s.waitFor(fmt.Sprintf("Follow-up visit %d, session %s", n+1, code))
		s.waitFor("climbing stairs")
		for _, step := range [][2]string{
			{pain, "› Pain at its worst, last week (0–10): " + pain}, {"Enter", "› Usual pain"},
			{pain, "› Usual pain, last week (0–10): " + pain}, {"Enter", "› Activity 1"},
			{"4", "climbing stairs: 4"}, {"Enter", "› Global impression"},
			{"3", "(1–7): 3: Minimally improved"}, {"Enter", "› Fever"},
			{"n", "› Fever: No"},
		} {
			s.keyThen(step[0], step[1])
		}
		s.slowKeys("C-s")
		s.waitDead()
		s.waitOutput(fmt.Sprintf("Visit %d of session %s is saved.", n+1, code))
		waitFile(t, filepath.Join(dir, fmt.Sprintf("%s.visit-%03d.json", code, n+1)), `"impression": 3`)
	}

	// open's whole output, not a pane's last lines: the course can scroll
	// out of a pane's history on a long record.
	out, err := exec.Command(bin, "open", code, "--records", dir, "--width", "90").CombinedOutput()
	if err != nil {
		t.Fatalf("open %s: %v\n%s", code, err, out)
	}
	_, course, found := strings.Cut(string(out), "Follow-up course")
	if !found {
		t.Fatalf("open shows no follow-up course:\n%s", out)
	}
	for _, want := range []string{"Visit 1", "Visit 2", "climbing stairs"} {
		if !strings.Contains(course, want) {
			t.Errorf("open's follow-up course lacks %q:\n%s", want, course)
		}
	}
}

// keyThen sends a key and waits until the screen shows what it did.
func (s *tmuxSession) keyThen(key, want string) {
	s.t.Helper()
	s.keys(key)
	s.waitFor(want)
}
