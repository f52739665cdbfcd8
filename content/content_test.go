package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"stemcounsel/model"
)

// fixture is the small content folder the UI goldens use; it is complete, so
// each test below breaks one thing in a copy of it.
func fixture(t testing.TB) fstest.MapFS {
	t.Helper()
	return copyFolder(t, "../ui/testdata/content")
}

// copyFolder reads a folder into memory, for a test to change.
func copyFolder(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	root := os.DirFS(dir)
	m := fstest.MapFS{}
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFixtureLoads(t *testing.T) {
	b, err := Load(fixture(t))
	if err != nil {
		t.Fatalf("fixture must load: %v", err)
	}
	if len(b.Hash) != 12 {
		t.Errorf("hash = %q", b.Hash)
	}
	if b.GroupIDs[len(b.GroupIDs)-1] != model.NotListed {
		t.Errorf("not-listed must be offered last: %v", b.GroupIDs)
	}
}

func TestEmbeddedContentIsValid(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatalf("embedded content has problems:\n%v", err)
	}
	for _, lang := range model.Langs {
		for _, step := range model.PageSteps {
			if b.Page(lang, step) == nil {
				t.Errorf("%s: no page for %s", lang, step)
			}
		}
	}
}

func TestEmbeddedContentIsNFCAndHasNoVS16(t *testing.T) {
	err := fs.WalkDir(Embedded(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(Embedded(), p)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) || !norm.NFC.IsNormal(data) {
			t.Errorf("%s is not NFC UTF-8", p)
		}
		if strings.ContainsRune(string(data), '\uFE0F') {
			t.Errorf("%s contains U+FE0F", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTalkingPointsAreNotPatientText(t *testing.T) {
	b, err := Load(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	p := b.Page(model.LangEN, model.StepWhatItIs)
	if tp, ok := p.Section(TalkingPoints); !ok || !strings.Contains(tp, "Note for the doctor") {
		t.Fatalf("talking points not separated: %q", tp)
	}
	if strings.Contains(p.PatientText(), "Note for the doctor") {
		t.Fatal("talking points leaked into patient text")
	}
}

func TestHashChangesWithContent(t *testing.T) {
	m := fixture(t)
	a, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	f := m["en/pages/pathway.md"]
	f.Data = append(append([]byte{}, f.Data...), []byte("\nOne more line.\n")...)
	b, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash == b.Hash {
		t.Fatal("hash must change when any file changes")
	}
}

func TestNFDContentIsNormalised(t *testing.T) {
	m := fixture(t)
	m["vi/pages/pathway.md"].Data = []byte(norm.NFD.String(string(m["vi/pages/pathway.md"].Data)))
	b, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	txt := b.Page(model.LangVI, model.StepPathway).PatientText()
	if !norm.NFC.IsNormalString(txt) || !strings.Contains(txt, "điều hòa") {
		t.Fatalf("page text not NFC: %q", txt)
	}
}

// TestProblemsNameFileAndLine breaks the fixture one way at a time and checks
// the message a clinic editor would read.
func TestProblemsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(m fstest.MapFS)
		want   string
	}{
		{"missing page", func(m fstest.MapFS) { delete(m, "en/pages/pathway.md") },
			"en/pages/pathway.md: missing: every step needs a page"},
		{"page in one language only", func(m fstest.MapFS) {
			m["vi/pages/extra.md"] = &fstest.MapFile{Data: []byte("---\nid: extra\ntitle: Thêm\n---\nChữ.\n")}
		}, "vi/pages/extra.md: has no English counterpart en/pages/extra.md"},
		{"no front matter", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("Just text\n")
		}, "en/pages/pathway.md:1: front matter missing"},
		{"unclosed front matter", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\n")
		}, "en/pages/pathway.md:1: front matter not closed"},
		{"bad front matter line", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\nnonsense\n---\nText.\n")
		}, "en/pages/pathway.md:4: front matter line must be \"key: value\""},
		{"unknown key", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\ncolour: red\n---\nText.\n")
		}, "en/pages/pathway.md:4: unknown front matter key \"colour\""},
		{"id differs from file", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\ntitle: T\nid: path\n---\nText.\n")
		}, "en/pages/pathway.md:3: id \"path\" must equal the file name \"pathway\""},
		{"escape sequence", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\n---\nText.\nBad \x1b[31mred\n")
		}, "en/pages/pathway.md:6: control character U+001B is not allowed"},
		{"variation selector", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\n---\nCareful \u26a0\ufe0f here\n")
		}, "en/pages/pathway.md:5: emoji variation selector"},
		{"section parity", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\n---\nText.\n")
		}, "en/pages/pathway.md: sections differ from vi/pages/pathway.md"},
		{"malformed marker", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\n---\nText.\n<!-- section talking-points -->\n")
		}, "en/pages/pathway.md:6: malformed section marker"},
		{"missing group section", func(m fstest.MapFS) {
			s := string(m["en/groups/joint.md"].Data)
			m["en/groups/joint.md"].Data = []byte(strings.Replace(s, "<!-- section: timing -->", "<!-- section: when -->", 1))
		}, "en/groups/joint.md: missing section \"timing\""},
		{"group without keywords", func(m fstest.MapFS) {
			s := string(m["vi/groups/lung.md"].Data)
			i := strings.Index(s, "keywords:")
			j := strings.Index(s[i:], "\n")
			m["vi/groups/lung.md"].Data = []byte(s[:i] + "keywords:" + s[i+j:])
		}, "vi/groups/lung.md:5: group pages need a non-empty \"keywords\""},
		{"bad review date", func(m fstest.MapFS) {
			s := string(m["vi/pages/pathway.md"].Data)
			s = strings.Replace(s, "reviewed_by:", "reviewed_by: BS. A", 1)
			m["vi/pages/pathway.md"].Data = []byte(strings.Replace(s, "reviewed_on:", "reviewed_on: 2026-11-24", 1))
		}, "vi/pages/pathway.md:5: reviewed_on \"2026-11-24\" must be a date dd/mm/yyyy"},
		{"missing group", func(m fstest.MapFS) { delete(m, "vi/groups/spine.md"); delete(m, "en/groups/spine.md") },
			"vi/groups/spine.md: missing: every disease group needs a page"},
		{"missing checklist item", func(m fstest.MapFS) { delete(m, "en/checklist/fibrosis.md") },
			"en/checklist/fibrosis.md: missing: every default checklist item needs a file"},
		{"item without a question", func(m fstest.MapFS) {
			s := string(m["vi/checklist/end-stage.md"].Data)
			m["vi/checklist/end-stage.md"].Data = []byte(strings.Replace(s, "section: question", "section: ask", 1))
		}, "vi/checklist/end-stage.md: missing section \"question\""},
		{"outcome without not-treating", func(m fstest.MapFS) {
			s := string(m["en/pages/outcome.md"].Data)
			m["en/pages/outcome.md"].Data = []byte(strings.Replace(s, "section: not-treating", "section: other", 1))
		}, "en/pages/outcome.md: missing section \"not-treating\""},
		{"banned wording", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\n---\nText.\nYou are Eligible now.\n\n<!-- section: talking-points -->\nx\n")
		}, "en/pages/pathway.md:6: banned wording \"eligible\""},
		{"banned wording in Vietnamese without marks", func(m fstest.MapFS) {
			m["vi/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\n---\nBạn là ỨNG VIÊN.\n\n<!-- section: talking-points -->\nx\n")
		}, "vi/pages/pathway.md:5: banned wording \"ứng viên\""},
		{"no banned list", func(m fstest.MapFS) { delete(m, "en/banned.txt") },
			"en/banned.txt: cannot read: file does not exist"},
		{"empty options cell", func(m fstest.MapFS) {
			s := string(m["en/pages/options.md"].Data)
			m["en/pages/options.md"].Data = []byte(strings.Replace(s, "- trial: Cell risks of trial.", "- trial:", 1))
		}, "section \"row-risks\": the trial cell is empty"},
		{"options row missing an option", func(m fstest.MapFS) {
			s := string(m["vi/pages/options.md"].Data)
			m["vi/pages/options.md"].Data = []byte(strings.Replace(s, "- nothing: Ô time của nothing.\n", "", 1))
		}, "section \"row-time\" needs one \"- key: text\" bullet for each option"},
		{"unknown clinic fact", func(m fstest.MapFS) {
			m["en/pages/pathway.md"].Data = []byte("---\nid: pathway\ntitle: T\n---\nCall {clinic:phone}.\n\n<!-- section: talking-points -->\nx\n")
		}, "en/pages/pathway.md:5: unknown clinic fact {clinic:phone}"},
		{"unknown clinic key", func(m fstest.MapFS) {
			m["vi/clinic.txt"].Data = []byte("name: A\nwebsite: b\n")
		}, "vi/clinic.txt:2: unknown clinic key \"website\""},
		{"quiz answer not a choice", func(m fstest.MapFS) {
			s := string(m["en/quiz/general-2.md"].Data)
			m["en/quiz/general-2.md"].Data = []byte(strings.Replace(s, "answer: a", "answer: d", 1))
		}, "en/quiz/general-2.md:3: answer \"d\" is not one of the choices"},
		{"quiz answers differ between languages", func(m fstest.MapFS) {
			s := string(m["vi/quiz/general-2.md"].Data)
			m["vi/quiz/general-2.md"].Data = []byte(strings.Replace(s, "answer: a", "answer: b", 1))
		}, "en/quiz/general-2.md:3: answer, group, expectation and answers must match vi/quiz/general-2.md"},
		{"quiz about an unknown group", func(m fstest.MapFS) {
			for _, l := range []string{"vi", "en"} {
				s := string(m[l+"/quiz/group-lung.md"].Data)
				m[l+"/quiz/group-lung.md"].Data = []byte(strings.Replace(s, "group: lung", "group: liver", 1))
			}
		}, "group \"liver\" is not a disease group"},
		{"SURE page without an item", func(m fstest.MapFS) {
			s := string(m["en/pages/sure.md"].Data)
			m["en/pages/sure.md"].Data = []byte(strings.Replace(s, "section: sure-3", "section: sure-x", 1))
		}, "en/pages/sure.md: missing section \"sure-3\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t)
			tt.mutate(m)
			_, err := Load(m)
			if err == nil {
				t.Fatal("Load accepted broken content")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("problems do not include %q:\n%v", tt.want, err)
			}
		})
	}
}

