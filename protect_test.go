package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"stemcounsel/audit"
	"stemcounsel/model"
	"stemcounsel/records"
)

// clinicKeys writes a clinic's key pair as age-keygen would: the identity
// file, and returns its public key.
func clinicKeys(t *testing.T) (identityFile, publicKey string) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	identityFile = writeTemp(t, "# public key: "+id.Recipient().String()+"\n"+id.String()+"\n")
	return identityFile, id.Recipient().String()
}

// sealedSession writes a doctor-led session with a note and a question,
// encrypted to publicKey, as a kiosk or server would.
func sealedSession(t *testing.T, dir, publicKey, code, status string) {
	t.Helper()
	folder := records.OpenFolder(dir)
	folder.Sealer = sealerTo(t, publicKey)
	defer folder.Release()
	writeTyped(t, folder, code, status)
}

func sealerTo(t *testing.T, publicKey string) *records.Sealer {
	t.Helper()
	rs, err := records.ParseRecipients(publicKey)
	if err != nil {
		t.Fatal(err)
	}
	return records.NewSealer(rs, nil)
}

// writeTyped writes a doctor-led session whose file number, note and
// question hold ZEBRA.
func writeTyped(t *testing.T, store records.Store, code, status string) {
	t.Helper()
	s := model.NewSession(model.LangEN, model.RoleDoctor, time.Now().Add(-time.Hour))
	s.Code = code
	s.PatientRef = "KH-ZEBRA-77"
	s.SetAnswer("fibrosis", model.Yes)
	s.SetNote("fibrosis", "ZEBRA liver note")
	s.AddQuestion("ZEBRA cost question", model.StepOptions, s.Started)
	if err := s.AnswerConsent(true, "Keep this record?", "desk", model.ByDoctor, s.Started); err != nil {
		t.Fatal(err)
	}
	rec := s.Record(status, "x", model.DefaultChecklist, time.Now())
	var err error
	if status == model.StatusInProgress {
		err = store.SaveProgress(rec, 1)
	} else {
		err = store.Close(rec, []byte("# ZEBRA markdown copy\n"))
	}
	if err != nil {
		t.Fatal(err)
	}
}

// noZebraOnDisk fails if any file in dir holds typed text in plain.
func noZebraOnDisk(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		if data, _ := os.ReadFile(f); strings.Contains(string(data), "ZEBRA") {
			t.Errorf("%s holds typed text in plain", filepath.Base(f))
		}
	}
}

