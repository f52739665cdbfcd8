package main

import (
	"errors"
	"fmt"
	"io"

	"stemcounsel/content"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel check", stderr, "Usage: stemcounsel check [DIR]\n\nValidates the built-in content, or the content folder DIR.\n")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	if flags.NArg() > 1 {
		fmt.Fprintln(stderr, "check takes at most one folder")
		return 2
	}
	where := "built-in content"
	if flags.NArg() == 1 {
		where = flags.Arg(0)
	}
	b, err := loadContent(flags.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, err)
		if probs, ok := errors.AsType[content.Problems](err); ok {
			fmt.Fprintf(stderr, "%s: %d problems\n", where, len(probs))
		}
		return 1
	}
	fmt.Fprintf(stdout, "%s: ok (content %s)\n", where, b.Hash)
	return 0
}
