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

// ErrLocked means another running app holds the session.
var ErrLocked = errors.New("the session is open in another window")

// Store keeps session records. The records folder (Folder) is the
// embedded default; a database store implements the same contract for a
// chain of clinics. Every implementation writes each change before it
// returns, never lets an older save overwrite a newer one, and lets only
// one running app write a session at a time.
type Store interface {
	// SaveProgress writes an in-progress record. A save whose seq is older
	// than the last one written for that code is dropped (seq 0 always
	// writes).
	SaveProgress(rec model.Record, seq uint64) error
	// Close writes a record that ends (finished or abandoned, as its Status
	// says) with its Markdown copy, and releases the session.
	Close(rec model.Record, markdown []byte) error
	// Acquire takes a session for this process; ErrLocked if another holds it.
	Acquire(code string) error
	// ReleaseCode frees one session; Release frees all this store holds.
	ReleaseCode(code string)
	Release()
	// Exists tells whether any record (in progress or ended) has the code.
	Exists(code string) (bool, error)
	// List reads every record's listing entry, newest first.
	List() ([]Entry, []Corrupt, error)
	// Load reads a record: the ended one if it exists, else the one in progress.
	Load(code string) (model.Record, error)
	// Purge deletes ended records last updated before cutoff whose status is
	// one of statuses, and reports their codes.
	Purge(cutoff time.Time, statuses ...string) ([]string, error)
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
	return &Folder{Dir: dir, lastSeq: map[string]uint64{}, locks: map[string]*os.File{}}
}

func (s *Folder) ensureDir() error {
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
// parallel can never put an older state over a newer one.
func (s *Folder) SaveProgress(rec model.Record, seq uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq != 0 && seq < s.lastSeq[rec.Code] {
		return nil
	}
	if err := s.write(rec, progressSuffix); err != nil {
		return err
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

// String is the folder's path.
func (s *Folder) String() string { return s.Dir }

// Close writes the ended record as JSON and Markdown and removes the
// in-progress file. The session's lock is released.
func (s *Folder) Close(rec model.Record, markdown []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.write(rec, finalSuffix); err != nil {
		return err
	}
	markdown, err := s.Sealer.sealText(markdown)
	if err != nil {
		return err
	}
	if err := writeAtomic(s.path(rec.Code, markdownSuffix), markdown); err != nil {
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
	f, err := os.OpenFile(s.path(code, lockSuffix), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return ErrLocked
	}
	s.locks[code] = f
	return nil
}

func (s *Folder) unlock(code string) {
	if f, ok := s.locks[code]; ok {
		unlockFile(f)
		f.Close()
		os.Remove(f.Name())
		delete(s.locks, code)
	}
}

// Entry is what a listing shows of a record: never any answers.
type Entry struct {
	Code     string
	Status   string
	Role     model.Role
	Training bool
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
		if e.IsDir() || !strings.HasSuffix(name, finalSuffix) || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(s.Dir, name)
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

// Purge deletes the records (JSON and Markdown) last updated before cutoff
// whose status is one of statuses, and reports their codes. Sessions in
// progress are never purged, and neither is a record that cannot be read.
func (s *Folder) Purge(cutoff time.Time, statuses ...string) ([]string, error) {
	all, _, err := s.List()
	if err != nil {
		return nil, err
	}
	var gone []string
	for _, e := range all {
		if !e.Updated.Before(cutoff) || e.Status == model.StatusInProgress || !slices.Contains(statuses, e.Status) || s.isRestricted(e.Code) {
			continue
		}
		for _, suffix := range []string{finalSuffix, markdownSuffix} {
			if err := os.Remove(s.path(e.Code, suffix)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return gone, err
			}
		}
		gone = append(gone, e.Code)
	}
	return gone, nil
}
