package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"

	"stemcounsel/model"
)

// ErrNeedIdentity means a sealed record was asked for without the
// clinic's identity: writing needs only the public key, reading needs both.
var ErrNeedIdentity = errors.New("this record is encrypted: reading it needs the clinic's identity, the secret key made with age-keygen (add --identity FILE; the public key only writes)")

// ErrWrongIdentity means the identity given was not one the record was
// sealed to.
var ErrWrongIdentity = errors.New("the identity file given does not open this record: it was encrypted to another key")

// ageMagic starts every binary age file.
const ageMagic = "age-encryption.org/"

// Sealer encrypts record bodies at rest with age. A nil Sealer, or one
// without recipients, keeps them as they are (unencrypted). Writing needs
// only the recipients (the clinic's public key); Open needs an identity.
// Any Store can use it: the folder seals whole files, a database seals the
// body column and keeps the listing columns plain.
type Sealer struct {
	recipients []age.Recipient
	identities []age.Identity
}

// NewSealer seals to recipients and opens with identities; either may be
// empty.
func NewSealer(recipients []age.Recipient, identities []age.Identity) *Sealer {
	return &Sealer{recipients: recipients, identities: identities}
}

// ParseRecipients reads the clinic's public key: an age recipient
// ("age1…"), or the path of a file of them, one a line.
func ParseRecipients(spec string) ([]age.Recipient, error) {
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "age1") && !strings.ContainsAny(spec, `/\`) {
		rs, err := age.ParseRecipients(strings.NewReader(spec))
		if err != nil {
			return nil, fmt.Errorf("--records-key: not an age public key (age1…): %w", err)
		}
		return rs, nil
	}
	f, err := os.Open(spec)
	if err != nil {
		return nil, fmt.Errorf("--records-key: neither an age public key (age1…) nor a readable file: %w", err)
	}
	defer f.Close()
	rs, err := age.ParseRecipients(f)
	if err != nil {
		return nil, fmt.Errorf("--records-key %s: %w (a public key file holds lines starting age1)", spec, err)
	}
	return rs, nil
}

// ReadIdentities reads the clinic's identity file (age-keygen's output),
// which may itself be encrypted with a passphrase (age -p, armoured or
// not, as age's own tool reads it); passphrase asks for it, and is nil
// where no one can be asked. Its errors never quote the file, which holds
// a secret.
func ReadIdentities(path string, passphrase func() (string, error)) ([]age.Identity, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--identity: %w", err)
	}
	if plain, protected, err := openProtectedIdentity(path, data, passphrase); protected {
		if err != nil {
			return nil, err
		}
		data = plain
	}
	ids, err := age.ParseIdentities(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("--identity %s: %w (an identity file holds a line starting AGE-SECRET-KEY-)", path, err)
	}
	return ids, nil
}

// openProtectedIdentity decrypts an identity file kept under a passphrase;
// protected is false for a plain one.
func openProtectedIdentity(path string, data []byte, passphrase func() (string, error)) (plain []byte, protected bool, err error) {
	var in io.Reader = bytes.NewReader(data)
	switch {
	case bytes.HasPrefix(bytes.TrimSpace(data), []byte(armor.Header)):
		in = armor.NewReader(bytes.NewReader(bytes.TrimSpace(data)))
	case !bytes.HasPrefix(data, []byte("age-encryption.org/")):
		return nil, false, nil
	}
	if passphrase == nil {
		return nil, true, fmt.Errorf("--identity %s is protected by a passphrase: run the command in a terminal to type it", path)
	}
	pass, err := passphrase()
	if err != nil {
		return nil, true, fmt.Errorf("--identity %s: %w", path, err)
	}
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, true, fmt.Errorf("--identity %s: %w", path, err)
	}
	r, err := age.Decrypt(in, id)
	if err != nil {
		return nil, true, fmt.Errorf("--identity %s: the passphrase does not open it", path)
	}
	plain, err = io.ReadAll(r)
	if err != nil {
		return nil, true, fmt.Errorf("--identity %s: %w", path, err)
	}
	return plain, true, nil
}

// Encrypts tells whether writes are sealed.
func (s *Sealer) Encrypts() bool { return s != nil && len(s.recipients) > 0 }

// Seal encrypts plain to the recipients as binary age; without recipients
// it returns plain unchanged.
func (s *Sealer) Seal(plain []byte) ([]byte, error) {
	if !s.Encrypts() {
		return plain, nil
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, s.recipients...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plain); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Open decrypts what Seal made. Bytes that are not age (written before a
// key was set) come back unchanged, so a clinic can turn encryption on
// without losing its old records.
func (s *Sealer) Open(sealed []byte) ([]byte, error) {
	var src io.Reader
	switch {
	case bytes.HasPrefix(sealed, []byte(ageMagic)):
		src = bytes.NewReader(sealed)
	case bytes.HasPrefix(sealed, []byte(armor.Header)):
		src = armor.NewReader(bytes.NewReader(sealed))
	default:
		return sealed, nil
	}
	if s == nil || len(s.identities) == 0 {
		return nil, ErrNeedIdentity
	}
	r, err := age.Decrypt(src, s.identities...)
	if _, ok := errors.AsType[*age.NoIdentityMatchError](err); ok {
		return nil, ErrWrongIdentity
	}
	if err != nil {
		return nil, fmt.Errorf("not a readable encrypted record: %w", err)
	}
	return io.ReadAll(r)
}

// sealText is Seal in age's text (armored) form, for files a person may
// decrypt with the age tool itself.
func (s *Sealer) sealText(plain []byte) ([]byte, error) {
	if !s.Encrypts() {
		return plain, nil
	}
	bin, err := s.Seal(plain)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := armor.NewWriter(&buf)
	if _, err := w.Write(bin); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// listing is what stays readable of a sealed record file: enough to list
// and purge it, never an answer, a note, a question or a file number.
type listing struct {
	Schema   int        `json:"schema"`
	Code     string     `json:"code"`
	Status   string     `json:"status"`
	Role     model.Role `json:"mode"`
	Training bool       `json:"training"`
	Kiosk    bool       `json:"kiosk,omitempty"`
	Updated  time.Time  `json:"updated"`
	// ContentVersion lets a listing mark sessions shown older content.
	ContentVersion string `json:"content_version"`
	// Sealed is the whole record as armored age; empty in a plain file.
	Sealed string `json:"sealed,omitempty"`
}

// encode is a record as its file holds it: plain JSON without a key, else
// the listing fields and the sealed record.
func (s *Folder) encode(rec model.Record) ([]byte, error) {
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil || !s.Sealer.Encrypts() {
		return data, err
	}
	sealed, err := s.Sealer.sealText(data)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(listing{
		Schema: rec.Schema, Code: rec.Code, Status: rec.Status, Role: rec.Role,
		Training: rec.Training, Kiosk: rec.Kiosk, Updated: rec.Updated, ContentVersion: rec.ContentVersion, Sealed: string(sealed),
	}, "", "  ")
}

// readEntry reads a record file's listing fields, which needs no identity.
func (s *Folder) readEntry(path string) (Entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Entry{}, err
	}
	var l listing
	if err := json.Unmarshal(data, &l); err != nil {
		return Entry{}, fmt.Errorf("not a readable record: %w", err)
	}
	if l.Sealed == "" { // a plain record is checked whole, as it always was
		rec, err := decodeRecord(data)
		if err != nil {
			return Entry{}, err
		}
		l = listing{Code: rec.Code, Status: rec.Status, Role: rec.Role, Training: rec.Training, Kiosk: rec.Kiosk, Updated: rec.Updated, ContentVersion: rec.ContentVersion}
	} else if err := l.check(); err != nil {
		return Entry{}, err
	}
	if err := namedFor(path, l.Code); err != nil {
		return Entry{}, err
	}
	return Entry{Code: l.Code, Status: l.Status, Role: l.Role, Training: l.Training, Kiosk: l.Kiosk, Updated: l.Updated, Path: path, ContentVersion: l.ContentVersion}, nil
}

func (l listing) check() error {
	if l.Schema != model.RecordSchema {
		return fmt.Errorf("not a valid record: schema %d is not the supported %d", l.Schema, model.RecordSchema)
	}
	if !model.ValidCode(l.Code) {
		return fmt.Errorf("not a valid record: code %q is not a session code", l.Code)
	}
	if _, err := model.ParseRole(string(l.Role)); err != nil {
		return fmt.Errorf("not a valid record: %w", err)
	}
	if !slices.Contains([]string{model.StatusInProgress, model.StatusFinished, model.StatusAbandoned}, l.Status) {
		return fmt.Errorf("not a valid record: status %q", l.Status)
	}
	return nil
}

// readRecord reads a whole record, opening it if sealed.
func (s *Folder) readRecord(path string) (model.Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return model.Record{}, err
	}
	var l listing
	if err := json.Unmarshal(data, &l); err != nil {
		return model.Record{}, fmt.Errorf("not a readable record: %w", err)
	}
	if l.Sealed != "" {
		if data, err = s.Sealer.Open([]byte(l.Sealed)); err != nil {
			return model.Record{}, err
		}
	}
	rec, err := decodeRecord(data)
	if err == nil && l.Sealed != "" && (rec.Code != l.Code || rec.Status != l.Status) {
		err = fmt.Errorf("not a valid record: its listing (%s, %s) does not match its sealed content", l.Code, l.Status)
	}
	if err == nil {
		err = namedFor(path, rec.Code)
	}
	return rec, err
}

// namedFor checks that a record file holds the code its name gives: the
// name is how a record is found, resumed and deleted.
func namedFor(path, code string) error {
	if !strings.HasPrefix(filepath.Base(path), code+".") || len(code) != model.CodeLength {
		return fmt.Errorf("not a valid record: it holds code %q, its file name another", code)
	}
	return nil
}

func decodeRecord(data []byte) (model.Record, error) {
	var rec model.Record
	if err := json.Unmarshal(data, &rec); err != nil {
		return rec, fmt.Errorf("not a readable record: %w", err)
	}
	if _, err := rec.Session(); err != nil {
		return rec, fmt.Errorf("not a valid record: %w", err)
	}
	return rec, nil
}

// ReadDocument reads a record's Markdown copy, opening it if sealed.
func (s *Folder) ReadDocument(code string) ([]byte, error) {
	data, err := os.ReadFile(s.path(code, markdownSuffix))
	if err != nil {
		return nil, err
	}
	return s.Sealer.Open(data)
}

// WriteCrashLog keeps a panic's details for staff in the folder (0600 in
// a 0700 folder), sealed when a key is set, since a report may name a
// session. It returns the file's path.
func (s *Folder) WriteCrashLog(crash string, now time.Time) (string, error) {
	data, err := s.Sealer.sealText([]byte(crash))
	if err != nil {
		return "", err
	}
	if err := s.ensureDir(); err != nil {
		return "", err
	}
	stamp := now.UTC().Format("20060102T150405.000Z")
	name := filepath.Join(s.Dir, "crash-"+stamp+".log")
	for n := 2; fileExists(name); n++ { // two crashes at once keep both
		name = filepath.Join(s.Dir, fmt.Sprintf("crash-%s-%d.log", stamp, n))
	}
	return name, writeAtomic(name, data)
}

// SealPlain encrypts, in place, the records, Markdown copies and crash
// logs written before the key was set, so that old files stop being
// readable too. It needs only the public key. Sessions open in another
// app are left for a later run and reported.
func (s *Folder) SealPlain() (sealed []string, busy []string, err error) {
	if !s.Sealer.Encrypts() {
		return nil, nil, errors.New("sealing needs the clinic's public key (--records-key)")
	}
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range entries {
		name := e.Name()
		code, _, _ := strings.Cut(name, ".")
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		seal := s.sealPlainDocument
		switch {
		case isVisitFile(name): // sealed whole, as a visit is written
		case strings.HasSuffix(name, finalSuffix):
			seal = s.sealPlainRecord
		case strings.HasSuffix(name, markdownSuffix), strings.HasPrefix(name, "crash-"), strings.Contains(name, ".corrupt-"):
		default:
			continue
		}
		if model.ValidCode(code) {
			if _, held := s.locks[code]; !held {
				if err := s.lock(code); err != nil {
					busy = append(busy, name)
					continue
				}
				defer s.unlock(code)
			}
		}
		done, err := seal(filepath.Join(s.Dir, name))
		if err != nil {
			return sealed, busy, fmt.Errorf("%s: %w", name, err)
		}
		if done {
			sealed = append(sealed, name)
		}
	}
	return sealed, busy, nil
}

func (s *Folder) sealPlainRecord(path string) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	var l listing
	if err := json.Unmarshal(data, &l); err != nil || l.Sealed != "" {
		return false, err
	}
	rec, err := decodeRecord(data)
	if err != nil {
		return false, err
	}
	if data, err = s.encode(rec); err != nil {
		return false, err
	}
	return true, writeAtomic(path, data)
}

func (s *Folder) sealPlainDocument(path string) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil || bytes.HasPrefix(data, []byte(armor.Header)) {
		return false, err
	}
	if data, err = s.Sealer.sealText(data); err != nil {
		return false, err
	}
	return true, writeAtomic(path, data)
}
