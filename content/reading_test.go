package content

import (
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"stemcounsel/model"
)

func TestWordsCountsWordsAndSyllables(t *testing.T) {
	for text, want := range map[string]int{
		"":                                  0,
		"- **In short:** three words here.": 5,
		"Tế bào gốc trung mô (MSC) — 5 cm²": 8,
		"« » - *": 0,
	} {
		if got := Words(text); got != want {
			t.Errorf("Words(%q) = %d, want %d", text, got, want)
		}
	}
}

// TestWordsTreatsEveryRuneAsUnicodeDoes holds the ASCII shortcut of Words
// to the Unicode classes it stands for: each rune, alone and between two
// letters, counts as unicode.IsSpace, IsLetter and IsDigit say.
func TestWordsTreatsEveryRuneAsUnicodeDoes(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		letterOrDigit := unicode.IsLetter(r) || unicode.IsDigit(r)
		alone := 0
		if letterOrDigit {
			alone = 1
		}
		between := 1 // "a" r "b" is one run
		if unicode.IsSpace(r) {
			between = 2
		}
		if got := Words(string(r)); got != alone {
			t.Errorf("Words(%U) = %d, want %d", r, got, alone)
		}
		if got := Words("a" + string(r) + "b"); got != between {
			t.Errorf("Words(a%Ub) = %d, want %d", r, got, between)
		}
	}
}

// TestMainPathReadingTime prints each group's main path and holds the
// promise of the welcome page: at most MaxMainPathMinutes for any one group.
func TestMainPathReadingTime(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range model.Langs {
		for _, g := range b.GroupIDs {
			path := b.MainPath(lang, g)
			n := Total(path)
			min := Minutes(lang, n)
			t.Logf("%s %-15s %5d words %3d min at %d a minute", lang, g, n, min, ReadingRate[lang])
			if min > MaxMainPathMinutes {
				t.Errorf("%s %s: the main path takes %d minutes; at most %d", lang, g, min, MaxMainPathMinutes)
			}
		}
	}
}

func TestOptionalDetailIsNotTimed(t *testing.T) {
	m := fixture(t)
	before, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	s := string(m["en/groups/joint.md"].Data)
	m["en/groups/joint.md"].Data = []byte(strings.Replace(s, "## evidence (optional)", "## evidence (optional)\n\n"+strings.Repeat("trial detail ", 200), 1))
	after, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := Total(after.MainPath(model.LangEN, "joint")), Total(before.MainPath(model.LangEN, "joint")); a != b {
		t.Errorf("optional evidence changed the main path from %d to %d words", b, a)
	}
	s = string(m["en/groups/joint.md"].Data)
	m["en/groups/joint.md"].Data = []byte(strings.Replace(s, "## risks", "## risks\n\n"+strings.Repeat("risk ", 200), 1))
	longer, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Total(longer.MainPath(model.LangEN, "joint")), Total(before.MainPath(model.LangEN, "joint"))+200; got != want {
		t.Errorf("200 more words of risks: main path %d words, want %d", got, want)
	}
}

func TestWelcomeShowsTheComputedTime(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range model.Langs {
		text := b.Page(lang, model.StepWelcome).PatientText()
		if strings.Contains(text, ReadingMinutesToken) {
			t.Errorf("%s welcome still holds %s", lang, ReadingMinutesToken)
		}
		if want := strconv.Itoa(b.ReadingMinutes(lang)); !strings.Contains(text, want) {
			t.Errorf("%s welcome does not show the computed %s minutes:\n%s", lang, want, text)
		}
	}
}

// TestWordsCountsLikeFields checks the scanning count against splitting
// into fields, on every file of the real content.
func TestWordsCountsLikeFields(t *testing.T) {
	err := fs.WalkDir(Embedded(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(Embedded(), p)
		want := 0
		for _, f := range strings.Fields(string(raw)) {
			if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				want++
			}
		}
		if got := Words(string(raw)); got != want {
			t.Errorf("%s: %d words, fields give %d", p, got, want)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
