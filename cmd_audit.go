package main

import (
	"fmt"
	"io"
	"strings"

	"stemcounsel/audit"
)

const auditUsage = `Usage: stemcounsel audit verify [--records DIR|postgres://…]
       stemcounsel audit show [--code CODE] [--records DIR|postgres://…]

verify checks that no line of the audit log was changed, removed, added or
moved, and that none was cut from its end; it ends with the last entry's hash,
which the clinic may note elsewhere to check against later. show lists who
opened, exported, resumed, amended, purged, deleted or restricted which code.
`

func runAudit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "show") {
		fmt.Fprint(stderr, auditUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			return 0
		}
		return 2
	}
	flags := newFlagSet("stemcounsel audit "+args[0], stdout, stderr, auditUsage+"\n")
	recordsAt := flags.String("records", "", recordsHelp+"; the log is beside a folder's records, or in the database")
	code := new(string)
	if args[0] == "show" {
		code = flags.String("code", "", "only entries about this code")
	}
	if err := flags.Parse(args[1:]); err != nil {
		return flagExit(err)
	}
	var keys keyFlags
	cs, err := keys.openStore(*recordsAt, "")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(cs.Store)
	chain := cs.log.Chain
	if args[0] == "show" {
		entries, err := audit.Entries(chain, strings.ToUpper(*code))
		for _, e := range entries {
			fmt.Fprintf(stdout, "%6d  %s  %-18s  %s  %s, %s", e.Seq, e.Time.Local().Format("02/01/2006 15:04:05"), e.Action, e.Code, e.Who, e.Where)
			if e.Reason != "" {
				fmt.Fprintf(stdout, " (%s)", e.Reason)
			}
			fmt.Fprintln(stdout)
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", chain, err)
			return 1
		}
		return 0
	}
	rep, err := audit.Verify(chain)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", chain, err)
		return 1
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(stderr, "%s: %s\n", chain, p)
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(stderr, "%s: the audit log FAILED verification (%d problems in %d entries)\n", chain, len(rep.Problems), rep.Entries)
		return 1
	}
	fmt.Fprintf(stdout, "%s: ok, %d entries, the chain is whole\n", chain, rep.Entries)
	if rep.LastHash != "" {
		fmt.Fprintf(stdout, "last entry's hash: %s\n", rep.LastHash)
	}
	return 0
}
