package records

import (
	"errors"
	"fmt"
	"io"

	"stemcounsel/model"
)

// codeTries bounds the draws for a free code. With 25⁶ codes a store would
// need millions of records before even two draws in a row collide, so
// running out means the random source is broken.
const codeTries = 32

// NewCode draws a hand-off code that no record in s has, no other app
// holds, and inUse (this process's live sessions; nil for none) does not
// report, and takes it for the caller's session (release it with
// ReleaseCode, or Close). A store it cannot write still gets a code: the
// session then runs in memory and says so when it tries to save.
func NewCode(s Store, r io.Reader, inUse func(code string) bool) (string, error) {
	for range codeTries {
		code, err := model.NewCode(r)
		if err != nil {
			return "", err
		}
		if inUse != nil && inUse(code) {
			continue
		}
		if taken, err := s.Exists(code); err == nil && taken {
			continue
		}
		switch err := s.Acquire(code); {
		case errors.Is(err, ErrLocked):
			continue
		default: // taken, or not writable: nothing to collide with on disk
			return code, nil
		}
	}
	return "", fmt.Errorf("no free session code after %d draws: the random source repeats itself", codeTries)
}

// Kiosk wraps the store of a waiting-room kiosk: every record it writes is
// marked as a kiosk's, so Purge can treat one left in progress as
// abandoned.
func Kiosk(s Store) Store { return kioskStore{s} }

type kioskStore struct{ Store }

// Unwrap is the store the kiosk's records go to.
func (k kioskStore) Unwrap() Store { return k.Store }

func (k kioskStore) SaveProgress(rec model.Record, seq uint64) error {
	rec.Kiosk = true
	return k.Store.SaveProgress(rec, seq)
}

func (k kioskStore) Close(rec model.Record, markdown []byte) error {
	rec.Kiosk = true
	return k.Store.Close(rec, markdown)
}
