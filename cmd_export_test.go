package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"stemcounsel/audit"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/wording"
)

// saveSession stores an ended session made with the built-in content.
func saveSession(t *testing.T, dir, code string, role model.Role, status, contentVersion string, at time.Time) {
	t.Helper()
	b, err := loadContent("")
	if err != nil {
		t.Fatal(err)
	}
	if contentVersion == "" {
		contentVersion = b.Hash
	}
	s := model.NewSession(model.LangVI, role, at)
	s.Code = code
	for s.Next(at) {
	}
	s.SetAnswer(b.ChecklistIDs[0], model.NotSure)
	s.AddQuestion("Chi phí thật sự là bao nhiêu?", model.StepOptions, at)
	rec := s.Record(status, contentVersion, b.ChecklistIDs, at)
	store := records.OpenFolder(dir)
	defer store.Release()
	if err := store.Close(rec, []byte(doc.Record(rec, b))); err != nil {
		t.Fatal(err)
	}
}

func TestOpenAndPrintPDF(t *testing.T) {
	dir := t.TempDir()
	saveSession(t, dir, "ACD349", model.RolePatient, model.StatusFinished, "", time.Now())
	file := filepath.Join(dir, "out", "..", "ACD349.pdf")
	if code, _, errs := runCLI(t, "open", "ACD349", "--records", dir, "--pdf", file); code != 0 {
		t.Fatalf("open --pdf: %d %s", code, errs)
	}
	data, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("open --pdf wrote no PDF: %v", err)
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o600 {
		t.Errorf("the record PDF is %v; patient data is for its owner only", st.Mode().Perm())
	}
	code, out, errs := runCLI(t, "open", "ACD349", "--records", dir, "--pdf", "-", "--paper", "letter")
	if code != 0 || !strings.HasPrefix(out, "%PDF-") || !strings.Contains(out, "/MediaBox [ 0 0 612.00 792.00 ]") {
		t.Fatalf("open --pdf - --paper letter: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "open", "ACD349", "--records", dir, "--pdf", file, "--paper", "a5"); code != 2 || !strings.Contains(errs, "a4, letter") {
		t.Errorf("a bad --paper: %d %s", code, errs)
	}

	saveSession(t, dir, "XYW346", model.RolePatient, model.StatusFinished, "0123456789ab", time.Now())
	if code, _, errs := runCLI(t, "open", "XYW346", "--records", dir, "--pdf", file); code != 1 || !strings.Contains(errs, "--allow-other-content") {
		t.Errorf("a record shown with other content was printed as if it matched: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "open", "XYW346", "--records", dir, "--pdf", file, "--allow-other-content"); code != 0 {
		t.Errorf("--allow-other-content: %d %s", code, errs)
	}

	handout := filepath.Join(dir, "handout.pdf")
	if code, _, errs := runCLI(t, "print", "--lang", "en", "--group", "joint", "--pdf", handout); code != 0 || !strings.Contains(errs, "patient handout") {
		t.Fatalf("print --pdf: %d %s", code, errs)
	}
	if data, _ := os.ReadFile(handout); !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("print --pdf wrote no PDF")
	}
	if code, _, errs := runCLI(t, "print", "--persona", "knee-oa", "--pdf", handout); code != 2 || !strings.Contains(errs, "text only") {
		t.Errorf("print --persona --pdf: %d %s", code, errs)
	}
}

func TestExportFHIR(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	saveSession(t, dir, "ACD349", model.RoleDoctor, model.StatusFinished, "", now)
	saveSession(t, dir, "XYW346", model.RoleTrainer, model.StatusFinished, "", now)
	saveSession(t, dir, "HJK479", model.RolePatient, model.StatusAbandoned, "", now)
	saveSession(t, dir, "MNP663", model.RolePatient, model.StatusFinished, "", now.AddDate(0, 0, -10))

	code, out, errs := runCLI(t, "export", "--fhir", "acd349", "--records", dir, "--clinician", "BS. Hạnh")
	var bundle struct {
		ResourceType, Type string
		Entry              []json.RawMessage
	}
	if code != 0 || json.Unmarshal([]byte(out), &bundle) != nil || bundle.ResourceType != "Bundle" || bundle.Type != "transaction" || !strings.Contains(out, "BS. Hạnh") {
		t.Fatalf("export --fhir CODE: %d %s\n%.300s", code, errs, out)
	}
	entries, err := audit.Entries(audit.File(audit.PathIn(dir)), "ACD349")
	if err != nil || len(entries) == 0 || entries[len(entries)-1].Action != audit.Exported || entries[len(entries)-1].Reason != "fhir" {
		t.Errorf("the export is not in the audit trail: %v %+v", err, entries)
	}
	if code, _, errs := runCLI(t, "export", "--fhir", "XYW346", "--records", dir); code != 1 || !strings.Contains(errs, "--include-training") {
		t.Errorf("a training session was exported without --include-training: %d %s", code, errs)
	}

	outDir := filepath.Join(dir, "fhir")
	since := now.AddDate(0, 0, -1).Format(time.DateOnly)
	code, out, errs = runCLI(t, "export", "--fhir", "--since", since, "--out", outDir, "--records", dir)
	if code != 0 || !strings.Contains(out, "1 sessions exported") || !strings.Contains(out, "1 training and 0 restricted sessions left out") {
		t.Fatalf("export --since: %d %q %s", code, out, errs)
	}
	files, _ := filepath.Glob(filepath.Join(outDir, "*"))
	if len(files) != 1 || filepath.Base(files[0]) != "ACD349.fhir.json" {
		t.Errorf("export --since wrote %v; want only the finished, recent, patient session", files)
	}

	for _, bad := range [][]string{
		{"export", "ACD349"},
		{"export", "--fhir"},
		{"export", "--fhir", "--since", since},
		{"export", "--fhir", "--since", "1/12/2026", "--out", outDir},
	} {
		if code, _, _ := runCLI(t, append(bad, "--records", dir)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

// saveFollowUp stores a doctor-led knee session with a baseline, made
// days ago, and its visits at a month and at six months.
func saveFollowUp(t *testing.T, dir, code string, days int) {
	t.Helper()
	b, err := loadContent("")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().AddDate(0, 0, -days)
	s := model.NewSession(model.LangVI, model.RoleDoctor, at)
	s.Code, s.Groups, s.NextStep = code, []string{"joint"}, model.NextAssessmentBooked
	for s.Next(at) {
	}
	s.Baseline = &model.Assessment{At: at, Scores: map[string]float64{"pain-usual": 6, "pain-worst": 8}, Activities: []model.Activity{{Name: "leo cầu thang", Score: 3}}}
	rec := s.Record(model.StatusFinished, b.Hash, b.ChecklistIDs, at)
	store := records.OpenFolder(dir)
	defer store.Release()
	if err := store.Close(rec, []byte(doc.Record(rec, b))); err != nil {
		t.Fatal(err)
	}
	for i, v := range []struct {
		months int
		pain   float64
		stairs int
	}{{1, 5, 4}, {6, 3, 8}} {
		visit := model.VisitRecord{Schema: model.VisitSchema, Session: code, Lang: model.LangVI, EnteredBy: model.VisitByDoctor, ContentVersion: b.Hash,
			Visit: model.Visit{Assessment: model.Assessment{At: at.AddDate(0, v.months, 0), Scores: map[string]float64{"pain-usual": v.pain, "pain-worst": 8},
				Activities: []model.Activity{{Name: "leo cầu thang", Score: v.stairs}}}, Impression: model.MinimallyImproved, Decision: model.DecisionContinue}}
		if got, err := store.AddVisit(visit); err != nil || got.Number != i+1 {
			t.Fatalf("visit %d: %v %+v", i+1, err, got)
		}
	}
}

func TestOpenShowsTheFollowUp(t *testing.T) {
	dir := t.TempDir()
	saveFollowUp(t, dir, "ACD349", 200)
	fw := wording.CourseFor(model.LangVI)
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, c := range []struct {
		name      string
		args      []string
		term      string
		has, hasn []string
	}{
		{"box", nil, "xterm", []string{"┊", "●", "○", "└"}, []string{"|"}},
		{"ascii", []string{"--style", "ascii"}, "xterm", []string{"+---", " o-"}, []string{"┊", "●", "│"}},
		{"words", nil, "dumb", []string{fw.NotCounted, fw.Counted}, []string{"┊", "●", " o-", "+---"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("TERM", c.term)
			t.Setenv("ACCESSIBLE", "")
			code, out, errs := runCLI(t, append([]string{"open", "ACD349", "--records", dir, "--width", "60"}, c.args...)...)
			if code != 0 {
				t.Fatalf("open: %d %s", code, errs)
			}
			for _, want := range append([]string{fw.Title, fmt.Sprintf(fw.VisitTitle, 1), fmt.Sprintf(fw.VisitTitle, 2), fw.OwnCourse, fw.HardNotes[1], "leo cầu thang"}, c.has...) {
				if !strings.Contains(flat(out), flat(want)) {
					t.Errorf("open does not show %q:\n%s", want, out)
				}
			}
			for _, not := range c.hasn {
				if strings.Contains(out, not) {
					t.Errorf("open shows %q", not)
				}
			}
			for _, l := range strings.Split(out, "\n") {
				if ansi.StringWidth(l) > 60 {
					t.Errorf("line wider than 60: %q", l)
				}
			}
		})
	}
}

func TestExportCarriesTheFollowUp(t *testing.T) {
	dir := t.TempDir()
	saveFollowUp(t, dir, "ACD349", 200)
	code, out, errs := runCLI(t, "export", "--fhir", "ACD349", "--records", dir)
	if code != 0 || strings.Count(out, `"resourceType": "Observation"`) != 3+2*(3+3) || strings.Count(out, `"resourceType": "Encounter"`) != 3 {
		t.Fatalf("export --fhir: %d %s; want the baseline's 3 measures, each visit's 3 with its impression, side effects and decision, and 3 Encounters", code, errs)
	}
	// The session is older than --since, but its second visit is not.
	outDir := filepath.Join(dir, "fhir")
	since := time.Now().AddDate(0, 0, -30).Format(time.DateOnly)
	if code, out, errs := runCLI(t, "export", "--fhir", "--since", since, "--out", outDir, "--records", dir); code != 0 || !strings.Contains(out, "1 sessions exported") {
		t.Fatalf("export --since a visit: %d %q %s", code, out, errs)
	}
}
