package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
)

// zone is a clickable rectangle of the screen; x1 and y1 are exclusive.
type zone struct {
	x0, y0, x1, y1 int
	act            action
}

func (z zone) contains(x, y int) bool { return x >= z.x0 && x < z.x1 && y >= z.y0 && y < z.y1 }

func (z zone) moved(dx, dy int) zone {
	return zone{z.x0 + dx, z.y0 + dy, z.x1 + dx, z.y1 + dy, z.act}
}

// compose draws the screen and lists its clickable zones. View and the mouse
// handler both use it, so what is clicked is always what is drawn.
func (m *Model) compose() (string, []zone) {
	if m.width <= 0 || m.height <= 0 {
		return "", nil
	}
	if m.crash != "" {
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, m.text.Restarting), nil
	}
	if m.abandoning != nil {
		return m.abandoningView()
	}
	if m.handoff {
		return strings.Join(fitLines(m.handoffView(), m.width, m.height), "\n"), []zone{{0, 0, m.width, m.height, closeDialog{}}}
	}
	if m.visit != nil {
		// The visit being entered stays behind the countdown, which is
		// the only thing that answers then.
		base := strings.Join(fitLines(m.visit.View().Content, m.width, m.height), "\n")
		if !m.countingDown() {
			return base, nil
		}
		box, _ := m.countdownView()
		c := lipgloss.NewCompositor(lipgloss.NewLayer(base),
			lipgloss.NewLayer(box).X(max(0, (m.width-lipgloss.Width(box))/2)).Y(max(0, (m.height-lipgloss.Height(box))/2)).Z(1))
		return c.Render(), nil
	}
	if m.tooSmall() {
		return m.tooSmallView(), nil
	}
	var zones []zone
	lines := m.headerLines()

	body, bz := m.bodyView()
	for _, z := range bz {
		zones = append(zones, z.moved(0, len(lines)))
	}
	lines = append(lines, fitLines(body, m.innerWidth(), m.bodyHeight())...)

	footer, fz := m.footerView()
	for _, z := range fz {
		zones = append(zones, z.moved(0, len(lines)))
	}
	lines = append(lines, footer...)

	pad := strings.Repeat(" ", m.margin())
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	for i := range zones {
		zones[i] = zones[i].moved(m.margin(), 0)
	}
	return strings.Join(fitLines(strings.Join(lines, "\n"), m.width, m.height), "\n"), zones
}

// fitLines makes text exactly h lines, none wider than w.
func fitLines(s string, w, h int) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		// No line is wider than its bytes: most need no measuring.
		if len(l) > w && cellWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

