package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/term"

	"stemcounsel/audit"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/ui"
	"stemcounsel/wording"
)

// runFollowUp opens a follow-up visit of a session for the doctor: the
// baseline's measures asked again, with the course so far beside them.
// The visit is a record of its own, linked to the session.
func runFollowUp(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel follow-up", stdout, stderr, "Usage: stemcounsel follow-up [flags] CODE\n\nOpens a follow-up visit of the session CODE (the one that took the baseline)\nand keeps it as a record of its own, linked to that session.\n\n")
	recordsDir := flags.String("records", "", recordsHelp)
	clinic := flags.String("clinic", "", "open the session only if it began at this clinic")
	contentDir := flags.String("content", "", "content folder the clinic uses (default: built-in)")
	lang := flags.String("lang", "", "language of the visit: vi or en (default: the session's)")
	style := flags.String("style", "auto", "style: "+strings.Join(doc.StyleNames, ", "))
	glyphs := flags.String("glyphs", "auto", "symbols: auto (ASCII under TERM=linux), unicode, ascii")
	var keys keyFlags
	keys.registerRecipient(flags)
	keys.registerIdentity(flags, "read an encrypted session")
	code, exit := codeArg(flags, args, "follow-up takes one session code, e.g. stemcounsel follow-up ACD349", stderr)
	if exit != 0 || code == "" { // "" after -help
		return exit
	}
	if !slices.Contains(doc.StyleNames, *style) || !slices.Contains([]string{"auto", "unicode", "ascii"}, *glyphs) {
		fmt.Fprintf(stderr, "unknown --style %q or --glyphs %q (styles: %s; glyphs: auto, unicode, ascii)\n", *style, *glyphs, strings.Join(doc.StyleNames, ", "))
		return 2
	}
	if *glyphs == "auto" && os.Getenv("TERM") == "linux" {
		*glyphs = "ascii" // the Linux console draws no box lines
	}
	store, b, err := keys.openWithContent(*recordsDir, "", *contentDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(store.Store)
	rec, earlier, ok := store.session(code, *clinic, stderr)
	if !ok {
		return 1
	}
	opt := ui.VisitOptions{Content: b, Store: store.Store, Now: time.Now, Session: rec, Earlier: earlier, Lang: rec.Lang, Style: *style, Glyphs: *glyphs}
	if *lang != "" {
		if opt.Lang, err = model.ParseLang(*lang); err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) || !term.IsTerminal(int(os.Stdout.Fd())) {
		fmt.Fprintln(stderr, "follow-up needs an interactive terminal")
		return 1
	}
	// The doctor's screen shows the baseline and the earlier visits.
	if err := store.log.Append(audit.Opened, code, "follow-up visit"); err != nil {
		fmt.Fprintf(stderr, "the session is not opened: %v\n", err)
		return 1
	}
	v := ui.NewVisit(opt)
	if _, err := tea.NewProgram(v).Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		fmt.Fprintln(stderr, "stemcounsel:", err)
		return 1
	}
	saved, ft := v.Saved(), wording.FollowUpFor(v.Lang())
	if saved == nil {
		fmt.Fprintln(stderr, ft.NotSaved)
		return 1
	}
	fmt.Fprintln(stderr, fmt.Sprintf(ft.Saved, saved.Number, code))
	return 0
}
