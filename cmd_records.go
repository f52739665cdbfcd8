package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"stemcounsel/model"
)

func runRecords(args []string, stdout, stderr io.Writer) int {
	if code, ok := recordsSubcommand(args, stdout, stderr); ok {
		return code
	}
	if code, ok := requestSubcommand(args, stdout, stderr); ok {
		return code
	}
	flags := newFlagSet("stemcounsel records", stdout, stderr, "Usage: stemcounsel records [flags]\n       stemcounsel records migrate [--records postgres://…]\n       stemcounsel records import --from DIR [--to postgres://…] [--clinic ID]\n       stemcounsel records seal --records-key KEY (encrypt records kept before a key was set)\n       stemcounsel records export|delete|restrict ... (a patient's requests; -h for each)\n\nLists recent sessions: code, status and time (and clinic, in a database). No answers, and no key needed.\n\n")
	recordsDir := flags.String("records", "", recordsHelp)
	clinic := flags.String("clinic", "", "list (or purge) only this clinic's records")
	purge := flags.Int("purge-older-than", 0, "delete finished and abandoned records older than this many days")
	contentDir := flags.String("content", "", "content folder the sessions used (default: built-in), to mark older major releases")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	var keys keyFlags
	purgeSet := false
	flags.Visit(func(f *flag.Flag) { purgeSet = purgeSet || f.Name == "purge-older-than" })
	if *purge < 0 || (purgeSet && *purge == 0) { // 0 is not "not set" once typed
		fmt.Fprintln(stderr, "--purge-older-than takes a number of days (1 or more)")
		return 2
	}
	store, b, err := keys.openWithContent(*recordsDir, *clinic, *contentDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(store.Store)
	if *purge > 0 {
		gone, err := store.Purge(time.Now().AddDate(0, 0, -*purge), model.StatusFinished, model.StatusAbandoned)
		for _, code := range gone {
			fmt.Fprintf(stdout, "deleted %s\n", code)
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", store, err)
			return 1
		}
		fmt.Fprintf(stdout, "%d records older than %d days deleted; sessions in progress are kept\n", len(gone), *purge)
		return 0
	}
	list, _, err := listRecords(store, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if len(list) == 0 {
		fmt.Fprintf(stdout, "no records in %s\n", store)
	}
	for _, e := range list {
		kind := string(e.Role)
		if e.Training {
			kind = "training"
		}
		line := fmt.Sprintf("%s  %-11s  %-8s  %s", e.Code, e.Status, kind, e.Updated.Local().Format("02/01/2006 15:04"))
		if e.Clinic != "" {
			line += "  " + e.Clinic
		}
		if major, _, known := b.Since(e.ContentVersion); e.ContentVersion != "" && (major || !known && e.ContentVersion != b.Hash) {
			line += "  older content release"
		}
		if r, _ := store.requests.Restriction(e.Code); r != nil {
			line += "  restricted"
		}
		fmt.Fprintln(stdout, line)
	}
	tombstones, err := store.requests.Tombstones()
	for _, ts := range tombstones {
		fmt.Fprintf(stdout, "%s  %-11s  %-8s  %s\n", ts.Code, "deleted", "", ts.Deleted.Local().Format("02/01/2006 15:04"))
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", store, err)
		return 1
	}
	return 0
}