func (m *Model) tooSmallView() string {
	msg := fmt.Sprintf(m.text.TooSmall, m.width, m.height, minWidth, minHeight)
	box := m.st.TooSmall.Width(m.width).Align(lipgloss.Center).Render(msg)
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

func (m *Model) headerLines() []string {
	steps := m.session.Steps()
	k, n := m.session.Index()+1, len(steps)
	counter := fmt.Sprintf(m.text.StepOf, k, n)
	if m.vp.TotalLineCount() > m.vp.Height() && !m.vp.AtBottom() {
		// The page goes on below: say so, and how far the reader is.
		counter = fmt.Sprintf("↓%3.0f%%  %s", m.vp.ScrollPercent()*100, counter)
	}
	if m.session.Code != "" && !m.compact() && m.Keeps() {
		counter = m.session.Code + "  " + counter
	}
	if m.session.Training() {
		counter = m.st.Badge.Render(m.text.TrainingBadge) + " " + counter
	}
	count := m.st.StepCount.Render(counter)
	avail := m.innerWidth() - lipgloss.Width(count) - 1
	title := m.st.Title.Render(ansi.Truncate(m.screen().title(m.session.Current), max(1, avail), "…"))
	gap := max(1, m.innerWidth()-lipgloss.Width(title)-lipgloss.Width(count))
	lines := []string{title + strings.Repeat(" ", gap) + count, m.progress.ViewAs(float64(k) / float64(n))}
	if !m.compact() {
		// Whose guide this is, once the clinic has given its name.
		clinic := sanitizeInput(m.opt.Content.Clinic[m.session.Lang]["name"])
		lines = append(lines, m.st.Muted.Render(ansi.Truncate(clinic, m.innerWidth(), "…")))
	}
	return lines
}

// bodyView is the screen's own part, with any dialog drawn over it.
func (m *Model) bodyView() (string, []zone) {
	body, zones := m.screenView()
	if in := m.bodyIndent(); in > 0 {
		pad := strings.Repeat(" ", in)
		lines := strings.Split(body, "\n")
		for i, l := range lines {
			lines[i] = pad + l
		}
		body = strings.Join(lines, "\n")
		for i := range zones {
			zones[i] = zones[i].moved(in, 0)
		}
	}
	body = m.withPanel(body)
	if banner := m.banner(); banner != "" {
		// A failed save stays in view, whole, until a save succeeds.
		body = banner + "\n" + body
	}
	if m.dialog == nil && !m.countingDown() {
		return body, zones
	}
	var box string
	var dz []zone
	if m.countingDown() {
		box, dz = m.countdownView()
	} else {
		box, dz = m.dialog.view(m)
	}
	x := max(0, (m.innerWidth()-lipgloss.Width(box))/2)
	y := max(0, (m.bodyHeight()-lipgloss.Height(box))/2)
	base := strings.Join(fitLines(body, m.innerWidth(), m.bodyHeight()), "\n")
	c := lipgloss.NewCompositor(
		lipgloss.NewLayer(base),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	)
	zones = nil // the dialog is modal: only its own zones answer
	for _, z := range dz {
		zones = append(zones, z.moved(x, y))
	}
	return c.Render(), zones
}

// screenView is the current screen's body: its own drawing, or its fixed
// top over the scrolling page.
func (m *Model) screenView() (string, []zone) {
	scr := m.screen()
	if b, ok := scr.(bodyScreen); ok {
		return b.view()
	}
	top, zones := scr.top()
	if top == "" {
		return m.pageView(), nil
	}
	return top + "\n" + m.pageView(), zones
}

// pageView is the part of the page the viewport has scrolled to, padded
// with spaces to the viewport's size as its own View pads it. That View
// pads through lipgloss, which re-wraps every line: most of a scroll
// keystroke's time, for lines the renderer already fitted to the width.
func (m *Model) pageView() string {
	w, h := m.vp.Width(), m.vp.Height()
	var b strings.Builder
	top := m.vp.YOffset()
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		l := ""
		if top+i < len(m.pageLines) {
			l = m.pageLines[top+i]
		}
		b.WriteString(l)
		for range w - cellWidth(l) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// button is a clickable label; a disabled one is dimmed.
func (m *Model) button(label string, enabled bool, act action) button {
	if !enabled {
		return button{" " + label + " ", m.st.ButtonOff, act}
	}
	return button{" " + label + " ", m.st.Button, act}
}

func (m *Model) footerView() ([]string, []zone) {
	idx, n := m.session.Index(), len(m.session.Steps())
	nextLabel := m.text.Next
	switch {
	case idx == 0:
		nextLabel = m.text.Start
	case m.lastStep() && m.finished:
		nextLabel = m.text.FinishedButton
	case m.lastStep() && !m.Keeps():
		nextLabel = m.text.FinishNotKept
	case m.lastStep():
		nextLabel = m.text.Finish
	}
	var row []button
	if idx > 0 { // on step 1 there is nowhere to go back to
		row = append(row, m.button(m.text.Back, true, prevAction{}))
	}
	row = append(row, m.button(nextLabel, idx < n-1 || (m.opt.Store != nil && !m.finished), nextAction{}))
	if m.finished && !m.kiosk() && m.Keeps() { // nothing kept: nothing to amend
		row = append(row, m.button("a "+m.text.KeyAmend, true, amendAction{}))
	}
	if m.kiosk() {
		row = append(row, m.button(m.text.StaffButton, true, staffCall{}))
	}
	buttons, zones := buttonRow(row, " ", 0, 0)
	notice := m.liveNotice()
	if m.compact() {
		// One row: the buttons, then a notice or the pointer to help.
		right := m.st.Muted.Render(m.text.HelpShort)
		if notice != "" {
			right = m.st.Notice.Render(ansi.Truncate(notice, max(0, m.innerWidth()-lipgloss.Width(buttons)-2), "…"))
		} else {
			x := lipgloss.Width(buttons) + 2
			zones = append(zones, zone{x, 0, x + lipgloss.Width(right), 1, pressKey{m.keys.Help}})
		}
		return []string{buttons + "  " + right}, zones
	}
	// Two rows: the help bar gets the whole width, the buttons sit below.
	bar := m.st.Notice.Render(ansi.Truncate(notice, m.innerWidth(), "…"))
	var hz []zone
	switch {
	case notice == "" && m.finished:
		// A standing line: the session is final, and how to correct it.
		final := m.text.FinishedReadOnly
		if !m.Keeps() {
			final = m.text.NotKept
		}
		bar = m.st.Muted.Render(ansi.Truncate(final, m.innerWidth(), "…"))
	case notice == "":
		bar, hz = m.helpBar(m.screen().ShortHelp())
	}
	for i := range zones {
		zones[i] = zones[i].moved(0, 1)
	}
	return []string{bar, buttons}, append(zones, hz...)
}

// helpBar draws the short help as bubbles/help does, each item clickable
// as its key: touch users have no other way to ask, switch language, open
// the contents or the help.
func (m *Model) helpBar(bindings []key.Binding) (string, []zone) {
	// The same bar is drawn frame after frame: its styled items are made
	// again only when a key, the width or the style changed.
	var id strings.Builder
	fmt.Fprintf(&id, "%d %s %v %v", m.innerWidth(), m.style, m.ascii, m.kiosk())
	for _, kb := range bindings {
		fmt.Fprintf(&id, "\x00%v\x00%s\x00%s\x00%s", kb.Enabled(), strings.Join(kb.Keys(), "\x01"), kb.Help().Key, kb.Help().Desc)
	}
	if c := &m.helpBarDrawn; c.id == id.String() {
		return c.bar, slices.Clone(c.zones)
	}
	bar, zones := m.drawHelpBar(bindings)
	m.helpBarDrawn = helpBarDrawn{id.String(), bar, zones}
	return bar, slices.Clone(zones)
}

// helpBarDrawn is the last help bar drawn and what it was drawn from.
type helpBarDrawn struct {
	id, bar string
	zones   []zone
}

func (m *Model) drawHelpBar(bindings []key.Binding) (string, []zone) {
	st := m.help.Styles
	sep := st.ShortSeparator.Render(" • ")
	sepWidth := lipgloss.Width(sep)
	var b strings.Builder
	var zones []zone
	x, w := 0, m.innerWidth()-1 // room for the ellipsis
	for _, kb := range bindings {
		if !kb.Enabled() || (m.kiosk() && slices.Equal(kb.Keys(), m.keys.Quit.Keys())) {
			continue // a kiosk has no quit key to offer
		}
		item := st.ShortKey.Render(kb.Help().Key) + " " + st.ShortDesc.Render(kb.Help().Desc)
		gap, gapWidth, itemWidth := "", 0, lipgloss.Width(item)
		if x > 0 {
			gap, gapWidth = sep, sepWidth
		}
		if x+gapWidth+itemWidth > w {
			b.WriteString(st.Ellipsis.Render(" …"))
			zones = append(zones, zone{x, 0, x + 2, 1, pressKey{m.keys.Help}}) // the rest is in the help
			break
		}
		b.WriteString(gap + item)
		x += gapWidth
		zones = append(zones, zone{x, 0, x + itemWidth, 1, pressKey{kb}})
		x += itemWidth
	}
	return b.String(), zones
}

// pressKey is a click on a key's name: it does what pressing the key does.
type pressKey struct{ b key.Binding }

func (p pressKey) apply(m *Model) tea.Cmd {
	keys := p.b.Keys()
	if len(keys) == 0 {
		return nil
	}
	k := keyMsg(keys[0])
	if m.kiosk() {
		if c, done := m.kioskKey(k); done {
			return c
		}
	}
	return m.handleKey(k)
}

// keyMsg is the key press a key name stands for.
func keyMsg(name string) tea.KeyPressMsg {
	named := map[string]rune{
		"right": tea.KeyRight, "left": tea.KeyLeft, "up": tea.KeyUp, "down": tea.KeyDown,
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd, "f1": tea.KeyF1,
	}
	if c, ok := named[name]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if r := []rune(name); len(r) == 1 {
		return tea.KeyPressMsg{Code: r[0], Text: name}
	}
	if strings.HasPrefix(name, "ctrl+") && len(name) == 6 {
		return tea.KeyPressMsg{Code: rune(name[5]), Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{}
}

// fullHelp is what the help dialog lists: the current screen's own keys,
// then the global keys that still work there, so it never lists a key that
// does something else on this screen.
func (m *Model) fullHelp() [][]key.Binding {
	scr := m.screen()
	groups := scr.FullHelp()
	taken := map[string]bool{}
	for _, g := range groups {
		for _, b := range g {
			for _, k := range b.Keys() {
				taken[k] = true
			}
		}
	}
	search := scr.input() == inputSearch // printable keys go to the search
	_, ownBody := scr.(bodyScreen)       // no page scrolls behind it
	for _, g := range m.globalHelp(!ownBody) {
		var keep []key.Binding
		for _, b := range g {
			if stillWorks(b, taken, search) {
				keep = append(keep, b)
			}
		}
		if len(keep) > 0 {
			groups = append(groups, keep)
		}
	}
	return groups
}

// stillWorks reports whether any key of a global binding is left to it.
func stillWorks(b key.Binding, taken map[string]bool, search bool) bool {
	for _, k := range b.Keys() {
		if !taken[k] && !(search && len([]rune(k)) == 1) {
			return true
		}
	}
	return false
}

// globalHelp lists the global keys of this session's role and mode.
func (m *Model) globalHelp(scroll bool) [][]key.Binding {
	k, t := m.keys, m.text
	groups := [][]key.Binding{{k.Next, withHelp(k.Prev, "←/shift+tab", t.KeyPrev), withHelp(k.Choose, "enter", t.KeyNext), k.Menu}}
	if scroll {
		groups = append(groups, []key.Binding{
			key.NewBinding(key.WithKeys("up", "down", "j", "k"), key.WithHelp("↑/↓ j/k", t.KeyScroll)),
			key.NewBinding(key.WithKeys("pgup", "pgdown", "space"), key.WithHelp("pgup/pgdn/space", t.KeyPage)),
			key.NewBinding(key.WithKeys("ctrl+d", "ctrl+u"), key.WithHelp("ctrl+d/ctrl+u", t.KeyHalfPage)),
			key.NewBinding(key.WithKeys("home", "end", "g", "G"), key.WithHelp("home/end g/G", t.KeyTop)),
			k.Find.Open,
			key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n/N", t.KeySearchNext)),
		})
	}
	last := []key.Binding{k.Lang, k.Ask, k.Help}
	if m.opt.AskConsent && !m.session.Training() {
		last = append(last, k.Consent.Change)
	}
	if !m.kiosk() {
		last = append(last, withHelp(k.Quit, "q/ctrl+c", t.KeyQuit))
	}
	groups = append(groups, append(last, k.Esc))
	if m.session.Role == model.RoleDoctor || m.session.Role == model.RoleTrainer {
		groups = append(groups, []key.Binding{k.Panel, k.PanelUp})
	}
	if m.kiosk() {
		groups = append(groups, []key.Binding{k.Kiosk.CallStaff, k.Kiosk.StaffExit})
	}
	return groups
}

func withHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}
