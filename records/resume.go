package records

import (
	"fmt"
	"os"
	"time"

	"stemcounsel/model"
)

// Resume takes an unfinished session for this process and loads it, with
// the record it was saved as. A session resumes only in the mode it was
// started in (role RoleUnset accepts any): a patient must never open a
// doctor's session, with its notes and file number, or a trainer's.
func Resume(s Store, code string, role model.Role) (*model.Session, model.Record, error) {
	rec, err := s.Load(code)
	if err != nil {
		return nil, rec, err
	}
	if rec.Status != model.StatusInProgress {
		return nil, rec, fmt.Errorf("session %s is %s; only an unfinished session can be resumed (see it with: stemcounsel open %s)", code, rec.Status, code)
	}
	if role != model.RoleUnset && rec.Role != role {
		return nil, rec, fmt.Errorf("session %s was a %s session; it can only be resumed with --role %s", code, rec.Role, rec.Role)
	}
	if err := s.Acquire(code); err != nil {
		return nil, rec, fmt.Errorf("session %s: %w", code, err)
	}
	sess, err := rec.Session()
	return sess, rec, err
}

// ResumeRole is the mode whose sessions a start-up may list, and whether it
// lists any. Only a doctor or a trainer sees a list, of their own mode: a
// patient's self-review (or no mode given) lists none, since whoever sits
// at the machine next could open another patient's answers; a patient
// resumes only with --resume CODE.
func ResumeRole(asked model.Role) (model.Role, bool) {
	switch asked {
	case model.RoleDoctor, model.RoleTrainer:
		return asked, true
	}
	return model.RoleUnset, false
}

// Resumable lists the unfinished sessions of one mode, newest first. A
// kiosk's session is never offered: the next person at any terminal must
// not see it. One open in another app is listed (Offers marks it).
func Resumable(s Store, role model.Role) ([]Entry, []Corrupt, error) {
	unfinished, bad, err := Unfinished(s)
	var out []Entry
	for _, e := range unfinished {
		if e.Role == role && !e.Kiosk {
			out = append(out, e)
		}
	}
	return out, bad, err
}

// Offer is an unfinished session as the start-up lists it: enough to tell
// sessions apart (never any answers), and whether it is open elsewhere.
type Offer struct {
	Entry
	Lang        model.Lang
	Step, Steps int    // where it stopped: step Step of Steps
	PatientRef  string // a doctor-led session's file number or initials
	Locked      bool   // open in another window: shown, not choosable
}

// Offers lists the unfinished sessions of one mode with what tells them
// apart. A session another app holds is marked Locked; testing the lock
// takes it for a moment and lets it go.
func Offers(s Store, role model.Role) ([]Offer, []Corrupt, error) {
	entries, bad, err := Resumable(s, role)
	var out []Offer
	for _, e := range entries {
		rec, lerr := s.Load(e.Code)
		if lerr != nil {
			continue // gone or unreadable since the listing: nothing to offer
		}
		o := Offer{Entry: e, Lang: rec.Lang, PatientRef: rec.PatientRef}
		if sess, serr := rec.Session(); serr == nil {
			o.Step, o.Steps = sess.Index()+1, len(sess.Steps())
		}
		if f := FolderOf(s); f != nil {
			o.Locked = f.OpenElsewhere(e.Code) // looking is not resuming: nothing is audited
		} else if aerr := s.Acquire(e.Code); aerr != nil {
			o.Locked = true
		} else {
			s.ReleaseCode(e.Code)
		}
		out = append(out, o)
	}
	return out, bad, err
}

// PurgeAbandoned deletes abandoned records older than retainDays: the
// retention a kiosk promises on its welcome screen.
func PurgeAbandoned(s Store, retainDays int, now time.Time) ([]string, error) {
	return s.Purge(now.AddDate(0, 0, -retainDays), model.StatusAbandoned)
}

// Amender keeps corrections to a finished record beside it, never in it:
// each amendment is stored on its own, and the finished record stays as it
// was written. A store without it cannot take amendments.
type Amender interface {
	// Amend adds one amendment (Markdown) to a finished session.
	Amend(code string, markdown []byte) error
	// Amendments reads a session's amendments, oldest first.
	Amendments(code string) ([][]byte, error)
}

const amendmentSuffix = ".md"

func (s *Folder) amendmentPath(code string, n int) string {
	return s.path(code, fmt.Sprintf(".amendment-%d%s", n, amendmentSuffix))
}

// Amend writes the amendment as CODE.amendment-N.md beside the record, N
// counting up; an existing file is never replaced (a hard link fails on an
// existing name, where a rename would overwrite it).
func (s *Folder) Amend(code string, markdown []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.readRecord(s.path(code, finalSuffix))
	if err != nil {
		return fmt.Errorf("session %s has no finished record to amend: %w", code, err)
	}
	if rec.Status != model.StatusFinished {
		return fmt.Errorf("session %s is %s; only a finished record takes amendments", code, rec.Status)
	}
	sealed, err := s.Sealer.sealText(markdown) // a correction is health data too
	if err != nil {
		return err
	}
	tmp := s.path(code, fmt.Sprintf(".amendment-tmp-%d", time.Now().UnixNano()))
	if err := writeAtomic(tmp, sealed); err != nil {
		return err
	}
	defer os.Remove(tmp)
	for n := 1; ; n++ {
		err := os.Link(tmp, s.amendmentPath(code, n))
		if err == nil || !os.IsExist(err) {
			return err
		}
	}
}

// Amendments reads CODE.amendment-1.md, -2.md, … until one is missing.
func (s *Folder) Amendments(code string) ([][]byte, error) {
	var out [][]byte
	for n := 1; ; n++ {
		data, err := os.ReadFile(s.amendmentPath(code, n))
		if os.IsNotExist(err) {
			return out, nil
		}
		if err == nil {
			data, err = s.Sealer.Open(data)
		}
		if err != nil {
			return out, err
		}
		out = append(out, data)
	}
}

var _ Amender = (*Folder)(nil)
