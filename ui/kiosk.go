package ui

import (
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// countdownFrom is how long before the idle reset the countdown shows.
const countdownFrom = 30 * time.Second

// maxPIN is the longest PIN the keypad takes.
const maxPIN = 12

// pinTriesAllowed wrong PINs lock the exit for pinLockout.
const (
	pinTriesAllowed = 5
	pinLockout      = time.Minute
)

// idleTickMsg drives the idle countdown; the time comes from the injected
// clock, so tests advance it without sleeping.
type idleTickMsg struct{}

type pinCheckedMsg struct{ ok bool }

func idleTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return idleTickMsg{} })
}

func (m *Model) kiosk() bool { return m.opt.Kiosk }

// idleLeft is the time until the idle reset.
func (m *Model) idleLeft() time.Duration {
	return m.opt.Idle - m.now().Sub(m.lastInput)
}

// countingDown reports whether the "still there?" countdown is on screen:
// the last 30 seconds, or the last half of a shorter idle time.
// A kiosk nobody has touched since its reset refreshes silently.
func (m *Model) countingDown() bool {
	return m.kiosk() && m.used && m.opt.Idle > 0 && m.idleLeft() <= min(countdownFrom, m.opt.Idle/2)
}

// inputNow notes a person's key, click, wheel or paste for the idle clock.
func (m *Model) inputNow() {
	m.lastInput, m.used = m.now(), true
}

// onIdleTick resets the kiosk once the idle time is up.
func (m *Model) onIdleTick() tea.Cmd {
	if !m.kiosk() || m.opt.Idle <= 0 {
		return nil
	}
	if m.abandoning != nil {
		return tea.Batch(m.retryAbandon(), m.opt.idleTick())
	}
	if m.idleLeft() <= 0 {
		return tea.Batch(m.resetKiosk(), m.opt.idleTick())
	}
	return m.opt.idleTick()
}

// abandonedMsg says how saving the previous patient's session went.
type abandonedMsg struct{ err error }

// abandonJob is a left session's record on its way to the store. Until it
// is written the patient's model stays (off screen), so a failed save is
// tried again and nothing is lost, and no next patient starts on top of it.
type abandonJob struct {
	rec    model.Record
	md     []byte
	trying bool
}

// resetKiosk ends the patient's session and starts a fresh one. Anything
// unfinished is saved as abandoned first, tried again until it is written.
func (m *Model) resetKiosk() tea.Cmd {
	if !m.ShouldSave() || m.opt.Store == nil {
		return m.nextPatient()
	}
	rec := m.record(model.StatusAbandoned)
	m.abandoning = &abandonJob{rec: rec, md: []byte(doc.Record(rec, m.opt.Content))}
	m.dialog, m.notice = nil, ""
	m.lastInput = m.now()
	return tea.Batch(m.retryAbandon(), clearTerminal())
}

// retryAbandon writes the left session again, unless a try is running.
func (m *Model) retryAbandon() tea.Cmd {
	job := m.abandoning
	if job == nil || job.trying {
		return nil
	}
	job.trying = true
	store := m.opt.Store
	return func() tea.Msg { return abandonedMsg{err: store.Close(job.rec, job.md)} }
}

// abandoned starts the next patient once the left session is written; a
// failure waits for the next tick or key to try again.
func (m *Model) abandoned(msg abandonedMsg) tea.Cmd {
	if m.abandoning == nil {
		return nil
	}
	m.abandoning.trying = false
	if msg.err != nil {
		return nil
	}
	return m.nextPatient()
}

// nextPatient replaces the whole model at once, so nothing of the previous
// patient stays on screen or in the model, and clears the terminal's screen
// and scroll-back.
func (m *Model) nextPatient() tea.Cmd {
	opt := m.opt
	opt.Session, opt.Unfinished, opt.Notice, opt.Unencrypted = nil, nil, "", false
	if opt.NewCode != nil {
		opt.Code = opt.NewCode()
	}
	w, h := m.width, m.height
	*m = *New(opt)
	m.makeScreens() // New's screens point at the model it made, not at m
	m.resize(w, h)
	return clearTerminal()
}

func clearTerminal() tea.Cmd { return tea.Sequence(tea.ClearScreen, tea.Raw("\x1b[3J")) }

