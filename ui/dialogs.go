package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
)

// dialog is a box over the screen that takes the keys while it is open;
// m.dialog is nil when none is.
type dialog interface {
	// view draws the box and its zones, relative to its top-left corner.
	view(m *Model) (string, []zone)
	key(m *Model, k tea.KeyPressMsg) action
}

// closeDialog closes the open dialog, by key or by click.
type closeDialog struct{}

func (closeDialog) apply(m *Model) tea.Cmd { m.dialog = nil; return nil }

// layoutDialog sizes a dialog's own fields to the window.
func (m *Model) layoutDialog() {
	if d, ok := m.dialog.(interface{ layout(*Model) }); ok {
		d.layout(m)
	}
}

// dialogBox frames lines; the frame is one cell plus padding on each side.
func (m *Model) dialogBox(lines []string) string {
	return m.st.Dialog.Render(strings.Join(lines, "\n"))
}

// dialogInner is the widest text a dialog may hold at this size.
func (m *Model) dialogInner(want int) int {
	return max(1, min(want, m.innerWidth()-m.st.Dialog.GetHorizontalFrameSize()))
}

const dialogOffsetX, dialogOffsetY = 2, 1 // border plus padding, border

// menuDialog is the contents: every step of the session, to jump to.
type menuDialog struct{ cursor int }

func (d *menuDialog) view(m *Model) (string, []zone) {
	steps := m.session.Steps()
	w := m.dialogInner(58)
	visible := max(1, min(len(steps), m.bodyHeight()-2-2)) // border, title, hint
	top := min(max(0, d.cursor-visible/2), len(steps)-visible)
	lines := []string{m.st.DialogTitle.Render(m.text.Contents)}
	var zones []zone
	for i := top; i < top+visible; i++ {
		// The cursor is › as in every list; the page on screen has its own
		// mark, so neither is told by colour alone.
		mark := "  "
		if i == d.cursor {
			mark = "› "
		}
		here := "  "
		if steps[i] == m.session.Current {
			here = "• "
		}
		title := m.screenAt(steps[i]).title(steps[i])
		if p := m.opt.Content.Page(m.session.Lang, steps[i]); p != nil && p.IsPlaceholder() {
			title += " (" + m.text.Soon + ")"
		}
		if m.session.HasQuestion(steps[i]) {
			title += " " + m.text.AskedMark
		}
		label := ansi.Truncate(fmt.Sprintf("%s%s%2d. %s", mark, here, i+1, title), w, "…")
		label += strings.Repeat(" ", max(0, w-lipgloss.Width(label)))
		style := m.st.MenuItem
		switch {
		case i == d.cursor:
			style = m.st.MenuFocus
		case steps[i] == m.session.Current:
			style = m.st.MenuCurrent
		}
		zones = append(zones, zone{dialogOffsetX, dialogOffsetY + len(lines), dialogOffsetX + w, dialogOffsetY + len(lines) + 1, jump(i)})
		lines = append(lines, style.Render(label))
	}
	lines = append(lines, m.st.Muted.Render(ansi.Truncate(m.text.ContentsHint, w, "…")))
	return m.dialogBox(lines), zones
}

func (d *menuDialog) key(m *Model, k tea.KeyPressMsg) action {
	n := len(m.session.Steps())
	move := func(i int) action { return do(func(*Model) tea.Cmd { d.cursor = i; return nil }) }
	switch dy := m.upDown(k); {
	case key.Matches(k, m.keys.Esc, m.keys.Menu):
		return closeDialog{}
	case dy != 0:
		return move(cycle(d.cursor, dy, n, wrapAround))
	case key.Matches(k, m.keys.Home):
		return move(0)
	case key.Matches(k, m.keys.End):
		return move(n - 1)
	case key.Matches(k, m.keys.Choose):
		return jump(d.cursor)
	case key.Matches(k, m.keys.Interrupt):
		return do(func(m *Model) tea.Cmd {
			m.dialog = nil
			return m.requestQuit()
		})
	}
	return nil
}

// jump goes to step i of the contents menu and closes it.
type jump int