func TestFindBanned(t *testing.T) {
	b, err := Load(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want int
	}{
		{"You are eligible.", 1},
		{"ELIGIBLE", 1},
		{"ineligible people", 0},       // a whole word only
		{"Never say «eligible».", 0},   // quotations of what not to say
		{"Bạn đủ điều kiện.", 1},       // Vietnamese, with marks
		{"ban du dieu kien", 1},        // and folded
		{"a good candidate for it", 1}, // phrases
		{"candidates", 0},
	}
	for _, tt := range tests {
		if got := FindBanned(tt.text, b.Banned); len(got) != tt.want {
			t.Errorf("FindBanned(%q) = %v, want %d", tt.text, got, tt.want)
		}
	}
}

// Content trusted at start-up is not checked, so its phrases are not
// folded ahead; they are found all the same.
func TestFindBannedInTrustedContent(t *testing.T) {
	b, err := LoadBuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Banned) == 0 {
		t.Fatal("the built-in content bans no phrase")
	}
	for _, bp := range b.Banned {
		if got := FindBanned("Before "+strings.ToUpper(bp.Phrase)+" after.", b.Banned); !slices.Contains(got, bp.Phrase) {
			t.Errorf("%s line %d: %q not found in its upper case: %v", bp.File, bp.Line, bp.Phrase, got)
		}
	}
}

