package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"stemcounsel/audit"
	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/pgstore"
)

// Patients' requests: a copy of everything held, deletion with a
// tombstone, and restriction. Each is written to the audit log.

// held is everything kept about one session code.
type held struct {
	Code        string               `json:"code"`
	Record      *model.Record        `json:"record,omitempty"`
	Visits      []model.VisitRecord  `json:"visits,omitempty"`
	Restriction *records.Restriction `json:"restriction,omitempty"`
	Tombstone   *records.Tombstone   `json:"tombstone,omitempty"`
	Access      []audit.Entry        `json:"access_log"`
}

// requestSubcommand runs records export, delete, restrict or seal.
func requestSubcommand(args []string, stdout, stderr io.Writer) (int, bool) {
	if len(args) == 0 {
		return 0, false
	}
	switch args[0] {
	case "export":
		return runRecordsExport(args[1:], stdout, stderr), true
	case "delete":
		return runRecordsDelete(args[1:], stdout, stderr), true
	case "restrict":
		return runRecordsRestrict(args[1:], stdout, stderr), true
	case "seal":
		return runRecordsSeal(args[1:], stdout, stderr), true
	}
	return 0, false
}

func runRecordsExport(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel records export", stdout, stderr, "Usage: stemcounsel records export (--code CODE | --file-number NUMBER) [flags]\n\nWrites everything kept about a patient's sessions, readable, for the patient: the\nrecord, the consent evidence, any restriction or tombstone, and who accessed it.\nThe output is not encrypted: hand it to the patient only.\n\n")
	recordsAt := flags.String("records", "", recordsHelp)
	code := flags.String("code", "", "the session code")
	ref := flags.String("file-number", "", "every session with this file number (doctor-led sessions)")
	contentDir := flags.String("content", "", "content folder the sessions used (default: built-in)")
	asJSON := flags.Bool("json", false, "write JSON instead of text")
	width := flags.Int("width", 80, "wrap the text at this many columns (30 to 200)")
	var keys keyFlags
	keys.registerIdentity(flags, "read encrypted records")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	if (*code == "") == (*ref == "") || flags.NArg() > 0 {
		fmt.Fprintln(stderr, "export takes --code CODE or --file-number NUMBER, e.g. stemcounsel records export --code ACD349")
		return 2
	}
	if *width < 30 || *width > 200 {
		fmt.Fprintf(stderr, "width %d is out of range (valid: 30 to 200)\n", *width)
		return 2
	}
	cs, b, err := keys.openWithContent(*recordsAt, "", *contentDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(cs.Store)
	codes := []string{strings.ToUpper(*code)}
	if *ref != "" {
		if codes, err = records.CodesOfPatient(cs, *ref); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		if len(codes) == 0 {
			fmt.Fprintf(stderr, "no session in %s has that file number\n", cs)
			return 1
		}
	}
	var all []held
	for _, c := range codes {
		h, err := gather(cs, c)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		if err := cs.log.Append(audit.Exported, c, ""); err != nil {
			fmt.Fprintf(stderr, "nothing is exported: %v\n", err)
			return 1
		}
		all = append(all, h)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		return 0
	}
	for _, h := range all {
		out, err := doc.Render(heldMarkdown(h, b, *width), *width, doc.PlainStyle)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintln(stdout, out)
	}
	return 0
}

// gather reads everything kept under code. A deleted code has only its
// tombstone and its access log.
func gather(cs *clinicStore, code string) (held, error) {
	h := held{Code: code}
	var err error
	if h.Tombstone, err = cs.requests.Tombstone(code); err != nil {
		return h, err
	}
	if h.Restriction, err = cs.requests.Restriction(code); err != nil {
		return h, err
	}
	if h.Access, err = audit.Entries(cs.log.Chain, code); err != nil {
		return h, err
	}
	if h.Tombstone != nil {
		return h, nil
	}
	rec, err := cs.Load(code)
	if err != nil {
		return h, err
	}
	h.Record = &rec
	h.Visits, err = cs.Visits(code)
	return h, err
}

// exportTexts are the export's own headings, in the record's language.
var exportTexts = map[model.Lang]struct{ consent, noConsent, yes, no, restricted, deleted, access string }{
	model.LangVI: {"Đồng ý lưu hồ sơ", "Không có bằng chứng đồng ý trong hồ sơ.", "đồng ý", "không đồng ý",
		"Hạn chế xử lý từ %s (người đặt: %s).", "Hồ sơ %s đã bị xóa lúc %s (lý do: %s; người xóa: %s). Chỉ còn dấu vết xóa này.", "Nhật ký truy cập"},
	model.LangEN: {"Consent to keep the record", "The record holds no consent evidence.", "yes", "no",
		"Processing restricted since %s (by %s).", "Record %s was deleted at %s (reason: %s; by: %s). Only this tombstone is kept.", "Access log"},
}

func heldMarkdown(h held, b *content.Bundle, width int) string {
	lang := model.LangVI
	if h.Record != nil {
		lang = h.Record.Lang
	}
	t, ok := exportTexts[lang]
	if !ok {
		t = exportTexts[model.LangEN]
	}
	var sb strings.Builder
	if ts := h.Tombstone; ts != nil {
		fmt.Fprintf(&sb, "# %s\n\n"+t.deleted+"\n\n", h.Code, h.Code, ts.Deleted.Local().Format("02/01/2006 15:04"), audit.Clean(ts.Reason), audit.Clean(ts.By))
	} else {
		sb.WriteString(doc.Record(*h.Record, b))
		sb.WriteString(doc.Visits(*h.Record, h.Visits, b, width, doc.ChartWords))
		fmt.Fprintf(&sb, "\n## %s\n\n", t.consent)
		if c := h.Record.Consent; c == nil {
			sb.WriteString(t.noConsent + "\n")
		} else {
			answer := t.no
			if c.Given {
				answer = t.yes
			}
			fmt.Fprintf(&sb, "- %s, %s\n- %s; %s; %s\n- SHA-256: %s\n", answer, c.At.Local().Format("02/01/2006 15:04"),
				audit.Clean(c.Method), audit.Clean(c.Terminal), audit.Clean(c.AnsweredBy), c.TextSHA256)
		}
	}
	if r := h.Restriction; r != nil {
		fmt.Fprintf(&sb, "\n"+t.restricted+"\n", r.Since.Local().Format("02/01/2006 15:04"), audit.Clean(r.By))
	}
	fmt.Fprintf(&sb, "\n## %s\n\n", t.access)
	for _, e := range h.Access {
		fmt.Fprintf(&sb, "- %s %s: %s, %s", e.Time.Local().Format("02/01/2006 15:04"), e.Action, e.Who, e.Where)
		if e.Reason != "" {
			fmt.Fprintf(&sb, " (%s)", e.Reason)
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

func runRecordsDelete(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel records delete", stdout, stderr, "Usage: stemcounsel records delete CODE --reason TEXT [flags]\n\nDeletes everything kept about a session at the patient's request and leaves a\ntombstone: code, time, reason and who. Put no health data in the reason.\n\n")
	recordsAt := flags.String("records", "", recordsHelp)
	reason := flags.String("reason", "", "why it is deleted, e.g. the patient's request and its date")
	const example = "delete takes one session code and a reason, e.g. stemcounsel records delete ACD349 --reason \"patient's request of 01/12/2026\""
	code, cs, exit := oneCode(flags, args, recordsAt, example, stderr)
	if exit != 0 || cs == nil { // nil after -help
		return exit
	}
	defer closeStore(cs.Store)
	if strings.TrimSpace(*reason) == "" {
		fmt.Fprintln(stderr, example)
		return 2
	}
	ts, err := cs.requests.Delete(code, *reason, cs.log.Who, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := cs.log.Append(audit.Deleted, code, *reason); err != nil {
		fmt.Fprintf(stderr, "deleted, but %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "deleted %s; its tombstone keeps the code, the time (%s), the reason and who\n", code, ts.Deleted.Local().Format("02/01/2006 15:04"))
	return 0
}

func runRecordsRestrict(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel records restrict", stdout, stderr, "Usage: stemcounsel records restrict CODE [--lift] [flags]\n\nStops all further processing of a session's record at the patient's request: it\nis kept as it is, never changed, resumed, opened or purged; records export still\ngives the patient a copy.\n\n")
	recordsAt := flags.String("records", "", recordsHelp)
	lift := flags.Bool("lift", false, "end the restriction")
	code, cs, exit := oneCode(flags, args, recordsAt, "restrict takes one session code, e.g. stemcounsel records restrict ACD349", stderr)
	if exit != 0 || cs == nil { // nil after -help
		return exit
	}
	defer closeStore(cs.Store)
	action, done := audit.Restricted, "restricted"
	var err error
	if *lift {
		action, done = audit.Lifted, "restriction lifted on"
		err = cs.requests.Lift(code)
	} else {
		_, err = cs.requests.Restrict(code, cs.log.Who, time.Now())
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := cs.log.Append(action, code, ""); err != nil {
		fmt.Fprintf(stderr, "%s %s, but %v\n", done, code, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s %s\n", done, code)
	return 0
}

func runDataInventory(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel data-inventory", stdout, stderr, "Usage: stemcounsel data-inventory [flags]\n\nPrints what the app stores, why, where, for how long and who can see it, for the\nclinic's data protection impact assessment. The clinic's lawyer sets the periods.\n\n")
	lang := flags.String("lang", "", "vi or en (default: both)")
	recordsAt := flags.String("records", "", recordsHelp)
	retain := flags.Int("retain", 30, "days abandoned records are kept (as the app is run with)")
	keepFinished := flags.String("keep-finished", "", "how long finished records are kept (the clinic's rule)")
	respond := flags.String("respond-within", "", "deadline to answer a patient's request (default: 2 working days)")
	complete := flags.String("complete-within", "", "deadline to complete a patient's request (default: 15 days)")
	consentAsked := flags.Bool("consent-asked", true, "the app asks each patient before keeping the record")
	var keys keyFlags
	keys.registerRecipient(flags)
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	langs := model.Langs
	if *lang != "" {
		l, err := model.ParseLang(*lang)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		langs = []model.Lang{l}
	}
	cs, err := keys.openStore(*recordsAt, "")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	closeStore(cs.Store)
	facts := records.InventoryFacts{
		Where: cs.String(), Database: records.Inner[*pgstore.Store](cs.Store) != nil, Encrypted: cs.encrypts, ConsentAsked: *consentAsked, RetainDays: *retain,
		KeepFinished: *keepFinished, RespondWithin: *respond, CompleteWithin: *complete,
	}
	for i, l := range langs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprint(stdout, records.Inventory(l, facts))
	}
	return 0
}

// plainSealer is a store that can encrypt what it kept before a key was
// set: the records folder and the database.
type plainSealer interface {
	records.Store
	SealPlain() (sealed, busy []string, err error)
}

var (
	_ plainSealer = (*records.Folder)(nil)
	_ plainSealer = (*pgstore.Store)(nil)
)

func runRecordsSeal(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel records seal", stdout, stderr, "Usage: stemcounsel records seal --records-key KEY [--records DIR|postgres://…]\n\nEncrypts, in place, the records and Markdown copies (and a folder's crash logs)\nwritten before the clinic set a key. Needs only the public key.\n\n")
	recordsAt := flags.String("records", "", recordsHelp)
	var keys keyFlags
	keys.registerRecipient(flags)
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	if keys.recipient == "" {
		fmt.Fprintln(stderr, "seal needs the clinic's public key: --records-key age1… or a file of them")
		return 2
	}
	cs, err := keys.openStore(*recordsAt, "")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(cs.Store)
	sealed, busy, err := records.Inner[plainSealer](cs.Store).SealPlain()
	for _, name := range sealed {
		fmt.Fprintf(stdout, "encrypted %s\n", name)
	}
	for _, name := range busy {
		fmt.Fprintf(stderr, "%s is open in a running app or server; run this again once it is closed\n", name)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "%d encrypted in %s\n", len(sealed), cs)
	if len(busy) > 0 {
		return 1
	}
	return 0
}
