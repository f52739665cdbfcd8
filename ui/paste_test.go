package ui

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
)

// hostile is what a paste may hold: escapes, C1, line breaks, tabs, bidi
// overrides and zero-width characters.
const hostile = "Chi phí\x1b]52;c;AAAA\x07 bao\u202enhiêu\u200b?\r\nLine\ttwo\x9b31m"

func TestBracketedPasteGoesIntoTheField(t *testing.T) {
	const clean = "Chi phí]52;c;AAAA baonhiêu? Line two31m"
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	send(m, press("right"), press("f"), tea.PasteMsg{Content: hostile + strings.Repeat("x", 1<<20)}, press("enter"))
	if len(m.session.Questions) != 1 || !strings.HasPrefix(m.session.Questions[0].Text, clean+"xx") || len([]rune(m.session.Questions[0].Text)) > model.MaxQuestion {
		t.Fatalf("the paste is the question, cleaned and on one line: %+v", m.session.Questions)
	}

	d := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, 80, 24)
	send(d, press("up")) // from Start to the file number
	send(d, tea.PasteMsg{Content: "BN-2024\u202e-0042\n"})
	if d.session.PatientRef != "BN-2024-0042" {
		t.Fatalf("the file number takes the paste, cleaned: %q", d.session.PatientRef)
	}

	atStep(t, m, model.StepChooseGroup)
	send(m, tea.PasteMsg{Content: "lung\x1b[2J"})
	if groupsOf(m).filter != "lung[2J" || strings.ContainsRune(visible(m), 0x1b) {
		t.Fatalf("the search takes the paste, cleaned: %q", groupsOf(m).filter)
	}
	send(m, tea.PasteMsg{Content: strings.Repeat("x", 1<<20)})
	if n := len([]rune(groupsOf(m).filter)); n > maxSearch {
		t.Fatalf("a search holds at most %d characters, has %d", maxSearch, n)
	}
}

// A paste where nothing is typed is dropped: it never answers or moves.
func TestPasteOutsideAFieldChangesNothing(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	atStep(t, m, model.StepChecklist)
	send(m, tea.PasteMsg{Content: "1\n2\n3\nq\tl"})
	if len(m.session.Answers) != 0 || m.session.Current != model.StepChecklist || m.dialog != nil || m.session.Lang != model.LangEN {
		t.Fatalf("a paste on the checklist changed the session: %v at %s", m.session.Answers, m.session.Current)
	}
}

// pasteKeys is text as a terminal without bracketed paste sends it: a key
// a character, enter for a line break, tab for a tab.
func pasteKeys(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		switch r {
		case '\n':
			out = append(out, press("enter"))
		case '\t':
			out = append(out, press("tab"))
		default:
			out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
	return out
}

// pasteBytes is the size of the unbracketed paste: 64 KiB in a normal run,
// STEMCOUNSEL_PASTE_BYTES=1048576 for the megabyte of the attack.
func pasteBytes(t *testing.T) int {
	if v := os.Getenv("STEMCOUNSEL_PASTE_BYTES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	return 64 << 10
}

// A long paste sent as keys, back to back, into the question field: the
// field takes its text on one line, and none of it switches language,
// answers, moves or finishes; the line break it ends with keeps the
// question once no key follows.
func TestUnbracketedPasteNeverRunsAsKeys(t *testing.T) {
	clock := &fakeClock{t: testClock}
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Now: clock.now, PasteGap: 15 * time.Millisecond}, 80, 24)
	human := func(k string) { clock.advance(200 * time.Millisecond); send(m, press(k)) }
	atStep(t, m, model.StepSummary)
	human("f")
	line := "PASTE line\nl q 1 2 3 y ? m\ttab ctrl\x1b[31m \u202e\n"
	keys := pasteKeys(strings.Repeat(line, pasteBytes(t)/len(line)+1))
	start := time.Now()
	for _, k := range keys {
		m.Update(k) // a held line break's check comes after the paste, below
	}
	t.Logf("%d pasted keys handled in %v", len(keys), time.Since(start))
	if m.finished || m.session.Current != model.StepSummary || m.session.Lang != model.LangEN || len(m.session.Questions) != 0 || !isOpen[*questionDialog](m) {
		t.Fatalf("the paste ran as keys: finished %v, at %s, %s, %d questions", m.finished, m.session.Current, m.session.Lang, len(m.session.Questions))
	}
	send(m, pasteQuietMsg{m.keySeq})
	if len(m.session.Questions) != 1 || !strings.HasPrefix(m.session.Questions[0].Text, "PASTE line l q 1 2 3 y ? m tab ctrl[31m  PASTE") || m.finished {
		t.Fatalf("the field kept the paste's text, on one line: %+v", m.session.Questions)
	}
	// On a screen without a field, a paste does nothing after its first two
	// keys (which may be a person's or a script's).
	atStep(t, m, model.StepChecklist)
	human("down")
	for _, k := range pasteKeys("ab1\n2\n3\n\t\t\tq") {
		send(m, k)
	}
	if len(m.session.Answers) != 0 || m.session.Current != model.StepChecklist || m.dialog != nil {
		t.Fatalf("pasted keys answered or moved: %v at %s", m.session.Answers, m.session.Current)
	}
	human("1")
	if len(m.session.Answers) != 1 {
		t.Fatal("a key typed at a person's pace answers")
	}
}

