package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"stemcounsel/doc"
)

// The colours follow the terminal's background when --style is auto or
// high-contrast. The session starts in the colourless style, which reads on
// any background, and asks the terminal; COLORFGBG, when the terminal's
// environment has it, decides first, and the terminal's own answer last.
// Nothing waits: a terminal that never answers keeps the colourless style.
// Over SSH both the environment and the answer are the client's, as Bubble
// Tea delivers them per program.

// backgroundQuery asks the terminal for its background, if the style cares.
func (m *Model) backgroundQuery() tea.Cmd {
	if !doc.Follows(m.opt.Style) {
		return nil
	}
	return tea.RequestBackgroundColor
}

// onEnv reads the session's environment: COLORFGBG for the background, and
// TERM=linux, whose console fonts lack rounded corners, block bars and most
// symbols, for ASCII glyphs.
func (m *Model) onEnv(env tea.EnvMsg) {
	if env.Getenv("TERM") == "linux" && (m.opt.Glyphs == "" || m.opt.Glyphs == "auto") && !m.ascii {
		m.ascii = true
		m.setStyle(m.style)
	}
	if dark, ok := doc.DarkFromCOLORFGBG(env.Getenv("COLORFGBG")); ok && doc.Follows(m.opt.Style) && !m.answered {
		m.setStyle(doc.ForBackground(m.opt.Style, dark))
	}
}

// onBackground takes the terminal's answer.
func (m *Model) onBackground(bg tea.BackgroundColorMsg) {
	if !doc.Follows(m.opt.Style) {
		return
	}
	m.answered = true
	m.setStyle(doc.ForBackground(m.opt.Style, bg.IsDark()))
}

// onProfile takes the terminal's colour depth. With 16 colours or fewer
// the palette would be rounded to the terminal's own ANSI colours, whose
// shades the user sets and the contrast test cannot know, so the
// colourless style is drawn instead (TERM=xterm, TERM=linux).
func (m *Model) onProfile(p tea.ColorProfileMsg) {
	m.fewColours = p.Profile != colorprofile.Unknown && p.Profile < colorprofile.ANSI256
	m.setStyle(m.style)
}

// setStyle draws everything, page and frame, in a render style.
func (m *Model) setStyle(style string) {
	if p, _ := doc.PaletteOf(style); m.fewColours && !p.Colourless() {
		style = doc.StyleBoth
	}
	m.style = style
	m.st = newStyles(style, m.ascii)
	m.help.Styles = m.st.Help
	m.progress.FullColor = m.st.ProgressFull
	m.progress.EmptyColor = m.st.ProgressEmpty
	full, empty := '█', '░'
	if m.ascii {
		full, empty = '#', '-'
	}
	m.progress.Full, m.progress.Empty = full, empty
	m.refresh(true)
}
