package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing/fstest"

	"stemcounsel/content"
	"stemcounsel/model"
)

const contentUsage = `Usage:
  stemcounsel content init DIR
      start a clinic's content folder: clinic.txt in every language, every
      fact listed with what it means; the rest comes from the built-in text
  stemcounsel content sign-off DIR --reviewer NAME --date DD/MM/YYYY PAGE...
      for the reviewing clinician: mark each PAGE (e.g. vi/pages/approval.md)
      as reviewed, with the page's hash; a later change to it lapses the
      sign-off

`

func runContent(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, contentUsage)
		return 2
	}
	switch args[0] {
	case "init":
		return runContentInit(args[1:], stdout, stderr)
	case "sign-off":
		return runSignOff(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "unknown content command %q (valid: init, sign-off)\n\n%s", args[0], contentUsage)
	return 2
}

func runContentInit(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel content init", stderr, contentUsage)
	pos, err := parseInterspersed(flags, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "content init takes one folder, e.g. stemcounsel content init clinic-content")
		return 2
	}
	dir := pos[0]
	for _, lang := range model.Langs {
		name := path.Join(string(lang), "clinic.txt")
		target := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Stat(target); err == nil {
			fmt.Fprintf(stderr, "%s already exists; nothing was written\n", target)
			return 1
		}
		starter, err := fs.ReadFile(content.Embedded(), name)
		if err == nil {
			err = writeContentFile(target, starter)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s\n", target)
	}
	fmt.Fprintf(stdout, "Fill in the facts, then run: stemcounsel check --strict %s\n", dir)
	return 0
}

func runSignOff(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel content sign-off", stderr, contentUsage)
	reviewer := flags.String("reviewer", "", "the reviewing clinician's name")
	date := flags.String("date", "", "the review date, dd/mm/yyyy")
	pos, err := parseInterspersed(flags, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) < 2 {
		fmt.Fprintln(stderr, "sign-off takes the clinic's folder and at least one page, e.g. stemcounsel content sign-off clinic-content --reviewer \"BS. An\" --date 01/12/2026 vi/pages/approval.md")
		return 2
	}
	fsys, err := contentFS(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	signed := fstest.MapFS{}
	for _, page := range pos[1:] {
		page = path.Clean(filepath.ToSlash(page))
		if !fs.ValidPath(page) || path.Ext(page) != ".md" {
			fmt.Fprintf(stderr, "%s: not a page of the content (e.g. vi/pages/approval.md)\n", page)
			return 2
		}
		raw, err := fs.ReadFile(fsys, page)
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "%s: no such page in %s or the built-in content\n", page, pos[0])
			return 2
		}
		var data []byte
		if err == nil {
			data, err = content.SignOff(raw, *reviewer, *date)
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", page, err)
			return 1
		}
		signed[page] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	// Check the folder as it would be before writing anything, so a
	// sign-off never leaves it broken.
	if _, err := content.Load(content.Overlay{Base: fsys, Top: signed, TopName: pos[0]}); err != nil {
		fmt.Fprintf(stderr, "nothing was written; signed off, the content would have problems:\n%v\n", err)
		return 1
	}
	for _, page := range slices.Sorted(maps.Keys(signed)) {
		if err := writeContentFile(filepath.Join(pos[0], filepath.FromSlash(page)), signed[page].Data); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", page, err)
			return 1
		}
		fmt.Fprintf(stdout, "signed off %s\n", page)
	}
	return 0
}

// writeContentFile writes a content file whole or not at all.
func writeContentFile(target string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	tmp := target + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, target)
}
