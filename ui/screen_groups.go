package ui

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"unicode"
	"unicode/utf8"

	"stemcounsel/content"
	"stemcounsel/model"
)

// groupItem is one disease group in the chooser. It matches on its title,
// description and keywords in both languages, folded, so a patient can type
// "tieu duong" or "stroke" whatever the screen's language.
type groupItem struct {
	id, title, summary string
	match              string
}

func (g groupItem) FilterValue() string { return g.match }

func newGroupItems(c *content.Bundle, lang model.Lang) []list.Item {
	items := make([]list.Item, 0, len(c.GroupIDs))
	for _, id := range c.GroupIDs {
		p := c.Group(lang, id)
		var words []string
		for _, l := range model.Langs {
			q := c.Group(l, id)
			words = append(words, q.Title, q.Summary)
			words = append(words, q.Keywords...)
		}
		match := content.Fold(strings.Join(words, " | "))
		if id == model.NotListed {
			match += notListedMark
		}
		items = append(items, groupItem{id: id, title: p.Title, summary: p.Summary, match: match})
	}
	return items
}

// foldedFilter keeps the groups whose folded text has the typed phrase at
// the start of a word, so "thu" finds "thuong" but never the middle of a
// word. The not-listed path is always offered, so a patient whose words
// match nothing can still choose it.
func foldedFilter(term string, targets []string) []list.Rank {
	phrase := strings.Join(strings.Fields(content.Fold(term)), " ")
	var ranks []list.Rank
	for i, t := range targets {
		if strings.Contains(t, notListedMark) || startsWord(t, phrase) {
			ranks = append(ranks, list.Rank{Index: i})
		}
	}
	return ranks
}

// notListedMark tags the not-listed item's match text; it cannot be typed.
const notListedMark = "\x00not-listed"

// startsWord reports whether phrase occurs in s at the start of a word.
func startsWord(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		at := i + j
		r, n := utf8.DecodeLastRuneInString(s[:at])
		if n == 0 || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return true
		}
		i = at + 1
	}
}

// groupScreen is the disease-group chooser: a search box over a list of
// groups, any number of which may be ticked.
type groupScreen struct {
	pageScreen
	list   list.Model
	filter string
	lang   model.Lang // the language of the list's items
}

func newGroupScreen(m *Model) screen {
	g := &groupScreen{pageScreen: pageScreen{m}, lang: m.session.Lang}
	g.list = list.New(newGroupItems(m.opt.Content, g.lang), groupDelegate{m}, 0, 0)
	g.list.Filter = foldedFilter
	g.list.KeyMap = list.KeyMap{} // the root model owns every key
	g.list.SetShowTitle(false)
	g.list.SetShowFilter(false)
	g.list.SetShowStatusBar(false)
	g.list.SetShowHelp(false)
	g.list.SetShowPagination(true)
	return g
}

// groupDelegate draws a group on one line: the cursor, the tick box, the
// title and, as far as it fits, the one-line description.
type groupDelegate struct{ m *Model }

