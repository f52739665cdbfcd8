package content

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"stemcounsel/model"
)

// koosFiles are a test clinic's overlay that adds a licensed instrument,
// the KOOS pain subscale, in both languages.
func koosFiles(t *testing.T) fstest.MapFS { return copyFolder(t, "testdata/overlay-koos") }

// paidInstruments are those the fact file lists as needing a paid or
// written licence: never in the app's own content.
var paidInstruments = regexp.MustCompile(`\b(KOOS|WOMAC|EQ-5D|KCCQ|MLHFQ|CAT)\b|(?i)\b(koos|womac|eq-?5d|kccq|mlhfq|copd assessment test)\b`)

// TestBuiltInMeasuresAreFree: the app's own measures are the free ones
// the fact file lists, with the ids records were written with, each
// cited, with its terms of use, and its Vietnamese wording marked as not
// yet validated.
func TestBuiltInMeasuresAreFree(t *testing.T) {
	b, err := LoadBuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range b.Measures {
		ids = append(ids, m.ID)
		for _, lang := range model.Langs {
			w := m.Words[lang]
			if w.Name == "" || w.Question == "" || strings.TrimSpace(w.Source) == "" || strings.TrimSpace(w.Licence) == "" || w.Up == "" || w.Units == "" {
				t.Errorf("%s/%s: name, question, source, licence, direction and unit are all needed: %+v", lang, m.ID, w)
			}
			if w.NotValidated != (lang == model.LangVI) {
				t.Errorf("%s/%s: the Vietnamese wording is a translation not yet validated, the English the published one", lang, m.ID)
			}
		}
	}
	// Records kept before the measures were content hold these ids.
	if want := []string{"pain-worst", "pain-usual", "psfs", "mmrc", "mrs", "nyha", "six-minute-walk"}; !slices.Equal(ids, want) {
		t.Fatalf("built-in measures %v, want %v", ids, want)
	}
	err = fs.WalkDir(Embedded(), ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.Contains(name, "/measures/") {
			return err
		}
		data, err := fs.ReadFile(Embedded(), name)
		if hit := paidInstruments.Find(data); hit != nil {
			t.Errorf("%s names %q: a paid instrument comes only in a clinic's overlay, under its licence", name, hit)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id              string
		points, percent float64
		items           float64
	}{{"pain-usual", 2, 30, 0}, {"pain-worst", 2, 30, 0}, {"psfs", 2, 0, 3}, {"six-minute-walk", 30, 0, 0}} {
		if m, _ := b.Measures.ByID(c.id); m.Points != c.points || m.Percent != c.percent || m.ItemPoints != c.items {
			t.Errorf("%s: detectable change %g points, %g%%, %g an item; the fact file gives %g, %g%%, %g", c.id, m.Points, m.Percent, m.ItemPoints, c.points, c.percent, c.items)
		}
	}
	if m, _ := b.Measures.ByID("nyha"); !m.ClinicianRated || m.Trigger || !slices.Equal(m.Groups, []string{"cardiovascular"}) {
		t.Errorf("NYHA is a coarse clinician class for heart failure, never the reason to stop: %+v", m)
	}
}

// TestClinicOverlayAddsAMeasure: two files in the clinic's folder add an
// instrument, asked only for its groups, after the built-in ones.
func TestClinicOverlayAddsAMeasure(t *testing.T) {
	b, err := Load(Overlay{Base: Embedded(), Top: koosFiles(t), TopName: "clinic"})
	if err != nil {
		t.Fatal(err)
	}
	m, ok := b.Measures.ByID("koos-pain")
	if !ok || b.Measures[len(b.Measures)-1].ID != "koos-pain" {
		t.Fatalf("the clinic's measure is not added last: %v", b.Measures)
	}
	if m.Min != 0 || m.Max != 100 || m.LowerIsBetter || m.Points != 11.3 || m.LOINC != "00000-0" || m.UCUM != "{score}" ||
		m.In(model.LangVI).Name != "KOOS đau (0–100)" || !strings.Contains(m.In(model.LangEN).Licence, "Mapi") {
		t.Fatalf("the clinic's measure read as %+v", m)
	}
	if _, ok := b.Measures.For([]string{"joint"}).ByID("koos-pain"); !ok {
		t.Error("a knee patient is not asked the clinic's knee measure")
	}
	if _, ok := b.Measures.For([]string{"lung"}).ByID("koos-pain"); ok {
		t.Error("a lung patient is asked a knee measure")
	}
}

// TestMeasureRulesNameFileAndLine: each mistake in a clinic's measure is
// refused with the file and the line to change.
func TestMeasureRulesNameFileAndLine(t *testing.T) {
	const en, vi = "en/measures/koos-pain.md", "vi/measures/koos-pain.md"
	set := func(m fstest.MapFS, file, from, to string) string {
		s := string(m[file].Data)
		if !strings.Contains(s, from) {
			t.Fatalf("%s has no %q", file, from)
		}
		s = strings.Replace(s, from, to, 1)
		m[file].Data = []byte(s)
		return s
	}
	at := func(file, s, sub, msg string) string {
		return fmt.Sprintf("clinic/%s:%d: %s", file, lineOf(t, s, sub), msg)
	}
	for _, c := range []struct {
		name   string
		mutate func(m fstest.MapFS) string
	}{
		{"no licence note", func(m fstest.MapFS) string {
			s := replaceSection(t, m, en, "licence", "")
			return at(en, s, "<!-- section: licence", "a measure needs its licence note")
		}},
		{"direction unknown", func(m fstest.MapFS) string {
			s := set(m, vi, "better: higher", "better: up")
			return at(vi, s, "better: up", `better "up" is unknown (valid: higher, lower)`)
		}},
		{"no detectable change", func(m fstest.MapFS) string {
			s := set(m, en, "change_points: 11.3", "change_points:")
			set(m, vi, "change_points: 11.3", "change_points:")
			return at(en, s, "change_points:", `a measure needs a non-empty "change_points"`)
		}},
		{"a group the content lacks", func(m fstest.MapFS) string {
			s := set(m, en, "groups: joint", "groups: knee")
			set(m, vi, "groups: joint", "groups: knee")
			return at(en, s, "groups: knee", `group "knee" is not a disease group of the content`)
		}},
		{"a made-up code's shape", func(m fstest.MapFS) string {
			s := set(m, en, "loinc: 00000-0", "loinc: KOOS-1")
			set(m, vi, "loinc: 00000-0", "loinc: KOOS-1")
			return at(en, s, "loinc: KOOS-1", `loinc "KOOS-1" is not a LOINC code`)
		}},
		{"languages disagree", func(m fstest.MapFS) string {
			s := set(m, en, "max: 100", "max: 10")
			return at(en, s, "max: 10", `max "10" differs from vi/measures/koos-pain.md ("100")`)
		}},
		{"scale upside down", func(m fstest.MapFS) string {
			s := set(m, en, "min: 0\nmax: 100", "min: 100\nmax: 0")
			set(m, vi, "min: 0\nmax: 100", "min: 100\nmax: 0")
			return at(en, s, "max: 0", "max 0 must be above min 100")
		}},
		{"a second measure scored per item", func(m fstest.MapFS) string {
			for _, f := range []string{en, vi} {
				set(m, f, "max: 100", "max: 10")
				set(m, f, "scoring: score", "scoring: items\nitem_points: 3")
				replaceSection(t, m, f, "licence", "Licensed.\n\n<!-- section: ask -->\nName them.\n\n<!-- section: again -->\nRate again.")
			}
			s := string(m[vi].Data)
			return at(vi, s, "scoring: items", "only one measure is scored per item")
		}},
		{"a grade missing", func(m fstest.MapFS) string {
			for _, f := range []string{en, vi} {
				set(m, f, "max: 100", "max: 2")
				replaceSection(t, m, f, "licence", "Licensed.\n\n<!-- section: grade-0 -->\nNone.\n\n<!-- section: grade-2 -->\nMuch.")
			}
			return "clinic/" + en + `: the scale has words for some values: section "grade-1" is missing`
		}},
		{"an unknown key", func(m fstest.MapFS) string {
			s := set(m, en, "up: less knee pain", "up: less knee pain\nlicense: yes")
			return at(en, s, "license: yes", `unknown front matter key "license"`)
		}},
		{"only in one language", func(m fstest.MapFS) string {
			delete(m, vi)
			return "clinic/" + en + ": has no Vietnamese counterpart"
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := koosFiles(t)
			want := c.mutate(m)
			_, err := Load(Overlay{Base: Embedded(), Top: m, TopName: "clinic"})
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("want a problem %q, got:\n%v", want, err)
			}
		})
	}
}
