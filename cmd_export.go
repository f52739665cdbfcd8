package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/term"

	"stemcounsel/audit"
	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/emr"
	"stemcounsel/model"
	"stemcounsel/records"
)

// pdfFlags are the PDF options of open and print.
type pdfFlags struct {
	file, paper  string
	otherContent bool
}

// register adds --pdf (when what names the document), --paper and
// --allow-other-content.
func (p *pdfFlags) register(flags *flag.FlagSet, what string) {
	if what != "" {
		flags.StringVar(&p.file, "pdf", "", "write "+what+" as a PDF to this file (- for stdout)")
	}
	flags.StringVar(&p.paper, "paper", string(emr.A4), "PDF paper: a4 or letter")
	flags.BoolVar(&p.otherContent, "allow-other-content", false, "write with content other than the release the session was shown")
}

// options reads the flags; a PDF meant for a stdout that is a terminal is
// refused.
func (p *pdfFlags) options(stdout io.Writer) (emr.Options, error) {
	paper, err := emr.ParsePaper(p.paper)
	if f, ok := stdout.(*os.File); err == nil && p.file == "-" && ok && term.IsTerminal(int(f.Fd())) {
		err = errPDFToTerminal
	}
	return emr.Options{Paper: paper, Software: "stemcounsel " + version, AllowOtherContent: p.otherContent}, err
}

// errPDFToTerminal keeps a PDF's bytes off a terminal, where they would be
// read as escape sequences.
var errPDFToTerminal = errors.New("--pdf - writes a PDF to stdout, which is a terminal here; give a file name or pipe it")

// writeOutput writes a document to a file, whole or not at all, or to
// stdout for "-".
func writeOutput(file string, data []byte, stdout io.Writer) error {
	if file == "-" {
		_, err := stdout.Write(data)
		return err
	}
	return records.WriteFile(file, data)
}

// writeRecordPDF is open --pdf: the session as the patient saw it. A copy
// leaving the records is written in the audit log.
func writeRecordPDF(p pdfFlags, rec model.Record, visits []model.VisitRecord, b *content.Bundle, log *audit.Log, stdout, stderr io.Writer) int {
	opt, err := p.options(stdout)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	opt.Visits = visits
	pdf, err := emr.RecordPDF(rec, b, opt)
	if err == nil {
		err = auditExport(log, rec.Code, "pdf")
	}
	if err != nil {
		fmt.Fprintln(stderr, contentHint(err))
		return 1
	}
	if err := writeOutput(p.file, pdf, stdout); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if p.file != "-" {
		fmt.Fprintf(stderr, "%s: record of session %s (%d KB)\n", p.file, rec.Code, (len(pdf)+1023)/1024)
	}
	return 0
}

// writeHandoutPDF is print --pdf.
func writeHandoutPDF(p pdfFlags, b *content.Bundle, lang model.Lang, groups []string, role model.Role, stdout, stderr io.Writer) int {
	opt, err := p.options(stdout)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	pdf, err := emr.HandoutPDF(b, emr.HandoutOptions{Options: opt, Lang: lang, Groups: groups, Date: time.Now(), Doctor: role == model.RoleDoctor})
	if err == nil {
		err = writeOutput(p.file, pdf, stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "stemcounsel print:", err)
		return 1
	}
	if p.file != "-" {
		fmt.Fprintf(stderr, "%s: patient handout (%d KB)\n", p.file, (len(pdf)+1023)/1024)
	}
	return 0
}

// auditExport writes in the audit log that a copy of a record left the
// records.
func auditExport(log *audit.Log, code, what string) error {
	if err := log.Append(audit.Exported, code, what); err != nil {
		return fmt.Errorf("the record is not exported: %w", err)
	}
	return nil
}

// contentHint adds the flags that resolve a content mismatch.
func contentHint(err error) error {
	if _, ok := errors.AsType[*emr.ContentMismatchError](err); ok {
		return fmt.Errorf("%w (--content DIR, or --allow-other-content)", err)
	}
	return err
}

const exportHelp = `Usage: stemcounsel export --fhir CODE [flags]
       stemcounsel export --fhir --since DATE --out DIR [flags]

Writes a session as a FHIR R4 transaction Bundle for the clinic's EMR to
import: to stdout, or to --out FILE. With --since, writes one Bundle per
finished session updated on or after DATE (YYYY-MM-DD) into DIR, named
CODE.fhir.json. Training sessions are left out unless --include-training.

`

