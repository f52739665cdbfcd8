package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"stemcounsel/records"
)

// File is a log kept as JSON lines in a file, with its head in a file
// beside it: the log of one records folder.
type File string

func (f File) String() string { return string(f) }

func (f File) headPath() string { return string(f) + ".head" }

// Add appends one line. Processes sharing the log take turns on a lock
// file beside it.
func (f File) Add(next func(last Entry) Entry) error {
	path := string(f)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	release, err := records.LockPath(path+".lock", 5*time.Second)
	if err != nil {
		return err
	}
	defer release()
	last, err := f.last()
	if err != nil {
		return err
	}
	e := next(last)
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	_, werr := out.Write(append(line, '\n'))
	serr := out.Sync()
	if err := errors.Join(werr, serr, out.Close()); err != nil {
		return err
	}
	head, _ := json.Marshal(Head{Seq: e.Seq, Hash: e.Hash})
	if err := records.WriteFileAtomic(f.headPath(), head); err != nil {
		return fmt.Errorf("head: %w", err)
	}
	return nil
}

// last is what the next entry follows: the head's entry, so an entry
// removed from the end still shows as a break once more are added; else
// the log's last line.
func (f File) last() (Entry, error) {
	h, found, err := f.Head()
	if err != nil || found {
		return Entry{Seq: h.Seq, Hash: h.Hash}, err
	}
	entries, _, err := f.Read()
	if err != nil || len(entries) == 0 {
		return Entry{}, err
	}
	return entries[len(entries)-1], nil
}

// Head reads the head file.
func (f File) Head() (Head, bool, error) {
	var h Head
	data, err := os.ReadFile(f.headPath())
	if errors.Is(err, fs.ErrNotExist) {
		return h, false, nil
	}
	if err == nil && json.Unmarshal(data, &h) != nil {
		err = fmt.Errorf("%s is not readable", filepath.Base(f.headPath()))
	}
	return h, err == nil, err
}

// Read parses every line; lines that are not entries are reported by number.
func (f File) Read() ([]Entry, []string, error) {
	in, err := os.Open(string(f))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer in.Close()
	var entries []Entry
	var bad []string
	r := bufio.NewReader(in)
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
