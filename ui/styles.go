package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"stemcounsel/doc"
)

// styles is the app's whole palette and every lipgloss style, in one place.
type styles struct {
	Title, StepCount, Muted, Notice  lipgloss.Style
	Button, ButtonFocus, ButtonOff   lipgloss.Style
	Option, OptionFocus, OptionLabel lipgloss.Style
	Dialog, DialogTitle              lipgloss.Style
	MenuItem, MenuFocus, MenuCurrent lipgloss.Style
	TooSmall, Panel, Badge           lipgloss.Style
	ProgressFull, ProgressEmpty      color.Color
	Help                             help.Styles
}

// newStyles builds the styles of a render style from its palette (doc's, so
// the page and everything around it share one set of colours). A palette
// without colours marks focus with reverse video and titles with bold, in
// the terminal's own colours.
func newStyles(style string, ascii bool) styles {
	p, _ := doc.PaletteOf(style)
	c := doc.Color
	fg := func(hex string) lipgloss.Style { return lipgloss.NewStyle().Foreground(c(hex)) }
	on := func(text, bg string) lipgloss.Style { return fg(text).Background(c(bg)) }
	focus := on(p.Body, p.Focus).Bold(true)
	button, buttonFocus, badge := on(p.Body, p.Faint), on(p.OnAccent, p.Accent).Bold(true), on(p.OnBadge, p.Badge).Bold(true)
	if p.Colourless() {
		focus, buttonFocus, badge = focus.Reverse(true), buttonFocus.Reverse(true), badge.Reverse(true)
	}
	rounded, normal := lipgloss.RoundedBorder(), lipgloss.NormalBorder()
	if ascii {
		rounded, normal = lipgloss.ASCIIBorder(), lipgloss.ASCIIBorder()
	}
	s := styles{
		Title:         fg(p.Accent).Bold(true),
		StepCount:     fg(p.Muted),
		Muted:         fg(p.Muted),
		Notice:        fg(p.Notice).Bold(p.Colourless()),
		Button:        button,
		ButtonFocus:   buttonFocus,
		ButtonOff:     fg(p.Muted),
		Option:        fg(p.Body),
		OptionFocus:   focus,
		OptionLabel:   fg(p.Muted).Bold(true),
		Dialog:        lipgloss.NewStyle().Border(rounded).BorderForeground(c(p.Accent)).Padding(0, 1),
		DialogTitle:   fg(p.Accent).Bold(true),
		MenuItem:      fg(p.Body),
		MenuFocus:     focus,
		MenuCurrent:   fg(p.Accent),
		TooSmall:      lipgloss.NewStyle().Bold(true),
		Panel:         lipgloss.NewStyle().Border(normal).BorderForeground(c(p.Muted)).Padding(0, 1),
		Badge:         badge.Padding(0, 1),
		ProgressFull:  c(p.Accent),
		ProgressEmpty: c(p.Faint),
	}
	key, desc := fg(p.Body).Bold(true), fg(p.Muted)
	s.Help = help.Styles{
		ShortKey: key, ShortDesc: desc, ShortSeparator: desc, Ellipsis: desc,
		FullKey: key, FullDesc: desc, FullSeparator: desc,
	}
	return s
}