func TestOpenNeedsTheIdentity(t *testing.T) {
	identity, pub := clinicKeys(t)
	dir := t.TempDir()
	sealedSession(t, dir, pub, "ACD349", model.StatusFinished)
	noZebraOnDisk(t, dir)

	code, out, errs := runCLI(t, "open", "ACD349", "--records", dir)
	if code != 1 || strings.Contains(out, "ZEBRA") || !strings.Contains(errs, "encrypted") || !strings.Contains(errs, "--identity FILE") {
		t.Fatalf("open without the identity: %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "open", "ACD349", "--records", dir, "--identity", identity)
	if code != 0 || !strings.Contains(out, "ZEBRA cost question") || !strings.Contains(out, "ZEBRA liver note") {
		t.Fatalf("open with the identity: %d %q %q", code, out, errs)
	}
	if code, _, errs := runCLI(t, "open", "ACD349", "--records", dir, "--identity", writeTemp(t, pub)); code != 2 || !strings.Contains(errs, "identity") {
		t.Fatalf("a public key given as the identity: %d %q", code, errs)
	}
	entries, _ := audit.Entries(audit.File(audit.PathIn(dir)), "ACD349")
	if len(entries) != 1 || entries[0].Action != audit.Opened || entries[0].Who == "" || entries[0].Where == "" {
		t.Fatalf("opening is logged once, only when shown: %+v", entries)
	}
}

func TestListPurgeAndResume(t *testing.T) {
	identity, pub := clinicKeys(t)
	dir := t.TempDir()
	sealedSession(t, dir, pub, "ACD349", model.StatusInProgress)
	sealedSession(t, dir, pub, "ACD34F", model.StatusFinished)
	code, out, errs := runCLI(t, "records", "--records", dir)
	if code != 0 || !strings.Contains(out, "ACD349  in-progress  doctor") || !strings.Contains(out, "ACD34F  finished") || errs != "" {
		t.Fatalf("records: %d %q %q", code, out, errs)
	}
	if code, _, errs := runCLI(t, "--resume", "ACD349", "--records", dir, "--records-key", pub); code != 1 || !strings.Contains(errs, "--identity FILE") {
		t.Fatalf("resume without the identity: %d %q", code, errs)
	}
	// With the identity it resumes (and stops only for want of a terminal).
	if code, _, errs := runCLI(t, "--resume", "ACD349", "--records", dir, "--identity", identity); code != 1 || !strings.Contains(errs, "interactive terminal") {
		t.Fatalf("resume with the identity: %d %q", code, errs)
	}
	if entries, _ := audit.Entries(audit.File(audit.PathIn(dir)), "ACD349"); len(entries) != 1 || entries[0].Action != audit.Resumed {
		t.Fatalf("resuming is logged: %+v", entries)
	}
	code, out, _ = runCLI(t, "records", "--records", dir, "--purge-older-than", "1")
	if code != 0 || !strings.Contains(out, "0 records") {
		t.Fatalf("nothing is old enough: %q", out)
	}
	// Make the finished record old, keeping it sealed.
	old := filepath.Join(dir, "ACD34F.json")
	data, _ := os.ReadFile(old)
	var l map[string]any
	json.Unmarshal(data, &l)
	l["updated"] = time.Now().AddDate(0, 0, -90).Format(time.RFC3339)
	data, _ = json.Marshal(l)
	os.WriteFile(old, data, 0o600)
	code, out, _ = runCLI(t, "records", "--records", dir, "--purge-older-than", "60")
	if code != 0 || !strings.Contains(out, "deleted ACD34F") {
		t.Fatalf("purge: %d %q", code, out)
	}
	if entries, _ := audit.Entries(audit.File(audit.PathIn(dir)), "ACD34F"); len(entries) != 1 || entries[0].Action != audit.Purged {
		t.Fatalf("the purge is logged: %+v", entries)
	}
}

func TestPatientsRequests(t *testing.T) {
	identity, pub := clinicKeys(t)
	dir := t.TempDir()
	sealedSession(t, dir, pub, "ACD349", model.StatusFinished)
	sealedSession(t, dir, pub, "ACD34F", model.StatusInProgress)

	if code, _, errs := runCLI(t, "records", "export", "--code", "ACD349", "--records", dir); code != 1 || !strings.Contains(errs, "--identity") {
		t.Fatalf("export without the identity: %d %q", code, errs)
	}
	code, out, errs := runCLI(t, "records", "export", "--file-number", "kh-zebra-77", "--records", dir, "--identity", identity)
	if code != 0 || strings.Count(out, "ZEBRA cost question") != 2 || !strings.Contains(out, "Consent to keep the record") || strings.ContainsRune(out, 0x1b) {
		t.Fatalf("export by file number: %d %q %q", code, out, errs)
	}
	code, out, _ = runCLI(t, "records", "export", "--code", "acd349", "--json", "--records", dir, "--identity", identity)
	var got []held
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || len(got) != 1 || got[0].Record.PatientRef != "KH-ZEBRA-77" || len(got[0].Access) != 1 {
		t.Fatalf("export as JSON: %d %v %q", code, err, out)
	}

	// Restriction: kept, not opened, not resumed; lifted, opened again.
	if code, out, _ := runCLI(t, "records", "restrict", "ACD34F", "--records", dir); code != 0 || !strings.Contains(out, "restricted ACD34F") {
		t.Fatalf("restrict: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "records", "--records", dir); code != 0 || !strings.Contains(out, "restricted") {
		t.Fatalf("the list shows the restriction: %q", out)
	}
	if code, out, errs := runCLI(t, "open", "ACD34F", "--records", dir, "--identity", identity); code != 1 || strings.Contains(out, "ZEBRA") || !strings.Contains(errs, "restricted at the patient's request") {
		t.Fatalf("open while restricted: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "--resume", "ACD34F", "--records", dir, "--identity", identity); code != 1 || !strings.Contains(errs, "restricted") {
		t.Fatalf("resume while restricted: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "records", "restrict", "ACD34F", "--lift", "--records", dir); code != 0 {
		t.Fatal("lift")
	}
	if code, _, _ := runCLI(t, "open", "ACD34F", "--records", dir, "--identity", identity); code != 0 {
		t.Fatal("open after lifting")
	}

	// Deletion leaves only the tombstone.
	if code, _, errs := runCLI(t, "records", "delete", "ACD349", "--records", dir); code != 2 || !strings.Contains(errs, "reason") {
		t.Fatalf("delete without a reason: %d %q", code, errs)
	}
	if code, out, errs := runCLI(t, "records", "delete", "ACD349", "--reason", "patient asked on 01/12/2026", "--records", dir); code != 0 || !strings.Contains(out, "deleted ACD349") {
		t.Fatalf("delete: %d %q %q", code, out, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "ACD349*"))
	if !slices.Equal(files, []string{filepath.Join(dir, "ACD349.tombstone")}) {
		t.Fatalf("after delete: %v", files)
	}
	if code, out, _ := runCLI(t, "records", "--records", dir); code != 0 || !strings.Contains(out, "ACD349  deleted") {
		t.Fatalf("the list shows the tombstone: %q", out)
	}
	code, out, _ = runCLI(t, "records", "export", "--code", "ACD349", "--records", dir, "--identity", identity)
	if code != 0 || !strings.Contains(out, "ACD349 đã bị xóa") || !strings.Contains(out, "patient asked on") || strings.Contains(out, "ZEBRA") {
		t.Fatalf("export of a deleted code: %d %q", code, out)
	}

	// Every step is in the log, and the log verifies.
	entries, _ := audit.Entries(audit.File(audit.PathIn(dir)), "")
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action+" "+e.Code)
	}
	want := []string{"exported ACD349", "exported ACD34F", "exported ACD349", "restricted ACD34F", "restriction-lifted ACD34F", "opened ACD34F", "deleted ACD349", "exported ACD349"}
	slices.Sort(actions)
	slices.Sort(want)
	if !slices.Equal(actions, want) {
		t.Fatalf("audit actions = %v, want %v", actions, want)
	}
	if code, out, _ := runCLI(t, "audit", "verify", "--records", dir); code != 0 || !strings.Contains(out, "8 entries") {
		t.Fatalf("verify: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "audit", "show", "--code", "ACD34F", "--records", dir); code != 0 || strings.Count(out, "ACD34F") != 4 {
		t.Fatalf("show: %d %q", code, out)
	}
}

func TestAuditVerifyFindsTampering(t *testing.T) {
	dir := t.TempDir()
	l := audit.In(dir)
	for _, code := range []string{"ACD349", "ACD34F", "ACD777"} {
		if err := l.Append(audit.Opened, code, ""); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(audit.PathIn(dir))
	lines := strings.SplitAfter(string(data), "\n")
	os.WriteFile(audit.PathIn(dir), []byte(lines[0]+lines[2]), 0o600)
	code, _, errs := runCLI(t, "audit", "verify", "--records", dir)
	if code != 1 || !strings.Contains(errs, "FAILED") || !strings.Contains(errs, "entry 3 follows entry 1") {
		t.Fatalf("a removed line: %d %q", code, errs)
	}
	os.WriteFile(audit.PathIn(dir), []byte(lines[0]+strings.Replace(lines[1], "ACD34F", "ACD349", 1)+lines[2]), 0o600)
	if code, _, errs := runCLI(t, "audit", "verify", "--records", dir); code != 1 || !strings.Contains(errs, "line 2 (entry 2): changed") {
		t.Fatalf("a changed line: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "audit"); code != 2 {
		t.Fatal("audit needs verify or show")
	}
}

func TestDataInventoryCommand(t *testing.T) {
	_, pub := clinicKeys(t)
	code, out, _ := runCLI(t, "data-inventory", "--records", "/srv/clinic", "--records-key", pub, "--retain", "14", "--respond-within", "48 hours")
	if code != 0 || !strings.Contains(out, "Danh mục dữ liệu") || !strings.Contains(out, "data inventory") ||
		!strings.Contains(out, "14 days") || !strings.Contains(out, "48 hours") || strings.Contains(out, "NOT encrypted") {
		t.Fatalf("inventory: %d %q", code, out)
	}
	code, out, _ = runCLI(t, "data-inventory", "--lang", "en", "--records", "/srv/clinic")
	if code != 0 || strings.Contains(out, "Danh mục") || !strings.Contains(out, "NOT encrypted") {
		t.Fatalf("inventory in English without a key: %d %q", code, out)
	}
}

func TestRecordsSealCommand(t *testing.T) {
	identity, pub := clinicKeys(t)
	dir := t.TempDir()
	s := model.NewSession(model.LangEN, model.RolePatient, time.Now())
	s.Code = "ACD349"
	s.AddQuestion("ZEBRA question", model.StepOptions, s.Started)
	folder := records.OpenFolder(dir)
	if err := folder.Close(s.Record(model.StatusFinished, "x", model.DefaultChecklist, time.Now()), []byte("# ZEBRA copy")); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "records", "seal", "--records", dir); code != 2 || !strings.Contains(errs, "--records-key") {
		t.Fatalf("seal without a key: %d %q", code, errs)
	}
	if code, out, errs := runCLI(t, "records", "seal", "--records", dir, "--records-key", pub); code != 0 || !strings.Contains(out, "2 encrypted in") {
		t.Fatalf("seal: %d %q %q", code, out, errs)
	}
	noZebraOnDisk(t, dir)
	if code, out, _ := runCLI(t, "open", "ACD349", "--records", dir, "--identity", identity); code != 0 || !strings.Contains(out, "ZEBRA question") {
		t.Fatalf("open after sealing: %d %q", code, out)
	}
}

func TestServeRefusesTheIdentity(t *testing.T) {
	identity, _ := clinicKeys(t)
	if code, _, errs := runCLI(t, "serve", "--identity", identity, "--no-auth"); code != 2 || !strings.Contains(errs, "stays on the doctor's machine") {
		t.Fatalf("serve with the identity: %d %q", code, errs)
	}
}
