package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/wording"
)

// A patient back for a follow-up starts the visit at the kiosk with the
// code on their paper and answers what they rate themselves. The kiosk
// never shows an earlier answer, and wrong codes are limited, so nobody
// can try codes until one opens.

// visitTriesAllowed wrong codes lock the follow-up for visitLockout, for
// every patient after too: the count outlives the kiosk's reset.
const (
	visitTriesAllowed = 5
	visitLockout      = 5 * time.Minute
)

// codeGuard counts the kiosk's wrong codes across its patients.
type codeGuard struct {
	tries       int
	lockedUntil time.Time
}

// visitDoneMsg says the embedded visit ended, saved or not.
type visitDoneMsg struct{}

func (m *Model) ft() *wording.FollowUp { return wording.FollowUpFor(m.session.Lang) }

// visitKey opens the code dialog from the kiosk's welcome step.
func (m *Model) visitKey() key.Binding {
	return key.NewBinding(key.WithKeys("v", "V"), key.WithHelp("v", m.ft().KeyVisit))
}

// visitCodeDialog takes the code of the session to follow up.
type visitCodeDialog struct {
	code, problem string
}

func (d *visitCodeDialog) key(m *Model, k tea.KeyPressMsg) action {
	return do(func(m *Model) tea.Cmd {
		switch {
		case key.Matches(k, m.keys.Esc):
			m.dialog = nil
		case key.Matches(k, m.keys.Backspace):
			d.backspace()
		case key.Matches(k, m.keys.Choose):
			return d.open(m)
		default:
			d.add(k.Text)
		}
		return nil
	})
}

// add takes the letters and digits of typed or pasted text, as capitals,
// up to a code's length; anything else is dropped.
func (d *visitCodeDialog) add(s string) bool {
	before := d.code
	for _, r := range strings.ToUpper(s) {
		if len(d.code) < model.CodeLength && (r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			d.code += string(r)
		}
	}
	return d.code != before
}

func (d *visitCodeDialog) backspace() {
	if d.code != "" {
		d.code = d.code[:len(d.code)-1]
	}
}

// paste takes a code pasted, or typed faster than a person types.
func (d *visitCodeDialog) paste(_ *Model, s string) bool { return d.add(s) }

// The code keypad's keys besides the code's letters and digits.
const (
	codeBackspace = "⌫"
	codeOK        = "OK"
)

// codePress is a key of the code keypad, for a touch screen.
type codePress struct {
	d     *visitCodeDialog
	label string
}

func (a codePress) apply(m *Model) tea.Cmd {
	switch a.label {
	case codeOK:
		return a.d.open(m)
	case codeBackspace:
		a.d.backspace()
	default:
		a.d.add(a.label)
	}
	return nil
}

// open starts the visit of the code's session. A code that is wrong in
// any way (no session, none with a baseline, restricted) gets one answer,
// so a try tells nothing about which codes exist.
func (d *visitCodeDialog) open(m *Model) tea.Cmd {
	g := m.opt.codes
	if m.opt.Store == nil {
		d.problem = m.ft().KioskNoSession
		return nil
	}
	if m.now().Before(g.lockedUntil) {
		return nil
	}
	code := d.code
	if !model.ValidCode(code) {
		// No session has such a code, so this try tells nothing and is
		// not counted: the patient is told what a code looks like.
		d.problem = m.ft().KioskCodeShape
		return nil
	}
	d.code = ""
	rec, err := m.opt.Store.Load(code)
	if err == nil && (rec.Baseline == nil || rec.Training) {
		err = fmt.Errorf("no baseline")
	}
	if err == nil && m.restricted(code) {
		err = fmt.Errorf("restricted")
	}
	if err != nil {
		g.tries++
		if g.tries >= visitTriesAllowed {
			g.tries, g.lockedUntil = 0, m.now().Add(visitLockout)
		}
		d.problem = fmt.Sprintf(m.ft().KioskWrongCode, visitTriesAllowed-g.tries)
		return nil
	}
	g.tries = 0
	m.dialog = nil
	m.visit = NewVisit(VisitOptions{
		Content: m.opt.Content, Store: m.opt.Store, Now: m.opt.Now, Session: rec,
		Lang: m.session.Lang, Kiosk: true, Style: m.style, Glyphs: m.opt.Glyphs,
		done: func() tea.Msg { return visitDoneMsg{} },
	})
	m.visit.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	return nil
}

func (d *visitCodeDialog) view(m *Model) (string, []zone) {
	w := m.dialogInner(50)
	wrap := lipgloss.NewStyle().Width(w)
	lines := []string{m.st.DialogTitle.Render(m.ft().KioskVisit), ""}
	if m.now().Before(m.opt.codes.lockedUntil) {
		lines = append(lines, strings.Split(wrap.Render(m.ft().KioskLocked), "\n")...)
		return m.dialogBox(lines), nil
	}
	lines = append(lines, strings.Split(wrap.Render(m.ft().KioskCodePrompt), "\n")...)
	lines = append(lines, "", "› "+d.code+strings.Repeat("_", model.CodeLength-len(d.code)))
	if d.problem != "" {
		lines = append(lines, "", m.st.Notice.Render(wrap.Render(d.problem)))
	}
	lines = append(lines, "")
	// The keypad: the letters and digits codes are made of, as many a row
	// as fit, then backspace and OK.
	keys := append(strings.Split(model.CodeAlphabet, ""), codeBackspace, codeOK)
	perRow := max(1, (w+1)/5)
	var zones []zone
	for len(keys) > 0 {
		n := min(perRow, len(keys))
		var pad []button
		for _, label := range keys[:n] {
			pad = append(pad, button{fmt.Sprintf(" %-2s ", label), m.st.Button, codePress{d, label}})
		}
		row, rz := buttonRow(pad, " ", dialogOffsetX, dialogOffsetY+len(lines))
		lines, zones = append(lines, row), append(zones, rz...)
		keys = keys[n:]
	}
	return m.dialogBox(lines), zones
}

// visitEnded hands the kiosk to the next patient once a saved visit ends,
// with a thank-you; a visit left unsaved goes back to the welcome.
func (m *Model) visitEnded() tea.Cmd {
	saved := m.visit != nil && m.visit.Saved() != nil
	m.visit = nil
	if !saved {
		return nil
	}
	done := m.ft().KioskDone
	cmd := m.resetKiosk()
	m.notice = done
	return cmd
}

// restricted tells whether the patient asked for the code's record to be
// left alone; a store that cannot say counts as not restricted, as its
// writes refuse a restricted code anyway.
func (m *Model) restricted(code string) bool {
	r := records.RequestsOf(m.opt.Store)
	if r == nil {
		return false
	}
	got, err := r.Restriction(code)
	return err != nil || got != nil
}
