package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/staffpin"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestPrintHasNoEscapesOffATerminal(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		code, out, errs := runCLI(t, "print", "--lang", lang)
		if code != 0 {
			t.Fatalf("print %s: exit %d: %s", lang, code, errs)
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Fatalf("print %s wrote an escape byte", lang)
		}
		if len(out) < 2000 {
			t.Fatalf("print %s wrote too little: %q", lang, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if w := len([]rune(l)); w > 80 {
				t.Fatalf("print %s: line of %d runes exceeds the default width: %q", lang, w, l)
			}
		}
	}
	_, vi, _ := runCLI(t, "print", "--lang", "vi")
	if !strings.Contains(vi, "Tế bào gốc") {
		t.Fatal("Vietnamese handout lacks Vietnamese text")
	}
}

func TestPrintWidthAndStyle(t *testing.T) {
	code, out, _ := runCLI(t, "print", "--lang", "en", "--width", "40", "--style", "ascii")
	if code != 0 {
		t.Fatal("print --width 40 failed")
	}
	for _, l := range strings.Split(out, "\n") {
		if len([]rune(l)) > 40 {
			t.Fatalf("line wider than 40: %q", l)
		}
	}
	code, out, _ = runCLI(t, "print", "--style", "dark")
	if code != 0 || !strings.ContainsRune(out, 0x1b) {
		t.Fatal("an explicit dark style must be styled")
	}
}

func TestPrintGroups(t *testing.T) {
	ids := []string{"cardiovascular", "neurological", "joint", "lung", "diabetes", "post-covid", "spine"}
	_, base, _ := runCLI(t, "print", "--lang", "en")
	for _, lang := range []string{"vi", "en"} {
		for _, id := range ids {
			code, out, errs := runCLI(t, "print", "--lang", lang, "--group", id)
			if code != 0 {
				t.Fatalf("print --group %s: %s", id, errs)
			}
			if lang == "en" && len(out) <= len(base) {
				t.Fatalf("print --group %s added nothing", id)
			}
		}
	}
}