// abandoningView is shown while the left session is being written: none
// of it, only that the screen is not ready, and the staff PIN dialog.
func (m *Model) abandoningView() (string, []zone) {
	if m.dialog == nil {
		msg := lipgloss.NewStyle().Width(min(m.width-2, 50)).Align(lipgloss.Center).Render(m.text.KioskNotReady)
		return strings.Join(fitLines(lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg), m.width, m.height), "\n"), nil
	}
	box, dz := m.dialog.view(m)
	x, y := max(0, (m.width-lipgloss.Width(box))/2), max(0, (m.height-lipgloss.Height(box))/2)
	zones := make([]zone, 0, len(dz))
	for _, z := range dz {
		zones = append(zones, z.moved(x, y))
	}
	return strings.Join(fitLines(lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box), m.width, m.height), "\n"), zones
}

// kioskKey handles what a kiosk does before anything else: a key during the
// countdown only says "I am here"; the hand-off screen waits for any key;
// the staff dialogs take every key; quitting and suspending never happen
// without staff.
func (m *Model) kioskKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	wasCounting := m.countingDown()
	m.inputNow()
	switch {
	case wasCounting && key.Matches(k, m.keys.Kiosk.StaffExit):
		m.openPIN() // staff at a kiosk left counting down: their PIN goes to the keypad
		return nil, true
	case wasCounting:
		return nil, true // consumed: never taken as an answer
	case m.handoff:
		return m.resetKiosk(), true
	}
	switch m.dialog.(type) {
	case *pinDialog, staffDialog:
		return m.act(m.dialog.key(m, k)), true
	}
	if m.abandoning != nil && !key.Matches(k, m.keys.Kiosk.StaffExit) {
		return m.retryAbandon(), true
	}
	switch {
	case key.Matches(k, m.keys.Kiosk.StaffExit):
		m.openPIN()
		return nil, true
	case key.Matches(k, m.keys.Kiosk.CallStaff):
		m.dialog = staffDialog{}
		return nil, true
	case key.Matches(k, m.keys.Kiosk.Guard), key.Matches(k, m.keys.Quit) && !m.typing():
		// Before every other key handling, the too-small screen's too:
		// whatever is open, these only say who can end a kiosk. A
		// follow-up visit is left with its own esc.
		if m.visit != nil {
			return nil, true
		}
		return m.requestQuit(), true
	}
	if m.visit == nil && m.dialog == nil && m.session.Current == model.StepWelcome && key.Matches(k, m.visitKey()) {
		return m.act(openVisitCode{}), true
	}
	return nil, false
}

// typing reports whether a text field or the group search takes letters.
func (m *Model) typing() bool {
	_, question := m.dialog.(*questionDialog)
	_, code := m.dialog.(*visitCodeDialog)
	return question || code || m.screen().input() != inputNone || m.visit != nil && m.visit.form.typing()
}

// kioskClick: a click during the countdown or on the hand-off screen is
// consumed the same way a key is, and any click closes the staff notice.
func (m *Model) kioskClick() (tea.Cmd, bool) {
	wasCounting := m.countingDown()
	m.inputNow()
	switch {
	case wasCounting:
		return nil, true
	case m.handoff:
		return m.resetKiosk(), true
	}
	if m.abandoning != nil {
		if _, pin := m.dialog.(*pinDialog); !pin {
			return m.retryAbandon(), true
		}
	}
	if _, staff := m.dialog.(staffDialog); staff {
		m.dialog = nil
		return nil, true
	}
	return nil, false
}

// The staff exit.

// pinDialog takes the staff PIN, from the keyboard or its keypad.
type pinDialog struct {
	pin   string
	wrong bool
}

func (m *Model) openPIN() { m.dialog = &pinDialog{} }

func (m *Model) pinLocked() bool { return m.opt.PINGuard.lockedFor(m.now()) > 0 }

func (d *pinDialog) key(m *Model, k tea.KeyPressMsg) action {
	switch {
	case key.Matches(k, m.keys.Esc):
		return closeDialog{}
	case key.Matches(k, m.keys.Choose):
		return pinPress{d, pinOK}
	case key.Matches(k, m.keys.Backspace):
		return pinPress{d, pinBackspace}
	case key.Matches(k, m.keys.PINDigit):
		return pinPress{d, digit(k, '0')}
	}
	return handled
}

