//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// A kiosk given only the clinic's public key keeps the patient's typed
// question unreadable on disk; the doctor's identity reads it.
func TestE2EKioskWithOnlyThePublicKey(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	identity, pub := clinicKeys(t)
	hash, err := bcrypt.GenerateFromPassword([]byte("2468"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	pinFile := writeTemp(t, string(hash))
	s := startTmux(t, 100, 24, fmt.Sprintf("%s --kiosk --idle 5s --lang en --records %s --exit-pin-file %s --records-key %s", bin, dir, pinFile, pub))
	s.waitFor("Your session code:")
	code := codeOnScreen(t, s.screen())
	if strings.Contains(s.screen(), "unencrypted") {
		t.Fatal("with a key the app does not warn")
	}
	s.keys("Enter")
	consentYes(s)
	s.waitFor("Stem cells")
	askDoctor(s, "ZEBRA cost question")
	s.waitFor("Are you still there?")
	s.waitFor("Your session code:")
	waitFile(t, filepath.Join(dir, code+".json"), `"status": "abandoned"`)
	noZebraOnDisk(t, dir)
	if data, _ := os.ReadFile(filepath.Join(dir, code+".json")); !strings.Contains(string(data), "BEGIN AGE ENCRYPTED FILE") {
		t.Fatalf("the record is sealed:\n%s", data)
	}

	if c, out, _ := runCLI(t, "records", "--records", dir); c != 0 || !strings.Contains(out, code+"  abandoned") {
		t.Fatalf("the public key is enough to list: %q", out)
	}
	if c, _, errs := runCLI(t, "open", code, "--records", dir); c != 1 || !strings.Contains(errs, "--identity FILE") {
		t.Fatalf("open without the identity: %d %q", c, errs)
	}
	if c, out, errs := runCLI(t, "open", code, "--records", dir, "--identity", identity); c != 0 || !strings.Contains(out, "ZEBRA cost question") {
		t.Fatalf("open with the identity: %d %q %q", c, out, errs)
	}
}

// askDoctor types a question for the doctor on the page shown.
func askDoctor(s *tmuxSession, question string) {
	s.keys("f")
	s.waitFor("A question for the doctor")
	s.typeText(question, question)
	s.keys("Enter")
	s.waitFor("Your question is noted")
}

func TestE2EWarnsWhenRecordsAreUnencrypted(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	s := startTmux(t, 200, 24, fmt.Sprintf("%s --lang en --records %s", bin, t.TempDir()))
	s.waitFor("Records are kept unencrypted")
	s.keys("C-c")
	s.waitDead()
}
