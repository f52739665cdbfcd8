package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
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
}

func newStyles(dark bool) styles {
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("25"), lipgloss.Color("39"))
	text := ld(lipgloss.Color("235"), lipgloss.Color("252"))
	muted := ld(lipgloss.Color("243"), lipgloss.Color("245"))
	faint := ld(lipgloss.Color("252"), lipgloss.Color("238"))
	focusBg := ld(lipgloss.Color("153"), lipgloss.Color("24"))
	return styles{
		Title:         lipgloss.NewStyle().Bold(true).Foreground(accent),
		StepCount:     lipgloss.NewStyle().Foreground(muted),
		Muted:         lipgloss.NewStyle().Foreground(muted),
		Notice:        lipgloss.NewStyle().Foreground(ld(lipgloss.Color("130"), lipgloss.Color("214"))),
		Button:        lipgloss.NewStyle().Foreground(text).Background(faint),
		ButtonFocus:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("231")).Background(accent),
		ButtonOff:     lipgloss.NewStyle().Foreground(muted),
		Option:        lipgloss.NewStyle().Foreground(text),
		OptionFocus:   lipgloss.NewStyle().Bold(true).Foreground(text).Background(focusBg),
		OptionLabel:   lipgloss.NewStyle().Bold(true).Foreground(muted),
		Dialog:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		DialogTitle:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		MenuItem:      lipgloss.NewStyle().Foreground(text),
		MenuFocus:     lipgloss.NewStyle().Bold(true).Foreground(text).Background(focusBg),
		MenuCurrent:   lipgloss.NewStyle().Foreground(accent),
		TooSmall:      lipgloss.NewStyle().Bold(true),
		Panel:         lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(muted).Padding(0, 1),
		Badge:         lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("231")).Background(ld(lipgloss.Color("130"), lipgloss.Color("130"))).Padding(0, 1),
		ProgressFull:  accent,
		ProgressEmpty: faint,
	}
}
