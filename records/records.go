// Package records keeps session records on disk: one JSON file (and a
// Markdown copy once finished) per session, named by its hand-off code.
// Files are 0600 in a 0700 folder and always written atomically, so a crash
// leaves the old file or the new one, never a torn one.
package records

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"stemcounsel/model"
)

const (
	progressSuffix = ".progress.json"
	finalSuffix    = ".json"
	markdownSuffix = ".md"
	lockSuffix     = ".lock"
)

// ErrLocked means another running app, or another session of this one,
// holds the session.
var ErrLocked = errors.New("the session is open in another window")

// ErrCodeTaken means a save would replace the record of another session
// that drew the same hand-off code.
var ErrCodeTaken = errors.New("another session already has this code; its record is kept")

// Store keeps session records. The records folder (Folder) is the
// embedded default; a database store implements the same contract for a
// chain of clinics. Every implementation writes each change before it
// returns, never lets an older save overwrite a newer one, and lets only
// one running app write a session at a time.
type Store interface {
	// SaveProgress writes an in-progress record. A save whose seq is older
	// than the last one written for that code is dropped. Seq 0 is the
	// final save of a stopped session: it always writes, and no numbered
	// save after it does. A save over the record of another session with
	// the same code (another start time) fails with ErrCodeTaken.
	SaveProgress(rec model.Record, seq uint64) error
	// Close writes a record that ends (finished or abandoned, as its Status
	// says) with its Markdown copy, and releases the session. A failure
	// part-way leaves the session in progress, never half ended; like
	// SaveProgress it never writes over another session's record.
	Close(rec model.Record, markdown []byte) error
	// Acquire takes a session for this process; ErrLocked if another app
	// holds it. Taking it again in the same process is a no-op: sessions of
	// one process keep apart by their start times (see ErrCodeTaken).
	Acquire(code string) error
	// ReleaseCode frees one session; Release frees all this store holds.
	ReleaseCode(code string)
	Release()
	// Exists tells whether any record (in progress or ended) has the code.
	Exists(code string) (bool, error)
	// List reads every record's listing entry, newest first.
	List() ([]Entry, []Corrupt, error)
	// Load reads a record: the ended one if it exists, else the one in
	// progress. The record read must have the code asked for.
	Load(code string) (model.Record, error)
	// Purge deletes ended records last updated before cutoff whose status is
	// one of statuses, and reports their codes. A kiosk's record left in
	// progress counts as abandoned, unless a running app holds it.
	Purge(cutoff time.Time, statuses ...string) ([]string, error)
	// AddVisit keeps a follow-up visit as a record of its own, linked to
	// the session v.Session names, which must have a record; it numbers the
	// visit after the session's last one and never writes over a visit.
	// Like SaveProgress it refuses a deleted or restricted code.
	AddVisit(v model.VisitRecord) (model.VisitRecord, error)
	// Visits reads a session's visits, in the order they were made.
	Visits(code string) ([]model.VisitRecord, error)
	// String says where the records are kept, for messages.
	String() string
}

// Unfinished lists the sessions of s that can be resumed.
func Unfinished(s Store) ([]Entry, []Corrupt, error) {
	all, bad, err := s.List()
	var out []Entry
	for _, e := range all {
		if e.Status == model.StatusInProgress {
			out = append(out, e)
		}
	}
	return out, bad, err
}

// Folder is a records folder: the Store of one machine.
type Folder struct {
	Dir string
	// Sealer encrypts what is written; nil keeps records unencrypted.
	Sealer *Sealer

	mu      sync.Mutex
	lastSeq map[string]uint64
	locks   map[string]*os.File
	owner   map[string]time.Time // codes whose files this store checked are its session's, by start time
}

// DefaultDir is $XDG_DATA_HOME/stemcounsel/records, else
// ~/.local/share/stemcounsel/records.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "stemcounsel", "records"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no records folder: set --records or XDG_DATA_HOME (%w)", err)
	}
	return filepath.Join(home, ".local", "share", "stemcounsel", "records"), nil
}

// OpenFolder returns the store for dir. The folder (0700) is made on the
// first write, and a folder it cannot write is not an error here: the app
// then keeps the session in memory and says so when it tries to save.
func OpenFolder(dir string) *Folder {
	return &Folder{Dir: dir, lastSeq: map[string]uint64{}, locks: map[string]*os.File{}, owner: map[string]time.Time{}}
}

