package ui

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/records"
)

// TestVisitSwitchesLanguageKeepingAnswers: l words the visit in the other
// language, as on every screen, keeping what was entered and the line in
// focus; on a text line it is a letter.
func TestVisitSwitchesLanguageKeepingAnswers(t *testing.T) {
	store := records.OpenFolder(t.TempDir())
	rec := kneeSession(t, store)
	v := newVisit(t, VisitOptions{Store: store, Session: rec}, testClock.Add(90*day))
	visitKeys(v, "7", "enter", "5")
	if text := visitText(v); !strings.Contains(text, "l Tiếng Việt") {
		t.Fatalf("the help line does not offer the other language:\n%s", text)
	}
	visitKeys(v, "l")
	text := visitText(v)
	for _, want := range []string{"Tái khám lần 1, buổi ACD349", "Đau nhất, tuần qua (0–10): 7", "Đau thường ngày, tuần qua (0–10): 5", "phần lớn thời gian", "l English"} {
		if !strings.Contains(text, want) {
			t.Errorf("after l the visit lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Usual pain") {
		t.Errorf("English left on the Vietnamese visit:\n%s", text)
	}
	for range 7 { // to the side effects in the patient's own words
		visitKeys(v, "down")
	}
	typeVisit(v, "lạnh")
	if text := visitText(v); !strings.Contains(text, "lạnh") || !strings.Contains(text, "Tái khám lần 1") {
		t.Fatalf("on a text line l is a letter:\n%s", text)
	}
	visitKeys(v, "up", "L")
	visitKeys(v, "ctrl+s")
	if s := v.Saved(); s == nil || s.Lang != model.LangEN || v.Lang() != model.LangEN || s.Scores["pain-worst"] != 7 || s.SideEffects.Text != "lạnh" {
		t.Fatalf("the visit is kept in the language it ended in, with every answer: %+v", s)
	}
}

// TestVisitHelpListsItsKeys: ? lists the visit's keys in place of the
// form, and ? or esc closes the list without leaving the visit.
func TestVisitHelpListsItsKeys(t *testing.T) {
	store := records.OpenFolder(t.TempDir())
	rec := kneeSession(t, store)
	for _, lang := range model.Langs {
		v := newVisit(t, VisitOptions{Store: store, Session: rec, Lang: lang}, testClock.Add(90*day))
		v.Update(press("?"))
		text := visitText(v)
		title := map[model.Lang]string{model.LangEN: "Keys", model.LangVI: "Phím tắt"}[lang]
		save := map[model.Lang]string{model.LangEN: "ctrl+s save", model.LangVI: "ctrl+s lưu"}[lang]
		if !strings.Contains(text, title) || !strings.Contains(text, save) || strings.Contains(text, "The baseline and earlier visits") {
			t.Fatalf("%s: ? lists the keys in place of the form:\n%s", lang, text)
		}
		visitKeys(v, "5") // a digit answers nothing while the list is open
		visitKeys(v, "esc")
		if v.quitting || strings.Contains(visitText(v), title+" ") {
			t.Fatalf("%s: esc closes the list and stays in the visit:\n%s", lang, visitText(v))
		}
		if ff := v.form.field("pain-worst"); ff.digits != "" {
			t.Fatalf("%s: a key behind the list answered %q", lang, ff.digits)
		}
		v.Update(press("?"))
		v.Update(press("?"))
		if strings.Contains(visitText(v), "esc or ? to close") || strings.Contains(visitText(v), "esc hoặc ? để đóng") {
			t.Fatalf("%s: ? closes the list again", lang)
		}
	}
}

// withRegret is the built-in content with a clinic's baseline page that
// switches the Decision Regret Scale on.
func withRegret(t *testing.T) *content.Bundle {
	t.Helper()
	top := fstest.MapFS{}
	for _, lang := range model.Langs {
		name := string(lang) + "/pages/baseline.md"
		data, err := fs.ReadFile(content.Embedded(), name)
		if err != nil {
			t.Fatal(err)
		}
		var add strings.Builder
		for _, s := range content.RegretSections {
			add.WriteString("<!-- section: " + s + " -->\nThe clinic's " + s + ", as printed.\n\n")
		}
		top[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(data), "<!-- section: citation -->", add.String()+"<!-- section: citation -->", 1))}
	}
	b, err := content.Load(content.Overlay{Base: content.Embedded(), Top: top, TopName: "clinic"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRegretScaleOnlyWhenSwitchedOn: the app's own content never asks the
// Decision Regret Scale; a clinic's that switches it on asks its five
// statements with their citation, and the visit keeps the five answers.
func TestRegretScaleOnlyWhenSwitchedOn(t *testing.T) {
	store := records.OpenFolder(t.TempDir())
	rec := kneeSession(t, store)
	v := newVisit(t, VisitOptions{Store: store, Session: rec}, testClock.Add(90*day))
	if v.form.field("regret-1") != nil || strings.Contains(visitText(v), "regret") {
		t.Fatalf("the built-in content asks the Decision Regret Scale:\n%s", visitText(v))
	}
	v = newVisit(t, VisitOptions{Content: withRegret(t), Store: store, Session: rec}, testClock.Add(90*day))
	for v.form.cur().id != "regret-1" {
		visitKeys(v, "down")
	}
	text := visitText(v)
	if !strings.Contains(text, "The clinic's regret-intro, as printed. (The clinic's regret-citation, as printed.)") || !strings.Contains(text, "The clinic's regret-5, as printed.") {
		t.Fatalf("the scale is asked as the clinic wrote it, cited:\n%s", text)
	}
	visitKeys(v, "2", "enter", "4", "enter", "enter", "1", "up", "up", "ctrl+s") // the third left empty
	if v.Saved() != nil || !strings.Contains(visitText(v), "Statement 3 of the Decision Regret Scale has no answer yet") {
		t.Fatalf("a part of the scale is kept:\n%s", visitText(v))
	}
	visitKeys(v, "down", "5", "down", "down", "3", "ctrl+s")
	if s := v.Saved(); s == nil || !slices.Equal(s.Regret, []int{2, 4, 5, 1, 3}) {
		t.Fatalf("saved %+v", v.Saved())
	}
}

// TestVisitSaysTheTranslationIsNotValidated: each Vietnamese question
// says its wording is a translation not yet validated; the English,
// the published wording, does not.
func TestVisitSaysTheTranslationIsNotValidated(t *testing.T) {
	store := records.OpenFolder(t.TempDir())
	rec := kneeSession(t, store)
	for lang, want := range map[model.Lang]bool{model.LangVI: true, model.LangEN: false} {
		v := newVisit(t, VisitOptions{Store: store, Session: rec, Lang: lang}, testClock.Add(90*day))
		for _, id := range []string{"pain-worst", "activity-1-score"} {
			q := v.form.field(id).question
			if said := strings.Contains(visitText(v), "bản dịch này chưa được thẩm định"); said != want || strings.Contains(q, "chưa được thẩm định") != want {
				t.Errorf("%s %s: the translation note is shown %v, want %v: %q", lang, id, said, want, q)
			}
			visitKeys(v, "down", "down")
		}
	}
}
