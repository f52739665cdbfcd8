package main

import (
	"os"
	"path/filepath"
	"regexp"
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
		filled := fact.ReplaceAllString(string(data), "$1: An Binh Clinic $1")
		if err := os.WriteFile(file, []byte(filled), 0o644); err != nil {
			t.Fatal(err)
		}
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