// ensureDir makes the folder 0700 if it is missing. An existing folder keeps
// its mode: a clinic may share it on purpose, and a read-only one must
// still let a session be locked and resumed.
func (s *Folder) ensureDir() error {
	if st, err := os.Stat(s.Dir); err == nil && st.IsDir() {
		return nil
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(s.Dir, 0o700)
}

func (s *Folder) path(code, suffix string) string { return filepath.Join(s.Dir, code+suffix) }

// ProgressPath is where an unfinished session is saved.
func (s *Folder) ProgressPath(code string) string { return s.path(code, progressSuffix) }

// SaveProgress writes the in-progress record. Saves carry a sequence
// number: one older than the last written is dropped, so saves running in
// parallel can never put an older state over a newer one. Seq 0 is the
// final save of a stopped session: it always writes, and no numbered save
// still on its way may replace it.
func (s *Folder) SaveProgress(rec model.Record, seq uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkOwner(rec); err != nil {
		return err
	}
	if seq != 0 && seq < s.lastSeq[rec.Code] {
		return nil
	}
	if err := s.write(rec, progressSuffix); err != nil {
		return err
	}
	if seq == 0 {
		seq = ^uint64(0)
	}
	s.lastSeq[rec.Code] = seq
	return nil
}

// write saves a record as JSON under its code, holding its lock. The caller
// holds s.mu.
func (s *Folder) write(rec model.Record, suffix string) error {
	if err := s.checkWritable(rec.Code); err != nil {
		return err
	}
	if err := s.lock(rec.Code); err != nil {
		return err
	}
	data, err := s.encode(rec)
	if err != nil {
		return err
	}
	if err := s.ensureDir(); err != nil {
		return err
	}
	return writeAtomic(s.path(rec.Code, suffix), data)
}

// checkOwner refuses to write over the files of another session with the
// same code: a session is known by its start time. It reads the files once
// per session and store. The caller holds s.mu.
func (s *Folder) checkOwner(rec model.Record) error {
	if started, ok := s.owner[rec.Code]; ok && started.Equal(rec.Started) {
		return nil
	}
	for _, suffix := range []string{finalSuffix, progressSuffix} {
		old, err := s.readRecord(s.path(rec.Code, suffix))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil || !old.Started.Equal(rec.Started) {
			return fmt.Errorf("%s: %w", rec.Code, ErrCodeTaken)
		}
	}
	s.owner[rec.Code] = rec.Started
	return nil
}

// String is the folder's path.
func (s *Folder) String() string { return s.Dir }

// Close writes the ended record as JSON and Markdown and removes the
// in-progress file. The session's lock is released. The Markdown copy goes
// first and the JSON second: the JSON is what makes the record ended, so a
// failure part-way leaves the session in progress, never half ended.
func (s *Folder) Close(rec model.Record, markdown []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.lock(rec.Code); err != nil {
		return err
	}
	if err := s.checkOwner(rec); err != nil {
		return err
	}
	if err := s.ensureDir(); err != nil {
		return err
	}
	markdown, err := s.Sealer.sealText(markdown)
	if err != nil {
		return err
	}
	if err := writeAtomic(s.path(rec.Code, markdownSuffix), markdown); err != nil {
		return err
	}
	if err := s.write(rec, finalSuffix); err != nil {
		return err
	}
	if err := os.Remove(s.ProgressPath(rec.Code)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	s.unlock(rec.Code)
	s.lastSeq[rec.Code] = ^uint64(0) // nothing more is saved as in progress
	return nil
}

// Acquire locks a session for this process, so two apps never write the
// same session. A lock held by a process that died is free again.
func (s *Folder) Acquire(code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkWritable(code); err != nil {
		return err
	}
	return s.lock(code)
}

// OpenElsewhere reports whether another app holds the session now.
func (s *Folder) OpenElsewhere(code string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, held := s.locks[code]; held {
		return false
	}
	f, err := takeLock(s.path(code, lockSuffix))
	if err != nil {
		return errors.Is(err, ErrLocked)
	}
	s.locks[code] = f
	s.unlock(code)
	return false
}

// Release frees every lock this store holds.
func (s *Folder) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for code := range s.locks {
		s.unlock(code)
	}
}

// ReleaseCode frees one session's lock.
func (s *Folder) ReleaseCode(code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unlock(code)
}

func (s *Folder) lock(code string) error {
	if _, held := s.locks[code]; held {
		return nil
	}
	if err := s.ensureDir(); err != nil {
		return err
	}
	f, err := takeLock(s.path(code, lockSuffix))
	if err != nil {
		return err
	}
	s.locks[code] = f
	return nil
}

// takeLock opens and locks a lock file. The holder removes the file before
// it unlocks, so a lock won on a file no longer at path is stale: another app
// may already hold the new file there. Then it tries again.
func takeLock(path string) (*os.File, error) {
	for range 10 {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, ErrLocked
		}
		held, herr := f.Stat()
		now, nerr := os.Stat(path)
		if herr == nil && nerr == nil && os.SameFile(held, now) {
			return f, nil
		}
		unlockFile(f)
		f.Close()
	}
	return nil, ErrLocked
}

func (s *Folder) unlock(code string) {
	if f, ok := s.locks[code]; ok {
		removed := os.Remove(f.Name()) == nil // while still locked: see takeLock
		unlockFile(f)
		f.Close()
		if !removed {
			os.Remove(f.Name()) // Windows removes no open file
		}
		delete(s.locks, code)
	}
}