// The keypad's keys besides the digits 0-9.
const (
	pinBackspace = 10
	pinOK        = 11
)

// pinPress is a key of the keypad: a digit, backspace or OK.
type pinPress struct {
	d *pinDialog
	i int
}

func (a pinPress) apply(m *Model) tea.Cmd {
	d := a.d
	switch {
	case a.i == pinOK:
		return d.check(m)
	case a.i == pinBackspace:
		if d.pin != "" {
			d.pin = d.pin[:len(d.pin)-1]
		}
	case len(d.pin) < maxPIN:
		d.pin += fmt.Sprint(a.i)
	}
	return nil
}

// check compares against the slow hash in the background: it takes a
// noticeable fraction of a second by design. A try while the exit is
// locked, or while another is being checked, is dropped unchecked.
func (d *pinDialog) check(m *Model) tea.Cmd {
	if m.opt.CheckPIN == nil {
		return nil
	}
	pin, check, guard := d.pin, m.opt.CheckPIN, m.opt.PINGuard
	d.pin, d.wrong = "", false
	if !guard.begin(m.now()) {
		return nil
	}
	return func() tea.Msg { return pinCheckedMsg{ok: check(pin)} }
}

func (m *Model) pinChecked(msg pinCheckedMsg) tea.Cmd {
	m.opt.PINGuard.done(msg.ok, m.now())
	if msg.ok {
		return tea.Quit
	}
	if d, ok := m.dialog.(*pinDialog); ok {
		d.wrong = true
	}
	return nil
}

// view is the staff dialog with an on-screen keypad for tablets.
func (d *pinDialog) view(m *Model) (string, []zone) {
	w := m.dialogInner(36)
	lines := []string{m.st.DialogTitle.Render(m.text.PINTitle), ""}
	var zones []zone
	switch {
	case m.opt.CheckPIN == nil:
		lines = append(lines, strings.Split(lipgloss.NewStyle().Width(w).Render(m.text.PINUnset), "\n")...)
	case m.pinLocked():
		left := wording.Duration(m.session.Lang, m.opt.PINGuard.lockedFor(m.now()))
		lines = append(lines, strings.Split(lipgloss.NewStyle().Width(w).Render(fmt.Sprintf(m.text.PINLocked, left)), "\n")...)
	default:
		switch {
		case m.opt.PINGuard.busy():
			lines = append(lines, m.st.Muted.Render(m.text.PINChecking))
		case d.wrong:
			lines = append(lines, m.st.Notice.Render(m.text.PINWrong))
		}
		lines = append(lines, strings.Repeat("• ", len(d.pin))+"▏", "")
		rows := [][]string{{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"⌫", "0", "OK"}}
		for _, labels := range rows {
			var pad []button
			for _, label := range labels {
				pad = append(pad, button{fmt.Sprintf(" %-2s ", label), m.st.Button, pinPress{d, pinKeyIndex(label)}})
			}
			row, rz := buttonRow(pad, " ", dialogOffsetX, dialogOffsetY+len(lines))
			lines, zones = append(lines, row), append(zones, rz...)
		}
	}
	lines = append(lines, "", m.st.Muted.Render(m.text.PINKeys))
	return m.dialogBox(lines), zones
}

// pinKeyIndex maps a keypad label to its key.
func pinKeyIndex(label string) int {
	switch label {
	case "⌫":
		return pinBackspace
	case "OK":
		return pinOK
	}
	return int(label[0] - '0')
}

// staffDialog tells the patient that staff are on their way; any key or
// click closes it.
type staffDialog struct{}

func (staffDialog) key(*Model, tea.KeyPressMsg) action { return closeDialog{} }

func (staffDialog) view(m *Model) (string, []zone) {
	w := m.dialogInner(50)
	lines := []string{m.st.DialogTitle.Render(m.text.StaffTitle), ""}
	lines = append(lines, strings.Split(lipgloss.NewStyle().Width(w).Render(m.text.StaffBody), "\n")...)
	box := m.dialogBox(lines)
	return box, []zone{{0, 0, lipgloss.Width(box), lipgloss.Height(box), closeDialog{}}}
}

