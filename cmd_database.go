package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/pgstore"
)

const recordsHelp = "records: a folder, or a PostgreSQL database (postgres://…) shared by a chain of clinics (default: $" +
	pgstore.EnvURL + ", else $XDG_DATA_HOME/stemcounsel/records)"

const clinicHelp = "clinic id (a database's records only): the clinic records start at, and whose records are listed"

// openStore opens where the records are kept: a database for an address
// (postgres://…), else a records folder. With no --records, the database
// in STEMCOUNSEL_DATABASE_URL, else the default folder. A clinic id needs
// a database: a folder is one clinic's. Both seal what they write with
// sealer (nil: unencrypted).
func openStore(where, clinic string, sealer *records.Sealer) (records.Store, error) {
	where, err := storeAddress(where)
	if err != nil {
		return nil, err
	}
	if pgstore.IsURL(where) {
		s, err := pgstore.Open(where, pgstore.Options{Clinic: clinic, Sealer: sealer})
		if err != nil {
			return nil, fmt.Errorf("records database: %w", err)
		}
		return s, nil
	}
	if clinic != "" {
		return nil, errors.New("--clinic needs a database (--records postgres://… or " + pgstore.EnvURL + "); a records folder is one clinic's")
	}
	if where == "" {
		d, err := records.DefaultDir()
		if err != nil {
			return nil, err
		}
		where = d
	}
	folder := records.OpenFolder(where)
	folder.Sealer = sealer
	return folder, nil
}

// storeAddress is --records, else STEMCOUNSEL_DATABASE_URL. A password
// written in the flag is refused: ps would show it to every user.
func storeAddress(flag string) (string, error) {
	if flag == "" {
		return os.Getenv(pgstore.EnvURL), nil
	}
	if pgstore.IsURL(flag) && hasPassword(flag) {
		return "", fmt.Errorf("a password in the address would show in the process list; put the address in %s, or the password in ~/.pgpass or PGPASSWORD", pgstore.EnvURL)
	}
	return flag, nil
}

// databaseAddress is storeAddress for the commands that work only on a
// database; name is the flag's, for messages.
func databaseAddress(flag, name string) (string, error) {
	where, err := storeAddress(flag)
	if err == nil && !pgstore.IsURL(where) {
		err = fmt.Errorf("%s takes a database address, postgres://… (or set %s)", name, pgstore.EnvURL)
	}
	return where, err
}

// closeStore frees the sessions a command held and, for a database, closes
// its connections.
func closeStore(store records.Store) {
	if db := records.Inner[*pgstore.Store](store); db != nil {
		db.Disconnect()
		return
	}
	store.Release()
}

func hasPassword(address string) bool {
	u, err := url.Parse(address)
	if err != nil {
		return false // pgx reports the malformed address
	}
	_, set := u.User.Password()
	return set || u.Query().Has("password")
}

// checkClinic refuses a record that began at another clinic than the one
// asked for; with no clinic asked, any record opens.
func checkClinic(store records.Store, code, clinic string) error {
	db := records.Inner[*pgstore.Store](store)
	if clinic == "" || db == nil {
		return nil
	}
	got, err := db.ClinicOf(code)
	if err != nil {
		return err
	}
	if got != clinic {
		return fmt.Errorf("session %s is not clinic %s's (it began at %q); leave out --clinic to open it", code, clinic, got)
	}
	return nil
}

