package audit

import (
	"fmt"
	"sync"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
)

// Store wraps a records store so that what it does to records on its own
// is logged: amending a finished record, and purging old ones. Opening,
// exporting, resuming, deleting and restricting are logged by the
// commands that do them.
func Store(inner records.Store, log *Log) records.Store {
	return &auditedStore{Store: inner, log: log, closed: map[string]bool{}}
}

type auditedStore struct {
	records.Store
	log    *Log
	mu     sync.Mutex
	closed map[string]bool
}

// Close logs every write of an ended record after its first: a finished
// session changed again.
func (s *auditedStore) Close(rec model.Record, markdown []byte) error {
	if err := s.Store.Close(rec, markdown); err != nil {
		return err
	}
	s.mu.Lock()
	again := s.closed[rec.Code]
	s.closed[rec.Code] = true
	s.mu.Unlock()
	if !again {
		return nil
	}
	if err := s.log.Append(Amended, rec.Code, ""); err != nil {
		return fmt.Errorf("the record is saved, but %w", err)
	}
	return nil
}

func (s *auditedStore) Purge(cutoff time.Time, statuses ...string) ([]string, error) {
	gone, err := s.Store.Purge(cutoff, statuses...)
	for _, code := range gone {
		if aerr := s.log.Append(Purged, code, "last updated before "+cutoff.UTC().Format(time.DateOnly)); aerr != nil {
			return gone, aerr
		}
	}
	return gone, err
}

// Acquire takes a session for writing. Taking one that has a record is
// resuming it, and is logged; a new session reserving a fresh code is not.
func (s *auditedStore) Acquire(code string) error {
	existed, _ := s.Store.Exists(code)
	if err := s.Store.Acquire(code); err != nil || !existed {
		return err
	}
	if err := s.log.Append(Resumed, code, ""); err != nil {
		s.Store.ReleaseCode(code)
		return err
	}
	return nil
}

func (s *auditedStore) Unwrap() records.Store { return s.Store }
