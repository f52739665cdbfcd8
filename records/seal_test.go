package records

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"

	"stemcounsel/model"
)

// Words that appear only in what the patient or the doctor typed: none may
// be readable on disk when a key is set.
const (
	secretNote     = "SECRETNOTE-liver-7731"
	secretQuestion = "SECRETQUESTION-cost-4412"
	secretRef      = "SECRETREF-HS-99812"
)

func clinicKey(t *testing.T) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// typedRecord holds every kind of typed or answered data.
func typedRecord(code, status string) model.Record {
	s := model.NewSession(model.LangEN, model.RoleDoctor, t0)
	s.Code = code
	s.PatientRef = secretRef
	s.SetAnswer("fibrosis", model.Yes)
	s.SetNote("fibrosis", secretNote)
	s.AddQuestion(secretQuestion, model.StepWelcome, t0)
	_ = s.AnswerConsent(true, "May we keep this record?", "test terminal", model.ByDoctor, t0)
	return s.Record(status, "abc", model.DefaultChecklist, t0.Add(time.Hour))
}

// plainLeaks names what of a record can be read in data.
func plainLeaks(data []byte) []string {
	var found []string
	for _, w := range []string{secretNote, secretQuestion, secretRef, `"checklist"`, `"answer"`, `"questions"`, `"note"`, `"patient_ref"`, `"consent"`} {
		if bytes.Contains(data, []byte(w)) {
			found = append(found, w)
		}
	}
	return found
}