func runExport(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel export", stdout, stderr, exportHelp)
	fhir := flags.Bool("fhir", false, "write FHIR R4 (the only format so far; required)")
	recordsDir := flags.String("records", "", recordsHelp)
	contentDir := flags.String("content", "", "content folder the sessions used (default: built-in)")
	out := flags.String("out", "", "file to write (one session) or folder (with --since)")
	since := flags.String("since", "", "export every finished session updated on or after this date (YYYY-MM-DD)")
	training := flags.Bool("include-training", false, "also export training sessions, marked as test data")
	clinician := flags.String("clinician", "", "the clinician's name, as author of the clinician's parts")
	base := flags.String("base", emr.DefaultBase, "the clinic's base URL for FHIR canonical URLs and code systems")
	var p pdfFlags
	p.register(flags, "")
	var keys keyFlags
	keys.registerIdentity(flags, "read encrypted records")
	pos, err := parseInterspersed(flags, args)
	if err != nil {
		return flagExit(err)
	}
	switch {
	case !*fhir:
		fmt.Fprintln(stderr, "export needs --fhir, the format to write")
		return 2
	case *since == "" && len(pos) != 1:
		fmt.Fprintln(stderr, "export takes one session code (e.g. stemcounsel export --fhir ACD349), or --since DATE --out DIR")
		return 2
	case *since != "" && (len(pos) != 0 || *out == ""):
		fmt.Fprintln(stderr, "export --since writes every session it finds into --out DIR, and takes no code")
		return 2
	}
	opt, err := p.options(stdout)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	store, b, err := keys.openWithContent(*recordsDir, "", *contentDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(store.Store)
	x := exporter{b: b, store: store, opt: emr.FHIROptions{Options: opt, Base: *base, Version: version, Clinician: *clinician, IncludeTraining: *training}}
	if *since == "" {
		code := strings.ToUpper(pos[0])
		if refuseRestricted(store.requests, code, stderr) {
			return 1
		}
		rec, err := store.Load(code)
		var visits []model.VisitRecord
		if err == nil {
			visits, err = store.Visits(code)
		}
		if err == nil {
			var data []byte
			if data, err = x.bundle(rec, visits); err == nil {
				err = writeOutput(orDash(*out), data, stdout)
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, contentHint(err))
			return 1
		}
		return 0
	}
	from, err := time.ParseInLocation(time.DateOnly, *since, time.Local)
	if err != nil {
		fmt.Fprintf(stderr, "--since %q is not a date like 2026-12-01\n", *since)
		return 2
	}
	return x.batch(store, from, *out, stdout, stderr)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type exporter struct {
	b     *content.Bundle
	store *clinicStore // for restrictions and the audit log
	opt   emr.FHIROptions
}

// bundle makes a session's Bundle with its visits, and its PDF and
// Markdown inside.
func (x exporter) bundle(rec model.Record, visits []model.VisitRecord) ([]byte, error) {
	if rec.Training && !x.opt.IncludeTraining {
		return nil, emr.ErrTraining
	}
	opt := x.opt
	opt.Visits = visits
	pdf, err := emr.RecordPDF(rec, x.b, opt.Options)
	if err != nil {
		return nil, err
	}
	opt.PDF, opt.Markdown = pdf, []byte(doc.Record(rec, x.b)+doc.Visits(rec, visits, x.b, 80, doc.ChartBox))
	data, err := emr.FHIRBundle(rec, x.b, opt)
	if err == nil {
		err = auditExport(x.store.log, rec.Code, "fhir")
	}
	return data, err
}

// batch writes one Bundle per finished session since from. A session that
// cannot be exported is named and the rest still go out.
func (x exporter) batch(store records.Store, from time.Time, dir string, stdout, stderr io.Writer) int {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	list, corrupt, err := listRecords(store, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	written, skipped, restricted, failed := 0, 0, 0, 0
	for _, e := range list {
		if e.Status != model.StatusFinished {
			continue
		}
		// A session from before the date goes out again when a visit
		// since then has changed its follow-up.
		visits, err := store.Visits(e.Code)
		if err == nil && e.Updated.Before(from) && !visitSince(visits, from) {
			continue
		}
		if e.Training && !x.opt.IncludeTraining {
			skipped++
			continue
		}
		if refuseRestricted(x.store.requests, e.Code, stderr) {
			restricted++
			continue
		}
		var rec model.Record
		if err == nil {
			rec, err = store.Load(e.Code)
		}
		var data []byte
		if err == nil {
			data, err = x.bundle(rec, visits)
		}
		file := filepath.Join(dir, e.Code+".fhir.json")
		if err == nil {
			err = records.WriteFile(file, data)
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", e.Code, contentHint(err))
			failed++
			continue
		}
		fmt.Fprintln(stdout, file)
		written++
	}
	fmt.Fprintf(stdout, "%d sessions exported to %s; %d training and %d restricted sessions left out\n", written, dir, skipped, restricted)
	if failed > 0 || len(corrupt) > 0 {
		return 1
	}
	return 0
}

func visitSince(visits []model.VisitRecord, from time.Time) bool {
	return slices.ContainsFunc(visits, func(v model.VisitRecord) bool { return !v.At.Before(from) })
}
