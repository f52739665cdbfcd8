// Package audit keeps an append-only, hash-chained log of who opened,
// exported, resumed, amended, purged, deleted or restricted which session
// record, from where: never an answer. Each entry carries the hash of the
// one before, and a head file keeps the last entry's hash, so Verify finds
// an entry changed, removed, added or reordered, and a log cut short.
package audit

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"stemcounsel/records"
)

// What was done to a record.
const (
	Opened     = "opened"
	Exported   = "exported"
	Resumed    = "resumed"
	Amended    = "amended"
	Purged     = "purged"
	Deleted    = "deleted"
	Restricted = "restricted"
	Lifted     = "restriction-lifted"
)

// FileName is the log's name in the records folder.
const FileName = "audit.log"

// Entry is one line of the log.
type Entry struct {
	Seq    int64     `json:"seq"`
	Time   time.Time `json:"time"`
	Action string    `json:"action"`
	Code   string    `json:"code"`
	Who    string    `json:"who"`
	Where  string    `json:"where"`
	Reason string    `json:"reason,omitempty"`
	// Prev is the hash of the entry before ("" for the first); Hash is
	// this entry's, over all its other fields.
	Prev string `json:"prev"`
	Hash string `json:"hash"`
}

func (e Entry) digest() string {
	e.Hash = ""
	data, _ := json.Marshal(e) // a struct of strings, numbers and a time always marshals
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Log appends to the audit log at Path on behalf of Who, working from Where.
type Log struct {
	Path, Who, Where string
	Now              func() time.Time
}

// In is the log of a records folder, written by this process's user on
// this machine.
func In(dir string) *Log {
	who, where := Actor()
	return &Log{Path: PathIn(dir), Who: who, Where: where, Now: time.Now}
}

// PathIn is where the log of a records folder is.
func PathIn(dir string) string { return filepath.Join(dir, FileName) }

// Actor says who runs this process, and from where: the machine, and the
// SSH client's address when logged in over SSH.
func Actor() (who, where string) {
	who = os.Getenv("USER")
	if u, err := user.Current(); err == nil && u.Username != "" {
		who = u.Username
	}
	if who == "" {
		who = "unknown"
	}
	where, err := os.Hostname()
	if err != nil {
		where = "unknown machine"
	}
	if ssh := strings.Fields(os.Getenv("SSH_CONNECTION")); len(ssh) > 0 {
		where += " (ssh from " + ssh[0] + ")"
	}
	return who, where
}

func headPath(path string) string { return path + ".head" }

// Append adds one entry. Processes sharing the log take turns on a lock
// file beside it.
func (l *Log) Append(action, code, reason string) error {
	if err := os.MkdirAll(filepath.Dir(l.Path), 0o700); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	release, err := records.LockPath(l.Path+".lock", 5*time.Second)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	defer release()
	last, err := lastEntry(l.Path)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	e := Entry{
		Seq: last.Seq + 1, Time: l.Now().UTC(), Action: action, Code: Clean(code),
		Who: Clean(l.Who), Where: Clean(l.Where), Reason: Clean(reason), Prev: last.Hash,
	}
	e.Hash = e.digest()
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(l.Path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	_, werr := f.Write(append(line, '\n'))
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	head, _ := json.Marshal(head{Seq: e.Seq, Hash: e.Hash})
	if err := records.WriteFileAtomic(headPath(l.Path), head); err != nil {
		return fmt.Errorf("audit log head: %w", err)
	}
	return nil
}

type head struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// lastEntry is what the next entry follows: the head file's entry, so an
// entry removed from the end still shows as a break once more are added;
// else the log's last line.
func lastEntry(path string) (Entry, error) {
	data, err := os.ReadFile(headPath(path))
	if err == nil {
		var h head
		if err := json.Unmarshal(data, &h); err != nil {
			return Entry{}, fmt.Errorf("%s: %w", headPath(path), err)
		}
		return Entry{Seq: h.Seq, Hash: h.Hash}, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return Entry{}, err
	}
	entries, _, err := read(path)
	if err != nil || len(entries) == 0 {
		return Entry{}, err
	}
	return entries[len(entries)-1], nil
}

// read parses every line; lines that are not entries are reported by number.
func read(path string) ([]Entry, []string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var entries []Entry
	var bad []string
	r := bufio.NewReader(f)
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var e Entry
			if jerr := json.Unmarshal(line, &e); jerr != nil {
				bad = append(bad, fmt.Sprintf("line %d: not an audit entry", n))
				e = Entry{Seq: -1}
			}
			entries = append(entries, e)
		}
		if errors.Is(err, io.EOF) {
			return entries, bad, nil
		}
		if err != nil {
			return entries, bad, err
		}
	}
}

// Report is what Verify found.
type Report struct {
	Entries  int
	LastHash string
	Problems []string
}

// Verify checks the whole chain and the head file. A log that does not
// exist yet is fine when its head does not either.
func Verify(path string) (Report, error) {
	entries, bad, err := read(path)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Entries: len(entries), Problems: bad}
	var prev Entry
	for i, e := range entries {
		n := i + 1
		switch {
		case e.Seq < 0:
		case e.Hash != e.digest():
			rep.Problems = append(rep.Problems, fmt.Sprintf("line %d (entry %d): changed: its content does not match its hash", n, e.Seq))
		case e.Seq != prev.Seq+1 && e.Seq > prev.Seq:
			rep.Problems = append(rep.Problems, fmt.Sprintf("line %d: entry %d follows entry %d: %d entries missing", n, e.Seq, prev.Seq, e.Seq-prev.Seq-1))
		case e.Seq != prev.Seq+1 || e.Prev != prev.Hash:
			rep.Problems = append(rep.Problems, fmt.Sprintf("line %d (entry %d): does not follow the line before it: a line was removed, added or moved", n, e.Seq))
		}
		prev = e
	}
	rep.LastHash = prev.Hash
	data, err := os.ReadFile(headPath(path))
	switch {
	case errors.Is(err, fs.ErrNotExist) && len(entries) > 0:
		rep.Problems = append(rep.Problems, "the head file "+filepath.Base(headPath(path))+" is missing, so lines removed from the end cannot be ruled out")
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return rep, err
	default:
		var h head
		if json.Unmarshal(data, &h) != nil {
			rep.Problems = append(rep.Problems, "the head file is not readable")
		} else if h.Seq != prev.Seq || h.Hash != prev.Hash {
			rep.Problems = append(rep.Problems, fmt.Sprintf("the log ends at entry %d but entry %d was the last written: entries were removed from the end", prev.Seq, h.Seq))
		}
	}
	return rep, nil
}

// Entries reads the log's entries, those about code only when code is set.
func Entries(path, code string) ([]Entry, error) {
	all, _, err := read(path)
	var out []Entry
	for _, e := range all {
		if e.Seq >= 0 && (code == "" || e.Code == code) {
			e.Who, e.Where, e.Reason, e.Code = Clean(e.Who), Clean(e.Where), Clean(e.Reason), Clean(e.Code)
			out = append(out, e)
		}
	}
	return out, err
}

// Clean keeps text from the environment, files or the keyboard from
// reaching a terminal raw.
func Clean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return '?'
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
}