// Entry is what a listing shows of a record: never any answers.
type Entry struct {
	Code     string
	Status   string
	Role     model.Role
	Training bool
	Kiosk    bool
	Updated  time.Time
	Path     string
	// ContentVersion is the hash of the content the session showed.
	ContentVersion string
	Clinic         string // where the session began, in a chain's database; empty in a folder
}

// Corrupt names a record that could not be read, and where it was set aside.
type Corrupt struct {
	Path, SetAside string
	Err            error
}

// List reads every record's code, status and time, newest first. A corrupt
// in-progress file is set aside (renamed, never deleted) and reported.
func (s *Folder) List() ([]Entry, []Corrupt, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var out []Entry
	var bad []Corrupt
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, finalSuffix) || strings.HasPrefix(name, ".") || isVisitFile(name) {
			continue
		}
		path := filepath.Join(s.Dir, name)
		if code, ok := strings.CutSuffix(name, progressSuffix); ok && fileExists(s.path(code, finalSuffix)) {
			continue // ended; only its in-progress copy was left
		}
		entry, err := s.readEntry(path)
		if err != nil {
			c := Corrupt{Path: path, Err: err}
			if strings.HasSuffix(name, progressSuffix) {
				c.SetAside = fmt.Sprintf("%s.corrupt-%d", path, time.Now().Unix())
				if rerr := os.Rename(path, c.SetAside); rerr != nil {
					c.SetAside = ""
				}
			}
			bad = append(bad, c)
			continue
		}
		out = append(out, entry)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Updated.After(out[j].Updated) })
	return out, bad, nil
}

// Exists tells whether a record with the code is in the folder.
func (s *Folder) Exists(code string) (bool, error) {
	for _, suffix := range []string{finalSuffix, progressSuffix, tombstoneSuffix} {
		_, err := os.Stat(s.path(code, suffix))
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return false, err
		}
	}
	return false, nil
}

// Load reads a session's record: the final one if it exists, else the one
// in progress.
func (s *Folder) Load(code string) (model.Record, error) {
	if !model.ValidCode(code) {
		return model.Record{}, fmt.Errorf("%q is not a session code (6 letters and digits)", code)
	}
	for _, p := range []string{s.path(code, finalSuffix), s.ProgressPath(code)} {
		rec, err := s.readRecord(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return model.Record{}, fmt.Errorf("%s: %w", p, err)
		}
		return rec, nil
	}
	return model.Record{}, fmt.Errorf("no record with code %s in %s", code, s.Dir)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Purge deletes the records (JSON and Markdown) last updated before cutoff
// whose status is one of statuses, and reports their codes. Sessions in
// progress are kept, and so is a record that cannot be read, with one
// exception: a kiosk never resumes a session, so a kiosk session left in
// progress (a kill, a crash, a power cut) is abandoned, and goes with the
// abandoned ones once no running app holds it. Temporary files a killed
// write left behind go too.
func (s *Folder) Purge(cutoff time.Time, statuses ...string) ([]string, error) {
	s.removeStaleTemp(time.Now().Add(-staleTemp))
	all, _, err := s.List()
	if err != nil {
		return nil, err
	}
	var gone []string
	for _, e := range all {
		status := e.Status
		if e.Kiosk && status == model.StatusInProgress {
			status = model.StatusAbandoned
		}
		if !e.Updated.Before(cutoff) || status == model.StatusInProgress || !slices.Contains(statuses, status) || s.isRestricted(e.Code) {
			continue
		}
		if err := s.remove(e); err != nil {
			if errors.Is(err, ErrLocked) {
				continue
			}
			return gone, err
		}
		gone = append(gone, e.Code)
	}
	return gone, nil
}

// remove deletes a record's files. A record in progress is deleted only
// under its lock, so a running app never loses the file it is writing.
func (s *Folder) remove(e Entry) error {
	suffixes := []string{finalSuffix, markdownSuffix}
	if e.Status == model.StatusInProgress {
		s.mu.Lock()
		defer s.mu.Unlock()
		if _, held := s.locks[e.Code]; held {
			return ErrLocked
		}
		if err := s.lock(e.Code); err != nil {
			return err
		}
		defer s.unlock(e.Code)
		suffixes = []string{progressSuffix}
	}
	paths := make([]string, 0, len(suffixes))
	for _, suffix := range suffixes {
		paths = append(paths, s.path(e.Code, suffix))
	}
	if e.Status != model.StatusInProgress { // its visits go with it
		visits, _ := filepath.Glob(filepath.Join(s.Dir, e.Code+visitInfix+"*"+finalSuffix))
		paths = append(visits, paths...)
	}
	for _, p := range paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// staleTemp is how old a temporary file must be to be left by a killed
// write: a write in progress takes milliseconds.
const staleTemp = 10 * time.Minute

func (s *Folder) removeStaleTemp(before time.Time) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(before) {
			os.Remove(filepath.Join(s.Dir, e.Name()))
		}
	}
}
