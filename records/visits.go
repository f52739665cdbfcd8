package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"stemcounsel/model"
)

// A session's follow-up visits are files of their own beside its record,
// CODE.visit-001.json and on, so deleting the session's files deletes them
// too, and a listing of records never reads them as sessions.
const (
	visitInfix      = ".visit-"
	visitLockSuffix = ".visits.lock"
)

// ErrNoSession means a visit was made for a code with no record: a visit
// is always linked to the session that took the baseline.
var ErrNoSession = errors.New("no session has this code: a follow-up visit needs the session it follows")

// visitWait is how long a visit waits for another app adding a visit to
// the same session: a write takes milliseconds.
const visitWait = 5 * time.Second

func isVisitFile(name string) bool { return strings.Contains(name, visitInfix) }

func (s *Folder) visitPath(code string, n int) string {
	return s.path(code, fmt.Sprintf("%s%03d%s", visitInfix, n, finalSuffix))
}

// AddVisit writes a visit as the session's next one and returns it with
// its number. Two apps adding a visit at once get two numbers, never one
// file: the number is drawn under a lock of the session's visits.
func (s *Folder) AddVisit(v model.VisitRecord) (model.VisitRecord, error) {
	code := v.Session
	if err := checkCode(code); err != nil {
		return v, err
	}
	if err := s.checkWritable(code); err != nil {
		return v, err
	}
	if ok, err := s.sessionExists(code); err != nil || !ok {
		return v, errors.Join(err, fmt.Errorf("%s: %w", code, ErrNoSession))
	}
	if err := s.ensureDir(); err != nil {
		return v, err
	}
	release, err := LockPath(s.path(code, visitLockSuffix), visitWait)
	if err != nil {
		return v, err
	}
	defer release()
	old, err := s.Visits(code)
	if err != nil {
		return v, err
	}
	v.Number = len(old) + 1
	if len(old) > 0 {
		v.Number = old[len(old)-1].Number + 1
	}
	if err := v.Check(); err != nil {
		return v, err
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return v, err
	}
	if data, err = s.Sealer.sealText(data); err != nil {
		return v, err
	}
	return v, writeAtomic(s.visitPath(code, v.Number), data)
}

// sessionExists tells whether the code has a record, ended or in progress.
func (s *Folder) sessionExists(code string) (bool, error) {
	for _, suffix := range []string{finalSuffix, progressSuffix} {
		if _, err := os.Stat(s.path(code, suffix)); err == nil {
			return true, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return false, err
		}
	}
	return false, nil
}

// Visits reads a session's visits in the order they were made. A visit
// file that is not a valid visit of this session is an error, never
// skipped: a course read without one of its visits would mislead.
func (s *Folder) Visits(code string) ([]model.VisitRecord, error) {
	if err := checkCode(code); err != nil {
		return nil, err
	}
	paths, err := filepath.Glob(filepath.Join(s.Dir, code+visitInfix+"*"+finalSuffix))
	if err != nil {
		return nil, err
	}
	var out []model.VisitRecord
	for _, p := range paths {
		v, err := s.readVisit(p, code)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b model.VisitRecord) int { return a.Number - b.Number })
	return out, nil
}

func (s *Folder) readVisit(path, code string) (model.VisitRecord, error) {
	var v model.VisitRecord
	data, err := os.ReadFile(path)
	if err != nil {
		return v, err
	}
	if data, err = s.Sealer.Open(data); err != nil {
		return v, err
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return v, fmt.Errorf("not a readable visit: %w", err)
	}
	if err := v.Check(); err != nil {
		return v, err
	}
	num := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), code+visitInfix), finalSuffix)
	if n, err := strconv.Atoi(num); err != nil || n != v.Number || v.Session != code {
		return v, fmt.Errorf("the file holds visit %d of session %s, not what its name says", v.Number, v.Session)
	}
	return v, nil
}
