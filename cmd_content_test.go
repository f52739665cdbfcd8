package main

import (
	"os"
	"time"

	"path/filepath"
	"regexp"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"strings"
	"testing"
)

// A clinic's first day: start a folder, fill the facts, check strictly, run
// on it, and have a page signed off.
func TestClinicFirstDay(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "clinic")
	if code, out, errs := runCLI(t, "content", "init", dir); code != 0 || !strings.Contains(out, "check --strict") {
		t.Fatalf("content init: %d %s %s", code, out, errs)
	}
	if code, _, _ := runCLI(t, "content", "init", dir); code == 0 {
		t.Fatal("init must never overwrite a clinic's facts")
	}
	code, _, errs := runCLI(t, "check", "--strict", dir)
	if code == 0 || !strings.Contains(errs, "name is empty: patients see \"chưa được phòng khám cung cấp\" instead") {
		t.Fatalf("empty facts must fail --strict and say what patients see: %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, "check", dir); code != 0 {
		t.Fatal("without --strict, warnings do not fail")
	}
	fact := regexp.MustCompile(`(?m)^([a-z_]+):\s*$`)
	for _, lang := range []string{"vi", "en"} {
		file := filepath.Join(dir, lang, "clinic.txt")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		filled := fact.ReplaceAllStringFunc(string(data), func(line string) string {
			key := strings.TrimSuffix(strings.TrimSpace(line), ":")
			switch {
			case strings.HasSuffix(key, "_date"):
				return key + ": 01/12/2026"
			case strings.HasSuffix(key, "_phone"):
				return key + ": 1900 1234"
			}
			return key + ": An Binh Clinic " + key
		})
		if err := os.WriteFile(file, []byte(filled), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errs := runCLI(t, "check", "--strict", dir); code == 0 || !strings.Contains(errs, "not a listed release") {
		t.Fatalf("the clinic's content is its own release: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "content", "release", dir, "--major", "--steps", "nowhere", "facts"); code == 0 || !strings.Contains(errs, "unknown step") {
		t.Fatalf("a release naming an unknown step: %d %s", code, errs)
	}
	if code, out, errs := runCLI(t, "content", "release", dir, "--minor", "clinic", "facts", "filled", "in"); code != 0 || !strings.Contains(out, "minor") {
		t.Fatalf("content release: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "check", "--strict", dir); code != 0 || !strings.Contains(out, "0 warnings") {
		t.Fatalf("every fact filled: %d %s %s", code, out, errs)
	}
	code, out, errs := runCLI(t, "print", "--lang", "en", "--content", dir)
	if code != 0 || !strings.Contains(out, "An Binh Clinic name") || strings.Contains(out, "not provided by the clinic") {
		t.Fatalf("the handout must show the clinic's facts: %d %s", code, errs)
	}

	page := "en/pages/approval.md"
	if code, _, errs := runCLI(t, "content", "sign-off", dir, "--reviewer", "BS. Lan", "--date", "01/12/2026", page); code == 0 || !strings.Contains(errs, "nothing was written") {
		t.Fatalf("a sign-off in one language only would break parity: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, page)); !os.IsNotExist(err) {
		t.Fatal("a refused sign-off writes nothing")
	}
	if code, out, errs := runCLI(t, "content", "sign-off", dir, "--reviewer", "BS. Lan", "--date", "01/12/2026", page, "vi/pages/approval.md"); code != 0 || !strings.Contains(out, "signed off "+page) {
		t.Fatalf("sign-off: %d %s %s", code, out, errs)
	}
	f, err := os.OpenFile(filepath.Join(dir, page), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nA sentence added after the review.\n")
	f.Close()
	if code, _, errs := runCLI(t, "check", "--strict", dir); code == 0 || !strings.Contains(errs, "has lapsed") {
		t.Fatalf("a page changed after its sign-off: %d %s", code, errs)
	}
}

func TestCheckPointsFromTheParentOfData(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data", "vi"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "check", dir)
	if code == 0 || !strings.Contains(errs, "did you mean "+filepath.Join(dir, "data")) {
		t.Fatalf("check on the parent of data/: %d %s", code, errs)
	}
}

// A session saved under an older major release is marked in records and
// open, and resuming it goes back to the first page changed since.
func TestOlderMajorReleaseIsMarkedAndRevisited(t *testing.T) {
	clinic := t.TempDir()
	if code, _, errs := runCLI(t, "content", "init", clinic); code != 0 {
		t.Fatal(errs)
	}
	b, err := loadContent(clinic)
	if err != nil {
		t.Fatal(err)
	}
	releases := "01/11/2026 major aaaaaaaaaaaa -: first\n01/12/2026 major " + b.Hash + " what-it-is,options: corrected\n"
	if err := os.WriteFile(filepath.Join(clinic, "releases.txt"), []byte(releases), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err = loadContent(clinic); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	s := model.NewSession(model.LangEN, model.RolePatient, time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s.Code = "ACD349"
	s.Groups = []string{"lung"}
	for s.Current != model.StepQuestions {
		s.Next(s.Started)
	}
	store := records.OpenFolder(dir)
	if err := store.SaveProgress(s.Record(model.StatusInProgress, "aaaaaaaaaaaa", model.DefaultChecklist, s.Started), 1); err != nil {
		t.Fatal(err)
	}
	store.Release()

	if _, out, _ := runCLI(t, "records", "--records", dir, "--content", clinic); !strings.Contains(out, "ACD349  in-progress") || !strings.Contains(out, "older content release") {
		t.Fatalf("records must mark a session of an older major release: %q", out)
	}
	if _, out, _ := runCLI(t, "open", "ACD349", "--records", dir, "--content", clinic); !strings.Contains(out, "older major release of the content (aaaaaaaaaaaa); changed since: what-it-is, options") {
		t.Fatalf("open must say so: %q", out)
	}
	resumed, rec, err := records.Resume(store, "ACD349", model.RolePatient)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Release()
	notice := doc.RevisitChanged(resumed, rec, b, time.Now())
	if resumed.Current != model.StepWhatItIs || !strings.Contains(notice, "these pages were corrected") || !strings.Contains(notice, b.Page(model.LangEN, model.StepOptions).Title) {
		t.Fatalf("resuming goes back to the first changed page and says which: at %s, %q", resumed.Current, notice)
	}
}

func TestPrintDrawsTheIconArrays(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		code, out, errs := runCLI(t, "print", "--lang", lang, "--group", "cardiovascular")
		if code != 0 || !strings.Contains(out, "●●●○○○○○○○   ●●●●○○○○○○") || strings.Contains(out, "```figure") {
			t.Fatalf("print --group cardiovascular (%s) must draw the BAMI icon array: %d %s", lang, code, errs)
		}
	}
}
