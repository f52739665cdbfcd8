package content

import (
	"strings"
	"testing"
	"unicode/utf8"

	"stemcounsel/model"
)

const bami = "```figure\n" +
	"title: Deaths within 2 years\n" +
	"kind: randomised\n" +
	"group: Given cells; 3; 100\n" +
	"group: Not given cells; 4; 100\n" +
	"time: 2 years\n" +
	"source: BAMI trial, 375 people\n" +
	"certainty: one trial; no real difference\n" +
	"words: About 3 in 100 people given cells died within 2 years, and about 4 in 100 without them.\n" +
	"```\n"

func figurePage(block string) *Page {
	text := "---\nid: x\ntitle: x\n---\nBefore.\n\n" + block + "\nAfter.\n"
	p, _ := parsePage("en/groups/x.md", []byte(text))
	return p
}

func TestFigureRefusesWhatWouldMislead(t *testing.T) {
	cases := map[string]struct{ from, to, want string }{
		"single uncontrolled percentage": {"group: Not given cells; 4; 100\n", "", "exactly two groups"},
		"different denominators":         {"Not given cells; 4; 100", "Not given cells; 8; 200", "out of 100"},
		"no source":                      {"source: BAMI trial, 375 people\n", "", "a source"},
		"no time frame":                  {"time: 2 years\n", "", "a time frame"},
		"neither randomised nor harm":    {"kind: randomised", "kind: observational", "only randomised or harm"},
		"words that differ":              {"about 4 in 100", "about 5 in 100", "each group's number (4"},
		"no certainty":                   {"certainty: one trial; no real difference\n", "", "certainty"},
	}
	for name, c := range cases {
		p := figurePage(strings.Replace(bami, c.from, c.to, 1))
		_, probs := p.figures()
		if len(probs) == 0 || !strings.Contains(probs.Error(), c.want) || !strings.Contains(probs.Error(), "en/groups/x.md:7:") {
			t.Errorf("%s: want a problem at the block's line naming %q, got %v", name, c.want, probs)
		}
	}
	if _, probs := figurePage(bami).figures(); len(probs) > 0 {
		t.Fatalf("a sound figure: %v", probs)
	}
}

func TestFigureDrawsBothGroupsInAnyWidth(t *testing.T) {
	text := figurePage(bami).PatientText()
	if strings.Contains(text, "```figure") || strings.Contains(text, "kind:") {
		t.Fatalf("the block must be drawn, not shown:\n%s", text)
	}
	lines := strings.Split(text, "\n")
	rows, filled := 0, 0
	for _, l := range lines {
		if l != "" && strings.Trim(l, iconFilled+iconEmpty+" ") == "" {
			rows++
			filled += strings.Count(l, iconFilled)
			if w := utf8.RuneCountInString(l); w > 30 {
				t.Errorf("a grid row is %d wide; two grids must fit a 30-column page", w)
			}
		}
	}
	if rows != 10 || filled != 7 {
		t.Fatalf("two 10x10 grids with 3 and 4 filled: %d rows, %d filled\n%s", rows, filled, text)
	}
	for _, want := range []string{"A**: Given cells, 3 in 100", "B**: Not given cells, 4 in 100", "About 3 in 100", "BAMI trial, 375 people", "one trial; no real difference", "Before.", "After."} {
		if !strings.Contains(text, want) {
			t.Errorf("the drawing lacks %q:\n%s", want, text)
		}
	}
}

func TestFiguresMatchAcrossLanguages(t *testing.T) {
	b := &Bundle{Langs: map[model.Lang]*Set{}}
	for _, lang := range model.Langs {
		block := bami
		if lang == model.LangEN {
			block = strings.Replace(strings.Replace(bami, "; 4; 100", "; 6; 100", 1), "about 4 in", "about 6 in", 1)
		}
		p, _ := parsePage(string(lang)+"/groups/x.md", []byte("---\nid: x\ntitle: x\n---\n"+block))
		b.Langs[lang] = &Set{Groups: map[string]*Page{"x": p}}
	}
	if probs := checkFigures(b); !strings.Contains(probs.Error(), "en/groups/x.md: its figures must draw the same kinds and numbers as vi/groups/x.md") {
		t.Fatalf("a figure whose numbers differ between languages: %v", probs)
	}
}

func TestValuesPageListsEveryValueAndLeaning(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range model.Langs {
		values, leanings := b.ValueLabels(lang)
		for _, id := range model.ValueIDs {
			if values[id] == "" {
				t.Errorf("%s: value %s has no wording", lang, id)
			}
		}
		for _, l := range model.Leanings {
			if leanings[string(l)] == "" {
				t.Errorf("%s: leaning %s has no wording", lang, l)
			}
		}
	}
	page := builtInFile(t, "en/pages/values.md")
	_, err = Load(clinicOverlay(map[string]string{"en/pages/values.md": strings.Replace(page, "- cost: ", "- price: ", 1)}))
	if err == nil || !strings.Contains(err.Error(), "clinic/en/pages/values.md:") || !strings.Contains(err.Error(), "must list, in order") {
		t.Fatalf("a values page with an unknown value: %v", err)
	}
}

// TestThreeGroupFigureIsAProblemNotACrash: a clinic's page with a
// randomised figure of three groups is refused with a message.
func TestThreeGroupFigureIsAProblemNotACrash(t *testing.T) {
	m := fixture(t)
	three := strings.Replace(bami, "\ngroup:", "\ngroup: Third; 5; 100\ngroup:", 1)
	m["en/groups/lung.md"].Data = append(m["en/groups/lung.md"].Data, []byte("\n"+three)...)
	if _, err := Load(m); err == nil || !strings.Contains(err.Error(), "compares exactly two groups (it has 3)") {
		t.Fatalf("a three-group figure must be a problem: %v", err)
	}
}
