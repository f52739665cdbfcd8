package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"

	"stemcounsel/audit"
	"stemcounsel/records"
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
		if ids, err = records.ReadIdentities(k.identity); err != nil {
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

// openStore opens where the records are kept with the keys given. A
// records folder seals with them and is audited, and is returned too; a
// database has neither yet, so keys given for one are refused rather than
// ignored.
func (k *keyFlags) openStore(where, clinic string) (records.Store, *records.Folder, error) {
	sealer, err := k.sealer()
	if err != nil {
		return nil, nil, err
	}
	store, err := openStore(where, clinic)
	if err != nil {
		return nil, nil, err
	}
	folder, ok := store.(*records.Folder)
	if !ok {
		if k.recipient != "" || k.identity != "" {
			closeStore(store)
			return nil, nil, errors.New("--records-key and --identity work on a records folder; a records database does not encrypt its records yet")
		}
		return store, nil, nil
	}
	folder.Sealer = sealer
	return audit.Store(folder, audit.In(folder.Dir)), folder, nil
}

// encrypts tells whether the store encrypts what it writes.
func encrypts(folder *records.Folder) bool { return folder != nil && folder.Sealer.Encrypts() }

// oneCode parses a command that takes one session code and opens the
// records folder; these commands read no record, so they need no key. A
// non-zero exit means the command stops there.
func oneCode(flags *flag.FlagSet, args []string, recordsDir *string, example string, stderr io.Writer) (string, *records.Folder, int) {
	pos, err := parseInterspersed(flags, args)
	if err != nil {
		return "", nil, flagExit(err)
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, example)
		return "", nil, 2
	}
	var keys keyFlags
	folder, err := keys.requestsFolder(*recordsDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return "", nil, 2
	}
	return strings.ToUpper(pos[0]), folder, 0
}

// requestsFolder opens the records folder with the keys, for a patient's
// request or for sealing, which a records database does not take yet.
func (k *keyFlags) requestsFolder(where string) (*records.Folder, error) {
	store, folder, err := k.openStore(where, "")
	if err == nil && folder == nil {
		closeStore(store)
		err = errNeedsFolder
	}
	return folder, err
}

var errNeedsFolder = errors.New("patients' requests (export, delete, restrict) and seal work on a records folder; a records database does not take them yet")

// unencryptedNotice is what the app says at start when no key is set.
func unencryptedNotice() string {
	return "Hồ sơ được lưu KHÔNG mã hóa: chưa đặt --records-key. / Records are kept unencrypted: no --records-key is set."
}

// refuseRestricted tells whether code's record is restricted, and says so.
func refuseRestricted(folder *records.Folder, code string, stderr io.Writer) bool {
	r, err := folder.Restriction(code)
	if err != nil || r == nil {
		return false
	}
	fmt.Fprintf(stderr, "session %s is restricted at the patient's request since %s (by %s): it is kept but not opened or changed.\nThe patient's own copy: stemcounsel records export --code %s. Lift it with: stemcounsel records restrict %s --lift\n",
		code, r.Since.Local().Format("02/01/2006 15:04"), audit.Clean(r.By), code, code)
	return true
}
