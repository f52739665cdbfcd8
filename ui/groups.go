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

func (m *Model) newGroupList() list.Model {
	l := list.New(newGroupItems(m.opt.Content, m.session.Lang), groupDelegate{m}, 0, 0)
	l.Filter = foldedFilter
	l.KeyMap = list.KeyMap{} // the root model owns every key
	l.SetShowTitle(false)
	l.SetShowFilter(false)
	l.SetShowStatusBar(false)
	l.SetShowHelp(false)
	l.SetShowPagination(true)
	return l
}

// groupHeader is the intro and search rows above the list.
func (m *Model) groupHeader() string {
	var lines []string
	if p := m.opt.Content.Page(m.session.Lang, model.StepChooseGroup); p != nil && !m.compact() {
		// Shown as plain text: drop the Markdown emphasis marks.
		plain := strings.NewReplacer("**", "", "__", "", "`", "").Replace(p.PatientText())
		hint := lipgloss.NewStyle().Width(m.bodyWidth()).Render(strings.Join(strings.Fields(plain), " "))
		lines = append(lines, m.st.Muted.Render(hint))
	}
	search := m.text.GroupSearch + ": " + m.groupFilter + "▏"
	return strings.Join(append(lines, ansi.Truncate(search, m.bodyWidth(), "")), "\n")
}

// groupFooterLine names the chosen groups, which the filter may hide.
func (m *Model) groupFooterLine() string {
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

func (m *Model) layoutGroupList() {
	h := m.bodyHeight() - lipgloss.Height(m.groupHeader()) - 1 // the chosen row
	// Page dots only when the groups do not fit at once.
	fits := h >= len(m.groups.Items())
	m.groups.SetShowPagination(!fits)
	m.groups.SetSize(m.bodyWidth(), max(2, h))
}

func (m *Model) groupView() (string, []zone) {
	lines := strings.Split(m.groupHeader(), "\n")
	var zones []zone
	if len(m.groups.VisibleItems()) == 0 {
		lines = append(lines, lipgloss.NewStyle().Width(m.bodyWidth()).Render(m.text.GroupNoMatch))
	} else {
		top := len(lines)
		start, end := m.groups.Paginator.GetSliceBounds(len(m.groups.VisibleItems()))
		for i := start; i < end; i++ {
			y := top + i - start
			zones = append(zones, zone{0, y, m.bodyWidth(), y + 1, action{kind: actGroupItem, i: i}})
		}
		lines = append(lines, m.groups.View())
	}
	body := fitLines(strings.Join(lines, "\n"), m.bodyWidth(), m.bodyHeight()-1)
	body = append(body, m.st.Notice.Render(m.groupFooterLine()))
	return strings.Join(body, "\n"), zones
}

// groupKey gives printable keys to the search box and keeps ↑/↓, enter,
// backspace and esc for the list; it reports false for keys the global table
// should handle (→, ←, tab, ctrl keys).
func (m *Model) groupKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, m.keys.Up):
		m.groups.CursorUp()
	case key.Matches(k, m.keys.Down):
		m.groups.CursorDown()
	case key.Matches(k, m.keys.PageUp):
		m.groups.PrevPage()
	case key.Matches(k, m.keys.PageDown) && k.Text == "":
		m.groups.NextPage()
	case key.Matches(k, m.keys.Choose):
		m.toggleGroup(m.groups.Index())
	case key.Matches(k, m.keys.Esc):
		m.setGroupFilter("")
	case k.Code == tea.KeyBackspace:
		r := []rune(m.groupFilter)
		if len(r) > 0 {
			m.setGroupFilter(string(r[:len(r)-1]))
		}
	case k.Text != "" && k.Mod&(tea.ModCtrl|tea.ModAlt) == 0:
		m.setGroupFilter(m.groupFilter + sanitizeInput(k.Text))
	default:
		return nil, false
	}
	return nil, true
}

func (m *Model) setGroupFilter(s string) {
	m.groupFilter = content.NFC(s)
	if m.groupFilter == "" {
		m.groups.ResetFilter()
	} else {
		m.groups.SetFilterText(m.groupFilter)
	}
}

// toggleGroup adds or removes the group at a position of the filtered list.
func (m *Model) toggleGroup(i int) {
	items := m.groups.VisibleItems()
	if i < 0 || i >= len(items) {
		return
	}
	m.groups.Select(i)
	m.session.ToggleGroup(items[i].(groupItem).id)
}

// sanitizeInput drops control characters from typed or pasted text, so
// nothing a person types can reach the terminal as an escape sequence.
func sanitizeInput(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' {
			return -1
		}
		return r
	}, s)
}