func TestKeywordsMayHoldBannedWords(t *testing.T) {
	m := fixture(t)
	s := string(m["en/groups/joint.md"].Data)
	m["en/groups/joint.md"].Data = []byte(strings.Replace(s, "keywords: ", "keywords: eligible, ", 1))
	if _, err := Load(m); err != nil {
		t.Fatalf("keywords are what patients type and are not checked: %v", err)
	}
}

func TestFillClinic(t *testing.T) {
	m := fixture(t)
	m["en/clinic.txt"].Data = []byte("# facts\nname: Phòng khám A\nmoh_approval:\ncosts:\ncontact:\nside_effects_contact:\nfunding:\nethics_approval:\n")
	b, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	got := b.FillClinic(model.LangEN, "{clinic:name}, approval {clinic:moh_approval}", "not provided by the clinic")
	if got != "Phòng khám A, approval not provided by the clinic" {
		t.Fatalf("FillClinic = %q", got)
	}
}

func TestOptionsAndQuizShape(t *testing.T) {
	b, err := Load(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	o := b.Options(model.LangEN)
	if len(o.Columns) != 4 || len(o.Rows) != len(OptionRows) || o.Rows[0].Label != "Row involved" || o.Rows[4].Cells[0].Text != "{clinic:costs}" {
		t.Fatalf("options: %+v", o)
	}
	quiz := b.Quiz(model.LangEN, []string{"lung"})
	var ids []string
	for _, q := range quiz {
		ids = append(ids, q.ID)
	}
	if strings.Join(ids, ",") != "general-1,general-2,group-lung" {
		t.Fatalf("quiz for lung = %v", ids)
	}
	if !quiz[0].Expectation || quiz[0].Answer != "b" || len(quiz[0].Choices) != 3 {
		t.Fatalf("quiz item: %+v", quiz[0])
	}
}

// TestSureItemsVerbatim: the SURE test is used with citation and must keep
// the published wording and order (Légaré et al., Can Fam Physician 2010).
func TestSureItemsVerbatim(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Do you feel SURE about the best choice for you?",
		"Do you know the benefits and risks of each option?",
		"Are you clear about which benefits and risks matter most to you?",
		"Do you have enough support and advice to make a choice?",
	}
	p := b.Page(model.LangEN, model.StepSure)
	for i, w := range want {
		if got, _ := p.Section(fmt.Sprintf("sure-%d", i+1)); got != w {
			t.Errorf("sure-%d = %q, want %q", i+1, got, w)
		}
	}
	if cite, _ := p.Section("citation"); !strings.Contains(cite, "Légaré") || !strings.Contains(cite, "2010") {
		t.Errorf("citation = %q", cite)
	}
	if note, _ := b.Page(model.LangVI, model.StepSure).Section("translation-note"); !strings.Contains(Fold(note), "chua duoc") {
		t.Errorf("the Vietnamese items must be marked as not yet validated: %q", note)
	}
}

