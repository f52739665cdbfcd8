package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"stemcounsel/model"
)

// Patients' requests on their records: deletion that leaves a tombstone,
// and restriction that stops further processing.

const (
	tombstoneSuffix  = ".tombstone"
	restrictedSuffix = ".restricted"
)

// ErrDeleted means the code's record was deleted at the patient's request;
// nothing more is written under it.
var ErrDeleted = errors.New("this session's record was deleted at the patient's request; nothing more is kept under its code")

// ErrRestricted means processing of the code's record is restricted at the
// patient's request: it is kept as it is, and neither changed nor used.
var ErrRestricted = errors.New("this session's record is restricted at the patient's request: it is kept as it is and not changed or used (lift with: stemcounsel records restrict CODE --lift)")

// Requests is what a store offers for patients' requests. The folder has
// it; a store without it tells the clinic so instead of pretending.
type Requests interface {
	// Delete removes everything held under code and leaves a tombstone.
	Delete(code, reason, by string, now time.Time) (Tombstone, error)
	// Restrict stops further processing of code; Lift undoes it.
	Restrict(code, by string, now time.Time) (Restriction, error)
	Lift(code string) error
	// Restriction is the code's restriction, nil if there is none.
	Restriction(code string) (*Restriction, error)
	// Tombstone is the code's tombstone, nil if it was never deleted.
	Tombstone(code string) (*Tombstone, error)
	// Tombstones lists every deleted code.
	Tombstones() ([]Tombstone, error)
}

// Tombstone is all that stays of a deleted record: never its content.
type Tombstone struct {
	Code    string    `json:"code"`
	Deleted time.Time `json:"deleted"`
	Reason  string    `json:"reason"`
	By      string    `json:"by"`
}

// Restriction says since when and by whom a record is restricted.
type Restriction struct {
	Code  string    `json:"code"`
	Since time.Time `json:"since"`
	By    string    `json:"by"`
}

func checkCode(code string) error {
	if !model.ValidCode(code) {
		return fmt.Errorf("%q is not a session code (6 letters and digits)", code)
	}
	return nil
}

// Delete removes the code's records in progress and ended, its Markdown
// copy, copies set aside as corrupt and any restriction, and leaves a
// tombstone. The tombstone is written first, so a deletion cut short is
// finished by running it again. A session open in another app is not
// deleted under it.
func (s *Folder) Delete(code, reason, by string, now time.Time) (Tombstone, error) {
	if err := checkCode(code); err != nil {
		return Tombstone{}, err
	}
	if strings.TrimSpace(reason) == "" {
		return Tombstone{}, errors.New("a deletion needs a reason (--reason TEXT), kept in the tombstone")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ts := Tombstone{Code: code, Deleted: now.UTC(), Reason: reason, By: by}
	if old, err := s.Tombstone(code); err != nil {
		return Tombstone{}, err
	} else if old != nil {
		ts = *old
	} else if held, err := s.held(code); err != nil {
		return Tombstone{}, err
	} else if err := s.noRecord(code, len(held) > 0); err != nil {
		return Tombstone{}, err
	}
	if err := s.lock(code); err != nil {
		return Tombstone{}, fmt.Errorf("session %s: %w; close it first", code, err)
	}
	defer s.unlock(code)
	if err := s.writeJSON(code, tombstoneSuffix, ts); err != nil {
		return Tombstone{}, err
	}
	held, err := s.held(code)
	if err != nil {
		return ts, err
	}
	for _, p := range held {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return ts, err
		}
	}
	s.lastSeq[code] = ^uint64(0)
	return ts, syncDir(s.Dir)
}

