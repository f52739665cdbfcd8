package ui

import (
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// pasteTarget is a dialog or screen whose text field takes a paste.
// paste reports whether the field took any of it.
type pasteTarget interface{ paste(m *Model, s string) bool }

// Every field that takes a paste, checked by the compiler: one whose
// paste method drifts from the interface would drop pastes silently.
var (
	_ pasteTarget = (*questionDialog)(nil)
	_ pasteTarget = (*searchDialog)(nil)
	_ pasteTarget = (*pinDialog)(nil)
	_ pasteTarget = (*checklistScreen)(nil)
	_ pasteTarget = (*welcomeScreen)(nil)
	_ pasteTarget = (*groupScreen)(nil)
	_ pasteTarget = (*baselineScreen)(nil)
	_ pasteTarget = (*visitCodeDialog)(nil)
)

// onPaste puts a paste into the field being typed in, cleaned and on one
// line; with no field open it is dropped, so a paste never answers, moves
// or finishes anything. It reports whether a field took any of it.
func (m *Model) onPaste(content string) bool {
	s := pasteText(content)
	if s == "" {
		return false
	}
	if m.visit != nil {
		return m.visit.paste(s)
	}
	if t, ok := m.dialog.(pasteTarget); ok {
		return t.paste(m, s)
	}
	if m.dialog == nil && !m.tooSmall() && m.screen().input() != inputNone {
		if t, ok := m.screen().(pasteTarget); ok {
			return t.paste(m, s)
		}
	}
	return false
}

// pasteInto inserts a paste at the field's cursor; a full field is not
// even asked, so the rest of a long paste costs next to nothing.
func pasteInto(f *textinput.Model, s string) bool {
	if f.CharLimit > 0 && utf8.RuneCountInString(f.Value()) >= f.CharLimit {
		return false
	}
	*f, _ = f.Update(tea.PasteMsg{Content: s})
	return true
}

func (d *searchDialog) paste(_ *Model, s string) bool { return pasteInto(&d.field, s) }

func (c *checklistScreen) paste(_ *Model, s string) bool { return pasteInto(&c.note, s) }

func (w *welcomeScreen) paste(m *Model, s string) bool {
	took := pasteInto(&w.ref, s)
	m.session.PatientRef = cleanNote(w.ref.Value())
	if took {
		w.sayIfFull() // say the rest was cut
	}
	return took
}

func (g *groupScreen) paste(_ *Model, s string) bool {
	if r := []rune(g.filter + s); len(r) > maxSearch {
		s = string(r[min(len([]rune(g.filter)), maxSearch):maxSearch])
	}
	if s == "" {
		return false
	}
	g.setFilter(g.filter + s)
	return true
}

// maxSearch is the longest group search, typed or pasted: group names are
// short.
const maxSearch = 60

// The PIN keypad takes a paste's digits only.
func (d *pinDialog) paste(_ *Model, s string) bool {
	before := d.pin
	for _, r := range s {
		if r >= '0' && r <= '9' && len(d.pin) < maxPIN {
			d.pin += string(r)
		}
	}
	return d.pin != before
}

// Unbracketed paste. A terminal without bracketed paste sends a paste as
// keys, back to back. A person, or a script driving the app, types a key
// or two that fast, never a run: so from the third text key in a row that
// each come less than PasteGap after the last one was handled, the run is
// a paste. Its text goes where a paste goes and it moves nothing. A line
// break in it is held: if the run goes on, it was inside the paste and is
// a space; if nothing follows, it ended the paste and is the enter it is
// (in a text field only: elsewhere it is dropped).

// pasteRun is the first key of a fast run taken as pasted.
const pasteRun = 3

// pasteQuietMsg comes a little after a held line break: if no key came
// since, the paste ended there.
type pasteQuietMsg struct{ seq int }

// keyPress takes a key from the terminal, as typed or as pasted. It
// reports whether the key may have changed the screen: a pasted key that
// no field took did not, and the last frame is drawn again as it was
// (Bubble Tea draws after every key, a megabyte of them included).
func (m *Model) keyPress(k tea.KeyPressMsg) (tea.Cmd, bool) {
	fast := m.opt.PasteGap > 0 && !m.lastKey.IsZero() && m.now().Sub(m.lastKey) < m.opt.PasteGap
	defer func() { m.lastKey = m.now() }()
	m.keySeq++
	var held tea.Cmd
	changed := m.countingDown()
	if b := m.heldBreak; b != nil {
		m.heldBreak = nil
		if fast {
			changed = m.onPaste(" ") || changed
		} else {
			held, changed = m.typed(*b), true
		}
	}
	switch {
	case !textKey(k):
		m.fastRun = 0
	case fast:
		m.fastRun++
	default:
		m.fastRun = 1
	}
	if m.fastRun < pasteRun {
		return tea.Batch(held, m.typed(k)), true
	}
	m.inputNow()
	if k.Code == tea.KeyEnter || k.Code == tea.KeyTab {
		if !m.fieldOpen() {
			return held, changed
		}
		m.heldBreak = &k
		seq := m.keySeq
		return tea.Batch(held, tea.Tick(2*m.opt.PasteGap, func(time.Time) tea.Msg { return pasteQuietMsg{seq} })), changed
	}
	return held, m.onPaste(k.Text) || changed
}

// pasteQuiet ends a paste at its held line break, as an enter.
func (m *Model) pasteQuiet(msg pasteQuietMsg) tea.Cmd {
	if msg.seq != m.keySeq || m.heldBreak == nil {
		return nil
	}
	b := *m.heldBreak
	m.heldBreak = nil
	return m.typed(b)
}

// typed is a key as a person typed it: the kiosk's guard first, then the
// key precedence; the session is saved if it changed.
func (m *Model) typed(k tea.KeyPressMsg) tea.Cmd {
	if m.kiosk() {
		if c, done := m.kioskKey(k); done {
			return tea.Batch(c, m.autosave(false))
		}
		if m.visit != nil { // a patient's part of a follow-up visit
			_, c := m.visit.Update(k)
			return c
		}
	}
	return tea.Batch(m.handleKey(k), m.autosave(false))
}

// textKey reports a key a paste can hold: text, a line break or a tab.
func textKey(k tea.KeyPressMsg) bool {
	return k.Code == tea.KeyEnter || k.Code == tea.KeyTab || (k.Text != "" && k.Mod&(tea.ModCtrl|tea.ModAlt) == 0)
}

// fieldOpen reports whether a text field (a question, a search, a note,
// the file number, the PIN, a code) has the keys, where enter keeps what
// was typed. A dialog has one when it takes a paste.
func (m *Model) fieldOpen() bool {
	if m.dialog == nil {
		return m.screen().input() == inputField || m.visit != nil && m.visit.form.typing()
	}
	_, ok := m.dialog.(pasteTarget)
	return ok
}
