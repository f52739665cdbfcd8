//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
	"golang.org/x/crypto/bcrypt"

	"stemcounsel/model"
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

// TestE2EPassphraseProtectedIdentity: a clinic that keeps its identity
// under a passphrase (age -p) types it at open's prompt, unechoed; the
// wrong one is refused in words.
func TestE2EPassphraseProtectedIdentity(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	sealedSession(t, dir, id.Recipient().String(), "ACD349", model.StatusFinished)
	r, err := age.NewScryptRecipient("horse-battery-7")
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(12)
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, r)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, id.String()+"\n")
	w.Close()
	aw.Close()
	protected := writeTemp(t, buf.String())

	for _, c := range []struct{ pass, want string }{{"wrong-one", "the passphrase does not open it"}, {"horse-battery-7", "ZEBRA cost question"}} {
		s := startTmux(t, 100, 30, fmt.Sprintf("%s open ACD349 --records %s --identity %s", bin, dir, protected))
		s.waitFor("Passphrase for " + protected)
		s.run("send-keys", "-t", "e2e", "-l", c.pass)
		time.Sleep(100 * time.Millisecond)
		if strings.Contains(s.screen(), c.pass) {
			t.Fatal("the passphrase is echoed")
		}
		s.keys("Enter")
		s.waitDead()
		s.waitOutput(c.want)
	}
	if c, _, errs := runCLI(t, "open", "ACD349", "--records", dir, "--identity", protected); c == 0 || !strings.Contains(errs, "protected by a passphrase") {
		t.Fatalf("without a terminal open says a passphrase is needed: %d %q", c, errs)
	}
}
