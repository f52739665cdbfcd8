package main

import (
	"errors"
	"fmt"
	"io"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel check", stdout, stderr, "Usage: stemcounsel check [--strict] [DIR]\n\nValidates the built-in content, or a clinic's folder DIR laid over it.\nWarnings (an empty clinic fact, a lapsed sign-off) fail only with --strict.\n\n")
	strict := flags.Bool("strict", false, "fail on warnings too (for a clinic's own checks)")
	pos, err := parseInterspersed(flags, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 1 {
		fmt.Fprintln(stderr, "check takes at most one folder")
		return 2
	}
	dir, where := "", "built-in content"
	if len(pos) == 1 {
		dir, where = pos[0], pos[0]
	}
	fsys, err := contentFS(dir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	b, err := content.Load(fsys)
	if err != nil {
		fmt.Fprintln(stderr, err)
		if probs, ok := errors.AsType[content.Problems](err); ok {
			fmt.Fprintf(stderr, "%s: %d problems\n", where, len(probs))
		}
		return 1
	}
	warnings := content.Warnings(b, fsys, func(l model.Lang) string { return wording.For(l).NotProvided })
	for _, w := range warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	fmt.Fprintf(stdout, "%s: ok (content %s), %d warnings\n", where, b.Hash, len(warnings))
	if *strict && len(warnings) > 0 {
		fmt.Fprintf(stderr, "%s: --strict fails on %d warnings\n", where, len(warnings))
		return 1
	}
	return 0
}
