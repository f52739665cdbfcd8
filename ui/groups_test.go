package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/content"
	"stemcounsel/model"
)

func atChooser(t *testing.T, lang model.Lang, w, h int) *Model {
	t.Helper()
	m := newTestModel(t, realContent(t), Options{Lang: lang, LangSet: true, Role: model.RolePatient}, w, h)
	send(m, press("m"))
	for m.session.Steps()[m.dialog.(*menuDialog).cursor] != model.StepChooseGroup {
		send(m, press("down"))
	}
	send(m, press("enter"))
	if m.session.Current != model.StepChooseGroup {
		t.Fatal("could not reach the group choice")
	}
	return m
}

func typeText(m *Model, s string) {
	for _, r := range s {
		send(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func visibleGroups(m *Model) []string {
	var ids []string
	for _, it := range groupsOf(m).list.VisibleItems() {
		ids = append(ids, it.(groupItem).id)
	}
	return ids
}

func TestFilterFindsGroupsWithoutDiacritics(t *testing.T) {
	tests := []struct{ typed, want string }{
		{"tieu duong", "diabetes"},
		{"dai thao duong", "diabetes"},
		{"dot quy", "neurological"},
		{"tai bien", "neurological"},
		{"goi", "joint"},
		{"covid keo dai", "post-covid"},
		{"stroke", "neurological"},
		{"knee", "joint"},
		{"TIỂU ĐƯỜNG", "diabetes"},
		{"dia dem", "spine"},
		{"suy tim", "cardiovascular"},
		{"copd", "lung"},
		{"parkinson", model.NotListed},
	}
	for _, lang := range model.Langs {
		for _, tt := range tests {
			m := atChooser(t, lang, 80, 24)
			typeText(m, tt.typed)
			if got := visibleGroups(m); !slices.Contains(got, tt.want) {
				t.Errorf("%s: typing %q shows %v, want %s", lang, tt.typed, got, tt.want)
			}
		}
	}
}

// TestEveryKeywordFindsItsGroup types each keyword of each group, folded,
// in both interface languages.
func TestEveryKeywordFindsItsGroup(t *testing.T) {
	b := realContent(t)
	for _, ui := range model.Langs {
		m := atChooser(t, ui, 80, 24)
		for _, id := range b.GroupIDs {
			for _, lang := range model.Langs {
				for _, kw := range b.Group(lang, id).Keywords {
					groupsOf(m).setFilter(content.Fold(kw))
					if !slices.Contains(visibleGroups(m), id) {
						t.Errorf("ui %s: keyword %q (%s) does not find %s", ui, kw, lang, id)
					}
				}
			}
		}
	}
}

func TestFilterTakesPrintableKeys(t *testing.T) {
	m := atChooser(t, model.LangVI, 80, 24)
	for _, k := range []string{"q", "v", "l", "m", "Q", "space", "?"} {
		if send(m, press(k)) {
			t.Fatalf("%q in the search box quit the app", k)
		}
	}
	if !isOpen[helpDialog](m) {
		t.Fatal("? opens the help even while searching")
	}
	send(m, press("esc"))
	send(m, press("?"))
	send(m, press("esc"))
	if groupsOf(m).filter != "qvlmQ " || m.session.Lang != model.LangVI || m.dialog != nil {
		t.Fatalf("letters must go to the search box: filter %q, lang %s, dialog %T", groupsOf(m).filter, m.session.Lang, m.dialog)
	}
	if got := visibleGroups(m); !slices.Equal(got, []string{model.NotListed}) {
		t.Fatalf("with no match only the not-listed path stays: %v", got)
	}
	send(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	if groupsOf(m).filter != "qvlmQ" {
		t.Fatalf("backspace: %q", groupsOf(m).filter)
	}
	send(m, press("esc"))
	if groupsOf(m).filter != "" || len(visibleGroups(m)) != len(model.Groups) {
		t.Fatal("esc must clear the search")
	}
	if send(m, press("ctrl+c")) || !isOpen[*confirmDialog](m) || !send(m, press("ctrl+c")) {
		t.Fatal("ctrl+c must still reach quitting from the search box: ask, then quit")
	}
}

func TestFilterDropsControlCharacters(t *testing.T) {
	m := atChooser(t, model.LangEN, 80, 24)
	send(m, tea.PasteMsg{Content: "x\x1b]0;t\x07"}) // a paste goes into the search, cleaned too
	send(m, tea.KeyPressMsg{Code: 'a', Text: "a\x1b[2J"})
	if groupsOf(m).filter != "x]0;ta[2J" || strings.ContainsRune(visible(m), 0x1b) {
		t.Fatalf("control characters reached the filter: %q", groupsOf(m).filter)
	}
}

func TestMultiSelectPutsPagesInTheFlow(t *testing.T) {
	m := atChooser(t, model.LangEN, 80, 24)
	typeText(m, "knee")
	send(m, press("enter"))
	send(m, press("esc"))
	typeText(m, "lung")
	send(m, press("enter"))
	if !slices.Equal(m.session.Groups, []string{"joint", "lung"}) {
		t.Fatalf("groups = %v", m.session.Groups)
	}
	send(m, press("esc"))
	if !strings.Contains(visible(m), "(main group)") {
		t.Fatalf("the first chosen group must be marked main:\n%s", visible(m))
	}
	send(m, press("right"))
	if m.session.Current != model.GroupStep("joint") || !strings.Contains(visible(m), "Joint") {
		t.Fatalf("at %s:\n%s", m.session.Current, visible(m))
	}
	send(m, press("right"))
	if m.session.Current != model.GroupStep("lung") {
		t.Fatalf("at %s", m.session.Current)
	}
	send(m, press("right"))
	if m.session.Current != model.StepResponseTime {
		t.Fatalf("at %s", m.session.Current)
	}
	// Unchoosing removes the page again.
	send(m, keys("left", "left", "left")...)
	typeText(m, "knee")
	send(m, press("enter")) // enter only ticks: never loses a choice
	if !slices.Contains(m.session.Groups, "joint") {
		t.Fatal("enter must not untick a group")
	}
	send(m, press("esc"))
	for groupsOf(m).list.SelectedItem().(groupItem).id != "joint" {
		send(m, press("down"))
	}
	send(m, press("space"))
	if slices.Contains(m.session.Steps(), model.GroupStep("joint")) {
		t.Fatal("an unchosen group's page must leave the flow")
	}
}

func TestNotListedPath(t *testing.T) {
	for _, lang := range model.Langs {
		m := atChooser(t, lang, 60, 20)
		typeText(m, "autism")
		if lang == model.LangVI {
			send(m, press("esc"))
			typeText(m, "tu ky")
		}
		send(m, press("enter"))
		if !slices.Equal(m.session.Groups, []string{model.NotListed}) {
			t.Fatalf("%s: groups = %v", lang, m.session.Groups)
		}
		send(m, press("right"))
		title := m.opt.Content.Group(lang, model.NotListed).Title
		if !strings.Contains(visible(m), title) {
			t.Fatalf("%s: not-listed page not shown:\n%s", lang, visible(m))
		}
		checkFits(t, m, "not-listed page")
	}
}

func TestGroupClickToggles(t *testing.T) {
	m := atChooser(t, model.LangEN, 80, 24)
	_, zones := m.compose()
	for _, z := range zones {
		if a, ok := z.act.(groupToggle); ok && a.i == 1 {
			send(m, tea.MouseClickMsg{X: z.x0 + 3, Y: z.y0, Button: tea.MouseLeft})
		}
	}
	if !slices.Equal(m.session.Groups, []string{"neurological"}) {
		t.Fatalf("clicking the second group: %v", m.session.Groups)
	}
}

func TestChooserFitsAndPages(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {60, 20}, {45, 14}, {40, 12}} {
		for _, lang := range model.Langs {
			m := atChooser(t, lang, sz[0], sz[1])
			checkFits(t, m, "chooser")
			for range len(model.Groups) {
				send(m, press("down"))
				checkFits(t, m, "chooser scrolled")
			}
			if groupsOf(m).list.Index() != len(model.Groups)-1 {
				t.Fatalf("%dx%d: ↓ must reach the last group across pages, at %d", sz[0], sz[1], groupsOf(m).list.Index())
			}
			title := []rune(m.opt.Content.Group(lang, model.NotListed).Title)
			if !strings.Contains(visible(m), string(title[:15])) { // narrow screens shorten titles
				t.Fatalf("%dx%d: the last group is not on screen:\n%s", sz[0], sz[1], visible(m))
			}
		}
	}
}

func TestLanguageSwitchKeepsGroups(t *testing.T) {
	m := atChooser(t, model.LangVI, 80, 24)
	typeText(m, "goi")
	send(m, press("enter"))
	send(m, press("right")) // to the joint page, where l is a global key again
	send(m, press("l"))
	if m.session.Lang != model.LangEN || !slices.Equal(m.session.Groups, []string{"joint"}) || m.session.Current != model.GroupStep("joint") {
		t.Fatalf("lang %s groups %v at %s", m.session.Lang, m.session.Groups, m.session.Current)
	}
	send(m, press("left"))
	if !strings.Contains(visible(m), "goi") || !slices.Contains(visibleGroups(m), "joint") {
		t.Fatalf("the search must survive the switch:\n%s", visible(m))
	}
}

func TestFilterMatchesWordStartsOnly(t *testing.T) {
	m := atChooser(t, model.LangVI, 80, 24)
	for _, typed := range []string{"ung thu", "cancer", "lupus", "ieu duong"} {
		groupsOf(m).setFilter(typed)
		if got := visibleGroups(m); !slices.Equal(got, []string{model.NotListed}) {
			t.Errorf("%q must match no group (only the not-listed path): %v", typed, got)
		}
	}
}
