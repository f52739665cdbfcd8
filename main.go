// Command stemcounsel walks a patient, alone or with a doctor, through an
// honest explanation of stem-cell therapy in Vietnamese or English.
package main

import (
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `stemcounsel: a guided counseling session about stem-cell therapy.

Usage:
  stemcounsel [flags]            run the session in this terminal
  stemcounsel print [flags]      write the patient handout to stdout (--pdf FILE: as a PDF)
  stemcounsel check [DIR]        validate content (built-in, or a clinic's DIR over it)
  stemcounsel content init DIR   start a clinic's own content folder
  stemcounsel open CODE          write a session's record to stdout (--pdf FILE: as a PDF)
  stemcounsel export --fhir CODE write a session as a FHIR R4 Bundle for the EMR
  stemcounsel follow-up CODE     a follow-up visit of a session: its measures asked again
  stemcounsel records            list recent sessions: code, status, time
  stemcounsel records migrate    bring a records database's tables up to date
  stemcounsel records import     copy a records folder into a records database
  stemcounsel records export|delete|restrict   a patient's requests
  stemcounsel audit verify       check the audit log for changed or missing lines
  stemcounsel data-inventory     what is stored, why, where, how long, who sees it
  stemcounsel hash-pin           read a staff PIN from stdin, print its hash
  stemcounsel serve [flags]      serve the app to the clinic's terminals over SSH

Flags of the session:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "print":
			return runPrint(args[1:], stdout, stderr)
		case "check":
			return runCheck(args[1:], stdout, stderr)
		case "content":
			return runContent(args[1:], stdout, stderr)
		case "open":
			return runOpen(args[1:], stdout, stderr)
		case "export":
			return runExport(args[1:], stdout, stderr)
		case "follow-up":
			return runFollowUp(args[1:], stdout, stderr)
		case "records":
			return runRecords(args[1:], stdout, stderr)
		case "hash-pin":
			return runHashPIN(args[1:], os.Stdin, stdout, stderr)
		case "serve":
			return runServe(args[1:], stdout, stderr)
		case "audit":
			return runAudit(args[1:], stdout, stderr)
		case "data-inventory":
			return runDataInventory(args[1:], stdout, stderr)
		}
	}
	return runApp(args, stdout, stderr)
}