// held lists every file kept under code but its tombstone and lock.
func (s *Folder) held(code string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(s.Dir, code+".*"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range matches {
		if !strings.HasSuffix(m, tombstoneSuffix) && !strings.HasSuffix(m, lockSuffix) {
			out = append(out, m)
		}
	}
	return out, nil
}

// Restrict marks the code's record restricted: no more writes, no purge,
// and the app neither resumes nor opens it until the mark is lifted.
func (s *Folder) Restrict(code, by string, now time.Time) (Restriction, error) {
	if err := checkCode(code); err != nil {
		return Restriction{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, err := s.Restriction(code); err != nil {
		return Restriction{}, err
	} else if old != nil {
		return *old, nil
	}
	if err := s.checkWritable(code); err != nil {
		return Restriction{}, err
	}
	if ok, err := s.Exists(code); err != nil || !ok {
		return Restriction{}, errors.Join(err, s.noRecord(code, ok))
	}
	r := Restriction{Code: code, Since: now.UTC(), By: by}
	return r, s.writeJSON(code, restrictedSuffix, r)
}

// Lift ends a restriction.
func (s *Folder) Lift(code string) error {
	if err := checkCode(code); err != nil {
		return err
	}
	err := os.Remove(s.path(code, restrictedSuffix))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("session %s is not restricted", code)
	}
	return err
}

// Restriction reads the code's restriction, nil if it has none.
func (s *Folder) Restriction(code string) (*Restriction, error) {
	var r Restriction
	ok, err := s.readJSON(s.path(code, restrictedSuffix), &r)
	if !ok {
		return nil, err
	}
	return &r, nil
}

// Tombstone reads the code's tombstone, nil if it has none.
func (s *Folder) Tombstone(code string) (*Tombstone, error) {
	var t Tombstone
	ok, err := s.readJSON(s.path(code, tombstoneSuffix), &t)
	if !ok {
		return nil, err
	}
	return &t, nil
}

// Tombstones lists every deleted code, oldest first.
func (s *Folder) Tombstones() ([]Tombstone, error) {
	matches, err := filepath.Glob(filepath.Join(s.Dir, "*"+tombstoneSuffix))
	if err != nil {
		return nil, err
	}
	var out []Tombstone
	for _, m := range matches {
		var t Tombstone
		if _, err := s.readJSON(m, &t); err != nil {
			return out, err
		}
		out = append(out, t)
	}
	return out, nil
}

// noRecord is the error for a code with nothing held, nil if found.
func (s *Folder) noRecord(code string, found bool) error {
	if found {
		return nil
	}
	return fmt.Errorf("no record with code %s in %s", code, s.Dir)
}

func (s *Folder) isRestricted(code string) bool {
	_, err := os.Stat(s.path(code, restrictedSuffix))
	return err == nil
}

// checkWritable refuses writes under a deleted or restricted code.
func (s *Folder) checkWritable(code string) error {
	if _, err := os.Stat(s.path(code, tombstoneSuffix)); err == nil {
		return ErrDeleted
	}
	if s.isRestricted(code) {
		return ErrRestricted
	}
	return nil
}

func (s *Folder) writeJSON(code, suffix string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := s.ensureDir(); err != nil {
		return err
	}
	return writeAtomic(s.path(code, suffix), data)
}

// readJSON reads path into v, reporting false for a file that is not there.
func (s *Folder) readJSON(path string, v any) (bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("%s: not readable: %w", path, err)
	}
	return true, nil
}

// CodesOfPatient lists the codes whose record carries the file number ref
// (case and spaces aside). Reading file numbers needs the identity when
// records are encrypted.
func CodesOfPatient(s Store, ref string) ([]string, error) {
	ref = normalRef(ref)
	if ref == "" {
		return nil, errors.New("a file number is needed")
	}
	all, bad, err := s.List()
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, e := range all {
		rec, err := s.Load(e.Code)
		if err != nil {
			return codes, err
		}
		if normalRef(rec.PatientRef) == ref {
			codes = append(codes, e.Code)
		}
	}
	if len(bad) > 0 {
		return codes, fmt.Errorf("%d record files could not be read and were not searched (first: %s: %v)", len(bad), bad[0].Path, bad[0].Err)
	}
	return codes, nil
}

func normalRef(ref string) string { return strings.ToUpper(strings.Join(strings.Fields(ref), "")) }
