package content

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"stemcounsel/model"
)

func TestBuiltInContentIsAListedRelease(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Current(); !ok {
		t.Fatalf("the built-in content (hash %s) must be listed in %s: add a release line when the content changes", b.Hash, ReleasesFile)
	}
}

func TestMajorReleaseMarksOlderRecords(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	releases := "01/11/2026 major aaaaaaaaaaaa -: first\n" +
		"15/11/2026 minor bbbbbbbbbbbb what-it-is: typos\n" +
		"01/12/2026 major " + b.Hash + " options,group:lung: corrected\n"
	o := clinicOverlay(map[string]string{ReleasesFile: releases})
	if b, err = Load(o); err != nil {
		t.Fatal(err)
	}
	major, steps, known := b.Since("aaaaaaaaaaaa")
	if !known || !major || !slices.Equal(steps, []model.StepID{"what-it-is", "options", "group:lung"}) {
		t.Fatalf("since the first release: major %v, steps %v, known %v", major, steps, known)
	}
	if got := b.OlderMajor("bbbbbbbbbbbb"); !strings.Contains(got, "older major release") || !strings.Contains(got, "options, group:lung") {
		t.Fatalf("a record of the minor release: %q", got)
	}
	if got := b.OlderMajor(b.Hash); got != "" {
		t.Fatalf("a record of the current release: %q", got)
	}
	if got := b.OlderMajor("cccccccccccc"); !strings.Contains(got, "not a listed release") {
		t.Fatalf("a record of an unlisted release: %q", got)
	}
}

func TestReleasesFileIsChecked(t *testing.T) {
	for bad, want := range map[string]string{
		"01/12/2026 huge abcdefabcdef -: x\n":                                      "a release line is",
		"01/12/2026 major abcdefabcdef nowhere: x\n":                               "unknown step \"nowhere\"",
		"02/12/2026 minor abcdefabcdef -: x\n01/12/2026 minor abcdefabcdee -: y\n": "oldest first",
	} {
		_, err := Load(clinicOverlay(map[string]string{ReleasesFile: bad}))
		if err == nil || !strings.Contains(err.Error(), "clinic/"+ReleasesFile+":") || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: want %q at its line, got %v", bad, want, err)
		}
	}
}

// TestOnlyAListedReleaseSkipsTheChecks: content whose hash a release line
// names loads without the checks (the release line itself names an unknown
// step, which the checks would refuse); changed content, whose hash no line
// names, gets every check.
func TestOnlyAListedReleaseSkipsTheChecks(t *testing.T) {
	m := fixture(t)
	clean, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	m[ReleasesFile] = &fstest.MapFile{Data: []byte("01/12/2026 major " + clean.Hash + " no-such-step: first\n")}
	if _, err := Load(m); err == nil || !strings.Contains(err.Error(), `unknown step "no-such-step"`) {
		t.Fatalf("the full check must see the bad release line: %v", err)
	}
	b, err := load(m, true)
	if err != nil {
		t.Fatalf("a listed release must load without the checks: %v", err)
	}
	b.Releases = clean.Releases
	if !reflect.DeepEqual(b, clean) {
		t.Fatal("the trusted load must read the same content")
	}
	m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\n---\nText.\nYou are Eligible now.\n")
	if _, err := load(m, true); err == nil || !strings.Contains(err.Error(), `banned wording "eligible"`) {
		t.Fatalf("changed content must be checked in full: %v", err)
	}
}

func TestBuiltInLoadMatchesTheFullLoad(t *testing.T) {
	full, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	quick, err := LoadBuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(full, quick) {
		t.Fatal("LoadBuiltIn read the built-in content differently from Load")
	}
}