// TestEveryGroupHasAQuizQuestion: the knowledge check asks one question
// about each chosen group.
func TestEveryGroupHasAQuizQuestion(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	general := b.Quiz(model.LangVI, nil)
	if len(general) < 6 || len(general) > 8 {
		t.Fatalf("%d general questions, want 6 to 8", len(general))
	}
	for _, g := range b.GroupIDs {
		if got := len(b.Quiz(model.LangEN, []string{g})); got != len(general)+1 {
			t.Errorf("group %s: %d questions, want one more than the general %d", g, got, len(general))
		}
	}
}

// TestEveryListedKeyIsAccepted keeps the key list in the "unknown key"
// message true to the keys the parser stores.
func TestEveryListedKeyIsAccepted(t *testing.T) {
	p := &Page{}
	for _, k := range frontKeys {
		if k != "keywords" && p.frontField(k) == nil {
			t.Errorf("front matter key %q is listed but not stored", k)
		}
	}
}

// TestHostileContentIsRefused: what would reach the terminal as an escape
// sequence, hide text, or take minutes to render is refused, naming the
// file and line.
func TestHostileContentIsRefused(t *testing.T) {
	page := func(body string) []byte {
		return []byte("---\nid: pathway\ntitle: T\n---\n" + body + "\n\n<!-- section: talking-points -->\nx\n")
	}
	tests := []struct {
		name, body, want string
	}{
		{"hex reference to ESC", "&#x1b;]2;PWNED&#x07; Text.", "en/pages/pathway.md:5: character reference &#x1b; stands for U+001B"},
		{"decimal reference to ESC", "Text &#27;]52;c;SGVsbG8=&#7;.", "en/pages/pathway.md:5: character reference &#27; stands for U+001B"},
		{"reference to DEL", "Text &#127;.", "character reference &#127; stands for U+007F"},
		{"named reference to a zero-width space", "Te&ZeroWidthSpace;xt.", "character reference &ZeroWidthSpace; stands for U+200B"},
		{"reference to a bidi override", "Text &#x202e;.", "character reference &#x202e; stands for U+202E"},
		{"bidi override as it is", "Text \u202eevil.", "en/pages/pathway.md:5: invisible character U+202E is not allowed"},
		{"zero-width space as it is", "Te\u200bxt.", "invisible character U+200B"},
		{"markdown link", "See [the clinic](http://clinic.example).", `"](" makes a link`},
		{"autolink", "See <https://clinic.example>.", `"<https:" makes a link`},
		{"bare address", "See www.clinic.example today.", `"www." makes a link`},
		{"bare URL", "See https://clinic.example today.", `"https:" makes a link`},
		{"email", "Write to desk@clinic.example.", `makes a link`},
		{"reference definition", "[c]: http://x", `makes a link`},
		{"deep quotes", strings.Repeat("> ", 80) + "x", "en/pages/pathway.md:5: nested 80 levels deep"},
		{"deep list", strings.Repeat("1. ", 50) + "x", "nested 50 levels deep"},
		{"deep indentation", strings.Repeat("    ", 40) + "- x", "nested 41 levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t)
			m["en/pages/pathway.md"].Data = page(tt.body)
			_, err := Load(m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("problems do not include %q:\n%v", tt.want, err)
			}
		})
	}
	// An address in backticks is text, not a link, and shallow nesting is fine.
	m := fixture(t)
	m["en/pages/pathway.md"].Data = page("See `clinic.example.vn`.\n\n> - a\n>   - b")
	if _, err := Load(m); err != nil && strings.Contains(err.Error(), "en/pages/pathway.md:5") {
		t.Fatalf("a code span and two levels are allowed:\n%v", err)
	}
}

