//go:build unix

package server

import (
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestE2EOpenSSHClient connects the real OpenSSH client, driven through
// tmux, to an in-process server on loopback.
func TestE2EOpenSSHClient(t *testing.T) {
	for _, tool := range []string{"tmux", "ssh"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("STEMCOUNSEL_E2E") == "required" {
				t.Fatalf("%s is required for the end-to-end tests (STEMCOUNSEL_E2E=required) but is not installed", tool)
			}
			t.Skipf("%s is not installed; the end-to-end test needs it", tool)
		}
	}
	f := startServer(t, nil)
	_, priv := newKey(t)
	signer, _ := gossh.NewSignerFromKey(priv)
	keyFile := filepath.Join(t.TempDir(), "id_ed25519")
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	// Add this terminal's key while the server runs: no restart needed.
	if err := os.WriteFile(f.srv.cfg.AuthorizedKeys, gossh.MarshalAuthorizedKey(signer.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	host, port, _ := strings.Cut(f.addr, ":")
	socket := fmt.Sprintf("stemcounsel-ssh-%d", os.Getpid())
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-L", socket}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", socket, "kill-server").Run() })
	tmux("-f", "/dev/null", "new-session", "-d", "-s", "ssh", "-x", "80", "-y", "24", "sleep 3600")
	tmux("set-option", "-t", "ssh", "remain-on-exit", "on")
	// A white client: the app must ask the client's terminal, not the server's.
	tmux("set-option", "-g", "window-style", "bg=#ffffff")
	connect := func(command string) {
		tmux("respawn-pane", "-k", "-t", "ssh", fmt.Sprintf(
			"ssh -tt -p %s -i %s -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR tablet@%s %s",
			port, keyFile, host, command))
	}
	connect("")
	deadline := time.Now().Add(10 * time.Second)
	waitScreen := func(want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(tmux("capture-pane", "-p", "-t", "ssh"), want) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the ssh client never showed %q:\n%s", want, tmux("capture-pane", "-p", "-t", "ssh"))
	}
	waitScreen("Start ›")
	for !strings.Contains(tmux("capture-pane", "-e", "-p", "-t", "ssh"), "38;5;25m") { // the light accent, #005faf
		if time.Now().After(deadline) {
			t.Fatalf("the white client never got the light style:\n%q", tmux("capture-pane", "-e", "-p", "-t", "ssh"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	tmux("send-keys", "-t", "ssh", "Enter")
	waitScreen("Stem cells: what they are and are not")
	for _, k := range []string{"m", "End", "Up", "Up", "Up", "Up", "Up", "Up", "Enter"} { // to the checklist
		tmux("send-keys", "-t", "ssh", k)
		time.Sleep(60 * time.Millisecond) // a person's pace: faster counts as a paste
	}
	waitScreen("Item 1 of 5")
	tmux("send-keys", "-t", "ssh", "1")
	waitScreen("1Y [2")
	tmux("resize-window", "-t", "ssh", "-x", "45", "-y", "14")
	waitScreen("? help")
	// Past the welcome screen, q always asks once; y confirms.
	tmux("send-keys", "-t", "ssh", "q")
	waitScreen("Quit?")
	tmux("send-keys", "-t", "ssh", "y")
	deadline = time.Now().Add(10 * time.Second)
	for strings.TrimSpace(tmux("display-message", "-p", "-t", "ssh", "#{pane_dead}")) != "1" {
		if time.Now().After(deadline) {
			t.Fatalf("q, then y, must end the ssh session:\n%s", tmux("capture-pane", "-p", "-t", "ssh"))
		}
		time.Sleep(50 * time.Millisecond)
	}

	// The session was saved unfinished: leaving says how to go on, and so
	// it goes on.
	left := strings.Join(strings.Fields(tmux("capture-pane", "-p", "-J", "-S", "-50", "-t", "ssh")), " ")
	_, after, ok := strings.Cut(left, "To go on later: ssh -t user@host resume ")
	if !ok || len(after) < 6 {
		t.Fatalf("leaving mid-session must say how to resume:\n%s", left)
	}
	code := after[:6]
	tmux("resize-window", "-t", "ssh", "-x", "80", "-y", "24")
	connect("resume " + code)
	waitScreen("Session " + code + " resumed.")
	waitScreen("Item 1 of 5")
}
