package ui

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"syscall"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
)

// memStore keeps records in memory for the random-input driver, which
// saves after nearly every event: a folder would spend its time in fsync.
// full makes every write fail the way a full disk does, with the path of
// the temporary file (and so the code) in the error, as the folder's do.
type memStore struct {
	mu    sync.Mutex
	recs  map[string]model.Record
	ended map[string]bool
	full  bool

	visits map[string][]model.VisitRecord
}

func newMemStore() *memStore {
	return &memStore{recs: map[string]model.Record{}, ended: map[string]bool{}, visits: map[string][]model.VisitRecord{}}
}

const memStoreDir = "/srv/records"

func (s *memStore) setFull(full bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.full = full
}

func (s *memStore) write(rec model.Record, suffix string, ended bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.full {
		return fmt.Errorf("write %s/.tmp-%s%s-1: %w", memStoreDir, rec.Code, suffix, syscall.ENOSPC)
	}
	if s.ended[rec.Code] && !ended {
		return nil // a late autosave never reopens an ended record
	}
	s.recs[rec.Code], s.ended[rec.Code] = rec, ended
	return nil
}

func (s *memStore) SaveProgress(rec model.Record, _ uint64) error {
	return s.write(rec, ".progress.json", false)
}

func (s *memStore) Close(rec model.Record, _ []byte) error { return s.write(rec, ".json", true) }

func (s *memStore) Acquire(string) error { return nil }
func (s *memStore) ReleaseCode(string)   {}
func (s *memStore) Release()             {}

func (s *memStore) Exists(code string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.recs[code]
	return ok, nil
}

func (s *memStore) List() ([]records.Entry, []records.Corrupt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []records.Entry
	for code, rec := range s.recs {
		out = append(out, records.Entry{Code: code, Status: rec.Status, Updated: rec.Updated})
	}
	slices.SortFunc(out, func(a, b records.Entry) int { return b.Updated.Compare(a.Updated) })
	return out, nil, nil
}

func (s *memStore) Load(code string) (model.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.recs[code]
	if !ok {
		return model.Record{}, errors.New("no record " + code)
	}
	return rec, nil
}

func (s *memStore) Purge(time.Time, ...string) ([]string, error) { return nil, nil }

func (s *memStore) String() string { return memStoreDir }

func (s *memStore) AddVisit(v model.VisitRecord) (model.VisitRecord, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.recs[v.Session]; !ok {
		return v, records.ErrNoSession
	}
	v.Number = len(s.visits[v.Session]) + 1
	s.visits[v.Session] = append(s.visits[v.Session], v)
	return v, nil
}

func (s *memStore) Visits(code string) ([]model.VisitRecord, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]model.VisitRecord(nil), s.visits[code]...), nil
}
