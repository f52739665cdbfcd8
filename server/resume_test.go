package server

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"stemcounsel/model"
)

// TestResumeOverSSH: a tablet that loses its connection mid-session leaves
// it saved; "ssh -t host resume CODE" goes on where it stopped. Wrong codes
// are refused in words and count as failed logins; other commands get the
// usage; a kiosk server resumes nothing.
func TestResumeOverSSH(t *testing.T) {
	f := startServer(t, nil)
	first := openTerminal(t, f, 80, 24)
	first.waitFor("Start ›")
	first.toChecklist()
	first.send("1")
	first.waitFor("Yes")
	time.Sleep(100 * time.Millisecond)
	first.client.Close() // the wifi drops
	file := waitRecords(t, f.records, "*.progress.json", `"answer": "yes"`, 1)[0]
	code := strings.TrimSuffix(filepath.Base(file), ".progress.json")

	again := openRunning(t, f, 80, 24, "resume "+strings.ToLower(code))
	again.waitFor("Session " + code + " resumed.")
	again.waitFor("Item 1 of 5")

	wrong := openRunning(t, f, 80, 24, "resume ZZZ999")
	wrong.waitFor("Could not open that session")
	usage := openRunning(t, f, 80, 24, "ls -la")
	usage.waitFor("The server takes only: ssh -t user@host")
	for range 4 {
		openRunning(t, f, 80, 24, "resume ZZZ998").waitFor("Could not open that session")
	}
	// Five wrong codes: the address is kept out like one that failed logins.
	if c, err := dial(f.addr, "kiosk", gossh.PublicKeys(f.key)); err == nil {
		c.Close()
		t.Fatal("after five wrong codes the address may still log in")
	}

	kiosk := startServer(t, func(c *Config) { c.Session.Kiosk = true })
	openRunning(t, kiosk, 80, 24, "resume "+code).waitFor("does not let sessions be resumed")
}

// TestQuitMidSessionSaysHowToGoOn: a session left unfinished says its code
// and the command that resumes it over SSH.
func TestQuitMidSessionSaysHowToGoOn(t *testing.T) {
	f := startServer(t, func(c *Config) { c.IdleTimeout = 2 * time.Second })
	term := openTerminal(t, f, 80, 24)
	term.waitFor("Start ›")
	term.toChecklist()
	term.send("1")
	term.waitFor("To go on later: ssh -t user@host resume ")
}

// TestResumeOverSSHRevisitsCorrectedPages: a session saved under an older
// major content release goes back through the pages corrected since, and
// says which, as the local app does.
func TestResumeOverSSHRevisitsCorrectedPages(t *testing.T) {
	f := startServer(t, nil)
	s := model.NewSession(model.LangEN, model.RolePatient, time.Now().Add(-time.Hour))
	s.Code, s.Groups = "XYW346", []string{"joint"}
	for s.Current != model.StepChecklist {
		s.Next(s.Started)
	}
	store := f.srv.cfg.Session.Store
	if err := store.SaveProgress(s.Record(model.StatusInProgress, "c59016e34fa2", model.DefaultChecklist, s.Started), 1); err != nil {
		t.Fatal(err)
	}
	store.ReleaseCode("XYW346")
	term := openRunning(t, f, 80, 24, "resume XYW346")
	term.waitFor("these pages were corrected")
	term.waitFor("Step 1 of") // back to the first corrected page, the welcome
}
