package ui

import (
	"fmt"
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
	first  int        // the first group in view when they do not all fit
}

func newGroupScreen(m *Model) screen {
	g := &groupScreen{pageScreen: pageScreen{m}, lang: m.session.Lang}
	// The list keeps the items, the filter and the cursor; the screen draws
	// it, as a group may take more than one row.
	g.list = list.New(newGroupItems(m.opt.Content, g.lang), list.NewDefaultDelegate(), 0, 0)
	g.list.Filter = foldedFilter
	g.list.KeyMap = list.KeyMap{} // the root model owns every key
	return g
}

// groupLines draws a group: the cursor, the tick box and the title, with
// its description after a dash where it all fits on one row, or wrapped
// under the title where it does not, so no word is cut.
func (g *groupScreen) groupLines(it groupItem, focused bool) []string {
	m := g.m
	w := m.bodyWidth()
	head := "  "
	style := m.st.Option
	if focused {
		head, style = "› ", m.st.OptionFocus
	}
	chosen := slices.Index(m.session.Groups, it.id)
	if chosen >= 0 {
		head += "[x] "
	} else {
		head += "[ ] "
	}
	title := it.title
	if chosen == 0 && len(m.session.Groups) > 1 {
		title += " (" + m.text.GroupPrimary + ")"
	}
	if lipgloss.Width(head+title+" — "+it.summary) <= w {
		return []string{style.Render(head+title) + m.st.Muted.Render(" — "+it.summary)}
	}
	indent := strings.Repeat(" ", lipgloss.Width(head))
	room := max(1, w-len(indent))
	var lines []string
	for i, l := range strings.Split(ansi.Wrap(title, room, ""), "\n") {
		if i == 0 {
			lines = append(lines, style.Render(head+l))
		} else {
			lines = append(lines, style.Render(indent+l))
		}
	}
	for _, l := range strings.Split(ansi.Wrap(it.summary, room, ""), "\n") {
		lines = append(lines, m.st.Muted.Render(indent+l))
	}
	return lines
}

func (g *groupScreen) input() inputMode { return inputSearch }

// markdown: the chooser draws its own body, so no page scrolls behind it.
func (g *groupScreen) markdown() (string, bool) { return "", true }

// header is the intro and search rows above the list.
func (g *groupScreen) header(hint bool) string {
	m := g.m
	var lines []string
	if p := m.opt.Content.Page(m.session.Lang, model.StepChooseGroup); p != nil && hint && !m.compact() {
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

// layout rebuilds the list's items after a language switch; the list is
// one page, as the screen scrolls it.
func (g *groupScreen) layout() {
	m := g.m
	if g.lang != m.session.Lang {
		g.lang = m.session.Lang
		g.list.SetItems(newGroupItems(m.opt.Content, g.lang))
		g.setFilter(g.filter)
	}
	g.list.SetSize(m.bodyWidth(), 3*len(g.list.Items())+3) // one page of the default rows
}

// rows is the body's height left beside the panel and any banner.
func (g *groupScreen) rows() int {
	m := g.m
	h := m.bodyHeight() - m.panelBelowHeight()
	if b := m.banner(); b != "" {
		h -= lipgloss.Height(b)
	}
	return max(1, h)
}

// view draws the search, the groups that fit around the cursor, then the
// not-listed path, which is always in view (the doctor's notes point to
// it), and the chosen groups.
func (g *groupScreen) view() (string, []zone) {
	m := g.m
	items := g.list.VisibleItems()
	lines := strings.Split(g.header(true), "\n")
	blocks := make([][]string, len(items))
	for i, it := range items {
		blocks[i] = g.groupLines(it.(groupItem), i == g.list.Index())
	}
	scrolled := len(blocks)
	if scrolled > 0 && items[scrolled-1].(groupItem).id == model.NotListed {
		scrolled--
	}
	room := g.rows() - 1 // the chosen row
	for _, b := range blocks[scrolled:] {
		room -= len(b)
	}
	if room-len(lines) < 4 {
		// Too tight beside the doctor's notes: the groups before the hint.
		lines = strings.Split(g.header(false), "\n")
	}
	if g.filter != "" && len(items) <= 1 {
		// Only the not-listed path is left: say so, and offer it.
		lines = append(lines, strings.Split(m.st.Notice.Width(m.bodyWidth()).Render(m.text.GroupNoMatch), "\n")...)
	}
	room -= len(lines)
	first, last := g.window(blocks[:scrolled], room)
	var zones []zone
	add := func(i int) {
		for _, l := range blocks[i] {
			zones = append(zones, zone{0, len(lines), m.bodyWidth(), len(lines) + 1, groupToggle{g, i}})
			lines = append(lines, l)
		}
	}
	for i := first; i < last; i++ {
		add(i)
	}
	if hidden := scrolled - (last - first); hidden > 0 {
		lines = append(lines, m.st.Muted.Render(ansi.Truncate(fmt.Sprintf(m.text.GroupMore, hidden), m.bodyWidth(), "…")))
	}
	for i := scrolled; i < len(blocks); i++ {
		add(i)
	}
	body := fitLines(strings.Join(lines, "\n"), m.bodyWidth(), g.rows()-1)
	body = append(body, m.st.Notice.Render(g.footerLine()))
	return strings.Join(body, "\n"), zones
}

// window picks the groups [first, last) whose rows fit in room, keeping
// the cursor's in view and the last view's start where it can; a row is
// kept for the "more" line when not all fit.
func (g *groupScreen) window(blocks [][]string, room int) (first, last int) {
	height := func(first, last int) (h int) {
		for _, b := range blocks[first:last] {
			h += len(b)
		}
		return h
	}
	if height(0, len(blocks)) <= room || len(blocks) == 0 {
		return 0, len(blocks)
	}
	room = max(1, room-1)
	cur := min(g.list.Index(), len(blocks)-1)
	first = min(g.first, cur)
	for first < cur && height(first, cur+1) > room {
		first++
	}
	last = first + 1
	for last < len(blocks) && height(first, last+1) <= room {
		last++
	}
	g.first = first
	return first, last
}

// key gives printable keys to the search box and keeps ↑/↓, enter,
// backspace and esc for the list; other keys (→, ←, tab, ctrl keys) go to
// the global keys.
func (g *groupScreen) key(k tea.KeyPressMsg) action {
	km := g.m.keys
	switch {
	case key.Matches(k, km.Up) && k.Text == "": // j and k are letters of the search
		return do(func(*Model) tea.Cmd { g.list.CursorUp(); return nil })
	case key.Matches(k, km.Down) && k.Text == "":
		return do(func(*Model) tea.Cmd { g.list.CursorDown(); return nil })
	case key.Matches(k, km.PageUp):
		return g.page(-1)
	case key.Matches(k, km.PageDown) && k.Text == "":
		return g.page(1)
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
	case key.Matches(k, km.PanelUp, km.PanelDown):
		return nil // the clinician panel's own keys
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
	if r := []rune(g.filter); len(r) > maxSearch {
		g.filter = string(r[:maxSearch])
	}
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

// page moves the cursor by a screenful of groups.
func (g *groupScreen) page(dir int) action {
	return do(func(m *Model) tea.Cmd {
		n := len(g.list.VisibleItems())
		g.list.Select(cycle(g.list.Index(), dir*max(1, g.rows()/3), n, stopAtEnds))
		return nil
	})
}