func runMigrate(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel records migrate", stdout, stderr, "Usage: stemcounsel records migrate [--records postgres://…]\n\nBrings the database's tables up to this version. Every command does it at start;\nthis runs it alone, e.g. before starting the servers of a new version.\n\n")
	address := flags.String("records", "", "the database (default: $"+pgstore.EnvURL+")")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	where, err := databaseAddress(*address, "--records")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	db, err := pgstore.New(where, pgstore.Options{})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer db.Disconnect()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	applied, err := db.Migrate(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", db, err)
		return 1
	}
	for _, name := range applied {
		fmt.Fprintf(stdout, "applied %s\n", name)
	}
	fmt.Fprintf(stdout, "%s: tables at version %d\n", db, pgstore.Version())
	return 0
}

func runImport(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel records import", stdout, stderr, "Usage: stemcounsel records import --from DIR [--to postgres://…] [--clinic ID] [--records-key KEY] [--identity FILE]\n\nCopies a records folder's records into the database and reports what it took and\nskipped. The folder is left as it was. An encrypted folder needs the identity to\nbe read; with --records-key the database keeps them encrypted.\n\n")
	from := flags.String("from", "", "the records folder")
	to := flags.String("to", "", "the database (default: $"+pgstore.EnvURL+")")
	clinic := flags.String("clinic", "", "clinic id to stamp on the records taken")
	var keys keyFlags
	keys.registerRecipient(flags)
	keys.registerIdentity(flags, "read a folder's encrypted records")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	sealer, err := keys.sealer()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if st, err := os.Stat(*from); *from == "" || err != nil || !st.IsDir() {
		fmt.Fprintln(stderr, "--from takes a records folder")
		return 2
	}
	where, err := databaseAddress(*to, "--to")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	db, err := pgstore.Open(where, pgstore.Options{Clinic: *clinic, Sealer: sealer})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer db.Disconnect()
	src := records.OpenFolder(*from)
	src.Sealer = sealer
	took, skipped, err := importFolder(src, db, stdout)
	fmt.Fprintf(stdout, "%d records taken, %d skipped, from %s into %s\n", took, skipped, *from, db)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// importFolder copies every readable record of src into db, once per code
// (the ended record when the folder also holds one in progress). It skips,
// with the reason, a record it cannot read, one the database already has,
// and a session still open in a running app.
func importFolder(src *records.Folder, db *pgstore.Store, out io.Writer) (took, skipped int, err error) {
	list, corrupt, err := src.List()
	if err != nil {
		return 0, 0, err
	}
	for _, c := range corrupt {
		fmt.Fprintf(out, "skipped %s: %v\n", c.Path, c.Err)
		skipped++
	}
	seen := map[string]bool{}
	for _, e := range list {
		if seen[e.Code] {
			continue
		}
		seen[e.Code] = true
		reason, err := importRecord(src, db, e.Code)
		if err != nil {
			return took, skipped, fmt.Errorf("%s: %w (nothing after it was taken)", e.Code, err)
		}
		if reason != "" {
			fmt.Fprintf(out, "skipped %s: %s\n", e.Code, reason)
			skipped++
			continue
		}
		fmt.Fprintf(out, "took %s\n", e.Code)
		took++
	}
	return took, skipped, nil
}

// importRecord copies one record, or says why not.
func importRecord(src *records.Folder, db *pgstore.Store, code string) (skipReason string, err error) {
	rec, err := src.Load(code)
	if err != nil {
		return err.Error(), nil
	}
	if rec.Status == model.StatusInProgress {
		if err := src.Acquire(code); err != nil {
			return "the session is open in a running app; import again once it has ended", nil
		}
		defer src.ReleaseCode(code)
	}
	markdown, err := src.ReadDocument(code)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if rec.Status == model.StatusInProgress {
		markdown = nil // the Markdown copy is written when a session ends
	}
	visits, err := src.Visits(code)
	if err != nil {
		return err.Error(), nil
	}
	added, err := db.Insert(rec, markdown)
	if err != nil {
		return "", err
	}
	if !added {
		return "the database already has a record with this code", nil
	}
	for _, v := range visits { // numbered again in order, as the database numbers them
		if _, err := db.AddVisit(v); err != nil {
			return "", err
		}
	}
	return "", nil
}

// recordsSubcommand runs records migrate and records import.
func recordsSubcommand(args []string, stdout, stderr io.Writer) (int, bool) {
	if len(args) == 0 {
		return 0, false
	}
	switch strings.ToLower(args[0]) {
	case "migrate":
		return runMigrate(args[1:], stdout, stderr), true
	case "import":
		return runImport(args[1:], stdout, stderr), true
	}
	return 0, false
}
