package records

import (
	"fmt"
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

// ResumeRole is the mode whose sessions a start-up may offer: the one asked
// for, or with none, only patients' own self-review sessions.
func ResumeRole(asked model.Role) model.Role {
	if asked == model.RoleUnset {
		return model.RolePatient
	}
	return asked
}

// Resumable lists the unfinished sessions of one mode, newest first. A
// kiosk's session is never offered (the next person at any terminal must
// not see it), and neither is one another app has open, which could not be
// resumed anyway.
func Resumable(s Store, role model.Role) ([]Entry, []Corrupt, error) {
	unfinished, bad, err := Unfinished(s)
	var out []Entry
	for _, e := range unfinished {
		if e.Role != role || e.Kiosk {
			continue
		}
		if f, ok := s.(interface{ OpenElsewhere(string) bool }); ok && f.OpenElsewhere(e.Code) {
			continue
		}
		out = append(out, e)
	}
	return out, bad, err
}

// PurgeAbandoned deletes abandoned records older than retainDays: the
// retention a kiosk promises on its welcome screen.
func PurgeAbandoned(s Store, retainDays int, now time.Time) ([]string, error) {
	return s.Purge(now.AddDate(0, 0, -retainDays), model.StatusAbandoned)
}
