package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The small drawing and editing pieces the screens and dialogs share.

// ends says what a cursor does past the first or last place.
type ends int

const (
	wrapAround ends = iota // past the last comes the first
	stopAtEnds             // the cursor stays on the first or last place
)

// cycle moves a cursor over n places by delta.
func cycle(i, delta, n int, e ends) int {
	if n <= 0 {
		return 0
	}
	if e == stopAtEnds {
		return min(max(i+delta, 0), n-1)
	}
	return ((i+delta)%n + n) % n
}

// upDown is -1 for the up key, 1 for down and 0 for any other key.
func (m *Model) upDown(k tea.KeyPressMsg) int {
	switch {
	case key.Matches(k, m.keys.Up):
		return -1
	case key.Matches(k, m.keys.Down):
		return 1
	}
	return 0
}

// button is a label drawn in a style that does act when clicked.
type button struct {
	label string
	style lipgloss.Style
	act   action
}

// buttonRow draws buttons side by side, gap between them, the first x
// cells in on line y, and gives each its zone.
func buttonRow(buttons []button, gap string, x, y int) (string, []zone) {
	var b strings.Builder
	var zones []zone
	for i, bt := range buttons {
		if i > 0 {
			b.WriteString(gap)
			x += lipgloss.Width(gap)
		}
		w := lipgloss.Width(bt.label)
		b.WriteString(bt.style.Render(bt.label))
		zones = append(zones, zone{x, y, x + w, y + 1, bt.act})
		x += w
	}
	return b.String(), zones
}

// radio is one choice of a radio list.
type radio struct {
	prefix, label string
	on, lit       bool // chosen; drawn highlighted
	act           action
}

// radioList draws one choice a line, each as wide as the page and
// clickable across it, then a blank line.
func (m *Model) radioList(items []radio) (string, []zone) {
	var lines []string
	var zones []zone
	for i, r := range items {
		style := m.st.Option
		if r.lit {
			style = m.st.OptionFocus
		}
		line := ansi.Truncate(fmt.Sprintf("%s%s %s", r.prefix, radioBox(r.on), r.label), m.bodyWidth(), "…")
		zones = append(zones, zone{0, i, m.bodyWidth(), i + 1, r.act})
		lines = append(lines, style.Render(line))
	}
	return strings.Join(append(lines, ""), "\n"), zones
}

func radioBox(on bool) string {
	if on {
		return "(•)"
	}
	return "( )"
}

// edit is how a key left a text field.
type edit int

const (
	typing  edit = iota // the key was typed in
	kept                // a key that keeps the text ended the edit
	dropped             // the key that drops the edit
)

// typeInto gives a text field a key: drop or one of keep ends the edit and
// blurs the field, any other key is typed in.
func typeInto(f *textinput.Model, k tea.KeyPressMsg, drop key.Binding, keep ...key.Binding) (edit, tea.Cmd) {
	switch {
	case key.Matches(k, drop):
		f.Blur()
		return dropped, nil
	case key.Matches(k, keep...):
		f.Blur()
		return kept, nil
	case key.Matches(k, f.KeyMap.Paste):
		// It would run the system's clipboard tool (over SSH, the
		// server's); the terminal's own paste arrives as a paste.
		return typing, nil
	}
	if k.Text != "" {
		if k.Text = sanitizeInput(k.Text); k.Text == "" {
			return typing, nil
		}
	}
	var cmd tea.Cmd
	*f, cmd = f.Update(k)
	return typing, cmd
}