func (d groupDelegate) Height() int                         { return 1 }
func (d groupDelegate) Spacing() int                        { return 0 }
func (d groupDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

func (d groupDelegate) Render(w io.Writer, l list.Model, index int, it list.Item) {
	g := it.(groupItem)
	m := d.m
	width := l.Width()
	cursor := "  "
	if index == l.Index() {
		cursor = "› "
	}
	box := "[ ]"
	chosen := slices.Index(m.session.Groups, g.id)
	if chosen >= 0 {
		box = "[x]"
	}
	title := cursor + box + " " + g.title
	if chosen == 0 && len(m.session.Groups) > 1 {
		title += " (" + m.text.GroupPrimary + ")"
	}
	title = ansi.Truncate(title, width, "…")
	style := m.st.Option
	if index == l.Index() {
		style = m.st.OptionFocus
	}
	line := style.Render(title)
	if room := width - lipgloss.Width(title) - 3; room > 8 {
		line += m.st.Muted.Render(" — " + ansi.Truncate(g.summary, room, "…"))
	}
	fmt.Fprint(w, line)
}

func (g *groupScreen) input() inputMode { return inputSearch }

// markdown: the chooser draws its own body, so no page scrolls behind it.
func (g *groupScreen) markdown() (string, bool) { return "", true }

// header is the intro and search rows above the list.
func (g *groupScreen) header() string {
	m := g.m
	var lines []string
	if p := m.opt.Content.Page(m.session.Lang, model.StepChooseGroup); p != nil && !m.compact() {
		// Shown as plain text: drop the Markdown emphasis marks.
		hint := lipgloss.NewStyle().Width(m.bodyWidth()).Render(oneLine(p.PatientText()))
		lines = append(lines, m.st.Muted.Render(hint))
	}
	search := m.text.GroupSearch + ": " + g.filter + "▏"
	return strings.Join(append(lines, ansi.Truncate(search, m.bodyWidth(), "")), "\n")
}

// footerLine names the chosen groups, which the filter may hide.
func (g *groupScreen) footerLine() string {
	m := g.m
	var names []string
	for _, id := range m.session.Groups {
		if p := m.opt.Content.Group(m.session.Lang, id); p != nil {
			names = append(names, p.Title)
		}
	}
	chosen := m.text.GroupNoneChosen
	if len(names) > 0 {
		chosen = m.text.GroupChosen + ": " + strings.Join(names, ", ")
	}
	return ansi.Truncate(chosen, m.bodyWidth(), "…")
}

// layout sizes the list, and rebuilds its items after a language switch.
func (g *groupScreen) layout() {
	m := g.m
	if g.lang != m.session.Lang {
		g.lang = m.session.Lang
		g.list.SetItems(newGroupItems(m.opt.Content, g.lang))
		g.setFilter(g.filter)
	}
	h := m.bodyHeight() - lipgloss.Height(g.header()) - 1 // the chosen row
	// Page dots only when the groups do not fit at once.
	fits := h >= len(g.list.Items())
	g.list.SetShowPagination(!fits)
	g.list.SetSize(m.bodyWidth(), max(2, h))
}

func (g *groupScreen) view() (string, []zone) {
	m := g.m
	lines := strings.Split(g.header(), "\n")
	var zones []zone
	if v := g.list.VisibleItems(); g.filter != "" && len(v) <= 1 {
		// Only the not-listed path is left: say so, and offer it.
		lines = append(lines, strings.Split(m.st.Notice.Width(m.bodyWidth()).Render(m.text.GroupNoMatch), "\n")...)
	}
	if len(g.list.VisibleItems()) > 0 {
		top := len(lines)
		start, end := g.list.Paginator.GetSliceBounds(len(g.list.VisibleItems()))
		for i := start; i < end; i++ {
			y := top + i - start
			zones = append(zones, zone{0, y, m.bodyWidth(), y + 1, groupToggle{g, i}})
		}
		lines = append(lines, g.list.View())
	}
	body := fitLines(strings.Join(lines, "\n"), m.bodyWidth(), m.bodyHeight()-1)
	body = append(body, m.st.Notice.Render(g.footerLine()))
	return strings.Join(body, "\n"), zones
}

// key gives printable keys to the search box and keeps ↑/↓, enter,
// backspace and esc for the list; other keys (→, ←, tab, ctrl keys) go to
// the global keys.
func (g *groupScreen) key(k tea.KeyPressMsg) action {
	km := g.m.keys
	switch {
	case key.Matches(k, km.Up):
		return do(func(*Model) tea.Cmd { g.list.CursorUp(); return nil })
	case key.Matches(k, km.Down):
		return do(func(*Model) tea.Cmd { g.list.CursorDown(); return nil })
	case key.Matches(k, km.PageUp):
		return do(func(*Model) tea.Cmd { g.list.PrevPage(); return nil })
	case key.Matches(k, km.PageDown) && k.Text == "":
		return do(func(*Model) tea.Cmd { g.list.NextPage(); return nil })
	case key.Matches(k, km.Groups.Toggle) && g.filter == "":
		return groupToggle{g, g.list.Index()}
	case key.Matches(k, km.Choose):
		if g.filter == "" {
			return nil // enter goes on, as everywhere
		}
		return groupChoose{g, g.list.Index()}
	case key.Matches(k, km.Groups.Clear):
		if g.filter == "" {
			return nil
		}
		return do(func(*Model) tea.Cmd { g.setFilter(""); return nil })
	case key.Matches(k, km.Help), key.Matches(k, km.Groups.Search) && g.filter == "":
		return nil // ? opens the help even here; / only says a search begins
	case key.Matches(k, km.Groups.Search):
		return handled
	case key.Matches(k, km.Backspace):
		return do(func(*Model) tea.Cmd {
			if r := []rune(g.filter); len(r) > 0 {
				g.setFilter(string(r[:len(r)-1]))
			}
			return nil
		})
	case k.Text != "" && k.Mod&(tea.ModCtrl|tea.ModAlt) == 0:
		return do(func(*Model) tea.Cmd { g.setFilter(g.filter + sanitizeInput(k.Text)); return nil })
	}
	return nil
}

func (g *groupScreen) setFilter(s string) {
	g.filter = content.NFC(s)
	if g.filter == "" {
		g.list.ResetFilter()
	} else {
		g.list.SetFilterText(g.filter)
	}
}

// groupToggle adds or removes the group at a position of the filtered list.
type groupToggle struct {
	g *groupScreen
	i int
}

// groupChoose ticks the group a search found; it never unticks, so enter
// pressed "to go on" cannot lose a choice.
type groupChoose groupToggle

func (a groupChoose) apply(m *Model) tea.Cmd {
	items := a.g.list.VisibleItems()
	if a.i < 0 || a.i >= len(items) || slices.Contains(m.session.Groups, items[a.i].(groupItem).id) {
		return nil
	}
	return groupToggle(a).apply(m)
}

func (a groupToggle) apply(m *Model) tea.Cmd {
	items := a.g.list.VisibleItems()
	if a.i < 0 || a.i >= len(items) {
		return nil
	}
	a.g.list.Select(a.i)
	m.session.ToggleGroup(items[a.i].(groupItem).id)
	return nil
}

// ShortHelp: letters go to the search here, so quitting is ctrl+c (but not
// in a kiosk, which only staff can leave).
func (g *groupScreen) ShortHelp() []key.Binding {
	k := g.m.keys.Groups
	return append(append([]key.Binding{k.Toggle, k.Choose, k.Clear}, g.quit()...), k.Move)
}

func (g *groupScreen) FullHelp() [][]key.Binding {
	k := g.m.keys
	return [][]key.Binding{
		{k.Groups.Type, k.Backspace, k.Groups.Clear},
		append([]key.Binding{k.Groups.Move, k.Groups.Page, k.Groups.Toggle, k.Groups.Choose}, g.quit()...),
	}
}

func (g *groupScreen) quit() []key.Binding {
	if g.m.kiosk() {
		return nil
	}
	return []key.Binding{g.m.keys.Groups.Quit}
}
