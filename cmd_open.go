package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"stemcounsel/audit"
	"stemcounsel/doc"
	"stemcounsel/records"
)

func runOpen(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel open", stdout, stderr, "Usage: stemcounsel open [flags] CODE\n\nWrites a session's record to stdout.\n\n")
	recordsDir := flags.String("records", "", recordsHelp)
	clinic := flags.String("clinic", "", "open the record only if it began at this clinic")
	contentDir := flags.String("content", "", "content folder the session used (default: built-in)")
	width := flags.Int("width", 80, "wrap the text at this many columns (30 to 200)")
	style := flags.String("style", "", "style: "+strings.Join(doc.StyleNames, ", "))
	var keys keyFlags
	keys.registerIdentity(flags, "read encrypted records")
	var pdf pdfFlags
	pdf.register(flags, "the session as the patient saw it")
	code, exit := codeArg(flags, args, "open takes one session code, e.g. stemcounsel open ACD349", stderr)
	if exit != 0 || code == "" { // "" after -help
		return exit
	}
	store, b, err := keys.openWithContent(*recordsDir, "", *contentDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(store.Store)
	rec, visits, ok := store.session(code, *clinic, stderr)
	if !ok {
		return 1
	}
	if err := store.log.Append(audit.Opened, code, ""); err != nil {
		fmt.Fprintf(stderr, "the record is not shown: %v\n", err)
		return 1
	}
	if pdf.file != "" {
		return writeRecordPDF(pdf, rec, visits, b, store.log, stdout, stderr)
	}
	md := doc.Record(rec, b)
	if am := records.AmenderOf(store.Store); am != nil {
		// Amendments follow the record they correct, which is never changed.
		notes, aerr := am.Amendments(code)
		if aerr != nil {
			fmt.Fprintln(stderr, aerr)
			return 1
		}
		for _, n := range notes {
			md += "\n" + string(n)
		}
	}
	rendered := outputStyle(*style, stdout)
	md += doc.Visits(rec, visits, b, *width, chartMode(rendered))
	out, err := doc.Render(md, *width, rendered)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if note := b.OlderMajor(rec.ContentVersion); note != "" {
		fmt.Fprintf(stdout, "Note: this session was %s.\n\n", note)
	}
	fmt.Fprintln(stdout, out)
	return 0
}

// chartMode is how the follow-up's charts suit the output: words for a
// screen reader or a dumb terminal, ASCII where the style asks for it.
func chartMode(rendered string) doc.ChartMode {
	switch {
	case plainMode(false):
		return doc.ChartWords
	case rendered == doc.StyleASCII || os.Getenv("TERM") == "linux":
		return doc.ChartASCII
	}
	return doc.ChartBox
}
