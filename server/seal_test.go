package server

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"

	"stemcounsel/model"
	"stemcounsel/records"
)

// An SSH session on a server that has only the clinic's public key saves
// its answers sealed; the identity reads them.
func TestSessionsWithOnlyThePublicKey(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	f := startServer(t, func(c *Config) {
		folder := c.Session.Store.(*records.Folder)
		folder.Sealer = records.NewSealer([]age.Recipient{id.Recipient()}, nil)
	})
	term := openTerminal(t, f, 80, 24)
	term.waitFor("Start ›")
	term.toChecklist()
	term.send("1") // end stage: Yes
	file := waitRecords(t, f.records, "*.progress.json", "BEGIN AGE ENCRYPTED FILE", 1)[0]
	data, _ := os.ReadFile(file)
	if strings.Contains(string(data), `"answer"`) || strings.Contains(string(data), `"checklist"`) {
		t.Fatalf("the record holds answers in plain text:\n%s", data)
	}
	reader := records.OpenFolder(f.records)
	reader.Sealer = records.NewSealer(nil, []age.Identity{id})
	code := strings.TrimSuffix(filepath.Base(file), ".progress.json")
	rec, err := reader.Load(code)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rec.Checklist, model.RecordItem{Item: "end-stage", Answer: "yes"}) {
		t.Fatalf("checklist = %+v", rec.Checklist)
	}
}