func TestBadValuesListValidOnes(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"print", "--group", "knee"}, "valid: cardiovascular, neurological, joint, lung, diabetes, post-covid, spine, not-listed"},
		{[]string{"print", "--lang", "fr"}, "valid: vi, en"},
		{[]string{"print", "--style", "neon"}, "valid: auto, dark, light, high-contrast, ascii"},
		{[]string{"print", "--width", "5"}, "valid: 30 to 200"},
		{[]string{"--role", "nurse"}, "valid: doctor, patient, trainer"},
		{[]string{"--lang", "de"}, "valid: vi, en"},
		{[]string{"print", "--role", "trainer"}, "valid: patient, doctor"},
		{[]string{"print", "--persona", "nobody"}, "valid: back-pain-all-no, copd-cells-abroad, foot-ulcer-infection, heart-failure-end-stage, knee-oa, post-covid-exosomes, ra-biologic-knee, stroke-family"},
		{[]string{"frobnicate"}, "valid: print, check"},
		{[]string{"--nope"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		code, _, errs := runCLI(t, tt.args...)
		if code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want non-zero and %q", tt.args, code, errs, tt.want)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, out, errs := runCLI(t, "--help")
	if code != 0 || errs != "" || !strings.Contains(out, "stemcounsel print") || !strings.Contains(out, "\n  --role string") {
		t.Fatalf("--help goes to stdout with --flag spelling: exit %d, %q, %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "--bogus")
	if code != 2 || out != "" || strings.Count(errs, "\n") != 2 || !strings.Contains(errs, "stemcounsel --help") {
		t.Fatalf("a bad flag says so in two lines on stderr: exit %d, %q, %q", code, out, errs)
	}
	code, out, _ = runCLI(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "stemcounsel ") || !strings.Contains(out, "content ") {
		t.Fatalf("--version: exit %d, %q", code, out)
	}
}

func TestNoTerminalPointsToPrint(t *testing.T) {
	code, _, errs := runCLI(t, "--lang", "en", "--records", t.TempDir())
	if code == 0 || !strings.Contains(errs, "stemcounsel print") {
		t.Fatalf("without a terminal: exit %d, %q", code, errs)
	}
}

func TestCheck(t *testing.T) {
	code, out, _ := runCLI(t, "check")
	if code != 0 || !strings.Contains(out, "ok") {
		t.Fatalf("check of built-in content: exit %d, %q", code, out)
	}
	dir := t.TempDir()
	for _, lang := range []string{"vi", "en"} {
		for _, kind := range []string{"pages", "groups"} {
			if err := os.MkdirAll(filepath.Join(dir, lang, kind), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	bad := "---\nid: welcome\ntitle: Hi\n---\nText\x1b[2J\n"
	if err := os.WriteFile(filepath.Join(dir, "en", "pages", "welcome.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "check", dir)
	if code != 1 || !strings.Contains(errs, "en/pages/welcome.md:5: control character U+001B") {
		t.Fatalf("check of a broken folder: exit %d, %q", code, errs)
	}
	code, _, errs = runCLI(t, "--content", dir, "--version")
	if code == 0 || !strings.Contains(errs, "has problems") {
		t.Fatalf("--content on a broken folder must refuse: exit %d, %q", code, errs)
	}
	code, _, errs = runCLI(t, "check", filepath.Join(dir, "missing"))
	if code != 1 || !strings.Contains(errs, "not a readable folder") {
		t.Fatalf("check of a missing folder: exit %d, %q", code, errs)
	}
}

func TestPrintRoles(t *testing.T) {
	_, patient, _ := runCLI(t, "print", "--lang", "en")
	code, doctor, errs := runCLI(t, "print", "--lang", "en", "--role", "doctor")
	if code != 0 || len(doctor) <= len(patient) || !strings.Contains(doctor, "Notes for the doctor") {
		t.Fatalf("print --role doctor adds talking points: exit %d %s", code, errs)
	}
	if strings.Contains(patient, "Notes for the doctor") {
		t.Fatal("the patient handout has no clinician text")
	}
	for _, id := range []string{"knee-oa", "heart-failure-end-stage", "foot-ulcer-infection", "post-covid-exosomes", "stroke-family"} {
		code, out, errs := runCLI(t, "print", "--lang", "vi", "--persona", id)
		if code != 0 || !strings.Contains(out, "Kịch bản đào tạo") || strings.ContainsRune(out, 0x1b) {
			t.Fatalf("print --persona %s: exit %d %s", id, code, errs)
		}
	}
}

func TestOpenAndRecords(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := runCLI(t, "records", "--records", dir)
	if code != 0 || !strings.Contains(out, "no records") {
		t.Fatalf("records on an empty folder: %d %q", code, out)
	}
	s := model.NewSession(model.LangVI, model.RolePatient, time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s.Code = "ACD349"
	s.AddQuestion("Giá # | `x`?", model.StepOptions, s.Started)
	store := records.OpenFolder(dir)
	if err := store.SaveProgress(s.Record(model.StatusInProgress, "abc", model.DefaultChecklist, s.Started), 1); err != nil {
		t.Fatal(err)
	}
	store.Release()
	code, out, _ = runCLI(t, "records", "--records", dir)
	if code != 0 || !strings.Contains(out, "ACD349  in-progress") || strings.Contains(out, "Giá") {
		t.Fatalf("records lists code and status, no answers: %q", out)
	}
	code, out, errs := runCLI(t, "open", "acd349", "--records", dir)
	if code != 0 || !strings.Contains(out, "ACD349") || !strings.Contains(out, "Giá # | `x`?") || strings.ContainsRune(out, 0x1b) {
		t.Fatalf("open: %d %q %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "open", "XYW346", "--records", dir); code == 0 || !strings.Contains(errs, "no record with code XYW346") {
		t.Fatalf("open of a missing code: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "--resume", "XYW346", "--records", dir); code == 0 || !strings.Contains(errs, "no record with code XYW346") {
		t.Fatalf("resume of a missing code: %d %s", code, errs)
	}
}

func TestKioskFlags(t *testing.T) {
	t.Setenv("STEMCOUNSEL_EXIT_PIN_HASH", "")
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--kiosk", "--role", "doctor", "--records", dir}, "cannot run with --role doctor"},
		{[]string{"--kiosk", "--resume", "ACD349", "--records", dir}, "never resumes"},
		{[]string{"--kiosk", "--records", dir}, "needs the staff PIN's hash"},
		{[]string{"--kiosk", "--idle", "1s", "--records", dir}, "too short"},
		{[]string{"--kiosk", "--exit-pin-file", filepath.Join(dir, "none"), "--records", dir}, "--exit-pin-file"},
	}
	for _, tt := range tests {
		code, _, errs := runCLI(t, tt.args...)
		if code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, %q; want %q", tt.args, code, errs, tt.want)
		}
	}
	bad := filepath.Join(dir, "pin")
	os.WriteFile(bad, []byte("1234\n"), 0o600)
	if code, _, errs := runCLI(t, "--kiosk", "--exit-pin-file", bad, "--records", dir); code == 0 || !strings.Contains(errs, "not a bcrypt hash") {
		t.Errorf("a plain PIN in the file must be refused: %d %q", code, errs)
	}
}

func TestHashPIN(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runHashPIN(nil, strings.NewReader("2468\n"), &out, &errb); code != 0 {
		t.Fatalf("hash-pin: %d %s", code, errb.String())
	}
	check, err := staffpin.Load(writeTemp(t, out.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !check("2468") || check("2469") {
		t.Fatal("the hash must match its PIN and only it")
	}
	if code := runHashPIN(nil, strings.NewReader("12a4"), &out, &errb); code == 0 {
		t.Fatal("a PIN is digits only")
	}
}

func writeTemp(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRecordsPurge(t *testing.T) {
	dir := t.TempDir()
	store := records.OpenFolder(dir)
	s := model.NewSession(model.LangEN, model.RolePatient, time.Now().AddDate(0, 0, -100))
	s.Code = "ACD349"
	rec := s.Record(model.StatusFinished, "x", model.DefaultChecklist, time.Now().AddDate(0, 0, -90))
	if err := store.Close(rec, []byte("# x\n")); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "records", "--records", dir, "--purge-older-than", "60")
	if code != 0 || !strings.Contains(out, "deleted ACD349") {
		t.Fatalf("purge: %d %q", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "ACD349.json")); !os.IsNotExist(err) {
		t.Fatal("the old finished record must be gone")
	}
}

func TestResumeOnlyInItsOwnMode(t *testing.T) {
	dir := t.TempDir()
	s := model.NewSession(model.LangEN, model.RoleDoctor, time.Now())
	s.Code = "ACD349"
	s.PatientRef = "KH-77"
	store := records.OpenFolder(dir)
	if err := store.SaveProgress(s.Record(model.StatusInProgress, "x", model.DefaultChecklist, time.Now()), 1); err != nil {
		t.Fatal(err)
	}
	store.Release()
	code, _, errs := runCLI(t, "--role", "patient", "--resume", "ACD349", "--records", dir)
	if code == 0 || !strings.Contains(errs, "can only be resumed with --role doctor") {
		t.Fatalf("a patient must not open a doctor's session: %d %q", code, errs)
	}
}

// TestRecordsPurgeZeroRefused: --purge-older-than 0 is refused as -1 is,
// not taken as "not given" (which would only list).
func TestRecordsPurgeZeroRefused(t *testing.T) {
	for _, days := range []string{"0", "-1"} {
		code, out, errs := runCLI(t, "records", "--records", t.TempDir(), "--purge-older-than", days)
		if code != 2 || out != "" || !strings.Contains(errs, "1 or more") {
			t.Errorf("--purge-older-than %s: exit %d, %q, %q", days, code, out, errs)
		}
	}
}
