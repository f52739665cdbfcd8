package ui

import (
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// pasteTarget is a dialog or screen whose text field takes a paste.
type pasteTarget interface{ paste(m *Model, s string) }

// onPaste puts a paste into the field being typed in, cleaned and on one
// line; with no field open it is dropped, so a paste never answers, moves
// or finishes anything.
func (m *Model) onPaste(content string) tea.Cmd {
	s := pasteText(content)
	if s == "" {
		return nil
	}
	if t, ok := m.dialog.(pasteTarget); ok {
		t.paste(m, s)
		return nil
	}
	if m.dialog == nil && !m.tooSmall() && m.screen().input() != inputNone {
		if t, ok := m.screen().(pasteTarget); ok {
			t.paste(m, s)
		}
	}
	return nil
}

// pasteInto inserts a paste at the field's cursor; a full field is not
// even asked, so the rest of a long paste costs next to nothing.
func pasteInto(f *textinput.Model, s string) {
	if f.CharLimit > 0 && utf8.RuneCountInString(f.Value()) >= f.CharLimit {
		return
	}
	*f, _ = f.Update(tea.PasteMsg{Content: s})
}

func (d *searchDialog) paste(_ *Model, s string) { pasteInto(&d.field, s) }

func (c *checklistScreen) paste(_ *Model, s string) { pasteInto(&c.note, s) }

func (w *welcomeScreen) paste(m *Model, s string) {
	pasteInto(&w.ref, s)
	m.session.PatientRef = cleanNote(w.ref.Value())
	w.sayIfFull() // say the rest was cut
}

func (g *groupScreen) paste(_ *Model, s string) {
	if r := []rune(g.filter + s); len(r) > maxSearch {
		s = string(r[len([]rune(g.filter)):maxSearch])
	}
	g.setFilter(g.filter + s)
}

// maxSearch is the longest group search: group names are short.
const maxSearch = 60

// The PIN keypad takes a paste's digits only.
func (d *pinDialog) paste(_ *Model, s string) {
	for _, r := range s {
		if r >= '0' && r <= '9' && len(d.pin) < maxPIN {
			d.pin += string(r)
		}
	}
}

// Unbracketed paste. A terminal without bracketed paste sends a paste as
// keys, back to back; a person never types that fast, and a held key
// repeats every 30 ms or more. So in a run of text keys (characters,
// enter, tab, control keys), each less than PasteGap after the previous
// one was handled, the keys after the first typedInRun count as pasted:
// their text goes where a paste goes (line breaks as spaces) and any other
// key is dropped. Two keys pressed together, or a reply and its
// confirmation that a slow link delivers at once, still act. Moving keys
// (arrows, page keys, home, end) are never in a paste: they always act and
// end a run, so keys a busy machine delivers together still move on.

// typedInRun is how many keys of a fast run act as keys.
const typedInRun = 2

// pastedRun counts this key into the current run and reports whether it
// comes too fast, after too many, to be typed.
func (m *Model) pastedRun(k tea.KeyPressMsg) bool {
	if m.opt.PasteGap <= 0 || !pasteable(k) {
		m.run = 0
		return false
	}
	if m.run > 0 && m.now().Sub(m.lastKey) < m.opt.PasteGap {
		m.run++
	} else {
		m.run = 1
	}
	return m.run > typedInRun
}

// pasteable reports whether a paste can hold this key: anything but the
// moving keys.
func pasteable(k tea.KeyPressMsg) bool {
	if k.Text != "" || k.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
		return true
	}
	switch k.Code {
	case tea.KeyUp, tea.KeyDown, tea.KeyLeft, tea.KeyRight, tea.KeyHome, tea.KeyEnd, tea.KeyPgUp, tea.KeyPgDown:
		return false
	}
	return true
}

// pastedKey is a key of an unbracketed paste.
func (m *Model) pastedKey(k tea.KeyPressMsg) tea.Cmd {
	m.inputNow()
	text := k.Text
	switch {
	case k.Code == tea.KeyEnter || k.Code == tea.KeyTab:
		text = " "
	case k.Mod&(tea.ModCtrl|tea.ModAlt) != 0:
		return nil
	}
	return m.onPaste(text)
}
