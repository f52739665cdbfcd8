package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
	"golang.org/x/term"

	"stemcounsel/audit"
	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/pgstore"
)

// keyFlags say how records are encrypted: to the clinic's public key for
// writing, with its identity (secret key) for reading.
type keyFlags struct {
	recipient, identity string
}

func (k *keyFlags) registerRecipient(flags *flag.FlagSet) {
	flags.StringVar(&k.recipient, "records-key", "", "encrypt records to this age public key (age1…), or to the keys in this file")
}

func (k *keyFlags) registerIdentity(flags *flag.FlagSet, why string) {
	flags.StringVar(&k.identity, "identity", "", "the clinic's age identity file (secret key), to "+why)
}

// sealer reads the keys. An identity alone also seals what it writes, to
// its own public key.
func (k *keyFlags) sealer() (*records.Sealer, error) {
	var rs []age.Recipient
	var ids []age.Identity
	var err error
	if k.recipient != "" {
		if rs, err = records.ParseRecipients(k.recipient); err != nil {
			return nil, err
		}
	}
	if k.identity != "" {
		if ids, err = records.ReadIdentities(k.identity, typedPassphrase(k.identity)); err != nil {
			return nil, err
		}
	}
	if len(rs) == 0 {
		for _, id := range ids {
			switch id := id.(type) {
			case *age.X25519Identity:
				rs = append(rs, id.Recipient())
			case *age.HybridIdentity:
				rs = append(rs, id.Recipient())
			}
		}
	}
	return records.NewSealer(rs, ids), nil
}

// typedPassphrase asks for an identity file's passphrase on the terminal,
// without echo; nil when standard input is not a terminal.
func typedPassphrase(path string) func() (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil
	}
	return func() (string, error) {
		fmt.Fprintf(os.Stderr, "Passphrase for %s: ", path)
		pass, err := term.ReadPassword(fd)
		fmt.Fprintln(os.Stderr)
		return string(pass), err
	}
}

// clinicStore is where the records are kept, opened with the keys: it
// seals what it writes, logs what is done to records in the audit log,
// and takes patients' requests, in a records folder as in a database.
type clinicStore struct {
	records.Store // audited
	requests      records.Requests
	log           *audit.Log
	encrypts      bool
}

// openStore opens where the records are kept with the keys given. A
// folder's audit log is the file beside its records; a database's is the
// one log of the whole chain, in the database.
func (k *keyFlags) openStore(where, clinic string) (*clinicStore, error) {
	sealer, err := k.sealer()
	if err != nil {
		return nil, err
	}
	store, err := openStore(where, clinic, sealer)
	if err != nil {
		return nil, err
	}
	cs := &clinicStore{encrypts: sealer.Encrypts()}
	switch s := store.(type) {
	case *records.Folder:
		cs.requests, cs.log = s, audit.In(s.Dir)
	case *pgstore.Store:
		cs.requests, cs.log = s, audit.For(s.AuditLog())
		if clinic != "" {
			cs.log.Where += ", clinic " + clinic
		}
	}
	cs.Store = audit.Store(store, cs.log)
	return cs, nil
}

// oneCode parses a command that takes one session code and opens the
// records; these commands read no record, so they need no key. A non-zero
// exit means the command stops there.
func oneCode(flags *flag.FlagSet, args []string, recordsAt *string, example string, stderr io.Writer) (string, *clinicStore, int) {
	code, exit := codeArg(flags, args, example, stderr)
	if exit != 0 {
		return "", nil, exit
	}
	var keys keyFlags
	cs, err := keys.openStore(*recordsAt, "")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return "", nil, 2
	}
	return code, cs, 0
}

// codeArg parses a command's flags around its one session code, in
// capitals; otherwise it prints example and gives the exit status.
func codeArg(flags *flag.FlagSet, args []string, example string, stderr io.Writer) (string, int) {
	pos, err := parseInterspersed(flags, args)
	if err != nil {
		return "", flagExit(err)
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, example)
		return "", 2
	}
	return strings.ToUpper(pos[0]), 0
}

// refuseRestricted tells whether code's record is restricted, and says so.
func refuseRestricted(requests records.Requests, code string, stderr io.Writer) bool {
	r, err := requests.Restriction(code)
	if err != nil || r == nil {
		return false
	}
	fmt.Fprintf(stderr, "session %s is restricted at the patient's request since %s (by %s): it is kept but not opened or changed.\nThe patient's own copy: stemcounsel records export --code %s. Lift it with: stemcounsel records restrict %s --lift\n",
		code, r.Since.Local().Format("02/01/2006 15:04"), audit.Clean(r.By), code, code)
	return true
}

// openWithContent opens the records with the keys given and loads the
// content their sessions used: what every command that shows records
// needs. The caller closes the store.
func (k *keyFlags) openWithContent(where, clinic, contentDir string) (*clinicStore, *content.Bundle, error) {
	cs, err := k.openStore(where, clinic)
	if err != nil {
		return nil, nil, err
	}
	b, err := loadContent(contentDir)
	if err != nil {
		closeStore(cs.Store)
		return nil, nil, err
	}
	return cs, b, nil
}

// session reads a session to show, with its follow-up visits: refused
// when the patient restricted it or it began at another clinic than the
// one asked for. False means the reason was told on stderr.
func (cs *clinicStore) session(code, clinic string, stderr io.Writer) (model.Record, []model.VisitRecord, bool) {
	if refuseRestricted(cs.requests, code, stderr) {
		return model.Record{}, nil, false
	}
	rec, err := cs.Load(code)
	if err == nil {
		err = checkClinic(cs.Store, code, clinic)
	}
	var visits []model.VisitRecord
	if err == nil {
		visits, err = cs.Visits(code)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return rec, nil, false
	}
	return rec, visits, true
}
