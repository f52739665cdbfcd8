// Package audit keeps an append-only, hash-chained log of who opened,
// exported, resumed, amended, purged, deleted or restricted which session
// record, from where: never an answer. Each entry carries the hash of the
// one before, and a head keeps the last entry's hash, so Verify finds
// an entry changed, removed, added or reordered, and a log cut short.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"
	"unicode"
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

// Chain keeps a log's entries in order: a file beside a records folder
// (File), or a table in a chain's database. It only stores; Log makes and
// Verify checks the hashes, the same way for every Chain.
type Chain interface {
	// Add appends the entry next makes from the last one written (Seq 0
	// and no hash for the first), with other writers waiting their turn.
	Add(next func(last Entry) Entry) error
	// Read gives every entry in order. One that cannot be read comes back
	// with Seq -1, and is described in bad.
	Read() (entries []Entry, bad []string, err error)
	// Head is the last entry written, kept apart from the entries, so
	// entries cut from the end show; found is false when none is kept.
	Head() (last Head, found bool, err error)
	// String names the log for messages.
	String() string
}

// Head is the sequence number and hash of the last entry written.
type Head struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// Log appends to Chain on behalf of Who, working from Where.
type Log struct {
	Chain      Chain
	Who, Where string
	Now        func() time.Time
}

// For is a log kept in c, written by this process's user on this machine.
func For(c Chain) *Log {
	who, where := Actor()
	return &Log{Chain: c, Who: who, Where: where, Now: time.Now}
}

// In is the log of a records folder.
func In(dir string) *Log { return For(File(PathIn(dir))) }

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

// Append adds one entry, chained to the last one written.
func (l *Log) Append(action, code, reason string) error {
	err := l.Chain.Add(func(last Entry) Entry {
		e := Entry{
			Seq: last.Seq + 1, Time: l.Now().UTC(), Action: action, Code: Clean(code),
			Who: Clean(l.Who), Where: Clean(l.Where), Reason: Clean(reason), Prev: last.Hash,
		}
		e.Hash = e.digest()
		return e
	})
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// Report is what Verify found.
type Report struct {
	Entries  int
	LastHash string
	Problems []string
}

// Verify checks the whole chain and its head. A log that does not exist
// yet is fine when its head does not either.
func Verify(c Chain) (Report, error) {
	entries, bad, err := c.Read()
	if err != nil {
		return Report{}, err
	}
	rep := Report{Entries: len(entries), Problems: bad}
	var prev Entry
	for i, e := range entries {
		n := i + 1
		switch {
		case e.Seq < 0 && len(bad) > 0:
			// a line Read could not parse, reported already; an entry that
			// parses with a negative number breaks the chain like any other
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
	h, found, err := c.Head()
	switch {
	case err != nil:
		rep.Problems = append(rep.Problems, "the head: "+err.Error())
	case !found && len(entries) > 0:
		rep.Problems = append(rep.Problems, "the head (the last entry written, kept apart) is missing, so entries removed from the end cannot be ruled out")
	case found && (h.Seq != prev.Seq || h.Hash != prev.Hash):
		rep.Problems = append(rep.Problems, fmt.Sprintf("the log ends at entry %d but entry %d was the last written: entries were removed from the end", prev.Seq, h.Seq))
	}
	return rep, nil
}

// Entries reads the log's entries, those about code only when code is set.
func Entries(c Chain, code string) ([]Entry, error) {
	all, _, err := c.Read()
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
