package main

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"stemcounsel/plain"
	"stemcounsel/ui"
)

// plainMode reports whether the session runs as plain text and line
// prompts: asked for, or a terminal that cannot draw a full screen.
func plainMode(flag bool) bool {
	a := os.Getenv("ACCESSIBLE")
	return flag || (a != "" && a != "0" && a != "false") || os.Getenv("TERM") == "dumb"
}

// runPlain runs the session in plain mode, on stdin as it comes: a
// terminal, a screen reader's line mode or a pipe.
func runPlain(opt ui.Options, stdout, stderr io.Writer) int {
	width := 80
	if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w >= 30 {
		width = min(w, 100)
	}
	err := plain.Run(os.Stdin, stdout, plain.Options{
		Content: opt.Content, Store: opt.Store, Now: opt.Now, Lang: opt.Lang, LangSet: opt.LangSet,
		Role: opt.Role, Groups: opt.Groups, Code: opt.Code, Session: opt.Session, Notice: opt.Notice, Width: width,
		AskConsent: opt.AskConsent, Terminal: opt.Terminal, RetainDays: opt.RetainDays,
		Unfinished: opt.Unfinished, Resume: opt.Resume,
	})
	if err != nil {
		fmt.Fprintln(stderr, "stemcounsel:", err)
		return 1
	}
	return 0
}