func TestClinicFactsAreCheckedLikePages(t *testing.T) {
	for v, want := range map[string]string{
		"&#27;]2;CLINICPWN&#7;Clinic": "en/clinic.txt:2: character reference &#27;",
		"Clinic www.clinic.example":   "en/clinic.txt:2: \"www.\" makes a link",
		"\x9b31mClinic":               "en/clinic.txt: not valid UTF-8",
	} {
		m := fixture(t)
		s := string(m["en/clinic.txt"].Data)
		m["en/clinic.txt"].Data = []byte(strings.Replace(s, "name:", "name: "+v, 1))
		if _, err := Load(m); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("clinic name %q: problems do not include %q: %v", v, want, err)
		}
	}
}

// TestLoaderLimits: a folder cannot make the loader read without end,
// follow a link out of it, or block on a pipe.
func TestLoaderLimits(t *testing.T) {
	m := fixture(t)
	m["en/pages/pathway.md"].Data = append([]byte("---\nid: pathway\ntitle: T\n---\n"), bytes.Repeat([]byte("Text. "), MaxFileSize/6+1)...)
	if _, err := Load(m); err == nil || !strings.Contains(err.Error(), "en/pages/pathway.md: cannot read:") || !strings.Contains(err.Error(), "at most 256 KiB") {
		t.Fatalf("a page larger than the limit: %v", err)
	}
	m = fixture(t)
	m["en/clinic.txt"] = &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}
	if _, err := Load(m); err == nil || !strings.Contains(err.Error(), "en/clinic.txt: cannot read: not a regular file") {
		t.Fatalf("a link out of the folder: %v", err)
	}
	m = fixture(t)
	m["en/pages/about.md"] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
	if _, err := Load(m); err == nil || !strings.Contains(err.Error(), "en/pages/about.md: cannot read: not a regular file") {
		t.Fatalf("a pipe: %v", err)
	}
	m = fixture(t)
	m["en/pages/pathway.md"].Data = append([]byte("\uFEFF"), m["en/pages/pathway.md"].Data...)
	_, err := Load(m)
	if err == nil || !strings.Contains(err.Error(), "en/pages/pathway.md:1: the file starts with a byte-order mark") || strings.Contains(err.Error(), "counterpart") {
		t.Fatalf("a byte-order mark is named as such, and nothing else: %v", err)
	}
}

// TestQuizNeedsAGeneralQuestion: with no question every session asks, the
// knowledge check would have nothing to show.
func TestQuizNeedsAGeneralQuestion(t *testing.T) {
	m := fixture(t)
	for name := range m {
		if strings.Contains(name, "/quiz/general") {
			delete(m, name)
		}
	}
	if _, err := Load(m); err == nil || !strings.Contains(err.Error(), "en/quiz: the knowledge check needs at least one general question") {
		t.Fatalf("no general question: %v", err)
	}
}

