package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// dialogView draws the open dialog and its zones, relative to its top-left
// corner.
func (m *Model) dialogView() (string, []zone) {
	switch m.dialog {
	case dialogMenu:
		return m.menuView()
	case dialogQuit:
		return m.quitView()
	case dialogQuestion:
		return m.questionView()
	case dialogResume:
		return m.resumeView()
	case dialogPIN:
		return m.pinView()
	case dialogStaff:
		return m.staffView()
	default:
		return m.helpView()
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

func (m *Model) menuView() (string, []zone) {
	steps := m.session.Steps()
	w := m.dialogInner(56)
	visible := max(1, min(len(steps), m.bodyHeight()-2-2)) // border, title, hint
	top := min(max(0, m.menuCursor-visible/2), len(steps)-visible)
	lines := []string{m.st.DialogTitle.Render(m.text.Contents)}
	var zones []zone
	for i := top; i < top+visible; i++ {
		mark := "  "
		if steps[i] == m.session.Current {
			mark = "› "
		}
		title := stepTitle(m.opt.Content, m.session.Lang, steps[i])
		if p := m.opt.Content.Page(m.session.Lang, steps[i]); p != nil && p.IsPlaceholder() {
			title += " (" + m.text.Soon + ")"
		}
		if m.session.HasQuestion(steps[i]) {
			title += " " + m.text.AskedMark
		}
		label := ansi.Truncate(fmt.Sprintf("%s%2d. %s", mark, i+1, title), w, "…")
		label += strings.Repeat(" ", max(0, w-lipgloss.Width(label)))
		style := m.st.MenuItem
		switch {
		case i == m.menuCursor:
			style = m.st.MenuFocus
		case steps[i] == m.session.Current:
			style = m.st.MenuCurrent
		}
		zones = append(zones, zone{dialogOffsetX, dialogOffsetY + len(lines), dialogOffsetX + w, dialogOffsetY + len(lines) + 1, action{kind: actMenuItem, i: i}})
		lines = append(lines, style.Render(label))
	}
	lines = append(lines, m.st.Muted.Render(ansi.Truncate(m.text.ContentsHint, w, "…")))
	return m.dialogBox(lines), zones
}

func (m *Model) quitView() (string, []zone) {
	w := m.dialogInner(44)
	text := m.text.QuitBody
	if m.opt.Store != nil {
		text = fmt.Sprintf(m.text.QuitKept, m.session.Code)
	}
	body := lipgloss.NewStyle().Width(w).Render(text)
	stay, quit := m.button(m.text.Stay, true), m.button(m.text.Quit, true)
	if m.quitFocus == 0 {
		stay = m.st.ButtonFocus.Render(" " + m.text.Stay + " ")
	} else {
		quit = m.st.ButtonFocus.Render(" " + m.text.Quit + " ")
	}
	lines := []string{m.st.DialogTitle.Render(m.text.QuitTitle), ""}
	lines = append(lines, strings.Split(body, "\n")...)
	lines = append(lines, "")
	y := dialogOffsetY + len(lines)
	sw := lipgloss.Width(stay)
	zones := []zone{
		{dialogOffsetX, y, dialogOffsetX + sw, y + 1, action{kind: actQuitStay}},
		{dialogOffsetX + sw + 2, y, dialogOffsetX + sw + 2 + lipgloss.Width(quit), y + 1, action{kind: actQuitConfirm}},
	}
	lines = append(lines, stay+"  "+quit)
	return m.dialogBox(lines), zones
}

// packKeys lays every binding out as "key description" items, as many to a
// line as fit, so no key is lost on a narrow screen.
func packKeys(h help.Model, groups [][]key.Binding, w int) string {
	var lines []string
	line := ""
	for _, group := range groups {
		for _, b := range group {
			item := h.Styles.FullKey.Render(b.Help().Key) + " " + h.Styles.FullDesc.Render(b.Help().Desc)
			switch {
			case line == "":
				line = item
			case lipgloss.Width(line)+3+lipgloss.Width(item) <= w:
				line += "   " + item
			default:
				lines = append(lines, line)
				line = item
			}
		}
	}
	return strings.Join(append(lines, line), "\n")
}

func (m *Model) helpView() (string, []zone) {
	w := m.dialogInner(70)
	h := m.help
	h.SetWidth(w)
	var lines []string
	lines = append(lines, m.st.DialogTitle.Render(m.text.HelpTitle), "")
	// Packed rather than in columns: columns drop whatever does not fit.
	lines = append(lines, strings.Split(packKeys(h, m.fullHelp(), w), "\n")...)
	lines = append(lines, "", m.st.Muted.Render(ansi.Truncate(m.text.HelpClose, w, "…")))
	box := m.dialogBox(fitLines(strings.Join(lines, "\n"), w, min(len(lines), m.bodyHeight()-2)))
	return box, []zone{{0, 0, lipgloss.Width(box), lipgloss.Height(box), action{kind: actCloseHelp}}}
}