// countdownView is the "still there?" message over the screen.
func (m *Model) countdownView() (string, []zone) {
	w := m.dialogInner(50)
	left := max(0, int(m.idleLeft().Round(time.Second)/time.Second))
	lines := []string{m.st.DialogTitle.Render(m.text.StillThere), ""}
	countdown := m.text.Countdown
	switch {
	case m.visit != nil: // an unfinished visit is not kept: the patient did not save it
		countdown = m.ft().KioskVisitCountdown
	case !m.Keeps() || !m.ShouldSave():
		countdown = m.text.CountdownNotKept
	}
	lines = append(lines, strings.Split(lipgloss.NewStyle().Width(w).Render(fmt.Sprintf(countdown, left)), "\n")...)
	box := m.dialogBox(lines)
	return box, nil
}

// handoffView shows the session code large and clear, for the patient to
// give at the desk.
func (m *Model) handoffView() string {
	center := lipgloss.NewStyle().Width(min(m.width-4, 60)).Align(lipgloss.Center)
	if !m.Keeps() { // no code to hand over: nothing was kept
		done := m.st.Muted.Render(m.text.HandoffNotKept)
		block := lipgloss.JoinVertical(lipgloss.Center, m.st.Title.Render(m.text.HandoffTitle), "", center.Render(m.text.NotKept), "", done)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, block)
	}
	code := strings.Join(strings.Split(m.session.Code, ""), " ")
	text, hint := center.Render(m.text.HandoffBody), m.st.Muted.Render(m.text.HandoffHint)
	draw := func(big string) string {
		return lipgloss.JoinVertical(lipgloss.Center, m.st.Title.Render(m.text.HandoffTitle), "",
			lipgloss.NewStyle().Bold(true).Padding(0, 2).Border(lipgloss.DoubleBorder()).Align(lipgloss.Center).Render(big), "", text, "", hint)
	}
	// Block letters where they fit, with the code in plain letters under
	// them; else the plain letters alone, spaced.
	block := draw(code)
	if letters, ok := bigCode(m.session.Code); ok {
		if b := draw(letters + "\n\n" + code); lipgloss.Width(b) <= m.width && lipgloss.Height(b) <= m.height {
			block = b
		}
	}
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, block)
}

// kioskWelcome tells a patient what is stored, for whom and for how long,
// and shows the session's code and the follow-up visit's button, with
// the button's zone (y counted from the first line).
func (m *Model) kioskWelcome() (string, []zone) {
	msg := fmt.Sprintf(m.text.KioskStored, m.session.Code, m.opt.RetainDays)
	if c := m.session.Consent; c != nil && !c.Given {
		msg = m.text.NotKept
	}
	text := m.st.Notice.Width(m.bodyWidth()).Render(msg) + "\n" + m.st.Muted.Width(m.bodyWidth()).Render(m.ft().KioskVisitHint)
	row, zones := buttonRow([]button{m.button(m.ft().KioskVisitButton, true, openVisitCode{})}, "", 0, lipgloss.Height(text))
	return text + "\n" + row, zones
}

// openVisitCode opens the follow-up's code dialog, by v or its button.
type openVisitCode struct{}

func (openVisitCode) apply(m *Model) tea.Cmd { m.dialog = &visitCodeDialog{}; return nil }

// Crashes.

// recoverCrash turns a panic into a clean stop: the session is saved by
// whoever runs the program, the patient sees a neutral message, and the
// details go to the crash log, never to the patient's screen. The model
// stays the program's model: a nil one would panic again in Bubble Tea,
// which prints its own stack trace.
func (m *Model) recoverCrash(next *tea.Model, cmd *tea.Cmd) {
	if r := recover(); r != nil {
		m.crash = fmt.Sprintf("panic: %v\n\n%s", r, debug.Stack())
		*next, *cmd = m, tea.Quit
	}
}

// Crash is the panic report, if the model panicked.
func (m *Model) Crash() string { return m.crash }

// NotKept tells, in a language, that the session was not kept because the
// patient said no, and that the handout can still be printed.
func NotKept(lang model.Lang) string { return wording.For(lang).NotKept }

// CrashNotice is the neutral message shown when the app restarts after a
// crash.
func CrashNotice(lang model.Lang) string { return wording.For(lang).Restarting }