// Two keys in a row, however fast (a script, a quick typist), are keys;
// so are named keys; and a text sent at once then enter keeps the text.
func TestFastKeysThatAreNotAPaste(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, PasteGap: 15 * time.Millisecond}, 80, 24)
	atStep(t, m, model.StepChecklist)
	send(m, press("1"), press("3"))
	if len(m.session.Answers) != 2 {
		t.Fatalf("two fast answer keys answer two items: %v", m.session.Answers)
	}
	send(m, press("m"), press("end"), press("up"), press("up"), press("enter"))
	if m.session.Current == model.StepChecklist || m.dialog != nil {
		t.Fatalf("m, end, up, up, enter: the contents jump, at %s", m.session.Current)
	}
	send(m, press("f"))
	send(m, append(pasteKeys("ZEBRA cost question"), press("enter"))...) // the held enter's check runs: nothing followed
	if len(m.session.Questions) != 1 || m.session.Questions[0].Text != "ZEBRA cost question" || m.dialog != nil {
		t.Fatalf("a text sent at once, then enter, is kept: %+v", m.session.Questions)
	}
}

// askingTheDoctor is a patient's session with the question field open.
func askingTheDoctor(t *testing.T) *Model {
	t.Helper()
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	send(m, press("right"), press("f"))
	return m
}

// Typed bidi controls and zero-width characters never reach the field.
func TestTypedInvisibleCharactersAreDropped(t *testing.T) {
	m := askingTheDoctor(t)
	typeText(m, "漢字e\u202eRTL\u200bZW\u2066x\ufeff\u00ad")
	send(m, press("enter"))
	if len(m.session.Questions) != 1 || m.session.Questions[0].Text != "漢字eRTLZWx" {
		t.Fatalf("typed format characters are dropped: %+v", m.session.Questions)
	}
}

// ctrl+v in a field never runs the system's clipboard tool (over SSH, the
// server's): it returns no command.
func TestCtrlVRunsNoClipboardTool(t *testing.T) {
	m := askingTheDoctor(t)
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'v', Mod: tea.ModCtrl}); cmd != nil {
		t.Fatal("ctrl+v started a command")
	}
}

// A typed & shows as itself on the summary, with no stray backslash, and a
// typed character reference stays text.
func TestAmpersandOnTheSummary(t *testing.T) {
	m := askingTheDoctor(t)
	typeText(m, "Cost & time &#27;[2J?")
	send(m, press("enter"))
	atStep(t, m, model.StepSummary)
	if text := unwrapAll(m); !strings.Contains(text, "Cost & time &#27;[2J?") || strings.Contains(text, `\&`) {
		t.Fatalf("the question shows as typed:\n%s", text)
	}
}