func (a jump) apply(m *Model) tea.Cmd {
	m.dialog = nil
	steps := m.session.Steps()
	if a < 0 || int(a) >= len(steps) {
		return nil
	}
	if m.session.Current == model.StepWelcome && steps[a] != model.StepWelcome && m.askConsentFirst(a) {
		return nil
	}
	return m.goTo(m.session.JumpTo(steps[a], m.now()))
}

// confirmDialog asks a yes/no question: y or a click on yes does it, n,
// esc or a click on no closes the box. No is the default, as it keeps
// everything as it was. With retry, a third choice between them saves
// again (ctrl+s), for the question asked while saving fails.
type confirmDialog struct {
	title, body string
	no, yes     string
	act         action // what yes does
	noAct       action // what no does; nil only closes the box
	retry       bool
	focus       int // 0 no, then retry, then yes
}

// quitDialog asks before quitting; a second q or ctrl+c is as clear an
// answer as the button. While saving fails it says the latest answers are
// not saved, and offers to try again first.
func (m *Model) quitDialog() *confirmDialog {
	if m.saveErr != nil && m.opt.Store != nil {
		return &confirmDialog{
			title: m.text.QuitUnsavedTitle, body: fmt.Sprintf(m.text.QuitUnsaved, m.saveErr),
			no: m.text.Stay, yes: m.text.QuitAnyway, act: quitNow{}, retry: true, focus: 1,
		}
	}
	text := m.text.QuitBody
	switch {
	case m.opt.Store != nil && !m.Keeps():
	case m.opt.Store != nil && (m.gaveAnswers() || m.lastSaved != nil):
		text = fmt.Sprintf(m.text.QuitKept, m.session.Code)
	case m.opt.Store != nil:
		text = m.text.QuitNothing
	}
	return &confirmDialog{title: m.text.QuitTitle, body: text, no: m.text.Stay, yes: m.text.Quit, act: quitNow{}}
}

// saveAgain is the quit question's "try again".
var saveAgain = do(func(m *Model) tea.Cmd { return m.autosave(true) })

// noAction closes the box and does what no means.
func (d *confirmDialog) noAction() action {
	if d.noAct == nil {
		return closeDialog{}
	}
	return do(func(m *Model) tea.Cmd {
		m.dialog = nil
		return m.act(d.noAct)
	})
}

// buttons are the dialog's choices in order, the focused one bracketed, so
// neither the key nor the focus is told by colour alone.
func (d *confirmDialog) buttons(m *Model) []button {
	labels := []string{fmt.Sprintf("%s %s", m.text.KeyNo, d.no)}
	acts := []action{d.noAction()}
	if d.retry {
		labels, acts = append(labels, "ctrl+s "+m.text.TryAgain), append(acts, saveAgain)
	}
	labels, acts = append(labels, fmt.Sprintf("%s %s", m.text.KeyYes, d.yes)), append(acts, d.act)
	buttons := make([]button, len(labels))
	for i, label := range labels {
		buttons[i] = m.button(label, true, acts[i])
		if i == d.focus {
			buttons[i] = button{"[" + label + "]", m.st.ButtonFocus, acts[i]}
		}
	}
	return buttons
}

func (d *confirmDialog) view(m *Model) (string, []zone) {
	w := m.dialogInner(44)
	body := lipgloss.NewStyle().Width(w).Render(d.body)
	lines := []string{m.st.DialogTitle.Render(d.title), ""}
	lines = append(lines, strings.Split(body, "\n")...)
	lines = append(lines, "")
	buttons := d.buttons(m)
	row, zones := buttonRow(buttons, "  ", dialogOffsetX, dialogOffsetY+len(lines))
	if lipgloss.Width(row) <= w {
		return m.dialogBox(append(lines, row)), zones
	}
	zones = nil // one a line where the row does not fit
	for _, b := range buttons {
		row, z := buttonRow([]button{b}, "", dialogOffsetX, dialogOffsetY+len(lines))
		lines, zones = append(lines, row), append(zones, z...)
	}
	return m.dialogBox(lines), zones
}