// assertNothingPlain reads every file in dir, however named.
func assertNothingPlain(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if leaks := plainLeaks(data); len(leaks) > 0 {
			t.Errorf("%s holds in plain text: %v", filepath.Base(p), leaks)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSealedRecordsHoldNothingInPlainText(t *testing.T) {
	id := clinicKey(t)
	dir := t.TempDir()
	writer := OpenFolder(dir)
	writer.Sealer = NewSealer([]age.Recipient{id.Recipient()}, nil) // a kiosk: public key only
	defer writer.Release()
	if err := writer.SaveProgress(typedRecord("ACD349", model.StatusInProgress), 1); err != nil {
		t.Fatal(err)
	}
	if err := writer.SaveProgress(typedRecord("ACD34F", model.StatusInProgress), 1); err != nil {
		t.Fatal(err)
	}
	fin := typedRecord("ACD349", model.StatusFinished)
	md := "# Record ACD349\n\n- " + secretNote + "\n- " + secretQuestion + "\n"
	if err := writer.Close(fin, []byte(md)); err != nil {
		t.Fatal(err)
	}
	if _, err := writer.WriteCrashLog("panic in session ACD34F: "+secretNote, t0); err != nil {
		t.Fatal(err)
	}
	assertNothingPlain(t, dir)

	// The public key alone lists and purges.
	list, bad, err := writer.List()
	if err != nil || len(bad) > 0 || len(list) != 2 {
		t.Fatalf("list = %v, %v, %v", list, bad, err)
	}
	if list[0].Code != "ACD349" || list[0].Status != model.StatusFinished || list[0].Role != model.RoleDoctor {
		t.Fatalf("listing = %+v", list[0])
	}
	// Reading needs the identity, and says so.
	if _, err := writer.Load("ACD349"); !errors.Is(err, ErrNeedIdentity) {
		t.Fatalf("load without identity: %v", err)
	}
	if !strings.Contains(ErrNeedIdentity.Error(), "--identity") {
		t.Fatal("the message must say what is missing")
	}
	other := OpenFolder(dir)
	other.Sealer = NewSealer(nil, []age.Identity{clinicKey(t)})
	if _, err := other.Load("ACD349"); !errors.Is(err, ErrWrongIdentity) {
		t.Fatalf("load with another clinic's key: %v", err)
	}

	doctor := OpenFolder(dir)
	doctor.Sealer = NewSealer(nil, []age.Identity{id})
	got, err := doctor.Load("ACD349")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != model.StatusFinished || got.PatientRef != secretRef || !slices.Contains(got.Checklist, model.RecordItem{Item: "fibrosis", Answer: "yes", Note: secretNote}) || got.Questions[0].Text != secretQuestion {
		t.Fatalf("opened record = %+v", got)
	}
	if got.Consent == nil || !got.Consent.Given {
		t.Fatal("the consent evidence is kept in the sealed record")
	}
	doc, err := doctor.ReadDocument("ACD349")
	if err != nil || string(doc) != md {
		t.Fatalf("markdown = %q, %v", doc, err)
	}
	if _, err := writer.ReadDocument("ACD349"); !errors.Is(err, ErrNeedIdentity) {
		t.Fatalf("markdown without identity: %v", err)
	}

	gone, err := writer.Purge(t0.Add(48*time.Hour), model.StatusFinished)
	if err != nil || len(gone) != 1 || gone[0] != "ACD349" {
		t.Fatalf("purge = %v, %v", gone, err)
	}
}

// A folder kept before the clinic set a key stays readable, and its new
// saves are sealed.
func TestPlainRecordsStayReadableAfterAKeyIsSet(t *testing.T) {
	dir := t.TempDir()
	old := OpenFolder(dir)
	if err := old.SaveProgress(typedRecord("ACD349", model.StatusInProgress), 1); err != nil {
		t.Fatal(err)
	}
	old.Release()
	id := clinicKey(t)
	s := OpenFolder(dir)
	s.Sealer = NewSealer([]age.Recipient{id.Recipient()}, nil)
	defer s.Release()
	if rec, err := s.Load("ACD349"); err != nil || rec.PatientRef != secretRef {
		t.Fatalf("old plain record: %v", err)
	}
	if err := s.SaveProgress(typedRecord("ACD349", model.StatusInProgress), 2); err != nil {
		t.Fatal(err)
	}
	assertNothingPlain(t, dir)
}

func TestSealerRoundTripAndPlainPassThrough(t *testing.T) {
	id := clinicKey(t)
	s := NewSealer([]age.Recipient{id.Recipient()}, []age.Identity{id})
	sealed, err := s.Seal([]byte(secretNote))
	if err != nil || bytes.Contains(sealed, []byte(secretNote)) {
		t.Fatalf("seal: %v", err)
	}
	if plain, err := s.Open(sealed); err != nil || string(plain) != secretNote {
		t.Fatalf("open = %q, %v", plain, err)
	}
	var none *Sealer // no key: bodies pass unchanged both ways
	if out, _ := none.Seal([]byte("x")); string(out) != "x" {
		t.Fatal("a nil sealer keeps the body")
	}
	if _, err := none.Open(sealed); !errors.Is(err, ErrNeedIdentity) {
		t.Fatalf("a nil sealer cannot open: %v", err)
	}
}

func TestParseRecipientsFromKeyOrFile(t *testing.T) {
	id := clinicKey(t)
	pub := id.Recipient().String()
	if rs, err := ParseRecipients(pub); err != nil || len(rs) != 1 {
		t.Fatalf("key: %v", err)
	}
	file := filepath.Join(t.TempDir(), "clinic.pub")
	os.WriteFile(file, []byte("# clinic\n"+pub+"\n"), 0o600)
	if rs, err := ParseRecipients(file); err != nil || len(rs) != 1 {
		t.Fatalf("file: %v", err)
	}
	if _, err := ParseRecipients("age1nonsense"); err == nil {
		t.Fatal("a bad key is refused")
	}
	secret := filepath.Join(t.TempDir(), "clinic.key")
	os.WriteFile(secret, []byte(id.String()+"\n"), 0o600)
	if _, err := ParseRecipients(secret); err == nil || strings.Contains(err.Error(), "AGE-SECRET") {
		t.Fatalf("an identity given as the public key is refused without quoting it: %v", err)
	}
	if ids, err := ReadIdentities(secret, nil); err != nil || len(ids) != 1 {
		t.Fatalf("identity: %v", err)
	}
	if _, err := ReadIdentities(file, nil); err == nil {
		t.Fatal("a public key file is not an identity")
	}
}

func TestSealPlainEncryptsOldFiles(t *testing.T) {
	dir := t.TempDir()
	old := OpenFolder(dir)
	if err := old.Close(typedRecord("ACD349", model.StatusFinished), []byte("# "+secretNote)); err != nil {
		t.Fatal(err)
	}
	if err := old.SaveProgress(typedRecord("ACD34F", model.StatusInProgress), 1); err != nil {
		t.Fatal(err)
	}
	if _, err := old.WriteCrashLog("panic: "+secretNote, t0); err != nil {
		t.Fatal(err)
	}
	visit := model.VisitRecord{Schema: model.VisitSchema, Session: "ACD349", EnteredBy: model.VisitByDoctor,
		Visit: model.Visit{Assessment: model.Assessment{At: t0}, SideEffects: model.SideEffects{Text: secretNote}}}
	if _, err := old.AddVisit(visit); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "ACD777.progress.json.corrupt-1"), []byte(secretNote), 0o600)
	id := clinicKey(t)
	s := OpenFolder(dir)
	s.Sealer = NewSealer([]age.Recipient{id.Recipient()}, nil)
	sealed, busy, err := s.SealPlain()
	if err != nil || len(busy) != 1 || busy[0] != "ACD34F.progress.json" || len(sealed) != 5 {
		t.Fatalf("a session open in another app waits: sealed %v, busy %v, %v", sealed, busy, err)
	}
	old.Release()
	if sealed, busy, err = s.SealPlain(); err != nil || len(busy) != 0 || !slices.Equal(sealed, []string{"ACD34F.progress.json"}) {
		t.Fatalf("second run: %v %v %v", sealed, busy, err)
	}
	assertNothingPlain(t, dir)
	if sealed, _, _ := s.SealPlain(); len(sealed) != 0 {
		t.Fatalf("nothing is sealed twice: %v", sealed)
	}
	if list, bad, _ := s.List(); len(list) != 2 || len(bad) != 0 {
		t.Fatalf("list after sealing: %v %v", list, bad)
	}
	reader := OpenFolder(dir)
	reader.Sealer = NewSealer(nil, []age.Identity{id})
	if visits, err := reader.Visits("ACD349"); err != nil || len(visits) != 1 || visits[0].SideEffects.Text != secretNote {
		t.Fatalf("visits after sealing: %+v, %v", visits, err)
	}
	if rec, err := reader.Load("ACD349"); err != nil || rec.PatientRef != secretRef {
		t.Fatalf("load after sealing: %v", err)
	}
	if doc, err := reader.ReadDocument("ACD349"); err != nil || string(doc) != "# "+secretNote {
		t.Fatalf("markdown after sealing: %q %v", doc, err)
	}
	if _, _, err := OpenFolder(dir).SealPlain(); err == nil {
		t.Fatal("sealing without a key is refused")
	}
}

