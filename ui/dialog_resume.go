package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/doc"
)

// resumeDialog offers the unfinished sessions at start, below "Start a new
// session", which is the first row and the default: enter, the key that
// means "go on" everywhere, must never hand one patient's session to the
// next. Rows tell sessions apart (mode, language, step, age, a doctor's
// file number) and show no answers; a session open in another window is
// listed but cannot be chosen.
type resumeDialog struct {
	cursor int    // 0 is the new session; i is offer i-1
	failed string // why the session chosen last could not be opened
}

func (d *resumeDialog) view(m *Model) (string, []zone) {
	w := m.dialogInner(64)
	lines := []string{m.st.DialogTitle.Render(m.text.ResumeTitle), ""}
	lines = append(lines, strings.Split(lipgloss.NewStyle().Width(w).Render(m.text.ResumeHelp), "\n")...)
	lines = append(lines, "")
	if d.failed != "" { // whole, never cut to one line
		lines = append(lines, strings.Split(m.st.Notice.Width(w).Render(d.failed), "\n")...)
		lines = append(lines, "")
	}
	var zones []zone
	// Each session takes two lines; the list scrolls to keep the cursor in view.
	rows := min(len(m.opt.Unfinished)+1, max(1, (m.bodyHeight()-len(lines)-5)/2))
	top := min(max(0, d.cursor-rows+1), len(m.opt.Unfinished)+1-rows)
	for i := top; i < top+rows; i++ {
		label, style, act := []string{m.text.ResumeNew}, m.st.MenuItem, action(closeDialog{})
		if i > 0 {
			label, act = m.offerLabel(i-1), resume(i-1)
			if m.opt.Unfinished[i-1].Locked {
				style, act = m.st.Muted, handled
			}
		}
		mark := "  "
		if i == d.cursor {
			mark, style = "› ", m.st.MenuFocus
		}
		zones = append(zones, zone{dialogOffsetX, dialogOffsetY + len(lines), dialogOffsetX + w, dialogOffsetY + len(lines) + len(label), act})
		for j, l := range label {
			if j > 0 {
				mark = "    "
			}
			lines = append(lines, style.Render(ansi.Truncate(mark+l, w, "…")))
		}
	}
	lines = append(lines, "", m.st.Muted.Render(ansi.Truncate(m.text.ResumeKeys, w, "…")))
	return m.dialogBox(lines), zones
}

// offerLabel is one unfinished session's two lines, with nothing from the
// record file reaching the terminal raw.
func (m *Model) offerLabel(i int) []string {
	lines := doc.OfferLines(m.text, m.opt.Unfinished[i], m.now())
	for j, l := range lines {
		lines[j] = sanitizeInput(l)
	}
	return lines
}

func (d *resumeDialog) key(m *Model, k tea.KeyPressMsg) action {
	n := len(m.opt.Unfinished) + 1
	switch dy := m.upDown(k); {
	case dy != 0:
		return do(func(*Model) tea.Cmd { d.cursor = cycle(d.cursor, dy, n, stopAtEnds); return nil })
	case key.Matches(k, m.keys.Choose):
		if d.cursor == 0 {
			return closeDialog{}
		}
		if m.opt.Unfinished[d.cursor-1].Locked {
			return do(func(m *Model) tea.Cmd { m.notice = m.text.ResumeLocked; return nil })
		}
		return resume(d.cursor - 1)
	case key.Matches(k, m.keys.Esc):
		return closeDialog{}
	case key.Matches(k, m.keys.Interrupt):
		return quitNow{}
	}
	return nil
}

// resume loads unfinished session i in the background.
type resume int

func (a resume) apply(m *Model) tea.Cmd {
	i := int(a)
	if i < 0 || i >= len(m.opt.Unfinished) || m.opt.Resume == nil || m.opt.Unfinished[i].Locked {
		return nil
	}
	m.dialog = nil
	code, load := m.opt.Unfinished[i].Code, m.opt.Resume
	return func() tea.Msg {
		s, notice, err := load(code)
		return resumedMsg{session: s, offer: i, notice: notice, err: err}
	}
}

// differsFromStart reports whether a resumed session's language or groups
// are not the ones the start-up asked for: the session keeps its own, and
// says so.
func (m *Model) differsFromStart() bool {
	langDiffers := m.opt.LangSet && m.opt.Lang != m.session.Lang
	groupsDiffer := len(m.opt.Groups) > 0 && !slices.Equal(m.opt.Groups, m.session.Groups)
	return langDiffers || groupsDiffer
}
