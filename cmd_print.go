package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"stemcounsel/doc"
	"stemcounsel/model"
)

func runPrint(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel print", stdout, stderr, "Usage: stemcounsel print [flags]\n\nWrites the patient handout to stdout.\n\n")
	var c common
	c.register(flags, "")
	width := flags.Int("width", 80, "wrap the text at this many columns (30 to 200)")
	role := flags.String("role", "patient", "whose handout: patient (no clinician text), doctor (adds talking points)")
	persona := flags.String("persona", "", "print a trainer persona's script instead")
	format := flags.String("format", "text", "text (rendered for a terminal or paper) or markdown (the handout's Markdown, for other tools)")
	var pdf pdfFlags
	pdf.register(flags, "the handout")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	b, lang, groups, err := c.load()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if *width < 30 || *width > 200 {
		fmt.Fprintf(stderr, "width %d is out of range (valid: 30 to 200)\n", *width)
		return 2
	}
	r, err := model.ParseRole(*role)
	if err != nil || r == model.RoleTrainer {
		fmt.Fprintf(stderr, "unknown print role %q (valid: patient, doctor; trainers use --persona)\n", *role)
		return 2
	}
	if *format != "text" && *format != "markdown" {
		fmt.Fprintf(stderr, "unknown format %q (valid: text, markdown)\n", *format)
		return 2
	}
	if pdf.file != "" {
		if *format == "markdown" {
			fmt.Fprintln(stderr, "--pdf and --format markdown each choose the output; give one")
			return 2
		}
		if *persona != "" {
			fmt.Fprintln(stderr, "--pdf writes the patient handout; a persona's script prints as text only")
			return 2
		}
		return writeHandoutPDF(pdf, b, lang, groups, r, stdout, stderr)
	}
	opt := doc.PrintOptions{Lang: lang, Groups: groups, Width: *width, Style: outputStyle(c.style, stdout), Date: time.Now(), Role: r, Markdown: *format == "markdown"}
	if *persona != "" {
		if !slices.Contains(b.PersonaIDs, *persona) {
			fmt.Fprintf(stderr, "unknown persona %q (valid: %s)\n", *persona, strings.Join(b.PersonaIDs, ", "))
			return 2
		}
		err = doc.Persona(stdout, b, *persona, opt)
	} else {
		err = doc.Handout(stdout, b, opt)
	}
	if err != nil {
		fmt.Fprintln(stderr, "stemcounsel print:", err)
		return 1
	}
	return 0
}