// TestPassphraseProtectedIdentity: an identity file kept under a
// passphrase (age -p, armoured or binary) opens with the passphrase, and
// says what is wrong, without quoting the secret, when the passphrase is
// wrong or cannot be asked for.
func TestPassphraseProtectedIdentity(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	for _, armoured := range []bool{false, true} {
		r, err := age.NewScryptRecipient("correct horse")
		if err != nil {
			t.Fatal(err)
		}
		r.SetWorkFactor(10) // fast in a test; age's tool uses 18
		var buf bytes.Buffer
		var dst io.Writer = &buf
		var aw io.WriteCloser
		if armoured {
			aw = armor.NewWriter(&buf)
			dst = aw
		}
		w, err := age.Encrypt(dst, r)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "# created: today\n"+id.String()+"\n")
		w.Close()
		if aw != nil {
			aw.Close()
		}
		path := filepath.Join(t.TempDir(), "clinic.key.age")
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		ask := func(pass string) func() (string, error) { return func() (string, error) { return pass, nil } }
		ids, err := ReadIdentities(path, ask("correct horse"))
		if err != nil || len(ids) != 1 {
			t.Fatalf("armoured %v: the right passphrase must open it: %v", armoured, err)
		}
		sealed, err := NewSealer([]age.Recipient{id.Recipient()}, nil).Seal([]byte(secretNote))
		if err != nil {
			t.Fatal(err)
		}
		if plain, err := NewSealer(nil, ids).Open(sealed); err != nil || string(plain) != secretNote {
			t.Fatalf("armoured %v: the identity read does not open a record: %v", armoured, err)
		}
		for pass, want := range map[string]string{"wrong": "the passphrase does not open it", "": "empty"} {
			if _, err := ReadIdentities(path, ask(pass)); err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "AGE-SECRET") {
				t.Errorf("armoured %v, passphrase %q: %v", armoured, pass, err)
			}
		}
		if _, err := ReadIdentities(path, nil); err == nil || !strings.Contains(err.Error(), "protected by a passphrase") {
			t.Errorf("armoured %v: without a terminal it must say a passphrase is needed: %v", armoured, err)
		}
	}
}