func (d *confirmDialog) key(m *Model, k tea.KeyPressMsg) action {
	n := 2
	if d.retry {
		n = 3
	}
	switch {
	case key.Matches(k, m.keys.Esc):
		return closeDialog{}
	case key.Matches(k, m.keys.No):
		return d.noAction()
	case key.Matches(k, m.keys.Yes):
		return d.act
	case key.Matches(k, m.keys.Left):
		return do(func(*Model) tea.Cmd { d.focus = cycle(d.focus, -1, n, wrapAround); return nil })
	case key.Matches(k, m.keys.Right, m.keys.Tab):
		return do(func(*Model) tea.Cmd { d.focus = cycle(d.focus, 1, n, wrapAround); return nil })
	case key.Matches(k, m.keys.Choose):
		return d.buttons(m)[d.focus].act
	case key.Matches(k, m.keys.Quit) && d.act == action(quitNow{}) && !d.retry:
		return quitNow{}
	}
	return nil
}

// quitNow ends the program, except a kiosk's: only the staff PIN does that.
type quitNow struct{}

func (quitNow) apply(m *Model) tea.Cmd {
	if m.kiosk() {
		return m.requestQuit()
	}
	return tea.Quit
}

// packKeys lays every binding out as "key description" items, as many to a
// line as fit, so no key is lost on a narrow screen. Each item is a zone,
// from the text's top left, that presses its key.
func packKeys(h help.Model, groups [][]key.Binding, w int) ([]string, []zone) {
	var lines []string
	var zones []zone
	line := ""
	for _, group := range groups {
		for _, b := range group {
			item := h.Styles.FullKey.Render(b.Help().Key) + " " + h.Styles.FullDesc.Render(b.Help().Desc)
			switch {
			case line == "":
			case lipgloss.Width(line)+3+lipgloss.Width(item) <= w:
				line += "   "
			default:
				lines = append(lines, line)
				line = ""
			}
			x := lipgloss.Width(line)
			zones = append(zones, zone{x, len(lines), x + lipgloss.Width(item), len(lines) + 1, helpItem{b}})
			line += item
		}
	}
	return append(lines, line), zones
}

// helpItem is a click on a key in the help: the help closes and the key
// does what it does.
type helpItem struct{ b key.Binding }

func (a helpItem) apply(m *Model) tea.Cmd {
	m.dialog = nil
	return pressKey(a).apply(m)
}

// helpDialog lists the keys of the current screen and the global keys.
type helpDialog struct{}

func (helpDialog) key(m *Model, k tea.KeyPressMsg) action {
	if key.Matches(k, m.keys.Esc, m.keys.Help, m.keys.Choose) {
		return closeDialog{}
	}
	return nil
}

func (helpDialog) view(m *Model) (string, []zone) {
	w := m.dialogInner(70)
	h := m.help
	h.SetWidth(w)
	var lines []string
	lines = append(lines, m.st.DialogTitle.Render(m.text.HelpTitle), "")
	// Packed rather than in columns: columns drop whatever does not fit.
	keys, keyZones := packKeys(h, m.fullHelp(), w)
	top := len(lines)
	lines = append(lines, keys...)
	lines = append(lines, "")
	lines = append(lines, strings.Split(lipgloss.NewStyle().Width(w).Render(m.text.HelpMouse), "\n")...)
	lines = append(lines, "", m.st.Muted.Render(ansi.Truncate(m.text.HelpClose, w, "…")))
	shown := min(len(lines), m.bodyHeight()-2)
	box := m.dialogBox(fitLines(strings.Join(lines, "\n"), w, shown))
	var zones []zone
	for _, z := range keyZones {
		if z.y0+top < shown { // a line cut off at the bottom has nothing to click
			zones = append(zones, zone{z.x0 + dialogOffsetX, z.y0 + top + dialogOffsetY, z.x1 + dialogOffsetX, z.y1 + top + dialogOffsetY, z.act})
		}
	}
	// A click anywhere else closes it.
	return box, append(zones, zone{0, 0, lipgloss.Width(box), lipgloss.Height(box), closeDialog{}})
}
