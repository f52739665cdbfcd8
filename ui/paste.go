package ui

import (
	"time"
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
	if m.visit != nil {
		m.visit.paste(s)
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

// keyPress takes a key from the terminal, as typed or as pasted.
func (m *Model) keyPress(k tea.KeyPressMsg) tea.Cmd {
	fast := m.opt.PasteGap > 0 && !m.lastKey.IsZero() && m.now().Sub(m.lastKey) < m.opt.PasteGap
	defer func() { m.lastKey = m.now() }()
	m.keySeq++
	var held tea.Cmd
	if b := m.heldBreak; b != nil {
		m.heldBreak = nil
		if fast {
			m.onPaste(" ")
		} else {
			held = m.typed(*b)
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
		return tea.Batch(held, m.typed(k))
	}
	m.inputNow()
	if k.Code == tea.KeyEnter || k.Code == tea.KeyTab {
		if !m.fieldOpen() {
			return held
		}
		m.heldBreak = &k
		seq := m.keySeq
		return tea.Batch(held, tea.Tick(2*m.opt.PasteGap, func(time.Time) tea.Msg { return pasteQuietMsg{seq} }))
	}
	return tea.Batch(held, m.onPaste(k.Text))
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

// fieldOpen reports whether a one-line text field (a question, a note, the
// file number, the PIN) has the keys, where enter keeps what was typed.
func (m *Model) fieldOpen() bool {
	switch m.dialog.(type) {
	case *questionDialog, *pinDialog:
		return true
	case nil:
		return m.screen().input() == inputField || m.visit != nil && m.visit.form.typing()
	}
	return false
}