// TestSectionBodiesAreTheLinesBetweenMarkers holds each section's body to
// the lines between its marker and the next, joined and trimmed, for
// every built-in page and for markers at the edges of a file.
func TestSectionBodiesAreTheLinesBetweenMarkers(t *testing.T) {
	pages := map[string]string{
		"marker last, no newline": "---\nid: x\ntitle: X\n---\nIntro.\n<!-- section: a -->",
		"empty sections":          "---\nid: x\ntitle: X\n---\n<!-- section: a -->\n<!-- section: b -->\n\n<!-- section: c -->\n",
		"blank lines and spaces":  "---\nid: x\ntitle: X\n---\n\n  \n<!-- section: a -->\n  one \n\ntwo\n\n",
		"windows line ends":       "---\r\nid: x\r\ntitle: X\r\n---\r\nIntro.\r\n<!-- section: a -->\r\nA.\r\n",
		"front matter only":       "---\nid: x\ntitle: X\n---",
	}
	err := fs.WalkDir(Embedded(), ".", func(file string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(file, ".md") {
			raw, _ := fs.ReadFile(Embedded(), file)
			pages[file] = string(raw)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, raw := range pages {
		p, _, lines := parseLines("en/pages/x.md", []byte(raw), false)
		if p == nil {
			t.Fatalf("%s: not parsed", name)
		}
		var want []Section
		cur, body := Section{Name: "intro"}, []string{}
		keep := func() {
			cur.Body = strings.TrimSpace(strings.Join(body, "\n"))
			if cur.Name != "intro" || cur.Body != "" {
				want = append(want, cur)
			}
		}
		closing := slices.IndexFunc(lines[1:], func(l string) bool { return strings.TrimSpace(l) == "---" }) + 1
		for _, l := range lines[closing+1:] {
			if m := markerExpression.FindStringSubmatch(l); m != nil {
				keep()
				cur, body = Section{Name: m[1]}, nil
				continue
			}
			body = append(body, l)
		}
		keep()
		if len(p.Sections) != len(want) {
			t.Fatalf("%s: %d sections, want %d", name, len(p.Sections), len(want))
		}
		for i, s := range p.Sections {
			if s.Name != want[i].Name || s.Body != want[i].Body {
				t.Errorf("%s: section %d is %q %q, want %q %q", name, i, s.Name, s.Body, want[i].Name, want[i].Body)
			}
		}
	}
}

// markerExpression is the section marker as a regular expression, the
// definition sectionMarker is held to.
var markerExpression = regexp.MustCompile(`^<!--\s*section:\s*(\S*)\s*-->\s*$`)

// TestSectionMarkerMatchesItsExpression compares sectionMarker with the
// expression on every line built from the marker's parts and the spaces,
// dashes and characters that could confuse it.
func TestSectionMarkerMatchesItsExpression(t *testing.T) {
	parts := []string{"", " ", "\t", "\v", "\u00a0", "<!--", "<!-", "section:", "section", "a", "a-b", "-", "--", "-->", "->", ">", ":", "x y"}
	var lines []string
	var build func(prefix string, depth int)
	build = func(prefix string, depth int) {
		lines = append(lines, prefix)
		if depth == 0 {
			return
		}
		for _, p := range parts {
			build(prefix+p, depth-1)
		}
	}
	build("", 3)
	for _, head := range []string{"<!--", "<!-- ", "<!--\t"} {
		build(head+"section:", 3)
	}
	markers := 0
	for _, l := range lines {
		name, ok := sectionMarker(l)
		m := markerExpression.FindStringSubmatch(l)
		if ok != (m != nil) || (ok && name != m[1]) {
			t.Fatalf("%q: sectionMarker says %q %v, the expression %q", l, name, ok, m)
		}
		if ok {
			markers++
		}
	}
	if markers < 100 {
		t.Fatalf("only %d of %d lines are markers: the test hardly tries any", markers, len(lines))
	}
}

// TestBuiltInGroupIDsWithoutLoading: the groups the app checks --group
// against while the content loads are the loaded content's.
func TestBuiltInGroupIDsWithoutLoading(t *testing.T) {
	b, err := LoadBuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	if got := BuiltInGroupIDs(); !slices.Equal(got, b.GroupIDs) || len(got) < 2 {
		t.Fatalf("BuiltInGroupIDs() = %v, the loaded content's GroupIDs %v", got, b.GroupIDs)
	}
}
