package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"

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
  stemcounsel content release DIR (--major | --minor) [--steps ID,ID] TEXT
      list the folder's content as it is now as a release in its
      releases.txt: major when it changes what patients are told

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
	case "release":
		return runRelease(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "unknown content command %q (valid: init, sign-off, release)\n\n%s", args[0], contentUsage)
	return 2
}

func runContentInit(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel content init", stdout, stderr, contentUsage)
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
	flags := newFlagSet("stemcounsel content sign-off", stdout, stderr, contentUsage)
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

func runRelease(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel content release", stdout, stderr, contentUsage)
	major := flags.Bool("major", false, "the release changes what patients are told")
	minor := flags.Bool("minor", false, "the release changes wording only")
	steps := flags.String("steps", "-", "the step ids it changed, joined by \",\" (group pages as group:ID)")
	pos, err := parseInterspersed(flags, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) < 2 || *major == *minor {
		fmt.Fprintln(stderr, "release takes the folder, --major or --minor, and what changed, e.g. stemcounsel content release clinic-content --minor \"clinic facts filled in\"")
		return 2
	}
	b, err := loadContent(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if _, ok := b.Current(); ok {
		fmt.Fprintf(stderr, "content %s is already a listed release\n", b.Hash)
		return 1
	}
	fsys, _ := contentFS(pos[0])
	old, err := fs.ReadFile(fsys, content.ReleasesFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(stderr, err)
		return 1
	}
	kind := "minor"
	if *major {
		kind = "major"
	}
	entry := fmt.Sprintf("%s %s %s %s: %s\n", time.Now().Format("02/01/2006"), kind, b.Hash, *steps, strings.Join(pos[1:], " "))
	updated := append(bytes.TrimRight(old, "\n"), '\n')
	if len(old) == 0 {
		updated = nil
	}
	updated = append(updated, entry...)
	next := fstest.MapFS{content.ReleasesFile: &fstest.MapFile{Data: updated, Mode: 0o644}}
	if _, err := content.Load(content.Overlay{Base: fsys, Top: next, TopName: pos[0]}); err != nil {
		fmt.Fprintf(stderr, "nothing was released:\n%v\n", err)
		return 1
	}
	target := filepath.Join(pos[0], content.ReleasesFile)
	if err := writeContentFile(target, updated); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %s", target, entry)
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