// Keys a busy machine or a slow link delivers together are not a paste:
// moving keys always act, and so do the first two text keys of a run.
func TestKeysDeliveredTogetherStillAct(t *testing.T) {
	clock := &fakeClock{t: testClock}
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Now: clock.now, PasteGap: 15 * time.Millisecond}, 80, 24)
	atStep(t, m, model.StepChecklist)
	clock.advance(time.Second)
	send(m, press("m"), press("home"), press("down"), press("enter")) // no time between them
	if m.dialog != nil || m.session.Current == model.StepChecklist {
		t.Fatalf("the contents' moving keys and enter must act: at %s, dialog %T", m.session.Current, m.dialog)
	}
	atStep(t, m, model.StepChecklist)
	clock.advance(time.Second)
	send(m, press("1"), press("2"), press("3"))
	if len(m.session.Answers) != 2 {
		t.Fatalf("two keys together answer two items, a third at once is pasted: %v", m.session.Answers)
	}
}

// Bubble Tea draws after every key: the keys of a long paste that no field
// takes (it is full, or there is none) reuse the last frame, which is the
// frame a fresh draw would give.
func TestPastedKeysThatChangeNothingAreNotRedrawn(t *testing.T) {
	clock := &fakeClock{t: testClock}
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Now: clock.now, PasteGap: 15 * time.Millisecond}, 80, 24)
	send(m, press("right"), press("f"), tea.PasteMsg{Content: strings.Repeat("x", 2000)}) // the field is full
	m.View()
	redrawn := 0
	for _, k := range pasteKeys(strings.Repeat("more text\n", 500)) {
		m.Update(k)
		if !m.reuseView {
			redrawn++
		}
		m.View()
	}
	if redrawn > pasteRun {
		t.Fatalf("%d of 5000 pasted keys into a full field were drawn again", redrawn)
	}
	kept := ansi.Strip(m.View().Content)
	m.reuseView = false
	if fresh := visible(m); fresh != kept {
		t.Fatalf("the kept frame is not what a fresh draw shows:\n%s\n---\n%s", kept, fresh)
	}
	clock.advance(time.Second)
	send(m, tea.KeyPressMsg{Code: tea.KeyBackspace}) // a key at a person's pace after the paste: drawn again
	if m.reuseView {
		t.Fatal("a typed key is drawn")
	}
}

// A search typed past its limit, then pasted into, keeps to the limit (the
// random-input driver found a panic here: the paste cut the search from
// where the typing had already gone past it).
func TestPasteAfterALongTypedSearch(t *testing.T) {
	clock := &fakeClock{t: testClock}
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient, Now: clock.now}, 80, 24)
	atStep(t, m, model.StepChooseGroup)
	for i := range maxSearch + 10 {
		clock.advance(time.Second) // typed, not a paste
		send(m, press(string(rune('a'+i%26))))
	}
	send(m, tea.PasteMsg{Content: "lung"})
	if m.Crash() != "" || len([]rune(groupsOf(m).filter)) > maxSearch {
		t.Fatalf("the search holds at most %d characters: %q %s", maxSearch, groupsOf(m).filter, m.Crash())
	}
}

// Format characters typed into the question area never show in it: the
// random-input driver found the box a column too wide in ASCII mode, where
// a typed soft hyphen or bidi isolate was drawn as ?.
func TestQuestionAreaShowsNoFormatCharacters(t *testing.T) {
	m := newTestModel(t, fixtureContent(t), Options{Lang: model.LangEN, LangSet: true, Role: model.RolePatient}, 80, 24)
	send(m, press("right"), press("f"))
	typeText(m, "F\u00ad\u202e\u2066x")
	if d, ok := m.dialog.(*questionDialog); !ok || d.field.Value() != "Fx" {
		t.Fatalf("the field holds only what shows: %T", m.dialog)
	}
}
